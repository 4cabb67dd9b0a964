"""Structure of Markdown output against a reference Markdown (WCXB's ``main_content_markdown``).

For each of three structures — headings, list items, table rows — the metric asks which of the
reference's come out as that same structure: a reference heading counts as found when the output
has a heading with the same text. Texts are compared as their lower-cased word tokens (link
targets, images and emphasis marks left out), as multisets per page. ``found`` is the share of the
reference's structures found, summed over pages; ``precise`` is the share of the output's
structures that the reference has (a writer that made every line a heading would find every
heading and be precise on few).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from newsclean.eval import TOKEN, Page

HEADING = "heading"
LIST_ITEM = "list-item"
TABLE_ROW = "table-row"
STRUCTURES: tuple[str, ...] = (HEADING, LIST_ITEM, TABLE_ROW)

# Markdown line patterns (CommonMark and GFM), read after any block-quote marks are removed.
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s+(.*?))?\s*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
_TABLE_ROW = re.compile(r"^\s*\|(.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?(?:\s*:?-+:?\s*\|)+\s*:?-*:?\s*\|?\s*$")
_QUOTE_MARKS = re.compile(r"^(?:\s{0,3}>\s?)+")
# Inline Markdown whose text is not the words of the line.
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")

Markdown = Callable[[Page], str]


def words(text: str) -> str:
    """The text's comparison key: its word tokens, lower-cased, after links and images are
    reduced to their anchor text."""
    text = _LINK.sub(r"\1", _IMAGE.sub("", text))
    return " ".join(TOKEN.findall(text.lower()))


def structures(markdown: str) -> dict[str, Counter[str]]:
    """The comparison keys of the headings, list items and table rows of ``markdown`` (code
    blocks skipped, table rules and empty rows left out)."""
    found: dict[str, Counter[str]] = {name: Counter() for name in STRUCTURES}
    fence = ""
    previous = ""
    for raw in markdown.splitlines():
        line = _QUOTE_MARKS.sub("", raw)
        opened = _FENCE.match(line)
        if fence or opened:
            if opened and (not fence or opened.group(1).startswith(fence)):
                fence = "" if fence else opened.group(1)[:3]
            previous = ""
            continue
        name, text = _classify(line, previous)
        if name == HEADING and text is None:
            # A setext underline: the line before it was the heading.
            text = previous
        if name is not None and (key := words(text or "")):
            found[name][key] += 1
        previous = line if name is None and line.strip() else ""
    return found


def _classify(line: str, previous: str) -> tuple[str | None, str | None]:
    """The structure a line opens and its text (None for a setext underline, whose heading is
    the line before)."""
    if previous and _SETEXT_UNDERLINE.match(line):
        return HEADING, None
    if heading := _ATX_HEADING.match(line):
        return HEADING, _CLOSING_HASHES.sub("", heading.group(1) or "")
    if _TABLE_RULE.match(line):
        return None, None
    if row := _TABLE_ROW.match(line):
        return TABLE_ROW, row.group(1)
    if item := _LIST_ITEM.match(line):
        return LIST_ITEM, item.group(1)
    return None, None


@dataclass(frozen=True, slots=True)
class StructureCounts:
    """Per structure: how many the reference has, the output has, and both have."""

    expected: Mapping[str, int]
    produced: Mapping[str, int]
    matched: Mapping[str, int]


def compare(reference: str, output: str) -> StructureCounts:
    """Count the reference's structures that the output has as the same structure."""
    want, got = structures(reference), structures(output)
    return StructureCounts(
        {name: want[name].total() for name in STRUCTURES},
        {name: got[name].total() for name in STRUCTURES},
        {name: (want[name] & got[name]).total() for name in STRUCTURES},
    )


@dataclass(frozen=True, slots=True)
class MarkdownResult:
    """One extractor's structure figures over a benchmark."""

    name: str
    pages: int
    seconds: float
    expected: Mapping[str, int] = field(default_factory=dict)
    produced: Mapping[str, int] = field(default_factory=dict)
    matched: Mapping[str, int] = field(default_factory=dict)

    def found(self, name: str) -> float:
        """Share of the reference's structures of this kind that came out as that kind."""
        return self.matched[name] / self.expected[name] if self.expected[name] else 0.0

    def precise(self, name: str) -> float:
        """Share of the output's structures of this kind that the reference has."""
        return self.matched[name] / self.produced[name] if self.produced[name] else 0.0


def summarise(name: str, counts: Sequence[StructureCounts], seconds: float) -> MarkdownResult:
    """Sum the pages' counts."""

    def total(field_name: str) -> dict[str, int]:
        return {s: sum(getattr(c, field_name)[s] for c in counts) for s in STRUCTURES}

    return MarkdownResult(
        name, len(counts), seconds, total("expected"), total("produced"), total("matched")
    )


def reference(page: Page) -> str:
    """The page's reference Markdown (WCXB ground truth ``main_content_markdown``)."""
    return str(page.truth.get("main_content_markdown") or "")


def run(name: str, extractor: Markdown, pages: Iterable[Page]) -> MarkdownResult:
    """Run ``extractor`` on every page with a reference Markdown; the timing covers extraction."""
    counts = []
    elapsed = 0.0
    for page in pages:
        start = time.perf_counter()
        output = extractor(page)
        elapsed += time.perf_counter() - start
        counts.append(compare(reference(page), output))
    return summarise(name, counts, elapsed)


def newsclean_markdown(page: Page) -> str:
    """``Article.to_markdown()`` of newsclean on the page, no site rules."""
    from newsclean import clean
    from newsclean.rules import RuleSet

    return clean(page.html, url=page.url, rules=RuleSet.none()).to_markdown()


def trafilatura_markdown(page: Page) -> str:
    """trafilatura's Markdown output with tables and formatting, comments left out."""
    import trafilatura

    return (
        trafilatura.extract(
            page.html,
            url=page.url,
            output_format="markdown",
            include_tables=True,
            include_formatting=True,
            include_comments=False,
        )
        or ""
    )


# Extractors compared by ``newsclean eval --markdown``, in table order.
EXTRACTORS: dict[str, Markdown] = {
    "newsclean": newsclean_markdown,
    "trafilatura": trafilatura_markdown,
}


def format_table(results: Sequence[MarkdownResult]) -> str:
    """One row per extractor: per structure, the share found and the share precise."""
    head = f"{'extractor':<14}" + "".join(f"{s + ' found':>18}{'precise':>9}" for s in STRUCTURES)
    lines = [head]
    for r in results:
        cells = "".join(f"{r.found(s):>18.3f}{r.precise(s):>9.3f}" for s in STRUCTURES)
        lines.append(f"{r.name:<14}{cells}")
    if results:
        counts = ", ".join(f"{results[0].expected[s]:,} {s}s" for s in STRUCTURES)
        lines.append(f"(reference: {counts})")
    return "\n".join(lines)
