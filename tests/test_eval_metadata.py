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


def test_a_half_without_pages_has_no_figure() -> None:
    pages = [_page("1", "https://a.example/x", {"title": "Right"})]
    result = em.run("ours", lambda p: em.Guess(title="Right"), pages)
    other_half = 1 - em.half_of(pages[0])
    assert result.accuracy("title", other_half) is None
    assert result.accuracy("author") is None


def test_eval_metadata_command_reports_the_fields(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import gzip
    import json

    from newsclean import cli

    (tmp_path / "html").mkdir()
    (tmp_path / "ground-truth").mkdir()
    page = (
        "<html><head><title>Bridge reopens | Daily Post</title>"
        '<meta name="author" content="Jane Roe"></head>'
        "<body><h1>Bridge reopens</h1><p>The bridge reopened on Monday after repairs.</p>"
        "</body></html>"
    )
    (tmp_path / "html" / "0001.html.gz").write_bytes(gzip.compress(page.encode()))
    truth = {"title": "Bridge reopens", "author": "Jane Roe", "publish_date": None}
    (tmp_path / "ground-truth" / "0001.json").write_text(
        json.dumps({"url": "https://dailypost.example/a", "ground_truth": truth})
    )
    assert cli.main(["eval", str(tmp_path), "--metadata"]) == 0
    rows = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines()}
    assert rows["title"][1:3] == ["1", "1.000"]
    assert rows["author"][1:3] == ["1", "1.000"]
    assert "date" not in rows or rows["date"][1] == "0"
