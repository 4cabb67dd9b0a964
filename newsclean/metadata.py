"""Title, date, author and site name.

HTML pages: what trafilatura's metadata readers (meta tags, JSON-LD, ``<title>``) and htmldate's
``find_date`` give, on the tree newsclean already parsed, leaving out trafilatura's XPath author
search, which costs more than the whole body extraction. Plain text: the dateline parser below.

The libraries search the whole tree for each thing they read, and build objects newsclean does
not need; here each kind of element is found once (``_scan``) and the libraries' steps run on
what was found, some of them replaced by equivalents that do less work (each says what it is
equivalent to; tests compare them with the library on every AEB page and on generated pages).
About half the time of the lxml parse on AEB pages (docs/benchmarks.md), the largest part of
it htmldate's stages for the pages whose date is in neither the URL, the meta tags nor the
JSON-LD.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import itertools
import json
import logging
import operator
import re
from collections.abc import Iterable, Iterator
from copy import deepcopy
from dataclasses import dataclass
from operator import methodcaller
from typing import Any
from urllib.parse import urlsplit

import regex
from lxml import etree

from newsclean import authors, headline

# Offsets of time-zone abbreviations seen in datelines, in hours from UTC.
TIMEZONE_OFFSETS: dict[str, float] = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
    "MEZ": 1,
    "MESZ": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "IST": 5.5,
    "ICT": 7,
    "WIB": 7,
    "SGT": 8,
    "HKT": 8,
    "CST": -6,
    "PHT": 8,
    "AWST": 8,
    "JST": 9,
    "KST": 9,
    "ACST": 9.5,
    "AEST": 10,
    "AEDT": 11,
    "NZST": 12,
    "NZDT": 13,
    "EST": -5,
    "EDT": -4,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "AKST": -9,
    "AKDT": -8,
    "HST": -10,
    "BRT": -3,
    "ART": -3,
}
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan", "januar", "janvier", "enero", "ene"),
            ("february", "feb", "februar", "février", "fevrier", "febrero"),
            ("march", "mar", "märz", "maerz", "mars", "marzo"),
            ("april", "apr", "avril", "abril", "abr"),
            ("may", "mai", "mayo"),
            ("june", "jun", "juni", "juin", "junio"),
            ("july", "jul", "juli", "juillet", "julio"),
            ("august", "aug", "août", "aout", "agosto", "ago"),
            ("september", "sep", "sept", "septembre", "septiembre"),
            ("october", "oct", "oktober", "okt", "octobre", "octubre"),
            ("november", "nov", "novembre", "noviembre"),
            ("december", "dec", "dez", "dezember", "décembre", "decembre", "diciembre", "dic"),
        ],
        start=1,
    )
    for name in names
}
_TIME = regex.compile(
    r"(?<!\d)(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap])?\.?\s*m?\.?(?:\s*\(?([A-Z]{1,5})\)?(?![a-z]))?",
    regex.IGNORECASE,
)
_DATE_PATTERNS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    ("ymd", regex.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")),
    ("ymd", regex.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")),
    ("mdy", regex.compile(r"\b(\p{L}{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")),
    ("dmy", regex.compile(r"\b(\d{1,2})\.?\s+(?:de\s+)?(\p{L}{3,9})\.?,?\s+(?:de\s+)?(\d{4})\b")),
)

# A JSON-LD ``datePublished`` value: the day, then optionally the time and the offset.
_DATE_PUBLISHED = re.compile(
    r'"datePublished"\s*:\s*"\s*(\d{4})-(\d{2})-(\d{2})'
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
# A JSON-LD ``headline`` value (a JSON string).
_HEADLINE = re.compile(r'"headline"\s*:\s*"((?:[^"\\]|\\.)*)"')
# Declared dates before this year are mistakes (htmldate's earliest date is in 1995).
EARLIEST_YEAR = 1995
# ... and dates more years ahead of today than this (a scheduled event may be next year).
YEARS_AHEAD = 1
# Elements inside a heading whose text a reader does not see as part of it.
UNSEEN_TAGS = frozenset({"button", "script", "style", "svg", "noscript", "template", "select"})
# Class names of text hidden from sight, or kept for screen readers only.
HIDDEN_CLASSES = frozenset(
    {"sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "hidden", "d-none"}
)
# What joins several authors in ``Metadata.author`` (trafilatura's separator).
AUTHOR_SEPARATOR = "; "
# The scripts that hold JSON-LD (trafilatura reads the same two types).
JSON_LD_TYPES = frozenset({"application/ld+json", "application/settings+json"})
JSON_LD_XPATH = './/script[@type="application/ld+json" or @type="application/settings+json"]'
# The tags of the elements the metadata readers look at, found in one walk (``_scan``).
SCANNED_TAGS = ("meta", "script", "h1", "title", "abbr")
# htmldate's search for ``<abbr>`` elements (``examine_abbr_elements``).
ABBR_PATH = ".//abbr"
# At most this many ``<h1>`` after the first are read for a headline that another statement
# repeats (the first may be a banner); pages with more list items, not a headline.
LATER_H1S_MAX = 5
# Where htmldate looks for the page's URL when it is given none.
CANONICAL_PATH = './/link[@rel="canonical"]'
# The headings htmldate looks for a date in after the date-like elements.
HEADING_TAGS = ("title", "h1")
# The date format of ``Metadata.date`` (htmldate's default).
DATE_FORMAT = "%Y-%m-%d"
# The attributes htmldate's ``is_date_candidate`` reads.
CANDIDATE_ATTRIBUTES = ("id", "class", "itemprop")
# Every word htmldate's ``is_date_candidate`` looks for in an id, class or itemprop: "date" and
# "datum" (with "D" folded to "d"), its ``ID_CLASS_CUES`` and ``CLASS_CUES``, and the MediaWiki
# footer id "footer-info-lastmod" (held by "footer"), as plain substrings.
DATE_CANDIDATE_CUES = (
    *("date", "Date", "datum", "Datum"),
    *("Meta", "meta", "time", "publish", "footer"),
    *("info", "post_detail", "block-content", "byline", "subline", "posted", "submitted"),
    *("created-post", "publication", "author", "autor", "field-content", "fa-clock-o"),
    *("fa-calendar", "fecha", "parution"),
)
# The characters lxml refuses in text (XML 1.0 forbids them); libxml2's HTML parser keeps them.
_XML_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The ids of the archive.org banner htmldate drops from its copy (its ``DISCARD_EXPRESSIONS``).
ARCHIVE_BANNER_IDS = frozenset({"wm-ipp-base", "wm-ipp"})
# A JSON string, or a run of other characters than whitespace, or a quote that opens no string:
# joining the matches drops the whitespace outside strings, as trafilatura's JSON_MINIFY does.
# The string is trafilatura's ``"(?:\\.|[^"\\])*"`` unrolled, which matches the same strings
# three times faster.
_JSON_PIECES = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[^\s"]+|"')
# A backslash that is not one of the escapes normalising either keeps (``\\/``, ``\\"``) or
# removes whole (``\\n``, ``\\r``, ``\\t``): a Unicode escape, a doubled backslash, a line break.
_JSON_OTHER_ESCAPE = re.compile(r'\\[^/"nrt]|\\$')
# What an entity must not decode to for minifying to be moot.
_JSON_STRUCTURE = ('"', "\\", "<")
_JSON_UNICODE = re.compile(r"\\u([0-9a-fA-F]{4})")
_SURROGATE = re.compile("[\ud800-\udfff]")
_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)")

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Metadata:
    """What newsclean reports about a page besides its body."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None
    description: str | None = None
    # Every author, in the page's order; ``author`` joins them with ``AUTHOR_SEPARATOR``.
    authors: tuple[str, ...] = ()
    # The title as the meta tags, the JSON-LD or the ``<title>`` give it, site name and all:
    # what the context pass looks for among the headings. It stays apart from the headline
    # (``title``) so that the body does not depend on which headline is chosen.
    page_title: str | None = None
    # The kinds the page declares itself: its JSON-LD ``@type`` values and its ``og:type``
    # (read by ``newsclean.pagetype``; found in the same scan as the rest).
    declared_types: frozenset[str] = frozenset()
    og_type: str | None = None


def from_tree(tree: etree._Element, url: str | None = None) -> Metadata:
    """Metadata of an HTML page from its meta tags, JSON-LD and title element."""
    from trafilatura import metadata as tm

    try:
        scan = _scan(tree)
        doc = _meta_tags(scan, want_url=not url)
        # A one-word meta author (trafilatura drops it, and reads the bylines instead) is a
        # login or a handle more often than a site's name: it comes after the JSON-LD's.
        one_word = doc.author if doc.author and " " not in doc.author else None
        if one_word:
            doc.author = None
        meta_title = doc.title
        doc = _read_json_ld(scan.json_ld_texts, doc)
        names = _authors(tree, doc.author, one_word)
        page_title = doc.title or tm.extract_title(tree)
        title = _headline(scan, meta_title, doc, url or doc.url) or page_title
        page_url = url or doc.url
        date = (
            _declared_date(scan.json_ld_texts)
            or _page_date(tree, scan, page_url)
            or _extensive_date(tree, page_url)
        )
        sitename = doc.sitename or tm.extract_sitename(scan.view)
    except Exception as exc:
        log.debug("metadata extraction failed: %s", exc)
        return Metadata(url=url)
    return Metadata(
        title=_clean(title),
        page_title=_clean(page_title),
        date=date,
        author=AUTHOR_SEPARATOR.join(names) or None,
        authors=names,
        sitename=_clean(sitename.lstrip("@")) if sitename else None,
        url=page_url,
        description=_clean(doc.description),
        declared_types=_declared_types(scan.json_ld_texts),
        og_type=_og_type(scan.view),
    )


# A JSON-LD ``@type`` value, alone or first of a list.
_JSON_LD_TYPE = re.compile(r'"@type"\s*:\s*(?:\[\s*)?"([^"]+)"')


def _declared_types(scripts: list[str]) -> frozenset[str]:
    """Every ``@type`` the page's JSON-LD scripts (their texts) name."""
    return frozenset(t for script in scripts for t in _JSON_LD_TYPE.findall(script))


def _og_type(view: _ScannedTree) -> str | None:
    """The page's ``og:type``, lower-cased, from the scanned metas."""
    for meta in view.iterfind(".//meta"):
        if meta.get("property") == "og:type":
            return (meta.get("content") or "").strip().lower() or None
    return None


def _authors(tree: etree._Element, *declared: str | None) -> tuple[str, ...]:
    """The authors of the first declared value that names someone (meta tags and JSON-LD),
    else those of the first byline that does."""
    for value in declared:
        found = authors.names(value)
        if found:
            return found
    return next((n for n in map(authors.names, authors.bylines(tree)) if n), ())


def _headline(scan: _Scan, meta_title: str | None, doc: Any, url: str | None) -> str | None:
    """The headline from the first ``<h1>`` (and the few after it), the meta tags' title, the
    JSON-LD's (when it differs from theirs) and the ``<title>`` (see ``headline``)."""
    texts = (_clean(_heading_text(e)) for e in scan.h1s)
    h1s = list(itertools.islice(filter(None, texts), LATER_H1S_MAX + 1))
    statements = headline.Statements(
        h1=h1s[0] if h1s else None,
        json_ld=_declared_headline(scan.json_ld_texts),
        meta=meta_title,
        title=_text(scan.title) if scan.title is not None else None,
        sitename=doc.sitename,
        host=urlsplit(url).hostname if url else None,
        later_h1s=tuple(h1s[1:]),
    )
    return headline.choose(statements)


def _heading_text(element: etree._Element) -> str:
    """The text a reader sees in a heading: line breaks as spaces, without buttons, icons,
    scripts and the parts hidden from sight ("Copy item path", "Skip to content")."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == "br":
            parts.append(" ")
        elif isinstance(tag, str) and tag not in UNSEEN_TAGS and not _hidden(child):
            parts.append(_heading_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _hidden(element: etree._Element) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    classes = element.get("class")
    return classes is not None and not HIDDEN_CLASSES.isdisjoint(classes.split())


def _text(element: etree._Element) -> str:
    """The element's text, without comments' (``itertext`` yields theirs too)."""
    if len(element) == 0:  # a title of text alone, as nearly all are
        return element.text or ""
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


# --- the elements read ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Scan:
    """The elements the metadata readers look at on every page, all found in one walk."""

    # The tree, answering the readers' searches for these elements (see ``_ScannedTree``).
    view: Any
    # The JSON-LD scripts (``JSON_LD_XPATH``), in document order, and their texts.
    json_ld: list[etree._Element]
    json_ld_texts: list[str]
    # The metas whose parent is a head (None when they sit in several heads).
    head_metas: list[etree._Element] | None
    # The ``<h1>`` elements, in document order, and the first ``<title>`` (the head's: an SVG's
    # comes later, in the body).
    h1s: list[etree._Element]
    title: etree._Element | None


def _scan(tree: etree._Element) -> _Scan:
    """The metas, JSON-LD scripts, headings and ``<abbr>`` of ``tree``, and the view that
    answers for them.

    trafilatura's and htmldate's readers each searched the whole tree, half a dozen times a
    page; one walk for all the tags read costs less than a walk for each, and the rest (which
    metas are in the head, which scripts are JSON-LD) is cheap to tell from the elements found.
    """
    found: dict[str, list[etree._Element]] = {tag: [] for tag in SCANNED_TAGS}
    for element in tree.iterdescendants(*SCANNED_TAGS):
        found[element.tag].append(element)
    metas = found["meta"]
    json_ld = [s for s in found["script"] if s.get("type") in JSON_LD_TYPES]
    answers = {".//meta": metas, JSON_LD_XPATH: json_ld, ABBR_PATH: found["abbr"]}
    titles = found["title"]
    return _Scan(
        _ScannedTree(tree, answers),
        json_ld,
        script_texts(json_ld),
        _head_metas(tree, metas),
        found["h1"],
        titles[0] if titles else None,
    )


def _head_metas(tree: etree._Element, metas: list[etree._Element]) -> list[etree._Element] | None:
    """The search ``.//head/meta`` (in document order): the metas whose parent is a head below
    ``tree``. None when there are several such heads (never from libxml2, which keeps one
    head), whose order trafilatura's searches would not agree on."""
    head = None
    in_head = []
    for meta in metas:
        parent = meta.getparent()
        if parent.tag == "head" and parent is not tree:
            if head is not None and parent is not head:
                return None
            head = parent
            in_head.append(meta)
    return in_head


class _ScannedTree:
    """The tree, with the searches for the scanned elements answered from the scan.

    htmldate's ``examine_header`` (``iterfind(".//meta")``), ``json_search`` (``xpath`` of
    ``JSON_LD_XPATH``) and ``examine_abbr_elements`` (``findall(".//abbr")``) take a tree and
    search it; handed this view, those searches cost a
    dictionary look-up. Any other search, and any other use of the tree, goes to the tree
    itself: a library that changes its searches gets slower, never different.
    """

    __slots__ = ("_answers", "_tree")

    def __init__(self, tree: etree._Element, answers: dict[str, list[etree._Element]]) -> None:
        self._tree = tree
        self._answers = answers

    def xpath(self, path: str, **kwargs: Any) -> Any:
        found = None if kwargs else self._answers.get(path)
        return list(found) if found is not None else self._tree.xpath(path, **kwargs)

    def iterfind(self, path: str, namespaces: Any = None) -> Iterator[etree._Element]:
        found = None if namespaces else self._answers.get(path)
        return iter(found) if found is not None else self._tree.iterfind(path, namespaces)

    def findall(self, path: str, namespaces: Any = None) -> list[etree._Element]:
        found = None if namespaces else self._answers.get(path)
        return list(found) if found is not None else self._tree.findall(path, namespaces)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tree, name)


# --- meta tags -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Fields:
    """The fields trafilatura's meta-tag and JSON-LD readers fill that newsclean reads or that
    steer those readers (``pagetype``, ``categories``), in place of its ``Document``, whose
    construction alone costs more than reading most pages' meta tags."""

    title: str | None = None
    author: str | None = None
    url: str | None = None
    description: str | None = None
    sitename: str | None = None
    pagetype: str | None = None
    categories: list[str] | None = None


def _meta_tags(scan: _Scan, want_url: bool = True) -> Any:
    """trafilatura's ``examine_meta`` (OpenGraph first, then the other meta tags of the head,
    first value wins but authors add up, a Twitter app name as the last resort for the site
    name), for the fields of ``_Fields``: the same tables and normalisers, without its
    searches of the whole tree and with the tests ordered so that irrelevant tags cost least.
    Without ``want_url`` (the caller knows the page's URL) the URL is left out: validating
    it costs more than reading all the other tags.
    """
    from trafilatura import metadata as tm

    if scan.head_metas is None:
        return tm.examine_meta(scan.view)
    fields = _Fields()
    _read_opengraph(scan.head_metas, fields, want_url)
    backup_sitename = None
    for meta in scan.head_metas:
        raw = meta.get("content")
        field = _meta_field(meta) if raw is not None else None
        if field is None:
            continue
        content = (tm.HTML_STRIP_TAGS.sub("", raw) if "<" in raw else raw).strip()
        if not content:
            continue
        if field == "author":
            fields.author = tm.normalize_authors(fields.author, content)
        elif field == "backup-sitename":
            backup_sitename = content
        elif field == "url":
            if want_url and not fields.url and tm.is_valid_url(content):
                fields.url = content
        elif not getattr(fields, field):
            setattr(fields, field, content)
    fields.sitename = fields.sitename or backup_sitename
    return fields


def _read_opengraph(metas: list[etree._Element], fields: _Fields, want_url: bool) -> None:
    """trafilatura's ``extract_opengraph``: the last non-blank ``og:`` tag of each kind wins
    (``og:url`` only if ``want_url``)."""
    from trafilatura import metadata as tm

    for meta in metas:
        prop = meta.get("property")
        if prop is None or not prop.startswith("og:"):
            continue
        content = meta.get("content")
        if not content or content.isspace():
            continue
        field = tm.OG_PROPERTIES.get(prop)
        if field is not None:
            if field in _Fields.__slots__:
                setattr(fields, field, content)
        elif prop == "og:url" and want_url and tm.is_valid_url(content):
            fields.url = content
        elif prop in tm.OG_AUTHOR:
            fields.author = tm.normalize_authors(None, content)


def _meta_field(meta: etree._Element) -> str | None:
    """The field a meta tag fills in ``examine_meta``: by ``property``, else ``name``, else
    ``itemprop`` (None for the tags it skips or that fill fields newsclean does not read)."""
    tables = _meta_tables()
    prop = meta.get("property")
    if prop is not None:
        return tables.by_property.get(prop.lower())
    name = meta.get("name")
    if name is not None:
        key = name.lower()
        if key in tables.by_name:
            return tables.by_name[key]
        if key in tables.twitter_app or "twitter:app:name" in key:
            return "backup-sitename"
        return "url" if key == "twitter:url" else None
    itemprop = meta.get("itemprop")
    return tables.by_itemprop.get(itemprop.lower()) if itemprop is not None else None


@dataclass(frozen=True, slots=True)
class _MetaTables:
    """``examine_meta``'s branches as look-ups: attribute value (lower case) to field."""

    by_property: dict[str, str | None]
    # The names of its branches before the Twitter app name (a name in two sets takes the first).
    by_name: dict[str, str | None]
    twitter_app: frozenset[str]
    by_itemprop: dict[str, str | None]


@functools.cache
def _meta_tables() -> _MetaTables:
    """Built once, from trafilatura's own sets (imported when first needed)."""
    from trafilatura import metadata as tm

    by_name: dict[str, str | None] = {}
    for names, field in (
        (tm.METANAME_AUTHOR, "author"),
        (tm.METANAME_TITLE, "title"),
        (tm.METANAME_DESCRIPTION, "description"),
        (tm.METANAME_PUBLISHER, "sitename"),
        (tm.METANAME_IMAGE, None),
    ):
        for name in names:
            by_name.setdefault(name, field)
    by_property: dict[str, str | None] = {"article:tag": None}
    for prop in tm.PROPERTY_AUTHOR:
        by_property.setdefault(prop, "author")
    by_property.setdefault("article:publisher", "sitename")
    return _MetaTables(
        by_property=by_property,
        by_name=by_name,
        twitter_app=frozenset(tm.TWITTER_ATTRS),
        by_itemprop={"author": "author", "description": "description", "headline": "title"},
    )


# --- JSON-LD -------------------------------------------------------------------------------------


def json_ld(tree: etree._Element, doc: Any) -> Any:
    """trafilatura's ``extract_meta_json`` with the same steps done by whole-string operations
    (it minifies with a template per match and drops surrogates character by character): the
    scripts' text, minified and normalised, fills ``doc`` through trafilatura's JSON readers."""
    return _read_json_ld(script_texts(tree.xpath(JSON_LD_XPATH)), doc)


def script_texts(scripts: list[etree._Element]) -> list[str]:
    """The texts of scripts ("" for an empty one), each decoded from the tree once: four readers
    search them."""
    return [script.text or "" for script in scripts]


def _read_json_ld(scripts: list[str], doc: Any) -> Any:
    """``json_ld`` on the texts of scripts already found.

    Minifying (dropping the whitespace outside strings) only matters to JSON that does not parse
    with that whitespace in, or when normalising can move string boundaries (see
    ``_normalized_unminified``). Otherwise the script, normalised as it is, parses to what the
    minified script parses to: whitespace between tokens is no part of the value.
    """
    from trafilatura.json_metadata import extract_json, extract_json_parse_error

    for raw in scripts:
        if not raw:
            continue
        text = _normalized_unminified(raw)
        if text is not None:
            try:
                schema = json.loads(text, strict=False)
            except json.JSONDecodeError:
                pass  # whitespace inside a literal, which minifying removes: the long way
            else:
                doc = _extract_json(extract_json, schema, doc)
                continue
        text = _normalize_json("".join(_JSON_PIECES.findall(raw)))
        try:
            schema = json.loads(text, strict=False)
        except json.JSONDecodeError:
            doc = extract_json_parse_error(text, doc)
        else:
            doc = _extract_json(extract_json, schema, doc)
    return doc


def _extract_json(reader: Any, schema: Any, doc: Any) -> Any:
    """trafilatura's ``extract_json`` on one script, which raises on shapes it does not expect
    (a ``publisher`` given as a list): that script is then passed over, not the whole page's
    metadata lost."""
    try:
        return reader(schema, doc)
    except (AttributeError, TypeError, KeyError, IndexError, ValueError) as exc:
        log.debug("JSON-LD script passed over: %r", exc)
        return doc


def _normalized_unminified(raw: str) -> str | None:
    """``_normalize_json(raw)``, when normalising can only edit strings, and the same way
    minified or not; else None. It can when there is no markup (the tag filter could cut across
    strings) and, if there are escapes (which turn decoding on), each backslash pairs with the
    next character (``_JSON_OTHER_ESCAPE``) and no entity decodes to a quote, a backslash or
    markup."""
    if "<" in raw:
        return None
    if "\\" not in raw:
        return " ".join(raw.split())
    if _JSON_OTHER_ESCAPE.search(raw) is not None:
        return None
    # No Unicode escape, hence nothing to decode and no surrogate to drop: only these steps.
    decoded = raw.replace("\\n", "").replace("\\r", "").replace("\\t", "")
    unescaped = html.unescape(decoded)
    if any(unescaped.count(c) != decoded.count(c) for c in _JSON_STRUCTURE):
        return None
    return " ".join(unescaped.split())


def _normalize_json(text: str) -> str:
    """trafilatura's ``normalize_json``: escapes decoded, markup and surplus whitespace removed."""
    if "\\" in text:
        text = text.replace("\\n", "").replace("\\r", "").replace("\\t", "")
        if "\\u" in text:
            text = _JSON_UNICODE.sub(lambda match: chr(int(match[1], 16)), text)
        text = html.unescape(_SURROGATE.sub("", text))
    if "<" in text:  # the only character that starts markup
        text = _TAG.sub("", text)
    return " ".join(text.split())


# --- date ----------------------------------------------------------------------------------------


def _page_date(tree: etree._Element, scan: _Scan, url: str | None) -> str | None:
    """htmldate's ``find_date(tree, extensive_search=False, original_date=True, url=url)``.

    Its stages in its order, by its own functions: the cheap ones (the date in the URL, the meta
    tags, JSON-LD, ``<abbr>``) on the scanned view, the others in ``_body_date``.
    """
    from htmldate import core, extractors, utils, validators

    utils.load_html(tree)  # find_date's check of the input type, with its error
    options = utils.Extractor(
        False, validators.get_max_date(None), validators.get_min_date(None), True, DATE_FORMAT
    )
    if url is None:
        canonical = tree.find(CANONICAL_PATH)
        url = canonical.get("href") if canonical is not None else None
    url_result = extractors.extract_url_date(url, options)
    if url_result is not None:
        return url_result
    result = core.examine_header(scan.view, options) or extractors.json_search(scan.view, options)
    if result is not None:
        return result
    result = core.examine_abbr_elements(scan.view, options)
    if result is not None:
        return result
    return _body_date(tree, options)


def _body_date(tree: etree._Element, options: Any) -> str | None:
    """The rest of ``find_date``: its stages on a pruned copy of the tree.

    htmldate copies the tree, drops its ``CLEANING_LIST`` elements (``svg``, ``iframe``,
    ``label``...) from the copy and looks for dates in date-like elements, then headings,
    ``<time>`` elements and the serialised copy. Copying costs more than the cheap stages
    together, and the date-like elements are where the date usually is, so that first stage
    reads the tree itself, leaving out what the copy lost (``_Candidates``); the copy is made
    only when it finds nothing, or when the pruning cannot be told without doing it.
    """
    from htmldate import core, extractors, settings, utils

    candidates = _Candidates.of(tree)
    if candidates is not None:
        result = core.examine_elements(candidates.as_in_copy(), options)
        if result is not None:
            return result
    copy = deepcopy(tree)
    try:
        search_tree = extractors.discard_unwanted(utils.clean_html(copy, settings.CLEANING_LIST))
    except ValueError:  # find_date's guard against lxml refusing a control character
        search_tree = copy
    result = (
        (
            core.examine_elements(core.date_candidates(search_tree, False), options)
            if candidates is None
            else None
        )
        # ``.//title|.//h1`` (XPath evaluates a union as two searches of the whole tree).
        or core.examine_elements(list(search_tree.iterdescendants(*HEADING_TAGS)), options)
        or core.examine_time_elements(search_tree, options)
    )
    if result is not None:
        return result
    htmlstring = core.serialize(search_tree)
    result = (
        extractors.pattern_search(htmlstring, core.TIMESTAMP_PATTERN, options)
        or extractors.img_search(search_tree, options)
        or extractors.idiosyncrasies_search(htmlstring, options)
    )
    if result is not None:
        return result
    utils.clean_html(search_tree, ["script", "style"])
    text = " ".join(search_tree.itertext())
    return extractors.pattern_search(text, core.TIMESTAMP_LOOSE_PATTERN, options)


def _declared_date(scripts: list[str]) -> str | None:
    """The first ``datePublished`` of the page's JSON-LD, in ISO 8601, with its time and time
    zone when it gives them; None when there is none or it is not a plausible date.

    htmldate reads the URL and the meta tags before the JSON-LD, and takes a date in the URL's
    path or an ``og:updated_time`` over it; the publication date the page declares in its
    structured data is right more often (docs/evaluation.md). Read by a pattern over the
    scripts' text, so that JSON that does not parse still gives its date.
    """
    for script in scripts:
        match = _DATE_PUBLISHED.search(script)
        if match is not None:
            return _iso_moment(match)
    return None


def _declared_headline(scripts: list[str]) -> str | None:
    """The first ``headline`` of the page's JSON-LD (trafilatura reads it only when the meta
    tags give no title), its escapes and entities decoded."""
    for script in scripts:
        match = _HEADLINE.search(script)
        if match is not None:
            try:
                text = json.loads(f'"{match[1]}"')
            except json.JSONDecodeError:
                continue
            return html.unescape(text) if "&" in text else text
    return None


def _iso_moment(match: re.Match[str]) -> str | None:
    """The ISO 8601 form of a ``_DATE_PUBLISHED`` match: the day, the time if given (to the
    second), the offset if given."""
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        day_only = dt.date(int(year), int(month), int(day))
        if not EARLIEST_YEAR <= day_only.year <= dt.date.today().year + YEARS_AHEAD:
            return None
        if hour is None:
            return day_only.isoformat()
        tzinfo = None
        if zone:
            sign = -1 if zone[0] == "-" else 1
            hours, minutes = (0, 0) if zone == "Z" else (int(zone[1:3]), int(zone[-2:]))
            tzinfo = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
        moment = dt.datetime(
            day_only.year,
            day_only.month,
            day_only.day,
            int(hour),
            int(minute),
            int(second or 0),
            tzinfo=tzinfo,
        )
    except ValueError:
        return None
    return moment.isoformat()


def _extensive_date(tree: etree._Element, url: str | None) -> str | None:
    """htmldate's extensive search, which trafilatura's ``extract_metadata`` runs, for the pages
    whose date the fast search (``_page_date``) does not find: every element with a date cue,
    the page's short text segments, then patterns over the whole serialised page."""
    from htmldate import find_date

    if _ELEMENTS(tree) > EXTENSIVE_DATE_MAX_ELEMENTS:
        # Its cost grows faster than the page (a minute and a half for 200,000 paragraphs).
        return None
    return find_date(tree, extensive_search=True, original_date=True, url=url)


# Most elements a page may have for htmldate's extensive date search to run on it: its cost
# grows faster than the page's size. News pages have a few thousand.
EXTENSIVE_DATE_MAX_ELEMENTS = 15_000
_ELEMENTS = etree.XPath("count(//*)")


@dataclass(frozen=True, slots=True)
class _PruningTags:
    """htmldate's tag lists for its pruned copy."""

    # Dropped from the copy (htmldate's ``CLEANING_LIST``).
    cleaning: tuple[str, ...]
    # Searched for date-like elements (``FAST_TAGS``), and those kept whatever their attributes.
    candidates: tuple[str, ...]
    always: frozenset[str]


@functools.cache
def _pruning_tags() -> _PruningTags:
    """Built once, from htmldate's own lists (imported when first needed, as htmldate is)."""
    from htmldate import core, extractors, settings

    return _PruningTags(
        cleaning=tuple(settings.CLEANING_LIST),
        candidates=(*extractors.FAST_TAGS, *core.ALWAYS_TAGS),
        always=frozenset(core.ALWAYS_TAGS),
    )


def _with_date_cue(
    elements: list[etree._Element], columns: list[list[str | None]], kept: set[etree._Element]
) -> list[etree._Element]:
    """The elements whose id, class or itemprop (``columns``, one value per element) holds a
    word of ``DATE_CANDIDATE_CUES``, and those of ``kept``: all of htmldate's date candidates
    and a few more.

    Pages repeat their classes, so each distinct value is tested once, and the per-element steps
    are C loops (``map``, ``compress``) rather than Python ones: this runs over most elements of
    the pages it runs on.
    """
    values = set().union(*columns) - {None}
    joined = "\0".join(values)
    cued: set[str | None] = set()
    for cue in DATE_CANDIDATE_CUES:
        if cue in joined:
            cued.update(value for value in values if cue in value)
    keep: Iterator[bool] = map(kept.__contains__, elements)
    for column in columns:
        keep = map(operator.or_, keep, map(cued.__contains__, column))
    return list(itertools.compress(elements, keep))


@dataclass(frozen=True, slots=True)
class _Candidates:
    """htmldate's date candidates in its pruned copy of a tree, read off the tree itself.

    htmldate's ``clean_html`` drops the ``CLEANING_LIST`` elements one by one while iterating
    over them, and lxml's iterator has already stepped to the next match when the current one is
    dropped: while the matches are disjoint each is dropped, and at the first match nested in the
    previous one the walk stays inside the dropped subtree, so the rest of the page keeps its
    matches. ``removed`` is that prefix. A dropped element's tail stays in the copy.
    """

    # ``date_candidates(copy, False)``, in document order.
    elements: list[etree._Element]
    # The roots of the dropped subtrees, and every element that holds one of them.
    removed: frozenset[etree._Element]
    holders: frozenset[etree._Element]

    @staticmethod
    def of(tree: etree._Element) -> _Candidates | None:
        """None when the copy differs in a way not modelled here: an archive.org banner (which
        htmldate also drops), a drop that lxml refuses (``_drop_fails``), a root that would be
        dropped."""
        from htmldate import core

        tags = _pruning_tags()
        if tree.tag in tags.cleaning:
            return None
        removed = _dropped(list(tree.iterdescendants(*tags.cleaning)), tags.cleaning)
        dropped = frozenset(removed)
        if any(_drop_fails(r, dropped) for r in removed):
            return None
        lost = {x for r in removed for x in r.iterdescendants(*tags.candidates)}
        elements = list(tree.iterdescendants(*tags.candidates))
        columns = [list(map(methodcaller("get", a), elements)) for a in CANDIDATE_ATTRIBUTES]
        if not ARCHIVE_BANNER_IDS.isdisjoint(columns[0]):
            return None
        always = set(tree.iterdescendants(*tags.always))
        elements = [
            e
            for e in _with_date_cue(elements, columns, always)
            if e not in lost and (e in always or core.is_date_candidate(e))
        ]
        return _Candidates(elements, dropped, frozenset(_holders(removed)))

    def as_in_copy(self) -> list[Any]:
        """The candidates as htmldate reads them in the copy (text without the dropped parts)."""
        return [_PrunedElement(e, self.removed) if e in self.holders else e for e in self.elements]


def _dropped(matches: list[etree._Element], cleaning: tuple[str, ...]) -> list[etree._Element]:
    """The ``CLEANING_LIST`` matches htmldate's ``clean_html`` drops (see ``_Candidates``)."""
    dropped: list[etree._Element] = []
    for element in matches:
        dropped.append(element)
        if next(element.iterdescendants(*cleaning), None) is not None:
            break
    return dropped


def _drop_fails(element: etree._Element, removed: frozenset[etree._Element]) -> bool:
    """Whether lxml.html's ``drop_tree``, which htmldate uses, raises on ``element``: it appends
    the tail to the nearest remaining previous sibling's tail (else the parent's text), and lxml
    refuses text with control characters. htmldate then goes on with a copy half pruned."""
    if not element.tail:
        return False
    previous = element.getprevious()
    while previous is not None and previous in removed:
        previous = previous.getprevious()
    parent = element.getparent()
    receiving = previous.tail if previous is not None else parent.text if parent is not None else ""
    return _XML_REFUSED.search(element.tail + (receiving or "")) is not None


def _holders(removed: Iterable[etree._Element]) -> set[etree._Element]:
    """Every ancestor of a removed element, each walked once."""
    holders: set[etree._Element] = set()
    for element in removed:
        for ancestor in element.iterancestors():
            if ancestor in holders:
                break
            holders.add(ancestor)
    return holders


class _PrunedElement:
    """An element as htmldate's ``examine_elements`` reads it in the pruned copy."""

    __slots__ = ("_element", "_removed")

    def __init__(self, element: etree._Element, removed: frozenset[etree._Element]) -> None:
        self._element = element
        self._removed = removed

    def get(self, key: str, default: str | None = None) -> str | None:
        return self._element.get(key, default)

    def text_content(self) -> str:
        """``text_content()`` once the removed subtrees are dropped (their tails stay)."""
        parts = [self._element.text or ""]
        stack = [(self._element, iter(self._element))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if stack:
                    parts.append(node.tail or "")
            elif child in self._removed:
                parts.append(child.tail or "")
            else:
                if isinstance(child.tag, str):  # a comment's or PI's own text is not content
                    parts.append(child.text or "")
                stack.append((child, iter(child)))
        return "".join(parts)


# --- plain text and common steps -----------------------------------------------------------------


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    text = " ".join(value.split())
    return text or None


def parse_dateline(text: str) -> str | None:
    """ISO 8601 date (with time and offset when the line gives them) from a dateline.

    ``"11:33 JST, January 30, 2023"`` → ``"2023-01-30T11:33:00+09:00"``.
    """
    date = _find_date(text)
    if date is None:
        return None
    time_match = _TIME.search(text)
    if time_match is None:
        return date.isoformat()
    hour, minute = int(time_match.group(1)), int(time_match.group(2))
    second = int(time_match.group(3) or 0)
    meridiem = (time_match.group(4) or "").lower()
    if meridiem == "p" and hour < 12:
        hour += 12
    elif meridiem == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return date.isoformat()
    zone = (time_match.group(5) or "").upper()
    offset = TIMEZONE_OFFSETS.get(zone)
    tzinfo = dt.timezone(dt.timedelta(hours=offset)) if offset is not None else None
    moment = dt.datetime(date.year, date.month, date.day, hour, minute, second, tzinfo=tzinfo)
    return moment.isoformat()


def _find_date(text: str) -> dt.date | None:
    for order, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            a, b, c = match.groups()
            try:
                if order == "ymd":
                    return dt.date(int(a), int(b), int(c))
                if order == "mdy" and a.lower() in MONTHS:
                    return dt.date(int(c), MONTHS[a.lower()], int(b))
                if order == "dmy" and b.lower() in MONTHS:
                    return dt.date(int(c), MONTHS[b.lower()], int(a))
            except ValueError:
                continue
    return None
