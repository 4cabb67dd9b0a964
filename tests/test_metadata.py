"""Metadata: the JSON-LD reader gives what trafilatura's reader gives, on the awkward cases too."""

from __future__ import annotations

import lxml.html
import pytest
from trafilatura import metadata as tm

from newsclean import metadata

FIELDS = ("title", "author", "url", "description", "sitename", "date", "categories", "tags")

SCRIPTS = {
    "article": """{"@context": "https://schema.org", "@type": "NewsArticle",
        "headline": "Bridge   reopens\\n after repairs", "datePublished": "2023-01-30T11:33:00Z",
        "author": {"@type": "Person", "name": "Jane Doe"},
        "publisher": {"@type": "Organization", "name": "The Harbour Times"}}""",
    "escapes-and-entities": """{"@type": "Article", "headline": "Caf\\u00e9 &amp; <b>bar</b>",
        "author": [{"@type": "Person", "name": "Ana \\"Nana\\" Lopez"}]}""",
    "lone-surrogate": """{"@type": "Article", "headline": "Odd \\ud83d text", "author":
        {"name": "Max Mustermann"}}""",
    "broken-json": """{"@type": "NewsArticle", "headline": "Cut short", "author":
        {"@type": "Person", "name": "John Smith"}, "publisher": {"name": "Daily" """,
    "unterminated-quote": """{"@type": "Article", "headline": "Open " quote \\" here }""",
    "graph": """{"@graph": [{"@type": "WebSite", "name": "Example News"},
        {"@type": "ReportageNewsArticle", "headline": "In the graph",
        "articleSection": "World"}]}""",
}


def _tree(script: str) -> lxml.html.HtmlElement:
    page = f'<html><head><script type="application/ld+json">{script}</script></head><body/></html>'
    return lxml.html.fromstring(page)


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_json_ld_reads_like_trafilatura(name: str) -> None:
    tree = _tree(SCRIPTS[name])
    ours = metadata.json_ld(tree, tm.Document())
    theirs = tm.extract_meta_json(tree, tm.Document())
    assert [getattr(ours, f) for f in FIELDS] == [getattr(theirs, f) for f in FIELDS]


def test_json_ld_fills_title_and_author() -> None:
    doc = metadata.json_ld(_tree(SCRIPTS["article"]), tm.Document())
    assert doc.title == "Bridge reopens after repairs"
    assert doc.author == "Jane Doe"


def test_page_without_json_ld_keeps_the_document() -> None:
    doc = tm.Document()
    doc.title = "From the meta tags"
    page = lxml.html.fromstring("<html><head><title>x</title></head><body><p>y</p></body></html>")
    assert metadata.json_ld(page, doc).title == "From the meta tags"
