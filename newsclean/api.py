"""``clean()``: the public entry point, and the assembly of the pipeline's stages.

bytes → text (``parse.decode``) → tree (``parse.parse_html``) or lines → blocks (``blocks`` /
``text``) → scored blocks (``score``) → decided blocks (``context``, ``tables``) → ``Article``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from lxml import etree

from newsclean import errors, metadata, pagetype, parse
from newsclean.blocks import segment_tree
from newsclean.context import best_candidate, decide
from newsclean.model import Article, Block
from newsclean.rules import Layer, RuleSet, SiteRules, resolve
from newsclean.rules.apply import apply_block_rules, merge_blocks, tree_marks
from newsclean.score import score_blocks
from newsclean.settings import (
    DEFAULT_SETTINGS,
    FAVOR_SETTINGS,
    FAVORS,
    Favor,
    Settings,
    for_page,
)
from newsclean.tables import keep_body_tables
from newsclean.text import segment_text

SourceKind = Literal["html", "text"]
# Blocks at the start of a plain-text page searched for the title and the dateline.
TEXT_HEADER_BLOCKS = 4
# Longest line read as a dateline in plain text.
DATELINE_MAX_CHARS = 80
# The warning of a page on which nothing read as body and the best candidate was kept.
FALLBACK_WARNING = "nothing read as body; the best candidate was kept (check the result)"
# Whether a tree holds a <noscript> element with elements inside, or an element that may be
# hidden (the hidden attribute, an inline style): then a page with no body is read again.
_CONCEALED = etree.XPath("boolean(//noscript/*|//*[@hidden]|//*[@style])")
# Longest str checked for naming a file (Linux's PATH_MAX): a page is longer or has a newline.
PATH_MAX_CHARS = 4096


@errors.contained
def clean(
    source: bytes | bytearray | memoryview | str,
    *,
    url: str | None = None,
    kind: SourceKind | None = None,
    rules: RuleSet | str | Path | None = None,
    settings: Settings | None = None,
    favor: Favor = "balanced",
    encoding: str | None = None,
) -> Article:
    """Extract the article from a page.

    ``source`` is HTML (bytes in any encoding, or str) or plain text that a scraper already pulled
    out of a page (its content: a str that names a file gets a ``source-is-path`` warning);
    ``kind`` forces one reading, otherwise markup decides. ``url`` is reported on
    the article and picks the site rules by its host. ``rules`` is a ``RuleSet`` or a rule file or
    directory, placed above the discovered rules (``NEWSCLEAN_RULES``, plugins, built-in); given
    without ``url``, none can apply and the article says so (``rules-without-url``).
    ``RuleSet.none()`` switches site rules off. ``encoding`` is the charset the transport
    declared for bytes (an HTTP ``Content-Type``'s ``charset``): it goes before the page's own
    ``<meta>`` declaration and after a byte-order mark and bytes that are valid UTF-8 (see
    ``parse.decode``). ``favor`` trades precision for recall:
    ``"precision"`` keeps only the body's main run, ``"recall"`` also what merely may be body.
    ``Article.page_type`` says what kind of page it was taken for. Returns an ``Article``,
    empty with a warning when there is nothing to extract; raises ``TypeError`` for a wrong
    argument type, ``ValueError`` for a wrong ``kind`` or ``favor``, ``RuleError`` for a bad rule
    file and ``InputTooLarge`` above ``settings.max_bytes`` (raw or decompressed:
    gzip and zlib pages are inflated transparently). No other error escapes: see ``errors``.
    """
    rule_set = resolve(rules)
    site = rule_set.for_url(url)
    settings = site.settings(settings or DEFAULT_SETTINGS)
    if kind not in (None, "html", "text"):
        raise ValueError(f"kind must be 'html', 'text' or None, not {kind!r}")
    if favor not in FAVORS:
        raise ValueError(f"favor must be one of {', '.join(FAVORS)}, not {favor!r}")
    text, utf8, warnings = _read(source, settings, encoding)
    warnings.extend(_rules_warnings(rule_set, url))
    if text is None:
        return Article(text="", url=url, warnings=tuple(warnings))
    mode: SourceKind = kind or ("html" if parse.looks_like_html(text) else "text")
    if mode == "html":
        decided, meta, kind = _html_decided(text, url, settings, site, favor, warnings, utf8)
    else:
        blocks, cut = segment_text(text, max_blocks=settings.max_blocks)
        _warn_cut(cut, settings, warnings)
        meta = _text_metadata(blocks, url)
        kind = pagetype.guess(url, blocks, title=meta.title, dated=meta.date is not None)
        settings = settings.replace(**FAVOR_SETTINGS.get(favor, {}))
        decided = _decide(blocks, settings, site, meta.page_title, fallback_warnings=warnings)
    return _assemble(decided, meta, mode, kind, warnings)


def _warn_cut(cut: bool, settings: Settings, warnings: list[str]) -> None:
    if cut:
        warnings.append(
            errors.warning(errors.TRUNCATED, f"page cut after {settings.max_blocks:,} blocks")
        )


def _decide(
    blocks: list[Block],
    settings: Settings,
    site: SiteRules,
    title: str | None,
    *,
    fallback_warnings: list[str] | None = None,
) -> list[Block]:
    """Scoring, the site's block rules, then the context pass over the rest. With
    ``fallback_warnings``, a pass that keeps nothing falls back to the best body candidate
    among the blocks no rule decided (``context.best_candidate``), and says so there."""
    ruled, rest = apply_block_rules(score_blocks(blocks, settings), site)
    decided = decide(rest, settings, title=title)
    if fallback_warnings is not None and not any(b.kept for b in (*ruled, *decided)):
        candidate = best_candidate(rest, settings, title=title)
        if candidate is not None:
            decided = candidate
            fallback_warnings.append(errors.warning(errors.BEST_CANDIDATE, FALLBACK_WARNING))
    decided = merge_blocks(ruled, decided)
    # A data table inside the body is kept whole, not torn cell by cell.
    return keep_body_tables(decided)


def _read(
    source: bytes | bytearray | memoryview | str, settings: Settings, encoding: str | None = None
) -> tuple[str | None, bytes | None, list[str]]:
    """Source → text, or None with the warning that says why there is nothing to read; and the
    text's UTF-8 when the source was exactly that (``parse.Decoded.utf8``)."""
    if isinstance(source, str):
        parse.check_size(len(source), settings)
        if not source or source.isspace():
            return None, None, [errors.warning(errors.EMPTY_INPUT, "the input is empty")]
        return source, None, _path_warnings(source)
    if not isinstance(source, (bytes, bytearray, memoryview)):
        raise TypeError(f"clean() takes bytes or str, not {type(source).__name__}")
    data = bytes(source)
    parse.check_size(len(data), settings)
    data, inflated = parse.inflate(data, settings)
    if not data or data.isspace():  # as ``not data.strip()``, without a copy of the page
        return None, None, [errors.warning(errors.EMPTY_INPUT, "the input is empty")]
    if parse.is_binary(data):
        binary = errors.warning(errors.BINARY_INPUT, "the input is binary, not a page")
        return None, None, [*inflated, binary]
    decoded = parse.decode(data, transport=encoding)
    return decoded.text, decoded.utf8, [*inflated, *decoded.warnings]


def _path_warnings(source: str) -> list[str]:
    """A warning when ``source`` looks like a file name rather than a page: a short str without a
    newline that names an existing file. The file is only looked up, never opened."""
    if len(source) > PATH_MAX_CHARS or "\n" in source:
        return []
    try:
        names_a_file = Path(source).is_file()
    except (OSError, ValueError):  # a NUL byte, a name too long for the file system
        return []
    if not names_a_file:
        return []
    message = (
        f"{source!r} names a file, but clean() takes the page's content, not a path: "
        "pass the file's bytes (Path(name).read_bytes())"
    )
    return [errors.warning(errors.SOURCE_IS_PATH, message)]


def _rules_warnings(rule_set: RuleSet, url: str | None) -> list[str]:
    """A warning when the caller passed site rules but no URL: every rule is keyed by host, so
    without the page's URL none of them can apply."""
    if url or not any(rule.layer is Layer.EXPLICIT for rule in rule_set):
        return []
    message = (
        "site rules were given but not the page's URL; rules apply by host, so none applied: "
        "pass url= (--url), or clean WARC records, which carry their URL"
    )
    return [errors.warning(errors.RULES_WITHOUT_URL, message)]


def _html_decided(
    text: str,
    url: str | None,
    settings: Settings,
    site: SiteRules,
    favor: Favor,
    warnings: list[str],
    utf8: bytes | None = None,
) -> tuple[list[Block], metadata.Metadata, pagetype.Guess | None]:
    """Parse, segment and decide a page with markup (``utf8``: its UTF-8, when at hand); its
    metadata from the same tree."""
    parsed = parse.parse_page(text, settings, utf8=utf8)
    warnings.extend(parsed.warnings)
    tree = parsed.tree
    if tree is None:
        return [], metadata.Metadata(url=url), None
    # The rules' selectors mark elements; segmentation hands the marks to the blocks inside.
    marks = tree_marks(tree, site)
    meta = metadata.from_tree(tree, url)
    blocks, cut = segment_tree(tree, max_blocks=settings.max_blocks, marks=marks)
    kind = pagetype.guess(
        url,
        blocks,
        declared_types=meta.declared_types,
        og_type=meta.og_type,
        title=meta.page_title,
        dated=meta.date is not None,
        authored=bool(meta.authors),
    )
    settings = for_page(settings, kind.page_type, favor)
    decided = _decide(blocks, settings, site, meta.page_title)
    if not any(b.kept for b in decided):
        if _CONCEALED(tree):
            # No body in sight: read what the page hides for clients without scripts, or for a
            # script to reveal.
            blocks, cut = segment_tree(
                tree, max_blocks=settings.max_blocks, marks=marks, reveal=True
            )
        decided = _decide(blocks, settings, site, meta.page_title, fallback_warnings=warnings)
    _warn_cut(cut, settings, warnings)
    return decided, meta, kind


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
    blocks: Sequence[Block],
    meta: metadata.Metadata,
    mode: SourceKind,
    kind: pagetype.Guess | None,
    warnings: list[str],
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
        page_type=kind.page_type if kind else None,
        page_type_reason=kind.reason if kind else None,
    )
