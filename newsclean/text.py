"""Plain text → blocks: the segmentation of text a scraper already pulled out of a page.

Each non-empty line is a block (scraped dumps put one page block per line); a line of only
separator marks (``-``, ``•``) becomes a ``SEPARATOR`` block, which headline lists use between
items. Bullets and ranks are stripped from the text and kept as features.

Hard-wrapped text (paragraphs separated by blank lines, their lines cut at a fixed width) is
recognised first: the lines of each paragraph are joined into one block, so that a paragraph is
measured as a paragraph and not as a run of short lines.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from newsclean import vocab
from newsclean.blocks import measure
from newsclean.model import Block, Kind

# Widest line (characters) of a text that can be hard-wrapped; dumps put whole blocks on a line.
HARD_WRAP_MAX_WIDTH = 100
# A line at least this share of the wrap width was cut by the wrap, not by the writer.
HARD_WRAP_MIN_FILL = 0.6
# Share of the lines in multi-line paragraphs that must be cut by the wrap to call a text wrapped.
HARD_WRAP_MIN_SHARE = 0.5


def segment_text(text: str, *, max_blocks: int) -> tuple[list[Block], bool]:
    """Cut plain text into line blocks in order; returns the blocks and whether it was cut."""
    blocks: list[Block] = []
    for line in text_lines(text):
        if len(blocks) >= max_blocks:
            return blocks, True
        blocks.append(_line_block(len(blocks), line))
    return blocks, False


def text_lines(text: str) -> Iterator[str]:
    """The text's block lines, whitespace collapsed; hard-wrapped paragraphs come out joined."""
    lines = [" ".join(raw.split()) for raw in text.splitlines()]
    paragraphs = _paragraphs(lines)
    width = max((len(line) for line in lines), default=0)
    if _is_hard_wrapped(paragraphs, width):
        for paragraph in paragraphs:
            yield from _unwrap(paragraph, width)
    else:
        yield from (line for line in lines if line)


def _paragraphs(lines: Sequence[str]) -> list[list[str]]:
    """Runs of non-empty lines between blank lines."""
    out: list[list[str]] = [[]]
    for line in lines:
        if line:
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [p for p in out if p]


def _is_hard_wrapped(paragraphs: Sequence[Sequence[str]], width: int) -> bool:
    """Blank lines between paragraphs, and most lines inside them cut near one width."""
    if len(paragraphs) < 2 or width > HARD_WRAP_MAX_WIDTH:
        return False
    inner = [line for p in paragraphs for line in p[:-1]]
    if not inner:
        return False
    cut = sum(1 for line in inner if len(line) >= HARD_WRAP_MIN_FILL * width)
    return cut >= HARD_WRAP_MIN_SHARE * len(inner)


def _unwrap(paragraph: Sequence[str], width: int) -> Iterator[str]:
    """Join each line cut by the wrap to the next; short lines, bullets and ranks stay apart."""
    joined: list[str] = []
    previous = ""
    for line in paragraph:
        starts_item = vocab.BULLET.match(line) or vocab.RANK.match(line)
        if joined and not starts_item and len(previous) >= HARD_WRAP_MIN_FILL * width:
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
        previous = line
    yield from joined


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
