"""Tree → blocks: one pass over the parsed page that cuts it into text blocks with features.

A block is the text between two block-level boundaries (``<p>``, ``<li>``, ``<h2>``, ``<br>``...).
The walk is iterative (``lxml.etree.iterwalk``), so deep nesting cannot overflow the stack, and it
visits each element once, so the cost is linear in the page size.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter

from lxml import etree

from newsclean import vocab
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
# Inline style values that hide an element from readers.
HIDDEN_STYLES: tuple[str, ...] = ("display:none", "visibility:hidden")
# Class and id names read per element: real elements rarely have more than a dozen, and every
# block below an element carries its tokens, so thousands of names would cost every block.
MAX_CLASS_NAMES = 16


@dataclass(slots=True)
class _Open:
    """An element on the walk's stack."""

    tag: str
    number: int
    tokens: frozenset[str]
    # Reasons the blocks inside this element start with (site rules' selector matches).
    marks: tuple[str, ...] = ()


@dataclass(slots=True)
class _Buffer:
    """Text collected since the last block boundary."""

    pieces: list[str] = field(default_factory=list)
    link_chars: int = 0

    def add(self, text: str | None, in_link: bool) -> None:
        if text:
            self.pieces.append(text)
            if in_link:
                self.link_chars += len(text.strip())

    def take(self) -> tuple[str, int]:
        if not self.pieces:
            return "", 0
        text = " ".join("".join(self.pieces).split())
        link_chars = min(self.link_chars, len(text))
        self.pieces.clear()
        self.link_chars = 0
        return text, link_chars


def class_tokens(element: etree._Element) -> frozenset[str]:
    """Lower-cased class and id names of ``element`` and their parts ("relatedPosts" →
    {"relatedposts", "related", "posts"})."""
    raw = f"{element.get('class') or ''} {element.get('id') or ''}".strip()
    if not raw:
        return frozenset()
    tokens: set[str] = set()
    for name in raw.split()[:MAX_CLASS_NAMES]:
        tokens.add(name.lower())
        parts = [part.lower() for part in vocab.TOKEN_SPLIT.split(name) if part]
        if parts and parts[0] not in vocab.STATE_PREFIXES:
            tokens.update(parts)
    return frozenset(tokens)


def _cached_tokens(
    element: etree._Element, cache: dict[tuple[str | None, str | None], frozenset[str]]
) -> frozenset[str]:
    """``class_tokens`` remembered by the attributes' values: a page repeats a few dozen class
    names on hundreds of elements."""
    key = (element.get("class"), element.get("id"))
    tokens = cache.get(key)
    if tokens is None:
        tokens = cache[key] = class_tokens(element)
    return tokens


def is_hidden(element: etree._Element) -> bool:
    """True for elements a reader never sees: the ``hidden`` attribute or an inline style."""
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    if (style and "none" in style) or (style and "hidden" in style):
        compact = style.replace(" ", "").lower()
        return any(s in compact for s in HIDDEN_STYLES)
    return False


def segment_tree(
    root: etree._Element,
    *,
    max_blocks: int,
    marks: Mapping[etree._Element, tuple[str, ...]] | None = None,
) -> tuple[list[Block], bool]:
    """Cut the tree into blocks in document order.

    ``marks`` maps elements to reasons that every block inside them starts with: site rules
    (``newsclean.rules.apply.tree_marks``) say which blocks their selectors matched this way,
    without changing the tree.

    Returns the blocks and whether segmentation stopped at ``max_blocks``.
    """
    blocks: list[Block] = []
    stack: list[_Open] = []
    buffer = _Buffer()
    links_open = 0
    number = 0
    tokens_seen: dict[tuple[str | None, str | None], frozenset[str]] = {}
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        if not isinstance(tag, str):
            # Comments and processing instructions: only their tail is text.
            if event == "end":
                buffer.add(element.tail, links_open > 0)
            continue
        tag = tag.lower()
        if event == "start":
            if tag in vocab.DROPPED_TAGS or is_hidden(element):
                walker.skip_subtree()
                stack.append(_Open(tag, -1, frozenset()))
                continue
            if tag in BLOCK_TAGS:
                if buffer.pieces:
                    _flush(buffer, stack, blocks)
                if len(blocks) >= max_blocks:
                    return blocks, True
            number += 1
            tokens = frozenset() if tag in PAGE_TAGS else _cached_tokens(element, tokens_seen)
            inherited = stack[-1].marks if stack else ()
            if marks and element in marks:
                inherited = (*inherited, *marks[element])
            stack.append(_Open(tag, number, tokens, inherited))
            if tag == "a":
                links_open += 1
            buffer.add(element.text, links_open > 0)
        else:
            opened = stack.pop()
            if opened.number >= 0:
                if tag in BLOCK_TAGS and buffer.pieces:
                    stack.append(opened)
                    _flush(buffer, stack, blocks)
                    stack.pop()
                if tag == "a":
                    links_open -= 1
            buffer.add(element.tail, links_open > 0)
    _flush(buffer, stack, blocks)
    return blocks, False


def _flush(buffer: _Buffer, stack: list[_Open], blocks: list[Block]) -> None:
    text, link_chars = buffer.take()
    if not text:
        return
    near = stack[-MAX_ANCESTRY:]
    tags = tuple([o.tag for o in near])
    kind, level, block_tag = _kind_of(tags)
    tokens = frozenset().union(*[o.tokens for o in near if o.tokens])
    furniture_from = max(
        (o.number for o in near if o.tokens and not FURNITURE_TOKENS.isdisjoint(o.tokens)),
        default=0,
    )
    features = measure(
        text,
        link_chars=link_chars,
        tag=block_tag,
        path=tags,
        tokens=tokens,
        heading_level=level,
        in_list="li" in tags or "dd" in tags or "dt" in tags,
        ancestors=tuple([o.number for o in stack[-MAX_ANCESTOR_NUMBERS:] if o.number >= 0]),
        furniture_from=furniture_from,
    )
    reasons = stack[-1].marks if stack else ()
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
    chars = len(text)
    words = vocab.WORD.findall(text)
    cjk = len(vocab.CJK.findall(text)) if not text.isascii() else 0
    word_count = max(len(words), cjk // 2)
    capitals = sum(map(str.isupper, map(itemgetter(0), words))) if words and not cjk else 0
    capitalised = capitals / len(words) if words and not cjk else 0.0
    return Features(
        chars=chars + cjk,
        words=word_count,
        link_chars=link_chars,
        link_density=link_chars / chars if chars else 0.0,
        sentence_end=vocab.SENTENCE_END.search(text) is not None,
        inner_punct=len(vocab.INNER_PUNCT.findall(text)),
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
