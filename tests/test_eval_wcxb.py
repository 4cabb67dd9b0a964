"""WCXB's layout and metric, on pages and texts small enough to count by hand."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsclean import eval as ev


def wcxb_dir(tmp_path: Path, pages: dict[str, dict]) -> Path:
    """A benchmark directory in the WCXB layout: ground-truth/<id>.json beside html/<id>.html.gz."""
    (tmp_path / "ground-truth").mkdir()
    (tmp_path / "html").mkdir()
    for page_id, entry in pages.items():
        (tmp_path / "ground-truth" / f"{page_id}.json").write_text(json.dumps(entry))
        (tmp_path / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(b"<p>x</p>"))
    return tmp_path


def entry(text: str, page_type: str = "article", url: str = "https://a.example/x") -> dict:
    return {
        "url": url,
        "ground_truth": {"main_content": text, "with": ["Two three"], "without": ["menu"]},
        "_internal": {"page_type": {"primary": page_type}},
    }


def test_layout_is_detected_and_pages_carry_type_and_truth(tmp_path: Path) -> None:
    root = wcxb_dir(tmp_path, {"0002": entry("b", "forum"), "0001": entry("a")})
    assert ev.layout(root) == "wcxb"
    pages = ev.load(root)
    assert [p.id for p in pages] == ["0001", "0002"]
    assert [p.page_type for p in pages] == ["article", "forum"]
    assert pages[1].truth["without"] == ["menu"]
    assert ev.metric_of(pages) == "words"


def test_a_directory_of_neither_layout_says_what_it_needs(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="ground-truth"):
        ev.layout(tmp_path)


def page(gold: str, page_type: str = "article") -> ev.Page:
    return ev.Page("p", b"", "https://a.example/x", gold, page_type, entry(gold)["ground_truth"])


def test_bag_of_words_counts_repeats_and_ignores_case_and_order() -> None:
    # gold bag {one, two:2, three}; output bag {two:1, one, four} → tp 2, fp 1, fn 2
    s = ev.score_words(page("One two two three"), "two ONE four")
    assert (s.tp, s.fp, s.fn) == (2, 1, 2)
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == pytest.approx(2 / 4)
    assert s.f1 == pytest.approx(2 * 2 / (2 * 2 + 1 + 2))


def test_empty_reference_scores_one_only_for_an_empty_output() -> None:
    assert ev.score_words(page(""), "").f1 == 1.0
    assert ev.score_words(page(""), "anything").f1 == 0.0
    assert ev.score_words(page("words"), "").empty


def test_snippets_are_found_case_and_space_insensitively() -> None:
    s = ev.score_words(page("one two three"), "One   TWO three, and a menu")
    assert s.with_found == (1, 1)
    assert s.without_found == (1, 1)


def test_the_mean_is_over_pages_and_per_type() -> None:
    scores = [
        ev.score_words(page("a b", "article"), "a b"),
        ev.score_words(page("a b", "forum"), ""),
    ]
    result = ev.summarise("t", scores, 1.0, metric="words")
    assert result.f1 == pytest.approx(0.5)
    assert result.empty == 1
    assert {t: r.f1 for t, r in result.by_type().items()} == {"article": 1.0, "forum": 0.0}


def test_halves_split_by_domain_and_ignore_www() -> None:
    a = ev.Page("1", b"", "https://www.site.example/a", "", "article")
    b = ev.Page("2", b"", "https://site.example/other/page", "", "forum")
    assert ev.half(a) == ev.half(b)
    halves = {ev.half(ev.Page(str(i), b"", f"https://s{i}.example/", "")) for i in range(20)}
    assert halves == {"tune", "held-out"}


def test_type_accuracy_counts_label_and_guess_pairs() -> None:
    pages = [page("a", "article"), ev.Page("q", b"", None, "", "forum")]
    accuracy, confusion = ev.type_accuracy(pages, {"p": "article", "q": "listing"})
    assert accuracy == 0.5
    assert confusion == {("article", "article"): 1, ("forum", "listing"): 1}
