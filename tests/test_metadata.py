"""Metadata: ``from_tree`` gives what the plain composition of trafilatura's and htmldate's
readers gives (page title, date, site name, URL, description), on every AEB page and on
generated pages; each faster step gives what the library step it replaces gives, on the awkward
cases too. The headline and the authors are newsclean's own (tests/test_headline.py,
tests/test_authors.py)."""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from htmldate import core as hd_core
from htmldate import find_date
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from trafilatura import metadata as tm
from trafilatura.metadata import JSON_MINIFY

from newsclean import metadata, parse
from newsclean.bench import load_samples

FIELDS = ("title", "author", "url", "description", "sitename", "date", "categories", "tags")
# The fields ``_Fields`` carries (the meta-tag and JSON-LD readers' fields newsclean reads).
READ_FIELDS = ("title", "author", "url", "description", "sitename", "pagetype", "categories")
PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

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
    "whitespace-in-a-literal": """{"@context": "https://schema.org", "@type": "Article",
        "headline": "Spaced", "isAccessibleForFree": tr ue}""",
    "entity-quote-with-escapes": """{"@context": "https://schema.org", "@type": "Article",
        "headline": "Say &quot;hi&quot; \\/ now", "author": {"name": "Joe  Bloggs"}}""",
    "entity-decoding-to-markup": """{"@context": "https:\\/\\/schema.org", "@type": "NewsArticle",
        "publisher": {"name": "&lt;Jane Doe>"}}""",
    "markup-across-strings": """{\n  "@context": "https:\\/\\/schema.org",
        "@type": "NewsArticle", "headline": "&amp;:<\\/b><",\n  "publishe\\/r": {
        "name": "&<quot;&amp;"\n  }\n}""",
    "escaped-slashes": """{"@context": "https:\\/\\/schema.org", "@type": "NewsArticle",
        "headline": "A \\/ B", "author": {"@type": "Person", "name": "Kim Lee"}}""",
}


def _tree(script: str) -> lxml.html.HtmlElement:
    page = f'<html><head><script type="application/ld+json">{script}</script></head><body/></html>'
    return lxml.html.fromstring(page)


def _library_fields(found: metadata.Metadata) -> metadata.Metadata:
    """``found`` without the fields newsclean chooses or reads for itself (headline, authors,
    and the declared types that the page-type guess reads)."""
    return dataclasses.replace(
        found, title=None, author=None, authors=(), declared_types=frozenset(), og_type=None
    )


def _reference(tree: etree._Element, url: str | None) -> metadata.Metadata:
    """What ``from_tree`` gives besides headline and authors: trafilatura's and htmldate's
    readers, composed plainly (htmldate's extensive search when its fast one finds nothing),
    after the JSON-LD's declared publication date."""
    try:
        doc = tm.examine_meta(tree)
        if doc.author and " " not in doc.author:
            doc.author = None
        doc = tm.extract_meta_json(tree, doc)
        title = doc.title or tm.extract_title(tree)
        page_url = url or doc.url
        # The JSON-LD's datePublished comes first (tested on its own below), then htmldate.
        date = (
            metadata._declared_date(metadata.script_texts(tree.xpath(metadata.JSON_LD_XPATH)))
            or find_date(tree, extensive_search=False, original_date=True, url=page_url)
            or find_date(tree, extensive_search=True, original_date=True, url=page_url)
        )
        sitename = doc.sitename or tm.extract_sitename(tree)
    except Exception:
        return metadata.Metadata(url=url)
    clean = metadata._clean
    return metadata.Metadata(
        page_title=clean(title),
        date=date,
        sitename=clean(sitename.lstrip("@")) if sitename else None,
        url=page_url,
        description=clean(doc.description),
    )


def _parse(html: str) -> etree._Element:
    tree = parse.parse_html(html)
    assert tree is not None
    return tree


# --- JSON-LD ---------------------------------------------------------------------------------


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


# Pieces of JSON-LD scripts: structure, whitespace, every kind of escape, entities, markup.
JSON_PIECES = (
    '"', "\\", "\\/", '\\"', "\\n", "\\t", "\\\\", "\\u0022", "\\u00e9", "\\ud83d", "&amp;",
    "&quot;", "&#92;", "&nbsp;", "&lt;", "<b>", "</b>", "<!-- c -->", " ", "\n", "\t", "\xa0",
    "\x1f", ":", ",", "{", "}", "[", "]", "tr ue", "1 2", "Jane Doe", "x",
)  # fmt: skip
_json_texts = st.lists(st.sampled_from(JSON_PIECES), max_size=12).map("".join)
_json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 5), _json_texts),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["@type", "headline", "name", "author", "publisher", "articleSection"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=8,
)


@st.composite
def json_ld_scripts(draw: st.DrawFn) -> str:
    """A JSON-LD script, pretty-printed or not, slashes escaped or not, sometimes broken."""
    value = {
        "@context": draw(st.sampled_from(["https://schema.org", "http://schema.org/", "x"])),
        "@type": draw(st.sampled_from(["NewsArticle", "Article", "Person", "WebSite", "x"])),
        "headline": draw(_json_values),
        "author": draw(_json_values),
        "publisher": {"name": draw(_json_values)},
    }
    text = json.dumps(value, indent=draw(st.sampled_from([None, 1, 4])), ensure_ascii=False)
    if draw(st.booleans()):
        text = text.replace("/", "\\/")
    for piece, at in draw(
        st.lists(st.tuples(st.sampled_from(JSON_PIECES), st.integers(0, 10**6)), max_size=3)
    ):
        at %= len(text) + 1
        text = text[:at] + piece + text[at:]
    return text


@PROPERTY_SETTINGS
@given(json_ld_scripts())
def test_json_ld_reads_generated_scripts_like_trafilatura(script: str) -> None:
    # Parsed as pages are: lxml keeps the control characters, which ``.text =`` refuses.
    page = f'<html><head><script type="application/ld+json">{script}</script></head></html>'
    tree = _parse(page)

    def read(reader: Callable[[], object]) -> object:
        try:
            doc = reader()
        except Exception as exc:  # trafilatura's readers fail on some values
            return type(exc)
        return [getattr(doc, f) for f in READ_FIELDS]

    ours = read(lambda: metadata.json_ld(tree, metadata._Fields()))
    theirs = read(lambda: tm.extract_meta_json(tree, tm.Document()))
    if isinstance(theirs, type):
        # Where trafilatura's reader raises, ours passes the script over and reads on: the one
        # deliberate divergence (it lost every field of the page, title and date included).
        assert isinstance(ours, list)
    else:
        assert ours == theirs


@PROPERTY_SETTINGS
@given(st.lists(st.sampled_from(['"', "\\", " ", "\n", "a", "\xa0", ":", "\\\n"])).map("".join))
def test_unrolled_string_minifies_as_trafilatura(text: str) -> None:
    assert "".join(metadata._JSON_PIECES.findall(text)) == JSON_MINIFY.sub(r"\1", text)


# --- meta tags -------------------------------------------------------------------------------

META_TAGS = (
    '<meta property="og:title" content="OG title">',
    '<meta property="OG:title" content="Upper case">',
    '<meta property="og:title" content="  ">',
    '<meta property="og:url" content="not a url">',
    '<meta property="og:url" content="https://example.com/og">',
    '<meta property="og:site_name" content="@site">',
    '<meta property="og:author" content="Zed Zee">',
    '<meta property="article:author" content="Al Bo">',
    '<meta property="article:publisher" content="Publisher">',
    '<meta property="" content="empty property">',
    '<meta name="AUTHOR" content="by John Smith and Ann Lee">',
    '<meta name="author" content="Jane">',
    '<meta name="dc.creator" content="https://example.com/me">',
    '<meta name="title" content="<i>Tagged</i> title">',
    '<meta name="twitter:title" content="Twitter title">',
    '<meta name="description" content="d &amp; <b>x</b>">',
    '<meta name="description">',
    '<meta name="twitter:site" content="@tw">',
    '<meta name="twitter:app:name:iphone" content="App">',
    '<meta name="application-name" content="App name">',
    '<meta name="twitter:url" content="https://example.com/tw">',
    '<meta name="copyright" content="Copyright holder">',
    '<meta name="keywords" content="a, b">',
    '<meta itemprop="headline" content="Itemprop headline">',
    '<meta itemprop="author" content="Ita Lian">',
    '<meta itemprop="description" content="Itemprop description">',
    '<meta content="no attribute to say what">',
)


@PROPERTY_SETTINGS
@given(st.lists(st.sampled_from(META_TAGS), max_size=10))
def test_meta_tags_read_like_examine_meta(tags: list[str]) -> None:
    tree = _parse(f"<html><head>{''.join(tags)}</head><body><p>x</p></body></html>")
    ours = metadata._meta_tags(metadata._scan(tree))
    theirs = tm.examine_meta(tree)
    fields = ("title", "author", "url", "description", "sitename")
    assert [getattr(ours, f) for f in fields] == [getattr(theirs, f) for f in fields]


def test_meta_url_is_not_read_when_the_caller_knows_it() -> None:
    """Validating ``og:url`` costs more than the other tags; a page given its URL skips it."""
    tree = _parse(f"<html><head>{''.join(META_TAGS)}</head><body><p>x</p></body></html>")
    skipped = metadata._meta_tags(metadata._scan(tree), want_url=False)
    read = metadata._meta_tags(metadata._scan(tree))
    assert skipped.url is None
    assert read.url is not None
    assert (skipped.title, skipped.author, skipped.sitename) == (
        read.title,
        read.author,
        read.sitename,
    )
    found = metadata.from_tree(tree, "https://given.example/a")
    assert found.url == "https://given.example/a"


def test_metas_in_two_heads_are_left_to_trafilatura() -> None:
    """libxml2 keeps one head; a tree built otherwise may nest two, whose metas trafilatura's
    searches list in another order than the document's."""
    root = lxml.html.html_parser.makeelement("html")
    outer = etree.SubElement(root, "head")
    etree.SubElement(outer, "meta", name="title", content="first")
    inner = etree.SubElement(outer, "head")
    etree.SubElement(inner, "meta", name="author", content="Nested Author")
    etree.SubElement(outer, "meta", name="author", content="Later Author")
    assert metadata._scan(root).head_metas is None
    assert _library_fields(metadata.from_tree(root)) == _reference(root, None)


# --- date ------------------------------------------------------------------------------------


def test_date_cues_cover_htmldates() -> None:
    """Every word of ``is_date_candidate``'s expressions holds one of our plain cues."""
    words = []
    for pattern in (hd_core.ID_CLASS_CUES, hd_core.CLASS_CUES):
        for alternative in pattern.pattern.split("|"):
            words += [re.sub(r"\[(.)(.)\]", c, alternative) for c in (r"\1", r"\2")]
    words += ["date", "Date", "datum", "Datum", "footer-info-lastmod"]
    for word in words:
        assert re.fullmatch(r"[\w-]+", word), word
        assert any(cue in word for cue in metadata.DATE_CANDIDATE_CUES), word


def test_pruned_text_is_the_text_of_htmldates_copy() -> None:
    tree = _parse(
        "<html><body><div class='date'>a<!-- c -->b<svg><title>icon</title></svg>c"
        "<span>d<label>e<svg>f</svg></label>g</span>h<?pi x?>i<iframe>j</iframe>k</div>"
        "</body></html>"
    )
    div = tree.find(".//div")
    candidates = metadata._Candidates.of(tree)
    assert candidates is not None
    pruned = copy.deepcopy(tree)
    from htmldate.settings import CLEANING_LIST
    from htmldate.utils import clean_html

    clean_html(pruned, CLEANING_LIST)
    expected = pruned.find(".//div").text_content()
    assert metadata._PrunedElement(div, candidates.removed).text_content() == expected


# Pieces of generated pages: the elements htmldate prunes from its copy (nested or not), the
# ones it reads dates in, attributes that are and are not date cues, texts with and without
# dates, control characters (which make htmldate's pruning stop), meta tags, JSON-LD.
PRUNED_TAGS = ("svg", "label", "iframe", "picture", "video", "canvas", "object")
READ_TAGS = ("div", "span", "p", "li", "h2", "time", "footer", "small", "section", "a", "h1")
CUE_VALUES = (
    "date", "post-date", "meta", "byline", "author", "Datum", "info", "x", "time published",
    "published", "entry-date", "footer-info-lastmod", "wm-ipp",
)  # fmt: skip
TEXTS = (
    "2019-11-19", "Nov 19, 2019", "19.11.2019", "posted 2020/01/02", "hello", "", " ", "\x01",
    "12:30", "2021-03-04T10:00:00+01:00", "© 2018", "Published on 03/04/2017",
)  # fmt: skip
HEAD_TAGS = (
    '<meta name="date" content="2018-01-02">',
    '<meta property="article:published_time" content="2017-05-06">',
    '<meta itemprop="datePublished" content="2016-07-08">',
    '<meta http-equiv="date" content="2015-01-01">',
    '<meta itemprop="copyrightYear" content="2014">',
    '<meta property="og:image" content="https://e.com/2013/02/03/i.jpg">',
    "<title>Title - example.com</title>",
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Article",'
    ' "headline": "H", "datePublished": "2012-01-01"}</script>',
    *META_TAGS[:8],
)


@st.composite
def elements(draw: st.DrawFn, depth: int = 0) -> str:
    if depth > 3 or draw(st.integers(0, 9)) < 3:
        return draw(st.sampled_from(TEXTS))
    tag = draw(st.sampled_from(PRUNED_TAGS + READ_TAGS))
    attributes = " ".join(
        f'{name}="{draw(st.sampled_from(CUE_VALUES + TEXTS))}"'
        for name in draw(
            st.lists(
                st.sampled_from(["class", "id", "itemprop", "title", "datetime"]),
                max_size=3,
                unique=True,
            )
        )
    )
    children = "".join(draw(st.lists(elements(depth + 1), max_size=3)))
    return f"<{tag} {attributes}>{children}</{tag}>{draw(st.sampled_from(TEXTS))}"


@st.composite
def pages(draw: st.DrawFn) -> str:
    head = "".join(draw(st.lists(st.sampled_from(HEAD_TAGS), max_size=3)))
    body = "".join(draw(st.lists(elements(), min_size=1, max_size=6)))
    return f"<html><head>{head}</head><body>{body}</body></html>"


# Pages whose date htmldate finds past the cheap stages, each in a way the shortcuts must model.
DATE_PAGES = {
    # lxml refuses the control character when htmldate's pruning moves the tail: it stops there.
    "control-character-stops-pruning": '<div class="date"><svg>Nov 19, 2019</svg>\x01</div>',
    # Past a pruned element nested in another, htmldate's pruning prunes nothing more.
    "nested-pruned-elements": (
        '<label><svg>x</svg></label><span class="date"><video>2003-03-03</video></span>'
    ),
    # htmldate drops the archive.org banner from its copy too.
    "archive-banner": (
        '<div id="wm-ipp"><span class="date">2001-01-01</span></div>'
        '<span class="date">2002-02-02</span>'
    ),
    "pruned-text-inside-a-candidate": (
        '<div class="date"><svg><title>2001-01-01</title></svg>Nov 19, 2019</div>'
    ),
    "date-in-a-heading": "<h1>Posted 2019-11-19</h1>",
    "date-in-a-time-element": '<time datetime="2019-11-19T10:00:00">Tuesday</time>',
    "date-in-a-script": '<script>var published = "2019-11-19T10:00:00";</script><p>x</p>',
    "no-date": "<p>Nothing here.</p>",
}


@pytest.mark.parametrize("name", sorted(DATE_PAGES))
def test_page_date_is_htmldates(name: str) -> None:
    tree = _parse(f"<html><head><title>t</title></head><body>{DATE_PAGES[name]}</body></html>")
    expected = find_date(tree, extensive_search=False, original_date=True)
    assert metadata._page_date(tree, metadata._scan(tree), None) == expected


URLS = st.sampled_from([None, "https://example.com/a", "https://example.com/2019/11/19/a"])


@PROPERTY_SETTINGS
@given(pages(), URLS)
def test_generated_pages_read_like_the_libraries(page: str, url: str | None) -> None:
    tree = _parse(page)
    assert _library_fields(metadata.from_tree(tree, url)) == _reference(tree, url)


def test_aeb_pages_read_like_the_libraries(aeb: Path) -> None:
    for sample in load_samples(aeb):
        tree = parse.parse_html(parse.decode(sample.html).text)
        assert tree is not None
        found = _library_fields(metadata.from_tree(tree, sample.url))
        assert found == _reference(tree, sample.url), sample.name


def test_page_date_is_htmldates_on_aeb(aeb: Path) -> None:
    """Page by page, whichever stage finds the date (URL, meta tags, JSON-LD, date-like
    elements, the serialised page)."""
    for sample in load_samples(aeb):
        tree = parse.parse_html(parse.decode(sample.html).text)
        assert tree is not None
        expected = find_date(tree, extensive_search=False, original_date=True, url=sample.url)
        assert metadata._page_date(tree, metadata._scan(tree), sample.url) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-01-29T20:47:55+00:00", "2025-01-29T20:47:55+00:00"),
        ("2025-09-28T06:58:21.976-04:00", "2025-09-28T06:58:21-04:00"),
        ("2023-01-30T11:33:00Z", "2023-01-30T11:33:00+00:00"),
        ("2023-01-30T11:33:00+0900", "2023-01-30T11:33:00+09:00"),
        ("2023-01-30 11:33", "2023-01-30T11:33:00"),
        ("2024-03-17", "2024-03-17"),
        ("1990-01-01", None),
        ("2023-02-30", None),
    ],
)
def test_declared_date_is_iso_8601_with_the_pages_offset(value: str, expected: str | None) -> None:
    tree = _tree(f'{{"@type": "NewsArticle", "datePublished": "{value}"}}')
    assert (
        metadata._declared_date(metadata.script_texts(tree.xpath(metadata.JSON_LD_XPATH)))
        == expected
    )


def test_declared_date_comes_before_the_date_in_the_url() -> None:
    tree = _tree('{"@type": "BlogPosting", "datePublished": "2023-01-30T11:33:00+09:00"}')
    found = metadata.from_tree(tree, "https://example.com/2019/11/19/a")
    assert found.date == "2023-01-30T11:33:00+09:00"


def test_declared_headline_decodes_escapes_and_entities() -> None:
    tree = _tree('{"@type": "NewsArticle", "headline": "Say \\"hi\\" &amp; go"}')
    assert (
        metadata._declared_headline(metadata.script_texts(tree.xpath(metadata.JSON_LD_XPATH)))
        == 'Say "hi" & go'
    )


def test_the_extensive_date_search_skips_pages_too_large_for_it(monkeypatch) -> None:
    import htmldate

    from newsclean import metadata, parse

    calls: list[int] = []
    monkeypatch.setattr(htmldate, "find_date", lambda *a, **k: calls.append(1))
    big = "<html><body>" + "<p>word</p>" * (metadata.EXTENSIVE_DATE_MAX_ELEMENTS + 1) + "</body>"
    metadata.from_tree(parse.parse_html(big + "</html>"), None)
    small = "<html><body>" + "<p>word</p>" * 10 + "</body></html>"
    metadata.from_tree(parse.parse_html(small), None)
    assert calls == [1]


def test_declared_types_come_from_json_ld_and_og_type() -> None:
    from newsclean import metadata, parse

    page = (
        '<html><head><meta property="og:type" content="Product">'
        '<script type="application/ld+json">{"@type": ["Product", "Thing"], '
        '"offers": {"@type": "Offer"}}</script></head><body><p>x</p></body></html>'
    )
    found = metadata.from_tree(parse.parse_html(page), None)
    assert found.declared_types == {"Product", "Offer"}
    assert found.og_type == "product"


def test_a_json_ld_shape_trafilatura_cannot_read_loses_only_that_script() -> None:
    # An @graph whose item is itself a list makes trafilatura's reader raise; the title, the
    # date and the other scripts must still be read.
    odd = {"@context": "https://schema.org", "@graph": [[{"@type": "BreadcrumbList"}]]}
    article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "datePublished": "2025-12-19",
        "author": {"@type": "Person", "name": "Jane Doe"},
    }
    scripts = "".join(
        f"<script type='application/ld+json'>{json.dumps(s)}</script>" for s in (odd, article)
    )
    page = (
        f"<html><head><title>Learn graphic design</title>{scripts}</head>"
        "<body><h1>Learn graphic design</h1><p>Text.</p></body></html>"
    )
    meta = metadata.from_tree(lxml.html.fromstring(page), "https://example.com/learn")
    assert meta.title == "Learn graphic design"
    assert meta.date is not None and meta.date.startswith("2025-12-19")
    assert meta.author == "Jane Doe"
