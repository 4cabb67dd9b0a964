"""Page + Article → the page view of the explain report: the page itself, made inert, with every
block outlined by its verdict and its score and reasons on hover.

The page is parsed again exactly as ``clean()`` parsed it (``parse.parse_page``) and its elements
are numbered the way segmentation numbers them (``blocks.segment_tree``): a block's innermost
element is the last of its ``features.ancestors``. An element that holds one block is outlined
itself; the runs of inline content of an element that holds several blocks (text around a nested
``<p>``, lines cut by ``<br>``) are wrapped in a ``<span>`` each.

The page is hostile input. Its scripts, frames, plugins, links to styles and meta tags are
removed, every URL attribute (``href``, ``src``, ``srcset``, ``action``...) and event handler
attribute is dropped, ``url()`` and ``@import`` are taken out of its CSS, and form controls are
disabled; the document carries a Content-Security-Policy that forbids every fetch and every
script, and the report shows it in an ``<iframe sandbox>`` (no script, no form, no navigation of
the report). A page view makes no request and runs nothing, even if one of these layers missed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import lxml.html
from lxml import etree

from newsclean import parse, vocab
from newsclean.blocks import BLOCK_TAGS, hidden_elements
from newsclean.model import Article, Block
from newsclean.settings import DEFAULT_SETTINGS, Settings

# Elements removed with their content: they run code, embed other documents or fetch resources.
REMOVED_TAGS: frozenset[str] = frozenset(
    {
        *("script", "noscript", "template", "iframe", "frame", "frameset", "object", "embed"),
        *("applet", "param", "link", "meta", "base", "portal", "svg", "math", "video", "audio"),
        *("canvas", "source", "track", "picture"),
    }
)
# Attributes that hold a URL (or a document) and would make the browser fetch or navigate.
URL_ATTRIBUTES: frozenset[str] = frozenset(
    {
        *("href", "src", "srcset", "action", "formaction", "poster", "data", "background"),
        *("ping", "lowsrc", "dynsrc", "longdesc", "usemap", "codebase", "cite", "manifest"),
        *("profile", "imagesrcset", "srcdoc", "http-equiv", "content", "itemtype"),
    }
)
# Form controls, disabled so that nothing can be typed into or sent from the page view.
FORM_CONTROLS: frozenset[str] = frozenset({"input", "button", "select", "textarea"})
# CSS that would fetch (``url(...)``, ``image-set(...)``, ``@import``) or run (``expression``).
CSS_FETCH = re.compile(r"(?i)url\s*\(|image-set\s*\(|@import|expression\s*\(")
CSS_FETCH_REPLACEMENT = "nofetch("
# The page view's own policy: inline styles only; no script, no fetch of any kind.
PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'"
# Classes and attribute the page view puts on the elements of blocks (prefixed so that no page
# style is likely to target them).
CLASS_KEPT = "nc-kept"
CLASS_DROPPED = "nc-dropped"
# An element that holds blocks of both verdicts whose text could not be cut apart.
CLASS_MIXED = "nc-mixed"
BLOCK_ATTRIBUTE = "data-nc-block"
# Characters an HTML document may not hold (C0 controls but tab and newlines, DEL, lone
# surrogates): replaced by U+FFFD.
UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# Outlines drawn over the page's own styles.
STYLE = """
.nc-kept, .nc-dropped { outline: 2px solid var(--nc-colour) !important;
                        outline-offset: -1px !important; }
.nc-kept { --nc-colour: %(kept)s; }
.nc-dropped { --nc-colour: %(dropped)s; background-color: rgba(179, 38, 30, .07) !important; }
.nc-mixed { outline: 2px dashed #7a4b00 !important; outline-offset: -1px !important; }
.nc-kept:hover, .nc-dropped:hover, .nc-mixed:hover { outline-width: 4px !important; }
img { min-width: 16px; min-height: 16px; background: #e4e4e4; }
"""


def page_document(
    source: bytes | str,
    article: Article,
    *,
    kept_colour: str,
    dropped_colour: str,
    settings: Settings = DEFAULT_SETTINGS,
) -> str | None:
    """The page view of ``article`` as an HTML document, or None when ``source`` is not a page
    with markup (plain text, or nothing readable)."""
    text = _text_of(source, settings)
    if text is None or article.mode != "html":
        return None
    root = parse.parse_page(text, settings).tree
    if root is None:
        return None
    numbered = number_elements(root)
    for number, blocks in _blocks_by_element(article.blocks).items():
        element = numbered.get(number)
        if element is not None:
            _outline(element, blocks)
    sanitise(root)
    style = STYLE % {"kept": kept_colour, "dropped": dropped_colour}
    _add_head(root, style)
    return lxml.html.tostring(root, encoding="unicode", method="html", doctype="<!DOCTYPE html>")


def text_document(article: Article, *, kept_colour: str, dropped_colour: str) -> str:
    """The page view of a plain-text page: its lines, each outlined by its verdict."""
    style = STYLE % {"kept": kept_colour, "dropped": dropped_colour}
    lines = "".join(
        f'<p class="{_verdict_class(b)}" {BLOCK_ATTRIBUTE}="{b.index}" '
        f'title="{_attribute(_tooltip([b]))}">{_attribute(b.text)}</p>'
        for b in article.blocks
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{PAGE_POLICY}">'
        f"<style>body {{ font: 15px/1.5 sans-serif; margin: 16px; }}{style}</style></head>"
        f"<body>{lines}</body></html>"
    )


def _text_of(source: bytes | str, settings: Settings) -> str | None:
    """The page's text as ``clean()`` read it (inflated and decoded), or None."""
    if isinstance(source, str):
        return source if source.strip() else None
    data, _ = parse.inflate(bytes(source), settings)
    if not data.strip() or parse.is_binary(data):
        return None
    return parse.decode(data).text


def number_elements(root: etree._Element) -> dict[int, etree._Element]:
    """The elements of the tree by the document-order numbers segmentation gives them
    (``Features.ancestors``): dropped tags and hidden elements, with their subtrees, and comments
    get no number."""
    numbered: dict[int, etree._Element] = {}
    hidden = hidden_elements(root)
    number = 0
    walker = etree.iterwalk(root, events=("start",))
    for _, element in walker:
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag.lower() in vocab.DROPPED_TAGS or element in hidden:
            walker.skip_subtree()
            continue
        number += 1
        numbered[number] = element
    return numbered


def _blocks_by_element(blocks: Sequence[Block]) -> dict[int, list[Block]]:
    """Blocks grouped by the number of their innermost element, in page order."""
    out: dict[int, list[Block]] = {}
    for block in blocks:
        if block.features.ancestors:
            out.setdefault(block.features.ancestors[-1], []).append(block)
    return out


def _outline(element: etree._Element, blocks: list[Block]) -> None:
    """Mark ``element``, or the runs of inline content that hold its blocks, with the verdicts."""
    runs = [run for run in _inline_runs(element) if _run_text(element, run).strip()]
    if len(runs) == len(blocks) and any(_is_block_element(child) for child in element):
        for run, block in zip(runs, blocks, strict=True):
            _mark(_wrap(element, run), [block])
    else:
        _mark(element, blocks)


# A run of inline content: the child it follows (None: the element's own text) and its children.
Run = tuple[etree._Element | None, list[etree._Element]]


def _inline_runs(element: etree._Element) -> list[Run]:
    """The element's content cut at its block-level children, as segmentation cuts it."""
    runs: list[Run] = [(None, [])]
    for child in element:
        if _is_block_element(child):
            runs.append((child, []))
        else:
            runs[-1][1].append(child)
    return runs


def _is_block_element(element: etree._Element) -> bool:
    return isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS


def _run_text(element: etree._Element, run: Run) -> str:
    after, children = run
    lead = (element.text if after is None else after.tail) or ""
    rest = []
    for child in children:
        if isinstance(child.tag, str) and child.tag.lower() not in vocab.DROPPED_TAGS:
            rest.append("".join(child.itertext()))
        rest.append(child.tail or "")
    return lead + "".join(rest)


def _wrap(element: etree._Element, run: Run) -> etree._Element:
    """Wrap a run in a ``<span>`` (children move with their tails) and return the span."""
    after, children = run
    span = etree.Element("span")
    if after is None:
        span.text, element.text = element.text, None
    else:
        span.text, after.tail = after.tail, None
    for child in children:
        span.append(child)
    if after is None:
        element.insert(0, span)
    else:
        after.addnext(span)
    return span


def _mark(element: etree._Element, blocks: list[Block]) -> None:
    verdict = _verdict_class(blocks[0]) if len({b.kept for b in blocks}) == 1 else CLASS_MIXED
    classes = (element.get("class") or "").split()
    element.set("class", " ".join([*classes, verdict]))
    element.set(BLOCK_ATTRIBUTE, " ".join(str(b.index) for b in blocks))
    element.set("title", _tooltip(blocks))


def _verdict_class(block: Block) -> str:
    return CLASS_KEPT if block.kept else CLASS_DROPPED


def _tooltip(blocks: Sequence[Block]) -> str:
    return "\n".join(
        f"#{b.index} {'KEPT' if b.kept else 'DROPPED'} · score {b.score:+.2f} · "
        + " · ".join(b.reasons)
        for b in blocks
    )


def _attribute(value: str) -> str:
    """Page text made safe for HTML text and quoted attributes (as the report does)."""
    return html.escape(UNSAFE_CHARS.sub("\ufffd", value), quote=True)


def sanitise(root: etree._Element) -> None:
    """Make the tree inert in place: see the module's docstring."""
    doomed = [
        element
        for element in root.iter()
        if not isinstance(element.tag, str) or element.tag.lower() in REMOVED_TAGS
    ]
    for element in doomed:
        if element is not root and element.getparent() is not None:
            _drop_keeping_tail(element)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name in list(element.attrib):
            local = name.rsplit(":", 1)[-1].lower()
            if local.startswith("on") or local in URL_ATTRIBUTES:
                del element.attrib[name]
        style = element.get("style")
        if style:
            element.set("style", CSS_FETCH.sub(CSS_FETCH_REPLACEMENT, style))
        tag = element.tag.lower()
        if tag == "style" and element.text:
            element.text = CSS_FETCH.sub(CSS_FETCH_REPLACEMENT, element.text)
        elif tag in FORM_CONTROLS:
            element.set("disabled", "disabled")


def _drop_keeping_tail(element: etree._Element) -> None:
    """Remove ``element`` and its content; the text after it stays."""
    parent = element.getparent()
    tail = element.tail
    previous = element.getprevious()
    parent.remove(element)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _add_head(root: etree._Element, style: str) -> None:
    """The page view's charset, policy and outline styles, first in the head."""
    head = root.find("head")
    if head is None:
        head = etree.Element("head")
        root.insert(0, head)
    charset = etree.Element("meta", charset="utf-8")
    policy = etree.Element(
        "meta", {"http-equiv": "Content-Security-Policy", "content": PAGE_POLICY}
    )
    outline = etree.Element("style")
    outline.text = style
    head.insert(0, charset)
    head.insert(1, policy)
    head.append(outline)
