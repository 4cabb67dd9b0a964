"""Article → a report of every decision: why each block of the page was kept or dropped.

``summarize`` counts blocks, characters and reasons; ``entries`` walks the blocks in page order and
groups each dropped sidebar section under its heading, each run of blocks that one site rule
dropped, and each run of furniture dropped for one reason (a menu of fifty links is one line);
``near_threshold`` picks the blocks a reader wonders about. ``render_html`` writes the whole as
one self-contained HTML page (inline CSS, no script, no external asset, a
Content-Security-Policy that forbids both) with three views chosen by links, without script: the
blocks, the blocks near the threshold, and the page itself with every block outlined
(``pageview``); ``render_text`` prints the same as tables in the terminal with rich.

The page text is hostile input: every string that comes from the page is escaped before it reaches
the HTML, and reaches rich as ``Text`` (never as console markup).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsclean import context, pageview, tables
from newsclean.model import Article, Block
from newsclean.settings import DEFAULT_SETTINGS, Settings, for_page

# Reason prefixes written by the context pass (``context.sidebar_sections``): the heading of a
# dropped sidebar section, and each item of the headline run under it.
SECTION_HEADING_PREFIX = "sidebar-heading:"
SECTION_ITEM_PREFIX = "sidebar-section:"
# Reason prefix of the decisions taken by site rules (``rules.model.reason``).
RULE_PREFIX = "rule:"
# Reasons that annotate another one rather than decide: the heading's text after a
# ``sidebar-section:`` reason, the block that ended the body after ``outside-body``. Left out of
# the summary's counts (each is one distinct id per section or block) and of a run's shared reason.
AFTER_HEADING_PREFIX = "after-heading:"
ANNOTATION_PREFIXES = (AFTER_HEADING_PREFIX, context.REASON_ENDED_BY)
SUMMARY_SKIPPED_PREFIXES = ANNOTATION_PREFIXES
# Reasons listed in the summary, most frequent first.
TOP_REASONS = 10
# Tag path elements shown per block (the nearest ancestors).
PATH_SHOWN = 4
# A component this large (absolute) fills its bar in the HTML report.
BAR_FULL_SCALE = 2.0
# Terminal table: characters of a block's text shown before it is cut with an ellipsis.
TEXT_PREVIEW_CHARS = 120
# Characters that are not allowed in an HTML document (C0 controls but tab, newline and carriage
# return; DEL; lone surrogates): replaced by U+FFFD before escaping.
UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# What each reason id means, for the summary's table. Ids a rule or a later stage adds without an
# entry here are shown without a meaning.
REASON_MEANINGS: dict[str, str] = {
    context.REASON_BODY: "in the body stretch, the run of blocks with the most score × length",
    context.REASON_LOW_IN_BODY: "in the body stretch, but scored too low to keep",
    context.REASON_OUTSIDE: "outside the body stretch",
    context.REASON_SAME_CONTAINER: "outside the stretch, strong and in the body's container",
    context.REASON_TITLE: "repeats the page title (metadata, not body)",
    context.REASON_ABOUT_HEADING: "a heading that introduces the author or publisher",
    context.REASON_ABOUT_BOX: "in the author's or publisher's box under such a heading",
    context.REASON_MENU: "plain text: a run of short lines of a few words, a menu",
    context.REASON_HEADLINES: "plain text: a run of headlines that no heading announced",
    context.REASON_SECTION: "a further run of prose with a quarter of the body stretch's mass",
    context.REASON_STRONG: "not an article: reads as content on its own, wherever it stands",
    context.REASON_LANDMARK: "not an article: inside the <main>/<article> that holds the body",
    context.REASON_CARD: "in a card (a listing's entry, a shop's tile) of a repeated run of them",
    context.REASON_REPEAT: "repeats word for word the run of kept blocks just before it",
    context.REASON_FALLBACK: "nothing read as body: the page's best candidate, kept all the same",
    context.REASON_LONG_LINE: "plain text, scattered page: a long line kept wherever it stands",
    context.REASON_ENTRY: "plain text, scattered page: a headline that is one of its entries",
    tables.REASON_BODY_TABLE: "a cell of a data table inside the body, kept with its table",
}
# Meanings of the reason families whose id ends with a name (``sidebar-heading:most-popular``).
REASON_PREFIX_MEANINGS: dict[str, str] = {
    SECTION_HEADING_PREFIX: "heading of a sidebar section (named by the vocabulary)",
    SECTION_ITEM_PREFIX: "headline run under a sidebar heading",
    AFTER_HEADING_PREFIX: "the sidebar heading this block follows",
    context.REASON_ENDED_BY: "scored like body, but the body ended before it at this block",
    RULE_PREFIX: "a site rule (rule id and key)",
}
# Fewest consecutive blocks dropped by the same rule that are shown as one group.
RULE_RUN_MIN_BLOCKS = 2
# Fewest consecutive dropped blocks, none near the threshold, that share their deciding reason and
# are shown as one collapsed line (a menu, a footer).
FURNITURE_RUN_MIN_BLOCKS = 3
# A block is near the threshold when its score is within this distance of the content threshold
# (or when its verdict goes against its score): the blocks a reader wonders about.
NEAR_THRESHOLD_MARGIN = 0.5
# Texts of a collapsed run quoted on its one line.
RUN_PREVIEW_BLOCKS = 8
# Labels shown beside each block (the colour is never the only signal).
LABEL_KEPT = "KEPT"
LABEL_DROPPED = "DROPPED"


@dataclass(frozen=True, slots=True)
class Section:
    """A dropped sidebar section: its heading block and the headline run under it."""

    name: str
    heading: Block
    items: tuple[Block, ...]

    @property
    def blocks(self) -> tuple[Block, ...]:
        return (self.heading, *self.items)


@dataclass(frozen=True, slots=True)
class RuleRun:
    """Consecutive blocks that one site rule dropped (a ``stop_at`` tail, a dropped element)."""

    reason: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive dropped blocks that share the reason that dropped them and that no reader
    would wonder about (far below the threshold): a menu, a footer, a list of links."""

    reason: str
    blocks: tuple[Block, ...]


Entry = Block | Section | RuleRun | Run


@dataclass(frozen=True, slots=True)
class ReasonCount:
    """How many blocks (kept and dropped) and characters one reason id decided."""

    reason: str
    kept: int
    dropped: int
    chars: int

    @property
    def blocks(self) -> int:
        return self.kept + self.dropped


@dataclass(frozen=True, slots=True)
class Summary:
    """The numbers at the top of a report."""

    kept_blocks: int
    dropped_blocks: int
    kept_chars: int
    dropped_chars: int
    # Dropped sidebar sections (a heading with its headline run).
    sections: int
    # Runs of consecutive blocks dropped by one site rule.
    rule_runs: int
    top_reasons: tuple[ReasonCount, ...]
    # Blocks near the threshold (``near_threshold``).
    near: int = 0
    # Runs of furniture dropped for one reason, each shown as one line.
    runs: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "kept_blocks": self.kept_blocks,
            "dropped_blocks": self.dropped_blocks,
            "kept_chars": self.kept_chars,
            "dropped_chars": self.dropped_chars,
            "sections": self.sections,
            "rule_runs": self.rule_runs,
            "near_threshold": self.near,
            "furniture_runs": self.runs,
            "top_reasons": [
                {"reason": r.reason, "kept": r.kept, "dropped": r.dropped, "chars": r.chars}
                for r in self.top_reasons
            ],
        }


def summarize(
    article: Article, *, top: int = TOP_REASONS, settings: Settings = DEFAULT_SETTINGS
) -> Summary:
    """Count the article's blocks, characters and reasons (characters are ``len(block.text)``).
    ``settings`` are the ones ``clean()`` was given; the page type's are added here."""
    settings = decided_with(article, settings)
    kept = article.kept_blocks
    dropped = [b for b in article.blocks if not b.kept]
    grouped = entries(article.blocks, settings=settings)
    per_reason: dict[str, Counter[str]] = {}
    for block in article.blocks:
        for reason in dict.fromkeys(block.reasons):
            if reason.startswith(SUMMARY_SKIPPED_PREFIXES):
                continue
            counts = per_reason.setdefault(reason, Counter())
            counts["kept" if block.kept else "dropped"] += 1
            counts["chars"] += len(block.text)
    counted = [ReasonCount(r, c["kept"], c["dropped"], c["chars"]) for r, c in per_reason.items()]
    counted.sort(key=lambda rc: (-rc.blocks, rc.reason))
    return Summary(
        kept_blocks=len(kept),
        dropped_blocks=len(dropped),
        kept_chars=sum(len(b.text) for b in kept),
        dropped_chars=sum(len(b.text) for b in dropped),
        sections=sum(isinstance(e, Section) for e in grouped),
        rule_runs=sum(isinstance(e, RuleRun) for e in grouped),
        top_reasons=tuple(counted[:top]),
        near=sum(near_threshold(b, settings) for b in article.blocks),
        runs=sum(isinstance(e, Run) for e in grouped),
    )


def entries(blocks: Sequence[Block], *, settings: Settings = DEFAULT_SETTINGS) -> list[Entry]:
    """The blocks in page order; a dropped sidebar heading is grouped with the items it dropped,
    consecutive blocks dropped by the same site rule with each other, and runs of dropped
    furniture that share their deciding reason (``FURNITURE_RUN_MIN_BLOCKS`` or more, none near
    the threshold) with each other."""
    out: list[Entry] = []
    pos = 0
    while pos < len(blocks):
        block = blocks[pos]
        name = None if block.kept else _reason_value(block, SECTION_HEADING_PREFIX)
        rule = _dropping_rule(block)
        rule_end = _run_end(blocks, pos, rule) if rule else pos
        furniture = _furniture_reason(block, settings)
        furniture_end = _furniture_end(blocks, pos, furniture, settings) if furniture else pos
        if name is not None:
            end = _run_end(blocks, pos + 1, SECTION_ITEM_PREFIX + name)
            out.append(Section(name, block, tuple(blocks[pos + 1 : end])))
        elif rule and rule_end - pos >= RULE_RUN_MIN_BLOCKS:
            end = rule_end
            out.append(RuleRun(rule, tuple(blocks[pos:end])))
        elif furniture and furniture_end - pos >= FURNITURE_RUN_MIN_BLOCKS:
            end = furniture_end
            out.append(Run(furniture, tuple(blocks[pos:end])))
        else:
            end = pos + 1
            out.append(block)
        pos = end
    return out


def decided_with(article: Article, settings: Settings) -> Settings:
    """The settings ``article``'s blocks were decided with, from those ``clean()`` was given: a
    page with markup is decided with its page type's weights (a product page's content
    threshold is not an article's)."""
    return for_page(settings, article.page_type) if article.mode == "html" else settings


def near_threshold(block: Block, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """A block whose score is close to the content threshold, or whose verdict goes against its
    score (kept below the threshold, dropped above it): the blocks a reader wonders about."""
    # A block of plain text has no tag path, and its own threshold.
    text = not block.features.path
    threshold = settings.text_content_threshold if text else settings.content_threshold
    if abs(block.score - threshold) <= NEAR_THRESHOLD_MARGIN:
        return True
    return block.kept != (block.score >= threshold)


def deciding_reason(block: Block) -> str | None:
    """The last reason of a block that decided it (not an annotation of another reason)."""
    return next((r for r in reversed(block.reasons) if not r.startswith(ANNOTATION_PREFIXES)), None)


def _furniture_reason(block: Block, settings: Settings) -> str | None:
    """The deciding reason of a dropped block far from the threshold, else None."""
    if block.kept or near_threshold(block, settings):
        return None
    return deciding_reason(block)


def _furniture_end(blocks: Sequence[Block], start: int, reason: str, settings: Settings) -> int:
    """The position after the run of far-from-threshold dropped blocks decided by ``reason``."""
    end = start
    while end < len(blocks) and _furniture_reason(blocks[end], settings) == reason:
        end += 1
    return end


def _ender_index(block: Block) -> int | None:
    """The index of the block that ended the body before ``block``, when the context pass named
    one."""
    value = _reason_value(block, context.REASON_ENDED_BY)
    return int(value) if value and value.isdigit() else None


def _run_end(blocks: Sequence[Block], start: int, reason: str) -> int:
    """The position after the run of dropped blocks from ``start`` that carry ``reason``."""
    end = start
    while end < len(blocks) and not blocks[end].kept and reason in blocks[end].reasons:
        end += 1
    return end


def _dropping_rule(block: Block) -> str | None:
    """The site rule's reason when the last decision on a dropped block was a rule's."""
    if block.kept or not block.reasons or not block.reasons[-1].startswith(RULE_PREFIX):
        return None
    return block.reasons[-1]


def reason_meaning(reason: str) -> str:
    """What a reason id means, in a few words; empty for ids this module does not know."""
    if reason in REASON_MEANINGS:
        return REASON_MEANINGS[reason]
    return next((m for p, m in REASON_PREFIX_MEANINGS.items() if reason.startswith(p)), "")


def _reason_value(block: Block, prefix: str) -> str | None:
    """What follows ``prefix`` in the first of the block's reasons that starts with it."""
    return next((r[len(prefix) :] for r in block.reasons if r.startswith(prefix)), None)


# --- HTML ----------------------------------------------------------------------------------------

# The colours of the two verdicts (borders, labels, bars); each verdict also has a text label.
KEPT_COLOUR = "#1b6e32"
DROPPED_COLOUR = "#b3261e"
# Forbid everything but inline styles: no script runs and nothing is fetched, whatever the page
# text holds. The page view's frame is a ``srcdoc`` document, which this allows and which inherits
# the same policy.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'"
# Ids of the empty elements whose ``:target`` picks a view (no id targeted: the blocks).
VIEW_NEAR = "near"
VIEW_PAGE = "page"

STYLE = """
:root { --kept-bg: #e9f6ec; --dropped-bg: #fcebea; --section: #7a4b00; --section-bg: #fff6e0;
        --rule: #4a3a8c; --rule-bg: #f1eefb; --muted: #5f6368; --line: #d7dadf; }
* { box-sizing: border-box; }
body { margin: 0; padding: 14px 32px 48px; font: 15px/1.45 system-ui, -apple-system, "Segoe UI",
       Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: #1f1f1f; background: #fafafa; }
h1 { font-size: 20px; margin: 0 0 2px; }
h1 small { font-weight: 400; color: var(--muted); }
h2 { font-size: 16px; margin: 16px 0 8px; }
.meta { color: var(--muted); margin: 0 0 8px; font-size: 13px; }
.meta span + span::before { content: " · "; }
.warning { color: var(--dropped); margin: 2px 0; font-size: 13px; }
.view { position: absolute; top: 0; }
.tabs { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 6px 0 12px;
        border-bottom: 2px solid var(--line); }
.tabs a { color: #1f1f1f; text-decoration: none; padding: 5px 12px; border-radius: 6px 6px 0 0;
          border: 1px solid var(--line); border-bottom: none; background: #eef0f3;
          margin-bottom: -2px; }
.tabs a.jump { margin-left: auto; border: none; background: none; color: var(--kept);
               font-weight: 700; }
.tab-blocks, #near:target ~ header .tab-near, #page:target ~ header .tab-page {
  background: #fff; font-weight: 700; border-bottom: 2px solid #fff; }
#near:target ~ header .tab-blocks, #page:target ~ header .tab-blocks {
  background: #eef0f3; font-weight: 400; border-bottom: none; }
#summary { background: #fff; border: 1px solid var(--line); border-radius: 8px;
           padding: 10px 16px; display: grid; gap: 8px 20px; align-items: start;
           grid-template-columns: minmax(0, 1fr) minmax(0, 1.7fr); }
@media (max-width: 900px) { #summary { grid-template-columns: minmax(0, 1fr); } }
.figures { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 6px; }
.figure { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.reasons-table td:first-child { white-space: nowrap; }
.figure { border-radius: 6px; padding: 4px 10px; border-left: 6px solid; }
.figure.kept { background: var(--kept-bg); border-color: var(--kept); }
.figure.dropped { background: var(--dropped-bg); border-color: var(--dropped); }
.figure b { font-size: 20px; margin-right: 6px; }
.figure small { color: var(--muted); }
.share { display: flex; height: 8px; border-radius: 4px; overflow: hidden; margin-top: 8px;
         background: var(--dropped); }
.share i { display: block; background: var(--kept); }
table { border-collapse: collapse; }
.reasons-table { width: 100%; font-size: 12.5px; }
.reasons-table th, .reasons-table td { text-align: left; padding: 1px 8px;
                                       border-bottom: 1px solid var(--line); }
.reasons-table td.num, .reasons-table th.num { text-align: right;
                                               font-variant-numeric: tabular-nums; }
code { font: 12.5px/1.3 ui-monospace, "DejaVu Sans Mono", monospace; }
.legend { margin: 6px 0 6px; color: var(--muted); font-size: 13px; }
.label.on-kept { background: var(--kept); }
.label.on-dropped { background: var(--dropped); }
.block { display: grid; grid-template-columns: minmax(0, 1.4fr) minmax(260px, 1fr); gap: 16px;
         background: #fff; border: 1px solid var(--line); border-left: 8px solid;
         border-radius: 6px; padding: 5px 12px; margin: 5px 0; }
.block.kept { border-left-color: var(--kept); }
.block.dropped { border-left-color: var(--dropped); background: var(--dropped-bg); }
.block .text { margin: 2px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.block.dropped .text { color: #4a4a4a; }
.head { font-size: 13px; color: var(--muted); }
.head > * { margin-right: 10px; }
.label { display: inline-block; font-weight: 700; font-size: 12px; letter-spacing: .04em;
         color: #fff; border-radius: 4px; padding: 1px 7px; }
.kept .label { background: var(--kept); }
.dropped .label { background: var(--dropped); }
.near-mark { color: #7a4b00; font-weight: 700; }
.score { font-weight: 700; color: #1f1f1f; font-variant-numeric: tabular-nums; }
.why { font-size: 13px; }
.reasons { margin: 0 0 2px; padding: 0; list-style: none; }
.reasons li { display: inline-block; background: #eef0f3; border-radius: 4px; padding: 1px 6px;
              margin: 0 4px 2px 0; overflow-wrap: anywhere; cursor: help; }
.reasons li[title] code { text-decoration: underline dotted #8a8f96; }
.ender { margin: 0 0 2px; font-size: 13px; line-height: 1.3; }
.ender a { color: var(--dropped); font-weight: 700; }
.components td { padding: 0 6px 0 0; line-height: 1.15; vertical-align: middle; }
.components code { font-size: 12px; }
.components td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; height: 8px; border-radius: 2px; }
.bar.pos { background: var(--kept); }
.bar.neg { background: var(--dropped); }
details.group { border-radius: 8px; padding: 3px 12px; margin: 6px 0; }
details.group[open] { padding-bottom: 8px; }
details.group > summary { cursor: pointer; font-size: 14px; }
details.group > summary small { color: var(--muted); }
details.run { border: 1px dashed var(--dropped); background: var(--dropped-bg); }
details.run > summary b { color: var(--dropped); }
.preview { color: #4a4a4a; overflow-wrap: anywhere; }
.sidebar-section { border: 2px dashed var(--section); background: var(--section-bg); }
.rule-run { border: 2px dashed var(--rule); background: var(--rule-bg); }
.sidebar-section > summary b { color: var(--section); }
.rule-run > summary b { color: var(--rule); }
#page-view { display: none; }
#page-view iframe { width: 100%; height: 82vh; border: 1px solid var(--line); background: #fff; }
#page:target ~ #page-view { display: block; }
#page:target ~ #summary, #page:target ~ #blocks { display: none; }
#near:target ~ #blocks .block:not(.near), #near:target ~ #blocks details.group:not(.has-near) {
  display: none; }
.note { color: var(--muted); font-size: 13px; margin: 4px 0 8px; }
.near-note { display: none; color: var(--muted); font-size: 13px; }
#near:target ~ #blocks .near-note { display: block; }
"""


@dataclass(frozen=True, slots=True)
class _Context:
    """What rendering one block of the HTML report needs to know about the others."""

    by_index: dict[int, Block]
    # The id to link to for each block: its card, or the group line it is folded into.
    anchors: dict[int, str]
    settings: Settings


def _context(blocks: Sequence[Block], grouped: Sequence[Entry], settings: Settings) -> _Context:
    anchors = {}
    for entry in grouped:
        if isinstance(entry, Block):
            anchors[entry.index] = f"block-{entry.index}"
        else:
            anchors.update((b.index, f"group-{entry.blocks[0].index}") for b in entry.blocks)
    return _Context({b.index: b for b in blocks}, anchors, settings)


def render_html(
    article: Article, *, page: bytes | str | None = None, settings: Settings = DEFAULT_SETTINGS
) -> str:
    """The report as one self-contained HTML document (a ``str``; write it as UTF-8).

    ``page`` is the source ``article`` was cleaned from: with it, the page view shows the page
    itself (a page read as plain text shows as its lines without it).
    """
    settings = decided_with(article, settings)
    summary = summarize(article, settings=settings)
    title = article.title or article.url or "untitled page"
    grouped = entries(article.blocks, settings=settings)
    context_of = _context(article.blocks, grouped, settings)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>newsclean explain: {_esc(title)}</title>",
        f"<style>:root {{ --kept: {KEPT_COLOUR}; --dropped: {DROPPED_COLOUR}; }}{STYLE}</style>",
        "</head>",
        f"<body{_summary_attrs(summary)}>",
        f'<i id="{VIEW_NEAR}" class="view"></i><i id="{VIEW_PAGE}" class="view"></i>',
        f"<header><h1>Why was this kept or dropped? <small>{_esc(title)}</small></h1>",
        _html_meta(article),
        _html_tabs(article, summary),
        "</header>",
        _html_summary(summary),
        '<main id="blocks">',
        f'<h2>Blocks in page order <small class="meta">({len(article.blocks)})</small></h2>',
        f'<p class="near-note">Only the {_count(summary.near, "block")} near the threshold '
        f"(score within ±{NEAR_THRESHOLD_MARGIN} of it, or a verdict against the score), and "
        "the groups that hold one (open them to see it).</p>",
        *(_html_entry(entry, context_of) for entry in grouped),
        "</main>",
        _html_page_view(article, page, settings),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _esc(value: object) -> str:
    """Text from anywhere (page text above all) made safe for HTML text and quoted attributes."""
    return html.escape(UNSAFE_CHARS.sub("\ufffd", str(value)), quote=True)


def _summary_attrs(summary: Summary) -> str:
    """The summary's counts as ``data-*`` attributes, for scripts and tests that read the DOM."""
    values = {
        "kept-count": summary.kept_blocks,
        "dropped-count": summary.dropped_blocks,
        "kept-chars": summary.kept_chars,
        "dropped-chars": summary.dropped_chars,
        "section-count": summary.sections,
        "rule-run-count": summary.rule_runs,
        "near-count": summary.near,
        "run-count": summary.runs,
    }
    return "".join(f' data-{name}="{value}"' for name, value in values.items())


def _html_meta(article: Article) -> str:
    fields = [
        ("mode", article.mode),
        ("url", article.url),
        ("date", article.date),
        ("author", article.author),
        ("site", article.sitename),
    ]
    shown = "".join(f"<span>{name}: {_esc(value)}</span>" for name, value in fields if value)
    warnings = "".join(f'<p class="warning">warning: {_esc(w)}</p>' for w in article.warnings)
    return f'<p class="meta">{shown}</p>{warnings}'


def _html_tabs(article: Article, summary: Summary) -> str:
    """The three views, and a link to the first kept block."""
    first = next((b for b in article.blocks if b.kept), None)
    jump = (
        f'<a class="jump" href="#block-{first.index}">Jump to the body: #{first.index} ↓</a>'
        if first
        else ""
    )
    return (
        '<nav class="tabs"><a class="tab-blocks" href="#blocks">Blocks</a>'
        f'<a class="tab-near" href="#{VIEW_NEAR}">Near the threshold ({summary.near})</a>'
        f'<a class="tab-page" href="#{VIEW_PAGE}">Page view</a>{jump}</nav>'
    )


def _html_summary(summary: Summary) -> str:
    total_chars = summary.kept_chars + summary.dropped_chars
    kept_share = 100.0 * summary.kept_chars / total_chars if total_chars else 0.0
    figures = (
        _figure("kept", "kept-count", summary.kept_blocks, "blocks kept"),
        _figure("dropped", "dropped-count", summary.dropped_blocks, "blocks dropped"),
        _figure("kept", "kept-chars", summary.kept_chars, "chars kept"),
        _figure("dropped", "dropped-chars", summary.dropped_chars, "chars dropped"),
    )
    legend = (
        f'<span class="label on-kept">{LABEL_KEPT}</span> in the article · '
        f'<span class="label on-dropped">{LABEL_DROPPED}</span> boilerplate · '
        f'<b id="section-count">{summary.sections}</b> sidebar '
        f"section{'s' if summary.sections != 1 else ''} and "
        f'<b id="run-count">{summary.runs}</b> '
        f"{'run' if summary.runs == 1 else 'runs'} of furniture, one line each (click to "
        "open; hover a reason for its meaning)"
    )
    if summary.rule_runs:
        legend += (
            f' · <b id="rule-run-count">{summary.rule_runs}</b> '
            f"{'run' if summary.rule_runs == 1 else 'runs'} of blocks dropped by site rules"
        )
    return (
        f'<section id="summary"><div><div class="figures">{"".join(figures)}</div>'
        f'<div class="share" title="share of characters kept">'
        f'<i style="width:{kept_share:.1f}%"></i></div>'
        f'<p class="legend">{legend}</p></div>{_reasons_table(summary)}</section>'
    )


def _reasons_table(summary: Summary) -> str:
    rows = "".join(
        f"<tr><td><code>{_esc(r.reason)}</code></td><td class='num'>{r.kept}</td>"
        f"<td class='num'>{r.dropped}</td><td class='num'>{r.chars:,}</td>"
        f"<td>{_esc(reason_meaning(r.reason))}</td></tr>"
        for r in summary.top_reasons
    )
    return (
        '<table class="reasons-table"><thead><tr><th>top reasons</th><th class="num">kept</th>'
        '<th class="num">dropped</th><th class="num">chars</th><th>meaning</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _figure(verdict: str, element_id: str, value: int, caption: str) -> str:
    return (
        f'<div class="figure {verdict}"><b id="{element_id}">{value:,}</b>'
        f"<small>{caption}</small></div>"
    )


def _html_entry(entry: Entry, ctx: _Context) -> str:
    if isinstance(entry, Block):
        return _html_block(entry, ctx)
    blocks = entry.blocks
    chars = sum(len(b.text) for b in blocks)
    size = f"{_count(len(blocks), 'block')}, {_count(chars, 'character')}"
    if isinstance(entry, RuleRun):
        classes, reason = "rule-run", entry.reason
        head = f"<b>Dropped by a site rule:</b> <code>{_esc(reason)}</code> <small>({size})</small>"
    elif isinstance(entry, Run):
        classes, reason = "run", entry.reason
        head = (
            f"<b>{_count(len(blocks), 'block')} dropped</b> · "
            f'<code title="{_esc(reason_meaning(reason))}">{_esc(reason)}</code> '
            f"<small>{_esc(reason_meaning(reason))} · {_count(chars, 'character')}</small> "
            f'<span class="preview">{_esc(_preview(blocks))}</span>'
        )
    else:
        classes, reason = "sidebar-section", SECTION_HEADING_PREFIX + entry.name
        head = (
            f"<b>Dropped sidebar section:</b> {_esc(entry.heading.text)} "
            f"<small>(<code>{_esc(reason)}</code>: heading and "
            f"{len(entry.items)} items, {chars:,} characters)</small>"
        )
    near = any(near_threshold(b, ctx.settings) for b in blocks)
    attributes = (
        f'id="group-{blocks[0].index}" class="group {classes}{" has-near" if near else ""}" '
        f'data-reason="{_esc(reason)}" '
        f'data-block-count="{len(blocks)}"'
    )
    if isinstance(entry, Section):
        attributes += f' data-section="{_esc(entry.name)}"'
    cards = "".join(_html_block(b, ctx) for b in blocks)
    return f"<details {attributes}><summary>{head}</summary>{cards}</details>"


def _preview(blocks: Sequence[Block]) -> str:
    shown = " · ".join(b.text[:TEXT_PREVIEW_CHARS] for b in blocks[:RUN_PREVIEW_BLOCKS])
    return shown + (" · …" if len(blocks) > RUN_PREVIEW_BLOCKS else "")


def _html_block(block: Block, ctx: _Context) -> str:
    verdict = "kept" if block.kept else "dropped"
    label = LABEL_KEPT if block.kept else LABEL_DROPPED
    near = near_threshold(block, ctx.settings)
    reasons = "".join(_html_reason(r) for r in block.reasons)
    components = "".join(_html_component(name, value) for name, value in block.components)
    mark = '<span class="near-mark">near the threshold</span>' if near else ""
    return (
        f'<div class="block {verdict}{" near" if near else ""}" id="block-{block.index}" '
        f'data-index="{block.index}" data-kept="{str(block.kept).lower()}" '
        f'data-score="{block.score:.4f}">'
        f'<div><div class="head"><span class="label">{label}</span>'
        f"<span>#{block.index}</span><span>{_esc(block.kind.value)}</span>"
        f'<span class="score">score {block.score:+.2f}</span>{mark}'
        f"<span>{_esc(_features_line(block))}</span></div>"
        f'<p class="text">{_esc(block.text)}</p></div>'
        f'<div class="why"><ul class="reasons">{reasons}</ul>{_html_ender(block, ctx)}'
        f'<table class="components">{components}</table></div></div>'
    )


def _html_reason(reason: str) -> str:
    meaning = reason_meaning(reason)
    title = f' title="{_esc(meaning)}"' if meaning else ""
    return f"<li{title}><code>{_esc(reason)}</code></li>"


def ender(block: Block, by_index: dict[int, Block]) -> Block | None:
    """The block that ended the body before ``block`` (``context.REASON_ENDED_BY``), if named."""
    index = _ender_index(block)
    return None if index is None else by_index.get(index)


def _html_ender(block: Block, ctx: _Context) -> str:
    found = ender(block, ctx.by_index)
    if found is None:
        return ""
    why = deciding_reason(found) or "no reason"
    anchor = ctx.anchors.get(found.index, f"block-{found.index}")
    return (
        f'<p class="ender">The body ended before this block at <a href="#{anchor}">'
        f"#{found.index}</a> “{_esc(_cut(found.text))}” (score {found.score:+.2f}, "
        f"<code>{_esc(why)}</code>).</p>"
    )


def _cut(text: str) -> str:
    return text if len(text) <= TEXT_PREVIEW_CHARS else text[: TEXT_PREVIEW_CHARS - 1] + "…"


def _html_component(name: str, value: float) -> str:
    width = min(abs(value) / BAR_FULL_SCALE, 1.0) * 100.0
    sign = "pos" if value >= 0 else "neg"
    return (
        f"<tr><td><code>{_esc(name)}</code></td><td class='num'>{value:+.2f}</td>"
        f'<td><span class="bar {sign}" style="width:{width:.0f}px"></span></td></tr>'
    )


def _html_page_view(article: Article, page: bytes | str | None, settings: Settings) -> str:
    """The page view: the page in a sandboxed frame, each block outlined by its verdict."""
    colours = {"kept_colour": KEPT_COLOUR, "dropped_colour": DROPPED_COLOUR}
    document = None
    if article.mode == "text":
        document = pageview.text_document(article, **colours)
    elif page is not None:
        document = pageview.page_document(page, article, settings=settings, **colours)
    if document is None:
        note = (
            "The page view needs the page itself: run <code>newsclean explain page.html</code>, "
            "or pass <code>page=</code> to <code>render_html</code>."
        )
        return f'<section id="page-view"><p class="note">{note}</p></section>'
    return (
        '<section id="page-view"><p class="note">The page itself, made inert (no script, no '
        "request, no link, forms disabled): each block outlined, "
        f'<span class="label on-kept">{LABEL_KEPT}</span> or '
        f'<span class="label on-dropped">{LABEL_DROPPED}</span>; hover a block for its score '
        "and reasons.</p>"
        f'<iframe sandbox="" title="the page, each block outlined" srcdoc="{_esc(document)}">'
        "</iframe></section>"
    )


def _features_line(block: Block) -> str:
    """The block's measurements in one short line (tag path only in HTML mode)."""
    f = block.features
    parts = [
        _count(len(block.text), "char"),
        _count(f.words, "word"),
        f"links {f.link_density:.0%}",
    ]
    if f.path:
        parts.append(" > ".join((*f.path[-PATH_SHOWN:], f.tag)))
    return " · ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


# --- terminal ------------------------------------------------------------------------------------


def render_text(
    article: Article, console: Console, *, settings: Settings = DEFAULT_SETTINGS
) -> None:
    """Print the report to a rich ``Console``: the summary, then every block in a table (a run of
    furniture dropped for one reason as one row)."""
    settings = decided_with(article, settings)
    summary = summarize(article, settings=settings)
    console.print(Text(f"newsclean explain: {article.title or article.url or 'untitled page'}"))
    console.print(
        Text.assemble(
            (f"{summary.kept_blocks} blocks kept", "bold green"),
            f" ({summary.kept_chars:,} chars) · ",
            (f"{summary.dropped_blocks} dropped", "bold red"),
            f" ({summary.dropped_chars:,} chars) · {summary.sections} sidebar sections dropped"
            f" · {summary.near} near the threshold (marked ~)",
        )
    )
    first = next((b for b in article.blocks if b.kept), None)
    if first is not None:
        console.print(Text(f"the body starts at block #{first.index}"))
    for warning in article.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))
    reasons = Table(title="top reasons", title_justify="left")
    for column in ("reason", "kept", "dropped", "chars"):
        reasons.add_column(column, justify="left" if column == "reason" else "right")
    for r in summary.top_reasons:
        reasons.add_row(Text(r.reason), str(r.kept), str(r.dropped), f"{r.chars:,}")
    console.print(reasons)
    table = Table(title="blocks in page order", title_justify="left", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("verdict")
    table.add_column("text", ratio=3, overflow="fold")
    table.add_column("reasons and score components", ratio=2, overflow="fold")
    by_index = {block.index: block for block in article.blocks}
    for entry in entries(article.blocks, settings=settings):
        for row in _text_rows(entry, by_index, settings):
            table.add_row(*row)
    console.print(table)


def _text_rows(
    entry: Entry, by_index: dict[int, Block], settings: Settings
) -> Iterator[tuple[str | Text, ...]]:
    if isinstance(entry, Block):
        yield _text_row(entry, by_index, settings)
        return
    if isinstance(entry, Run):
        first, last = entry.blocks[0].index, entry.blocks[-1].index
        yield (
            f"{first}-{last}",
            Text.assemble((f"{LABEL_DROPPED} ×{len(entry.blocks)}", "bold red")),
            Text(_cut(_preview(entry.blocks)), style="dim"),
            Text.assemble((entry.reason, "bold"), f"\n{reason_meaning(entry.reason)}"),
        )
        return
    if isinstance(entry, RuleRun):
        header = f"dropped by site rule {entry.reason} ({len(entry.blocks)} blocks)"
    else:
        header = f"dropped sidebar section: {entry.name} ({len(entry.blocks)} blocks)"
    yield ("", "", Text(header, style="bold yellow"), "")
    for block in entry.blocks:
        yield _text_row(block, by_index, settings)


def _text_row(
    block: Block, by_index: dict[int, Block], settings: Settings
) -> tuple[str | Text, ...]:
    label, style = (LABEL_KEPT, "bold green") if block.kept else (LABEL_DROPPED, "bold red")
    near = "~" if near_threshold(block, settings) else ""
    why = Text("\n".join(block.reasons), style="bold")
    found = ender(block, by_index)
    if found is not None:
        why.append(f"\nbody ended at #{found.index}: {_cut(found.text)}", style="")
    for name, value in block.components:
        why.append(f"\n{value:+.2f} {name}")
    return (
        str(block.index),
        Text.assemble((label, style), f"\n{block.score:+.2f}{near}"),
        Text(_cut(block.text), style="" if block.kept else "dim"),
        why,
    )
