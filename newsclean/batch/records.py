"""What a page becomes: its JSONL record, its rendered output (text, Markdown, HTML, JSON), or its
error outcome."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from newsclean.batch.values import STATUS_FAILED, Options, Outcome, Page
from newsclean.model import Article

# A code point that UTF-8 cannot encode: how Python holds the undecodable bytes of a file name.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Indentation of a ``--format json`` file.
JSON_INDENT = 2


def failure(page: Page, reason: str, message: str, warnings: Sequence[str] = ()) -> Outcome:
    """The error outcome of a page: its record carries ``"error": "<reason>: <message>"``."""
    error = f"{reason}: {message}"
    line = to_json(record(page, None, error, warnings))
    return Outcome(
        page.source, page.key, STATUS_FAILED, reason, 0, line, tuple(warnings), url=page.url
    )


def record(
    page: Page, article: Article | None, error: str | None = None, warnings: Sequence[str] = ()
) -> dict[str, Any]:
    """The JSONL record of a page: source, url, title, date, author, sitename, text, warnings,
    error. (An empty article is false, so "no article" is tested with ``is None``.)"""
    if article is None:
        article = Article(text="", url=page.url, warnings=tuple(warnings))
    return {
        "source": page.source,
        "url": article.url or page.url,
        "title": article.title,
        "date": article.date,
        "author": article.author,
        "sitename": article.sitename,
        "text": article.text,
        "warnings": list(article.warnings),
        "error": error,
    }


def to_json(payload: dict[str, Any], indent: int | None = None) -> str:
    """``payload`` as JSON, non-ASCII text as itself; a file name that is not valid UTF-8 (its
    undecodable bytes are lone surrogates in Python) keeps them as ``\\udcXX`` escapes, so that
    the line is valid UTF-8 and ``os.fsencode(json.loads(line)["source"])`` gives the name's
    bytes back."""
    text = json.dumps(payload, ensure_ascii=False, indent=indent)
    return LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def render(page: Page, article: Article, options: Options) -> str:
    """The output of a cleaned page in ``options.format`` (a JSONL line has no newline)."""
    if options.format == "jsonl":
        return to_json(record(page, article))
    if options.format == "json":
        payload = {"source": page.source, **article.to_dict(explain=options.explain)}
        return to_json(payload, indent=JSON_INDENT)
    if options.format == "markdown":
        return article.to_markdown()
    if options.format == "html":
        return article.to_html()
    return article.text
