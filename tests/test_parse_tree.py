"""The tree: built as browsers build it (HTML5 tree construction), libxml2 as the fallback."""

from __future__ import annotations

from newsclean import clean, parse
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
