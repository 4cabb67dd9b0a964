"""The values a batch passes between its parts: inputs (``Unit``), pages (``Page``), what became of
each page (``Outcome``), how pages are cleaned (``Options``), and the stable ids they carry
(failure reasons, statuses, exit statuses)."""

from __future__ import annotations

import json
from collections.abc import Callable, Generator
from dataclasses import dataclass

from newsclean import errors
from newsclean.settings import DEFAULT_SETTINGS

# Default per-page time limit, in seconds (a page at the 20 MB input limit cleans well within it).
DEFAULT_TIMEOUT_S = 60.0
# Default cap on a worker's address space, in MB (a worker cleaning ordinary pages uses ~100 MB).
DEFAULT_MAX_MEMORY_MB = 2048
# Largest page read, in bytes (above it the page fails with ``too-large`` without being read).
MAX_PAGE_BYTES = DEFAULT_SETTINGS.max_bytes
BYTES_PER_MB = 1 << 20

FORMATS = ("text", "markdown", "html", "json", "jsonl")
# A JSONL output is written as ``<name>.part`` and renamed when the run ends.
PART_SUFFIX = ".part"
# The advisory lock of an output ``OUT`` is the hidden file ``.OUT.lock`` beside it.
LOCK_SUFFIX = ".lock"

# Failure reasons (stable ids, like the article warnings they sit beside).
TIMEOUT = "timeout"
MEMORY = "memory"
CRASHED = "crashed"
TOO_LARGE = "too-large"
UNREADABLE = "unreadable"
ERROR = "error"
# Article warnings that mean there was no page at all: the page fails with that id.
FAILING_WARNINGS = (errors.EMPTY_INPUT, errors.BINARY_INPUT)

STATUS_CLEANED = "cleaned"
STATUS_EMPTY = "empty"
STATUS_FAILED = "failed"

# Exit statuses of a run.
EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2


class UsageError(ValueError):
    """The inputs or options cannot make a run (exit status 2)."""


class OutputError(UsageError):
    """The output cannot be written: a bad ``-o``, a full disk (exit status 2; a JSONL run keeps
    its ``.part`` file for ``--resume``)."""


# --- values --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unit:
    """One input: a page file, standard input (``path == "-"``) or a WARC archive."""

    path: str
    # Output path of the page (or folder of the WARC's pages) relative to the output root,
    # without suffix, with "/" separators.
    key: str
    warc: bool = False
    # "<reason>: <message>" for an input that cannot be read at all (a folder that cannot be
    # listed): its one page is an error record.
    error: str | None = None


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
    # The charset its transport declared (a WARC record's HTTP ``Content-Type``), if any.
    encoding: str | None = None


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
    # The page's URL, when it has one (a WARC record's target URI, --url).
    url: str | None = None

    @property
    def error(self) -> str | None:
        """The error record's message, or None."""
        return json.loads(self.output)["error"] if self.status == STATUS_FAILED else None


@dataclass(frozen=True, slots=True)
class Options:
    """How each page is cleaned and rendered. Picklable: it travels to the worker processes."""

    format: str = "text"
    kind: str | None = None
    # clean(favor=...): "balanced", "precision" or "recall".
    favor: str = "balanced"
    explain: bool = False
    # Site rules directory, passed to ``clean(rules=...)`` when the installed version has them.
    rules: str | None = None
    timeout: float = DEFAULT_TIMEOUT_S
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB
    # URL of the page when the run has a single page (--url); pages otherwise carry their own.
    url: str | None = None
    # Largest page read, in bytes (--max-bytes; above it the page fails with ``too-large``).
    max_bytes: int = MAX_PAGE_BYTES
    # Test hooks, read from ``NEWSCLEAN_TEST_FAULTS`` when the run starts (empty: none).
    faults: str = ""


# Turns units into outcomes in input order, skipping the pages the predicate names (the process
# pool or a Dask cluster).
Executor = Callable[[list[Unit], Callable[[Page], bool]], Generator[Outcome, None, None]]
