"""Cleaning one page, in a worker process: read, clean, render, never raise; and the worker's
loop under its memory cap."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import os
import signal
import sys
import threading
import time
import zlib
from multiprocessing.connection import Connection
from typing import Any

from newsclean.api import clean
from newsclean.batch.inputs import read_page
from newsclean.batch.records import failure, render
from newsclean.batch.values import (
    BYTES_PER_MB,
    ERROR,
    FAILING_WARNINGS,
    MEMORY,
    STATUS_CLEANED,
    STATUS_EMPTY,
    TOO_LARGE,
    UNREADABLE,
    Options,
    Outcome,
    Page,
)
from newsclean.errors import InputTooLarge
from newsclean.model import Article
from newsclean.settings import DEFAULT_SETTINGS, Settings

try:  # Unix only: without it the memory cap is not enforced.
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

# Test hook: ``hang=MARK,bloat=MARK,crash=MARK,slow=SECONDS`` makes workers misbehave on pages
# that contain MARK (or sleep on every page), so that tests can check that the limits hold.
FAULTS_ENV = "NEWSCLEAN_TEST_FAULTS"
# What the ``bloat`` fault tries to allocate: far above any cap a test sets.
BLOAT_CHUNK_BYTES = 64 * BYTES_PER_MB
BLOAT_CHUNKS = 64
HANG_S = 3600.0

MEMORY_MESSAGE = "the page needed more memory than the cap allows"
# Seconds between a worker's checks that the run that started it is still there.
PARENT_CHECK_S = 1.0
# A worker cleans this page when it starts, to tell the parent that it can work at all.
PROBE_PAGE = b"<html><body><article><p>A worker checks that it can clean a page.</p></article>"
# What a worker that can work sends first.
READY = "ready"


def clean_page(page: Page, options: Options) -> Outcome:
    """Read, clean and render one page. Never raises: every failure is an error outcome."""
    if page.error:
        reason, _, message = page.error.partition(": ")
        return failure(page, reason, message)
    try:
        data = read_page(page, options.max_bytes)
        _inject_fault(data, options.faults)
        url = options.url or page.url
        rules = _rules_kwargs(options.rules)
        settings = _settings(options.max_bytes)
        article = clean(
            data,
            url=url,
            kind=options.kind,
            settings=settings,
            encoding=page.encoding,
            favor=options.favor,
            **rules,
        )
        return _cleaned(page, article, options)
    except InputTooLarge as exc:
        message = f"{exc.size:,} bytes, above the limit of {exc.limit:,} bytes (--max-bytes)"
        return failure(page, TOO_LARGE, message)
    except (OSError, EOFError, zlib.error) as exc:
        return failure(page, UNREADABLE, _describe(exc))
    except MemoryError:
        return failure(page, MEMORY, MEMORY_MESSAGE)
    except Exception as exc:  # a crash in the pipeline must not stop the batch
        if isinstance(exc.__cause__, MemoryError):  # contained by the pipeline, still memory
            return failure(page, MEMORY, MEMORY_MESSAGE)
        return failure(page, ERROR, _describe(exc))


@functools.lru_cache(maxsize=4)
def _settings(max_bytes: int) -> Settings:
    """The default settings with the run's page size limit."""
    return DEFAULT_SETTINGS.replace(max_bytes=max_bytes)


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
        url=options.url or page.url,
    )


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


def worker_main(conn: Connection, options: Options, parent: int) -> None:
    """Clean the pages the parent (the run, process ``parent``) sends, one at a time, until it
    sends None or goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    _limit_memory(options.max_memory_mb)
    try:
        conn.send(_fitness())
    except (OSError, MemoryError):
        return
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


def _watch_parent(pid: int) -> None:
    """End this worker when the run that started it is gone: a run killed with ``kill -9``
    cannot stop its workers, and a busy or stuck one would go on alone."""
    while True:
        time.sleep(PARENT_CHECK_S)
        if not _alive(pid):
            os._exit(1)


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except OSError:  # no /proc: the signal said enough
        return True


def _fitness() -> str:
    """What the worker tells the parent when it starts: ``READY`` when it can clean a small page
    under its limits, otherwise why not (a memory cap too small to work in)."""
    try:
        clean(PROBE_PAGE)
    except MemoryError:
        return f"{MEMORY}: cannot clean even a tiny page under the memory cap"
    except Exception as exc:
        return _describe(exc.__cause__ or exc)
    return READY


def _limit_memory(max_memory_mb: int) -> None:
    if resource is None or max_memory_mb <= 0:  # pragma: no cover - Windows
        return
    cap = max_memory_mb * BYTES_PER_MB
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
