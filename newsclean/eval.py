"""Accuracy on a benchmark, each layout with its own benchmark's metric (``docs/evaluation.md``).

AEB layout: ``DATA/ground-truth.json`` maps a page id to ``{"articleBody": ..., "url": ...}`` and
``DATA/html/<id>.html.gz`` holds the page. Metric: tokens are runs of word characters; a text is
the multiset of its 4-token shingles; per page, true positives, false positives and false negatives
are divided by their sum; precision and recall are computed from the means of those over pages, and
F1 from precision and recall.

WCXB layout: ``DATA/ground-truth/<id>.json`` beside ``DATA/html/<id>.html.gz``. Metric: the bags
of lower-cased word tokens of output and ``main_content`` give per-page precision, recall and F1;
each is the mean over pages, overall and per page type (an empty reference scores 1 only for an
empty output). ``with%`` / ``without%`` are the shares of the reference's snippets found in the
output, case-insensitively.
"""

from __future__ import annotations

import gzip
import json
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import regex

from newsclean.settings import Favor

TOKEN = regex.compile(r"\w+", regex.UNICODE)
# Tokens per shingle in the benchmark's metric.
SHINGLE = 4

Extractor = Callable[["Page"], str]
# "shingles": AEB's 4-token shingles, P and R from mean tp/fp/fn; "words": WCXB's bag of words,
# mean of per-page P, R and F1.
Metric = Literal["shingles", "words"]
# The two halves of a benchmark, by a hash of the page's domain: weights are tuned on "tune" only.
Half = Literal["tune", "held-out"]


@dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page: its id, raw HTML bytes, URL and expected article body.

    Pages of the WCXB layout also carry their page type and the rest of their ground truth
    (``title``, ``author``, ``publish_date``, ``main_content_markdown``, ``with``, ``without``).
    """

    id: str
    html: bytes
    url: str | None
    gold: str
    page_type: str | None = None
    truth: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class PageScore:
    """A page's normalised true positives, false positives and false negatives."""

    id: str
    tp: float
    fp: float
    fn: float
    exact: bool
    leaked: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    page_type: str | None = None
    # The extractor returned no text at all.
    empty: bool = False
    # (found, total) of the reference's "with" and "without" snippets (WCXB layout).
    with_found: tuple[int, int] = (0, 0)
    without_found: tuple[int, int] = (0, 0)

    @property
    def f1(self) -> float:
        if not (self.tp or self.fp or self.fn):
            return 1.0 if self.exact else 0.0
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    @property
    def precision(self) -> float:
        if not (self.tp or self.fp):
            return 1.0 if self.exact else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if not (self.tp or self.fn):
            return 1.0 if self.exact else 0.0
        return self.tp / (self.tp + self.fn)


@dataclass(frozen=True, slots=True)
class Result:
    """Scores of one extractor over a benchmark."""

    name: str
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int
    seconds: float
    per_page: tuple[PageScore, ...] = field(default=(), repr=False)
    metric: Metric = "shingles"

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else float("inf")

    @property
    def empty(self) -> int:
        """Pages on which the extractor returned nothing."""
        return sum(1 for s in self.per_page if s.empty)

    def by_type(self) -> dict[str, Result]:
        """The same figures for each page type, largest type first."""
        groups: dict[str, list[PageScore]] = {}
        for s in self.per_page:
            groups.setdefault(s.page_type or "-", []).append(s)
        order = sorted(groups, key=lambda t: (-len(groups[t]), t))
        return {t: summarise(self.name, groups[t], self.seconds, metric=self.metric) for t in order}

    @property
    def with_share(self) -> float:
        """Share of the reference's ``with`` snippets found in the output."""
        return _share(s.with_found for s in self.per_page)

    @property
    def without_share(self) -> float:
        """Share of the reference's ``without`` (boilerplate) snippets found in the output."""
        return _share(s.without_found for s in self.per_page)


def _share(pairs: Iterable[tuple[int, int]]) -> float:
    found = total = 0
    for f, t in pairs:
        found += f
        total += t
    return found / total if total else 0.0


def layout(data: Path | str) -> str:
    """The benchmark layout of a directory: ``"aeb"`` or ``"wcxb"`` (see the module docstring)."""
    root = Path(data)
    if (root / "ground-truth.json").is_file():
        return "aeb"
    if (root / "ground-truth").is_dir():
        return "wcxb"
    raise FileNotFoundError(
        f"{root} is not a benchmark directory: it must hold ground-truth.json (AEB layout) or "
        "ground-truth/<id>.json (WCXB layout), beside html/<id>.html.gz"
    )


def load(data: Path | str) -> list[Page]:
    """Read a benchmark directory of either layout; pages are sorted by id so runs compare."""
    root = Path(data)
    if layout(root) == "wcxb":
        return load_wcxb(root)
    truth_file = root / "ground-truth.json"
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        path = root / "html" / f"{page_id}.html.gz"
        if not path.is_file():
            continue
        entry = truth[page_id]
        pages.append(
            Page(
                page_id,
                gzip.decompress(path.read_bytes()),
                entry.get("url"),
                entry.get("articleBody") or "",
            )
        )
    return pages


def load_wcxb(root: Path) -> list[Page]:
    """Read the WCXB layout: ``ground-truth/<id>.json`` beside ``html/<id>.html.gz``."""
    pages = []
    for truth_path in sorted((root / "ground-truth").glob("*.json")):
        path = root / "html" / f"{truth_path.stem}.html.gz"
        if not path.is_file():
            continue
        entry = json.loads(truth_path.read_text(encoding="utf-8"))
        truth = entry.get("ground_truth") or {}
        page_type = ((entry.get("_internal") or {}).get("page_type") or {}).get("primary")
        pages.append(
            Page(
                truth_path.stem,
                gzip.decompress(path.read_bytes()),
                entry.get("url"),
                truth.get("main_content") or "",
                page_type or "article",
                truth,
            )
        )
    return pages


def domain(url: str | None) -> str:
    """The page's host without a leading ``www.`` (empty when there is no URL)."""
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")


def half(page: Page) -> Half:
    """The half a page falls in, by a CRC-32 of its domain: stable across runs and machines.

    All pages of a domain fall in the same half, so a rule of thumb that fits one site cannot
    help the half it was not tuned on.
    """
    return "tune" if zlib.crc32(domain(page.url).encode()) % 2 == 0 else "held-out"


def tokens(text: str) -> list[str]:
    """The metric's tokens: runs of word characters."""
    return TOKEN.findall(text or "")


def score_words(page: Page, predicted: str, *, keep_examples: bool = False) -> PageScore:
    """WCXB's metric for one page: bags of lower-cased word tokens, raw counts; snippets found."""
    want, got = Counter(tokens(page.gold.lower())), Counter(tokens(predicted.lower()))
    tp = sum((want & got).values())
    fp = sum(got.values()) - tp
    fn = sum(want.values()) - tp
    leaked: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    if keep_examples:
        leaked = _spans(predicted, shingles(predicted) - shingles(page.gold))
        missed = _spans(page.gold, shingles(page.gold) - shingles(predicted))
    folded = " ".join(predicted.split()).lower()
    return PageScore(
        page.id,
        float(tp),
        float(fp),
        float(fn),
        not want and not got,
        leaked,
        missed,
        page.page_type,
        not predicted.strip(),
        _found(page.truth.get("with"), folded),
        _found(page.truth.get("without"), folded),
    )


def _found(snippets: Sequence[str] | None, folded: str) -> tuple[int, int]:
    """(found, total) of ``snippets`` in ``folded`` (whitespace-collapsed, lower-cased text)."""
    items = [" ".join(s.split()).lower() for s in snippets or () if s.strip()]
    return sum(1 for s in items if s in folded), len(items)


def metric_of(pages: Sequence[Page]) -> Metric:
    """The metric of the pages' benchmark: WCXB pages carry a page type."""
    return "words" if pages and pages[0].page_type is not None else "shingles"


def shingles(text: str, n: int = SHINGLE) -> Counter[str]:
    """Multiset of the text's ``n``-token shingles (one shingle for texts shorter than ``n``)."""
    toks = tokens(text)
    return Counter(
        " ".join(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n]
    )


def score_page(
    page_id: str, gold: str, predicted: str, *, keep_examples: bool = False
) -> PageScore:
    """Normalised tp/fp/fn of one prediction against its gold text."""
    want, got = shingles(gold), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    leaked: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    if keep_examples:
        leaked = _spans(predicted, got - want)
        missed = _spans(gold, want - got)
    exact = tokens(gold) == tokens(predicted)
    if total:
        return PageScore(page_id, tp / total, fp / total, fn / total, exact, leaked, missed)
    return PageScore(page_id, 0.0, 0.0, 0.0, exact, leaked, missed)


def _spans(text: str, extra: Counter[str], limit: int = 3) -> tuple[str, ...]:
    """Up to ``limit`` runs of consecutive tokens of ``text`` whose shingles are in ``extra``."""
    toks = tokens(text)
    runs: list[str] = []
    current: list[str] = []
    for i in range(max(1, len(toks) - SHINGLE + 1)):
        if " ".join(toks[i : i + SHINGLE]) in extra:
            # A run grows by the last token of each further shingle.
            current = [*current, toks[i + SHINGLE - 1]] if current else toks[i : i + SHINGLE]
        elif current:
            runs.append(" ".join(current))
            current = []
    if current:
        runs.append(" ".join(current))
    runs.sort(key=len, reverse=True)
    return tuple(r if len(r) < 200 else r[:197] + "..." for r in runs[:limit])


def summarise(
    name: str, scores: Sequence[PageScore], seconds: float, *, metric: Metric = "shingles"
) -> Result:
    """Precision, recall, F1 and accuracy from per-page scores, by the benchmark's metric."""
    n = len(scores) or 1
    if metric == "words":
        return Result(
            name,
            sum(s.precision for s in scores) / n,
            sum(s.recall for s in scores) / n,
            sum(s.f1 for s in scores) / n,
            sum(1 for s in scores if s.exact) / n,
            len(scores),
            seconds,
            tuple(scores),
            metric,
        )
    tp = sum(s.tp for s in scores) / n
    fp = sum(s.fp for s in scores) / n
    fn = sum(s.fn for s in scores) / n
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(1 for s in scores if s.exact) / n
    return Result(name, precision, recall, f1, accuracy, len(scores), seconds, tuple(scores))


def score(page: Page, predicted: str, metric: Metric, *, keep_examples: bool = False) -> PageScore:
    """One page's score by ``metric``."""
    if metric == "words":
        return score_words(page, predicted, keep_examples=keep_examples)
    return score_page(page.id, page.gold, predicted, keep_examples=keep_examples)


def run(
    name: str, extractor: Extractor, pages: Sequence[Page], *, keep_examples: bool = False
) -> Result:
    """Run ``extractor`` on every page and score it; the timing covers extraction only."""
    metric = metric_of(pages)
    scores = []
    elapsed = 0.0
    for page in pages:
        start = time.perf_counter()
        predicted = extractor(page)
        elapsed += time.perf_counter() - start
        scores.append(score(page, predicted, metric, keep_examples=keep_examples))
    return summarise(name, scores, elapsed, metric=metric)


def newsclean_html(page: Page) -> str:
    """newsclean on the page's HTML bytes, with no site rules: the generic heuristics alone."""
    return newsclean_extractor()(page)


def newsclean_extractor(
    favor: Favor = "balanced", page_types: dict[str, str] | None = None
) -> Extractor:
    """newsclean in a ``favor`` mode, with no site rules; each page's guessed type is written
    to ``page_types`` (by page id) when it is given."""
    from newsclean import clean
    from newsclean.rules import RuleSet

    def extract(page: Page) -> str:
        article = clean(page.html, url=page.url, rules=RuleSet.none(), favor=favor)
        if page_types is not None:
            page_types[page.id] = article.page_type or "other"
        return article.text

    return extract


def type_accuracy(
    pages: Sequence[Page], guesses: Mapping[str, str]
) -> tuple[float, dict[tuple[str, str], int]]:
    """Page-type guesses against the pages' labels: the share right and the counts by
    (label, guess)."""
    confusion: Counter[tuple[str, str]] = Counter(
        (page.page_type or "-", guesses.get(page.id, "other")) for page in pages
    )
    right = sum(n for (label, guessed), n in confusion.items() if label == guessed)
    return right / (sum(confusion.values()) or 1), dict(confusion)


def format_types(accuracy: float, confusion: Mapping[tuple[str, str], int]) -> str:
    """The page-type accuracy and its confusion table (rows: labels, columns: guesses)."""
    from newsclean.pagetype import PAGE_TYPES

    labels = sorted({label for label, _ in confusion}, key=lambda t: (t not in PAGE_TYPES, t))
    lines = [f"page type guessed right: {accuracy:.4f}", ""]
    lines.append(f"{'label / guess':<16}" + "".join(f"{t[:7]:>8}" for t in PAGE_TYPES))
    for label in labels:
        row = "".join(f"{confusion.get((label, guess), 0):>8}" for guess in PAGE_TYPES)
        lines.append(f"{label:<16}{row}")
    return "\n".join(lines)


def trafilatura_html(page: Page) -> str:
    """trafilatura's default extraction on the same bytes (the comparison baseline).

    Comments are left out: the benchmark's article bodies never include them, and this is the
    setting under which trafilatura's published figure on this benchmark was measured.
    """
    import trafilatura

    return trafilatura.extract(page.html, url=page.url, include_comments=False) or ""


def trafilatura_precision(page: Page) -> str:
    """trafilatura in precision mode (``favor_precision=True``), comments left out."""
    import trafilatura

    return (
        trafilatura.extract(page.html, url=page.url, include_comments=False, favor_precision=True)
        or ""
    )


COMPARISONS: dict[str, Extractor] = {
    "trafilatura": trafilatura_html,
    "trafilatura-precision": trafilatura_precision,
}


# --- text mode: the page as a naive full-page text dump ------------------------------------------


def decode_page(page: Page) -> str:
    """The page's HTML as text, decoded the way ``clean()`` decodes bytes."""
    from newsclean import parse

    return parse.decode(page.html).text


def dump_html_text(html: str) -> str:
    """Every visible text block on its own line (html-text with layout guessing)."""
    import html_text

    return html_text.extract_text(html, guess_layout=True)


def dump_inscriptis(html: str) -> str:
    """The page rendered as text by inscriptis (a second converter with other habits)."""
    import inscriptis

    return inscriptis.get_text(html)


# Converters that turn a page into the full-page text a scraper would hand over.
DUMPS: dict[str, Callable[[str], str]] = {
    "html-text": dump_html_text,
    "inscriptis": dump_inscriptis,
}


def text_dump(page: Page, dump: str) -> str:
    """The page as a full-page text dump: one visible block a line, blank lines removed."""
    raw = DUMPS[dump](decode_page(page))
    return "\n".join(line for line in raw.splitlines() if line.strip())


def newsclean_text(text: str) -> str:
    """newsclean on a text dump, read as plain text, with no site rules."""
    from newsclean import clean
    from newsclean.rules import RuleSet

    return clean(text, kind="text", rules=RuleSet.none()).text


def raw_text(text: str) -> str:
    """No cleaning: the whole dump (the floor every text cleaner must beat)."""
    return text


# Lines longer than this are kept by the ``long-lines`` baseline.
LONG_LINE_CHARS = 80


def long_lines(text: str) -> str:
    """The naive baseline: keep the lines longer than ``LONG_LINE_CHARS`` characters."""
    return "\n".join(line for line in text.splitlines() if len(line.strip()) > LONG_LINE_CHARS)


def trafilatura_text(text: str) -> str:
    """trafilatura on the dump's lines, each wrapped as a paragraph of a minimal page."""
    import html

    import trafilatura

    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    page = f"<html><body><article>{body}</article></body></html>"
    return trafilatura.extract(page, include_comments=False) or ""


def justext_text(text: str) -> str:
    """jusText (English stoplist) on the dump's lines, each wrapped as a paragraph."""
    import html

    import justext

    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    paragraphs = justext.justext(
        f"<html><body>{body}</body></html>", justext.get_stoplist("English")
    )
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


TextExtractor = Callable[[str], str]
# Extractors that ``--as-text --compare`` can run on the same dumps.
TEXT_COMPARISONS: dict[str, TextExtractor] = {
    "raw-text": raw_text,
    "long-lines": long_lines,
    "trafilatura": trafilatura_text,
    "justext": justext_text,
}


def run_text(
    name: str,
    extractor: TextExtractor,
    dumps: Sequence[tuple[Page, str]],
    *,
    keep_examples: bool = False,
) -> Result:
    """Like ``run`` on pages already dumped as text; the timing covers cleaning only."""
    metric = metric_of([page for page, _ in dumps])
    scores = []
    elapsed = 0.0
    for page, text in dumps:
        start = time.perf_counter()
        predicted = extractor(text)
        elapsed += time.perf_counter() - start
        scores.append(score(page, predicted, metric, keep_examples=keep_examples))
    return summarise(name, scores, elapsed, metric=metric)


def format_table(results: Sequence[Result]) -> str:
    """A plain table: one row per extractor (WCXB: and one row per page type below it)."""
    if results and results[0].metric == "words":
        return format_words_table(results)
    lines = [
        f"{'extractor':<24}{'precision':>10}{'recall':>10}{'F1':>10}{'accuracy':>10}{'pages/s':>10}"
    ]
    for r in results:
        lines.append(
            f"{r.name:<24}{r.precision:>10.4f}{r.recall:>10.4f}{r.f1:>10.4f}"
            f"{r.accuracy:>10.4f}{r.pages_per_second:>10.1f}"
        )
    return "\n".join(lines)


def format_words_table(results: Sequence[Result]) -> str:
    """WCXB's figures: F1, precision, recall, with%, without% and empty outputs per extractor,
    then F1 per page type with one column per extractor."""
    lines = [
        f"{'extractor':<24}{'F1':>8}{'precision':>10}{'recall':>8}{'with%':>8}{'without%':>9}"
        f"{'empty':>7}{'pages/s':>9}"
    ]
    for r in results:
        lines.append(
            f"{r.name:<24}{r.f1:>8.4f}{r.precision:>10.4f}{r.recall:>8.4f}"
            f"{100 * r.with_share:>8.1f}{100 * r.without_share:>9.1f}{r.empty:>7}"
            f"{r.pages_per_second:>9.1f}"
        )
    per_type = [r.by_type() for r in results]
    lines.append("")
    lines.append(f"{'page type':<16}{'pages':>6}" + "".join(f"{r.name[:14]:>16}" for r in results))
    for page_type, first in per_type[0].items():
        row = f"{page_type:<16}{first.pages:>6}"
        row += "".join(f"{t[page_type].f1:>16.4f}" for t in per_type)
        lines.append(row)
    return "\n".join(lines)


def format_worst(result: Result, count: int) -> str:
    """The ``count`` pages with the lowest F1, with what leaked in and what was missed."""
    worst = sorted(result.per_page, key=lambda s: (s.f1, s.id))[:count]
    out = [f"worst {len(worst)} pages for {result.name}:"]
    for s in worst:
        kind = f"  {s.page_type}" if s.page_type else ""
        out.append(f"- {s.id[:16]}{kind}  F1 {s.f1:.3f}  P {s.precision:.3f}  R {s.recall:.3f}")
        out.extend(f"    leaked: {span}" for span in s.leaked)
        out.extend(f"    missed: {span}" for span in s.missed)
    return "\n".join(out)
