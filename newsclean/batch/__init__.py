"""Batch cleaning: many saved pages — files, directories, ``.gz`` files, WARC archives — on every
core, each page under a time limit and a memory cap, with atomic outputs and ``--resume``.

inputs → ``discover`` (units: a page file, standard input, a WARC archive; ``inputs``) →
``expand`` (pages in a deterministic order; ``inputs``, ``warc``) → ``ProcessPool.imap`` (one
worker process per core, ``pool``; each page cleaned by ``worker.clean_page`` and rendered by
``records``; a stuck or bloated worker is killed and replaced and its page gets an error record)
→ a writer (a tree of files, one JSONL file, or standard output; ``outputs``). ``runner.run`` is
one ``newsclean clean`` run, under the output's lock (``lock``); ``framing`` cuts WARC bytes
into records across damage. ``newsclean.dask`` is a peer that imports from here, never the
reverse.
"""

from newsclean.batch.inputs import (
    GZIP_SUFFIX,
    PAGE_SUFFIXES,
    STDIN,
    WARC_SUFFIXES,
    discover,
    expand,
    is_warc,
    read_page,
)
from newsclean.batch.outputs import (
    ERROR_SUFFIX,
    TEMP_MARK,
    TREE_SUFFIXES,
    JsonlWriter,
    StdoutWriter,
    TreeWriter,
    Writer,
    write_atomically,
)
from newsclean.batch.pool import ProcessPool, WorkerStartError, default_jobs
from newsclean.batch.records import failure, record, render
from newsclean.batch.runner import Run, Summary, run
from newsclean.batch.values import (
    CRASHED,
    DEFAULT_MAX_MEMORY_MB,
    DEFAULT_TIMEOUT_S,
    ERROR,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    FORMATS,
    MAX_PAGE_BYTES,
    MEMORY,
    PART_SUFFIX,
    STATUS_CLEANED,
    STATUS_EMPTY,
    STATUS_FAILED,
    TIMEOUT,
    TOO_LARGE,
    UNREADABLE,
    Executor,
    Options,
    Outcome,
    OutputError,
    Page,
    Unit,
    UsageError,
)
from newsclean.batch.warc import count_warc_pages, warc_pages
from newsclean.batch.worker import FAULTS_ENV, clean_page, load_rules, rules_supported

__all__ = [
    "CRASHED",
    "DEFAULT_MAX_MEMORY_MB",
    "DEFAULT_TIMEOUT_S",
    "ERROR",
    "ERROR_SUFFIX",
    "EXIT_OK",
    "EXIT_SOME_FAILED",
    "EXIT_USAGE",
    "FAULTS_ENV",
    "FORMATS",
    "GZIP_SUFFIX",
    "MAX_PAGE_BYTES",
    "MEMORY",
    "PAGE_SUFFIXES",
    "PART_SUFFIX",
    "STATUS_CLEANED",
    "STATUS_EMPTY",
    "STATUS_FAILED",
    "STDIN",
    "TEMP_MARK",
    "TIMEOUT",
    "TOO_LARGE",
    "TREE_SUFFIXES",
    "UNREADABLE",
    "WARC_SUFFIXES",
    "Executor",
    "JsonlWriter",
    "Options",
    "Outcome",
    "OutputError",
    "Page",
    "ProcessPool",
    "Run",
    "StdoutWriter",
    "Summary",
    "TreeWriter",
    "Unit",
    "UsageError",
    "WorkerStartError",
    "Writer",
    "clean_page",
    "count_warc_pages",
    "default_jobs",
    "discover",
    "expand",
    "failure",
    "is_warc",
    "load_rules",
    "read_page",
    "record",
    "render",
    "rules_supported",
    "run",
    "warc_pages",
    "write_atomically",
]
