"""Decided blocks → decided blocks: a data table inside the body is kept whole.

A table's cells are judged one by one by the score and context passes, and cells are short
(a number, a name, "Yes"), so a table in the middle of an article lost most of its cells and the
rows that remained were torn. A table is one piece of content: when it lies entirely inside the
body (between the first and the last kept block) and reads as data (at least two rows of at least
two cells, one block a cell), its cells that the body decisions dropped are kept with
``REASON_BODY_TABLE``. Cells dropped by any other decision (a sidebar section, a site rule) stay
dropped. Plain text has no tables: its blocks pass through unchanged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from newsclean.context import REASON_LOW_IN_BODY, REASON_OUTSIDE
from newsclean.model import Block, Kind

REASON_BODY_TABLE = "body-table"
# The decisions that a body table overrides: dropped for being short or outside the stretch.
OVERRIDDEN: frozenset[str] = frozenset({REASON_OUTSIDE, REASON_LOW_IN_BODY})
TABLE_TAGS: frozenset[str] = frozenset({"table"})
ROW_TAGS: frozenset[str] = frozenset({"tr"})
CELL_TAGS: frozenset[str] = frozenset({"td", "th"})
# Fewest rows, and fewest cells in the widest row, of a data table (a one-column table is a
# layout box or a list).
MIN_DATA_ROWS = 2
MIN_DATA_COLUMNS = 2


def keep_body_tables(blocks: Sequence[Block]) -> list[Block]:
    """Return the blocks with the dropped cells of the body's data tables kept."""
    kept = [b.index for b in blocks if b.kept]
    if not kept:
        return list(blocks)
    first, last = min(kept), max(kept)
    whole = {
        table
        for table, cells in _tables(blocks).items()
        if all(first <= b.index <= last for b in cells) and is_data_table(cells)
    }
    if not whole:
        return list(blocks)
    return [_revived(b) if _table_of(b) in whole else b for b in blocks]


def _revived(block: Block) -> Block:
    if block.kept or block.kind is not Kind.TABLE_CELL or not block.reasons:
        return block
    if block.reasons[-1] not in OVERRIDDEN:
        return block
    return block.with_reason(REASON_BODY_TABLE, kept=True)


def _table_of(block: Block) -> int | None:
    """The document-order number of the outermost table holding a table cell."""
    if block.kind is not Kind.TABLE_CELL:
        return None
    tables = block.features.ancestor_numbers(TABLE_TAGS)
    return tables[0] if tables else None


def _tables(blocks: Sequence[Block]) -> dict[int, list[Block]]:
    tables: dict[int, list[Block]] = defaultdict(list)
    for block in blocks:
        table = _table_of(block)
        if table is not None:
            tables[table].append(block)
    return tables


def is_data_table(cells: Sequence[Block]) -> bool:
    """At least ``MIN_DATA_ROWS`` rows, the widest of ``MIN_DATA_COLUMNS`` cells or more, and
    one block a cell (a cell of several paragraphs is a layout box)."""
    rows: dict[int, Counter[int]] = defaultdict(Counter)
    for block in cells:
        row = block.features.ancestor_numbers(ROW_TAGS)
        cell = block.features.ancestor_numbers(CELL_TAGS)
        if not row or not cell:
            return False
        rows[row[-1]][cell[-1]] += 1
    return (
        len(rows) >= MIN_DATA_ROWS
        and max(len(row) for row in rows.values()) >= MIN_DATA_COLUMNS
        and all(count == 1 for row in rows.values() for count in row.values())
    )
