"""``newsclean rules``: list, show, check, test and suggest."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsclean.cli import main
from newsclean.rules import load_text
from newsclean.rules.tools import Mined, Suggestion, format_suggestions, normalise, rank, to_pattern

ARTICLE_PAGE = """<html><body>
<div class="masthead">Harbour Times</div>
<article>
<h1>{title}</h1>
<p>{body} The council said the work had gone to plan, and that the budget had held.</p>
<p>Residents will be able to comment on the plans until the end of the month, it added.</p>
<p>Sign up for the Harbour Times newsletter, with the news of the day in your inbox.</p>
</article>
<footer><p>Copyright 2024 Harbour Times. All rights reserved.</p></footer>
</body></html>"""
TOPICS = [
    ("Bridge Reopens", "The bridge reopened on Tuesday after eight months of repairs."),
    ("Ferry Timetable", "The ferry will run every twenty minutes from next week on."),
    ("Budget Passed", "The council passed its budget for the coming year on Monday."),
    ("New Library", "A new library will open in the old customs house in spring."),
]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _write_rule(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_list_shows_builtin_and_user_rules(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    _write_rule(tmp_path, "harbour", 'hosts = ["harbour.example"]\n')
    status, out, _ = _run(capsys, "rules", "list", "--rules", str(tmp_path))
    assert status == 0
    rows = [line.split()[:3] for line in out.splitlines()]
    assert ["harbour", "user", "harbour.example"] in rows
    assert ["japannews", "builtin", "japannews.yomiuri.co.jp"] in rows


def test_show_lists_the_rules_of_a_host_in_order_with_hidden_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _write_rule(tmp_path, "japannews", 'hosts = ["japannews.yomiuri.co.jp"]\ndrop = [".ad"]\n')
    _write_rule(tmp_path, "jn-extra", 'hosts = ["*.yomiuri.co.jp"]\ndrop_text = ["^Ad$"]\n')
    url = "https://japannews.yomiuri.co.jp/world/1/"
    status, out, _ = _run(capsys, "rules", "show", url, "--rules", str(tmp_path))
    assert status == 0
    numbered = [line for line in out.splitlines() if line[:1].isdigit()]
    assert [line.split()[1] for line in numbered] == ["japannews", "jn-extra"]
    assert "drop: .ad" in out
    assert "(hidden: japannews [builtin]" in out


def test_show_host_lists_every_rule_of_the_host_with_its_paths(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _write_rule(tmp_path, "harbour", 'hosts = ["harbour.example"]\npaths = ["/news/*"]\n')
    _write_rule(tmp_path, "harbour-all", 'hosts = ["harbour.example"]\ndrop_text = ["^Ad$"]\n')
    status, out, _ = _run(capsys, "rules", "show", "harbour.example", "--rules", str(tmp_path))
    assert status == 0 and "no site rule applies" not in out
    numbered = [line.split()[1] for line in out.splitlines() if line[:1].isdigit()]
    assert numbered == ["harbour", "harbour-all"]  # a rule with paths is more specific
    assert "paths: /news/*" in out and "give a URL" in out


@pytest.mark.parametrize(
    ("url", "applied", "not_applied"),
    [
        ("https://harbour.example/news/1", ["harbour", "harbour-all"], []),
        ("https://harbour.example/sport/1", ["harbour-all"], ["harbour"]),
    ],
)
def test_show_url_says_which_rules_apply_to_that_page(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    url: str,
    applied: list[str],
    not_applied: list[str],
) -> None:
    _write_rule(tmp_path, "harbour", 'hosts = ["harbour.example"]\npaths = ["/news/*"]\n')
    _write_rule(tmp_path, "harbour-all", 'hosts = ["harbour.example"]\ndrop_text = ["^Ad$"]\n')
    status, out, _ = _run(capsys, "rules", "show", url, "--rules", str(tmp_path))
    assert status == 0
    assert [line.split()[1] for line in out.splitlines() if line[:1].isdigit()] == applied
    skipped = [line.split()[2] for line in out.splitlines() if "(not applied:" in line]
    assert skipped == not_applied
    if not_applied:
        assert "is for the paths /news/*, not /sport/1" in out


def test_show_path_rule_alone_and_a_url_outside_its_paths(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _write_rule(tmp_path, "harbour", 'hosts = ["harbour.example"]\npaths = ["/news/*"]\n')
    url = "https://harbour.example/sport/1"
    status, out, _ = _run(capsys, "rules", "show", url, "--rules", str(tmp_path))
    assert status == 0
    assert f"no site rule applies to {url}" in out and "(not applied: harbour" in out


def test_clean_with_rules_and_no_url_warns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _write_rule(tmp_path / "rules", "harbour", 'hosts = ["harbour.example"]\n')
    page = tmp_path / "page.html"
    page.write_text(ARTICLE_PAGE.format(title="T", body="Body text."), "utf-8")
    args = ("clean", str(page), "--rules", str(tmp_path / "rules"), "-q")
    status, out, err = _run(capsys, *args)
    assert status == 0 and "Residents will be able" in out
    assert "rules-without-url" in err and "URL" in err
    status, _, err = _run(capsys, *args, "--url", "https://harbour.example/news/1")
    assert status == 0 and "rules-without-url" not in err


def test_show_says_when_no_rule_applies(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "rules", "show", "example.org")
    assert status == 0 and "no site rule applies to example.org" in out


def test_check_accepts_good_files_and_reports_bad_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = _write_rule(tmp_path, "good", 'hosts = ["a.example"]\nstop_at = "^More$"\n')
    status, out, _ = _run(capsys, "rules", "check", str(good))
    assert status == 0 and "ok" in out and "'good'" in out
    bad = _write_rule(tmp_path, "bad", 'hosts = ["a.example"]\n\nstop_at = "(More"\n')
    status, _, err = _run(capsys, "rules", "check", str(bad))
    assert status == 1
    assert str(bad) in err and "line 3" in err and "stop_at" in err and "invalid regex" in err


def test_test_runs_samples_and_fails_on_a_wrong_expectation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "page.html").write_text(ARTICLE_PAGE.format(title="T", body="Body text."), "utf-8")
    rule = """hosts = ["harbour.example"]
drop_text = ['^Sign up for the Harbour Times']
[[test]]
page = "page.html"
contains = ["Residents will be able to comment"]
excludes = ["Sign up for the Harbour Times"]
[[test]]
page = "page.html"
contains = ["Copyright 2024"]
"""
    path = _write_rule(tmp_path, "harbour", rule)
    status, out, _ = _run(capsys, "rules", "test", str(path))
    assert status == 1
    assert "PASS  harbour #1 (page.html)" in out
    assert "FAIL  harbour #2 (page.html): missing 'Copyright 2024'" in out
    assert "1 passed, 1 failed" in out


def test_test_without_path_runs_the_builtin_samples(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "rules", "test")
    assert status == 0
    assert "PASS  japannews #1 (japannews-nato-korea.html)" in out
    assert "PASS  japannews #2 (inline text)" in out


def test_missing_test_page_fails(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _write_rule(tmp_path, "x", 'hosts = ["x.example"]\n[[test]]\npage = "gone.html"\n')
    status, out, _ = _run(capsys, "rules", "test", str(path))
    assert status == 1 and "cannot read the page" in out


def _suggest_pages(tmp_path: Path) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    for n, (title, body) in enumerate(TOPICS):
        (pages / f"{n}.html").write_text(ARTICLE_PAGE.format(title=title, body=body), "utf-8")
    (pages / "notes.md").write_text("not a page", "utf-8")
    return pages


# The repeated texts of ARTICLE_PAGE: the closing paragraph of the article, which the heuristics
# keep (a leak), and the masthead, newsletter pitch and footer, which they drop on every page.
LEAK = "Residents will be able to comment on the plans until the end of the month, it added."
DROPPED = (
    "Harbour Times",
    "Sign up for the Harbour Times newsletter, with the news of the day in your inbox.",
    "Copyright 2024 Harbour Times. All rights reserved.",
)


def test_suggest_lists_what_leaks_and_hides_what_is_already_dropped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pages = _suggest_pages(tmp_path)
    args = ("rules", "suggest", str(pages), "--host", "harbour.example", "--min-share", "75")
    status, out, _ = _run(capsys, *args)
    assert status == 0
    assert "4 pages" in out and "at least 3 of them" in out
    rule = load_text(out, rule_id="suggested")
    assert rule.hosts == ("harbour.example",)
    assert [p.pattern for p in rule.drop_text] == [to_pattern(LEAK)]
    assert "on 4/4 pages, kept on 4" in out
    assert "hidden: 3 repeated texts already dropped on every page (--all lists them)" in out
    status, out, _ = _run(capsys, *args, "--all")
    rule = load_text(out, rule_id="suggested")
    assert rule.drop_text[0].pattern == to_pattern(LEAK)
    for repeated in (LEAK, *DROPPED):
        assert any(p.search(repeated) for p in rule.drop_text), repeated
    # Titles and first paragraphs differ from page to page: none of them is proposed.
    for title, body in TOPICS:
        assert not any(p.search(title) or p.search(body) for p in rule.drop_text)
    assert len(rule.drop_text) == 4
    assert out.count("kept on 0") == 3 and "hidden:" not in out


def test_suggest_ranks_leaks_by_the_share_of_pages_that_kept_them() -> None:
    mined = Mined(
        pages=10,
        threshold=2,
        suggestions=(
            Suggestion("^a$", pages=10, kept=3, example="kept on three of ten"),
            Suggestion("^b$", pages=4, kept=4, example="kept on every page it is on"),
            Suggestion("^c$", pages=10, kept=0, example="never kept"),
        ),
    )
    assert [s.pattern for s in rank(mined.suggestions)] == ["^b$", "^a$", "^c$"]
    out = format_suggestions(mined, host="x.example", directory="d")
    assert "kept on three" in out and "kept on every page" in out
    assert "never kept" not in out and "hidden: 1 repeated text already" in out


def test_suggest_share_threshold_and_empty_result(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Line number {n} is unique {'x' * n}\n", "utf-8")
    status, out, _ = _run(capsys, "rules", "suggest", str(tmp_path))
    assert status == 0 and "no block repeats often enough" in out


def test_suggest_needs_a_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = _run(capsys, "rules", "suggest", str(tmp_path / "nope"))
    assert status == 2 and "not a directory" in err


def test_pattern_generalises_digits_and_anchors_whole_lines() -> None:
    pattern = to_pattern("Comments (12) | Share")
    assert pattern == r"^Comments\s+\(\d+\)\s+\|\s+Share$"
    assert normalise("Comments (12)  |  SHARE") == normalise("comments (3) | share")
