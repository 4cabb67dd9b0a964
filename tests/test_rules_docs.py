"""The example of docs/rules.md is a working rule, and its test passes on a page of that site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsclean import RuleError, clean
from newsclean.rules import RuleSet, load_file, load_text
from newsclean.rules.tools import run_tests

DOC = Path(__file__).resolve().parent.parent / "docs" / "rules.md"

# A Harbour Times page: the article in div.story with a photo caption, a promo line and a
# newsletter box, then a teaser list under "More news".
BRIDGE_PAGE = """<html><head><title>Harbour Bridge Reopens | Harbour Times</title></head><body>
<nav><a href="/">Home</a> <a href="/news/">News</a></nav>
<div class="story">
<h1>Harbour Bridge Reopens</h1>
<p>By Jane Doe</p>
<p>Photo: The bridge from the northern pier, on Monday afternoon before the reopening.</p>
<p>Read more: our bridge repair timeline, month by month since the closure last spring.</p>
<p>The harbour bridge reopened on Tuesday after eight months of repairs, the city council said.</p>
<p class="promo">Subscribe to our morning briefing, it is free and arrives before breakfast.</p>
<p>Engineers replaced forty steel cables and resurfaced the whole deck, at a cost of 12 million.</p>
<aside id="newsletter"><p>Get the Harbour Times newsletter every morning, free.</p></aside>
<p>Traffic is expected to return to normal by the weekend, when the last barriers come down.</p>
<h2>More news</h2>
<p><a href="/news/a">Council approves new budget, with more money for parks and schools.</a></p>
</div>
</body></html>"""


def _doc_example() -> str:
    return re.search(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)[1]  # type: ignore[index]


def test_doc_example_rule_passes_its_own_test(tmp_path: Path) -> None:
    (tmp_path / "harbour.toml").write_text(_doc_example(), encoding="utf-8")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "bridge.html").write_text(BRIDGE_PAGE, encoding="utf-8")
    rule = load_file(tmp_path / "harbour.toml")
    outcomes = run_tests(RuleSet((rule,)), [rule])
    assert [o.problems for o in outcomes] == [()]


def test_doc_example_rule_decides_each_block(tmp_path: Path) -> None:
    rules = RuleSet((load_text(_doc_example(), rule_id="harbour"),), inherit=False)
    article = clean(BRIDGE_PAGE, url="https://harbourtimes.example/news/bridge", rules=rules)
    by_start = {b.text[:12]: b for b in article.blocks}
    assert by_start["Home News"].reasons == ("rule:harbour:weights", "rule:harbour:outside-body")
    assert "rule:harbour:label:byline" in by_start["By Jane Doe"].reasons
    assert by_start["Photo: The b"].kind.value == "caption"
    assert "rule:harbour:drop" in by_start["Subscribe to"].reasons
    assert "rule:harbour:drop" in by_start["Get the Harb"].reasons
    assert "rule:harbour:stop_at" in by_start["More news"].reasons
    assert "rule:harbour:stop_at" in by_start["Council appr"].reasons
    assert "rule:harbour:drop_text" in by_start["Read more: o"].reasons
    assert article.paragraphs == (
        "The harbour bridge reopened on Tuesday after eight months of repairs, the city council "
        "said.",
        "Engineers replaced forty steel cables and resurfaced the whole deck, at a cost of 12 "
        "million.",
        "Traffic is expected to return to normal by the weekend, when the last barriers come down.",
    )
    # The path glob limits the rule to /news/ pages of the host.
    elsewhere = clean(BRIDGE_PAGE, url="https://harbourtimes.example/sport/x", rules=rules)
    assert not any(r.startswith("rule:") for b in elsewhere.blocks for r in b.reasons)


@pytest.mark.parametrize(
    ("change", "line"),
    [
        (("drop_text = ['^Read more:',", "drop_text = ['^Read more: (',"), 7),
        (('body = "div.story"', 'bodyy = "div.story"'), 5),
    ],
)
def test_doc_error_messages_are_the_real_ones(change: tuple[str, str], line: int) -> None:
    broken = _doc_example().replace(*change)
    assert broken != _doc_example()
    with pytest.raises(RuleError) as info:
        load_text(broken, rule_id="harbour", origin="rules/harbour.toml")
    assert f"rules/harbour.toml, line {line}: " in str(info.value)
    assert str(info.value) in DOC.read_text(encoding="utf-8")
