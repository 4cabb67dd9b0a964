"""Article → Markdown or minimal HTML: the kept blocks put back into the structures they came from.

Segmentation cuts a page into flat blocks; each block remembers its tag path and the document-order
numbers of its ancestors (``Features.path``, ``Features.ancestors``). Consecutive kept blocks that
share a list, table, quotation or preformatted element are grouped back into one ``Part`` here
(``structure``), and two writers turn the parts into Markdown (``to_markdown``) or HTML
(``to_html``). Links come from ``Features.links`` and are written only when asked.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from newsclean.model import Block, Kind

if TYPE_CHECKING:
    from newsclean.model import Article

# Elements that open a list, and the elements of its items.
LIST_TAGS: frozenset[str] = frozenset({"ul", "ol", "menu", "dl"})
ITEM_TAGS: frozenset[str] = frozenset({"li", "dt", "dd"})
ROW_TAGS: frozenset[str] = frozenset({"tr"})
CELL_TAGS: frozenset[str] = frozenset({"td", "th"})
# Kinds whose consecutive blocks are grouped by their nearest element of these tags.
GROUP_TAGS: dict[Kind, frozenset[str]] = {
    Kind.LIST_ITEM: LIST_TAGS,
    Kind.TABLE_CELL: frozenset({"table"}),
    Kind.QUOTE: frozenset({"blockquote"}),
    Kind.PREFORMATTED: frozenset({"pre"}),
}
# Heading level of a heading block whose level the page does not give (plain text).
DEFAULT_HEADING_LEVEL = 2
# Markdown: spaces per level of a nested list item (enough under "- " and "10. " alike).
LIST_INDENT = "    "
# Link schemes written out; other targets (javascript:, data:) leave the anchor as plain text.
LINK_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "ftp"})
# Markdown: what at the start of a line would turn text into structure ("1. " into a list item,
# "# " into a heading); a backslash goes before the punctuation mark ("1\. ", "\# ").
_ORDERED_MARK = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_BLOCK_MARK = re.compile(r"^(?:#{1,6}|[-+*])(?=\s|$)|^(?:>|\||`{3}|~{3})")
# A bullet glyph that opens a line of a pseudo-list (items set as paragraphs or <br> lines);
# dashes are left out, since a paragraph that opens with one is dialogue in many languages.
_BULLET = re.compile(r"^(?:[•▪►▸●○◦・]\s*|[*·](?=\s)\s*)")
# A rank that opens a paragraph ("3. ", "10) "): a numbered item set as a paragraph, as plain text
# reads it (``vocab.RANK``). Four digits would be a year.
_RANK = re.compile(r"^(\d{1,3})[.)]\s+")
# Markdown: characters escaped in link anchors and in table cells.
_ANCHOR_SPECIALS = re.compile(r"([\[\]])")


# Inline text: runs of text, each with the link target it sits under (None: no link).
Inline = tuple[tuple[str, str | None], ...]


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: Inline


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: Inline


@dataclass(frozen=True, slots=True)
class Item:
    """One list item: its depth below the list's top level, whether its list is numbered, and
    the number the page gave it (a paragraph that opens with "3. "), if any."""

    depth: int
    ordered: bool
    text: Inline
    number: int | None = None


@dataclass(frozen=True, slots=True)
class ItemList:
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of cells, all of the same width; the first row is the header when ``header``."""

    rows: tuple[tuple[Inline, ...], ...]
    header: bool


@dataclass(frozen=True, slots=True)
class Quote:
    paragraphs: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Code:
    text: str


Part = Heading | Paragraph | ItemList | Table | Quote | Code


# --- blocks → parts ------------------------------------------------------------------------------


def structure(article: Article, *, links: bool = False) -> list[Part]:
    """The article's kept blocks as parts, in order; a heading that repeats the title is left
    out (the writers put the title first)."""
    base = article.url
    parts: list[Part] = []
    for group in _groups(b for b in article.kept_blocks if not _is_title(b, article.title)):
        parts.extend(_parts_of(group, base if links else None, links=links))
    return parts


def _is_title(block: Block, title: str | None) -> bool:
    return block.kind is Kind.HEADING and title is not None and block.text == title


def _groups(blocks: Iterable[Block]) -> list[list[Block]]:
    """Consecutive blocks of one list, table, quotation or preformatted element, together."""
    groups: list[list[Block]] = []
    previous: tuple[Kind, int | None] | None = None
    for block in blocks:
        kind = _kind(block)
        tags = GROUP_TAGS.get(kind)
        key = None if tags is None else (kind, _outermost(block, tags))
        if key is not None and key == previous:
            groups[-1].append(block)
        else:
            groups.append([block])
        previous = key
    return groups


def _kind(block: Block) -> Kind:
    """The block's kind as rendered: a paragraph that opens with a bullet glyph or a rank is a
    list item."""
    if block.kind is Kind.PARAGRAPH and (_BULLET.match(block.text) or _RANK.match(block.text)):
        return Kind.LIST_ITEM
    return block.kind


def _parts_of(group: list[Block], base: str | None, *, links: bool) -> list[Part]:
    first = group[0]
    if _kind(first) is Kind.LIST_ITEM:
        return [_item_list(group, base, links=links)]
    if first.kind is Kind.HEADING:
        level = first.features.heading_level or DEFAULT_HEADING_LEVEL
        return [Heading(level, inline(first, base, links=links))]
    if first.kind is Kind.TABLE_CELL:
        return _table(group, base, links=links)
    if first.kind is Kind.QUOTE:
        return [Quote(tuple(inline(b, base, links=links) for b in group))]
    if first.kind is Kind.PREFORMATTED:
        return [Code("\n".join(_verbatim(b) for b in group).strip("\n").rstrip())]
    if first.kind is Kind.SEPARATOR:
        return []
    return [Paragraph(inline(first, base, links=links))]


def _verbatim(block: Block) -> str:
    return block.features.verbatim or block.text


def _item_list(group: list[Block], base: str | None, *, links: bool) -> ItemList:
    """A list's items with their depths. Blocks of one item (text before a nested list, a
    ``<br>``) are joined into one item, except lines that open with a bullet glyph: those are
    items one level below it."""
    depths = [sum(1 for tag in b.features.path if tag in LIST_TAGS) for b in group]
    top = min(depths)
    items: list[Item] = []
    previous_item: int | None = None
    item_depth = 0
    for block, depth in zip(group, depths, strict=True):
        number = _nearest(block, ITEM_TAGS)
        bullet = _BULLET.match(block.text)
        rank = _RANK.match(block.text) if block.kind is Kind.PARAGRAPH else None
        mark = bullet or rank
        text = _cut(inline(block, base, links=links), mark.end() if mark else 0)
        if items and number is not None and number == previous_item:
            last = items[-1]
            if bullet:
                items.append(Item(item_depth + 1, False, text))
            else:
                items[-1] = Item(last.depth, last.ordered, (*last.text, (" ", None), *text))
            continue
        # A list never nests more than one level below the item before it.
        limit = items[-1].depth + 1 if items else 0
        item_depth = min(depth - top, limit)
        if rank:
            items.append(Item(item_depth, True, text, int(rank.group(1))))
        else:
            items.append(Item(item_depth, _is_ordered(block), text))
        previous_item = number
    return ItemList(tuple(items))


def _cut(text: Inline, chars: int) -> Inline:
    """The inline text without its first ``chars`` characters (a bullet glyph and its space)."""
    runs = list(text)
    while chars and runs:
        run, target = runs[0]
        if len(run) > chars:
            runs[0] = (run[chars:], target)
            break
        chars -= len(run)
        runs.pop(0)
    return tuple(runs)


def _is_ordered(block: Block) -> bool:
    nearest = next((tag for tag in reversed(block.features.path) if tag in LIST_TAGS), None)
    return nearest == "ol" or (nearest is None and block.features.rank)


def _table(group: list[Block], base: str | None, *, links: bool) -> list[Part]:
    """A table's cells by row and column; a layout table (one column, or cells of several
    blocks) comes back as the paragraphs it holds."""
    rows: dict[int | None, dict[int | None, list[Block]]] = {}
    for block in group:
        row = rows.setdefault(_nearest(block, ROW_TAGS), {})
        row.setdefault(_nearest(block, CELL_TAGS), []).append(block)
    width = max(len(cells) for cells in rows.values())
    if width <= 1 or any(len(blocks) > 1 for cells in rows.values() for blocks in cells.values()):
        return [Paragraph(inline(b, base, links=links)) for b in group]
    first_row = next(iter(rows.values()))
    header = all(_is_header(blocks[0]) for blocks in first_row.values())
    table_rows = tuple(
        tuple(inline(blocks[0], base, links=links) for blocks in cells.values())
        + ((),) * (width - len(cells))
        for cells in rows.values()
    )
    return [Table(table_rows, header)]


def _is_header(block: Block) -> bool:
    path = block.features.path
    nearest = next((tag for tag in reversed(path) if tag in CELL_TAGS), "")
    return nearest == "th" or "thead" in path


def _nearest(block: Block, tags: frozenset[str]) -> int | None:
    found = block.features.ancestor_numbers(tags)
    return found[-1] if found else None


def _outermost(block: Block, tags: frozenset[str]) -> int | None:
    found = block.features.ancestor_numbers(tags)
    return found[0] if found else None


def inline(block: Block, base: str | None, *, links: bool) -> Inline:
    """The block's text cut into runs at its links (one run when ``links`` is false)."""
    text = block.text
    if not links or not block.features.links:
        return ((text, None),)
    runs: list[tuple[str, str | None]] = []
    position = 0
    for written, href in block.features.links:
        anchor = " ".join(written.split())
        target = link_target(href.strip(), base)
        start = text.find(anchor, position) if anchor else -1
        if target is None or start < 0:
            continue
        if start > position:
            runs.append((text[position:start], None))
        runs.append((anchor, target))
        position = start + len(anchor)
    if position < len(text):
        runs.append((text[position:], None))
    return tuple(runs)


def link_target(href: str, base: str | None) -> str | None:
    """The absolute target of a link, or None for in-page anchors and scripts."""
    if not href or href.startswith("#"):
        return None
    target = urljoin(base, href) if base else href
    scheme = urlsplit(target).scheme
    if scheme and scheme.lower() not in LINK_SCHEMES:
        return None
    return target


# --- parts → Markdown ----------------------------------------------------------------------------


def to_markdown(article: Article, *, links: bool = False) -> str:
    """The article as Markdown (CommonMark with GFM tables): the title as ``#``, then headings
    at their level, lists nested, tables, quotations and code blocks; links when ``links``."""
    out = [f"# {_md_text(((article.title, None),))}"] if article.title else []
    out.extend(_md_part(part) for part in structure(article, links=links))
    return "\n\n".join(out)


def _md_part(part: Part) -> str:
    if isinstance(part, Heading):
        return f"{'#' * part.level} {_md_text(part.text)}"
    if isinstance(part, ItemList):
        return _md_list(part.items)
    if isinstance(part, Table):
        return _md_table(part)
    if isinstance(part, Quote):
        return "\n>\n".join(f"> {_md_line(p)}" for p in part.paragraphs)
    if isinstance(part, Code):
        fence = "`" * max(3, _longest_run(part.text, "`") + 1)
        return f"{fence}\n{part.text}\n{fence}"
    return _md_line(part.text)


def _md_list(items: Sequence[Item]) -> str:
    lines = []
    counters: list[int] = []
    for item in items:
        del counters[item.depth + 1 :]
        counters.extend([0] * (item.depth + 1 - len(counters)))
        counters[item.depth] = item.number or counters[item.depth] + 1
        marker = f"{counters[item.depth]}." if item.ordered else "-"
        lines.append(f"{LIST_INDENT * item.depth}{marker} {_md_line(item.text)}")
    return "\n".join(lines)


def _md_table(table: Table) -> str:
    rows = [f"| {' | '.join(_md_cell(cell) for cell in row)} |" for row in table.rows]
    width = len(table.rows[0])
    rule = f"|{' --- |' * width}"
    if table.header:
        return "\n".join([rows[0], rule, *rows[1:]])
    # GFM needs a header row: an empty one when the table has none.
    return "\n".join([f"|{'  |' * width}", rule, *rows])


def _md_cell(text: Inline) -> str:
    return _md_text(text).replace("|", "\\|")


def _md_line(text: Inline) -> str:
    """Inline text that starts a line: a leading list, heading or quote mark is escaped."""
    line = _ORDERED_MARK.sub(r"\1\\\2", _md_text(text))
    return _BLOCK_MARK.sub(r"\\\g<0>", line)


def _md_text(text: Inline) -> str:
    return "".join(run if target is None else _md_link(run, target) for run, target in text)


def _md_link(anchor: str, target: str) -> str:
    escaped = _ANCHOR_SPECIALS.sub(r"\\\1", anchor)
    return f"[{escaped}](<{target}>)"


def _longest_run(text: str, char: str) -> int:
    runs = re.findall(f"{re.escape(char)}+", text)
    return max((len(r) for r in runs), default=0)


# --- parts → HTML --------------------------------------------------------------------------------


def to_html(article: Article, *, links: bool = False) -> str:
    """The article as a minimal HTML document: no scripts, styles, classes or attributes besides
    link targets; the title as ``<h1>``, then the same structures as ``to_markdown``."""
    title = html.escape(article.title or "")
    body = [f"<h1>{title}</h1>"] if article.title else []
    body.extend(_html_part(part) for part in structure(article, links=links))
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n<article>\n"
        + "\n".join(body)
        + "\n</article>\n</body>\n</html>\n"
    )


def _html_part(part: Part) -> str:
    if isinstance(part, Heading):
        return f"<h{part.level}>{_html_text(part.text)}</h{part.level}>"
    if isinstance(part, ItemList):
        return _html_list(part.items)
    if isinstance(part, Table):
        return _html_table(part)
    if isinstance(part, Quote):
        inner = "".join(f"<p>{_html_text(p)}</p>" for p in part.paragraphs)
        return f"<blockquote>{inner}</blockquote>"
    if isinstance(part, Code):
        return f"<pre><code>{html.escape(part.text, quote=False)}</code></pre>"
    return f"<p>{_html_text(part.text)}</p>"


def _html_list(items: Sequence[Item]) -> str:
    """Nested ``<ul>``/``<ol>``: a deeper item opens a list inside the item before it."""
    out: list[str] = []
    open_lists: list[str] = []
    for item in items:
        while len(open_lists) > item.depth + 1:
            out.append(f"</li></{open_lists.pop()}>")
        if len(open_lists) == item.depth + 1:
            out.append("</li>")
        else:
            tag = "ol" if item.ordered else "ul"
            open_lists.append(tag)
            out.append(f"<{tag}>")
        value = f' value="{item.number}"' if item.number is not None else ""
        out.append(f"<li{value}>{_html_text(item.text)}")
    while open_lists:
        out.append(f"</li></{open_lists.pop()}>")
    return "".join(out)


def _html_table(table: Table) -> str:
    rows = list(table.rows)
    head = ""
    if table.header:
        cells = "".join(f"<th>{_html_text(cell)}</th>" for cell in rows.pop(0))
        head = f"<thead><tr>{cells}</tr></thead>"
    body = "".join(
        "<tr>" + "".join(f"<td>{_html_text(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table>{head}<tbody>{body}</tbody></table>"


def _html_text(text: Inline) -> str:
    return "".join(
        html.escape(run, quote=False)
        if target is None
        else f'<a href="{html.escape(target)}">{html.escape(run, quote=False)}</a>'
        for run, target in text
    )
