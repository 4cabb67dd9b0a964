"""Article → Markdown and HTML (newsclean/render.py), on pages cut by the real segmentation with
every block kept, so that the structure comes from the tree as it does in ``clean()``."""

from __future__ import annotations

import re
from collections import Counter

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.blocks import segment_tree
from newsclean.model import Article, Block, Features, Kind


def article(body: str, *, title: str | None = None, url: str | None = None) -> Article:
    """An article whose blocks are every block of ``body``, all kept."""
    root = lxml.html.fromstring(f"<html><body>{body}</body></html>")
    blocks, _ = segment_tree(root, max_blocks=10_000)
    kept = tuple(b.with_reason("test", kept=True) for b in blocks)
    return Article(text="", title=title, url=url, blocks=kept)


def test_headings_keep_their_level_and_the_title_comes_first_once() -> None:
    page = article("<h1>Bridge</h1><p>Text.</p><h3>Costs</h3><p>More.</p>", title="Bridge")
    assert page.to_markdown() == "# Bridge\n\nText.\n\n### Costs\n\nMore."


def test_nested_lists_are_indented_under_their_item() -> None:
    page = article(
        "<ul><li>one</li><li>two<ul><li>two a</li><li>two b</li></ul></li><li>three</li></ul>"
    )
    assert page.to_markdown() == "- one\n- two\n    - two a\n    - two b\n- three"


def test_ordered_lists_are_numbered_and_two_lists_stay_apart() -> None:
    page = article("<ol><li>mix</li><li>bake</li></ol><ul><li>salt</li></ul>")
    assert page.to_markdown() == "1. mix\n2. bake\n\n- salt"


def test_an_item_cut_by_a_line_break_stays_one_item() -> None:
    page = article("<ul><li>Name<br>what it does</li><li>Other</li></ul>")
    assert page.to_markdown() == "- Name what it does\n- Other"


def test_table_becomes_a_gfm_table_with_its_header() -> None:
    page = article(
        "<table><tr><th>Team</th><th>Won</th></tr><tr><td>Reds | Blues</td><td>3</td></tr>"
        "<tr><td>Greens</td><td>1</td></tr></table>"
    )
    assert page.to_markdown() == (
        "| Team | Won |\n| --- | --- |\n| Reds \\| Blues | 3 |\n| Greens | 1 |"
    )


def test_table_without_header_row_gets_an_empty_one() -> None:
    page = article("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>")
    assert page.to_markdown() == "|  |  |\n| --- | --- |\n| a | b |\n| c |  |"


def test_layout_table_comes_back_as_paragraphs() -> None:
    page = article("<table><tr><td><p>First paragraph.</p><p>Second one.</p></td></tr></table>")
    assert page.to_markdown() == "First paragraph.\n\nSecond one."


def test_quotation_paragraphs_stay_in_one_block_quote() -> None:
    page = article("<blockquote><p>We will.</p><p>Soon.</p></blockquote><p>After.</p>")
    assert page.to_markdown() == "> We will.\n>\n> Soon.\n\nAfter."


def test_code_block_keeps_its_line_breaks_and_indentation() -> None:
    page = article("<pre><code>def f():\n    return 1\n</code></pre>")
    assert page.to_markdown() == "```\ndef f():\n    return 1\n```"


def test_code_with_a_fence_inside_gets_a_longer_fence() -> None:
    page = article("<pre>```\nx\n```</pre>")
    assert page.to_markdown() == "````\n```\nx\n```\n````"


def test_text_that_looks_like_markup_is_escaped() -> None:
    page = article(
        "<p># not a heading</p><p>- not an item</p><p>2024. was a year</p><p>2024-05 stays</p>"
    )
    assert page.to_markdown() == (
        "\\# not a heading\n\n\\- not an item\n\n2024\\. was a year\n\n2024-05 stays"
    )


def test_a_paragraph_that_opens_with_a_rank_is_a_numbered_item_keeping_its_number() -> None:
    page = article("<p>Why it matters.</p><p>3. Cost of the cables</p><p>More text.</p>")
    assert page.to_markdown() == "Why it matters.\n\n3. Cost of the cables\n\nMore text."
    assert '<ol><li value="3">Cost of the cables</li></ol>' in page.to_html()


def test_links_only_when_asked_resolved_against_the_url() -> None:
    body = '<p>See <a href="/a">the report</a> and <a href="javascript:x()">this</a>.</p>'
    page = article(body, url="https://example.com/news/1")
    assert page.to_markdown() == "See the report and this."
    assert page.to_markdown(links=True) == "See [the report](<https://example.com/a>) and this."
    assert '<a href="https://example.com/a">the report</a>' in page.to_html(links=True)


def test_html_nests_lists_inside_their_item_and_escapes_text() -> None:
    page = article("<ul><li>a &amp; b<ol><li>x</li></ol></li><li>c</li></ul>")
    assert "<ul><li>a &amp; b<ol><li>x</li></ol></li><li>c</li></ul>" in page.to_html()


def test_html_is_a_minimal_document_with_the_structures() -> None:
    page = article(
        "<h2>Costs</h2><table><thead><tr><th>k</th><th>v</th></tr></thead>"
        "<tr><td>a</td><td>1</td></tr></table><pre>x  = 1</pre>",
        title="T <1>",
    )
    html = page.to_html()
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>T &lt;1&gt;</title>" in html and "<h1>T &lt;1&gt;</h1>" in html
    assert "<h2>Costs</h2>" in html
    assert (
        "<table><thead><tr><th>k</th><th>v</th></tr></thead>"
        "<tbody><tr><td>a</td><td>1</td></tr></tbody></table>"
    ) in html
    assert "<pre><code>x  = 1</code></pre>" in html
    assert "class=" not in html and "<script" not in html


def test_dropped_blocks_are_left_out() -> None:
    page = article("<p>Body.</p><p>Most popular</p>")
    kept, dropped = page.blocks
    page = Article(text="", blocks=(kept, dropped.with_reason("furniture", kept=False)))
    assert page.to_markdown() == "Body."


def test_blocks_without_a_tree_render_by_kind_alone() -> None:
    """The batch writer's case: blocks built by hand (or from plain text) carry no tag path."""

    def block(i: int, text: str, kind: Kind, level: int = 0) -> Block:
        features = Features(chars=len(text), words=len(text.split()), heading_level=level)
        return Block(i, text, kind, features, kept=True)

    blocks = (
        block(0, "Bridge stays open", Kind.HEADING, 1),
        block(1, "The council voted.", Kind.PARAGRAPH),
        block(2, "What it costs", Kind.HEADING, 3),
        block(3, "cables", Kind.LIST_ITEM),
        block(4, "deck", Kind.LIST_ITEM),
        block(5, "It is safe, the engineer said.", Kind.QUOTE),
        block(6, "x = 1", Kind.PREFORMATTED),
        Block(7, "Most popular", Kind.HEADING, Features(chars=12, words=2), kept=False),
    )
    page = Article(text="", title="Bridge stays open", blocks=blocks)
    assert page.to_markdown() == (
        "# Bridge stays open\n\nThe council voted.\n\n### What it costs\n\n- cables\n- deck\n\n"
        "> It is safe, the engineer said.\n\n```\nx = 1\n```"
    )


def test_segmentation_records_links_and_preformatted_text() -> None:
    root = lxml.html.fromstring(
        '<html><body><p>Read <a href="/x"> the  full\nstory </a> now.</p>'
        "<pre>a\n  b</pre></body></html>"
    )
    (para, pre), _ = segment_tree(root, max_blocks=100)
    assert para.text == "Read the full story now."
    assert para.features.links == ((" the  full\nstory ", "/x"),)
    assert (pre.text, pre.features.verbatim) == ("a b", "a\n  b")


def test_paragraphs_that_open_with_a_bullet_glyph_are_a_list() -> None:
    page = article(
        "<p>Pack:</p><p>• Sweat towel</p><p>• Water bottle</p>"
        "<p>*Note: an asterisk note</p><p>— A line of dialogue.</p>"
    )
    assert page.to_markdown() == (
        "Pack:\n\n- Sweat towel\n- Water bottle\n\n*Note: an asterisk note\n\n— A line of dialogue."
    )


def test_bullet_lines_inside_an_item_are_items_below_it() -> None:
    page = article(
        "<ul><li><span>Workshop at:</span><br>* Visits<br>* Fairs</li><li>Next</li></ul>"
    )
    assert page.to_markdown() == "- Workshop at:\n    - Visits\n    - Fairs\n- Next"


# Words, numbers left out: list markers ("2.") are numbers the writer adds.
WORD = re.compile(r"\w*[^\W\d]\w*")
# Elements the property test builds pages from, with words and Markdown-like marks for text.
ELEMENTS = [
    "p",
    "h2",
    "h4",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "th",
    "blockquote",
    "pre",
    "div",
]
TEXTS = ["alpha beta", "3. gamma", "• delta", "# eps", "| zeta |", "eta\n  theta", "1999", "x*y"]


@st.composite
def pages(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 4 and draw(st.booleans()):
            tag = draw(st.sampled_from(ELEMENTS))
            parts.append(f"<{tag}>{draw(pages(depth + 1))}</{tag}>")
        else:
            parts.append(draw(st.sampled_from(TEXTS)))
    return "".join(parts)


@settings(max_examples=150, deadline=None)
@given(pages())
def test_markdown_and_html_keep_every_word_of_the_kept_blocks_and_add_none(body: str) -> None:
    page = article(body)
    kept = Counter(WORD.findall(" ".join(b.features.verbatim or b.text for b in page.blocks)))
    assert Counter(WORD.findall(page.to_markdown())) == kept
    root = lxml.html.fromstring(page.to_html())
    assert Counter(WORD.findall(" ".join(root.itertext()))) == kept
