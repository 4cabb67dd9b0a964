"""``clean()``: the public entry point, and the assembly of the pipeline's stages.

bytes → text (``parse.decode``) → tree (``parse.parse_html``) or lines → blocks (``blocks`` /
``text``) → scored blocks (``score``) → decided blocks (``context``) → ``Article``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from newsclean import errors, metadata, parse
from newsclean.blocks import segment_tree
from newsclean.context import decide
from newsclean.model import Article, Block
from newsclean.rules import RuleSet, SiteRules, resolve
from newsclean.rules.apply import apply_block_rules, merge_blocks, tree_marks
from newsclean.score import score_blocks
from newsclean.settings import DEFAULT_SETTINGS, Settings
from newsclean.text import segment_text

SourceKind = Literal["html", "text"]
# Blocks at the start of a plain-text page searched for the title and the dateline.
TEXT_HEADER_BLOCKS = 4
# Longest line read as a dateline in plain text.
DATELINE_MAX_CHARS = 80


@errors.contained
def clean(
    source: bytes | bytearray | memoryview | str,
    *,
    url: str | None = None,
    kind: SourceKind | None = None,
    rules: RuleSet | str | Path | None = None,
    settings: Settings | None = None,
) -> Article:
    """Extract the article from a page.

    ``source`` is HTML (bytes in any encoding, or str) or plain text that a scraper already pulled
    out of a page; ``kind`` forces one reading, otherwise markup decides. ``url`` is reported on
    the article and picks the site rules by its host. ``rules`` is a ``RuleSet`` or a rule file or
    directory, placed above the discovered rules (``NEWSCLEAN_RULES``, plugins, built-in);
    ``RuleSet.none()`` switches site rules off. Returns an ``Article``, empty with a warning when
    there is nothing to extract; raises ``TypeError`` for a wrong argument type, ``RuleError`` for
    a bad rule file and ``InputTooLarge`` above ``settings.max_bytes`` (raw or decompressed:
    gzip and zlib pages are inflated transparently). No other error escapes: see ``errors``.
    """
    site = resolve(rules).for_url(url)
    settings = site.settings(settings or DEFAULT_SETTINGS)
    if kind not in (None, "html", "text"):
        raise ValueError(f"kind must be 'html', 'text' or None, not {kind!r}")
    text, warnings = _read(source, settings)
    if text is None:
        return Article(text="", url=url, warnings=tuple(warnings))
    mode: SourceKind = kind or ("html" if parse.looks_like_html(text) else "text")
    if mode == "html":
        blocks, meta, cut = _html_blocks(text, url, settings, site, warnings)
    else:
        blocks, cut = segment_text(text, max_blocks=settings.max_blocks)
        meta = _text_metadata(blocks, url)
    if cut:
        warnings.append(
            errors.warning(errors.TRUNCATED, f"page cut after {settings.max_blocks:,} blocks")
        )
    # Blocks the site rules decide never reach the context pass; it decides the rest.
    ruled, rest = apply_block_rules(score_blocks(blocks, settings), site)
    decided = merge_blocks(ruled, decide(rest, settings, title=meta.page_title))
    return _assemble(decided, meta, mode, warnings)


def _read(
    source: bytes | bytearray | memoryview | str, settings: Settings
) -> tuple[str | None, list[str]]:
    """Source → text, or None with the warning that says why there is nothing to read."""
    if isinstance(source, str):
        parse.check_size(len(source), settings)
        if not source.strip():
            return None, [errors.warning(errors.EMPTY_INPUT, "the input is empty")]
        return source, []
    if not isinstance(source, (bytes, bytearray, memoryview)):
        raise TypeError(f"clean() takes bytes or str, not {type(source).__name__}")
    data = bytes(source)
    parse.check_size(len(data), settings)
    data, inflated = parse.inflate(data, settings)
    if not data.strip():
        return None, [errors.warning(errors.EMPTY_INPUT, "the input is empty")]
    if parse.is_binary(data):
        binary = errors.warning(errors.BINARY_INPUT, "the input is binary, not a page")
        return None, [*inflated, binary]
    decoded = parse.decode(data)
    return decoded.text, [*inflated, *decoded.warnings]


def _html_blocks(
    text: str, url: str | None, settings: Settings, site: SiteRules, warnings: list[str]
) -> tuple[list[Block], metadata.Metadata, bool]:
    parsed = parse.parse_page(text, settings)
    warnings.extend(parsed.warnings)
    tree = parsed.tree
    if tree is None:
        return [], metadata.Metadata(url=url), False
    # The rules' selectors mark elements; segmentation hands the marks to the blocks inside.
    marks = tree_marks(tree, site)
    blocks, cut = segment_tree(tree, max_blocks=settings.max_blocks, marks=marks)
    return blocks, metadata.from_tree(tree, url), cut


def _text_metadata(blocks: Sequence[Block], url: str | None) -> metadata.Metadata:
    """Title (a first line that is not a sentence) and date (a dateline near the top)."""
    head = blocks[:TEXT_HEADER_BLOCKS]
    title = None
    if head and not head[0].features.sentence_end and head[0].features.words >= 2:
        title = head[0].text
    date = next(
        (
            d
            for b in head
            if b.features.chars <= DATELINE_MAX_CHARS
            and (d := metadata.parse_dateline(b.text)) is not None
        ),
        None,
    )
    return metadata.Metadata(title=title, date=date, url=url, page_title=title)


def _assemble(
    blocks: Sequence[Block], meta: metadata.Metadata, mode: SourceKind, warnings: list[str]
) -> Article:
    paragraphs = tuple(b.text for b in blocks if b.kept)
    if not blocks:
        warnings.append(errors.warning(errors.NO_TEXT, "the page has no text"))
    elif not paragraphs:
        warnings.append(
            errors.warning(errors.ONLY_BOILERPLATE, "every block of the page reads as boilerplate")
        )
    return Article(
        text="\n\n".join(paragraphs),
        paragraphs=paragraphs,
        title=meta.title,
        date=meta.date,
        author=meta.author,
        authors=meta.authors,
        sitename=meta.sitename,
        url=meta.url,
        mode=mode,
        blocks=tuple(blocks),
        warnings=tuple(warnings),
    )
