"""WARC archives (``.warc``, ``.warc.gz``): their HTML ``response`` records as pages, and every
damaged or truncated record as an ``unreadable`` page (``framing`` finds them)."""

from __future__ import annotations

import io
from collections.abc import Iterator

from newsclean.batch.framing import RawRecord, archive_bytes, raw_records
from newsclean.batch.values import MAX_PAGE_BYTES, TOO_LARGE, UNREADABLE, Page

# WARC ``response`` records with one of these HTTP content types are pages; the rest is skipped.
HTML_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Digits of a WARC record's number in its output key (``crawl/000042``).
WARC_RECORD_DIGITS = 6
GZIP_SUFFIX = ".gz"
# Room above the page limit for a record's HTTP headers (and transfer encoding): a block longer
# than the limit plus this is too large without being read.
HTTP_OVERHEAD_BYTES = 1 << 16


def _records(path: str, max_bytes: int) -> Iterator[RawRecord]:
    """The records of the archive that matter: HTML responses, and damage."""
    with open(path, "rb") as fh:
        chunks = archive_bytes(fh, gzipped=path.lower().endswith(GZIP_SUFFIX))
        for record in raw_records(chunks, max_bytes + HTTP_OVERHEAD_BYTES):
            if record.problem or (record.type == "response" and _is_html(record.block)):
                yield record


def _is_html(block: bytes) -> bool:
    """Whether an HTTP response (its head is enough) has an HTML content type."""
    head = block.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    for line in head.split("\r\n")[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-type":
            return value.split(";", 1)[0].strip().lower() in HTML_CONTENT_TYPES
    return False


def warc_pages(path: str, key: str, max_bytes: int = MAX_PAGE_BYTES) -> Iterator[Page]:
    """The HTML ``response`` records of a WARC as pages, the record's target URI as URL. A
    damaged or truncated record, or stray bytes, is an ``unreadable`` page, and the pages after
    it follow; an archive that cannot be opened is one ``unreadable`` page."""
    n = 0
    try:
        for record in _records(path, max_bytes):
            n += 1
            yield _page(record, f"{path}#{n}", f"{key}/{n:0{WARC_RECORD_DIGITS}d}", max_bytes)
    except OSError as exc:
        n += 1
        source, page_key = f"{path}#{n}", f"{key}/{n:0{WARC_RECORD_DIGITS}d}"
        yield Page(source, page_key, error=f"{UNREADABLE}: cannot read the WARC: {exc}")


def _page(record: RawRecord, source: str, key: str, max_bytes: int) -> Page:
    url = record.headers.get("warc-target-uri")
    if record.problem:
        return Page(source, key, url=url, error=f"{UNREADABLE}: damaged WARC: {record.problem}")
    too_large = f"{TOO_LARGE}: record is above the limit of {max_bytes:,} bytes"
    if not record.whole:
        return Page(source, key, url=url, error=too_large)
    data, charset = _http_body(record)
    if len(data) > max_bytes:
        return Page(source, key, url=url, error=too_large)
    return Page(source, key, url=url, data=data, encoding=charset)


def _http_body(record: RawRecord) -> tuple[bytes, str | None]:
    """The HTTP payload of a response record, its transfer and content encodings undone, and
    the charset its ``Content-Type`` declares."""
    from fastwarc.warc import ArchiveIterator

    raw = record.head + record.block + b"\r\n\r\n"
    for parsed in ArchiveIterator(io.BytesIO(raw), parse_http=True, auto_decode="all"):
        return parsed.reader.read(), parsed.http_charset or None
    return b"", None


def count_warc_pages(path: str) -> int:
    """How many pages ``warc_pages`` yields (a pass over the archive that skips the payloads)."""
    try:
        return sum(1 for _ in _records(path, MAX_PAGE_BYTES))
    except OSError:
        return 1
