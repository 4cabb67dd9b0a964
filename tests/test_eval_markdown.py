"""The structure metric of ``newsclean eval --markdown`` (newsclean/eval_markdown.py) on tiny
Markdown texts."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from newsclean.cli import main
from newsclean.eval_markdown import (
    HEADING,
    LIST_ITEM,
    TABLE_ROW,
    StructureCounts,
    compare,
    structures,
    summarise,
    words,
)


def test_words_drop_link_targets_images_and_emphasis() -> None:
    assert words("**Read** [the *report*](https://x.org/a) ![logo](l.png) now") == (
        "read the report now"
    )


def test_structures_reads_atx_and_setext_headings() -> None:
    found = structures("# Title #\n\nText.\n\nSub part\n---\n\n#hashtag is not one")
    assert dict(found[HEADING]) == {"title": 1, "sub part": 1}


def test_structures_reads_nested_and_numbered_list_items() -> None:
    found = structures("- one\n    - two\n1. three\n2) four\n-5 degrees is no item")
    assert dict(found[LIST_ITEM]) == {"one": 1, "two": 1, "three": 1, "four": 1}


def test_structures_reads_table_rows_but_not_the_rule_or_empty_rows() -> None:
    found = structures("|  |  |\n| --- | :-: |\n| a | b |\n| [c](u) | d |")
    assert dict(found[TABLE_ROW]) == {"a b": 1, "c d": 1}


def test_structures_skips_code_blocks_and_reads_inside_quotes() -> None:
    found = structures("```\n# not a heading\n- nor an item\n```\n> ## quoted heading")
    assert dict(found[HEADING]) == {"quoted heading": 1}
    assert not found[LIST_ITEM]


def test_a_heading_given_as_a_paragraph_is_not_found() -> None:
    counts = compare("## Costs\n\n- a\n- b", "Costs\n\n- a\n- b\n- c")
    assert counts.expected == {HEADING: 1, LIST_ITEM: 2, TABLE_ROW: 0}
    assert counts.matched == {HEADING: 0, LIST_ITEM: 2, TABLE_ROW: 0}
    assert counts.produced == {HEADING: 0, LIST_ITEM: 3, TABLE_ROW: 0}


def test_repeated_items_count_as_often_as_the_reference_has_them() -> None:
    counts = compare("- yes\n- yes\n- no", "- yes\n- no\n- no")
    assert counts.matched[LIST_ITEM] == 2


def test_summary_shares_are_summed_over_pages_not_averaged() -> None:
    zero = {HEADING: 0, LIST_ITEM: 0, TABLE_ROW: 0}
    pages = [
        StructureCounts({**zero, HEADING: 1}, {**zero, HEADING: 1}, {**zero, HEADING: 1}),
        StructureCounts({**zero, HEADING: 3}, {**zero, HEADING: 4}, {**zero, HEADING: 0}),
    ]
    result = summarise("x", pages, 1.0)
    assert (result.found(HEADING), result.precise(HEADING)) == (0.25, 0.2)
    assert result.found(TABLE_ROW) == 0.0


def test_eval_markdown_command_reads_the_wcxb_layout(tmp_path: Path, capsys: Any) -> None:
    prose = "<p>The council voted on the bridge today, and the vote was close, the clerk said.</p>"
    page = (
        f"<html><head><title>Bridge</title></head><body><article><h1>Bridge</h1>{prose * 2}"
        "<h2>What it costs</h2><ul><li>cables and their anchors, the council said</li></ul>"
        f"{prose * 2}</article></body></html>"
    )
    (tmp_path / "html").mkdir()
    (tmp_path / "ground-truth").mkdir()
    (tmp_path / "html" / "0001.html.gz").write_bytes(gzip.compress(page.encode()))
    truth = {"ground_truth": {"main_content_markdown": "## What it costs\n\n- cables and anchors"}}
    (tmp_path / "ground-truth" / "0001.json").write_text(json.dumps(truth))
    assert main(["eval", str(tmp_path), "--markdown", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["name"] for row in rows] == ["newsclean", "trafilatura"]
    assert rows[0]["expected"] == {HEADING: 1, LIST_ITEM: 1, TABLE_ROW: 0}
    assert rows[0]["heading_found"] == 1.0
    # The item's text differs from the reference ("their"): not found.
    assert rows[0]["list-item_found"] == 0.0
