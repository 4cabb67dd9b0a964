"""The explain report without a browser: grouping, counts, escaping, the terminal table, the CLI.

The HTML report is parsed back with lxml and read the way a browser would lay it out: block
elements with a ``kept``/``dropped`` class, the summary's ``data-*`` counts, sidebar sections.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from newsclean import Article, Block, Features, Kind, clean, explain
from newsclean.cli import main

SEED = "japannews-nato-korea.txt"
# The seed's two sidebar headings and the number of lines under each, counted in the sample file:
# five headlines with a "-" line before each, then five "- " headlines.
SEED_SECTIONS = {'"News Services" POPULAR ARTICLE': 10, "JN ACCESS RANKING": 5}

HOSTILE_LINES = (
    "<script>document.title = 'pwned'</script> is how the attack began, the report said.",
    '"><img src=x onerror=alert(1)> & </div></main><b>bold</b> [bold red]markup[/] here.',
)


def _block(index: int, text: str, *, kept: bool, reasons: tuple[str, ...]) -> Block:
    features = Features(chars=len(text), words=len(text.split()))
    return Block(index, text, Kind.PARAGRAPH, features, kept=kept, reasons=reasons)


def _seed(samples: Path) -> str:
    return (samples / SEED).read_text(encoding="utf-8")


def _dom(article: Article) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(explain.render_html(article))


def _blocks(dom: lxml.html.HtmlElement, verdict: str) -> list[lxml.html.HtmlElement]:
    return dom.xpath(f'//div[contains(concat(" ", @class, " "), " block {verdict} ")]')


# --- grouping and summary on hand-made blocks ----------------------------------------------------


def test_sidebar_heading_groups_the_items_that_name_it() -> None:
    blocks = [
        _block(0, "Body text.", kept=True, reasons=("body-stretch",)),
        _block(1, "Most read", kept=False, reasons=("sidebar-heading:most-popular",)),
        _block(2, "One", kept=False, reasons=("sidebar-section:most-popular", "after-heading:x")),
        _block(3, "Two", kept=False, reasons=("sidebar-section:most-popular", "after-heading:x")),
        _block(4, "Footer", kept=False, reasons=("outside-body",)),
    ]
    out = explain.entries(blocks)
    assert [type(e).__name__ for e in out] == ["Block", "Section", "Block"]
    section = out[1]
    assert isinstance(section, explain.Section)
    assert section.name == "most-popular"
    assert section.heading.index == 1
    assert [b.index for b in section.items] == [2, 3]


def test_adjacent_sections_and_foreign_items_stay_apart() -> None:
    blocks = [
        _block(0, "Most read", kept=False, reasons=("sidebar-heading:most-popular",)),
        _block(1, "One", kept=False, reasons=("sidebar-section:most-popular",)),
        _block(2, "Most read", kept=False, reasons=("sidebar-heading:most-popular",)),
        _block(3, "Two", kept=False, reasons=("sidebar-section:related",)),
    ]
    out = explain.entries(blocks)
    assert [e.heading.index for e in out if isinstance(e, explain.Section)] == [0, 2]
    assert [len(e.items) for e in out if isinstance(e, explain.Section)] == [1, 0]
    assert out[-1] == blocks[3]


def test_blocks_dropped_by_one_rule_are_grouped() -> None:
    stop = "rule:site:stop_at"
    blocks = [
        _block(0, "Body text.", kept=True, reasons=("rule:site:weights", "body-stretch")),
        _block(1, "Lone", kept=False, reasons=("rule:site:drop",)),
        _block(2, "Body again.", kept=True, reasons=("body-stretch",)),
        _block(3, "More news", kept=False, reasons=(stop,)),
        _block(4, "Teaser", kept=False, reasons=(stop,)),
        _block(5, "Teaser", kept=False, reasons=(stop,)),
    ]
    out = explain.entries(blocks)
    # A single ruled block stays a block; a kept block carrying a rule's weights is not a run.
    assert out[:3] == blocks[:3]
    assert out[3:] == [explain.RuleRun(stop, tuple(blocks[3:]))]


def test_summary_counts_blocks_characters_and_reasons() -> None:
    blocks = [
        _block(0, "abcde", kept=True, reasons=("body-stretch",)),
        _block(1, "abc", kept=True, reasons=("body-stretch",)),
        _block(2, "ab", kept=False, reasons=("sidebar-section:ranking", "after-heading:Top")),
        _block(3, "a", kept=False, reasons=("outside-body",)),
    ]
    summary = explain.summarize(Article(text="", blocks=tuple(blocks)))
    assert (summary.kept_blocks, summary.dropped_blocks) == (2, 2)
    assert (summary.kept_chars, summary.dropped_chars) == (8, 3)
    reasons = {r.reason: (r.kept, r.dropped, r.chars) for r in summary.top_reasons}
    # after-heading carries page text and duplicates sidebar-section: not counted.
    assert reasons == {"body-stretch": (2, 0, 8), "sidebar-section:ranking": (0, 1, 2),
                       "outside-body": (0, 1, 1)}  # fmt: skip
    assert summary.top_reasons[0].reason == "body-stretch"


def test_every_known_reason_of_the_seed_has_a_meaning(samples: Path) -> None:
    article = clean(_seed(samples))
    for block in article.blocks:
        for reason in block.reasons:
            assert explain.reason_meaning(reason), reason
    assert explain.reason_meaning("made-up-reason") == ""


# --- the HTML report -----------------------------------------------------------------------------


def test_report_counts_match_the_article(samples: Path) -> None:
    article = clean(_seed(samples))
    dom = _dom(article)
    kept, dropped = _blocks(dom, "kept"), _blocks(dom, "dropped")
    assert len(kept) == len(article.kept_blocks) == 9  # the nine body paragraphs of the seed
    assert len(kept) + len(dropped) == len(article.blocks)
    body = dom.body
    assert int(body.get("data-kept-count")) == len(kept)
    assert int(body.get("data-dropped-count")) == len(dropped)
    assert int(body.get("data-kept-chars")) == len(article.text) - 2 * (len(kept) - 1)
    assert dom.get_element_by_id("kept-count").text_content() == str(len(kept))
    assert dom.get_element_by_id("dropped-count").text_content() == str(len(dropped))
    assert [b.get("data-index") for b in kept] == [str(b.index) for b in article.kept_blocks]


def test_kept_and_dropped_differ_by_label_as_well_as_colour(samples: Path) -> None:
    dom = _dom(clean(_seed(samples)))
    for verdict, label in (("kept", explain.LABEL_KEPT), ("dropped", explain.LABEL_DROPPED)):
        for element in _blocks(dom, verdict):
            assert element.find_class("label")[0].text_content() == label


def test_sidebar_sections_are_grouped_under_their_heading(samples: Path) -> None:
    dom = _dom(clean(_seed(samples)))
    sections = dom.find_class("sidebar-section")
    assert int(dom.body.get("data-section-count")) == len(sections) == len(SEED_SECTIONS)
    for section, (heading, items) in zip(sections, SEED_SECTIONS.items(), strict=True):
        blocks = section.find_class("block")
        assert blocks[0].find_class("text")[0].text_content() == heading
        assert len(blocks) == 1 + items
        assert all("dropped" in b.classes for b in blocks)


def test_score_components_and_reasons_are_page_text(samples: Path) -> None:
    """Shown in the page itself (text content), not only in tooltips or attributes."""
    article = clean(_seed(samples))
    dom = _dom(article)
    for block in article.blocks:
        element = dom.get_element_by_id(f"block-{block.index}")
        shown = element.text_content()
        assert f"score {block.score:+.2f}" in shown
        assert all(reason in shown for reason in block.reasons)
        assert block.reasons
        for name, value in block.components:
            assert name in shown and f"{value:+.2f}" in shown


def test_page_text_is_escaped_not_markup() -> None:
    page = "\n".join(["A headline of the page", *HOSTILE_LINES, "Trailing words."])
    article = clean(page, kind="text")
    report = explain.render_html(article)
    dom = lxml.html.document_fromstring(report)
    assert dom.xpath("//script | //img | //b[text()='bold']") == []
    assert "<script>" not in report and "<img" not in report
    texts = [p.text_content() for p in dom.find_class("text")]
    assert HOSTILE_LINES[0] in texts and HOSTILE_LINES[1] in texts


def test_control_characters_and_lone_surrogates_are_replaced() -> None:
    blocks = (_block(0, "bad \x00 \x1b[31m \ud800 end.", kept=True, reasons=("body-stretch",)),)
    report = explain.render_html(Article(text="", blocks=blocks))
    report.encode("utf-8")  # a lone surrogate would make this raise
    text = lxml.html.document_fromstring(report).find_class("text")[0].text_content()
    assert text == "bad \ufffd \ufffd[31m \ufffd end."


def test_report_is_self_contained(samples: Path) -> None:
    page = (
        "<html><head><title>T</title><link rel=stylesheet href='https://cdn.example/x.css'>"
        "</head><body><article><p>A paragraph of the article, long enough to be the body of it, "
        "with <a href='https://example.com/a'>a link</a> inside.</p></article></body></html>"
    )
    article = clean(page, url="https://example.com/news/1")
    for report in (explain.render_html(article), explain.render_html(article, page=page)):
        dom = lxml.html.document_fromstring(report)
        assert dom.xpath("//script | //link | //img | //object | //@src") == []
        # Links only move within the report; the only frame is the sandboxed page view.
        assert all(href.startswith("#") for href in dom.xpath("//@href"))
        assert dom.xpath("//iframe[not(@sandbox='') or @src]") == []
        assert "url(" not in report and "@import" not in report
        csp = dom.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert csp == [explain.CONTENT_SECURITY_POLICY]
        assert "default-src 'none'" in csp[0]


def test_html_input_reports_its_blocks_and_sidebar() -> None:
    page = (
        "<html><head><title>Story - Example News</title></head><body><nav><a href='/'>Home</a> "
        "<a href='/world'>World</a></nav><article><h1>Story</h1>"
        + "".join(
            f"<p>Paragraph {n} of the story tells what happened, where, and why it matters to "
            f"the readers of this page.</p>"
            for n in range(1, 5)
        )
        + "</article><aside><h2>Most popular</h2><ul>"
        + "".join(f"<li><a href='/{n}'>Headline number {n} of the list</a></li>" for n in range(5))
        + "</ul></aside></body></html>"
    )
    article = clean(page)
    assert article.mode == "html"
    dom = _dom(article)
    assert len(_blocks(dom, "kept")) == len(article.kept_blocks) == 4
    assert len(_blocks(dom, "dropped")) == len(article.blocks) - 4
    sections = dom.find_class("sidebar-section")
    assert len(sections) == 1
    assert sections[0].find_class("text")[0].text_content() == "Most popular"
    assert len(sections[0].find_class("block")) == 6


def test_empty_page_gives_an_empty_report_with_its_warning() -> None:
    article = clean(b"")
    dom = _dom(article)
    assert _blocks(dom, "kept") == _blocks(dom, "dropped") == []
    assert dom.body.get("data-kept-count") == "0"
    assert "empty-input" in dom.find_class("warning")[0].text_content()


# --- the terminal table --------------------------------------------------------------------------


def test_text_report_shows_every_block_and_takes_page_text_literally() -> None:
    page = "\n".join(["A headline of the page", *HOSTILE_LINES, "Trailing words."])
    article = clean(page, kind="text")
    buffer = io.StringIO()
    explain.render_text(article, Console(file=buffer, width=200, color_system=None))
    out = buffer.getvalue()
    assert "[bold red]markup[/]" in out
    assert out.count(explain.LABEL_KEPT) == len(article.kept_blocks)
    assert out.count(explain.LABEL_DROPPED) == len(article.blocks) - len(article.kept_blocks)


def test_text_report_groups_the_seed_sections(samples: Path) -> None:
    buffer = io.StringIO()
    explain.render_text(clean(_seed(samples)), Console(file=buffer, width=200, color_system=None))
    out = buffer.getvalue()
    assert "dropped sidebar section: most-popular (11 blocks)" in out
    assert "dropped sidebar section: ranking (6 blocks)" in out


# --- the command line ----------------------------------------------------------------------------


def test_cli_writes_the_html_report(samples: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["explain", str(samples / SEED), "-o", str(out)]) == 0
    dom = lxml.html.document_fromstring(out.read_text(encoding="utf-8"))
    assert dom.body.get("data-kept-count") == "9"


def test_cli_json_has_components_and_summary(
    samples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explain", str(samples / SEED), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["kept_blocks"] == sum(b["kept"] for b in report["blocks"]) == 9
    assert report["summary"]["sections"] == 2
    assert all("components" in b and b["reasons"] for b in report["blocks"])


def test_cli_text_format_to_a_file(samples: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    assert main(["explain", str(samples / SEED), "--format", "text", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "JN ACCESS RANKING" in text and "\x1b[" not in text


def test_cli_passes_site_rules_through(tmp_path: Path) -> None:
    (tmp_path / "example.toml").write_text(
        "hosts = [\"news.example\"]\nstop_at = ['^More news$']\n", encoding="utf-8"
    )
    page = tmp_path / "page.txt"
    page.write_text(
        "The first paragraph of the story, with a comma and an ending.\n"
        "The second paragraph, which also ends like a sentence does.\n"
        "More news\nOne teaser line here\nAnother teaser line here\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    args = ["explain", str(page), "--url", "https://news.example/a", "-o", str(out)]
    assert main([*args, "--rules", str(tmp_path)]) == 0
    dom = lxml.html.document_fromstring(out.read_text(encoding="utf-8"))
    runs = dom.find_class("rule-run")
    assert len(runs) == 1 and dom.body.get("data-rule-run-count") == "1"
    texts = [t.text_content() for t in runs[0].find_class("text")]
    assert texts == ["More news", "One teaser line here", "Another teaser line here"]
    reason = runs[0].get("data-reason")
    assert reason.startswith("rule:") and reason.endswith(":stop_at")
    assert main([*args, "--rules", str(tmp_path / "missing")]) == 2


def test_cli_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["explain", str(tmp_path / "missing.html")]) == 2


# --- properties ----------------------------------------------------------------------------------

# Lines of any characters, with markup, entities and rich markup mixed in.
LINE = st.lists(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
    | st.sampled_from(["<script>", "</div>", "&amp;", "<!--", "]]>", '"', "'", "[/]", "\x00"]),
    min_size=1,
    max_size=8,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=12))
def test_any_text_page_renders_to_a_report_with_the_same_counts(lines: list[str]) -> None:
    article = clean("\n".join(lines), kind="text")
    dom = _dom(article)
    assert len(_blocks(dom, "kept")) == len(article.kept_blocks)
    assert len(_blocks(dom, "kept")) + len(_blocks(dom, "dropped")) == len(article.blocks)
    assert dom.xpath("//script") == []
    shown = [p.text_content() for p in dom.find_class("text")]
    assert shown == [explain.UNSAFE_CHARS.sub("\ufffd", b.text) for b in article.blocks]
