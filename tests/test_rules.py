"""Site rules: loading and validation, host matching, precedence, and what rules do to a page."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newsclean import RuleError, clean, errors
from newsclean.rules import Layer, RuleSet, load_path, load_text
from newsclean.rules.load import builtin_rules, discover, env_dirs

JAPANNEWS_URL = "https://japannews.yomiuri.co.jp/world/asia-pacific/20230130-87654/"
BUILTIN_PAGES = Path(__file__).resolve().parent.parent / "newsclean" / "rules" / "builtin" / "pages"

# A small news page: navigation, an article of four paragraphs with a promo line and a photo
# credit inside it, then a list of teasers.
PAGE = """<html><head><title>Harbour Bridge Reopens</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="story">
<h1>Harbour Bridge Reopens</h1>
<p>The harbour bridge reopened on Tuesday after eight months of repairs, the city council said.</p>
<p class="promo">Subscribe to our morning briefing, it is free and arrives before breakfast.</p>
<p>Engineers replaced forty steel cables and resurfaced the whole deck, at a cost of 12 million.</p>
<p>Photo: City Council / Jane Doe, taken from the northern pier on Monday afternoon.</p>
<p>Traffic is expected to return to normal by the weekend, when the last barriers come down.</p>
</div>
<div class="teasers"><h2>More news</h2>
<p><a href="/a">Council approves new budget, with more money for parks and schools.</a></p>
<p><a href="/b">Ferry timetable changes for the summer season, with later sailings.</a></p>
</div>
</body></html>"""

PROMO = "Subscribe to our morning briefing"
CREDIT = "Photo: City Council / Jane Doe"
ENGINEERS = "Engineers replaced forty steel cables"
TRAFFIC = "Traffic is expected to return to normal"


def _rules(text: str, rule_id: str = "site", layer: Layer = Layer.USER) -> RuleSet:
    return RuleSet((load_text(text, rule_id=rule_id, layer=layer),))


def _reasons(article, phrase: str) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return next(b.reasons for b in article.blocks if phrase in b.text)


# --- loading and validation -----------------------------------------------------------------------


def test_rule_file_loads_every_key(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    rule_file = tmp_path / "harbour.toml"
    rule_file.write_text(
        """
description = "Harbour Times"
hosts = ["harbour.example", "*.harbour.example"]
paths = ["/news/*"]
body = "div.story"
drop = [".promo", "//div[@class='teasers']"]
drop_text = ['^Photo:']
stop_at = '^More news$'
[label]
byline = '^By [A-Z]'
[weights]
w_link_density = -3.0
sidebar_min_items = 3
[[test]]
page = "page.html"
url = "https://harbour.example/news/1"
contains = ["reopened"]
""",
        encoding="utf-8",
    )
    (rule,) = load_path(tmp_path)
    assert rule.id == "harbour"
    assert rule.hosts == ("harbour.example", "*.harbour.example")
    assert rule.body is not None and rule.body.syntax == "css"
    assert [s.syntax for s in rule.drop] == ["css", "xpath"]
    assert [p.pattern for p in rule.drop_text] == ["^Photo:"]
    assert [label for label, _ in rule.labels] == ["byline"]
    assert dict(rule.weights) == {"w_link_density": -3.0, "sidebar_min_items": 3}
    assert rule.tests[0].page == str(tmp_path / "page.html")


@pytest.mark.parametrize(
    ("text", "key", "line", "what"),
    [
        ('hosts = ["a.example"]\nbodyy = "article"\n', "bodyy", 2, "unknown key"),
        ('hosts = ["a.example"]\n\ndrop_text = ["(unclosed"]\n', "drop_text", 3, "invalid regex"),
        ('hosts = ["a.example"]\ndrop = ["div[[["]\n', "drop", 2, "invalid CSS selector"),
        ('hosts = ["a.example"]\ndrop = ["//div[@"]\n', "drop", 2, "invalid xpath selector"),
        ('hosts = ["a.example"]\ndrop = ["//div[foo()]"]\n', "drop", 2, "invalid xpath selector"),
        ('hosts = ["a.example"]\n[weights]\nw_nothing = 1.0\n', "weights.w_nothing", 3, "unknown"),
        ('hosts = ["a.example"]\n[weights]\nsidebar_min_items = 2.5\n', "weights.sidebar_min_items",
         3, "expected int"),
        ('hosts = ["a.example"]\n[label]\nheadline = "x"\n', "label.headline", 3, "unknown key"),
        ('hosts = ["https://a.example/"]\n', "hosts", 1, "not a host name"),
        ('hosts = ["a.example"]\n[[test]]\ncontains = ["x"]\n', "test[0]", 2, "either 'page'"),
        ('hosts = ["a.example"]\nstop_at = 3\n', "stop_at", 2, "expected a string"),
    ],
)  # fmt: skip
def test_bad_rule_reports_file_key_line_and_problem(
    tmp_path: Path, text: str, key: str, line: int, what: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_path(path)
    message = str(info.value)
    assert str(path) in message
    assert f"key '{key}'" in message
    assert f"line {line}" in message
    assert what in message


def test_misspelled_weight_says_did_you_mean_instead_of_every_field() -> None:
    with pytest.raises(RuleError) as info:
        load_text('hosts = ["a.example"]\n[weights]\nw_link_desnity = -3.0\n', rule_id="typo")
    message = str(info.value)
    assert "key 'weights.w_link_desnity'" in message and "line 3" in message
    assert "did you mean 'w_link_density'?" in message
    # The fifty-odd Settings fields are not listed when one is close enough.
    assert "sidebar_min_items" not in message


def test_unknown_key_with_nothing_close_lists_the_allowed_keys() -> None:
    with pytest.raises(RuleError) as info:
        load_text('hosts = ["a.example"]\nzzz = 1\n', rule_id="odd")
    assert "did you mean" not in str(info.value)
    assert "allowed here: body, description, drop" in str(info.value)


def test_malformed_toml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('hosts = ["a.example"]\ndrop_text = "x\n', encoding="utf-8")
    with pytest.raises(RuleError, match=r"broken\.toml: not valid TOML: .*line 2"):
        load_path(path)


def test_missing_hosts_is_an_error() -> None:
    with pytest.raises(RuleError, match="'hosts' is missing"):
        load_text('drop_text = ["x"]\n', rule_id="nohost")


def test_bad_file_in_a_directory_fails_the_whole_load(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text('hosts = ["a.example"]\n', encoding="utf-8")
    (tmp_path / "worse.toml").write_text('hosts = ["b.example"]\nstop = "x"\n', encoding="utf-8")
    with pytest.raises(RuleError, match=r"worse\.toml"):
        load_path(tmp_path)


def test_clean_with_a_bad_rule_path_raises_rule_error(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text('hosts = ["a.example"]\ndrop_text = "["\n', "utf-8")
    with pytest.raises(RuleError, match="drop_text"):
        clean(PAGE, url="https://a.example/", rules=tmp_path)


# --- host matching --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "applies"),
    [
        ("https://harbour.example/news/1", True),
        ("http://HARBOUR.example:8080/news/2?x=1", True),
        ("https://www.harbour.example/news/1", False),
        ("https://notharbour.example/news/1", False),
        ("https://harbour.example.evil.test/news/1", False),
        ("https://harbour.example/sport/1", False),
        (None, False),
    ],
)
def test_exact_host_and_path_glob(url: str | None, applies: bool) -> None:
    rules = _rules('hosts = ["harbour.example"]\npaths = ["/news/*"]\n')
    assert bool(rules.for_url(url)) is applies


@pytest.mark.parametrize(
    ("host", "applies"),
    [("www.harbour.example", True), ("a.b.harbour.example", True), ("harbour.example", False)],
)
def test_wildcard_host_matches_subdomains_only(host: str, applies: bool) -> None:
    rules = _rules('hosts = ["*.harbour.example"]\n')
    assert bool(rules.for_url(f"https://{host}/x")) is applies


# --- what rules do --------------------------------------------------------------------------------


def test_rules_change_results_only_on_the_hosts_they_name() -> None:
    rules = _rules('hosts = ["harbour.example"]\ndrop_text = ["^Engineers replaced"]\n')
    on_site = clean(PAGE, url="https://harbour.example/news/1", rules=rules)
    assert ENGINEERS not in on_site.text
    assert "rule:site:drop_text" in _reasons(on_site, ENGINEERS)
    for url in ("https://other.example/news/1", "https://www.harbour.example/n", None):
        elsewhere = clean(PAGE, url=url, rules=rules)
        bare = clean(PAGE, url=url, rules=RuleSet.none())
        assert ENGINEERS in elsewhere.text
        assert elsewhere.blocks == bare.blocks
        assert not any(r.startswith("rule:") for b in elsewhere.blocks for r in b.reasons)


def test_rules_without_a_url_warn_that_host_rules_need_it() -> None:
    rules = _rules('hosts = ["harbour.example"]\ndrop_text = ["^Engineers replaced"]\n')
    alone = clean(PAGE, rules=rules)
    assert ENGINEERS in alone.text
    assert [w.split(":", 1)[0] for w in alone.warnings] == [errors.RULES_WITHOUT_URL]
    assert "URL" in alone.warnings[0]
    # With a URL, even of another host, the rules had their chance: no warning.
    for url in ("https://harbour.example/news/1", "https://other.example/"):
        assert errors.RULES_WITHOUT_URL not in str(clean(PAGE, url=url, rules=rules).warnings)
    # No rules asked for, or site rules switched off: nothing to warn about.
    for asked in (None, RuleSet.none(), RuleSet()):
        assert errors.RULES_WITHOUT_URL not in str(clean(PAGE, rules=asked).warnings)


def test_rule_set_is_importable_from_the_package() -> None:
    import newsclean

    assert newsclean.RuleSet is RuleSet and "RuleSet" in newsclean.__all__
    assert not clean(PAGE, url=JAPANNEWS_URL, rules=newsclean.RuleSet.none()).warnings


def test_for_host_lists_every_rule_of_the_host_whatever_its_paths() -> None:
    news = load_text('hosts = ["harbour.example"]\npaths = ["/news/*"]\n', rule_id="news")
    every = load_text('hosts = ["*.harbour.example", "harbour.example"]\n', rule_id="every")
    other = load_text('hosts = ["other.example"]\n', rule_id="other")
    rules = RuleSet((every, news, other))
    assert [r.id for r in rules.for_host("harbour.example")] == ["news", "every"]
    assert [r.id for r in rules.for_host("https://harbour.example/sport/1")] == ["news", "every"]
    assert [r.id for r in rules.for_url("https://harbour.example/sport/1")] == ["every"]
    assert rules.for_host("example.org") == () and rules.for_host(None) == ()


def test_drop_selectors_css_and_xpath_drop_with_provenance() -> None:
    rules = _rules(
        'hosts = ["harbour.example"]\ndrop = [".promo", "//p[starts-with(., \'Photo:\')]"]\n'
    )
    article = clean(PAGE, url="https://harbour.example/", rules=rules)
    assert PROMO not in article.text and CREDIT not in article.text
    assert _reasons(article, PROMO) == ("rule:site:drop",)
    assert _reasons(article, CREDIT) == ("rule:site:drop",)
    assert ENGINEERS in article.text and TRAFFIC in article.text


def test_xpath_may_use_exslt_regular_expressions() -> None:
    rules = _rules('hosts = ["harbour.example"]\ndrop = ["//p[re:test(., \'^Photo: \\\\w+\')]"]\n')
    article = clean(PAGE, url="https://harbour.example/", rules=rules)
    assert _reasons(article, CREDIT) == ("rule:site:drop",)
    assert _reasons(article, ENGINEERS) != ("rule:site:drop",)


def test_body_selector_drops_everything_outside_it() -> None:
    rules = _rules('hosts = ["harbour.example"]\nbody = "div.story"\n')
    article = clean(PAGE, url="https://harbour.example/", rules=rules)
    for phrase in ("Home News Sport", "More news", "Council approves"):
        assert _reasons(article, phrase) == ("rule:site:outside-body",)
    for phrase in (ENGINEERS, TRAFFIC):
        assert phrase in article.text
        assert _reasons(article, phrase)[0] == "rule:site:body"


def test_body_selector_that_matches_nothing_leaves_the_heuristics_alone() -> None:
    rules = _rules('hosts = ["harbour.example"]\nbody = "#no-such-element"\n')
    article = clean(PAGE, url="https://harbour.example/", rules=rules)
    assert article.text == clean(PAGE, rules=RuleSet.none()).text


def test_stop_at_drops_the_heading_and_everything_after_it() -> None:
    rules = _rules('hosts = ["harbour.example"]\nstop_at = "^Photo:"\n')
    article = clean(PAGE, url="https://harbour.example/", rules=rules)
    assert ENGINEERS in article.text
    assert CREDIT not in article.text and TRAFFIC not in article.text
    after = [b for b in article.blocks if b.index >= _index(article, CREDIT)]
    assert after and all(b.reasons == ("rule:site:stop_at",) and not b.kept for b in after)


def test_label_marks_captions_and_takes_them_out_of_the_body() -> None:
    rules = _rules('hosts = ["harbour.example"]\n[label]\ncaption = "^Photo:"\n')
    article = clean(PAGE, url="https://harbour.example/", rules=rules)
    block = next(b for b in article.blocks if CREDIT in b.text)
    assert block.kind.value == "caption"
    assert block.reasons == ("rule:site:label:caption",)
    assert CREDIT not in article.text


def test_drop_text_works_in_text_mode() -> None:
    text = (
        "The harbour bridge reopened on Tuesday after eight months of repairs, the council said.\n"
        "Our shop sells harbour souvenirs, open every day of the week, in the old customs house.\n"
        "Engineers replaced forty steel cables and resurfaced the whole deck at great expense.\n"
    )
    rules = _rules('hosts = ["harbour.example"]\ndrop_text = "^Our shop sells"\n')
    article = clean(text, url="https://harbour.example/", rules=rules)
    assert article.mode == "text"
    assert "souvenirs" not in article.text
    assert "resurfaced" in article.text
    assert "souvenirs" in clean(text, url="https://harbour.example/").text


def test_weights_override_settings_and_leave_a_reason() -> None:
    # A link-density weight far above zero makes the linked teasers the strongest blocks.
    rules = _rules('hosts = ["harbour.example"]\n[weights]\nw_link_density = 6.0\n')
    article = clean(PAGE, url="https://harbour.example/", rules=rules)
    plain = clean(PAGE, rules=RuleSet.none())
    teaser = next(b for b in article.blocks if "Council approves" in b.text)
    assert teaser.score > next(b for b in plain.blocks if "Council approves" in b.text).score
    assert "rule:site:weights" in teaser.reasons


# --- precedence -----------------------------------------------------------------------------------


def test_explicit_rules_shadow_a_builtin_rule_with_the_same_id() -> None:
    explicit = _rules('hosts = ["japannews.yomiuri.co.jp"]\n', rule_id="japannews")
    page = (BUILTIN_PAGES / "japannews-nato-korea.html").read_bytes()
    with_builtin = clean(page, url=JAPANNEWS_URL)
    shadowed = clean(page, url=JAPANNEWS_URL, rules=explicit)
    assert any("rule:japannews:stop_at" in b.reasons for b in with_builtin.blocks)
    assert not any("rule:japannews:stop_at" in b.reasons for b in shadowed.blocks)


def test_layers_order_rules_and_the_first_body_wins(tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "mine.toml").write_text('hosts = ["harbour.example"]\nbody = "div.story"\n', "utf-8")
    explicit = _rules('hosts = ["harbour.example"]\nbody = "div.teasers"\n', rule_id="call")
    site = explicit.in_layer(Layer.EXPLICIT).over(discover([user])).for_url("harbour.example")
    assert [(r.id, r.layer) for r in site] == [("call", Layer.EXPLICIT), ("mine", Layer.USER)]
    assert site.body is not None and site.body.id == "call"


def test_user_directory_over_builtin_and_earlier_directory_first(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for directory, body in ((first, "div.story"), (second, "div.teasers")):
        directory.mkdir()
        (directory / "japannews.toml").write_text(
            f'hosts = ["japannews.yomiuri.co.jp"]\nbody = "{body}"\n', "utf-8"
        )
    found = discover([first, second], entry_points=[])
    rule = found.get("japannews")
    assert rule is not None and rule.layer is Layer.USER
    assert rule.body is not None and rule.body.source == "div.story"
    assert {r.layer for r in found.shadowed} == {Layer.USER, Layer.BUILTIN}


def test_newsclean_rules_env_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import os

    (tmp_path / "envrule.toml").write_text(
        'hosts = ["harbour.example"]\ndrop_text = ["^Engineers"]\n', "utf-8"
    )
    monkeypatch.setenv("NEWSCLEAN_RULES", f"{tmp_path}{os.pathsep}")
    assert env_dirs() == (str(tmp_path),)
    article = clean(PAGE, url="https://harbour.example/")
    assert "rule:envrule:drop_text" in _reasons(article, ENGINEERS)
    monkeypatch.delenv("NEWSCLEAN_RULES")
    assert ENGINEERS in clean(PAGE, url="https://harbour.example/").text


def test_rule_set_none_switches_off_builtin_rules() -> None:
    page = (BUILTIN_PAGES / "japannews-nato-korea.html").read_bytes()
    article = clean(page, url=JAPANNEWS_URL, rules=RuleSet.none())
    assert not any(r.startswith("rule:") for b in article.blocks for r in b.reasons)


def test_eval_measures_the_heuristics_without_site_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsclean import eval as ev

    seen: list[object] = []

    def spy(source, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(kwargs.get("rules"))
        return clean(source, **kwargs)

    monkeypatch.setattr("newsclean.clean", spy)
    page = ev.Page("p", PAGE.encode(), "https://japannews.yomiuri.co.jp/x", "")
    ev.newsclean_html(page)
    assert seen == [RuleSet.none()]


# --- the built-in Japan News rule -----------------------------------------------------------------


def test_builtin_rules_are_only_named_sites() -> None:
    assert [r.id for r in builtin_rules()] == ["japannews"]
    assert builtin_rules().get("japannews").hosts == ("japannews.yomiuri.co.jp",)  # type: ignore[union-attr]


def test_japannews_html_popular_and_ranking_sections_stop_the_article() -> None:
    page = (BUILTIN_PAGES / "japannews-nato-korea.html").read_bytes()
    article = clean(page, url=JAPANNEWS_URL)
    assert article.paragraphs[-1].endswith("disaster response and other security areas.")
    assert sum("Stoltenberg" in p for p in article.paragraphs) >= 5
    for phrase in ("POPULAR ARTICLE", "Trucking Sector", "Tighter limits", "ACCESS RANKING",
                   "Streaming Services", "Copyright"):  # fmt: skip
        assert phrase not in article.text
        assert _reasons(article, phrase) == ("rule:japannews:stop_at",), phrase


def test_japannews_seed_text_keeps_its_exact_body_and_names_the_rule(samples: Path) -> None:
    source = (samples / "japannews-nato-korea.txt").read_text(encoding="utf-8")
    expected = (samples / "japannews-nato-korea.expected.txt").read_text(encoding="utf-8").strip()
    article = clean(source, url=JAPANNEWS_URL)
    assert article.text == expected
    tail = article.blocks[_index(article, '"News Services" POPULAR ARTICLE') :]
    assert len(tail) == 17  # the heading, 5 items with 5 separators, the ranking and 5 items
    assert all(b.reasons == ("rule:japannews:stop_at",) and not b.kept for b in tail)


def _index(article, phrase: str) -> int:  # type: ignore[no-untyped-def]
    return next(b.index for b in article.blocks if phrase in b.text)


# --- properties -----------------------------------------------------------------------------------

_LABEL = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)


@settings(max_examples=40, deadline=None)
@given(labels=st.lists(_LABEL, min_size=1, max_size=4), path=st.sampled_from(["/", "/news/1"]))
def test_no_rule_touches_a_page_of_a_host_it_does_not_name(labels: list[str], path: str) -> None:
    host = ".".join(labels)
    assume(host not in ("harbour.example", "japannews.yomiuri.co.jp"))
    rules = _rules('hosts = ["harbour.example"]\ndrop_text = ["^Engineers"]\ndrop = ["p"]\n')
    url = f"https://{host}{path}"
    # Against the same URL with no rules: the page-type guess reads the URL's shape.
    assert (
        clean(PAGE, url=url, rules=rules).blocks
        == clean(PAGE, url=url, rules=RuleSet.none()).blocks
    )
