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

from newsclean.batch.values import MAX_PAGE_BYTES, PART_SUFFIX, Page, Unit, UsageError
from newsclean.batch.warc import warc_pages
from newsclean.errors import InputTooLarge

WARC_SUFFIXES = (".warc", ".warc.gz")
GZIP_SUFFIX = ".gz"
# Page suffixes replaced by the output suffix (``news/a.html`` → ``news/a.txt``).
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt")
STDIN = "-"
# The files a run writes beside its output ``OUT``: ``OUT`` itself and ``OUT.part`` (its lock
# file is hidden, as walks skip hidden names).
OUTPUT_SUFFIXES = ("", PART_SUFFIX)


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def discover(
    inputs: Sequence[str], globs: Sequence[str] = (), exclude: Path | None = None
) -> list[Unit]:
    """The units of ``inputs``, in order: directories are walked recursively (sorted, hidden
    names skipped, ``globs`` kept), and with several inputs each directory keeps its name."""
    units: list[Unit] = []
    for name in inputs:
        if name == STDIN:
            units.append(Unit(STDIN, "stdin"))
            continue
        path = Path(name)
        if path.is_dir():
            base = path.resolve().name if len(inputs) > 1 else ""
            for found in _walk(path, globs, exclude):
                rel = found.relative_to(path).as_posix()
                units.append(Unit(str(found), _key(f"{base}/{rel}" if base else rel), is_warc(rel)))
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


def _walk(root: Path, globs: Sequence[str], exclude: Path | None) -> Iterator[Path]:
    """Files under ``root``; ``exclude`` (the output, when it lies inside an input) is skipped,
    with its ``.part`` file."""
    skip = (
        {exclude.resolve().with_name(exclude.name + suffix) for suffix in OUTPUT_SUFFIXES}
        if exclude
        else set()
    )

    def kept(folder: str, name: str) -> bool:
        if name.startswith("."):
            return False
        return not any(name == s.name for s in skip) or Path(folder, name).resolve() not in skip

    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if kept(folder, d))
        for name in sorted(files):
            rel = Path(folder, name).relative_to(root).as_posix()
            if kept(folder, name) and _matches(rel, globs):
                yield Path(folder, name)


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
    """Give every unit its own key: ``a.html`` and ``a.htm`` become ``a`` and ``a~2``."""
    seen: set[str] = set()
    out = []
    for unit in units:
        key, n = unit.key, 1
        while key in seen:
            n += 1
            key = f"{unit.key}~{n}"
        seen.add(key)
        out.append(dataclasses.replace(unit, key=key))
    return out


def expand(unit: Unit, max_bytes: int = MAX_PAGE_BYTES) -> Iterator[Page]:
    """The pages of one unit, in order."""
    if unit.path == STDIN:
        yield Page(STDIN, unit.key, data=sys.stdin.buffer.read())
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
