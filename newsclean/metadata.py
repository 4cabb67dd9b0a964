"""Title, date, author and site name.

HTML pages: trafilatura's metadata readers (meta tags, JSON-LD, ``<title>``) and htmldate, called
piecewise on the tree newsclean already parsed, leaving out trafilatura's XPath author search,
which costs more than the whole body extraction. Plain text: the dateline parser below.

Measured on the AEB pages (docs/benchmarks.md): the pieces kept cost about 1.2 ms a page, JSON-LD
the most; ``json_ld`` below reads it as trafilatura does, at about half the cost.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
import re
from dataclasses import dataclass
from typing import Any

import regex
from lxml import etree

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

# The scripts that hold JSON-LD (trafilatura reads the same two types).
JSON_LD_XPATH = './/script[@type="application/ld+json" or @type="application/settings+json"]'
# A JSON string, or a run of other characters than whitespace, or a quote that opens no string:
# joining the matches drops the whitespace outside strings, as trafilatura's JSON_MINIFY does.
_JSON_PIECES = re.compile(r'"(?:\\.|[^"\\])*"|[^\s"]+|"')
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


def from_tree(tree: etree._Element, url: str | None = None) -> Metadata:
    """Metadata of an HTML page from its meta tags, JSON-LD and title element."""
    from htmldate import find_date
    from trafilatura import metadata as tm

    try:
        doc = tm.examine_meta(tree)
        if doc.author and " " not in doc.author:
            doc.author = None
        doc = json_ld(tree, doc)
        title = doc.title or tm.extract_title(tree)
        page_url = url or doc.url
        date = find_date(tree, extensive_search=False, original_date=True, url=page_url)
        sitename = doc.sitename or tm.extract_sitename(tree)
    except Exception as exc:
        log.debug("metadata extraction failed: %s", exc)
        return Metadata(url=url)
    return Metadata(
        title=_clean(title),
        date=date,
        author=_clean(doc.author),
        sitename=_clean(sitename.lstrip("@")) if sitename else None,
        url=page_url,
        description=_clean(doc.description),
    )


def json_ld(tree: etree._Element, doc: Any) -> Any:
    """trafilatura's ``extract_meta_json`` with the same steps done by whole-string operations
    (it minifies with a template per match and drops surrogates character by character): the
    scripts' text, minified and normalised, fills ``doc`` through trafilatura's JSON readers."""
    from trafilatura.json_metadata import extract_json, extract_json_parse_error

    for script in tree.xpath(JSON_LD_XPATH):
        if not script.text:
            continue
        text = _normalize_json("".join(_JSON_PIECES.findall(script.text)))
        try:
            doc = extract_json(json.loads(text, strict=False), doc)
        except json.JSONDecodeError:
            doc = extract_json_parse_error(text, doc)
    return doc


def _normalize_json(text: str) -> str:
    """trafilatura's ``normalize_json``: escapes decoded, markup and surplus whitespace removed."""
    if "\\" in text:
        text = text.replace("\\n", "").replace("\\r", "").replace("\\t", "")
        text = _JSON_UNICODE.sub(lambda match: chr(int(match[1], 16)), text)
        text = html.unescape(_SURROGATE.sub("", text))
    return " ".join(_TAG.sub("", text).split())


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
