"""Bytes → text → tree: decompression, encoding detection, input limits and safe HTML parsing.

Only lxml's *HTML* parser is ever used on page input (``PARSER_OPTIONS``): it resolves no
entities, loads no DTD and touches no network or file, whatever the doctype claims. The limits
that protect time and memory are ours (``Settings``), applied to the markup *before* libxml2 sees
it, because libxml2 is quadratic in the attributes of one tag and stops silently past a fixed
nesting depth. Every cut leaves a warning (``errors.TRUNCATED``, ``errors.ATTRIBUTES_CUT``).
"""

from __future__ import annotations

import codecs
import functools
import re
import string
import types
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

import lxml.html
import regex
from lxml import etree
from selectolax.lexbor import LexborHTMLParser

from newsclean import errors
from newsclean.errors import InputTooLarge
from newsclean.settings import DEFAULT_SETTINGS, Settings

# How far into the page to look for a <meta charset> declaration.
CHARSET_SNIFF_BYTES = 4096
# How far into the page to look for tags when deciding between HTML and plain text.
KIND_SNIFF_CHARS = 4096
# Fewest tags of known HTML elements that make a text markup (a fragment "<p>x</p>" has two).
MIN_MARKUP_TAGS = 2
# Share of the "<" in the sniffed text that must open a tag of a known element (or a comment) for
# the text to be markup: prose with stray brackets ("if a < b", "<not a tag>") has fewer.
MIN_MARKUP_SHARE = 0.5
# Most characters of text (outside tags and scripts) per tag in markup: a text dump with a few
# tags left in it ("<img ...>" from a <noscript>) has far fewer tags than a page or a fragment.
MAX_TEXT_PER_TAG = 1000
# Share of control characters (besides whitespace) above which bytes are binary, not a page.
BINARY_CONTROL_SHARE = 0.10
# Share of ASCII text bytes (tab, newlines, printables) below which bytes that are not UTF-8 are
# binary: every real page or text dump, whatever its encoding, has some markup, digits or spaces.
MIN_ASCII_SHARE = 0.01
# Fewest bytes the ASCII-share test needs to be meaningful.
MIN_ASCII_SAMPLE = 256
# Continuation bytes of valid UTF-8 per broken sequence above which a page is damaged UTF-8.
UTF8_CONTINUATION_PER_BROKEN = 10
# Fewest valid multibyte UTF-8 characters that make a page with other bytes in it partly UTF-8:
# legacy encodings almost never form them by accident, and then only a few.
MIN_MIXED_UTF8_CHARS = 8
# Longest run of bytes that are not UTF-8 read as windows-1252 in a partly UTF-8 page: a Western
# word holds one or two accented letters in a row, a CJK or Cyrillic word a longer run.
MAX_CP1252_RUN = 4
# Bytes of a non-UTF-8 page given to the encoding detector (it is slow on more).
DETECT_BYTES = 200_000
# Pieces (text runs and tags) the long-tag finder skips per match: the regex module keeps state for
# every repetition of a group, so one match over a whole page would cost memory per tag.
FINDER_STEPS = 1_000
# Encodings preferred when the detector finds several that fit equally well: WHATWG's default for
# unlabelled Western pages wins over its Central European and Baltic look-alikes.
DETECT_TIE_PREFERENCE: tuple[str, ...] = ("utf_8", "cp1252")
# Output chunk of the streaming decompressor: a bomb never holds more than this in memory.
INFLATE_CHUNK = 1 << 16
# libxml2's HTML parser stops (silently, recover=True) at this nesting depth, huge_tree or not.
LIBXML2_MAX_DEPTH = 2048
# Levels libxml2 may add above the page's own elements (html, body and a wrapper or two).
LIBXML2_DEPTH_MARGIN = 8
# Flattening passes tried, each with half the depth, when libxml2 still reports excess depth.
FLATTEN_ATTEMPTS = 3

# The only parser configuration newsclean uses on page input (see ``make_parser``).
PARSER_OPTIONS: Mapping[str, bool | str] = types.MappingProxyType(
    {
        "encoding": "utf-8",  # parse_html always hands libxml2 UTF-8 bytes
        "recover": True,  # broken markup is the normal case on the web
        "no_network": True,  # never fetch a DTD or an entity, whatever the doctype says
        "huge_tree": True,  # no silent cut of text nodes or attributes above 10 MB
        "remove_comments": True,
        "remove_pis": True,
        "default_doctype": False,
        "collect_ids": False,
        "compact": True,
    }
)

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
# Elements whose start tag alone makes a text a page, whatever else it holds.
DOCUMENT_TAGS: frozenset[str] = frozenset(["html", "head", "body"])
# The elements of HTML (WHATWG, with a few obsolete ones pages still use): a tag with another name
# ("<not a tag>", "<your name>") says nothing about whether a text is markup.
HTML_ELEMENTS: frozenset[str] = frozenset(
    """a abbr address area article aside audio b base bdi bdo blockquote body br button canvas
    caption center cite code col colgroup data datalist dd del details dfn dialog div dl dt em
    embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hgroup hr
    html i iframe img input ins kbd label legend li link main map mark menu meta meter nav
    noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp
    script search section select slot small source span strike strong style sub summary sup
    svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video
    wbr""".split()  # noqa: SIM905 (as a list literal, one name a line: 120 lines)
)
# One "<" of the sniffed text: a doctype, a comment, an end tag, a start tag with well-formed
# attributes (names, then optional values) or, failing all these, a stray "<". A start tag may run
# past the end of the sniffed text (a page may open with a 50 KB Content-Security-Policy <meta>).
_SNIFF_TOKEN = regex.compile(
    r"<!(?i:doctype)\s++(?i:html)"
    r"|<!--"
    r"|</(?P<end>[a-zA-Z][a-zA-Z0-9]*+)\s*+>"
    r"|<(?P<start>[a-zA-Z][a-zA-Z0-9]*+)"
    r"""(?:\s++[^\s"'<>/=]++(?:\s*+=\s*+(?:"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z)|[^\s"'<>=`]++))?)*+"""
    r"(?:\s*+/?>|\Z)"
    r"|<"
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
# gzip magic and method (deflate); zlib streams are recognised by their header checksum.
_GZIP_MAGIC = b"\x1f\x8b\x08"
# zlib's wbits for "gzip or zlib header, detected from the data".
_AUTO_WBITS = 32 + zlib.MAX_WBITS

# HTML5 tokenisation of one attribute inside a tag: a name, then an optional value, quoted (to the
# closing quote or the end of the page) or unquoted (to whitespace or ">").
_ATTRIBUTE_SOURCE = (
    r"""[\s/]*+(?P<name>[^\s/>][^\s/>=]*+)"""
    r"""(?:\s*+=\s*+(?P<value>"[^"]*+"?|'[^']*+'?|[^\s>]*+))?"""
)
_ATTRIBUTE = regex.compile(_ATTRIBUTE_SOURCE)
_TAG_NAME = regex.compile(r"<[a-zA-Z][^\s/>]*+")
# An ASCII letter, never a case-folded look-alike, even inside an IGNORECASE pattern: HTML5 starts a
# tag only at "<" and an ASCII letter, where the ``regex`` module would also take "ſ", "ı" or "K".
_ASCII_LETTER = r"(?-i:[a-zA-Z])"


def _html_name(name: str) -> str:
    """A pattern for the tag name ``name`` in any ASCII case and nothing else, as HTML5 compares
    names: "<ſcript>" is no script, though IGNORECASE alone would fold "ſ" to "s"."""
    return "(?-i:" + "".join(f"[{char.lower()}{char.upper()}]" for char in name) + ")"


_TAG_END = regex.compile(r"[\s/]*+>?")
# Elements whose content libxml2 reads as raw text up to their end tag.
RAW_TEXT_TAGS: tuple[str, ...] = (
    "script",
    "style",
    "title",
    "textarea",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
)
_RAW_NAMES = "|".join(_html_name(name) for name in RAW_TEXT_TAGS)
# A raw-text start tag; libxml2 reads a self-closing one ("<script/>") as empty.
_RAW_OPEN = regex.compile(rf"<({_RAW_NAMES})(?=[\s/>])[^>]*+(?<!/)>", regex.IGNORECASE)
# Where a candidate for ``_RAW_OPEN`` starts (``_close_raw_text`` finds its end with str.find).
_RAW_START = regex.compile(rf"<({_RAW_NAMES})(?=[\s/>])", regex.IGNORECASE)
_RAW_CLOSE: Mapping[str, regex.Pattern[str]] = types.MappingProxyType(
    {name: regex.compile(rf"</{_html_name(name)}(?=[\s/>])") for name in RAW_TEXT_TAGS}
)
# For the depth pass: a raw-text element whole, a start or end tag, or a comment.
_TOKEN = regex.compile(
    rf"<({_RAW_NAMES})(?=[\s/>])[^>]*+(?<!/)>.*?(?:</\1[^>]*+>|\Z)"
    rf"|<(?P<end>/?)(?P<tag>{_ASCII_LETTER}[^\s/>]*+)"
    + "(?:"
    + _ATTRIBUTE_SOURCE.replace("?P<name>", "").replace("?P<value>", "")
    + r")*+[\s/]*+>?|<!--.*?(?:-->|\Z)",
    regex.IGNORECASE | regex.DOTALL,
)
# What HTML5 reads as no start tag: a comment (to "-->" or the end of the page), a bogus comment
# ("<!x", "<?x", "</1" to the next ">") or an end tag. Tags inside them are not tags.
_COMMENT_OR_END_TAG = r"<!--(?:>|->|(?:[^-]++|-(?!->))*+(?:-->|\Z))|<[!?][^>]*+>?|</[^>]*+>?"
# A raw-text element whole (to its end tag or the end of the page), or any other "<".
_TAG_OR_RAW_TEXT = regex.compile(
    "|".join(
        rf"<{html}(?=[\s/>])[^>]*+(?<!/)>.*?(?:</{html}(?=[\s/>])|\Z)"
        for html in map(_html_name, RAW_TEXT_TAGS)
    )
    + "|<",
    regex.IGNORECASE | regex.DOTALL,
)
_LAST_COMMENT_CLOSE = regex.compile(r"(?r)-->")
_COMMENT_OPEN = regex.compile(r"<!--")
_MARKUP_START = regex.compile(r"<[a-zA-Z/]")
# Elements that never have content: they do not deepen the tree.
VOID_TAGS: frozenset[str] = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
# Elements that a new one of the same name closes (<p>a<p>b are siblings, not nested).
SIBLING_CLOSED_TAGS: frozenset[str] = frozenset(["p", "li", "dt", "dd", "option", "tr", "td", "th"])
# What a start or end tag past the depth limit becomes: a line break keeps block boundaries.
FLATTENED_TAG = "<br>"
# Deepest nesting handed to lexbor: its tree construction checks scopes down the stack of open
# elements, so its cost grows with nesting × tags (0.05 s at 10,000 levels, 4.6 s at 40,000).
# Deeper pages are parsed by libxml2 alone, which flattens them (``flatten``).
HTML5_MAX_NESTING = 10_000
_VOID_NAMES = "|".join(sorted(VOID_TAGS))
# A start tag of a non-void element (group 1 empty) or an end tag (group 1 "/").
_START_OR_END = re.compile(rf"<(/?)(?!(?:{_VOID_NAMES})[\s/>])[a-zA-Z]", re.IGNORECASE)
# What a NUL character becomes before parsing, in UTF-8.
_REPLACEMENT_UTF8 = "\ufffd".encode()


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and any warnings about it."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()
    # The bytes decoded, when they are exactly the text's UTF-8 (valid UTF-8 without a BOM):
    # ``parse_page`` hands them to libxml2 instead of encoding the text again.
    utf8: bytes | None = None


@dataclass(frozen=True, slots=True)
class Parsed:
    """A parsed page (None when there is no element at all) and the warnings about cuts."""

    tree: etree._Element | None
    warnings: tuple[str, ...] = ()


def check_size(size: int, settings: Settings) -> None:
    """Raise ``InputTooLarge`` when ``size`` is above ``settings.max_bytes``."""
    if size > settings.max_bytes:
        raise InputTooLarge(size, settings.max_bytes)


# --- compressed input ----------------------------------------------------------------------


def is_compressed(data: bytes) -> bool:
    """True when ``data`` starts like a gzip member or a zlib stream."""
    if data.startswith(_GZIP_MAGIC):
        return True
    if len(data) < 2:
        return False
    cmf, flg = data[0], data[1]
    return cmf & 0x0F == 8 and cmf >> 4 <= 7 and (cmf << 8 | flg) % 31 == 0 and not flg & 0x20


def inflate(data: bytes, settings: Settings) -> tuple[bytes, tuple[str, ...]]:
    """Transparently decompress a gzip or zlib page (one layer), as a scraper that forgot the
    ``Content-Encoding`` hands it over.

    The decompressed size is checked against ``settings.max_bytes`` by a first streaming pass
    that keeps nothing, so a bomb costs one chunk of memory before ``InputTooLarge``. Data that
    does not inflate is returned unchanged; a gzip stream cut short gives what it held, with a
    warning.
    """
    if not is_compressed(data):
        return data, ()
    size, complete = _inflate(data, settings.max_bytes, keep=None)
    if size > settings.max_bytes:
        raise InputTooLarge(size, settings.max_bytes)
    if size == 0 or not (complete or data.startswith(_GZIP_MAGIC)):
        return data, ()
    chunks: list[bytes] = []
    _inflate(data, settings.max_bytes, keep=chunks)
    if complete:
        return b"".join(chunks), ()
    cut = errors.warning(errors.TRUNCATED, "the compressed page ends early")
    return b"".join(chunks), (cut,)


def _inflate(data: bytes, limit: int, *, keep: list[bytes] | None) -> tuple[int, bool]:
    """Stream-decompress every gzip member (or the zlib stream) of ``data`` chunk by chunk,
    stopping once past ``limit`` bytes or at damage; append the chunks to ``keep`` if given.

    Returns the decompressed size and whether the stream ended properly.
    """
    size = 0
    stream = zlib.decompressobj(_AUTO_WBITS)
    pending = data
    try:
        while pending and size <= limit:
            chunk = stream.decompress(pending, INFLATE_CHUNK)
            size += len(chunk)
            if keep is not None:
                keep.append(chunk)
            pending = stream.unconsumed_tail
            if stream.eof and stream.unused_data.startswith(_GZIP_MAGIC):
                pending = stream.unused_data
                stream = zlib.decompressobj(_AUTO_WBITS)
    except zlib.error:
        return size, False
    return size, stream.eof


# --- bytes → text --------------------------------------------------------------------------


_ASCII_TEXT_BYTES = bytes([9, 10, 13, *range(0x20, 0x7F)])
# Python's "surrogateescape" decodes each byte b that is not UTF-8 as the code point 0xDC00 + b.
_SURROGATE_ESCAPE = 0xDC00
_ESCAPED_RUN = re.compile("[\udc80-\udcff]+")


def is_binary(data: bytes) -> bool:
    """True for bytes that are a known binary format or mostly control characters."""
    if data.startswith(_MAGIC_BINARY):
        return True
    head = data[:CHARSET_SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(head):
        return False
    if len(_CONTROL.findall(head)) > BINARY_CONTROL_SHARE * max(len(head), 1):
        return True
    return _mostly_high_bytes(head)


def _mostly_high_bytes(head: bytes) -> bool:
    """True for a sample of almost only non-ASCII bytes that is not UTF-8 (e.g. random bytes)."""
    if len(head) < MIN_ASCII_SAMPLE:
        return False
    ascii_text = len(head) - len(head.translate(None, _ASCII_TEXT_BYTES))
    if ascii_text >= MIN_ASCII_SHARE * len(head):
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return True
    return False


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without BOM: ASCII text has a NUL in every other byte."""
    if len(head) < 8:
        return False
    even, odd = head[0::2], head[1::2]
    return odd.count(0) > 0.4 * len(odd) or even.count(0) > 0.4 * len(even)


def decode(data: bytes, transport: str | None = None) -> Decoded:
    """Decode page bytes: BOM, valid UTF-8, a declared charset that really decodes (the
    ``transport``'s, such as an HTTP header's, before the page's ``<meta>``), a detector, then
    UTF-8 with replacement characters and a warning. Valid UTF-8 goes before the declarations:
    a legacy charset declared for bytes that are valid UTF-8 is almost always a server default
    that does not know the page."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(name, errors="replace"), name)
    if _looks_utf16(data[:CHARSET_SNIFF_BYTES]):
        name = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return Decoded(data.decode(name, errors="replace"), name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", utf8=data)
    except UnicodeDecodeError:
        pass
    if (mostly := _mostly_utf8(data)) is not None:
        return Decoded(mostly, "utf-8", (_replaced(),))
    if (mixed := _mixed_utf8(data)) is not None:
        return Decoded(
            mixed,
            "utf-8",
            (
                errors.warning(
                    errors.ENCODING_FALLBACK, "bytes that are not UTF-8 were read as windows-1252"
                ),
            ),
        )
    for declared in (_charset_name(transport), _declared_charset(data[:CHARSET_SNIFF_BYTES])):
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
    return Decoded(data.decode("utf-8", errors="replace"), "utf-8", (_replaced(),))


def _replaced() -> str:
    return errors.warning(errors.ENCODING_REPLACED, "undecodable bytes were replaced with U+FFFD")


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few broken sequences, decoded with U+FFFD for them; None otherwise.

    Text in a legacy encoding is almost never valid UTF-8 by accident, so many valid multibyte
    sequences per broken one mean a UTF-8 page with damage, not another encoding.
    """
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    # Each valid multibyte character adds its continuation bytes to the difference.
    continuation = len(data) - len(text)
    return text if continuation >= UTF8_CONTINUATION_PER_BROKEN * broken else None


def _mixed_utf8(data: bytes) -> str | None:
    """A page that is UTF-8 in parts and windows-1252 in others (a UTF-8 template around text
    pasted from a legacy system, or the other way round), each part decoded in its own encoding;
    None when the page does not read that way.

    A browser shows U+FFFD for every windows-1252 letter; a detector picks one encoding for the
    whole page and garbles the other part. Here the page must hold ``MIN_MIXED_UTF8_CHARS`` valid
    multibyte UTF-8 characters, and every run of other bytes must be short (``MAX_CP1252_RUN``)
    and stand between ASCII characters, as accented letters do in Western text; runs in a CJK or
    Cyrillic legacy encoding are long or touch other high bytes.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    runs = list(_ESCAPED_RUN.finditer(text))
    escaped = sum(len(run.group()) for run in runs)
    utf8_chars = len(text) - len(text.encode("ascii", errors="ignore")) - escaped
    if utf8_chars < MIN_MIXED_UTF8_CHARS or not all(_cp1252_like(text, run) for run in runs):
        return None
    return _ESCAPED_RUN.sub(_cp1252_run, text)


def _cp1252_like(text: str, run: re.Match[str]) -> bool:
    """A run of escaped bytes short enough for Western accented letters, between ASCII."""
    before, after = text[run.start() - 1 : run.start()], text[run.end() : run.end() + 1]
    return len(run.group()) <= MAX_CP1252_RUN and before.isascii() and after.isascii()


def _cp1252_run(run: re.Match[str]) -> str:
    """Escaped bytes decoded as windows-1252, as WHATWG does: its five unassigned bytes are the C1
    controls of the same value (Latin-1)."""
    return "".join(
        bytes([ord(char) - _SURROGATE_ESCAPE]).decode("cp1252", errors="ignore")
        or chr(ord(char) - _SURROGATE_ESCAPE)
        for char in run.group()
    )


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    if not match:
        return None
    return _charset_name(match.group(1).decode("ascii", errors="ignore"))


def _charset_name(label: str | None) -> str | None:
    """The codec of a declared charset label, or None when it names none (or no label)."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
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

    matches = list(from_bytes(data[:DETECT_BYTES]))
    if not matches:
        return None
    best = matches[0]
    tied = {m.encoding for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)}
    return next((name for name in DETECT_TIE_PREFERENCE if name in tied), best.encoding)


def looks_like_html(text: str) -> bool:
    """True when the start of ``text`` is markup: a doctype or an ``<html>``, ``<head>`` or
    ``<body>`` tag, or at least ``MIN_MARKUP_TAGS`` tags of HTML elements that open most of its
    "<" and come often enough for its text (``MAX_TEXT_PER_TAG``). Text with stray brackets
    (``if a < b``, ``<not a tag>``) or a few leftover tags is plain text, and keeps them.

    ``KIND_SNIFF_CHARS`` characters are read, not counting comments, the content of scripts and
    styles, nor a tag longer than that, which say nothing either way (a page may open with 100 KB
    of CSS, or a 50 KB Content-Security-Policy <meta>).
    """
    end = min(len(text), KIND_SNIFF_CHARS)
    tags = strays = text_chars = pos = 0
    while (found := _SNIFF_TOKEN.search(text, pos, end)) is not None:
        text_chars += found.start() - pos
        if found.group("start") and found.end() == end < len(text):
            # A start tag cut by the end of the window: read it whole, at no cost to the window.
            left = end - found.start()
            found = _SNIFF_TOKEN.match(text, found.start())
            end = min(len(text), found.end() + left)
        pos = found.end()
        token, start = found.group(), (found.group("start") or "").lower()
        if (token.startswith("<!") and not token.startswith("<!--")) or start in DOCUMENT_TAGS:
            return True  # a doctype, <html>, <head> or <body>
        name = start or (found.group("end") or "").lower()
        if token.startswith("<!--") or name in HTML_ELEMENTS:
            tags += 1
        else:
            strays += 1
        skip_to = _sniff_skip(text, pos, token, start)
        end = min(len(text), end + skip_to - pos)
        pos = skip_to
    text_chars += max(0, end - pos)
    return (
        tags >= MIN_MARKUP_TAGS
        and tags >= MIN_MARKUP_SHARE * (tags + strays)
        and tags * MAX_TEXT_PER_TAG >= text_chars
    )


def _sniff_skip(text: str, pos: int, token: str, start: str) -> int:
    """Where sniffing resumes after ``token`` (ending at ``pos``): past a comment, or at the end
    tag of a script, style or other raw-text element; ``pos`` after any other token."""
    if token == "<!--":
        close = text.find("-->", pos)
        return len(text) if close < 0 else close + len("-->")
    if start in RAW_TEXT_TAGS and not token.endswith("/>"):
        closed = _RAW_CLOSE[start].search(text, pos)
        return len(text) if closed is None else closed.start()
    return pos


# --- markup limits, before libxml2 -------------------------------------------------------------


def limit_markup(text: str, settings: Settings) -> tuple[str, tuple[str, ...]]:
    """Bring markup within what libxml2 parses fast and whole.

    Cuts the page after ``settings.max_tags`` tags, closes a comment or a raw-text element
    (``<script>``, ``<style>``, ``<title>``...) left open at the end of the page so that it does
    not swallow the article, and caps attributes per tag and attribute length.

    Almost every real page needs none of it: an exact pre-check (``within_limits``) proves that in
    a fraction of the time and the page is returned as it is; the full pass
    (``limit_markup_fully``) runs on the others.
    """
    text, _, warnings = _limited(text, settings)
    return text, warnings


def _limited(
    text: str, settings: Settings, utf8: bytes | None = None
) -> tuple[str, bytes | None, tuple[str, ...]]:
    """``limit_markup``, with the UTF-8 of the page when the pre-check made it (parse it as is).
    ``utf8`` is the text's UTF-8 when the caller already has it."""
    data = _utf8(text) if utf8 is None else utf8
    if data is not None and within_limits(text, data, settings):
        return text, data, ()
    del data  # no copy of the page held while the full pass rewrites it
    text, warnings = limit_markup_fully(text, settings)
    return text, None, warnings


def limit_markup_fully(text: str, settings: Settings) -> tuple[str, tuple[str, ...]]:
    """``limit_markup`` without its pre-check: every step runs and rewrites what it must."""
    warnings: list[str] = []
    text, cut = _cut_tags(text, settings.max_tags)
    if cut:
        warnings.append(
            errors.warning(errors.TRUNCATED, f"page cut after {settings.max_tags:,} tags")
        )
    text = _close_raw_text(_close_comment(text))
    text, capped = _cap_attributes(text, settings)
    if capped:
        warnings.append(
            errors.warning(
                errors.ATTRIBUTES_CUT,
                f"{capped:,} tags rewritten: more than {settings.max_attributes} attributes, "
                f"a value above {settings.max_attribute_chars:,} characters or a quote left open",
            )
        )
    return text, tuple(warnings)


def _cut_tags(text: str, max_tags: int) -> tuple[str, bool]:
    """Cut ``text`` before its ``max_tags + 1``-th "<" (each "<" starts at most one tag), a
    raw-text element counting as one whatever its content holds."""
    if text.count("<") <= max_tags:
        return text, False
    pos = count = 0
    gt = -1  # the ">" that ends the last raw-text start tag candidate looked at
    while (lt := text.find("<", pos)) >= 0:
        if count == max_tags:
            return text[:lt], True
        count += 1
        pos = lt + 1
        start = _RAW_START.match(text, lt)
        if start is None:
            continue
        # Every candidate before a ">" already found runs to that same ">": no rescan.
        if gt < start.end():
            gt = text.find(">", start.end())
            if gt < 0:
                gt = len(text)  # no candidate from here on ends: each "<" is one
        if gt < len(text) and text[gt - 1] != "/":
            closed = _RAW_CLOSE[start.group(1).lower()].search(text, gt + 1)
            pos = closed.end() if closed else len(text)
    return text, False


def _close_comment(text: str) -> str:
    """A comment still open at the end of the page ends at its first ">" instead."""
    last_close = _LAST_COMMENT_CLOSE.search(text)
    opened = _COMMENT_OPEN.search(text, last_close.end() if last_close else 0)
    if opened is None:
        return text
    gt = text.find(">", opened.end())
    return text[: opened.start()] if gt < 0 else text[: opened.start()] + text[gt + 1 :]


def _close_raw_text(text: str) -> str:
    """A raw-text element still open at the end of the page ends before the next tag.

    Finds what ``_RAW_OPEN`` finds, in linear time: a start tag's attributes run to the next
    ">", so when that ">" closes a self-closing tag ("/>") every candidate before it fails too,
    and the search resumes after it (``_RAW_OPEN.search`` alone rescans to that ">" from each
    candidate: quadratic on ``"<script " * n + "/>"``).
    """
    pos = 0
    while (start := _RAW_START.search(text, pos)) is not None:
        gt = text.find(">", start.end())
        if gt < 0:
            return text
        if text[gt - 1] == "/":
            pos = gt + 1
            continue
        name = start.group(1).lower()
        end = gt + 1
        closed = _RAW_CLOSE[name].search(text, end)
        if closed is None:
            nxt = _MARKUP_START.search(text, end)
            at = nxt.start() if nxt else len(text)
            return f"{text[:at]}</{name}>{text[at:]}"
        pos = closed.end()
    return text


def _cap_attributes(text: str, settings: Settings) -> tuple[str, int]:
    """Rewrite the tags that hold too many or too long attributes; return the count rewritten."""
    finder = _long_tag_finder(settings.max_attributes, settings.max_attribute_chars)
    pieces: list[str] = []
    pos = scan = capped = 0
    while scan < len(text):
        found = finder.match(text, scan)
        start = found.start("tag")
        if start < 0:
            scan = max(found.end(), scan + 1)  # the finder always moves; never loop regardless
            continue
        end, tag = _limit_tag(text, start, settings)
        if tag is not None:
            pieces.append(text[pos:start])
            pieces.append(tag)
            pos = end
            capped += 1
        scan = _raw_text_end(text, start, end)
    if not capped:
        return text, 0
    pieces.append(text[pos:])
    return "".join(pieces), capped


def _raw_text_end(text: str, start: int, end: int) -> int:
    """Where markup resumes after the start tag at ``start:end``: past the content of a raw-text
    element (up to its end tag), else at ``end``."""
    name = _TAG_NAME.match(text, start)
    close = _RAW_CLOSE.get(name.group()[1:].lower()) if name else None
    if close is None or text.endswith("/>", start, end):
        return end
    found = close.search(text, end)
    return found.start() if found else len(text)


@functools.cache
def _long_tag_finder(attributes: int, value_chars: int) -> regex.Pattern[str]:
    """A pattern that always matches from where it starts: text and tags up to the next tag with
    more than ``attributes`` attributes, a value longer than ``value_chars`` or a quote left open,
    whose "<" is the group ``tag``; the content of raw-text elements is skipped whole. It stops
    after ``FINDER_STEPS`` pieces (the group ``tag`` may then hold an ordinary tag).

    Possessive throughout, so the scan is linear in the page whatever the markup.
    """
    value = (
        rf"""(?:"[^"]{{0,{value_chars}}}+"|'[^']{{0,{value_chars}}}+'"""
        rf"""|(?!["'])[^\s>]{{0,{value_chars}}}+(?![^\s>]))"""
    )
    # A name, then a value within the limits, or no "=" at all (an "=" whose value is too long or
    # open must not be read as the start of a new attribute name).
    attribute = rf"[\s/]*+[^\s/>][^\s/>=]*+(?:\s*+=\s*+{value}|(?!\s*+=))"
    attribute_list = rf"(?:{attribute}){{0,{attributes}}}+[\s/]*+"
    within = rf"{attribute_list}>"
    # One alternative per name rather than a group and a backreference: the regex module keeps
    # every capture of a repeated group, which would cost memory per tag.
    raw = "|".join(
        rf"<{html}(?=[\s/>]){attribute_list}(?<!/)>(?:[^<]++|<(?!/{html}))*+"
        for html in map(_html_name, RAW_TEXT_TAGS)
    )
    short_tag = rf"<{_ASCII_LETTER}[^\s/>]*+{within}"
    return regex.compile(
        rf"(?:[^<]++|{_COMMENT_OR_END_TAG}|{raw}|{short_tag}|<(?!{_ASCII_LETTER}))"
        rf"{{0,{FINDER_STEPS}}}+(?P<tag><(?={_ASCII_LETTER}))?",
        regex.IGNORECASE,
    )


def _limit_tag(text: str, start: int, settings: Settings) -> tuple[int, str | None]:
    """The end of the tag at ``start``, and the tag rewritten within the settings' limits (None
    when it already is).

    A quoted value still open at the end of the page ends at its first ">", which also ends the
    tag, so that the rest of the page is not swallowed.
    """
    name = _TAG_NAME.match(text, start)
    assert name is not None  # the finder only stops at "<" followed by a letter
    limit, max_chars = settings.max_attributes, settings.max_attribute_chars
    kept: list[str] = []
    changed = False
    pos = name.end()
    while (attribute := _ATTRIBUTE.match(text, pos)) is not None:
        pos = attribute.end()
        value = attribute.group("value")
        if value and value[0] in "\"'" and (len(value) == 1 or value[-1] != value[0]):
            gt = value.find(">")
            if gt >= 0:
                kept.append(_attribute(attribute.group("name"), value[:gt] + value[0], max_chars))
                end = attribute.start("value") + gt + 1
                return end, f"{name.group()} {' '.join(kept[:limit])}>"
        # A name that starts with "=" (HTML5 allows it) would read as a value once rewritten.
        if len(kept) >= limit or attribute.group("name").startswith("="):
            changed = True
            continue
        # Only a cut counts: the spaces of ``href = "x"`` change nothing in the tree.
        changed = changed or _value_chars(value) > max_chars
        kept.append(_attribute(attribute.group("name"), value, max_chars))
    end = _TAG_END.match(text, pos)
    assert end is not None  # the pattern can match the empty string
    return end.end(), f"{name.group()} {' '.join(kept)}>" if changed else None


def _value_chars(value: str | None) -> int:
    """The length of an attribute value without its quotes (0 for no value)."""
    if not value:
        return 0
    if value[0] in "\"'":
        return len(value) - (2 if len(value) > 1 and value[-1] == value[0] else 1)
    return len(value)


def _attribute(name: str, value: str | None, max_chars: int) -> str:
    """``name=value`` with the value cut to ``max_chars`` characters, quotes kept."""
    if value is None:
        return name
    if value[:1] in ("'", '"'):
        inner = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
        return f"{name}={value[0]}{inner[:max_chars]}{value[0]}"
    return f"{name}={value[:max_chars]}"


# --- markup limits: the exact pre-check ---------------------------------------------------------
#
# ``within_limits`` answers "would ``limit_markup_fully`` return the page as it is, without a
# warning?" and says yes only when it can prove it: a cautious no costs time, never output. It reads
# the UTF-8 bytes that libxml2 will parse, with the standard ``re`` module (several times faster
# than ``regex`` on these possessive, linear patterns). In UTF-8 every byte of a non-ASCII character
# is 0x80 or above, so the ASCII delimiters of markup ("<", ">", quotes, "=", "/") sit where they
# sit in the text, and a value of at most N bytes has at most N characters. Where the full pass
# reads a tag name, a separator or an unquoted value, the pre-check accepts ASCII only: the
# ``regex`` module's ``\s`` also matches non-ASCII white space (U+00A0, U+3000...), and it still
# declines the non-ASCII letters that IGNORECASE matches to ASCII ones (``LETTER_FOLDS``), which
# the full pass once read as tag names and now does not (``_html_name``): cautious, not needed.

# What the ``regex`` module's ``\s`` matches within ASCII.
_ASCII_SPACE = "\t\n\x0b\x0c\r "
# Non-ASCII letters that the ``regex`` module's IGNORECASE matches to ASCII ones (İ, ı, ſ, K); the
# full pass matches tag names in ASCII only, the pre-check declines them after "<" all the same.
LETTER_FOLDS = "\u0130\u0131\u017f\u212a"
# Largest count the pre-check writes into a pattern (``re`` refuses 2**32 - 1 and above); settings
# beyond it go to the full pass.
_MAX_REPEAT = 1 << 30


def _byte_class(chars: str) -> str:
    """A ``re`` character class of the given ASCII characters, each escaped."""
    return "[" + "".join(f"\\x{ord(char):02x}" for char in chars) + "]"


def _ascii_class(excluded: str) -> str:
    """A ``re`` character class of every ASCII character but ``excluded``: no non-ASCII byte."""
    return _byte_class("".join(chr(code) for code in range(128) if chr(code) not in excluded))


def _ascii_nocase(word: str) -> str:
    """``word`` in any ASCII case, a class per letter: no Unicode case folding."""
    return "".join(f"[{char.lower()}{char.upper()}]" for char in word)


def _utf8_alternatives(chars: str) -> str:
    """A ``re`` group matching the UTF-8 bytes of any of ``chars``."""
    escaped = ("".join(f"\\x{byte:02x}" for byte in char.encode()) for char in chars)
    return f"(?:{'|'.join(escaped)})"


_SPACE_OR_SLASH = _byte_class(_ASCII_SPACE + "/")
_SPACE_OR_GT = _byte_class(_ASCII_SPACE + ">")
_NAME_END = _byte_class(_ASCII_SPACE + "/>")
_FOLDED_LETTER = _utf8_alternatives(LETTER_FOLDS)
_RAW_NAMES: Mapping[str, str] = types.MappingProxyType(
    {name: _ascii_nocase(name) for name in RAW_TEXT_TAGS}
)
_ANY_RAW_NAME = f"(?:{'|'.join(_RAW_NAMES.values())})"
# First letters of the raw-text names, in both cases; tags starting otherwise skip those branches.
_RAW_FIRST_LETTERS = "".join(sorted({name[0] + name[0].upper() for name in RAW_TEXT_TAGS}))
_OTHER_FIRST_LETTERS = "".join(c for c in string.ascii_letters if c not in _RAW_FIRST_LETTERS)
# A "<" where a raw-text start or end tag may begin, for ``_raw_text_closed``: group 1, the name of
# an end tag as ``_RAW_CLOSE`` finds one; group 3, the name of a start tag as ``_RAW_OPEN`` finds
# one, with group 5 its closing ">". Any other group is a tag the check cannot read: a start tag
# with a "<" before its ">", a name followed by a non-ASCII character (maybe white space to
# ``regex``) or holding a folded letter. Each branch opens with a cheap test of the next byte.
_FOLDED_LETTER_FIRST_BYTES = "".join(f"\\x{char.encode()[0]:02x}" for char in LETTER_FOLDS)
_RAW_NAME_START = f"[{_RAW_FIRST_LETTERS}{_FOLDED_LETTER_FIRST_BYTES}]"
_UNREADABLE_RAW_NAME = rf"(?:{_ANY_RAW_NAME}[\x80-\xff]|[a-zA-Z]*+{_FOLDED_LETTER})()"
_RAW_TEXT_TAG = re.compile(
    (
        rf"<(?:/(?={_RAW_NAME_START})(?:({_ANY_RAW_NAME})(?={_NAME_END})|{_UNREADABLE_RAW_NAME})"
        rf"|(?={_RAW_NAME_START})(?:({_ANY_RAW_NAME})(?={_NAME_END})(?=[^<>]*+(?:(<)|(?<!/)(>)))"
        rf"|{_UNREADABLE_RAW_NAME}))"
    ).encode("ascii")
)
_RAW_END_NAME, _RAW_START_NAME, _RAW_START_TAG = 1, 3, 5


def within_limits(text: str, data: bytes, settings: Settings) -> bool:
    """True only when ``limit_markup_fully(text, settings)`` returns ``(text, ())``; ``data`` is
    ``text`` in UTF-8. False does not mean the page needs a change, only that the full pass decides.

    One check per step of the full pass, each exact or cautious: the tag count, comments and
    raw-text elements closed, and every tag within the attribute limits as the attribute pass
    reads the page.
    """
    if not _checkable(settings):
        return False
    return (
        (len(text) <= settings.max_tags or data.count(b"<") <= settings.max_tags)
        and _comments_closed(data)
        and _raw_text_closed(data)
        and _plain_markup(settings.max_attributes, settings.max_attribute_chars).fullmatch(data)
        is not None
    )


def _checkable(settings: Settings) -> bool:
    """Attribute limits that the pre-check can write into its pattern (plain ints in range)."""
    attributes, chars = settings.max_attributes, settings.max_attribute_chars
    return (
        type(attributes) is int
        and type(chars) is int
        and 0 <= attributes <= _MAX_REPEAT
        and 1 <= chars <= _MAX_REPEAT
    )


def _comments_closed(data: bytes) -> bool:
    """``_close_comment`` changes nothing: no "<!--" after the last "-->" (the same ASCII strings
    its patterns look for, found by plain byte searches)."""
    last_close = data.rfind(b"-->")
    return data.find(b"<!--", last_close + len(b"-->") if last_close >= 0 else 0) < 0


def _raw_text_closed(data: bytes) -> bool:
    """``_close_raw_text`` changes nothing: its walk, replayed on the raw-text tags, finds an end
    tag for every start tag it visits.

    ``_RAW_TEXT_TAG`` finds every start and end tag that ``_RAW_OPEN`` and ``_RAW_CLOSE`` would
    find, where they would find them, or a tag it cannot read (then the full pass decides). A start
    tag's span holds no "<", so no tag begins inside it.
    """
    closing: bytes | None = None  # the raw-text element the walk is in, by name
    content_start = 0
    for tag in _RAW_TEXT_TAG.finditer(data):
        kind = tag.lastindex
        if kind == _RAW_START_TAG:
            if closing is None:
                closing = tag[_RAW_START_NAME].lower()
                content_start = tag.end(_RAW_START_TAG)
        elif kind == _RAW_END_NAME:
            if closing == tag[_RAW_END_NAME].lower() and tag.start() >= content_start:
                closing = None
        else:
            return False
    return closing is None


@functools.cache
def _plain_markup(attributes: int, value_chars: int) -> re.Pattern[bytes]:
    """A pattern that matches a whole page (UTF-8) only when ``_cap_attributes`` rewrites none of
    its tags.

    It cuts the page into the pieces of ``_long_tag_finder`` (text, comments, end tags, raw-text
    elements whole, start tags) with the same alternatives, so both see the same start tags; where
    they could part (a name with a folded letter or non-ASCII white space, a "</script" followed by
    anything but white space, "/" or ">", which ``_raw_text_end`` would skip) it fails. Every start
    tag must then be plain: at most ``attributes`` attributes, values of at most ``value_chars``
    bytes with their quotes closed, no space around "=", no name starting with "=". The attribute
    pass hands ``_limit_tag`` the start tags its finder stops at (too long, or simply the next one
    after ``FINDER_STEPS`` pieces), and ``_limit_tag`` leaves a plain tag alone. Spaces around "="
    (which ``_limit_tag`` leaves alone too) are still declined: a cautious no costs time only.
    """
    attribute_name = _ascii_class(_ASCII_SPACE + "/>=") + "++"
    unquoted = (
        _ascii_class(_ASCII_SPACE + ">\"'")
        + _ascii_class(_ASCII_SPACE + ">")
        + f"{{0,{value_chars - 1}}}+(?={_SPACE_OR_GT})"
    )
    value = rf""""[^"]{{0,{value_chars}}}+"|'[^']{{0,{value_chars}}}+'|{unquoted}"""
    attribute_list = (
        rf"(?:{_SPACE_OR_SLASH}*+{attribute_name}(?:=(?:{value})|)){{0,{attributes}}}+"
        rf"{_SPACE_OR_SLASH}*+"
    )
    start_tag_rest = rf"{_ascii_class(_ASCII_SPACE + '/>')}*+{attribute_list}>"
    # A raw-text start tag, then its content up to its end tag (which must be followed by white
    # space, "/" or ">", as ``_raw_text_end`` wants it) or the end of the page; "/>" is a start tag.
    raw_elements = "|".join(
        rf"{name}(?={_NAME_END}){attribute_list}(?:(?<=/)>|>"
        rf"(?:[^<]++|<(?!/{name}|/[a-zA-Z]*+{_FOLDED_LETTER}))*+(?:(?=</{name}{_NAME_END})|\Z))"
        for name in _RAW_NAMES.values()
    )
    after_lt = [
        rf"[{_OTHER_FIRST_LETTERS}]{start_tag_rest}",
        r"/[^>]*+>?",
        raw_elements,
        rf"(?!{_ANY_RAW_NAME}{_NAME_END})[{_RAW_FIRST_LETTERS}]{start_tag_rest}",
        r"!--(?:>|->|(?:[^-]++|-(?!->))*+(?:-->|\Z))",
        r"[!?][^>]*+>?",
        rf"(?![a-zA-Z]|{_FOLDED_LETTER})",
    ]
    return re.compile(rf"[^<]*+(?:<(?:{'|'.join(after_lt)})[^<]*+)*+".encode("ascii"))


def _utf8(text: str) -> bytes | None:
    """``text`` in UTF-8, or None when it holds a lone surrogate (which UTF-8 cannot encode)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


# --- tree ----------------------------------------------------------------------------------------

# Element classes of the tree: lxml.html's (metadata readers call ``text_content()``), picked in C.
# lxml.html's own lookup picks form and input classes in Python for every element the walk touches,
# which costs as much as the walk itself; nothing here uses those classes.
_HTML_CLASSES = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)


def make_parser() -> lxml.html.HTMLParser:
    """The only parser newsclean uses on page input: HTML, no network, no entities, no DTD."""
    parser = lxml.html.HTMLParser(**PARSER_OPTIONS)
    parser.set_element_class_lookup(_HTML_CLASSES)
    return parser


def parse_page(
    text: str, settings: Settings = DEFAULT_SETTINGS, *, utf8: bytes | None = None
) -> Parsed:
    """Parse HTML text into a tree within the settings' limits, with a warning for every cut.

    The tree is unchanged otherwise: metadata reads the head and JSON-LD scripts, and
    segmentation skips the subtrees that never hold article text. When libxml2's tree nests the
    page's content where browsers never would (``_MISNESTED``: a ``<main>`` inside a
    ``<button>``), the page is parsed again from the tree a browser builds (``html5_markup``);
    lexbor costs more than libxml2 itself, so only such pages pay for it. When libxml2 stops at its
    nesting limit, elements deeper than ``settings.max_depth`` are flattened and the page is
    parsed again. ``utf8`` is ``text`` in UTF-8 when the caller has it (``Decoded.utf8``): it
    saves encoding the page again.
    """
    text, data, limited = _limited(text, settings, utf8)
    warnings = list(limited)
    root, too_deep = _parse(text, data)
    if (
        settings.html5_tree
        and root is not None
        and misnested(root)
        and nesting_bound(text) <= HTML5_MAX_NESTING
    ):
        # lexbor writes attributes quoted and escaped: the limits hold on what it writes too.
        text, data, _ = _limited(html5_markup(text), settings)
        root, too_deep = _parse(text, data)
    depth = min(settings.max_depth, LIBXML2_MAX_DEPTH - LIBXML2_DEPTH_MARGIN)
    for _ in range(FLATTEN_ATTEMPTS):
        if not too_deep:
            break
        flat_root, too_deep = _parse(flatten(text, depth))
        root = flat_root if flat_root is not None else root
        if not too_deep:
            warnings.append(
                errors.warning(
                    errors.TRUNCATED, f"elements nested deeper than {depth:,} were flattened"
                )
            )
        depth //= 2
    if too_deep:
        warnings.append(
            errors.warning(errors.TRUNCATED, "the page nests too deep to parse; it was cut")
        )
    return Parsed(root, tuple(warnings))


# Nestings that HTML5 tree construction never builds and libxml2's recovery does: an element left
# open inside a <button> or a header swallows the page's main content. (A link left open is not
# among them: HTML5 reopens it in every later paragraph, which reads as link text all the same.)
# A page's main content inside one of these ancestors...
MISNESTED_CONTENT_TAGS: tuple[str, ...] = ("main", "article")
MISNESTED_ANCESTORS: frozenset[str] = frozenset(
    {"button", "span", "label", "select", "option", "p", "li", "header", "nav", "footer"}
)
# ...or block content inside one of these elements.
MISNESTED_CONTAINERS: tuple[str, ...] = ("button", "select", "label")
MISNESTED_BLOCKS: tuple[str, ...] = ("p", "h1", "h2", "section", "ul", "table")


def misnested(root: etree._Element) -> bool:
    """Whether libxml2 nested the page where HTML5 never would (see the tables above): one walk
    over the tree in C that stops at the few elements concerned, then their ancestors or
    descendants (an XPath of five ``//`` steps walks the tree five times)."""
    for element in root.iter(*MISNESTED_CONTENT_TAGS, *MISNESTED_CONTAINERS):
        if element.tag in MISNESTED_CONTENT_TAGS:
            if any(a.tag in MISNESTED_ANCESTORS for a in element.iterancestors()):
                return True
        elif next(element.iterdescendants(*MISNESTED_BLOCKS), None) is not None:
            return True
    return False


def nesting_bound(text: str) -> int:
    """An upper bound of the page's element nesting: the most start tags of non-void elements
    open at once, counting every end tag as a close. Counted exactly only on pages with more
    than ``HTML5_MAX_NESTING`` start tags, where the count of ``<`` alone could exceed it."""
    if text.count("<") <= HTML5_MAX_NESTING:
        return text.count("<")
    depth = deepest = 0
    for match in _START_OR_END.finditer(text):
        if match.group(1):
            depth -= 1
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def html5_markup(text: str) -> str:
    """The page re-serialised from the tree a browser builds (the HTML5 tree-construction
    algorithm, by lexbor): libxml2 then parses well-nested markup into the same tree.

    libxml2's own recovery differs from browsers' where it matters for extraction: an unclosed
    ``<button>`` or ``<nav>`` in a site header swallows the whole ``<main>`` after it. Returns
    ``text`` unchanged when lexbor gives nothing back.
    """
    # A NUL stays visible as U+FFFD, as in libxml2's tree (``_parse``); HTML5 drops it.
    return LexborHTMLParser(text.replace("\x00", "\ufffd")).html or text


def parse_html(text: str, settings: Settings = DEFAULT_SETTINGS) -> etree._Element | None:
    """The tree of ``parse_page``, without its warnings; None when there is no element."""
    return parse_page(text, settings).tree


def _parse(text: str, data: bytes | None = None) -> tuple[etree._Element | None, bool]:
    """libxml2's tree of ``text`` (whose UTF-8 is ``data`` when already at hand) and whether it
    stopped at its nesting limit. A NUL becomes U+FFFD (libxml2 would end the text there)."""
    if data is None:
        data = text.encode("utf-8", errors="replace")
    # UTF-8 writes NUL, and nothing else, as a zero byte: the same as replacing it in the text.
    data = data.replace(b"\x00", _REPLACEMENT_UTF8)
    if not data or data.isspace():  # as ``not data.strip()``, without a copy of the page
        return None, False
    parser = make_parser()
    try:
        root = etree.fromstring(data, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None, False
    too_deep = any(
        e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT and "depth" in e.message
        for e in parser.error_log
    )
    return root, too_deep


def flatten(text: str, max_depth: int) -> str:
    """Replace the start and end tags of elements nested deeper than ``max_depth`` with line
    breaks, so that their text joins their ancestor at that depth.

    The nesting is estimated from the tags as they stand: void elements do not nest, a ``<p>``
    or ``<li>`` closes an open sibling of the same name, an end tag closes up to its element.
    """
    pieces: list[str] = []
    pos = 0
    stack: list[str] = []
    open_count: dict[str, int] = {}
    dropped: dict[str, int] = {}
    for token in _TOKEN.finditer(text):
        is_end, name = token.group("end", "tag")
        if name is None:
            continue
        name = name.lower()
        if name in VOID_TAGS:
            continue
        if is_end:
            if dropped.get(name):
                dropped[name] -= 1
            else:
                if open_count.get(name):
                    while stack:
                        top = stack.pop()
                        open_count[top] -= 1
                        if top == name:
                            break
                continue
        else:
            if name in SIBLING_CLOSED_TAGS and stack and stack[-1] == name:
                stack.pop()
                open_count[name] -= 1
            if len(stack) < max_depth:
                stack.append(name)
                open_count[name] = open_count.get(name, 0) + 1
                continue
            dropped[name] = dropped.get(name, 0) + 1
        between = text[pos : token.start()]
        # A run of flattened tags with nothing between them needs one break, not one each.
        if between.strip() or not pieces or pieces[-1] != FLATTENED_TAG:
            pieces.append(between)
            pieces.append(FLATTENED_TAG)
        pos = token.end()
    pieces.append(text[pos:])
    return "".join(pieces)
