"""Accuracy on a benchmark in the article-extraction-benchmark layout, with that benchmark's metric.

Layout: ``DATA/ground-truth.json`` maps a page id to ``{"articleBody": ..., "url": ...}`` and
``DATA/html/<id>.html.gz`` holds the page. Metric (see ``docs/evaluation.md``): tokens are runs of
word characters; a text is the multiset of its 4-token shingles; per page, true positives, false
positives and false negatives are divided by their sum; precision and recall are computed from the
means of those over pages, and F1 from precision and recall.
"""

from __future__ import annotations

import gzip
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

TOKEN = regex.compile(r"\w+", regex.UNICODE)
# Tokens per shingle in the benchmark's metric.
SHINGLE = 4

Extractor = Callable[["Page"], str]


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

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0


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

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else float("inf")


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


def tokens(text: str) -> list[str]:
    """The metric's tokens: runs of word characters."""
    return TOKEN.findall(text or "")


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


def summarise(name: str, scores: Sequence[PageScore], seconds: float) -> Result:
    """Precision, recall, F1 and accuracy from per-page scores."""
    n = len(scores) or 1
    tp = sum(s.tp for s in scores) / n
    fp = sum(s.fp for s in scores) / n
    fn = sum(s.fn for s in scores) / n
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(1 for s in scores if s.exact) / n
    return Result(name, precision, recall, f1, accuracy, len(scores), seconds, tuple(scores))


def run(
    name: str, extractor: Extractor, pages: Iterable[Page], *, keep_examples: bool = False
) -> Result:
    """Run ``extractor`` on every page and score it; the timing covers extraction only."""
    scores = []
    elapsed = 0.0
    for page in pages:
        start = time.perf_counter()
        predicted = extractor(page)
        elapsed += time.perf_counter() - start
        scores.append(score_page(page.id, page.gold, predicted, keep_examples=keep_examples))
    return summarise(name, scores, elapsed)


def newsclean_html(page: Page) -> str:
    """newsclean on the page's HTML bytes, with no site rules: the generic heuristics alone."""
    from newsclean import clean
    from newsclean.rules import RuleSet

    return clean(page.html, url=page.url, rules=RuleSet.none()).text


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
    scores = []
    elapsed = 0.0
    for page, text in dumps:
        start = time.perf_counter()
        predicted = extractor(text)
        elapsed += time.perf_counter() - start
        scores.append(score_page(page.id, page.gold, predicted, keep_examples=keep_examples))
    return summarise(name, scores, elapsed)


def format_table(results: Sequence[Result]) -> str:
    """A plain table: one row per extractor."""
    lines = [
        f"{'extractor':<24}{'precision':>10}{'recall':>10}{'F1':>10}{'accuracy':>10}{'pages/s':>10}"
    ]
    for r in results:
        lines.append(
            f"{r.name:<24}{r.precision:>10.4f}{r.recall:>10.4f}{r.f1:>10.4f}"
            f"{r.accuracy:>10.4f}{r.pages_per_second:>10.1f}"
        )
    return "\n".join(lines)


def format_worst(result: Result, count: int) -> str:
    """The ``count`` pages with the lowest F1, with what leaked in and what was missed."""
    worst = sorted(result.per_page, key=lambda s: (s.f1, s.id))[:count]
    out = [f"worst {len(worst)} pages for {result.name}:"]
    for s in worst:
        out.append(
            f"- {s.id[:16]}  F1 {s.f1:.3f}  P {_ratio(s.tp, s.fp):.3f}  R {_ratio(s.tp, s.fn):.3f}"
        )
        out.extend(f"    leaked: {span}" for span in s.leaked)
        out.extend(f"    missed: {span}" for span in s.missed)
    return "\n".join(out)


def _ratio(tp: float, other: float) -> float:
    return tp / (tp + other) if tp + other else 0.0
