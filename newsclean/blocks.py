"""Tree → blocks: one pass over the parsed page that cuts it into text blocks with features.

A block is the text between two block-level boundaries (``<p>``, ``<li>``, ``<h2>``, ``<br>``...).
The walk is iterative (``lxml.etree.iterwalk``), so deep nesting cannot overflow the stack, and it
visits each element once, so the cost is linear in the page size.

This module is the readable reference. ``segment_tree`` runs its compiled twin
(``newsclean/_blocks.pyx``: the same walk over libxml2's nodes, the same blocks) when it is built;
``newsclean.native`` chooses, and ``segment_tree_reference`` is always this Python code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter

from lxml import etree

from newsclean import native, vocab
from newsclean.model import Block, Features, Kind

# Elements that end the current block and start a new one.
BLOCK_TAGS: frozenset[str] = frozenset(
    {
        "html",
        "body",
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "nav",
        "aside",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "legend",
        "address",
        "hr",
        "br",
        "center",
        "details",
        "summary",
        "menu",
        "hgroup",
        "picture",
        "label",
        "output",
    }
)
# Block tags that give their block a kind other than paragraph (nearest one wins).
KIND_BY_TAG: dict[str, Kind] = {
    "h1": Kind.HEADING,
    "h2": Kind.HEADING,
    "h3": Kind.HEADING,
    "h4": Kind.HEADING,
    "h5": Kind.HEADING,
    "h6": Kind.HEADING,
    "li": Kind.LIST_ITEM,
    "dt": Kind.LIST_ITEM,
    "dd": Kind.LIST_ITEM,
    "figcaption": Kind.CAPTION,
    "caption": Kind.CAPTION,
    "blockquote": Kind.QUOTE,
    "pre": Kind.PREFORMATTED,
    "td": Kind.TABLE_CELL,
    "th": Kind.TABLE_CELL,
}
HEADING_LEVELS: dict[str, int] = {f"h{n}": n for n in range(1, 7)}
# How many of the nearest ancestors a block remembers for its tag path and class tokens.
MAX_ANCESTRY = 16
# How many of the nearest ancestors a block remembers by number, for finding the body container
# (deeper than the tag path: a page's article element can sit far above its paragraphs).
MAX_ANCESTOR_NUMBERS = 48
# Class and id tokens that name page furniture, strong or weak.
FURNITURE_TOKENS: frozenset[str] = vocab.NEGATIVE_TOKENS | vocab.WEAK_NEGATIVE_TOKENS
# Elements whose class and id names describe the whole page (WordPress puts "sidebar",
# "footer-widgets" on <body>), not the blocks inside: their tokens are not inherited.
PAGE_TAGS: frozenset[str] = frozenset({"html", "body"})
# The element whose content is read only when the page has no body without it.
NOSCRIPT = "noscript"
# Inline style values that hide an element from readers.
HIDDEN_STYLES: tuple[str, ...] = ("display:none", "visibility:hidden")
# ``vocab.WORD`` and ``vocab.SENTENCE_END`` restricted to ASCII text, for the ``re`` engine: on
# ASCII text "\\w" is [A-Za-z0-9_] in both engines, the non-ASCII marks cannot occur, and the
# ``regex`` engine's "\\s" is exactly the six characters below.
_ASCII_TOKEN_SPLIT = re.compile(vocab.TOKEN_SPLIT.pattern)
_ASCII_WORD = re.compile(r"[A-Za-z0-9_]+")
_ASCII_SENTENCE_END = re.compile(r"[.!?:;][\"')\]]*[ \t\n\r\f\v]*$")
# Class and id names read per element: real elements rarely have more than a dozen, and every
# block below an element carries its tokens, so thousands of names would cost every block.
MAX_CLASS_NAMES = 16


# The tokens of an element without class or id (shared: frozensets are immutable).
_EMPTY: frozenset[str] = frozenset()
# Attributes that may hide an element; the few elements that carry them are found by one XPath
# query before the walk instead of two attribute reads on every element.
_MAY_HIDE = etree.XPath("descendant-or-self::*/@style/..|descendant-or-self::*/@hidden/..")


def class_tokens(element: etree._Element) -> frozenset[str]:
    """Lower-cased class and id names of ``element`` and their parts ("relatedPosts" →
    {"relatedposts", "related", "posts"})."""
    return _tokens_of(element.get("class"), element.get("id"), {})


def _tokens_of(
    class_: str | None, id_: str | None, names_seen: dict[str, tuple[str, ...]]
) -> frozenset[str]:
    """``class_tokens`` of an element's class and id values; ``names_seen`` remembers the tokens
    of each name (a page repeats a few dozen class names on hundreds of elements)."""
    raw = f"{class_ or ''} {id_ or ''}".strip()
    if not raw:
        return _EMPTY
    tokens: set[str] = set()
    for name in raw.split()[:MAX_CLASS_NAMES]:
        known = names_seen.get(name)
        if known is None:
            known = names_seen[name] = _name_tokens(name)
        tokens.update(known)
    return frozenset(tokens)


def _name_tokens(name: str) -> tuple[str, ...]:
    """One class or id name, lower-cased, and its parts unless it names a state ("is-active")."""
    if name.isalnum() and name.islower():
        # One lower-case word: TOKEN_SPLIT finds no separator and no case change in it.
        return (name,)
    # Names hold no whitespace (they come from str.split), so on ASCII names the two engines
    # split alike; the standard library's is the faster.
    splitter = _ASCII_TOKEN_SPLIT if name.isascii() else vocab.TOKEN_SPLIT
    parts = [part.lower() for part in splitter.split(name) if part]
    if parts and parts[0] not in vocab.STATE_PREFIXES:
        return (name.lower(), *parts)
    return (name.lower(),)


def is_hidden(element: etree._Element) -> bool:
    """True for elements a reader never sees: the ``hidden`` attribute or an inline style."""
    return element.get("hidden") is not None or style_hides(element.get("style"))


def style_hides(style: str | None) -> bool:
    """True when an inline ``style`` value hides its element (``display: none``...)."""
    if (style and "none" in style) or (style and "hidden" in style):
        compact = style.replace(" ", "").lower()
        return any(s in compact for s in HIDDEN_STYLES)
    return False


def hidden_elements(root: etree._Element) -> set[etree._Element]:
    """The elements of the tree that ``is_hidden`` reads as hidden."""
    return {element for element in _MAY_HIDE(root) if is_hidden(element)}


@dataclass(slots=True)
class _Walk:
    """The open elements of the walk, one list per property (outermost first): a block's tag
    path, class tokens and ancestor numbers are then slices of these lists, not loops."""

    tags: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    tokens: list[frozenset[str]] = field(default_factory=list)
    # The element's number when its tokens name furniture, else 0.
    furniture: list[int] = field(default_factory=list)
    # Reasons the blocks inside the element start with (site rules' selector matches).
    marks: list[tuple[str, ...]] = field(default_factory=list)


def segment_tree(
    root: etree._Element,
    *,
    max_blocks: int,
    marks: Mapping[etree._Element, tuple[str, ...]] | None = None,
    reveal: bool = False,
) -> tuple[list[Block], bool]:
    """Cut the tree into blocks in document order (``segment_tree_reference`` says how): by the
    compiled twin when it is built, else by the reference."""
    compiled = native.load("blocks")
    walk = segment_tree_reference if compiled is None else compiled.segment_tree
    return walk(root, max_blocks=max_blocks, marks=marks, reveal=reveal)


def segment_tree_reference(
    root: etree._Element,
    *,
    max_blocks: int,
    marks: Mapping[etree._Element, tuple[str, ...]] | None = None,
    reveal: bool = False,
) -> tuple[list[Block], bool]:
    """Cut the tree into blocks in document order.

    ``reveal`` walks into ``<noscript>`` and hidden elements (the ``hidden`` attribute or an
    inline style), skipped otherwise: some pages serve their whole content there, for clients
    without scripts (Discourse forums), for a script to move into place (React's streamed
    ``<div hidden id="S:0">``) or to show once the page has loaded (a whole page inside
    ``<div style="visibility:hidden">``).

    ``marks`` maps elements to reasons that every block inside them starts with: site rules
    (``newsclean.rules.apply.tree_marks``) say which blocks their selectors matched this way,
    without changing the tree.

    Returns the blocks and whether segmentation stopped at ``max_blocks``.

    This loop runs once per element of every page, so it is written for speed: the walk's lists
    are pushed and popped through local names, and the text buffer is two local variables.
    """
    blocks: list[Block] = []
    walk = _Walk()
    open_tags, open_numbers, open_tokens = walk.tags, walk.numbers, walk.tokens
    open_furniture, open_marks = walk.furniture, walk.marks
    # Text collected since the last block boundary, and how much of it sits inside links.
    pieces: list[str] = []
    add = pieces.append
    link_chars = 0
    links_open = 0
    # The links of the current block as (anchor text, href), and where the open link's text
    # starts in ``pieces``.
    links: list[tuple[str, str]] = []
    link_start = 0
    href: str | None = None
    number = 0
    # Class tokens and their furniture flag by the attributes' values: a page repeats a few
    # dozen class names on hundreds of elements.
    tokens_seen: dict[tuple[str | None, str | None], tuple[frozenset[str], bool]] = {}
    names_seen: dict[str, tuple[str, ...]] = {}
    hidden = hidden_elements(root)
    if reveal:
        hidden = set()
    dropped, block_tags, page_tags = vocab.DROPPED_TAGS, BLOCK_TAGS, PAGE_TAGS
    if reveal:
        dropped = dropped - {NOSCRIPT}
    # Set when the walk skips a subtree: the next event is that element's end.
    skipped = False
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        if skipped or not isinstance(tag, str):
            # A skipped element, a comment or a processing instruction: only the tail is text.
            if event == "end":
                skipped = False
                tail = element.tail
                if tail:
                    add(tail)
                    if links_open:
                        link_chars += len(tail.strip())
            continue
        if event == "start":
            tag = tag.lower()
            if tag in dropped or (hidden and element in hidden):
                walker.skip_subtree()
                skipped = True
                continue
            if tag in block_tags:
                if pieces:
                    _flush(pieces, link_chars, walk, blocks, links)
                    link_chars = link_start = 0
                if len(blocks) >= max_blocks:
                    return blocks, True
            number += 1
            if tag in page_tags:
                tokens, furniture = _EMPTY, False
            else:
                key = (element.get("class"), element.get("id"))
                known = tokens_seen.get(key)
                if known is None:
                    tokens = _tokens_of(*key, names_seen)
                    known = tokens_seen[key] = (tokens, not FURNITURE_TOKENS.isdisjoint(tokens))
                tokens, furniture = known
            inherited = open_marks[-1] if open_marks else ()
            if marks and element in marks:
                inherited = (*inherited, *marks[element])
            open_tags.append(tag)
            open_numbers.append(number)
            open_tokens.append(tokens)
            open_furniture.append(number if furniture else 0)
            open_marks.append(inherited)
            if tag == "a":
                links_open += 1
                href = element.get("href")
                link_start = len(pieces)
            text = element.text
            if text:
                add(text)
                if links_open:
                    link_chars += len(text.strip())
        else:
            tag = open_tags[-1]
            if pieces and tag in block_tags:
                _flush(pieces, link_chars, walk, blocks, links)
                link_chars = link_start = 0
            open_tags.pop()
            open_numbers.pop()
            open_tokens.pop()
            open_furniture.pop()
            open_marks.pop()
            if tag == "a":
                links_open -= 1
                if href:
                    # The anchor as written; renderers collapse its whitespace as in the text.
                    links.append(("".join(pieces[link_start:]), href))
                    href = None
            tail = element.tail
            if tail:
                add(tail)
                if links_open:
                    link_chars += len(tail.strip())
    if pieces:
        _flush(pieces, link_chars, walk, blocks, links)
    return blocks, False


def _flush(
    pieces: list[str],
    link_chars: int,
    walk: _Walk,
    blocks: list[Block],
    links: list[tuple[str, str]],
) -> None:
    """Turn the collected text into a block (none when it is only whitespace); empties
    ``pieces`` and ``links``."""
    raw = "".join(pieces)
    text = " ".join(raw.split())
    pieces.clear()
    block_links: tuple[tuple[str, str], ...] = ()
    if links:
        block_links = tuple(links)
        links.clear()
    if not text:
        return
    tags = tuple(walk.tags[-MAX_ANCESTRY:])
    kind, level, block_tag = _kind_of(tags)
    chars, words, sentence_end, inner_punct, capitalised = text_counts(text)
    link_chars = min(link_chars, len(text))
    # Features built here rather than through ``measure``: the same fields, one call less per
    # block.
    features = Features(
        chars=chars,
        words=words,
        link_chars=link_chars,
        link_density=link_chars / len(text),
        sentence_end=sentence_end,
        inner_punct=inner_punct,
        tag=block_tag,
        path=tags,
        tokens=_EMPTY.union(*walk.tokens[-MAX_ANCESTRY:]),
        heading_level=level,
        in_list="li" in tags or "dd" in tags or "dt" in tags,
        ancestors=tuple(walk.numbers[-MAX_ANCESTOR_NUMBERS:]),
        furniture_from=max(walk.furniture[-MAX_ANCESTRY:], default=0),
        capitalised=capitalised,
        links=block_links,
        verbatim=raw if kind is Kind.PREFORMATTED else "",
    )
    reasons = walk.marks[-1] if walk.marks else ()
    blocks.append(
        Block(index=len(blocks), text=text, kind=kind, features=features, reasons=reasons)
    )


def _kind_of(tags: tuple[str, ...]) -> tuple[Kind, int, str]:
    """Kind, heading level and block tag from the ancestor tags (nearest first wins)."""
    block_tag = ""
    for tag in reversed(tags):
        if tag in BLOCK_TAGS and not block_tag:
            block_tag = tag
        kind = KIND_BY_TAG.get(tag)
        if kind is not None:
            return kind, HEADING_LEVELS.get(tag, 0), block_tag or tag
    return Kind.PARAGRAPH, 0, block_tag


def measure(
    text: str,
    *,
    link_chars: int = 0,
    tag: str = "",
    path: tuple[str, ...] = (),
    tokens: Iterable[str] = (),
    heading_level: int = 0,
    in_list: bool = False,
    ancestors: tuple[int, ...] = (),
    furniture_from: int = 0,
    bullet: bool = False,
    rank: bool = False,
) -> Features:
    """Features of one block of text; shared by HTML and plain-text segmentation."""
    chars, words, sentence_end, inner_punct, capitalised = text_counts(text)
    return Features(
        chars=chars,
        words=words,
        link_chars=link_chars,
        link_density=link_chars / len(text) if text else 0.0,
        sentence_end=sentence_end,
        inner_punct=inner_punct,
        tag=tag,
        path=path,
        tokens=frozenset(tokens),
        heading_level=heading_level,
        in_list=in_list,
        ancestors=ancestors,
        furniture_from=furniture_from,
        bullet=bullet,
        rank=rank,
        capitalised=capitalised,
    )


def text_counts(text: str) -> tuple[int, int, bool, int, float]:
    """What ``measure`` reads in the text itself: characters (CJK characters count double),
    words (CJK: one per two characters), sentence ending, inner punctuation marks, and the share
    of words that start with a capital."""
    if text.isascii():
        # The same counts as the vocabulary's Unicode patterns give on ASCII text, with the
        # standard library's faster engine and str.count.
        found = _ASCII_WORD.findall(text)
        words = len(found)
        capitals = sum(map(str.isupper, map(itemgetter(0), found)))
        cjk = 0
        sentence_end = _ASCII_SENTENCE_END.search(text) is not None
        inner_punct = text.count(",") + text.count(";") + text.count(":")
    else:
        found = vocab.WORD.findall(text)
        words = len(found)
        cjk = len(vocab.CJK.findall(text))
        capitals = sum(map(str.isupper, map(itemgetter(0), found))) if not cjk else 0
        sentence_end = vocab.SENTENCE_END.search(text) is not None
        inner_punct = len(vocab.INNER_PUNCT.findall(text))
    capitalised = capitals / words if words and not cjk else 0.0
    return len(text) + cjk, max(words, cjk // 2), sentence_end, inner_punct, capitalised
