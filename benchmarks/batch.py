"""Benchmark of ``newsclean clean`` over a directory: pages/s with --jobs 1 and --jobs 2, and the
peak memory of a worker as the page count grows.

    .venv/bin/python benchmarks/batch.py                       # 12 copies of the AEB pages
    .venv/bin/python benchmarks/batch.py --copies 24 --jobs 1 2 4
    .venv/bin/python benchmarks/batch.py --repeat 3             # on a shared machine: best of 3

The pages are the benchmark's (../shared/data/aeb/html/*.html.gz) repeated ``--copies`` times in
a temporary directory; each run writes one JSONL file. The figures are the command's own summary
(cleaning time, from the first page handed out to the last record written) and the wall time of
the whole command (interpreter and worker start included). Two more figures tell the pool's
share from the machine's: what two independent processes get right now (other load caps any
speed-up) and a pool check where pages sleep instead of computing (the pool's own overhead).
Not a test: a busy machine gives noisy figures, so report the command with them.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AEB_HTML = ROOT.parent / "shared" / "data" / "aeb" / "html"
# The summary lines of `newsclean clean` that the benchmark reads.
PAGES_LINE = re.compile(r"^pages: (\d+)", re.M)
RATE_LINE = re.compile(r"^elapsed: ([\d.]+) s, ([\d.]+) pages/s", re.M)
MEMORY_LINE = re.compile(r"^peak worker memory: (\d+) MB", re.M)


def make_corpus(target: Path, copies: int) -> int:
    """``copies`` copies of the AEB pages under ``target``; returns the page count."""
    pages = sorted(AEB_HTML.glob("*.html.gz"))
    if not pages:
        sys.exit(f"no pages in {AEB_HTML}")
    for i in range(copies):
        folder = target / f"copy{i:02d}"
        folder.mkdir(parents=True)
        for page in pages:
            shutil.copyfile(page, folder / page.name)
    return len(pages) * copies


def run(corpus: Path, out: Path, jobs: int) -> dict[str, float]:
    command = [
        str(Path(sys.executable).parent / "newsclean"),
        "clean",
        str(corpus),
        "-o",
        str(out),
        "--jobs",
        str(jobs),
    ]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.monotonic() - started
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    pages = int(PAGES_LINE.search(done.stderr).group(1))  # type: ignore[union-attr]
    rate = RATE_LINE.search(done.stderr)
    memory = MEMORY_LINE.search(done.stderr)
    return {
        "pages": pages,
        "seconds": float(rate.group(1)),  # type: ignore[union-attr]
        "pages_per_s": float(rate.group(2)),  # type: ignore[union-attr]
        "wall_pages_per_s": pages / wall,
        "peak_worker_mb": float(memory.group(1)) if memory else 0.0,
    }


# One process cleaning every AEB page in a loop, with no pool: what the machine gives.
CEILING_SCRIPT = """
import gzip, sys, time
from pathlib import Path
from newsclean import clean
pages = [gzip.decompress(p.read_bytes()) for p in sorted(Path(sys.argv[1]).glob("*.html.gz"))]
started = time.monotonic()
for page in pages:
    clean(page)
print(len(pages) / (time.monotonic() - started))
"""


def ceiling(jobs: int) -> float:
    """Pages/s of ``jobs`` independent processes cleaning in parallel, with no pool: on a
    shared machine, the speed-up that other load leaves (the pool cannot beat it)."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CEILING_SCRIPT, str(AEB_HTML)], stdout=subprocess.PIPE
        )
        for _ in range(jobs)
    ]
    return sum(float(p.communicate()[0]) for p in procs)


# Pages of the pool check, and the sleep the test hook adds to each (I/O-like, no CPU).
SLEEP_PAGES = 200
SLEEP_S = 0.05


def pool_check(jobs_list: list[int]) -> None:
    """Pages/s of the pool itself when every page waits instead of computing (the test hook
    ``slow=S``), timed from the first outcome so that worker start-up is left out: other load on
    the machine barely matters, and with no pool overhead --jobs N gives N times --jobs 1."""
    from newsclean.batch import Options, Page, ProcessPool

    pages = [Page(f"p{i}", f"p{i}", data=f"<p>Page {i}.</p>".encode()) for i in range(SLEEP_PAGES)]
    rates = {}
    for jobs in jobs_list:
        pool = ProcessPool(Options(format="jsonl", faults=f"slow={SLEEP_S}"), jobs)
        outcomes = pool.imap(pages)
        next(outcomes)
        started = time.monotonic()
        rates[jobs] = sum(1 for _ in outcomes) / (time.monotonic() - started)
    base = rates[jobs_list[0]]
    print(
        f"pool check ({SLEEP_PAGES} pages sleeping {SLEEP_S} s each): "
        + ", ".join(f"--jobs {j} {r:.1f} pages/s ({r / base:.2f}x)" for j, r in rates.items())
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=12, help="copies of the AEB pages")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs to compare")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best counts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsclean-bench-") as tmp:
        corpus = Path(tmp) / "pages"
        small = Path(tmp) / "small"
        total = make_corpus(corpus, args.copies)
        make_corpus(small, 1)
        print(f"{total} pages ({args.copies} copies of {AEB_HTML})")
        print(f"{'jobs':>4} {'pages':>6} {'s':>7} {'pages/s':>8} {'wall p/s':>9} {'peak MB':>8}")
        results: dict[int, dict[str, float]] = {}
        for _ in range(args.repeat):  # interleaved, so that both settings meet the same load
            for jobs in args.jobs:
                r = run(corpus, Path(tmp) / f"out-{jobs}.jsonl", jobs)
                print(
                    f"{jobs:>4} {r['pages']:>6.0f} {r['seconds']:>7.1f} {r['pages_per_s']:>8.1f} "
                    f"{r['wall_pages_per_s']:>9.1f} {r['peak_worker_mb']:>8.0f}"
                )
                if r["pages_per_s"] > results.get(jobs, {}).get("pages_per_s", 0.0):
                    results[jobs] = r
        base = results[args.jobs[0]]["pages_per_s"]
        for jobs in args.jobs[1:]:
            print(f"speed-up --jobs {jobs} / --jobs {args.jobs[0]} (best of {args.repeat}): "
                  f"{results[jobs]['pages_per_s'] / base:.2f}x")  # fmt: skip
        one, two = ceiling(1), ceiling(2)
        print(f"machine now, 2 independent processes / 1: {two / one:.2f}x "
              f"({one:.1f} and {two:.1f} pages/s)")  # fmt: skip
        pool_check(args.jobs)
        few = run(small, Path(tmp) / "out-small.jsonl", args.jobs[-1])
        print(
            f"peak worker memory: {few['peak_worker_mb']:.0f} MB over {few['pages']:.0f} pages, "
            f"{results[args.jobs[-1]]['peak_worker_mb']:.0f} MB over {total} pages"
        )


if __name__ == "__main__":
    main()
