"""The seed: a Japan News article dumped as text, followed by two sidebar lists.

Expected output (samples/japannews-nato-korea.expected.*) was written by reading the page: the nine
body paragraphs; the headline and the dateline are metadata; the "POPULAR ARTICLE" and
"ACCESS RANKING" lists are sidebars.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsclean import clean


def _seed(samples: Path) -> tuple[str, str, dict]:
    source = (samples / "japannews-nato-korea.txt").read_text(encoding="utf-8")
    body = (samples / "japannews-nato-korea.expected.txt").read_text(encoding="utf-8").strip()
    meta = json.loads((samples / "japannews-nato-korea.expected.json").read_text(encoding="utf-8"))
    return source, body, meta


def test_seed_body_is_exact(samples: Path) -> None:
    source, body, _ = _seed(samples)
    assert clean(source).text == body


def test_seed_title_and_date(samples: Path) -> None:
    source, _, meta = _seed(samples)
    article = clean(source)
    assert article.mode == "text"
    assert article.title == meta["title"]
    assert article.date == meta["date"]


def test_seed_sidebar_blocks_name_their_heading(samples: Path) -> None:
    source, _, meta = _seed(samples)
    article = clean(source)
    headings = meta["dropped_sections"]
    for block in article.blocks:
        if block.text.startswith("- ") or block.text == "-":
            assert not block.kept
            assert any(f"after-heading:{h}" in block.reasons for h in headings), block
    heading_blocks = [b for b in article.blocks if b.text in headings]
    assert len(heading_blocks) == 2
    assert all(not b.kept and b.reasons[0].startswith("sidebar-heading:") for b in heading_blocks)


def test_seed_bytes_and_str_agree(samples: Path) -> None:
    source, body, _ = _seed(samples)
    assert clean(source.encode("utf-8")).text == body
