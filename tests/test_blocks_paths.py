"""The compiled walk (newsclean/_blocks.pyx) gives exactly the blocks of the Python reference
(``blocks.segment_tree_reference``): on the golden pages, the seed, the hostile inputs, trees
that lxml builds in unusual ways, and random markup. Skipped when the extension is not built; the
rest of the suite runs whichever path ``newsclean.native`` picks (``NEWSCLEAN_PURE_PYTHON=1``
runs it on the reference)."""

from __future__ import annotations

import gzip
from collections.abc import Mapping
from html import escape
from pathlib import Path
from types import ModuleType

import hostile_inputs as h
import lxml.html
import pytest
from conftest import compiled_or_skip
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from test_properties import FRAGMENTS

from newsclean import blocks, native, parse
from newsclean.model import Block
from newsclean.settings import DEFAULT_SETTINGS

compiled = compiled_or_skip("blocks", "walk")

GOLDEN = Path(__file__).resolve().parent / "golden"
SEED = Path(__file__).resolve().parent.parent / "samples" / "japannews-nato-korea.txt"
PATH_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
Marks = Mapping[etree._Element, tuple[str, ...]]


def both(
    root: etree._Element, *, max_blocks: int = 100_000, marks: Marks | None = None
) -> list[Block]:
    """Assert that both paths give the same blocks and cut flag, read and revealed; return the
    blocks."""
    for reveal in (False, True):
        expected = blocks.segment_tree_reference(
            root, max_blocks=max_blocks, marks=marks, reveal=reveal
        )
        found = compiled.segment_tree(root, max_blocks=max_blocks, marks=marks, reveal=reveal)
        assert found[1] == expected[1]
        assert len(found[0]) == len(expected[0])
        for mine, reference in zip(found[0], expected[0], strict=True):
            assert mine == reference
    return expected[0]


def tree_of(page: bytes | str) -> etree._Element:
    text = page if isinstance(page, str) else parse.decode(page).text
    tree = parse.parse_page(text, DEFAULT_SETTINGS).tree
    assert tree is not None
    return tree


def test_segment_tree_runs_the_compiled_walk_unless_told_not_to() -> None:
    expected = None if native.pure_requested() else compiled
    assert native.load("blocks") is expected


@pytest.mark.parametrize("name", sorted(p.name for p in GOLDEN.glob("*.html.gz")))
def test_golden_pages_give_the_same_blocks(name: str) -> None:
    root = tree_of(gzip.decompress((GOLDEN / name).read_bytes()))
    assert len(both(root)) > 20
    # The cut at max_blocks stops at the same block.
    both(root, max_blocks=7)


def test_seed_lines_as_paragraphs_give_the_same_blocks() -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    page = "".join(f"<p class='line seedLine'>{line}</p>" for line in lines)
    assert len(both(tree_of(page))) > 10


HOSTILE = {
    "nested-divs": lambda: h.nested_divs(3_000),
    "nested-inline": lambda: h.nested_inline_menu(500),
    "sibling-paragraphs": lambda: h.sibling_paragraphs(2_000),
    "huge-text-node": lambda: h.huge_text_node(200_000),
    "huge-attribute": lambda: h.huge_attribute(50_000),
    "many-class-names": lambda: h.many_class_names(500, 20),
    "json-ld": lambda: h.json_ld(50, 300),
    "many-attributes": lambda: h.many_attributes(1_000),
    "script-and-style": lambda: h.big_script_and_style(100_000),
    "link-farm": lambda: h.link_farm(500),
    "ranking-only": h.ranking_only,
    "rtl": h.rtl_page,
    "mixed-encoding": h.mixed_encoding_page,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_inputs_give_the_same_blocks(name: str) -> None:
    both(tree_of(HOSTILE[name]()))


@pytest.mark.parametrize("case", h.encoding_cases(), ids=lambda case: case.name)
def test_encoding_cases_give_the_same_blocks(case: h.EncodingCase) -> None:
    both(tree_of(case.data))


def test_hidden_revealed_noscript_and_links_give_the_same_blocks() -> None:
    page = (
        "<body><div hidden id='S:0'><p>Streamed <a href='/a'>in <b>later</b></a>.</p></div>"
        "<div style='DISPLAY : None'>Styled away</div><div style='visibility: hidden' hidden>"
        "Both</div><div style='color: red'>Shown</div><noscript><p>No script</p></noscript>"
        "<p><a href='/x'>outer <a href=''>inner</a> rest</a> <a>no href</a></p>"
        "<pre>  keep\n   spacing </pre><ul><li><a href='/y'>one<p>split</p>two</a></li></ul>"
        "<h3 class='relatedPosts is-open sidebar_widget'>Related</h3></body>"
    )
    both(tree_of(page))


def test_marks_of_site_rules_reach_the_same_blocks() -> None:
    root = tree_of(h.article_page(before="<nav><a href='/'>Home</a></nav>"))
    article = root.find(".//article")
    paragraph = root.find(".//p")
    marks = {article: ("rule:site:body",), paragraph: ("rule:site:first",)}
    found = both(root, marks=marks)
    assert any(b.reasons == ("rule:site:body", "rule:site:first") for b in found)


def test_trees_lxml_builds_differently_give_the_same_blocks() -> None:
    # Comments and processing instructions kept (the walk passes over them and their tails),
    # CDATA, split text nodes, upper-case and namespaced tags, and a subtree as the root.
    html_tree = lxml.html.fromstring(
        "<div><p>a<!-- c -->b<?pi x?>c</p><P CLASS='Upper'>Caps</P><p>é<!-- -->ü</p></div>"
    )
    both(html_tree)
    xml_tree = etree.fromstring(
        "<root xmlns:x='urn:x'><x:div class='n'>ns</x:div><p><![CDATA[cdata]]> text</p>"
        "<p>tail<br/>after</p></root>"
    )
    both(xml_tree)
    both(xml_tree.find("p"))
    built = etree.Element("body")
    paragraph = etree.SubElement(built, "p")
    paragraph.text = "one "
    etree.SubElement(paragraph, "span").tail = " two"
    both(built)


def test_entity_references_are_left_to_the_reference() -> None:
    parser = etree.XMLParser(resolve_entities=False)
    root = etree.fromstring(
        "<!DOCTYPE r [<!ENTITY e 'entity'>]><r><p>before &e; after</p></r>", parser
    )
    both(root)


def test_a_tree_deeper_than_the_c_stack_is_walked() -> None:
    root = etree.Element("body")
    node = root
    for depth in range(20_000):
        node = etree.SubElement(node, "div" if depth % 2 else "span")
        node.text = f"w{depth} "
    assert len(both(root)) > 1_000


@PATH_SETTINGS
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60))
def test_random_markup_gives_the_same_blocks(pieces: list[str]) -> None:
    tree = parse.parse_page("".join(pieces), DEFAULT_SETTINGS).tree
    if tree is not None:
        both(tree)


@PATH_SETTINGS
@given(st.text(max_size=80))
def test_text_counts_are_the_same(text: str) -> None:
    assert compiled.text_counts(text) == blocks.text_counts(text)


@PATH_SETTINGS
@given(st.text(alphabet=st.characters(codec="ascii"), max_size=20), st.text(max_size=12))
def test_class_and_id_tokens_are_the_same(class_: str, id_: str) -> None:
    markup = f"<div class='{escape(class_)}' id='{escape(id_)}'><p>text</p></div>"
    both(tree_of(markup))


def test_parsed_pages_never_fall_back_to_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the compiled walk handed a parsed page to the reference")

    monkeypatch.setattr(blocks, "segment_tree_reference", refuse)
    root = tree_of(gzip.decompress((GOLDEN / "lhpat-trademark-ja.html.gz").read_bytes()))
    found, cut = compiled.segment_tree(root, max_blocks=100_000, reveal=True)
    assert found and not cut


def test_the_whitespace_the_walk_collapses_is_pythons() -> None:
    expected = [chr(c) for c in range(128, 0x110000) if chr(c).isspace()]
    assert compiled.space_characters() == expected


def test_an_extension_built_against_another_lxml_leaves_the_reference(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def mismatched(name: str) -> ModuleType:
        raise ValueError("lxml.etree._Element size changed, may indicate binary incompatibility")

    monkeypatch.setattr(native.importlib, "import_module", mismatched)
    monkeypatch.delenv(native.PURE_ENV, raising=False)
    native._warn_missing.cache_clear()
    with pytest.warns(RuntimeWarning, match="size changed"):
        assert native.load.__wrapped__("blocks") is None
