"""WARC archives (``.warc``, ``.warc.gz``): their HTML ``response`` records as pages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newsclean.batch.values import MAX_PAGE_BYTES, TOO_LARGE, UNREADABLE, Page

# WARC ``response`` records with one of these HTTP content types are pages; the rest is skipped.
HTML_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Digits of a WARC record's number in its output key (``crawl/000042``).
WARC_RECORD_DIGITS = 6


def _warc_records(path: str) -> Iterator[Any]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    records = ArchiveIterator(
        path,
        record_types=WarcRecordType.response,
        parse_http=True,
        auto_decode="all",
        fsspec_args=False,
    )
    for record in records:
        if (record.http_content_type or "").lower() in HTML_CONTENT_TYPES:
            yield record


def warc_pages(path: str, key: str, max_bytes: int = MAX_PAGE_BYTES) -> Iterator[Page]:
    """The HTML ``response`` records of a WARC (``.warc`` or ``.warc.gz``) as pages, the record's
    target URI as URL. A damaged archive ends with one ``unreadable`` page."""
    n = 0
    try:
        for record in _warc_records(path):
            n += 1
            source, page_key = f"{path}#{n}", f"{key}/{n:0{WARC_RECORD_DIGITS}d}"
            url = record.headers.get("WARC-Target-URI")
            data = record.reader.read(max_bytes + 1)
            if len(data) > max_bytes:
                message = f"{TOO_LARGE}: record is above the limit of {max_bytes:,} bytes"
                yield Page(source, page_key, url=url, error=message)
            else:
                yield Page(source, page_key, url=url, data=data)
    except OSError as exc:
        source, page_key = f"{path}#{n + 1}", f"{key}/{n + 1:0{WARC_RECORD_DIGITS}d}"
        yield Page(source, page_key, error=f"{UNREADABLE}: damaged WARC: {exc}")


def count_warc_pages(path: str) -> int:
    """How many pages ``warc_pages`` yields (a pass over the archive that skips the payloads)."""
    try:
        return sum(1 for _ in _warc_records(path))
    except OSError:
        return 1
