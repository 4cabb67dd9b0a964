"""A data table inside the body is kept whole (newsclean/tables.py), on blocks cut by the real
segmentation and decided by hand."""

from __future__ import annotations

import lxml.html

from newsclean import clean
from newsclean.blocks import segment_tree
from newsclean.model import Block, Kind
from newsclean.tables import REASON_BODY_TABLE, is_data_table, keep_body_tables

TABLE = "<table><tr><th>Team</th><th>Won</th></tr><tr><td>Reds</td><td>3</td></tr></table>"


def decided(body: str, reasons: dict[str, str]) -> list[Block]:
    """Blocks of ``body``: paragraphs kept in the body, everything else dropped with the reason
    that ``reasons`` gives its text (``low-score-in-body`` by default)."""
    root = lxml.html.fromstring(f"<html><body>{body}</body></html>")
    blocks, _ = segment_tree(root, max_blocks=1000)
    out = []
    for block in blocks:
        if block.kind is Kind.PARAGRAPH:
            out.append(block.with_reason("body-stretch", kept=True))
        else:
            out.append(block.with_reason(reasons.get(block.text, "low-score-in-body"), kept=False))
    return out


def kept_texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks if b.kept]


def test_a_table_between_body_paragraphs_is_kept_whole() -> None:
    blocks = keep_body_tables(decided(f"<p>Before.</p>{TABLE}<p>After.</p>", {}))
    assert kept_texts(blocks) == ["Before.", "Team", "Won", "Reds", "3", "After."]
    assert blocks[1].reasons == ("low-score-in-body", REASON_BODY_TABLE)


def test_a_table_after_the_body_stays_dropped() -> None:
    blocks = keep_body_tables(decided(f"<p>Before.</p><p>After.</p>{TABLE}", {}))
    assert kept_texts(blocks) == ["Before.", "After."]


def test_a_cell_dropped_by_another_decision_stays_dropped() -> None:
    reasons = {"Reds": "sidebar-section:most-popular"}
    blocks = keep_body_tables(decided(f"<p>Before.</p>{TABLE}<p>After.</p>", reasons))
    assert "Reds" not in kept_texts(blocks) and "Won" in kept_texts(blocks)


def test_a_one_column_table_is_not_data() -> None:
    body = "<p>Before.</p><table><tr><td>a</td></tr><tr><td>b</td></tr></table><p>After.</p>"
    assert kept_texts(keep_body_tables(decided(body, {}))) == ["Before.", "After."]


def test_a_table_whose_cell_holds_paragraphs_is_layout() -> None:
    cells = [
        b
        for b in decided(
            "<table><tr><td><div>one</div><div>two</div></td><td>x</td></tr>"
            "<tr><td>y</td><td>z</td></tr></table>",
            {},
        )
        if b.kind is Kind.TABLE_CELL
    ]
    assert not is_data_table(cells)
    # Without the cell of two blocks, the same rows read as data.
    assert is_data_table(cells[2:])


def test_plain_text_is_left_as_it_is() -> None:
    article = clean("Title line\n\nA paragraph of the body, with a comma.\n\nAnother one.")
    assert keep_body_tables(article.blocks) == list(article.blocks)
