"""The values that flow through the pipeline: ``Features`` → ``Block`` → ``Article``.

Every stage takes blocks and returns new blocks; none mutates what an earlier stage produced.
``Features`` and ``Block`` are not declared frozen only for speed: a frozen dataclass sets each
field through ``object.__setattr__``, which made building them cost three to four times more, and
a page builds several hundred of each (tests/test_model.py checks that no stage changes the
blocks it is given). Treat them as immutable.
"""

from __future__ import annotations

import dataclasses
import enum
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class Kind(str, enum.Enum):
    """What a block is on the page."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list-item"
    CAPTION = "caption"
    QUOTE = "quote"
    PREFORMATTED = "preformatted"
    TABLE_CELL = "table-cell"
    SEPARATOR = "separator"


@dataclass(slots=True, unsafe_hash=True)
class Features:
    """Measurements of one block, computed once by segmentation and read by scoring.

    HTML-only fields (tag path, class tokens, links) are empty in plain-text mode and
    text-only fields (bullets) are false in HTML mode.
    """

    chars: int
    words: int
    link_chars: int = 0
    # Share of the block's characters that sit inside links.
    link_density: float = 0.0
    # The block ends like a sentence (. ! ? 。 and closing quotes after them).
    sentence_end: bool = False
    # Sentence-internal punctuation marks (, ; : 、，) — prose has them, menus and headlines rarely.
    inner_punct: int = 0
    tag: str = ""
    # Tags of the nearest ancestors, outermost first (capped to a fixed depth).
    path: tuple[str, ...] = ()
    # Class and id tokens of the nearest ancestors and the block element, lower-cased.
    tokens: frozenset[str] = frozenset()
    heading_level: int = 0
    in_list: bool = False
    # Document-order numbers of the nearest ancestor elements, outermost first.
    ancestors: tuple[int, ...] = ()
    # Number of the deepest ancestor whose class/id tokens name furniture (0 when none): the
    # context pass discounts such tokens when the whole body shares them.
    furniture_from: int = 0
    # Text mode: the line starts with a bullet (- • · *) or a rank (1. 2) ③).
    bullet: bool = False
    rank: bool = False
    # Share of words that start with a capital letter (title-case headlines score high).
    capitalised: float = 0.0
    # For rendering, not scoring: the block's links as (anchor text as written, href), in order.
    links: tuple[tuple[str, str], ...] = ()
    # For rendering, not scoring: a preformatted block's text with its line breaks and spaces.
    verbatim: str = ""

    def ancestor_numbers(self, tags: frozenset[str]) -> list[int]:
        """Document-order numbers of the nearest ancestors whose tag is one of ``tags``,
        outermost first: blocks of one list, table row or cell share them (``ancestors`` and
        ``path`` line up at their ends)."""
        offset = len(self.ancestors) - len(self.path)
        return [
            self.ancestors[offset + i]
            for i, tag in enumerate(self.path)
            if tag in tags and offset + i >= 0
        ]


@dataclass(slots=True, unsafe_hash=True)
class Block:
    """One text block of the page, from segmentation through the final decision."""

    index: int
    text: str
    kind: Kind
    features: Features
    score: float = 0.0
    # Named contributions to the score: (component name, contribution), in the order applied.
    components: tuple[tuple[str, float], ...] = ()
    kept: bool = False
    # Stable ids of the heuristics and rules that decided the block
    # (e.g. "sidebar-heading:most-popular").
    reasons: tuple[str, ...] = ()

    # The two copies every block goes through are built field by field: ``dataclasses.replace``
    # costs several times more, once per block per stage (tests/test_model.py checks that no field
    # is forgotten).
    def with_reason(self, reason: str, *, kept: bool) -> Block:
        """Return a copy decided as ``kept`` with ``reason`` appended."""
        return Block(
            self.index,
            self.text,
            self.kind,
            self.features,
            self.score,
            self.components,
            kept,
            (*self.reasons, reason),
        )

    def with_score(self, score: float, components: tuple[tuple[str, float], ...]) -> Block:
        """Return a copy with ``score`` and its ``components``."""
        return Block(
            self.index,
            self.text,
            self.kind,
            self.features,
            score,
            components,
            self.kept,
            self.reasons,
        )

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        """JSON-ready form; ``explain`` adds the score components and features."""
        out: dict[str, Any] = {
            "index": self.index,
            "text": self.text,
            "kind": self.kind.value,
            "kept": self.kept,
            "score": round(self.score, 4),
            "reasons": list(self.reasons),
        }
        if explain:
            out["components"] = {name: round(value, 4) for name, value in self.components}
            feats = dataclasses.asdict(self.features)
            feats["tokens"] = sorted(self.features.tokens)
            # Positions and rendering data, not measurements a reader weighs.
            for unreported in ("ancestors", "links", "verbatim"):
                feats.pop(unreported)
            out["features"] = feats
        return out


@dataclass(frozen=True, slots=True)
class Article:
    """What ``clean()`` returns: the article body, its metadata and every block's decision."""

    text: str
    paragraphs: tuple[str, ...] = ()
    title: str | None = None
    date: str | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None
    # "html" or "text": how the source was read.
    mode: str = "html"
    blocks: tuple[Block, ...] = ()
    warnings: tuple[str, ...] = ()
    # Extra metadata fields a source may carry (description, language...).
    extra: Mapping[str, str] = field(default_factory=dict)
    # newsclean's guess of the page's type (article, forum, product, collection, listing,
    # documentation, service, other) and the id of the rule that decided it (newsclean.pagetype).
    page_type: str | None = None
    page_type_reason: str | None = None
    # Every author, in the page's order (``author`` joins them with "; ").
    authors: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def kept_blocks(self) -> tuple[Block, ...]:
        """The blocks that make up the body, in document order."""
        return tuple(b for b in self.blocks if b.kept)

    def to_dict(self, *, explain: bool = False, blocks: bool = True) -> dict[str, Any]:
        """JSON-ready form. ``explain`` adds each block's score components and features."""
        out: dict[str, Any] = {
            "url": self.url,
            "title": self.title,
            "date": self.date,
            "author": self.author,
            "authors": list(self.authors),
            "sitename": self.sitename,
            "mode": self.mode,
            "page_type": self.page_type,
            "text": self.text,
            "warnings": list(self.warnings),
        }
        if blocks:
            out["blocks"] = [b.to_dict(explain=explain) for b in self.blocks]
        return out

    def to_markdown(self, *, links: bool = False) -> str:
        """The article as Markdown: the title, then the body with its headings, nested lists,
        tables (GFM), quotations and code blocks; link targets when ``links``."""
        from newsclean import render

        return render.to_markdown(self, links=links)

    def to_html(self, *, links: bool = False) -> str:
        """The article as a minimal HTML document (no scripts, styles or classes), with the
        same structure as ``to_markdown``; link targets when ``links``."""
        from newsclean import render

        return render.to_html(self, links=links)

    def to_json(self, *, explain: bool = False, indent: int | None = None) -> str:
        """``to_dict`` serialised as JSON (UTF-8 text, non-ASCII kept as is)."""
        return json.dumps(self.to_dict(explain=explain), ensure_ascii=False, indent=indent)
