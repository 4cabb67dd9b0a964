"""The metadata metric, on values small enough to judge by hand."""

from __future__ import annotations

from newsclean import eval_metadata as em
from newsclean.eval import Page


def test_titles_compare_without_case_punctuation_or_quote_marks() -> None:
    assert em.title_right("NATO’s Chief Urges", "nato's chief urges")
    assert not em.title_right("NATO’s Chief Urges", "NATO’s Chief Urges | Site")


def test_author_needs_every_gold_name() -> None:
    assert em.author_right("Ana Li and Bo Yu", "Bo Yu; Ana Li")
    assert not em.author_right("Ana Li and Bo Yu", "Ana Li")
    assert not em.author_right("Ana Li", None)


def test_author_names_are_whole_words() -> None:
    assert not em.author_right("Ana Li", "Ana Lister")


def test_credentials_are_not_names() -> None:
    assert em.gold_names("Jillian Kubala, MS, RD") == ["jillian kubala"]


def test_date_is_compared_to_the_day() -> None:
    assert em.date_right("2023-01-30", "2023-01-30T11:33:00+09:00")
    assert not em.date_right("2023-01-30", "2023-01-31")
    assert em.date_right("2015-11", "2015-11-04")
    assert not em.date_right("2023-01-30", None)


def _page(page_id: str, url: str, truth: dict[str, str | None]) -> Page:
    return Page(page_id, b"", url, "", "article", truth)


def test_fields_without_gold_are_not_counted() -> None:
    page = _page("1", "https://a.example/x", {"title": "T", "author": "", "publish_date": None})
    verdicts = em.judge(page, em.Guess(title="t", author="Someone"))
    assert [(v.field, v.right) for v in verdicts] == [("title", True)]


def test_losses_are_fields_wrong_here_and_right_there() -> None:
    pages = [_page("1", "https://a.example/x", {"title": "Right", "author": "Ana Li"})]
    ours = em.run("ours", lambda p: em.Guess(title="Right", author="Bo Yu"), pages)
    theirs = em.run("theirs", lambda p: em.Guess(title="Wrong", author="Ana Li"), pages)
    lost = em.losses(ours, theirs)
    assert [(mine.field, other.guess) for mine, other in lost] == [("author", "Ana Li")]
    assert ours.accuracy("title") == 1.0 and ours.accuracy("author") == 0.0


def test_halves_split_by_domain() -> None:
    a = _page("1", "https://www.a.example/x", {})
    b = _page("2", "https://a.example/y", {})
    assert em.half_of(a) == em.half_of(b)
