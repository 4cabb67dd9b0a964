"""The process pool: one worker process per core, each cleaning one page at a time under a time
limit and a memory cap; a stuck or dead worker is replaced and its page gets an error outcome."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from newsclean.batch.records import failure
from newsclean.batch.values import CRASHED, MEMORY, TIMEOUT, Options, Outcome, Page, UsageError
from newsclean.batch.worker import READY, clean_page, worker_main

# Pages that may be handed out ahead of the oldest unfinished one, per worker: bounds the buffer
# that puts outcomes back into input order.
ORDER_WINDOW_PER_JOB = 32
# Pages a worker cleans before a fresh one replaces it (memory that leaks or fragments over a
# long run never adds up to the cap).
PAGES_PER_WORKER = 1000
# Seconds a worker gets to exit after it is told to stop, before it is killed.
WORKER_EXIT_GRACE_S = 2.0
# Seconds a new worker gets to say it can work (the first start also starts the forkserver).
WORKER_START_TIMEOUT_S = 60.0
# Set while a worker starts: the environment variable that keeps the current directory off
# the new interpreter's ``sys.path``.
SAFE_PATH_ENV = "PYTHONSAFEPATH"


class WorkerStartError(UsageError):
    """Worker processes cannot start or cannot clean even a tiny page (exit status 2)."""


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
        ctx.set_forkserver_preload(["newsclean.batch.worker"])
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
        """A new worker, once it says it can work; ``WorkerStartError`` when it cannot (every
        page would fail: better to stop before writing any)."""
        parent_conn, child_conn = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(
            target=worker_main, args=(child_conn, self._options, os.getpid()), daemon=True
        )
        with _safe_path():
            process.start()
        child_conn.close()
        slot = _Slot(process, parent_conn)
        status = self._hello(slot)
        if status != READY:
            self._kill(slot)
            raise WorkerStartError(
                f"worker processes cannot start ({status}); "
                f"is --max-memory {self._options.max_memory_mb} too small?"
            )
        return slot

    def _hello(self, slot: _Slot) -> str:
        """The worker's first message (``READY``, or why it cannot work)."""
        try:
            if slot.conn.poll(WORKER_START_TIMEOUT_S):
                return slot.conn.recv()
        except (EOFError, OSError):
            pass
        slot.process.join(WORKER_EXIT_GRACE_S)
        return f"the worker process ended at once (exit {slot.process.exitcode})"

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


@contextlib.contextmanager
def _safe_path() -> Iterator[None]:
    """While a worker (or the forkserver) starts: Python leaves the current directory off its
    ``sys.path``, so that a ``newsclean/`` folder or an ``lxml.py`` there is never imported in
    place of the installed packages (``PYTHONSAFEPATH``, Python 3.11+)."""
    previous = os.environ.get(SAFE_PATH_ENV)
    os.environ[SAFE_PATH_ENV] = "1"
    try:
        yield
    finally:
        if previous is None:
            del os.environ[SAFE_PATH_ENV]
        else:
            os.environ[SAFE_PATH_ENV] = previous


def default_jobs() -> int:
    """All the cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - macOS, Windows
