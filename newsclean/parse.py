"""Bytes → text → tree: encoding detection, input limits and safe HTML parsing.

Only lxml's *HTML* parser is ever used on page input: it resolves no entities, loads no DTD and
touches no network or file, whatever the doctype claims. ``huge_tree`` is on so that libxml2 does
not silently cut deep or large documents; the limits that protect memory are ours (``Settings``).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import lxml.html
import regex
from lxml import etree

from newsclean import errors
from newsclean.errors import InputTooLarge
from newsclean.settings import Settings

# How far into the page to look for a <meta charset> declaration.
CHARSET_SNIFF_BYTES = 4096
# How far into the page to look for tags when deciding between HTML and plain text.
KIND_SNIFF_CHARS = 4096
# Share of control characters (besides whitespace) above which bytes are binary, not a page.
BINARY_CONTROL_SHARE = 0.10

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = regex.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", regex.IGNORECASE
)
_HTML_TAG = regex.compile(
    r"<(?:!doctype\s+html|html|head|body|div|p|br|span|a\s|table|article|section|meta|title|h[1-6]|li|ul)\b",
    regex.IGNORECASE,
)
_CONTROL = regex.compile(rb"[\x00-\x08\x0e-\x1f]")
_MAGIC_BINARY: tuple[bytes, ...] = (
    b"\x89PNG",
    b"%PDF",
    b"\x1f\x8b",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x7fELF",
    b"RIFF",
    b"\x00\x00\x01\x00",
    b"OggS",
    b"fLaC",
    b"ID3",
    b"BZh",
    b"\xfd7zXZ",
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and any warnings about it."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def check_size(size: int, settings: Settings) -> None:
    """Raise ``InputTooLarge`` when ``size`` is above ``settings.max_bytes``."""
    if size > settings.max_bytes:
        raise InputTooLarge(size, settings.max_bytes)


def is_binary(data: bytes) -> bool:
    """True for bytes that are a known binary format or mostly control characters."""
    if data.startswith(_MAGIC_BINARY):
        return True
    head = data[:CHARSET_SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(head):
        return False
    return len(_CONTROL.findall(head)) > BINARY_CONTROL_SHARE * max(len(head), 1)


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without BOM: ASCII text has a NUL in every other byte."""
    if len(head) < 8:
        return False
    even, odd = head[0::2], head[1::2]
    return odd.count(0) > 0.4 * len(odd) or even.count(0) > 0.4 * len(even)


def decode(data: bytes) -> Decoded:
    """Decode page bytes: BOM, valid UTF-8, a declared charset that really decodes, a detector,
    then UTF-8 with replacement characters and a warning."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(name, errors="replace"), name)
    if _looks_utf16(data[:CHARSET_SNIFF_BYTES]):
        name = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return Decoded(data.decode(name, errors="replace"), name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data[:CHARSET_SNIFF_BYTES])
    if declared:
        try:
            return Decoded(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass
    detected = _detect(data)
    if detected:
        try:
            return Decoded(
                data.decode(detected),
                detected,
                (
                    errors.warning(
                        errors.ENCODING_FALLBACK,
                        f"no declared charset decodes; detected {detected}",
                    ),
                ),
            )
        except (UnicodeDecodeError, LookupError):
            pass
    return Decoded(
        data.decode("utf-8", errors="replace"),
        "utf-8",
        (errors.warning(errors.ENCODING_REPLACED, "undecodable bytes were replaced with U+FFFD"),),
    )


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii", errors="ignore").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # WHATWG: a declared UTF-16 in a byte-oriented page means UTF-8; labels of single-byte
    # Latin pages mean windows-1252, which is a superset.
    if name.startswith("utf-16"):
        return None
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return name


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else None


def looks_like_html(text: str) -> bool:
    """True when the start of ``text`` has HTML tags; plain text scraped from a page has none."""
    return _HTML_TAG.search(text, 0, KIND_SNIFF_CHARS) is not None


def make_parser() -> lxml.html.HTMLParser:
    """The only parser newsclean uses on page input: HTML, no network, no entities, no DTD."""
    return lxml.html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=True,
        recover=True,
        default_doctype=False,
        collect_ids=False,
        compact=True,
    )


def parse_html(text: str) -> etree._Element | None:
    """Parse HTML text into a tree, unchanged: metadata reads the head and JSON-LD scripts, and
    segmentation skips the subtrees that never hold article text.

    Returns None when there is no element at all (empty or whitespace-only markup).
    """
    data = text.replace("\x00", "\ufffd").encode("utf-8", errors="replace")
    if not data.strip():
        return None
    try:
        root = etree.fromstring(data, make_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return root
