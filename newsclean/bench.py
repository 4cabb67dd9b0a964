"""Speed: newsclean against the lxml parse floor, trafilatura and readability, in one run.

Every page is loaded into memory first; then each pass times every extractor on every page,
interleaved (page by page, the extractors' order rotating), so that a machine busy with other work
slows all of them alike and the ratios stay meaningful. A page's time is its median over the
passes; an extractor's total is the sum of its pages' medians.

Large pages (``--large``) are made from the benchmark's own pages, see ``large_samples``: the head
of one page followed by the bodies of several consecutive pages, cut at a target size. The same
option runs the linearity check: one page's body repeated 10× and 100× must take at most 12× and
120× the time of the page, and the peak memory of a call at most 30 MB per MB of input. That check
lifts newsclean's block and tag limits (``Settings.max_blocks``, ``max_tags``), which would
otherwise cut the 100× page and hide the cost of what they cut.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import pickle
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

# Passes over the pages; a page's time is the median of its passes.
DEFAULT_PASSES = 3
# Target sizes of the generated large pages, in MB (10⁶ bytes), cycled through.
LARGE_SIZES_MB: tuple[float, ...] = (0.5, 1.0, 1.5, 2.0)
# Generated large pages per run.
LARGE_PAGES = 8
# Repetitions of one page's body in the linearity check; the first is the reference.
LINEARITY_REPEATS: tuple[int, ...] = (1, 10, 100)
# Time allowed for a page repeated n times, as a multiple of the page's own time.
LINEARITY_LIMITS: dict[int, float] = {10: 12.0, 100: 120.0}
# Factor by which the linearity check lifts newsclean's block and tag limits.
LIMITS_RAISED = 1000
# Largest share of a generated large page that the head of the page it starts from may take.
LARGE_HEAD_SHARE = 0.25
# Peak memory allowed for one call, in MB per MB of input.
MEMORY_LIMIT_MB_PER_MB = 30.0
# The extractor that is the floor (parse only) and the one compared against.
FLOOR = "lxml-parse"
BASELINE = "trafilatura"
MB = 1_000_000

_BODY_OPEN = regex.compile(r"<body\b[^>]*>", regex.IGNORECASE)
_BODY_CLOSE = regex.compile(r"</body\s*>", regex.IGNORECASE)
_CHARSET = regex.compile(r"""(charset\s*=\s*["']?)[\w:.\-]+""", regex.IGNORECASE)

Run = Callable[[bytes, "str | None"], object]


@dataclass(frozen=True, slots=True)
class Sample:
    """One page to time: a name, its bytes and its URL."""

    name: str
    html: bytes
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Extractor:
    """A named function that takes a page's bytes and URL."""

    name: str
    run: Run


@dataclass(frozen=True, slots=True)
class Row:
    """One extractor's figures over a set of pages."""

    name: str
    # Median seconds of each page, in page order.
    seconds: tuple[float, ...]
    size: int
    # Peak resident memory of a process running this extractor over the pages, in MB; and its
    # growth over the same process before the first page.
    peak_rss_mb: float | None = None
    rss_growth_mb: float | None = None

    @property
    def total(self) -> float:
        return sum(self.seconds)

    @property
    def pages_per_second(self) -> float:
        return len(self.seconds) / self.total if self.total else float("inf")

    @property
    def mb_per_second(self) -> float:
        return self.size / MB / self.total if self.total else float("inf")

    def percentile_ms(self, share: float) -> float:
        """Per-page time in ms at ``share`` (0..1) of the sorted pages (nearest rank)."""
        ordered = sorted(self.seconds)
        if not ordered:
            return 0.0
        rank = min(len(ordered) - 1, max(0, math.ceil(share * len(ordered) - 1e-9) - 1))
        return ordered[rank] * 1000


@dataclass(frozen=True, slots=True)
class Table:
    """The rows of one timed set of pages."""

    title: str
    pages: int
    size: int
    passes: int
    rows: tuple[Row, ...]

    def row(self, name: str) -> Row | None:
        return next((r for r in self.rows if r.name == name), None)


@dataclass(frozen=True, slots=True)
class Linearity:
    """newsclean on one page repeated ``repeats`` times: time and memory against the page."""

    page: str
    repeats: int
    size: int
    seconds: float
    ratio: float
    limit: float | None
    peak_mb_per_mb: float | None

    @property
    def ok(self) -> bool:
        time_ok = self.limit is None or self.ratio <= self.limit
        memory_ok = self.peak_mb_per_mb is None or self.peak_mb_per_mb <= MEMORY_LIMIT_MB_PER_MB
        return time_ok and memory_ok


# --- pages ---------------------------------------------------------------------------------------


def load_samples(path: Path | str, *, limit: int | None = None) -> list[Sample]:
    """Pages from a benchmark in the AEB layout (``ground-truth.json`` + ``html/<id>.html.gz``),
    or every ``.html``, ``.htm`` and ``.html.gz`` file under a directory, or one file."""
    root = Path(path)
    urls: dict[str, str | None] = {}
    truth = root / "ground-truth.json"
    if truth.is_file():
        urls = {k: v.get("url") for k, v in json.loads(truth.read_text("utf-8")).items()}
    if root.is_file():
        files = [root]
    else:
        files = sorted(
            p
            for p in root.rglob("*")
            if p.is_file() and p.name.lower().endswith((".html", ".htm", ".html.gz", ".htm.gz"))
        )
    samples = []
    for file in files[:limit] if limit else files:
        data = file.read_bytes()
        if file.suffix == ".gz":
            data = gzip.decompress(data)
        name = file.name.split(".")[0]
        samples.append(Sample(name, data, urls.get(name)))
    return samples


def _split_page(sample: Sample) -> tuple[str, str, str]:
    """A page's text as (everything up to the body's content, the content, the rest)."""
    from newsclean import parse

    text = parse.decode(sample.html).text
    opened = _BODY_OPEN.search(text)
    start = opened.end() if opened else 0
    closes = list(_BODY_CLOSE.finditer(text, start))
    end = closes[-1].start() if closes else len(text)
    head = _CHARSET.sub(r"\g<1>utf-8", text[:start])
    return head, text[start:end], text[end:]


def large_samples(
    samples: Sequence[Sample],
    *,
    count: int = LARGE_PAGES,
    sizes_mb: Sequence[float] = LARGE_SIZES_MB,
) -> list[Sample]:
    """Large pages made of real ones: the head of page i, then the bodies of pages i, i+1, ...
    (wrapping around) up to the target size, then the rest of page i. Page i is the ``7n``-th
    page, or the next one whose head takes at most a quarter of the target.

    Such a page is what a news site's endless-scroll or archive page looks like: several articles,
    each with its own navigation, teaser lists and footer. Targets cycle through ``sizes_mb``.
    """
    if not samples:
        return []
    parts = [_split_page(s) for s in samples]
    out = []
    for n in range(count):
        target = int(sizes_mb[n % len(sizes_mb)] * MB)
        first = (n * 7) % len(parts)
        for _ in range(len(parts)):  # a page whose head alone nearly fills the target is skipped
            head, _, tail = parts[first]
            if len(head) + len(tail) <= LARGE_HEAD_SHARE * target:
                break
            first = (first + 1) % len(parts)
        room = max(target - len(head.encode()) - len(tail.encode()), 0)
        bodies, size, i = [], 0, first
        while size < room and i - first < len(parts) * 1000:
            body = parts[i % len(parts)][1].encode()
            bodies.append(body)
            size += len(body)
            i += 1
        content = b"".join(bodies)[:room].decode("utf-8", errors="ignore")
        data = (head + content + tail).encode("utf-8")
        out.append(Sample(f"large-{n}-{samples[first].name[:12]}", data, samples[first].url))
    return out


def repeated_page(sample: Sample, times: int) -> Sample:
    """The page with its body's content repeated ``times`` times (head and tail once)."""
    head, body, tail = _split_page(sample)
    data = (head + body * times + tail).encode("utf-8")
    return Sample(f"{sample.name}×{times}", data, sample.url)


# --- extractors ----------------------------------------------------------------------------------


def _newsclean(html: bytes, url: str | None) -> object:
    from newsclean import clean

    return clean(html, url=url).text


def _newsclean_unlimited(html: bytes, url: str | None) -> object:
    """newsclean with the block and tag limits lifted, for the linearity check: the default
    limits cut a page repeated 100 times, which would hide the cost of the pages they cut."""
    from newsclean import clean
    from newsclean.settings import DEFAULT_SETTINGS

    unlimited = DEFAULT_SETTINGS.replace(
        max_blocks=DEFAULT_SETTINGS.max_blocks * LIMITS_RAISED,
        max_tags=DEFAULT_SETTINGS.max_tags * LIMITS_RAISED,
    )
    return clean(html, url=url, settings=unlimited).text


def _parse_only(html: bytes, url: str | None) -> object:
    from lxml import etree

    from newsclean import parse

    return etree.fromstring(html, parse.make_parser())


def _trafilatura(html: bytes, url: str | None) -> object:
    import trafilatura

    return trafilatura.extract(html, url=url)


def _readability(html: bytes, url: str | None) -> object:
    from readability import Document

    try:
        return Document(html, url=url).summary()
    except Exception as exc:  # readability raises on pages it cannot handle; time them anyway
        return exc


def available_extractors(names: Sequence[str] | None = None) -> list[Extractor]:
    """The extractors to time: newsclean, the parse floor, trafilatura, readability when
    installed; or only those named."""
    known = [
        Extractor("newsclean", _newsclean),
        Extractor(FLOOR, _parse_only),
        Extractor(BASELINE, _trafilatura),
    ]
    try:
        import readability  # noqa: F401

        known.append(Extractor("readability", _readability))
    except ImportError:
        pass
    if names is None:
        return known
    unknown = set(names) - {e.name for e in known}
    if unknown:
        raise ValueError(f"unknown or unavailable extractors: {', '.join(sorted(unknown))}")
    return [e for e in known if e.name in names]


# --- timing --------------------------------------------------------------------------------------


def time_interleaved(
    samples: Sequence[Sample], extractors: Sequence[Extractor], passes: int
) -> dict[str, tuple[float, ...]]:
    """Median seconds per page of every extractor, timed page by page in one loop."""
    for extractor in extractors:  # imports and first-call set-up are not the page's cost
        extractor.run(samples[0].html, samples[0].url)
    times: dict[str, list[list[float]]] = {e.name: [[] for _ in samples] for e in extractors}
    clock = time.perf_counter
    for p in range(passes):
        for i, sample in enumerate(samples):
            shift = (p + i) % len(extractors)
            for extractor in (*extractors[shift:], *extractors[:shift]):
                start = clock()
                extractor.run(sample.html, sample.url)
                times[extractor.name][i].append(clock() - start)
    return {name: tuple(statistics.median(t) for t in per) for name, per in times.items()}


def _rss_kb(field: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    """Reset the process's peak RSS (Linux ≥ 4.0); False where that is not possible."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        return False
    return True


def peak_rss(
    samples: Sequence[Sample], run: Run, *, warm_up: Sample | None = None
) -> tuple[float, float] | None:
    """Peak RSS (MB) of a fresh process that runs ``run`` once on every page, and its growth over
    that process before the first page (after one warm-up call on ``warm_up``, or the first page,
    so that imports are not counted). None where /proc is missing.

    A fresh interpreter, not a fork: a forked child inherits a heap that earlier work grew, and
    its peak would hide the memory that a call really needs.
    """
    if _rss_kb("VmHWM") is None:
        return None
    job = pickle.dumps((list(samples), run, warm_up or samples[0]))
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], input=job, capture_output=True, check=False
    )
    if done.returncode != 0:
        return None
    peak = json.loads(done.stdout)
    return tuple(peak) if peak else None


# The child of ``peak_rss``: reads (pages, function, warm-up page) as a pickle on stdin.
_PROBE = (
    "import json, pickle, sys; from newsclean import bench; "
    "print(json.dumps(bench._probe(*pickle.load(sys.stdin.buffer))))"
)


def _probe(samples: list[Sample], run: Run, warm_up: Sample) -> tuple[float, float] | None:
    run(warm_up.html, warm_up.url)
    before = _rss_kb("VmRSS") or 0
    if not _reset_peak():
        before = _rss_kb("VmHWM") or before
    for sample in samples:
        run(sample.html, sample.url)
    peak = _rss_kb("VmHWM")
    if peak is None:
        return None
    return peak / 1024, max(peak - before, 0) / 1024


def measure(
    title: str,
    samples: Sequence[Sample],
    extractors: Sequence[Extractor],
    *,
    passes: int = DEFAULT_PASSES,
    memory: bool = True,
) -> Table:
    """Every extractor timed on the pages, interleaved; and its peak memory, in a process of its
    own."""
    rss = {e.name: peak_rss(samples, e.run) if memory else None for e in extractors}
    medians = time_interleaved(samples, extractors, passes)
    size = sum(len(s.html) for s in samples)
    rows = [Row(e.name, medians[e.name], size, *(rss[e.name] or (None, None))) for e in extractors]
    return Table(title, len(samples), size, passes, tuple(rows))


def linearity(
    sample: Sample,
    *,
    repeats: Sequence[int] = LINEARITY_REPEATS,
    passes: int = DEFAULT_PASSES,
    memory: bool = True,
) -> list[Linearity]:
    """newsclean on ``sample`` and on its body repeated; times relative to the first repeat."""
    pages = [repeated_page(sample, n) for n in repeats]
    clean = Extractor("newsclean", _newsclean_unlimited)
    rss = [peak_rss([page], clean.run, warm_up=pages[0]) if memory else None for page in pages]
    seconds = time_interleaved(pages, [clean], passes)["newsclean"]
    out = []
    for n, page, secs, peak in zip(repeats, pages, seconds, rss, strict=True):
        per_mb = peak[1] / (len(page.html) / MB) if peak else None
        out.append(
            Linearity(
                sample.name,
                n,
                len(page.html),
                secs,
                secs / seconds[0] if seconds[0] else float("inf"),
                LINEARITY_LIMITS.get(n),
                per_mb,
            )
        )
    return out


def linearity_page(samples: Sequence[Sample], times: int = max(LINEARITY_REPEATS)) -> Sample:
    """The median-sized page among those whose body repeated ``times`` times fits the input
    limit."""
    from newsclean.settings import DEFAULT_SETTINGS

    fitting = [s for s in samples if len(s.html) * times <= DEFAULT_SETTINGS.max_bytes]
    pool = sorted(fitting or samples, key=lambda s: len(s.html))
    return pool[len(pool) // 2]


# --- report --------------------------------------------------------------------------------------


def machine() -> str:
    """One line describing the machine and the versions that matter for speed, and which path
    newsclean runs (its compiled core or the pure-Python reference, ``native.describe``)."""
    from lxml import etree

    from newsclean import native

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(
                (line.split(":", 1)[1].strip() for line in info if line.startswith("model name")),
                cpu,
            )
    except OSError:
        pass
    lxml = ".".join(map(str, etree.LXML_VERSION[:3]))
    libxml = ".".join(map(str, etree.LIBXML_VERSION))
    return (
        f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"lxml {lxml} (libxml2 {libxml}), {platform.system()} {platform.release()}; "
        f"newsclean {native.describe()}"
    )


def format_table(table: Table) -> str:
    """The table as plain text: one row per extractor, then the ratios."""
    floor, base = table.row(FLOOR), table.row(BASELINE)
    lines = [
        f"{table.title}: {table.pages} pages, {table.size / MB:.1f} MB, "
        f"{table.passes} passes (median per page)",
        f"{'extractor':<14}{'pages/s':>9}{'MB/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
        f"{'peak RSS MB':>13}{'+RSS MB':>9}{'× parse':>9}{'speed/trafilatura':>19}",
    ]
    for r in table.rows:
        to_floor = f"{r.total / floor.total:.2f}" if floor and floor.total else "-"
        to_base = f"{base.total / r.total:.2f}" if base and r.total else "-"
        peak = f"{r.peak_rss_mb:.0f}" if r.peak_rss_mb is not None else "-"
        grown = f"{r.rss_growth_mb:.0f}" if r.rss_growth_mb is not None else "-"
        lines.append(
            f"{r.name:<14}{r.pages_per_second:>9.1f}{r.mb_per_second:>8.2f}"
            f"{r.percentile_ms(0.5):>9.2f}{r.percentile_ms(0.95):>9.2f}{r.percentile_ms(1.0):>9.2f}"
            f"{peak:>13}{grown:>9}{to_floor:>9}{to_base:>19}"
        )
    return "\n".join(lines)


def format_linearity(results: Sequence[Linearity]) -> str:
    """The linearity check as plain text, one line per repeat count."""
    if not results:
        return ""
    lines = [
        f"linearity: page {results[0].page[:16]} repeated (newsclean, median of passes)",
        f"{'repeats':>8}{'MB':>8}{'ms':>10}{'× page':>9}{'limit':>8}{'MB/MB input':>13}  ok",
    ]
    for r in results:
        limit = f"{r.limit:.0f}" if r.limit is not None else "-"
        per_mb = f"{r.peak_mb_per_mb:.1f}" if r.peak_mb_per_mb is not None else "-"
        lines.append(
            f"{r.repeats:>8}{r.size / MB:>8.2f}{r.seconds * 1000:>10.1f}{r.ratio:>9.2f}"
            f"{limit:>8}{per_mb:>13}  {'yes' if r.ok else 'NO'}"
        )
    return "\n".join(lines)


def to_json(tables: Sequence[Table], lin: Sequence[Linearity]) -> str:
    """Every figure of the run as JSON."""

    def row(r: Row, t: Table) -> dict[str, object]:
        floor, base = t.row(FLOOR), t.row(BASELINE)
        return {
            "extractor": r.name,
            "pages_per_second": r.pages_per_second,
            "mb_per_second": r.mb_per_second,
            "p50_ms": r.percentile_ms(0.5),
            "p95_ms": r.percentile_ms(0.95),
            "max_ms": r.percentile_ms(1.0),
            "peak_rss_mb": r.peak_rss_mb,
            "rss_growth_mb": r.rss_growth_mb,
            "to_parse_only": r.total / floor.total if floor and floor.total else None,
            "speedup_over_trafilatura": base.total / r.total if base and r.total else None,
        }

    return json.dumps(
        {
            "machine": machine(),
            "tables": [
                {
                    "title": t.title,
                    "pages": t.pages,
                    "mb": t.size / MB,
                    "passes": t.passes,
                    "rows": [row(r, t) for r in t.rows],
                }
                for t in tables
            ],
            "linearity": [
                {
                    "repeats": r.repeats,
                    "mb": r.size / MB,
                    "ms": r.seconds * 1000,
                    "ratio": r.ratio,
                    "limit": r.limit,
                    "peak_mb_per_mb": r.peak_mb_per_mb,
                    "ok": r.ok,
                }
                for r in lin
            ],
        },
        indent=2,
    )


def main(
    data: Path | str,
    *,
    passes: int = DEFAULT_PASSES,
    large: bool = False,
    names: Sequence[str] | None = None,
    limit: int | None = None,
    memory: bool = True,
    as_json: bool = False,
    out: Callable[[str], None] = print,
) -> int:
    """Run the benchmark on ``data`` and print it; returns the number of failed linearity
    checks."""
    samples = load_samples(data, limit=limit)
    if not samples:
        raise FileNotFoundError(f"no pages (.html, .htm, .html.gz) found in {data}")
    extractors = available_extractors(names)
    if not as_json:
        out(machine())
    tables = [measure(str(data), samples, extractors, passes=passes, memory=memory)]
    if not as_json:
        out(format_table(tables[-1]))
    lin: list[Linearity] = []
    if large:
        big = large_samples(samples)
        tables.append(measure("large pages", big, extractors, passes=passes, memory=memory))
        if not as_json:
            out("")
            out(format_table(tables[-1]))
        lin = linearity(linearity_page(samples), passes=passes, memory=memory)
        if not as_json:
            out("")
            out(format_linearity(lin))
    if as_json:
        out(to_json(tables, lin))
    sys.stdout.flush()
    return sum(1 for r in lin if not r.ok)
