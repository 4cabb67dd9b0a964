"""A WARC archive's bytes → its records, whole or reported as damaged; never a silent partial
record.

Two layers. ``archive_bytes`` gives the archive's (decompressed) bytes in chunks; in a
``.warc.gz``, a gzip member that cannot be inflated becomes a ``Break`` and reading goes on at
the next member (each record is its own member in a well-made archive, so a damaged member costs
one record, not the rest of the archive). ``raw_records`` cuts the bytes into records by their
``Content-Length``: a record cut short by a break or by the end of the archive comes out with a
``problem`` instead of a body, and after a break or stray bytes reading resynchronises at the
next ``WARC/1.`` header.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

# Bytes read from the archive at a time.
READ_CHUNK = 1 << 16
# Most inflated bytes taken from one gzip step (bounds memory on a gzip bomb).
INFLATE_CHUNK = 1 << 20
# zlib's window-bits value for a gzip member.
GZIP_WBITS = 31
GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_MAGIC = b"WARC/1."
END_OF_HEADERS = b"\r\n\r\n"
# Longest WARC header block accepted (a longer one is damage, not a record).
MAX_HEADER_BYTES = 1 << 16
# Bytes of a skipped (too large) record's block kept, to read its HTTP headers.
HEAD_BYTES = 1 << 16
# Bytes between records that are not damage: the record separators and padding.
BLANK = b"\r\n\t \x00"


@dataclass(frozen=True, slots=True)
class Break:
    """A place where the archive's bytes do not continue what came before (a damaged gzip
    member, an archive that ends inside a member)."""

    message: str


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One WARC record: its headers, and its block, or why there is none."""

    headers: dict[str, str]
    # The header block as it is in the archive (ends with an empty line).
    head: bytes = b""
    # The whole block; or, for a record above the size limit, its first ``HEAD_BYTES``.
    block: bytes = b""
    # The block is whole only when this is true (false: a record above the size limit).
    whole: bool = True
    # Why the record is missing or cut short (its headers may be empty): damage, truncation.
    problem: str | None = None

    @property
    def type(self) -> str:
        return self.headers.get("warc-type", "").lower()


def archive_bytes(fh: BinaryIO, gzipped: bool) -> Iterator[bytes | Break]:
    """The archive's bytes, inflated when ``gzipped``, with a ``Break`` at each damage."""
    if not gzipped:
        while chunk := fh.read(READ_CHUNK):
            yield chunk
        return
    yield from _gunzip(fh)


def _gunzip(fh: BinaryIO) -> Iterator[bytes | Break]:
    """The inflated bytes of every gzip member, in order. A member that cannot be inflated is a
    ``Break``; reading resumes at the next gzip header after its start."""
    start = offset = 0  # where the current member starts; where ``pending`` starts
    pending = b""
    inflater = zlib.decompressobj(GZIP_WBITS)
    inside = False  # the current member has begun
    while True:
        if not pending:
            pending = fh.read(READ_CHUNK)
            if not pending:
                if inside:
                    yield Break(f"the archive ends inside a gzip member (at byte {start:,})")
                return
        try:
            out = inflater.decompress(pending, INFLATE_CHUNK)
        except zlib.error as exc:
            resume_at = _find(fh, GZIP_MAGIC, start + 1)
            end = "the end" if resume_at is None else f"the next member at byte {resume_at:,}"
            if inside or not _blank(fh, start, resume_at):
                yield Break(f"damaged gzip member at byte {start:,} ({exc}); skipped to {end}")
            if resume_at is None:
                return
            fh.seek(resume_at)
            start = offset = resume_at
            pending, inflater, inside = b"", zlib.decompressobj(GZIP_WBITS), False
            continue
        inside = True
        if out:
            yield out
        rest = inflater.unused_data if inflater.eof else inflater.unconsumed_tail
        offset += len(pending) - len(rest)
        pending = rest
        if inflater.eof:
            start, inflater, inside = offset, zlib.decompressobj(GZIP_WBITS), False


def _find(fh: BinaryIO, needle: bytes, start: int) -> int | None:
    """Offset of the first ``needle`` at or after ``start`` in the file, or None."""
    fh.seek(start)
    carry, base = b"", start
    while chunk := fh.read(READ_CHUNK):
        data = carry + chunk
        found = data.find(needle)
        if found >= 0:
            return base + found
        keep = len(needle) - 1
        carry, base = data[-keep:], base + len(data) - keep
    return None


def _blank(fh: BinaryIO, start: int, end: int | None) -> bool:
    """Whether the bytes from ``start`` to ``end`` (None: the end of the file) are padding."""
    fh.seek(start)
    data = fh.read(READ_CHUNK + 1 if end is None else end - start)
    return len(data) <= READ_CHUNK and not data.strip(BLANK)


class _Stream:
    """Bytes with a look-ahead buffer that stops at each ``Break``."""

    def __init__(self, chunks: Iterable[bytes | Break]) -> None:
        self._chunks = iter(chunks)
        self.buf = bytearray()
        self.broken: str | None = None
        self.ended = False

    def fill(self) -> bool:
        """One more chunk into the buffer; False at the end or at a break."""
        if self.broken or self.ended:
            return False
        item = next(self._chunks, None)
        if item is None:
            self.ended = True
            return False
        if isinstance(item, Break):
            self.broken = item.message
            return False
        self.buf += item
        return True

    def mend(self) -> str:
        """Go past a break: what was buffered before it is dropped. Returns its message."""
        message, self.broken = self.broken or "", None
        self.buf.clear()
        return message

    def seek_magic(self) -> int:
        """Drop the bytes before the next ``WARC/1.``; returns how many were not padding."""
        dropped = 0
        while True:
            found = self.buf.find(WARC_MAGIC)
            more = found < 0 and self.fill()
            if more:
                continue
            cut = found if found >= 0 else len(self.buf)
            dropped += len(bytes(self.buf[:cut]).strip(BLANK))
            del self.buf[:cut]
            return dropped

    def find(self, needle: bytes, limit: int) -> int:
        """Index of ``needle`` in the buffer, reading on up to ``limit`` bytes; -1 if absent."""
        while (found := self.buf.find(needle)) < 0 and len(self.buf) < limit and self.fill():
            pass
        return found if 0 <= found < limit else -1

    def take(self, n: int, keep: int) -> tuple[bytes, int]:
        """Consume ``n`` bytes, returning the first ``keep`` of them and how many there were
        (fewer than ``n`` at the end or at a break)."""
        while len(self.buf) < min(n, keep) and self.fill():
            pass
        kept = bytes(self.buf[: min(n, keep)])
        got = min(n, len(self.buf))
        del self.buf[:n]
        while got < n and self.fill():
            more = min(n - got, len(self.buf))
            del self.buf[:more]
            got += more
        return kept, got


def raw_records(chunks: Iterable[bytes | Break], max_block: int) -> Iterator[RawRecord]:
    """The records of an archive's bytes. A block above ``max_block`` bytes is skipped (its
    head kept). Damage gives a record with a ``problem``, and reading goes on after it."""
    stream = _Stream(chunks)
    while True:
        junk = stream.seek_magic()
        if junk:
            yield RawRecord({}, problem=f"{junk:,} bytes that are not a WARC record")
        if stream.broken:
            yield RawRecord({}, problem=stream.mend())
            continue
        if not stream.buf:
            return  # the end of the archive
        record = _read_record(stream, max_block)
        if record.problem and stream.broken:
            record = RawRecord(record.headers, problem=f"{record.problem}: {stream.mend()}")
        yield record


def _read_record(stream: _Stream, max_block: int) -> RawRecord:
    """The record at the start of the buffer (which starts with ``WARC/1.``)."""
    end = stream.find(END_OF_HEADERS, MAX_HEADER_BYTES)
    if end < 0 and len(stream.buf) < MAX_HEADER_BYTES:
        stream.buf.clear()
        return RawRecord({}, problem="the archive ends inside a record's headers")
    if end < 0:
        del stream.buf[: len(WARC_MAGIC)]  # not a record after all: look for the next one
        return RawRecord({}, problem="a WARC header block that never ends")
    head = bytes(stream.buf[: end + len(END_OF_HEADERS)])
    headers = _headers(head)
    del stream.buf[: end + len(END_OF_HEADERS)]
    length = headers.get("content-length", "")
    if not length.isdigit():
        problem = f"a record without a valid Content-Length ({length!r})"
        return RawRecord(headers, head=head, problem=problem)
    whole = int(length) <= max_block
    block, got = stream.take(int(length), int(length) if whole else HEAD_BYTES)
    if got < int(length):
        problem = f"truncated record: {got:,} of {int(length):,} bytes"
        return RawRecord(headers, head=head, problem=problem)
    return RawRecord(headers, head, block, whole=whole)


def _headers(block: bytes) -> dict[str, str]:
    """The WARC headers (names lower-cased) of a header block."""
    out: dict[str, str] = {}
    for line in block.decode("utf-8", "replace").split("\r\n")[1:]:
        name, sep, value = line.partition(":")
        if sep:
            out[name.strip().lower()] = value.strip()
    return out
