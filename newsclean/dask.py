"""Clean pages on a Dask cluster: ``dask.bag`` helpers, and the executor behind
``newsclean clean --dask-scheduler ADDRESS``. Needs the extra: ``pip install 'newsclean[dask]'``.

    import dask.bag as db
    from newsclean.dask import clean_bag, clean_warcs

    records = clean_bag(db.from_sequence([{"url": u, "data": b} for u, b in pages])).compute()
    clean_warcs(["/crawl/CC-00000.warc.gz", ...]).map(json.dumps).to_textfiles("out/*.jsonl")

Each result is the record ``newsclean clean --format jsonl`` writes: a dict with source, url,
title, date, author, sitename, text, warnings and error. Pages and archives are read by the
workers, so paths must be readable there (a shared file system). On a cluster a page's memory
is bounded by Dask's own worker memory limit; the per-page time limit of the local process pool
does not apply. With ``--dask-scheduler``, a task whose worker dies (a crash, the nanny's memory
limit) is cleaned again one page a task, so that the page at fault gets a ``crashed`` record
and the rest go on.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from typing import Any

import dask.bag as db

from newsclean.batch import (
    CRASHED,
    STDIN,
    Executor,
    Options,
    Outcome,
    Page,
    Unit,
    UsageError,
    clean_page,
    expand,
    failure,
    warc_pages,
)

# Page files cleaned per Dask task by ``--dask-scheduler`` (a WARC archive is always one task).
FILES_PER_TASK = 32
# Pages of a task that killed its worker, cleaned one a task, in flight at a time.
ISOLATION_WINDOW = 64
KILLED_MESSAGE = "the page killed its Dask worker, twice (a crash, or the memory limit)"
# Seconds to wait for the scheduler when connecting.
CONNECT_TIMEOUT_S = 10


def clean_bag(pages: db.Bag, *, kind: str | None = None, rules: str | None = None) -> db.Bag:
    """A bag of pages → a bag of records, in the same order.

    A page is ``bytes``, ``str``, or a dict with ``data`` (bytes or str) and optionally ``url``
    and ``source``; the records of ``warc_bag`` are pages too. ``rules`` is a site rules
    directory, readable on the workers.
    """
    options = Options(format="jsonl", kind=kind, rules=rules)
    return pages.map_partitions(_clean_items, options)


def warc_bag(paths: Sequence[str]) -> db.Bag:
    """The HTML response records of WARC archives as a bag of pages (dicts with source, url,
    data), one partition per archive, read on the workers."""
    return db.from_sequence(list(paths), npartitions=max(1, len(paths))).map_partitions(_read_warcs)


def clean_warcs(
    paths: Sequence[str], *, kind: str | None = None, rules: str | None = None
) -> db.Bag:
    """Clean every page of WARC archives, one partition per archive: a bag of records.

    Unlike ``clean_bag(warc_bag(paths))`` the pages never sit in memory all at once: each
    partition reads and cleans its archive record by record.
    """
    options = Options(format="jsonl", kind=kind, rules=rules)
    bag = db.from_sequence(list(paths), npartitions=max(1, len(paths)))
    return bag.map_partitions(_clean_warcs, options)


def _as_page(item: Any) -> Page:
    if isinstance(item, (bytes, bytearray, memoryview)):
        return Page("", "", data=bytes(item))
    if isinstance(item, str):
        return Page("", "", data=item.encode("utf-8"))
    if isinstance(item, dict):
        data = item.get("data", item.get("html"))
        if isinstance(data, str):
            data = data.encode("utf-8")
        url = item.get("url")
        source = item.get("source") or url or ""
        error, encoding = item.get("error"), item.get("encoding")
        return Page(source, source, url=url, data=data, error=error, encoding=encoding)
    raise TypeError(f"a page is bytes, str or a dict, not {type(item).__name__}")


def _record(outcome: Outcome) -> dict[str, Any]:
    return json.loads(outcome.output)


def _clean_items(items: Iterable[Any], options: Options) -> list[dict[str, Any]]:
    return [_record(clean_page(_as_page(item), options)) for item in items]


def _read_warcs(paths: Iterable[str]) -> list[dict[str, Any]]:
    return [
        {"source": p.source, "url": p.url, "data": p.data, "error": p.error, "encoding": p.encoding}
        for path in paths
        for p in warc_pages(path, path)
    ]


def _clean_warcs(paths: Iterable[str], options: Options) -> list[dict[str, Any]]:
    return [_record(clean_page(p, options)) for path in paths for p in warc_pages(path, path)]


# --- newsclean clean --dask-scheduler ------------------------------------------------------------


def _clean_task(items: Sequence[Unit | Page], options: Options) -> list[Outcome]:
    """One Dask task: the pages of a few files, of one WARC archive, or one page given as bytes."""
    pages = (
        p
        for item in items
        for p in ([item] if isinstance(item, Page) else expand(item, options.max_bytes))
    )
    return [clean_page(page, options) for page in pages]


def _tasks(units: list[Unit], skip: Any) -> list[list[Unit | Page]]:
    """Units grouped into tasks, in order; pages of files already done are left out here, those
    of WARC archives when their outcomes come back."""
    tasks: list[list[Unit | Page]] = []
    files: list[Unit | Page] = []
    for unit in units:
        if unit.warc:
            tasks.extend([files, [unit]] if files else [[unit]])
            files = []
            continue
        page = (
            next(expand(unit)) if unit.path == STDIN else Page(unit.path, unit.key, path=unit.path)
        )
        if skip(page):
            continue
        files.append(page)
        if len(files) == FILES_PER_TASK:
            tasks.append(files)
            files = []
    return [*tasks, files] if files else tasks


def _task_pages(task: Sequence[Unit | Page], skip: Any) -> Iterator[Page]:
    """The pages of a task, read here (a WARC archive record by record), those done left out."""
    for item in task:
        for page in [item] if isinstance(item, Page) else expand(item):
            if not skip(page):
                yield page


def _one_by_one(client: Any, pages: Iterable[Page], options: Options) -> Iterator[Outcome]:
    """The pages of a task that killed its worker, each as its own task (at most
    ``ISOLATION_WINDOW`` at a time), in order. A page whose worker died is tried again alone,
    once the others in flight have ended (the death may be another page's doing): if it kills
    its worker again it gets a ``crashed`` error record."""
    from distributed import wait

    window: deque[tuple[Page, Any]] = deque()

    def settle() -> Outcome:
        page, future = window.popleft()
        outcome = _result(page, future)
        if outcome is None:
            wait([f for _, f in window])
            again = client.submit(_clean_task, [page], options=options, pure=False)
            outcome = _result(page, again) or failure(page, CRASHED, KILLED_MESSAGE)
        return outcome

    for page in pages:
        window.append((page, client.submit(_clean_task, [page], options=options, pure=False)))
        if len(window) >= ISOLATION_WINDOW:
            yield settle()
    while window:
        yield settle()


def _result(page: Page, future: Any) -> Outcome | None:
    """The outcome of a one-page task, or None when its worker died."""
    from distributed import KilledWorker

    try:
        (outcome,) = future.result()
    except KilledWorker:
        return None
    finally:
        future.release()
    return outcome


def cluster_executor(address: str, options: Options) -> Executor:
    """Clean on the cluster whose scheduler is at ``address``; outcomes come back in order.
    Connects at once: an unreachable scheduler is a ``UsageError`` before anything is written."""
    from distributed import Client, KilledWorker

    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc

    def execute(units: list[Unit], skip: Any) -> Generator[Outcome, None, None]:
        tasks = _tasks(units, skip)
        futures = client.map(_clean_task, tasks, options=options, pure=False)
        try:
            for task, future in zip(tasks, futures, strict=True):
                try:
                    outcomes: Iterable[Outcome] = future.result()
                except KilledWorker:  # a page of the task killed its worker: find which
                    outcomes = _one_by_one(client, _task_pages(task, skip), options)
                for outcome in outcomes:
                    if not skip(Page(outcome.source, outcome.key)):
                        yield outcome
                future.release()
        finally:
            client.cancel(futures)
            client.close()

    return execute
