"""Input discovery: files, directories, standard input and WARC archives → units → pages, in a
deterministic order; and reading a page's bytes under the size limit."""

from __future__ import annotations

import dataclasses
import fnmatch
import gzip
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsclean.batch.values import (
    MAX_PAGE_BYTES,
    PART_SUFFIX,
    TOO_LARGE,
    UNREADABLE,
    Page,
    Unit,
    UsageError,
)
from newsclean.batch.warc import WARC_RECORD_DIGITS, warc_pages
from newsclean.errors import InputTooLarge

WARC_SUFFIXES = (".warc", ".warc.gz")
GZIP_SUFFIX = ".gz"
# Page suffixes replaced by the output suffix (``news/a.html`` → ``news/a.txt``).
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt")
STDIN = "-"
# A page that fails leaves ``<key>.error.json`` in a tree: no other key may be ``<key>.error``.
ERROR_STEM = ".error"
# The files a run writes beside its output ``OUT``: ``OUT`` itself and ``OUT.part`` (its lock
# file is hidden, as walks skip hidden names).
OUTPUT_SUFFIXES = ("", PART_SUFFIX)


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def discover(
    inputs: Sequence[str], globs: Sequence[str] = (), exclude: Path | None = None
) -> list[Unit]:
    """The units of ``inputs``, in order: directories are walked recursively (sorted, hidden
    names skipped, ``globs`` kept, symlinked directories followed once), and with several
    inputs each directory keeps its name. A directory that cannot be listed is a unit too: its
    page is an ``unreadable`` error record."""
    units: list[Unit] = []
    for name in inputs:
        if name == STDIN:
            units.append(Unit(STDIN, "stdin"))
            continue
        path = Path(name)
        if path.is_dir():
            base = path.resolve().name if len(inputs) > 1 else ""
            for found, error in _walk(path, globs, exclude):
                rel = found.relative_to(path).as_posix()
                rel = path.resolve().name if rel == "." else rel
                key = _key(f"{base}/{rel}" if base else rel)
                units.append(Unit(str(found), key, is_warc(rel) and not error, error))
        elif path.is_file():
            units.append(Unit(str(path), _key(path.name), is_warc(path.name)))
        else:
            raise UsageError(f"{name}: no such file or directory")
    return _dedupe(units)


def source_id(source: str) -> str:
    """What ``--resume`` matches a page by: its source with the path resolved, so that a folder
    given as ``crawl/`` and as ``/data/crawl/`` names the same pages (``<archive>#<n>`` keeps
    its record number)."""
    if source == STDIN or not source:
        return source
    path, sep, number = source.rpartition("#")
    if sep and number.isdigit():
        return f"{os.path.realpath(path)}#{number}"
    return os.path.realpath(source)


def _walk(
    root: Path, globs: Sequence[str], exclude: Path | None
) -> Iterator[tuple[Path, str | None]]:
    """Files under ``root`` in sorted order (a folder's files, then its subfolders), each with
    None; a folder that cannot be listed with the error. Symlinked folders are followed, each
    real folder once (a link back up the tree is not a loop). ``exclude`` (the output, when it
    lies inside an input) is skipped, with its ``.part`` file."""
    skip = (
        {exclude.resolve().with_name(exclude.name + suffix) for suffix in OUTPUT_SUFFIXES}
        if exclude
        else set()
    )

    def kept(entry: os.DirEntry[str]) -> bool:
        if entry.name.startswith("."):
            return False
        return not any(entry.name == s.name for s in skip) or Path(entry.path).resolve() not in skip

    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as listing:
                entries = sorted((e for e in listing if kept(e)), key=lambda e: e.name)
        except OSError as exc:
            yield folder, f"{UNREADABLE}: cannot list the directory: {exc.strerror or exc}"
            continue
        folders = [Path(e.path) for e in entries if _is_dir(e)]
        for entry in entries:
            rel = Path(entry.path).relative_to(root).as_posix()
            if not _is_dir(entry) and _matches(rel, globs):
                yield Path(entry.path), None
        stack.extend(reversed(folders))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """Whether the entry is a folder, or a symlink to one."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _matches(rel: str, globs: Sequence[str]) -> bool:
    """A pattern with "/" matches the path under the input directory, otherwise the file name."""
    name = rel.rsplit("/", 1)[-1]
    return not globs or any(fnmatch.fnmatch(rel if "/" in g else name, g) for g in globs)


def _key(rel: str) -> str:
    """Output key of a file: its relative path without page (or WARC) suffixes."""
    lower = rel.lower()
    for suffix in WARC_SUFFIXES[::-1]:
        if lower.endswith(suffix):
            return rel[: -len(suffix)]
    if lower.endswith(GZIP_SUFFIX):
        rel, lower = rel[: -len(GZIP_SUFFIX)], lower[: -len(GZIP_SUFFIX)]
    suffix = next((s for s in PAGE_SUFFIXES if lower.endswith(s)), "")
    return rel[: len(rel) - len(suffix)] or rel


def _dedupe(units: list[Unit]) -> list[Unit]:
    """Give every unit outputs of its own: ``a.html`` and ``a.htm`` become ``a`` and ``a~2``;
    a key never names another key's error file (``x`` writes ``x.error.json``, so
    ``x.error.html`` becomes ``x.error~2``) nor a page of a WARC archive (``crawl/000001.html``
    beside ``crawl.warc.gz``). An input given twice (by any path) is read once."""
    taken: set[str] = set()  # keys, and the stems of their error files
    archives: set[str] = set()  # keys of WARC archives: their pages are <key>/<digits>
    record_like: set[str] = set()  # K for every taken key K/<digits>, as a WARC's page has
    sources: set[str] = set()
    out = []
    for unit in units:
        source = source_id(unit.path)
        if source in sources:
            continue
        sources.add(source)
        key, n = unit.key, 1
        while _collides(key, unit.warc, taken, archives, record_like):
            n += 1
            key = f"{unit.key}~{n}"
        taken.update((key, key + ERROR_STEM))
        parent, _, last = key.rpartition("/")
        if unit.warc:
            archives.add(key)
        elif len(last) == WARC_RECORD_DIGITS and last.isdigit():
            record_like.add(parent)
        out.append(dataclasses.replace(unit, key=key))
    return out


def _collides(
    key: str, warc: bool, taken: set[str], archives: set[str], record_like: set[str]
) -> bool:
    if key in taken or key + ERROR_STEM in taken:
        return True
    if warc:
        return key in record_like
    parent, _, last = key.rpartition("/")
    return parent in archives and len(last) == WARC_RECORD_DIGITS and last.isdigit()


def expand(unit: Unit, max_bytes: int = MAX_PAGE_BYTES) -> Iterator[Page]:
    """The pages of one unit, in order."""
    if unit.error:
        yield Page(unit.path, unit.key, error=unit.error)
    elif unit.path == STDIN:  # read up to the limit only: standard input may be endless
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            message = f"{TOO_LARGE}: standard input is above the limit of {max_bytes:,} bytes"
            yield Page(STDIN, unit.key, error=message)
        else:
            yield Page(STDIN, unit.key, data=data)
    elif unit.warc:
        yield from warc_pages(unit.path, unit.key, max_bytes)
    else:
        yield Page(unit.path, unit.key, path=unit.path)


def read_page(page: Page, max_bytes: int = MAX_PAGE_BYTES) -> bytes:
    """The page's bytes (a ``.gz`` file is decompressed), or ``InputTooLarge`` above the limit."""
    if page.data is not None:
        data = page.data
    elif page.path and page.path.lower().endswith(GZIP_SUFFIX):
        with gzip.open(page.path) as fh:
            data = fh.read(max_bytes + 1)
    else:
        path = Path(page.path or "")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLarge(size, max_bytes)
        data = path.read_bytes()
    if len(data) > max_bytes:
        raise InputTooLarge(len(data), max_bytes)
    return data
