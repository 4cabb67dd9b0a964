"""The benchmark metric, on texts small enough to count by hand."""

from __future__ import annotations

import pytest

from newsclean.eval import score_page, shingles, summarise


def test_shingles_are_four_token_windows() -> None:
    assert shingles("a b c d e") == {"a b c d": 1, "b c d e": 1}


def test_short_text_is_one_shingle() -> None:
    assert shingles("a b") == {"a b": 1}


def test_perfect_prediction() -> None:
    s = score_page("x", "one two three four five", "one, two; three four five!")
    assert (s.tp, s.fp, s.fn, s.exact) == (1.0, 0.0, 0.0, True)


def test_leak_and_miss_are_normalised() -> None:
    # gold shingles: {a b c d, b c d e}; predicted: {a b c d, b c d x} → tp 1, fp 1, fn 1
    s = score_page("x", "a b c d e", "a b c d x")
    assert s.tp == pytest.approx(1 / 3) and s.fp == pytest.approx(1 / 3)
    assert s.fn == pytest.approx(1 / 3)


def test_precision_recall_from_means() -> None:
    perfect = score_page("p", "a b c d e", "a b c d e")
    empty = score_page("e", "a b c d e", "")
    result = summarise("t", [perfect, empty], 1.0)
    assert result.precision == pytest.approx(1.0)
    assert result.recall == pytest.approx(0.5)
    assert result.f1 == pytest.approx(2 / 3)
    assert result.accuracy == pytest.approx(0.5)


def test_leaked_and_missed_runs_are_the_texts_own_words() -> None:
    leak = score_page("x", "a b c d e f g h", "a b c d e f g h x y z w v", keep_examples=True)
    assert leak.leaked == ("f g h x y z w v",)
    miss = score_page(
        "x", "one two three four five six seven", "one two three four", keep_examples=True
    )
    assert miss.missed == ("two three four five six seven",)
