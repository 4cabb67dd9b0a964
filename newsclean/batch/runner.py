"""One ``newsclean clean`` run: inputs → pages → an executor (the process pool, or a cluster's)
→ a writer, with a progress bar and a summary."""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path

from newsclean import errors
from newsclean.batch.inputs import discover, expand
from newsclean.batch.lock import output_lock
from newsclean.batch.outputs import JsonlWriter, StdoutWriter, TreeWriter, Writer
from newsclean.batch.pool import ProcessPool, default_jobs
from newsclean.batch.values import (
    ERROR,
    EXIT_OK,
    EXIT_SOME_FAILED,
    FORMATS,
    STATUS_CLEANED,
    STATUS_EMPTY,
    STATUS_FAILED,
    Executor,
    Options,
    Outcome,
    OutputError,
    Page,
    Unit,
    UsageError,
)
from newsclean.batch.warc import count_warc_pages
from newsclean.batch.worker import FAULTS_ENV, clean_page, load_rules, rules_supported


@dataclass(slots=True)
class Summary:
    """Counts of a run, printed at its end."""

    pages: int = 0
    cleaned: int = 0
    empty: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    # Pages skipped by --resume because their output was already complete.
    skipped: int = 0
    # Of the skipped pages, those whose record is an error record.
    failed_before: int = 0
    chars: int = 0
    peak_rss_kb: int = 0
    started: float = field(default_factory=time.monotonic)
    interrupted: bool = False

    def skip(self, status: str) -> None:
        """A page done by an earlier run (``--resume``), with the status it had."""
        self.skipped += 1
        if status == STATUS_FAILED:
            self.failed_before += 1

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
        return EXIT_SOME_FAILED if self.failed or self.failed_before else EXIT_OK

    def lines(self) -> list[str]:
        """The summary as ``name: value`` lines (stable, so scripts can read them)."""
        elapsed = time.monotonic() - self.started
        failed = sum(self.failed.values())
        reasons = ", ".join(f"{r} {n}" for r, n in sorted(self.failed.items()))
        out = [
            f"pages: {self.pages} (cleaned {self.cleaned}, empty {self.empty}, failed {failed}"
            f"{', skipped ' + str(self.skipped) if self.skipped else ''}"
            f"{', failed earlier ' + str(self.failed_before) if self.failed_before else ''})",
            f"failed: {reasons or 'none'}",
            f"characters kept: {self.chars:,}",
            f"elapsed: {elapsed:.1f} s, {self.pages / elapsed if elapsed else 0.0:.1f} pages/s",
        ]
        if self.peak_rss_kb:
            out.append(f"peak worker memory: {self.peak_rss_kb / 1024:.0f} MB")
        if self.interrupted:
            out.append("interrupted: rerun with --resume to finish")
        return out


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
    options: Options = Options()  # noqa: RUF009 - a frozen value
    jobs: int = 0
    resume: bool = False
    quiet: bool = False
    globs: tuple[str, ...] = ()
    # Makes the executor of a cluster (``newsclean.dask``) from the options; None: the local
    # process pool. Passed in, so that the batch package never imports a cluster's package.
    cluster: Callable[[Options], Executor] | None = None


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
    if out is None and single and not spec.cluster:
        return _run_in_process(units[0], options, StdoutWriter(options.format))
    with output_lock(out):
        return _run_locked(spec, options, units, out)


def _run_locked(spec: Run, options: Options, units: list[Unit], out: Path | None) -> int:
    executor = _executor(spec, options)
    if out is not None and _names_one_file(spec, units, out):
        units = [dataclasses.replace(units[0], key=out.stem)]
        writer: Writer = _tree_writer(out.parent, options.format, spec.resume, out.suffix)
    else:
        writer = _writer(out, options.format, spec.resume)
    summary = Summary()
    show = not spec.quiet and sys.stderr.isatty()
    progress = _Progress(_total(units) if show else None, enabled=show)

    def skip(page: Page) -> bool:
        status = writer.done(page)
        if status is None:
            return False
        summary.skip(status)
        progress.advance()
        return True

    outcomes = executor(units, skip)
    complete = False
    try:
        for outcome in outcomes:
            try:
                writer.write(outcome)
            except OSError as exc:
                raise OutputError(_cannot_write(out, exc)) from exc
            summary.add(outcome)
            progress.advance()
        complete = True
    except KeyboardInterrupt:
        summary.interrupted = complete = True  # what was written is complete: keep it
        raise
    finally:
        outcomes.close()  # stops the workers whatever happened
        progress.close()
        writer.finish(complete=complete)
        if not spec.quiet:
            print("\n".join(summary.lines()), file=sys.stderr)
    return summary.exit_status


def _cannot_write(out: Path | None, exc: OSError) -> str:
    return (
        f"cannot write {exc.filename or out}: {exc.strerror or exc}; the run stopped "
        "(rerun with --resume once there is room)"
    )


def _check(spec: Run, units: list[Unit], single: bool) -> None:
    if not units:
        raise UsageError("no pages found in the inputs")
    if spec.options.timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    if spec.options.max_bytes <= 0:
        raise UsageError("--max-bytes must be a positive number of bytes")
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


def _names_one_file(spec: Run, units: list[Unit], out: Path) -> bool:
    """``-o article.txt`` for one page given as a file (or ``-``): the output is that file, not
    a folder of that name (a failure leaves ``article.error.json`` beside it)."""
    return (
        len(spec.inputs) == 1
        and len(units) == 1
        and not units[0].warc
        and not Path(spec.inputs[0]).is_dir()
        and bool(out.suffix)
        and not out.is_dir()
        and spec.options.format != "jsonl"
    )


def _writer(out: Path | None, fmt: str, resume: bool) -> Writer:
    if out is None:
        return StdoutWriter(fmt)
    if fmt == "jsonl":
        try:
            return JsonlWriter(out, resume)
        except OSError as exc:
            raise OutputError(f"{out}: cannot write there ({exc.strerror or exc})") from exc
    return _tree_writer(out, fmt, resume)


def _tree_writer(root: Path, fmt: str, resume: bool, suffix: str | None = None) -> Writer:
    try:
        return TreeWriter(root, fmt, resume, suffix)
    except OSError as exc:
        raise OutputError(f"{root}: cannot write there ({exc.strerror or exc})") from exc


def _total(units: list[Unit]) -> int:
    return sum(count_warc_pages(u.path) if u.warc else 1 for u in units)


def _executor(spec: Run, options: Options) -> Executor:
    if spec.cluster:
        return spec.cluster(options)
    pool = ProcessPool(options, spec.jobs or default_jobs())

    def local(units: list[Unit], skip: Callable[[Page], bool]) -> Generator[Outcome, None, None]:
        pages = (p for u in units for p in expand(u, options.max_bytes) if not skip(p))
        return pool.imap(pages)

    return local


def _run_in_process(unit: Unit, options: Options, writer: Writer) -> int:
    """A single page to standard output is cleaned right here: no pool to start."""
    outcome = clean_page(next(expand(unit, options.max_bytes)), options)
    writer.write(outcome)
    return EXIT_SOME_FAILED if outcome.status == STATUS_FAILED else EXIT_OK
