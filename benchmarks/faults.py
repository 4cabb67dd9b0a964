"""Fault-injection benchmark for ``newsclean clean``: the untidy conditions of issue 14, end to
end, each scenario in a fresh temporary folder with the command run as a subprocess.

    python benchmarks/faults.py                  # every scenario, the table on stdout
    python benchmarks/faults.py --only warc      # the scenarios whose name contains "warc"

For each scenario: the pages that went in, the records that came out, how many pages were lost
(no record) and how many records were duplicated (a page with more than one); both must be 0,
and the exit statuses must be the documented ones. Not a test (the unit tests cover each fault
on a small scale): run it by hand and record the table in docs/crawl.md. A page is identified by
its resolved path, by its URL for a WARC record, and a damaged WARC record by ``damage:<archive>``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_batch import _page  # noqa: E402

# Pages of an ordinary scenario, and of the WARC archives.
PAGES = 40
WARC_RECORDS = 50
# Records in the output before a run is interrupted.
INTERRUPT_AFTER = 5
# Seconds each page sleeps in the slowed runs (so that a second run meets the first).
SLOW_S = "0.1"
# File size limit of the full-disk run, in bytes: room for a few records.
DISK_ROOM_BYTES = 6000
# Seconds a scenario's command may take.
RUN_TIMEOUT_S = 300
FAULTS_ENV = "NEWSCLEAN_TEST_FAULTS"
DAMAGE = "damage:"


@dataclass
class Result:
    """What one scenario measured."""

    name: str
    expected: Counter[str] = field(default_factory=Counter)
    got: Counter[str] = field(default_factory=Counter)
    statuses: list[int] = field(default_factory=list)
    wanted_statuses: list[int] = field(default_factory=list)
    note: str = ""

    @property
    def lost(self) -> int:
        return sum((self.expected - self.got).values())

    @property
    def duplicated(self) -> int:
        return sum((self.got - self.expected).values())

    @property
    def ok(self) -> bool:
        return not self.lost and not self.duplicated and self.statuses == self.wanted_statuses


def command(args: list[str], cwd: Path, **kwargs: object) -> subprocess.Popen[bytes]:
    """``newsclean clean ARGS`` in a subprocess (``-P``: the folder is not on ``sys.path``)."""
    return subprocess.Popen(
        [sys.executable, "-P", "-m", "newsclean", "clean", *args, "-q"],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        **kwargs,  # type: ignore[arg-type]
    )


def finish(run: subprocess.Popen[bytes]) -> int:
    run.communicate(timeout=RUN_TIMEOUT_S)
    return run.returncode


def clean(args: list[str], cwd: Path, env: dict[str, str] | None = None, **kwargs: object) -> int:
    return finish(command(args, cwd, env={**os.environ, **(env or {})}, **kwargs))


def pages(folder: Path, n: int = PAGES) -> Counter[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"p{i:03d}.html").write_bytes(_page(f"Page {i}", f"Lead {i}."))
    return Counter(os.path.realpath(p) for p in folder.iterdir())


def warc(path: Path, n: int = WARC_RECORDS, gzip: bool = True) -> list[int]:
    """A WARC of ``n`` HTML responses; the offset of each record, and the size last."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    offsets = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for i in range(n):
            offsets.append(fh.tell())
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            payload = io.BytesIO(_page(f"Page {i}", f"Lead {i}. " + "More words here. " * 60))
            record = writer.create_warc_record(
                url_of(path, i), "response", payload=payload, http_headers=headers
            )
            writer.write_record(record)
        offsets.append(fh.tell())
    return offsets


def url_of(archive: Path, i: int) -> str:
    return f"https://example.com/{archive.name}/{i}"


def identity(record: dict[str, object], base: Path) -> str:
    """The page a record is for; ``base`` is the folder the command ran in."""
    source = str(record["source"])
    archive, sep, number = source.rpartition("#")
    if sep and number.isdigit():
        if str(record.get("error") or "").startswith("unreadable: damaged WARC"):
            return DAMAGE + Path(archive).name
        return str(record["url"])
    return os.path.realpath(base / source)


def read_jsonl(path: Path) -> Counter[str]:
    """The pages of a JSONL output (written by a command run in the output's folder)."""
    if not path.exists():
        return Counter()
    with open(path, encoding="utf-8") as fh:
        return Counter(identity(json.loads(line), path.parent) for line in fh)


def read_tree(root: Path) -> Counter[str]:
    """The pages of a tree output (``--format json``, a command run in the tree's folder)."""
    return Counter(
        identity(json.loads(p.read_text(encoding="utf-8")), root.parent)
        for p in root.rglob("*.json")
    )


def wait_for_lines(path: Path, lines: int) -> None:
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while not (path.exists() and path.read_bytes().count(b"\n") >= lines):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} never reached {lines} lines")
        time.sleep(0.05)


# --- the scenarios -------------------------------------------------------------------------------


def two_runs_one_output(tmp: Path, resume: bool) -> Result:
    expected = pages(tmp / "in")
    flag = ["--resume"] if resume else []
    args = ["in", "-o", "out.jsonl", "--jobs", "1", *flag]
    first = command(args, tmp, env={**os.environ, FAULTS_ENV: f"slow={SLOW_S}"})
    wait_for_lines(tmp / "out.jsonl.part", 1)
    second = clean(args, tmp)
    statuses = [finish(first), second]
    name = "two runs, one output" + (" (--resume)" if resume else "")
    return Result(name, expected, read_jsonl(tmp / "out.jsonl"), statuses, [0, 2])


def interrupted_then_resumed(tmp: Path, sig: signal.Signals, other_path: bool) -> Result:
    expected = pages(tmp / "in")
    out = tmp / "out.jsonl"
    first = command(
        ["in", "-o", "out.jsonl", "--jobs", "2"],
        tmp,
        env={**os.environ, FAULTS_ENV: f"slow={SLOW_S}"},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    wait_for_lines(tmp / "out.jsonl.part", INTERRUPT_AFTER)
    first.send_signal(sig)
    status = finish(first)
    given = str((tmp / "in").resolve()) if other_path else "in"
    resumed = clean([given, "-o", str(out), "--resume"], tmp)
    wanted = -signal.SIGKILL if sig == signal.SIGKILL else 130
    how = "kill -9" if sig == signal.SIGKILL else "Ctrl-C"
    name = f"{how}, then --resume" + (" by absolute path" if other_path else "")
    return Result(name, expected, read_jsonl(out), [status, resumed], [wanted, 0])


def truncated_warc(tmp: Path, gzip: bool) -> Result:
    path = tmp / ("crawl.warc.gz" if gzip else "crawl.warc")
    offsets = warc(path, gzip=gzip)
    last = len(offsets) - 2
    cut = offsets[last] + (offsets[last + 1] - offsets[last]) // 2
    path.write_bytes(path.read_bytes()[:cut])
    expected = Counter(url_of(path, i) for i in range(last))
    expected[DAMAGE + path.name] += 1
    status = clean([path.name, "-o", "out.jsonl"], tmp)
    name = f"WARC{'.gz' if gzip else ''} cut inside its last record"
    return Result(name, expected, read_jsonl(tmp / "out.jsonl"), [status], [1])


def damaged_members(tmp: Path, damage: bytes, where: str) -> Result:
    path = tmp / "crawl.warc.gz"
    offsets = warc(path)
    data = bytearray(path.read_bytes())
    hit = [9, 25, 26]
    for i in hit:
        at = offsets[i] + (10 if where == "header" else (offsets[i + 1] - offsets[i]) // 2)
        data[at : at + len(damage)] = damage
    path.write_bytes(bytes(data))
    expected = Counter(url_of(path, i) for i in range(WARC_RECORDS) if i not in hit)
    expected[DAMAGE + path.name] += len(hit)
    status = clean([path.name, "-o", "out.jsonl"], tmp)
    name = f"3 damaged gzip members ({len(damage)} bytes in the {where})"
    return Result(name, expected, read_jsonl(tmp / "out.jsonl"), [status], [1])


def full_disk(tmp: Path) -> Result:
    expected = pages(tmp / "in")

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (DISK_ROOM_BYTES, DISK_ROOM_BYTES))

    full = clean(["in", "-o", "out.jsonl", "--jobs", "1"], tmp, preexec_fn=limit)
    resumed = clean(["in", "-o", "out.jsonl", "--resume"], tmp)
    return Result(
        "disk full, then --resume", expected, read_jsonl(tmp / "out.jsonl"), [full, resumed], [2, 0]
    )


def walk(tmp: Path) -> Result:
    expected = pages(tmp / "in", 5)
    elsewhere = tmp / "elsewhere"
    expected += pages(elsewhere, 3)
    (tmp / "in" / "linked").symlink_to(elsewhere, target_is_directory=True)
    (tmp / "in" / "sub").mkdir()
    (tmp / "in" / "sub" / "loop").symlink_to(tmp / "in", target_is_directory=True)
    expected += pages(tmp / "in" / "sub" / "more", 2)
    status = clean(["in", "in/p000.html", str(tmp / "in"), "-o", "tree", "--format", "json"], tmp)
    return Result(
        "symlinked folders, a loop, inputs given twice",
        expected,
        read_tree(tmp / "tree"),
        [status],
        [0],
    )


def collisions(tmp: Path) -> Result:
    folder = tmp / "in"
    (folder / "crawl").mkdir(parents=True)
    warc(folder / "crawl.warc.gz", 2)
    (folder / "crawl" / "000001.html").write_bytes(_page("File", "File lead."))
    (folder / "x.html").write_bytes(_page("X", "X lead."))
    (folder / "x.error.html").write_bytes(_page("XE", "XE lead."))
    (folder / "a.html").write_bytes(_page("A", "A lead."))
    (folder / "a.htm").write_bytes(_page("A2", "A2 lead."))
    names = ["crawl/000001.html", "x.html", "x.error.html", "a.html", "a.htm"]
    expected = Counter(os.path.realpath(folder / n) for n in names)
    expected.update(url_of(folder / "crawl.warc.gz", i) for i in range(2))
    status = clean(["in", "-o", "tree", "--format", "json"], tmp)
    return Result("output names that collide", expected, read_tree(tmp / "tree"), [status], [0])


def non_utf8_name(tmp: Path) -> Result:
    expected = pages(tmp / "in", 3)
    odd = tmp / "in" / os.fsdecode(b"caf\xe9-\xff.html")
    odd.write_bytes(_page("Cafe", "Coffee lead."))
    expected[os.path.realpath(odd)] += 1
    status = clean(["in", "-o", "out.jsonl"], tmp)
    return Result("a file name that is not UTF-8", expected, read_jsonl(tmp / "out.jsonl"),
                  [status], [0])  # fmt: skip


def killed_dask_worker(tmp: Path) -> Result:
    try:
        from distributed import LocalCluster
    except ImportError:
        return Result("Dask: a page kills its worker", note="skipped: no distributed")
    expected = pages(tmp / "in", 10)
    (tmp / "in" / "p004.html").write_bytes(_page("Crash", "Lead CRASHME."))
    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster:
        args = ["in", "-o", "out.jsonl", "--dask-scheduler", cluster.scheduler_address]
        status = clean(args, tmp, env={FAULTS_ENV: "crash=CRASHME"})
    return Result("Dask: a page kills its worker", expected, read_jsonl(tmp / "out.jsonl"),
                  [status], [1])  # fmt: skip


SCENARIOS: dict[str, Callable[[Path], Result]] = {
    "two-runs": lambda t: two_runs_one_output(t, resume=False),
    "two-resume-runs": lambda t: two_runs_one_output(t, resume=True),
    "interrupt": lambda t: interrupted_then_resumed(t, signal.SIGINT, other_path=False),
    "kill": lambda t: interrupted_then_resumed(t, signal.SIGKILL, other_path=False),
    "resume-other-path": lambda t: interrupted_then_resumed(t, signal.SIGINT, other_path=True),
    "truncated-warc": lambda t: truncated_warc(t, gzip=False),
    "truncated-warc-gz": lambda t: truncated_warc(t, gzip=True),
    "damaged-gzip-body": lambda t: damaged_members(t, b"x" * 40, "body"),
    "damaged-gzip-header": lambda t: damaged_members(t, b"\x00" * 4, "header"),
    "disk-full": full_disk,
    "walk": walk,
    "collisions": collisions,
    "non-utf8-name": non_utf8_name,
    "dask-killed-worker": killed_dask_worker,
}


def run_all(only: str | None) -> Iterator[Result]:
    for key, scenario in SCENARIOS.items():
        if only and only not in key:
            continue
        with tempfile.TemporaryDirectory(prefix=f"newsclean-faults-{key}-") as tmp:
            yield scenario(Path(tmp))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run the scenarios whose name contains this text")
    args = parser.parse_args()
    print("| scenario | pages in | records out | lost | duplicated | exit statuses | ok |")
    print("| --- | ---: | ---: | ---: | ---: | --- | --- |")
    failures = 0
    for r in run_all(args.only):
        if r.note:
            print(f"| {r.name} | | | | | {r.note} | |")
            continue
        failures += not r.ok
        statuses = " then ".join(map(str, r.statuses))
        if r.statuses != r.wanted_statuses:
            statuses += f" (wanted {' then '.join(map(str, r.wanted_statuses))})"
        print(
            f"| {r.name} | {sum(r.expected.values())} | {sum(r.got.values())} | {r.lost} "
            f"| {r.duplicated} | {statuses} | {'yes' if r.ok else 'NO'} |",
            flush=True,
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
