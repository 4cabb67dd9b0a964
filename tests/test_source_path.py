"""``clean("page.txt")``: a file name given where the page's content belongs is cleaned as the text
it is, with a ``source-is-path`` warning, and the file is never read."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest

from newsclean import clean, errors

# Words that only the file holds: they must not reach the article or its blocks.
FILE_CONTENT = "Paragraph only the file holds, with words no file name has, and an ending.\n" * 5


def _ids(warnings: tuple[str, ...]) -> set[str]:
    return {w.split(":", 1)[0] for w in warnings}


def _forbid_reading(monkeypatch: pytest.MonkeyPatch, page: Path) -> None:
    """Make every way of opening ``page`` fail the test (other files, rule files, still open)."""
    real_open = builtins.open

    def guarded_open(file: object, *args: object, **kwargs: object) -> object:
        if isinstance(file, (str, Path)) and Path(file).resolve() == page.resolve():
            raise AssertionError(f"clean() opened {file}")
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr("io.open", guarded_open)


def test_a_file_name_warns_and_the_file_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "page.txt"
    page.write_text(FILE_CONTENT, encoding="utf-8")
    _forbid_reading(monkeypatch, page)
    article = clean(str(page))
    assert errors.SOURCE_IS_PATH in _ids(article.warnings)
    warning = next(w for w in article.warnings if w.startswith(errors.SOURCE_IS_PATH))
    assert str(page) in warning and "content" in warning
    assert all("only the file holds" not in b.text for b in article.blocks)
    assert [b.text for b in article.blocks] == [str(page)]


def test_a_relative_file_name_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "page.html").write_text("<p>x</p>", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert errors.SOURCE_IS_PATH in _ids(clean("page.html").warnings)


@pytest.mark.parametrize(
    "source",
    [
        "no/such/page.txt",  # names nothing
        ".",  # a directory, not a file
        "a\x00b",  # not a possible file name
        "x" * 5000,  # longer than any path
    ],
)
def test_text_that_names_no_file_does_not_warn(source: str) -> None:
    assert errors.SOURCE_IS_PATH not in _ids(clean(source).warnings)


def test_a_page_with_a_newline_never_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A file whose name holds a newline exists, yet a str with a newline is a page.
    name = "first line\nsecond line"
    (tmp_path / name).write_text(FILE_CONTENT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert errors.SOURCE_IS_PATH not in _ids(clean(name).warnings)
