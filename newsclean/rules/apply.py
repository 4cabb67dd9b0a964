"""Applying the site rules of one URL, in two steps of the pipeline.

1. **Tree marks** (before segmentation): ``tree_marks`` maps the elements the rules' ``body`` and
   ``drop`` selectors match to reason ids; segmentation gives each block the reasons of the
   elements it sits in. The tree itself is never changed.
2. **Block rules** (between scoring and context): ``apply_block_rules`` splits the scored blocks
   into those the rules decide (dropped by a selector, outside the body, after a ``stop_at``
   heading, matching ``drop_text`` or a ``[label]``) and the rest, which the context pass decides
   as if the ruled blocks were not on the page. ``merge_blocks`` puts them back in page order.

Every block a rule touches carries ``rule:<id>:<key>`` in its reasons.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence

import regex
from lxml import etree

from newsclean.model import Block, Kind
from newsclean.rules.model import Rule, SiteRules, reason

# Longest block (characters) a ``stop_at`` pattern is tried on: the heading of a section, never a
# body paragraph that happens to quote it.
STOP_AT_MAX_CHARS = 120
# Reason keys beyond the rule file's own keys.
KEY_OUTSIDE_BODY = "outside-body"
KEY_LABEL = "label"
# Block kind given to a block labelled as a caption.
LABEL_KINDS: dict[str, Kind] = {"caption": Kind.CAPTION}


def tree_marks(root: etree._Element, site: SiteRules) -> dict[etree._Element, tuple[str, ...]]:
    """Elements matched by the rules' selectors, each with the reasons its blocks receive."""
    marks: dict[etree._Element, list[str]] = {}
    body_rule = site.body
    if body_rule is not None and body_rule.body is not None:
        for element in body_rule.body.select(root):
            marks.setdefault(element, []).append(reason(body_rule.id, "body"))
    for rule in site:
        for selector in rule.drop:
            for element in selector.select(root):
                marks.setdefault(element, []).append(reason(rule.id, "drop"))
    return {element: tuple(dict.fromkeys(found)) for element, found in marks.items()}


def apply_block_rules(blocks: Sequence[Block], site: SiteRules) -> tuple[list[Block], list[Block]]:
    """Split scored blocks into (decided by a rule, left to the heuristics).

    Ruled blocks leave with ``kept=False`` and the rule's reason. A ``body`` selector that matched
    nothing on the page is ignored, so the heuristics still see every block.
    """
    if not site:
        return [], list(blocks)
    drop_marks = {reason(r.id, "drop") for r in site}
    body_mark, outside = _body_reasons(blocks, site)
    weights = tuple(reason(r.id, "weights") for r in site if r.weights)
    ruled: list[Block] = []
    rest: list[Block] = []
    stopped: str | None = None
    for block in blocks:
        if weights:
            block = dataclasses.replace(block, reasons=(*block.reasons, *weights))
        if drop_marks.intersection(block.reasons):
            ruled.append(dataclasses.replace(block, kept=False))
            continue
        if body_mark and body_mark not in block.reasons:
            ruled.append(block.with_reason(outside, kept=False))
            continue
        stopped = stopped or _stop_at(block, site)
        verdict = stopped or _drop_text(block, site) or _label(block, site)
        if verdict is None:
            rest.append(block)
            continue
        kind = LABEL_KINDS.get(verdict.rsplit(":", 1)[-1], block.kind)
        ruled.append(dataclasses.replace(block.with_reason(verdict, kept=False), kind=kind))
    return ruled, rest


def merge_blocks(*parts: Iterable[Block]) -> list[Block]:
    """Blocks from several passes back in page order."""
    return sorted((b for part in parts for b in part), key=lambda b: b.index)


def _body_reasons(blocks: Sequence[Block], site: SiteRules) -> tuple[str, str]:
    """(mark of blocks inside the body, reason of blocks outside it), or empty strings when no
    rule has a body selector or it matched nothing."""
    rule = site.body
    if rule is None:
        return "", ""
    mark = reason(rule.id, "body")
    if not any(mark in b.reasons for b in blocks):
        return "", ""
    return mark, reason(rule.id, KEY_OUTSIDE_BODY)


def _stop_at(block: Block, site: SiteRules) -> str | None:
    if block.kind is Kind.SEPARATOR or block.features.chars > STOP_AT_MAX_CHARS:
        return None
    return _first_match(block.text, site, lambda r: r.stop_at, "stop_at")


def _drop_text(block: Block, site: SiteRules) -> str | None:
    return _first_match(block.text, site, lambda r: r.drop_text, "drop_text")


def _label(block: Block, site: SiteRules) -> str | None:
    for rule in site:
        for label, pattern in rule.labels:
            if pattern.search(block.text):
                return reason(rule.id, f"{KEY_LABEL}:{label}")
    return None


def _first_match(
    text: str,
    site: SiteRules,
    patterns_of: Callable[[Rule], Sequence[regex.Pattern[str]]],
    key: str,
) -> str | None:
    for rule in site:
        if any(p.search(text) for p in patterns_of(rule)):
            return reason(rule.id, key)
    return None
