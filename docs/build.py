"""Regenerate every figure of the documentation from the code, so that none can go stale.

A figure is the text between two markers in docs/*.md or README.md::

    <!-- figures:aeb-compare -->
    ...generated...
    <!-- /figures -->

on lines of their own (a table) or inside a sentence (a number: ``scores <!-- figures:seed-score:1
-->−3.31<!-- /figures -->``). The name says what produces it (``FIGURES`` below); a name may carry
arguments after colons (``seed-component:1:dateline``). Screenshots are figures too: their marker
holds the digest of the page they show, so a changed page shows up as a changed figure.

    python docs/build.py              # rewrite every figure and retake the screenshots
    python docs/build.py --check      # exit 1 and list the figures that differ; write nothing
    python docs/build.py --cheap      # only the figures computed in a second or two
    python docs/build.py --only aeb-compare --only aeb-text-table

Cheap figures (the seed's scores, settings, the screenshot digests) are checked by the test suite
on every run (tests/test_docs_figures.py); the benchmark figures (AEB, WCXB; a few minutes) by
``.ci/run`` with ``--check``, and by the test when ``NEWSCLEAN_DOCS_CHECK=1``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsclean.eval import Page, Result
    from newsclean.eval_markdown import MarkdownResult
    from newsclean.model import Article

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SHARED_DATA = ROOT.parent / "shared" / "data"
AEB = SHARED_DATA / "aeb"
WCXB_DEV = SHARED_DATA / "wcxb-dev"
SEED = ROOT / "samples" / "japannews-nato-korea.txt"
# Files whose figures the script keeps (the README and every page of the site).
SOURCES: tuple[Path, ...] = (ROOT / "README.md", *sorted(DOCS.glob("*.md")))

MARKER = re.compile(r"<!-- figures:(?P<name>[^ ]+) -->(?P<body>.*?)<!-- /figures -->", re.DOTALL)
MINUS = "\u2212"
# Digits of a screenshot's page digest kept in its marker.
DIGEST_CHARS = 16
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--hide-scrollbars",
)
CHROMIUM_TIMEOUT_SECONDS = 120
# Example pages of the docs (docs/examples/NAME.html) are cleaned as if fetched from here.
EXAMPLE_URL = "https://harbourtimes.example/news/bridge"
# Browser window of the seed's report screenshot: wide as a laptop, tall enough for the whole
# report (its runs of dropped blocks are collapsed).
SEED_REPORT_WINDOW = (1280, 1620)


def signed(value: float, digits: int = 2) -> str:
    """A score as the docs print it: ``+0.88``, ``−3.50`` (a real minus sign)."""
    return f"{value:+.{digits}f}".replace("-", MINUS)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table on lines of its own (the marker's lines stay outside it)."""
    lines = [f"| {' | '.join(header)} |", f"|{' --- |' * len(header)}"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    return "\n" + "\n".join(lines) + "\n"


def version(package: str) -> str:
    return importlib.metadata.version(package)


@dataclass(frozen=True, slots=True)
class Screenshot:
    """A page of the docs shown as an image: ``render`` gives its HTML, taken at ``window``."""

    image: Path
    render: Callable[[], str]
    window: tuple[int, int]


@dataclass
class Figures:
    """Everything the figures are computed from; each piece is computed once per run."""

    aeb: Path = AEB
    wcxb: Path = WCXB_DEV
    # The digests the docs hold now, by screenshot name: an image is retaken only when its page
    # changed (Chromium's PNG bytes differ from run to run even for the same page).
    committed: dict[str, str] = field(default_factory=dict)
    screenshots_taken: list[Path] = field(default_factory=list)

    # --- the seed and the settings (cheap) ---

    @cached_property
    def seed(self) -> Article:
        from newsclean import clean

        return clean(SEED.read_text(encoding="utf-8"))

    def seed_score(self, index: str) -> str:
        return signed(self.seed.blocks[int(index)].score)

    def seed_component(self, index: str, name: str) -> str:
        components = dict(self.seed.blocks[int(index)].components)
        return signed(components[name])

    def seed_max_component(self, name: str) -> str:
        """The largest value of a component over the seed's kept blocks."""
        return signed(max(dict(b.components).get(name, 0.0) for b in self.seed.kept_blocks))

    def setting(self, name: str) -> str:
        from newsclean.settings import DEFAULT_SETTINGS

        value = getattr(DEFAULT_SETTINGS, name)
        return signed(value) if isinstance(value, float) and value < 0 else f"{value:g}"

    def example(self, name: str, output: str) -> str:
        """docs/examples/NAME.html cleaned and written as ``markdown`` or ``html`` (with links),
        in a fenced block."""
        from newsclean import clean

        article = clean((DOCS / "examples" / f"{name}.html").read_bytes(), url=EXAMPLE_URL)
        text = article.to_markdown(links=True) if output == "markdown" else article.to_html()
        return f"\n```{output}\n{text.rstrip()}\n```\n"

    def seed_report(self) -> str:
        from newsclean import explain

        return explain.render_html(self.seed)

    def screenshot(self, name: str, *, take: bool) -> str:
        """The digest of the page the screenshot shows; with ``take``, the image is retaken when
        the page changed or the image is missing."""
        shot = self.screenshots[name]
        page = shot.render()
        digest = hashlib.sha256(page.encode("utf-8")).hexdigest()[:DIGEST_CHARS]
        marker = f"<!-- page sha256 {digest} -->"
        if take and (self.committed.get(name) != marker or not shot.image.is_file()):
            _take_screenshot(page, shot.image, shot.window)
            self.screenshots_taken.append(shot.image)
        return marker

    @cached_property
    def screenshots(self) -> dict[str, Screenshot]:
        return {
            "explain-seed": Screenshot(
                DOCS / "img" / "explain-seed.png", self.seed_report, SEED_REPORT_WINDOW
            )
        }

    # --- AEB (about a minute) ---

    @cached_property
    def aeb_pages(self) -> list[Page]:
        from newsclean import eval as ev

        return ev.load(self.aeb)

    @cached_property
    def aeb_results(self) -> list[Result]:
        from newsclean import eval as ev

        results = [ev.run("newsclean", ev.newsclean_html, self.aeb_pages)]
        results += [ev.run(name, run, self.aeb_pages) for name, run in ev.COMPARISONS.items()]
        return results

    def aeb_compare(self) -> str:
        rows = [
            [f"**{r.name}**" if r.name == "newsclean" else r.name]
            + [f"{getattr(r, k):.4f}" for k in ("precision", "recall", "f1", "accuracy")]
            for r in self.aeb_results
        ]
        return table(["extractor", "precision", "recall", "F1", "accuracy"], rows)

    def aeb_f1(self) -> str:
        return f"{self.aeb_results[0].f1:.4f}"

    def aeb_half_f1(self, half: str) -> str:
        """newsclean's F1 on one half of the pages split by id (1: first half, 2: second)."""
        from newsclean import eval as ev

        scores = sorted(self.aeb_results[0].per_page, key=lambda s: s.id)
        middle = len(scores) // 2
        part = scores[:middle] if half == "1" else scores[middle:]
        return f"{ev.summarise('half', part, 0.0).f1:.3f}"

    def aeb_pages_count(self) -> str:
        return str(len(self.aeb_pages))

    @cached_property
    def aeb_text_results(self) -> dict[str, list[Result]]:
        from newsclean import eval as ev

        results = {}
        for dump in ev.DUMPS:
            dumps = [(page, ev.text_dump(page, dump)) for page in self.aeb_pages]
            results[dump] = [ev.run_text("newsclean", ev.newsclean_text, dumps)] + [
                ev.run_text(name, run, dumps) for name, run in ev.TEXT_COMPARISONS.items()
            ]
        return results

    def aeb_text_table(self) -> str:
        rows = []
        for dump, results in self.aeb_text_results.items():
            for r in results:
                name, f1 = r.name, f"{r.f1:.3f}"
                if name == "newsclean":
                    name, f1 = f"**{name}**", f"**{f1}**"
                rows.append([dump, name, f"{r.precision:.3f}", f"{r.recall:.3f}", f1])
        return table(["dump", "extractor", "precision", "recall", "F1"], rows)

    def aeb_text_f1(self, dump: str) -> str:
        return f"{self.aeb_text_results[dump][0].f1:.3f}"

    def versions(self, *packages: str) -> str:
        return ", ".join(f"{package} {version(package)}" for package in packages)

    # --- WCXB (a few minutes) ---

    @cached_property
    def wcxb_markdown_results(self) -> list[MarkdownResult]:
        from newsclean import eval as ev
        from newsclean import eval_markdown as em

        pages = [page for page in ev.load(self.wcxb) if em.reference(page)]
        return [em.run(name, run, pages) for name, run in em.EXTRACTORS.items()]

    def wcxb_markdown(self) -> str:
        from newsclean import eval_markdown as em

        results = self.wcxb_markdown_results
        rows = [
            [f"{s} ({results[0].expected[s]:,})"]
            + [f"{r.found(s):.3f} / {r.precise(s):.3f}" for r in results]
            for s in em.STRUCTURES
        ]
        header = ["reference structure (count)"] + [f"{r.name}: found / precise" for r in results]
        return table(header, rows)

    def wcxb_pages_count(self) -> str:
        return str(self.wcxb_markdown_results[0].pages)

    @cached_property
    def wcxb_pages(self) -> list[Page]:
        from newsclean import eval as ev

        return ev.load(self.wcxb)

    @cached_property
    def wcxb_guesses(self) -> dict[str, str]:
        """newsclean's page-type guess of each WCXB page (filled by ``wcxb_results``)."""
        return {}

    @cached_property
    def wcxb_results(self) -> list[Result]:
        """newsclean and trafilatura on every WCXB dev page, with WCXB's metric."""
        from newsclean import eval as ev

        pages = self.wcxb_pages
        results = [ev.run("newsclean", ev.newsclean_extractor(page_types=self.wcxb_guesses), pages)]
        results.append(ev.run("trafilatura", ev.trafilatura_html, pages))
        return results

    def _wcxb_half(self, half: str) -> list[Result]:
        from newsclean import eval as ev

        ids = {page.id for page in self.wcxb_pages if half == "all" or ev.half(page) == half}
        return [
            ev.summarise(r.name, [s for s in r.per_page if s.id in ids], 0.0, metric=r.metric)
            for r in self.wcxb_results
        ]

    def wcxb_body(self, half: str = "all") -> str:
        """F1 per page type, newsclean beside trafilatura, on all pages or one half."""
        results = self._wcxb_half(half)
        by_type = [r.by_type() for r in results]
        rows = [
            ["**all**", f"{results[0].pages:,}"]
            + [f"**{r.f1:.3f}**" for r in results]
            + [f"{results[0].f1 - results[1].f1:+.3f}"]
        ]
        for page_type, first in by_type[0].items():
            f1s = [t[page_type].f1 for t in by_type]
            rows.append(
                [page_type, f"{first.pages:,}"]
                + [f"{f:.3f}" for f in f1s]
                + [f"{f1s[0] - f1s[1]:+.3f}"]
            )
        header = ["page type", "pages", *(r.name for r in results), "margin"]
        return table(header, rows)

    def wcxb_summary(self, half: str = "all") -> str:
        """Precision, recall, F1, with%, without% and empty outputs of each extractor."""
        rows = [
            [r.name]
            + [f"{getattr(r, k):.3f}" for k in ("precision", "recall", "f1")]
            + [f"{100 * r.with_share:.1f}", f"{100 * r.without_share:.1f}", str(r.empty)]
            for r in self._wcxb_half(half)
        ]
        header = ["extractor", "precision", "recall", "F1", "with%", "without%", "empty"]
        return table(header, rows)

    def wcxb_f1(self, name: str, half: str = "all") -> str:
        results = {r.name: r for r in self._wcxb_half(half)}
        return f"{results[name].f1:.3f}"

    def wcxb_types(self) -> str:
        """The page-type guess against WCXB's labels: the share right and the confusion."""
        from newsclean import eval as ev
        from newsclean.pagetype import PAGE_TYPES

        _ = self.wcxb_results
        _, confusion = ev.type_accuracy(self.wcxb_pages, self.wcxb_guesses)
        labels = sorted({label for label, _ in confusion})
        rows = [
            [label] + [str(confusion.get((label, guess), 0)) for guess in PAGE_TYPES]
            for label in labels
        ]
        return table(["label / guess", *PAGE_TYPES], rows)

    def wcxb_type_accuracy(self) -> str:
        from newsclean import eval as ev

        _ = self.wcxb_results
        return f"{ev.type_accuracy(self.wcxb_pages, self.wcxb_guesses)[0]:.3f}"


@dataclass(frozen=True, slots=True)
class Figure:
    """How to compute one kind of figure, and whether the test suite can afford it."""

    compute: Callable[..., str]
    cheap: bool


def registry(figures: Figures, *, take_screenshots: bool) -> dict[str, Figure]:
    """Figure names → how to compute them (arguments after the name's colons are passed on)."""
    return {
        "seed-score": Figure(figures.seed_score, cheap=True),
        "seed-component": Figure(figures.seed_component, cheap=True),
        "seed-max-component": Figure(figures.seed_max_component, cheap=True),
        "setting": Figure(figures.setting, cheap=True),
        "example": Figure(figures.example, cheap=True),
        "screenshot": Figure(
            lambda name: figures.screenshot(name, take=take_screenshots), cheap=True
        ),
        "aeb-pages": Figure(figures.aeb_pages_count, cheap=False),
        "aeb-compare": Figure(figures.aeb_compare, cheap=False),
        "aeb-f1": Figure(figures.aeb_f1, cheap=False),
        "aeb-half-f1": Figure(figures.aeb_half_f1, cheap=False),
        "aeb-text-table": Figure(figures.aeb_text_table, cheap=False),
        "aeb-text-f1": Figure(figures.aeb_text_f1, cheap=False),
        "versions": Figure(figures.versions, cheap=True),
        "wcxb-markdown": Figure(figures.wcxb_markdown, cheap=False),
        "wcxb-pages": Figure(figures.wcxb_pages_count, cheap=False),
        "wcxb-body": Figure(figures.wcxb_body, cheap=False),
        "wcxb-summary": Figure(figures.wcxb_summary, cheap=False),
        "wcxb-f1": Figure(figures.wcxb_f1, cheap=False),
        "wcxb-types": Figure(figures.wcxb_types, cheap=False),
        "wcxb-type-accuracy": Figure(figures.wcxb_type_accuracy, cheap=False),
    }


@dataclass(frozen=True, slots=True)
class Change:
    """A figure whose committed text differs from what the code gives."""

    path: Path
    name: str
    committed: str
    generated: str


def markers(text: str) -> Iterator[re.Match[str]]:
    return MARKER.finditer(text)


def regenerate(
    text: str, figures: dict[str, Figure], *, cheap_only: bool, only: Sequence[str] = ()
) -> tuple[str, list[tuple[str, str, str]]]:
    """``text`` with its figures recomputed, and the (name, committed, generated) of those that
    changed. Unknown figure names raise ``KeyError``; figures left out keep their text."""
    changed: list[tuple[str, str, str]] = []

    def replace(match: re.Match[str]) -> str:
        name, body = match["name"], match["body"]
        kind, *arguments = name.split(":")
        figure = figures[kind]
        if (cheap_only and not figure.cheap) or (only and kind not in only):
            return match.group(0)
        generated = figure.compute(*arguments)
        if generated != body:
            changed.append((name, body, generated))
        return f"<!-- figures:{name} -->{generated}<!-- /figures -->"

    return MARKER.sub(replace, text), changed


def build(
    *,
    check: bool,
    cheap_only: bool,
    only: Sequence[str] = (),
    sources: Sequence[Path] = SOURCES,
    data: Path = SHARED_DATA,
) -> list[Change]:
    """Recompute the figures of ``sources`` (benchmarks read from ``data``); write them back
    unless ``check``. Returns the figures that differed from the committed text."""
    texts = {path: path.read_text(encoding="utf-8") for path in sources}
    committed = {
        match["name"].split(":", 1)[1]: match["body"]
        for text in texts.values()
        for match in markers(text)
        if match["name"].startswith("screenshot:")
    }
    figures = Figures(aeb=data / AEB.name, wcxb=data / WCXB_DEV.name, committed=committed)
    known = registry(figures, take_screenshots=not check)
    changes = []
    for path, text in texts.items():
        new, changed = regenerate(text, known, cheap_only=cheap_only, only=only)
        changes += [Change(path, *c) for c in changed]
        if new != text and not check:
            path.write_text(new, encoding="utf-8")
    return changes


def _take_screenshot(page: str, image: Path, window: tuple[int, int]) -> None:
    chromium = next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)
    if chromium is None:
        raise SystemExit("docs/build.py: screenshots need Chromium (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as scratch:
        html = Path(scratch) / "page.html"
        html.write_text(page, encoding="utf-8")
        done = subprocess.run(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={Path(scratch) / 'profile'}",
                f"--window-size={window[0]},{window[1]}",
                f"--screenshot={image}",
                html.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=CHROMIUM_TIMEOUT_SECONDS,
            check=False,
        )
    if done.returncode != 0 or not image.is_file():
        raise SystemExit(f"docs/build.py: Chromium failed on {image.name}: {done.stderr[-500:]}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 on a change")
    parser.add_argument("--cheap", action="store_true", help="only the figures that take seconds")
    parser.add_argument("--only", action="append", default=[], metavar="NAME")
    parser.add_argument(
        "--data",
        type=Path,
        default=SHARED_DATA,
        help=f"the directory holding aeb/ and wcxb-dev/ (default {SHARED_DATA})",
    )
    args = parser.parse_args(argv)
    changes = build(check=args.check, cheap_only=args.cheap, only=args.only, data=args.data)
    for c in changes:
        where = c.path.relative_to(ROOT)
        print(f"{where}: {c.name}: {c.committed.strip()!r} -> {c.generated.strip()!r}")
    if args.check and changes:
        print(
            f"docs/build.py: {len(changes)} figure(s) differ from the code; "
            "run 'python docs/build.py' and commit the result",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
