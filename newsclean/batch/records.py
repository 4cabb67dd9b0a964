"""What a page becomes: its JSONL record, its rendered output (text, Markdown, JSON), or its error
outcome."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from newsclean.batch.values import STATUS_FAILED, Options, Outcome, Page
from newsclean.model import Article, Kind


def failure(page: Page, reason: str, message: str, warnings: Sequence[str] = ()) -> Outcome:
    """The error outcome of a page: its record carries ``"error": "<reason>: <message>"``."""
    error = f"{reason}: {message}"
    line = json.dumps(record(page, None, error, warnings), ensure_ascii=False)
    return Outcome(page.source, page.key, STATUS_FAILED, reason, 0, line, tuple(warnings))


def record(
    page: Page, article: Article | None, error: str | None = None, warnings: Sequence[str] = ()
) -> dict[str, Any]:
    """The JSONL record of a page: source, url, title, date, text, warnings, error."""
    return {
        "source": page.source,
        "url": article.url if article else page.url,
        "title": article.title if article else None,
        "date": article.date if article else None,
        "text": article.text if article else "",
        "warnings": list(article.warnings if article else warnings),
        "error": error,
    }


def render(page: Page, article: Article, options: Options) -> str:
    """The output of a cleaned page in ``options.format`` (a JSONL line has no newline)."""
    if options.format == "jsonl":
        return json.dumps(record(page, article), ensure_ascii=False)
    if options.format == "json":
        payload = {"source": page.source, **article.to_dict(explain=options.explain)}
        return json.dumps(payload, ensure_ascii=False, indent=2)
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
