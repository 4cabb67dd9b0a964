"""Golden pages: real benchmark pages whose expected body was checked by reading them.

Each page must keep its page-level F1 (the benchmark's metric) at or above a floor. The floors sit
a little below the measured value so that annotation quirks (a recipe card's own title, a sign-off
line) do not fail the test, but low enough that losing one body paragraph or letting one sidebar
list in does: on these pages either costs more than three points of F1.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsclean import clean
from newsclean.eval import score_page

GOLDEN = Path(__file__).resolve().parent / "golden"
# Page name → F1 floor (measured: 1.000, 0.993, 1.000, 0.995).
FLOORS: dict[str, float] = {
    "lhpat-trademark-ja": 0.97,
    "billboard-tour-en": 0.97,
    "indiapost-teasers-en": 0.97,
    "recipe-jam-en": 0.96,
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_golden_page_keeps_its_f1(name: str) -> None:
    html = gzip.decompress((GOLDEN / f"{name}.html.gz").read_bytes())
    expected = (GOLDEN / f"{name}.expected.txt").read_text(encoding="utf-8")
    article = clean(html)
    score = score_page(name, expected, article.text, keep_examples=True)
    assert score.f1 >= FLOORS[name], (score.f1, score.leaked, score.missed)


def test_golden_sidebar_list_is_dropped_with_its_heading() -> None:
    html = gzip.decompress((GOLDEN / "lhpat-trademark-ja.html.gz").read_bytes())
    article = clean(html)
    heading = next(b for b in article.blocks if b.text == "人気記事")
    assert not heading.kept
    assert heading.reasons[0] == "sidebar-heading:most-popular"
    items = [b for b in article.blocks if "after-heading:人気記事" in b.reasons]
    assert len(items) == 5 and not any(b.kept for b in items)
