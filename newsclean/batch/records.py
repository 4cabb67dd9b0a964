"""What a page becomes: its JSONL record, its rendered output (text, Markdown, JSON), or its error
outcome."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from newsclean.batch.values import STATUS_FAILED, Options, Outcome, Page
from newsclean.model import Article, Kind

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
        return to_markdown(article)
    return article.text


# Markdown prefix of each kind of kept block (headings get one "#" per level).
MARKDOWN_PREFIX = {Kind.LIST_ITEM: "- ", Kind.QUOTE: "> "}
# Heading level used when the page does not say.
MARKDOWN_DEFAULT_HEADING = 2


def to_markdown(article: Article) -> str:
    """The article as Markdown: the title as ``#``, then the kept blocks by kind (the items of
    a list on consecutive lines)."""
    out = f"# {article.title}" if article.title else ""
    previous: Kind | None = None
    for block in article.kept_blocks:
        if block.kind == Kind.HEADING and block.text == article.title:
            continue
        tight = block.kind == previous == Kind.LIST_ITEM
        out += ("\n" if tight else "\n\n") if out else ""
        out += _markdown_block(block.kind, block.text, block.features.heading_level)
        previous = block.kind
    return out


def _markdown_block(kind: Kind, text: str, heading_level: int) -> str:
    if kind == Kind.HEADING:
        return f"{'#' * max(heading_level, MARKDOWN_DEFAULT_HEADING)} {text}"
    if kind == Kind.PREFORMATTED:
        return f"```\n{text}\n```"
    return MARKDOWN_PREFIX.get(kind, "") + text
