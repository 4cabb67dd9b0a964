"""Batch cleaning: many saved pages — files, directories, ``.gz`` files, WARC archives — on every
core, each page under a time limit and a memory cap, with atomic outputs and ``--resume``.

inputs → ``discover`` (units: a page file, standard input, a WARC archive) → ``expand`` (pages in
a deterministic order) → ``ProcessPool.imap`` (one worker process per core; a stuck or bloated
worker is killed and replaced and its page gets an error record) → a writer (a tree of files, one
JSONL file, or standard output). ``newsclean clean`` and ``newsclean.dask`` are thin layers over
these pieces.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fnmatch
import functools
import gzip
import inspect
import json
import multiprocessing
import os
import signal
import sys
import time
import zlib
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Protocol

from newsclean import errors
from newsclean.api import clean
from newsclean.errors import InputTooLarge
from newsclean.model import Article, Kind
from newsclean.settings import DEFAULT_SETTINGS

try:  # Unix only: without it the memory cap is not enforced.
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

# Default per-page time limit, in seconds (a page at the 20 MB input limit cleans well within it).
DEFAULT_TIMEOUT_S = 60.0
# Default cap on a worker's address space, in MB (a worker cleaning ordinary pages uses ~100 MB).
DEFAULT_MAX_MEMORY_MB = 2048
# Pages that may be handed out ahead of the oldest unfinished one, per worker: bounds the buffer
# that puts outcomes back into input order.
ORDER_WINDOW_PER_JOB = 32
# Pages a worker cleans before a fresh one replaces it (memory that leaks or fragments over a
# long run never adds up to the cap).
PAGES_PER_WORKER = 1000
# Seconds a worker gets to exit after it is told to stop, before it is killed.
WORKER_EXIT_GRACE_S = 2.0
# Largest page read, in bytes (above it the page fails with ``too-large`` without being read).
MAX_PAGE_BYTES = DEFAULT_SETTINGS.max_bytes
BYTES_PER_MB = 1 << 20

# WARC ``response`` records with one of these HTTP content types are pages; the rest is skipped.
HTML_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml"})
WARC_SUFFIXES = (".warc", ".warc.gz")
GZIP_SUFFIX = ".gz"
# Page suffixes replaced by the output suffix (``news/a.html`` → ``news/a.txt``).
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt")
FORMATS = ("text", "markdown", "json", "jsonl")
# One file per page in a tree: the suffix of each format.
TREE_SUFFIXES = {"text": ".txt", "markdown": ".md", "json": ".json"}
# A page that failed leaves ``<key>.error.json`` in a tree instead of its output.
ERROR_SUFFIX = ".error.json"
# A JSONL output is written as ``<name>.part`` and renamed when the run ends.
PART_SUFFIX = ".part"
# Temporary files carry this mark until they are renamed into place.
TEMP_MARK = ".newsclean-tmp"
# Digits of a WARC record's number in its output key (``crawl/000042``).
WARC_RECORD_DIGITS = 6
STDIN = "-"

# Failure reasons (stable ids, like the article warnings they sit beside).
TIMEOUT = "timeout"
MEMORY = "memory"
CRASHED = "crashed"
TOO_LARGE = "too-large"
UNREADABLE = "unreadable"
ERROR = "error"
# Article warnings that mean there was no page at all: the page fails with that id.
FAILING_WARNINGS = (errors.EMPTY_INPUT, errors.BINARY_INPUT)

# Test hook: ``hang=MARK,bloat=MARK,crash=MARK,slow=SECONDS`` makes workers misbehave on pages
# that contain MARK (or sleep on every page), so that tests can check that the limits hold.
FAULTS_ENV = "NEWSCLEAN_TEST_FAULTS"
# What the ``bloat`` fault tries to allocate: far above any cap a test sets.
BLOAT_CHUNK_BYTES = 64 * BYTES_PER_MB
BLOAT_CHUNKS = 64
HANG_S = 3600.0

STATUS_CLEANED = "cleaned"
STATUS_EMPTY = "empty"
STATUS_FAILED = "failed"

# Exit statuses of a run.
EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2


class UsageError(ValueError):
    """The inputs or options cannot make a run (exit status 2)."""


# --- values --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unit:
    """One input: a page file, standard input (``path == "-"``) or a WARC archive."""

    path: str
    # Output path of the page (or folder of the WARC's pages) relative to the output root,
    # without suffix, with "/" separators.
    key: str
    warc: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    """One page to clean: where it comes from, where its output goes, and its bytes or path."""

    # Stable id of the page: its path, "-", or "<warc path>#<record number>".
    source: str
    key: str
    url: str | None = None
    # A file the worker reads itself (pages are not shipped through pipes when they need not be).
    path: str | None = None
    data: bytes | None = None
    # "<reason>: <message>" when the page could not even be read.
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one page, with its rendered output (file content or JSONL line)."""

    source: str
    key: str
    status: str
    # Failure reason id when status is "failed".
    reason: str | None
    # Characters of article text kept.
    chars: int
    output: str
    warnings: tuple[str, ...] = ()
    # Peak resident memory of the worker process that cleaned the page, in KB (0: not known,
    # or not cleaned in a worker).
    peak_rss_kb: int = 0

    @property
    def error(self) -> str | None:
        """The error record's message, or None."""
        return json.loads(self.output)["error"] if self.status == STATUS_FAILED else None


@dataclass(frozen=True, slots=True)
class Options:
    """How each page is cleaned and rendered. Picklable: it travels to the worker processes."""

    format: str = "text"
    kind: str | None = None
    explain: bool = False
    # Site rules directory, passed to ``clean(rules=...)`` when the installed version has them.
    rules: str | None = None
    timeout: float = DEFAULT_TIMEOUT_S
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB
    # URL of the page when the run has a single page (--url); pages otherwise carry their own.
    url: str | None = None
    # Test hooks, read from ``NEWSCLEAN_TEST_FAULTS`` when the run starts (empty: none).
    faults: str = ""


@dataclass(slots=True)
class Summary:
    """Counts of a run, printed at its end."""

    pages: int = 0
    cleaned: int = 0
    empty: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    # Pages skipped by --resume because their output was already complete.
    skipped: int = 0
    chars: int = 0
    peak_rss_kb: int = 0
    started: float = field(default_factory=time.monotonic)
    interrupted: bool = False

    def add(self, outcome: Outcome) -> None:
        self.pages += 1
        self.chars += outcome.chars
        self.peak_rss_kb = max(self.peak_rss_kb, outcome.peak_rss_kb)
        if outcome.status == STATUS_CLEANED:
            self.cleaned += 1
        elif outcome.status == STATUS_EMPTY:
            self.empty += 1
        else:
            self.failed[outcome.reason or ERROR] += 1

    @property
    def exit_status(self) -> int:
        return EXIT_SOME_FAILED if self.failed else EXIT_OK

    def lines(self) -> list[str]:
        """The summary as ``name: value`` lines (stable, so scripts can read them)."""
        elapsed = time.monotonic() - self.started
        failed = sum(self.failed.values())
        reasons = ", ".join(f"{r} {n}" for r, n in sorted(self.failed.items()))
        out = [
            f"pages: {self.pages} (cleaned {self.cleaned}, empty {self.empty}, failed {failed}"
            f"{', skipped ' + str(self.skipped) if self.skipped else ''})",
            f"failed: {reasons or 'none'}",
            f"characters kept: {self.chars:,}",
            f"elapsed: {elapsed:.1f} s, {self.pages / elapsed if elapsed else 0.0:.1f} pages/s",
        ]
        if self.peak_rss_kb:
            out.append(f"peak worker memory: {self.peak_rss_kb / 1024:.0f} MB")
        if self.interrupted:
            out.append("interrupted: rerun with --resume to finish")
        return out


# --- discovery -----------------------------------------------------------------------------------


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


def _walk(root: Path, globs: Sequence[str], exclude: Path | None) -> Iterator[Path]:
    """Files under ``root``; ``exclude`` (the output, when it lies inside an input) is skipped,
    with its ``.part`` file."""
    skip = (
        {exclude.resolve(), exclude.resolve().with_name(exclude.name + PART_SUFFIX)}
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


# --- cleaning one page (in a worker) -------------------------------------------------------------


def clean_page(page: Page, options: Options) -> Outcome:
    """Read, clean and render one page. Never raises: every failure is an error outcome."""
    if page.error:
        reason, _, message = page.error.partition(": ")
        return failure(page, reason, message)
    try:
        data = read_page(page)
        _inject_fault(data, options.faults)
        url = options.url or page.url
        article = clean(data, url=url, kind=options.kind, **_rules_kwargs(options.rules))
    except InputTooLarge as exc:
        return failure(page, TOO_LARGE, str(exc))
    except (OSError, EOFError, zlib.error) as exc:
        return failure(page, UNREADABLE, _describe(exc))
    except MemoryError:
        return failure(page, MEMORY, "the page needed more memory than the cap allows")
    except Exception as exc:  # a crash in the pipeline must not stop the batch
        return failure(page, ERROR, _describe(exc))
    return _cleaned(page, article, options)


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


def _rules_kwargs(rules: str | None) -> dict[str, Any]:
    """``{"rules": <the rule set of rules>}`` when ``clean()`` takes site rules, else nothing."""
    return {"rules": load_rules(rules)} if rules and rules_supported() else {}


def rules_supported() -> bool:
    return "rules" in inspect.signature(clean).parameters


@functools.lru_cache(maxsize=4)
def load_rules(path: str) -> Any:
    """The rules of ``--rules DIR``, read once per process (``clean(rules=path)`` would read the
    files again for every page). Raises ``RuleError`` for a bad rule file."""
    try:
        from newsclean.rules import load_path
    except ImportError:  # a version without site rules
        return path
    return load_path(path)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {getattr(exc, 'strerror', None) or exc}"


def _cleaned(page: Page, article: Article, options: Options) -> Outcome:
    fatal = next((w for w in article.warnings if w.startswith(FAILING_WARNINGS)), None)
    if fatal:
        reason, _, message = fatal.partition(": ")
        return failure(page, reason, message, warnings=article.warnings)
    return Outcome(
        source=page.source,
        key=page.key,
        status=STATUS_CLEANED if article.text else STATUS_EMPTY,
        reason=None,
        chars=len(article.text),
        output=render(page, article, options),
        warnings=article.warnings,
    )


def failure(page: Page, reason: str, message: str, warnings: Sequence[str] = ()) -> Outcome:
    """The error outcome of a page: its record carries ``"error": "<reason>: <message>"``."""
    error = f"{reason}: {message}"
    line = json.dumps(record(page, None, error, warnings), ensure_ascii=False)
    return Outcome(page.source, page.key, STATUS_FAILED, reason, 0, line, tuple(warnings))


def record(
    page: Page, article: Article | None, error: str | None = None, warnings: Sequence[str] = ()
) -> dict[str, Any]:
    """The JSONL record of a page: source, url, title, date, text, warnings, error."""
    return {
        "source": page.source,
        "url": article.url if article else page.url,
        "title": article.title if article else None,
        "date": article.date if article else None,
        "text": article.text if article else "",
        "warnings": list(article.warnings if article else warnings),
        "error": error,
    }


def render(page: Page, article: Article, options: Options) -> str:
    """The output of a cleaned page in ``options.format`` (a JSONL line has no newline)."""
    if options.format == "jsonl":
        return json.dumps(record(page, article), ensure_ascii=False)
    if options.format == "json":
        payload = {"source": page.source, **article.to_dict(explain=options.explain)}
        return json.dumps(payload, ensure_ascii=False, indent=2)
    if options.format == "markdown":
        return to_markdown(article)
    return article.text


# Markdown prefix of each kind of kept block (headings get one "#" per level).
MARKDOWN_PREFIX = {Kind.LIST_ITEM: "- ", Kind.QUOTE: "> "}
# Heading level used when the page does not say.
MARKDOWN_DEFAULT_HEADING = 2


def to_markdown(article: Article) -> str:
    """The article as Markdown: the title as ``#``, then the kept blocks by kind (the items of
    a list on consecutive lines)."""
    out = f"# {article.title}" if article.title else ""
    previous: Kind | None = None
    for block in article.kept_blocks:
        if block.kind == Kind.HEADING and block.text == article.title:
            continue
        tight = block.kind == previous == Kind.LIST_ITEM
        out += ("\n" if tight else "\n\n") if out else ""
        out += _markdown_block(block.kind, block.text, block.features.heading_level)
        previous = block.kind
    return out


def _markdown_block(kind: Kind, text: str, heading_level: int) -> str:
    if kind == Kind.HEADING:
        return f"{'#' * max(heading_level, MARKDOWN_DEFAULT_HEADING)} {text}"
    if kind == Kind.PREFORMATTED:
        return f"```\n{text}\n```"
    return MARKDOWN_PREFIX.get(kind, "") + text


def _peak_rss_kb() -> int:
    if resource is None:  # pragma: no cover - Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # macOS counts bytes


def _inject_fault(data: bytes, faults: str) -> None:
    """Test hook (``NEWSCLEAN_TEST_FAULTS``): misbehave on marked pages."""
    if not faults:
        return
    spec = dict(item.split("=", 1) for item in faults.split(",") if "=" in item)
    if "slow" in spec:
        time.sleep(float(spec["slow"]))
    marked = {name for name, mark in spec.items() if mark and mark.encode() in data}
    if "hang" in marked:
        time.sleep(HANG_S)
    if "bloat" in marked:
        hoard = [bytearray(BLOAT_CHUNK_BYTES) for _ in range(BLOAT_CHUNKS)]
        del hoard
    if "crash" in marked:
        os.kill(os.getpid(), signal.SIGKILL)


# --- the worker process --------------------------------------------------------------------------


def _worker_main(conn: Connection, options: Options) -> None:
    """Clean the pages the parent sends, one at a time, until it sends None or goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _limit_memory(options.max_memory_mb)
    while True:
        try:
            page = conn.recv()
        except (EOFError, OSError):
            return
        if page is None:
            return
        outcome = dataclasses.replace(clean_page(page, options), peak_rss_kb=_peak_rss_kb())
        try:
            conn.send(outcome)
        except (OSError, MemoryError):
            return
        if outcome.reason == MEMORY:
            return  # the heap may be fragmented or half-full: a fresh worker takes over


def _limit_memory(max_memory_mb: int) -> None:
    if resource is None or max_memory_mb <= 0:  # pragma: no cover - Windows
        return
    cap = max_memory_mb * BYTES_PER_MB
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


# --- the pool ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Slot:
    """A worker process and the page it is cleaning (mutable: the pool's own bookkeeping)."""

    process: Any
    conn: Connection
    seq: int | None = None
    page: Page | None = None
    deadline: float = 0.0
    # Pages this worker has cleaned.
    cleaned: int = 0


class _Feed:
    """The pages to hand out, numbered in input order."""

    def __init__(self, pages: Iterable[Page]) -> None:
        self._pages = iter(pages)
        self.taken = 0
        self.exhausted = False

    def next(self) -> tuple[int, Page] | None:
        page = next(self._pages, None)
        if page is None:
            self.exhausted = True
            return None
        self.taken += 1
        return self.taken - 1, page


def _mp_context() -> Any:
    """Forkserver where there is one: workers start fast (modules preloaded once) and safely
    (the server never has the parent's threads); spawn elsewhere."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["newsclean.batch"])
        return ctx
    return multiprocessing.get_context("spawn")  # pragma: no cover - Windows


class ProcessPool:
    """``jobs`` worker processes, each cleaning one page at a time under ``options.timeout``
    and ``options.max_memory_mb``. A worker past its deadline is killed; a worker that dies is
    replaced; either way its page gets an error outcome and the batch goes on."""

    def __init__(self, options: Options, jobs: int) -> None:
        self._options = options
        self._jobs = max(1, jobs)
        self._ctx = _mp_context()

    def imap(self, pages: Iterable[Page]) -> Generator[Outcome, None, None]:
        """Outcomes of ``pages`` in input order."""
        feed = _Feed(pages)
        window = self._jobs * ORDER_WINDOW_PER_JOB
        done: dict[int, Outcome] = {}
        next_out = 0
        slots = [self._start() for _ in range(self._jobs)]
        clean_exit = False
        try:
            while True:
                self._dispatch(slots, feed, done, next_out + window)
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                busy = [s for s in slots if s.seq is not None]
                if not busy and feed.exhausted and not done:
                    break
                if busy:
                    self._collect(slots, busy, done)
            clean_exit = True
        finally:
            self._shutdown(slots, gracefully=clean_exit)

    def _start(self) -> _Slot:
        parent_conn, child_conn = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(
            target=_worker_main, args=(child_conn, self._options), daemon=True
        )
        process.start()
        child_conn.close()
        return _Slot(process, parent_conn)

    def _dispatch(self, slots: list[_Slot], feed: _Feed, done: dict[int, Outcome], limit: int):
        for i, slot in enumerate(slots):
            while slot.seq is None and not feed.exhausted and feed.taken < limit:
                item = feed.next()
                if item is None:
                    break
                seq, page = item
                if page.error:  # nothing to clean: no worker needed
                    done[seq] = clean_page(page, self._options)
                    continue
                slot = slots[i] = self._send(slot, seq, page)

    def _send(self, slot: _Slot, seq: int, page: Page) -> _Slot:
        try:
            slot.conn.send(page)
        except OSError:  # the worker died while idle: start another and hand it the page
            self._kill(slot)
            slot = self._start()
            slot.conn.send(page)
        slot.seq, slot.page = seq, page
        slot.deadline = time.monotonic() + self._options.timeout
        return slot

    def _collect(self, slots: list[_Slot], busy: list[_Slot], done: dict[int, Outcome]) -> None:
        """Wait for the first worker to answer, die or run out of time, and record its page."""
        timeout = max(0.0, min(s.deadline for s in busy) - time.monotonic())
        ready = set(wait([s.conn for s in busy] + [s.process.sentinel for s in busy], timeout))
        for slot in busy:
            if slot.conn in ready or slot.process.sentinel in ready:
                outcome = self._receive(slot)
            elif time.monotonic() >= slot.deadline:
                assert slot.page is not None
                message = f"cleaning took longer than {self._options.timeout:g} s"
                outcome = failure(slot.page, TIMEOUT, message)
            else:
                continue
            done[slot.seq] = outcome  # type: ignore[index]
            slot.seq, slot.page, slot.cleaned = None, None, slot.cleaned + 1
            if outcome.reason in (TIMEOUT, MEMORY, CRASHED) or slot.cleaned >= PAGES_PER_WORKER:
                self._kill(slot)  # idle now, or stuck: nothing of the run is lost
                slots[slots.index(slot)] = self._start()

    def _receive(self, slot: _Slot) -> Outcome:
        assert slot.page is not None
        try:
            if slot.conn.poll():
                return slot.conn.recv()
        except (EOFError, OSError):
            pass
        slot.process.join(WORKER_EXIT_GRACE_S)
        code = slot.process.exitcode
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit {code}"
        return failure(slot.page, CRASHED, f"the worker process died ({how})")

    def _kill(self, slot: _Slot) -> None:
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join()
        slot.conn.close()

    def _shutdown(self, slots: list[_Slot], *, gracefully: bool) -> None:
        for slot in slots:
            if gracefully:
                with contextlib.suppress(OSError):
                    slot.conn.send(None)
            else:
                slot.process.kill()
        for slot in slots:
            slot.process.join(WORKER_EXIT_GRACE_S)
            self._kill(slot)


def default_jobs() -> int:
    """All the cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - macOS, Windows


# --- writers -------------------------------------------------------------------------------------


class Writer(Protocol):
    def is_done(self, page: Page) -> bool: ...
    def write(self, outcome: Outcome) -> None: ...
    def finish(self) -> None: ...


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}{TEMP_MARK}-{os.getpid()}")
    try:
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


class TreeWriter:
    """One file per page under ``root``: ``<key>.txt|.md|.json``, or ``<key>.error.json``."""

    def __init__(self, root: Path, fmt: str, resume: bool) -> None:
        if root.exists() and not root.is_dir():
            raise UsageError(f"{root} is a file: with --format {fmt}, -o names a directory")
        self._root = root
        self._suffix = TREE_SUFFIXES[fmt]
        if resume and root.is_dir():
            _remove_temp_files(root)

    def _paths(self, key: str) -> tuple[Path, Path]:
        return self._root / f"{key}{self._suffix}", self._root / f"{key}{ERROR_SUFFIX}"

    def is_done(self, page: Page) -> bool:
        output, error = self._paths(page.key)
        return output.is_file() or error.is_file()

    def write(self, outcome: Outcome) -> None:
        output, error = self._paths(outcome.key)
        keep, other = (error, output) if outcome.status == STATUS_FAILED else (output, error)
        write_atomically(keep, outcome.output + "\n")
        other.unlink(missing_ok=True)

    def finish(self) -> None:
        pass


def _remove_temp_files(root: Path) -> None:
    """Temporary files left by a run that was killed (they are never complete outputs)."""
    for folder, _, files in os.walk(root):
        for name in files:
            if TEMP_MARK in name:
                Path(folder, name).unlink(missing_ok=True)


class JsonlWriter:
    """One JSONL file, one record a line in input order, written as ``<path>.part`` and renamed
    at the end. ``resume`` keeps the complete records of an earlier run and skips their pages."""

    def __init__(self, path: Path, resume: bool) -> None:
        if path.is_dir():
            raise UsageError(f"{path} is a directory: with --format jsonl, -o names a file")
        self._path = path
        self._part = path.with_name(path.name + PART_SUFFIX)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._done: set[str] = self._resume() if resume else set()
        if not resume:
            self._part.unlink(missing_ok=True)
        self._fh = open(self._part, "ab")  # noqa: SIM115 - closed by finish()
        # Bytes of complete records in the file.
        self._complete = self._part.stat().st_size

    def _resume(self) -> set[str]:
        """Sources of the complete records so far (read line by line: the file may be large);
        a cut-off last line is dropped."""
        if not self._part.exists() and self._path.exists():
            os.replace(self._path, self._part)
        done: set[str] = set()
        if not self._part.exists():
            return done
        complete = 0
        with open(self._part, "r+b") as fh:
            for line in fh:
                if not line.endswith(b"\n"):
                    break
                if line.strip():
                    done.add(json.loads(line)["source"])
                complete += len(line)
            fh.truncate(complete)
        return done

    def is_done(self, page: Page) -> bool:
        return page.source in self._done

    def write(self, outcome: Outcome) -> None:
        line = outcome.output.encode("utf-8") + b"\n"
        self._fh.write(line)
        self._fh.flush()
        self._complete += len(line)

    def finish(self) -> None:
        """Close and rename: the file holds complete records only, even after a Ctrl-C that
        cut a write short."""
        with contextlib.suppress(OSError):
            self._fh.close()
        os.truncate(self._part, self._complete)
        os.replace(self._part, self._path)


class StdoutWriter:
    """No ``-o``: each page's output on standard output, failures on standard error."""

    def __init__(self, fmt: str) -> None:
        self._fmt = fmt

    def is_done(self, page: Page) -> bool:
        return False

    def write(self, outcome: Outcome) -> None:
        if self._fmt == "jsonl":  # warnings and errors are in the record
            print(outcome.output, flush=True)
            return
        for warning in outcome.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if outcome.status != STATUS_FAILED:
            print(outcome.output, flush=True)
        else:
            print(f"newsclean: {outcome.source}: {outcome.error}", file=sys.stderr)

    def finish(self) -> None:
        pass


# --- progress ------------------------------------------------------------------------------------


class _Progress:
    """A tqdm bar with pages/s and ETA on standard error when it is a terminal."""

    def __init__(self, total: int | None, enabled: bool) -> None:
        self._bar = None
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit=" pages", file=sys.stderr, dynamic_ncols=True)

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


# --- a run ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    """Everything one ``newsclean clean`` run needs, as the command line gave it."""

    inputs: tuple[str, ...]
    output: str | None = None
    options: Options = Options()
    jobs: int = 0
    resume: bool = False
    quiet: bool = False
    globs: tuple[str, ...] = ()
    dask_scheduler: str | None = None


# Turns units into outcomes in input order, skipping the pages the predicate names (the process
# pool or a Dask cluster).
Executor = Callable[[list[Unit], Callable[[Page], bool]], Generator[Outcome, None, None]]


def run(spec: Run) -> int:
    """Clean every page of ``spec.inputs``; print the summary; return the exit status."""
    options = dataclasses.replace(spec.options, faults=os.environ.get(FAULTS_ENV, ""))
    if options.format not in FORMATS:
        raise UsageError(f"unknown format {options.format!r}")
    out = Path(spec.output) if spec.output else None
    units = discover(spec.inputs, spec.globs, exclude=out)
    single = len(units) == 1 and not units[0].warc
    _check(spec, units, single)
    if options.rules and not rules_supported():
        print("newsclean: site rules are not available yet; --rules is ignored", file=sys.stderr)
    elif options.rules:
        _check_rules(options.rules)
    if out is None and single and not spec.dask_scheduler:
        return _run_in_process(units[0], options, StdoutWriter(options.format))
    executor = _executor(spec, options)
    writer = _writer(out, options.format, spec.resume)
    summary = Summary()
    show = not spec.quiet and sys.stderr.isatty()
    progress = _Progress(_total(units) if show else None, enabled=show)

    def skip(page: Page) -> bool:
        if writer.is_done(page):
            summary.skipped += 1
            progress.advance()
            return True
        return False

    outcomes = executor(units, skip)
    try:
        for outcome in outcomes:
            writer.write(outcome)
            summary.add(outcome)
            progress.advance()
    except KeyboardInterrupt:
        summary.interrupted = True
        raise
    finally:
        outcomes.close()  # stops the workers whatever happened
        progress.close()
        writer.finish()
        if not spec.quiet:
            print("\n".join(summary.lines()), file=sys.stderr)
    return summary.exit_status


def _check(spec: Run, units: list[Unit], single: bool) -> None:
    if not units:
        raise UsageError("no pages found in the inputs")
    if spec.options.timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    if spec.options.url and not single:
        raise UsageError("--url needs a single page as input")
    if spec.resume and not spec.output:
        raise UsageError("--resume needs -o")
    if not spec.output and not single and spec.options.format != "jsonl":
        raise UsageError("several pages need -o OUT, or --format jsonl to print them")


def _check_rules(path: str) -> None:
    """A bad rules directory is a usage error, found before any page is cleaned."""
    try:
        load_rules(path)
    except errors.NewscleanError as exc:
        raise UsageError(str(exc)) from exc


def _writer(out: Path | None, fmt: str, resume: bool) -> Writer:
    if out is None:
        return StdoutWriter(fmt)
    if fmt == "jsonl":
        return JsonlWriter(out, resume)
    return TreeWriter(out, fmt, resume)


def _total(units: list[Unit]) -> int:
    return sum(count_warc_pages(u.path) if u.warc else 1 for u in units)


def _executor(spec: Run, options: Options) -> Executor:
    if spec.dask_scheduler:
        try:
            from newsclean import dask as nc_dask
        except ImportError as exc:
            raise UsageError(
                f"--dask-scheduler needs: pip install 'newsclean[dask]' ({exc})"
            ) from exc
        return nc_dask.cluster_executor(spec.dask_scheduler, options)
    pool = ProcessPool(options, spec.jobs or default_jobs())

    def local(units: list[Unit], skip: Callable[[Page], bool]) -> Generator[Outcome, None, None]:
        pages = (p for u in units for p in expand(u) if not skip(p))
        return pool.imap(pages)

    return local


def _run_in_process(unit: Unit, options: Options, writer: Writer) -> int:
    """A single page to standard output is cleaned right here: no pool to start."""
    outcome = clean_page(next(expand(unit)), options)
    writer.write(outcome)
    return EXIT_SOME_FAILED if outcome.status == STATUS_FAILED else EXIT_OK
