"""The tree: built as browsers build it (HTML5 tree construction), libxml2 as the fallback."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from test_properties import FRAGMENTS

from newsclean import clean, parse
from newsclean.bench import load_samples
from newsclean.settings import Settings

PROSE = (
    "The harbour authority said on Tuesday that the northern pier would reopen next month, after "
    "engineers finished replacing the corroded steel supports beneath the deck."
)
# A site header whose menu button leaves a <div> open before </button>: libxml2 keeps the button
# open, so the whole <main> after the header lands inside <header><button>.
UNCLOSED_IN_BUTTON = (
    "<html><body><header><button class=menu><div>Menu<div></button></header>"
    f"<main><p>{PROSE}</p></main></body></html>"
)


def ancestors(tree, xpath: str) -> list[str]:
    return [a.tag for a in tree.xpath(xpath)[0].iterancestors()]


def test_an_unclosed_element_in_a_header_button_does_not_swallow_main() -> None:
    assert ancestors(parse.parse_html(UNCLOSED_IN_BUTTON), "//p") == ["main", "body", "html"]


def test_libxml2_alone_nests_main_inside_the_button() -> None:
    libxml2 = Settings(html5_tree=False)
    assert "button" in ancestors(parse.parse_html(UNCLOSED_IN_BUTTON, libxml2), "//p")


def test_the_article_after_such_a_header_is_kept() -> None:
    assert clean(UNCLOSED_IN_BUTTON).text == PROSE
    assert clean(UNCLOSED_IN_BUTTON, settings=Settings(html5_tree=False)).text == ""


def test_nul_stays_visible_as_a_replacement_character() -> None:
    html = parse.html5_markup("<p>pi\x00er</p>")
    assert "pi\ufffder" in html


def test_nesting_bound_counts_open_non_void_elements() -> None:
    deep = "<div>" * 12_000 + "x" + "</div>" * 12_000
    assert parse.nesting_bound(deep) == 12_000
    flat = "<p>a<br>b<img src=x></p>" * 6_000
    assert parse.nesting_bound(flat) == 1


def test_pages_nesting_deeper_than_the_bound_are_still_parsed() -> None:
    depth = parse.HTML5_MAX_NESTING + 1_000
    article = clean("<div>" * depth + f"<p>{PROSE}</p>" + "</div>" * depth)
    assert PROSE in article.text


# What ``parse.misnested`` answers, as the XPath it replaced says it: one reading each way.
MISNESTED_XPATH = etree.XPath(
    "boolean((//main|//article)[ancestor::button or ancestor::span"
    " or ancestor::label or ancestor::select or ancestor::option or ancestor::p or ancestor::li"
    " or ancestor::header or ancestor::nav or ancestor::footer]"
    " | (//button|//select|//label)"
    "//*[self::p or self::h1 or self::h2 or self::section or self::ul or self::table])"
)
NESTINGS = (
    UNCLOSED_IN_BUTTON,
    "<p><article>x</article></p>",
    "<nav><div><main>x</main></div></nav>",
    "<main><nav>x</nav></main>",
    "<label><h2>x</h2></label>",
    "<button>x</button><p>y</p>",
    "<select><option><table><tr><td>x</td></tr></table></option></select>",
    "<span><section>x</section></span><article>y</article>",
    "<!-- <main> --><div>x</div>",
    "<main>x</main>",
)


@pytest.mark.parametrize("markup", NESTINGS)
def test_misnested_answers_as_the_xpath(markup: str) -> None:
    root = parse.parse_html(f"<html><body>{markup}</body></html>", Settings(html5_tree=False))
    assert root is not None
    assert parse.misnested(root) is MISNESTED_XPATH(root)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS + NESTINGS), max_size=40).map("".join))
def test_misnested_answers_as_the_xpath_on_random_markup(markup: str) -> None:
    root = parse.parse_html(f"<html><body>{markup}</body></html>", Settings(html5_tree=False))
    if root is not None:
        assert parse.misnested(root) is MISNESTED_XPATH(root)


def test_misnested_answers_as_the_xpath_on_the_benchmark_pages(aeb: Path) -> None:
    found = 0
    for sample in load_samples(aeb):
        root = parse.parse_html(parse.decode(sample.html).text, Settings(html5_tree=False))
        assert root is not None
        assert parse.misnested(root) is MISNESTED_XPATH(root), sample.name
        found += parse.misnested(root)
    assert found  # some benchmark pages are misnested: the test reads both answers


def test_valid_utf8_is_handed_to_the_parser_as_decoded() -> None:
    data = f"<html><body><p>{PROSE} – déjà vu</p></body></html>".encode()
    decoded = parse.decode(data)
    assert decoded.utf8 is data
    assert parse.decode(b"\xef\xbb\xbf" + data).utf8 is None  # a BOM: not the text's UTF-8
    assert parse.decode("<p>déjà</p>".encode("cp1252")).utf8 is None
    given_bytes = parse.parse_page(decoded.text, utf8=decoded.utf8).tree
    encoded = parse.parse_page(decoded.text).tree
    assert etree.tostring(given_bytes) == etree.tostring(encoded)


@pytest.mark.parametrize(
    "source", [b"", b" \t\r\n\x0b\x0c", "", " \n\u3000\u2028\u00a0", "\x1c\x1d\x1e\x1f\x85"]
)
def test_white_space_alone_is_empty_input(source: bytes | str) -> None:
    # The emptiness tests read the white space without copying the page (isspace, not strip).
    article = clean(source)
    assert article.text == "" and any(w.startswith("empty-input") for w in article.warnings)


def test_a_page_ending_in_white_space_is_read() -> None:
    assert PROSE in clean(f"<html><body><p>{PROSE}</p></body></html>\n\n".encode()).text
