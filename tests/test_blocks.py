"""Segmentation: tree → blocks with features, on small hand-written pages."""

from __future__ import annotations

from newsclean import parse
from newsclean.blocks import class_tokens, measure, segment_tree
from newsclean.model import Block, Kind


def blocks_of(html: str) -> list[Block]:
    tree = parse.parse_html(html)
    assert tree is not None
    blocks, cut = segment_tree(tree, max_blocks=1_000)
    assert not cut
    return blocks


def texts(html: str) -> list[str]:
    return [b.text for b in blocks_of(html)]


def test_paragraphs_headings_and_list_items_become_blocks_in_order() -> None:
    html = "<body><h2>Title</h2><p>First paragraph.</p><ul><li>One</li><li>Two</li></ul></body>"
    blocks = blocks_of(html)
    assert [(b.text, b.kind) for b in blocks] == [
        ("Title", Kind.HEADING),
        ("First paragraph.", Kind.PARAGRAPH),
        ("One", Kind.LIST_ITEM),
        ("Two", Kind.LIST_ITEM),
    ]
    assert blocks[0].features.heading_level == 2
    assert blocks[2].features.in_list and not blocks[1].features.in_list


def test_inline_tags_do_not_split_a_block() -> None:
    assert texts("<p>A <b>bold</b> and <a href='#'>linked</a> <em>word</em>.</p>") == [
        "A bold and linked word."
    ]


def test_line_breaks_split_paragraphs() -> None:
    assert texts("<div>First line<br><br>Second line<br>Third line</div>") == [
        "First line",
        "Second line",
        "Third line",
    ]


def test_link_density_counts_only_text_inside_links() -> None:
    (block,) = blocks_of("<p>Read <a href='#'>this story</a> now</p>")
    f = block.features
    assert f.link_chars == len("this story")
    assert f.link_density == len("this story") / len("Read this story now")


def test_hidden_elements_scripts_and_forms_are_skipped() -> None:
    html = (
        "<body><p>Visible text.</p><div style='display: none'>Hidden div</div>"
        "<p hidden>Hidden p</p><script>var x = 'code';</script><style>p{}</style>"
        "<button>Click</button><p>Also visible.</p></body>"
    )
    assert texts(html) == ["Visible text.", "Also visible."]


def test_caption_table_cell_and_quote_kinds() -> None:
    html = (
        "<figure><img src='a.jpg'><figcaption>A photo.</figcaption></figure>"
        "<table><tr><td>Cell</td></tr></table><blockquote><p>Quoted.</p></blockquote>"
    )
    assert [b.kind for b in blocks_of(html)] == [Kind.CAPTION, Kind.TABLE_CELL, Kind.QUOTE]


def test_class_tokens_split_case_and_separators_but_keep_hashed_names_whole() -> None:
    tree = parse.parse_html('<div class="css-1x2y3z relatedPosts" id="main_story"></div>')
    assert tree is not None
    tokens = class_tokens(tree.find(".//div"))
    assert {"css-1x2y3z", "relatedposts", "related", "posts", "main_story", "story"} <= tokens


def test_state_prefixed_class_names_are_not_split_into_furniture_words() -> None:
    tree = parse.parse_html('<div class="has-sidebar no-comments"></div>')
    assert tree is not None
    tokens = class_tokens(tree.find(".//div"))
    assert "sidebar" not in tokens and "comments" not in tokens
    assert "has-sidebar" in tokens


def test_body_classes_describe_the_page_not_its_blocks() -> None:
    (block,) = blocks_of('<body class="footer-widgets sidebar-left"><p>Text.</p></body>')
    assert block.features.tokens == frozenset()


def test_furniture_from_names_the_deepest_marked_ancestor() -> None:
    html = (
        '<div class="breadcrumb-wrap"><div class="story"><p>Body.</p></div>'
        '<div class="related"><p>Teaser.</p></div></div>'
    )
    body, teaser = blocks_of(html)
    wrap = body.features.ancestors[2]  # html, body, div.breadcrumb-wrap
    assert body.features.furniture_from == wrap
    assert teaser.features.furniture_from > wrap


def test_cjk_characters_count_double_for_length() -> None:
    latin = measure("abcd")
    cjk = measure("漢字かな")
    assert latin.chars == 4 and cjk.chars == 8
    assert cjk.words == 2


def test_sentence_end_and_inner_punctuation() -> None:
    f = measure("He said, in short: yes.")
    assert f.sentence_end and f.inner_punct == 2
    assert not measure("Most popular").sentence_end


def test_a_title_element_in_the_body_is_not_text() -> None:
    assert texts("<body><p>Pier reopens</p><title>Page title</title><p>Next.</p></body>") == [
        "Pier reopens",
        "Next.",
    ]
