"""Plain text → blocks: the segmentation of text a scraper already pulled out of a page.

Each non-empty line is a block (scraped dumps put one page block per line); a line of only
separator marks (``-``, ``•``) becomes a ``SEPARATOR`` block, which headline lists use between
items. Bullets and ranks are stripped from the text and kept as features.
"""

from __future__ import annotations

from newsclean import vocab
from newsclean.blocks import measure
from newsclean.model import Block, Kind


def segment_text(text: str, *, max_blocks: int) -> tuple[list[Block], bool]:
    """Cut plain text into line blocks in order; returns the blocks and whether it was cut."""
    blocks: list[Block] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if len(blocks) >= max_blocks:
            return blocks, True
        blocks.append(_line_block(len(blocks), line))
    return blocks, False


def _line_block(index: int, line: str) -> Block:
    if vocab.SEPARATOR.match(line):
        return Block(index, line, Kind.SEPARATOR, measure("", tag="separator"))
    bullet = vocab.BULLET.match(line)
    rank = vocab.RANK.match(line) if not bullet else None
    body = line[(bullet or rank).end() :] if (bullet or rank) else line
    kind = Kind.LIST_ITEM if bullet or rank else Kind.PARAGRAPH
    features = measure(
        body, bullet=bullet is not None, rank=rank is not None, in_list=bool(bullet or rank)
    )
    return Block(index, line, kind, features)
