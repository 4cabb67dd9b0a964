"""Declared types, URL and blocks → the page's type: article, forum, product, collection, listing,
documentation, service or other.

The guess reads, strongest evidence first: the structured data the page declares about itself
(JSON-LD ``@type``, ``og:type``), the shape of its URL, then the shape of its blocks (prose
paragraphs against repeated short items). Each rule is a row of a table with its reason id, so
``Article.page_type_reason`` says which one decided. News scrapers use the type to skip index
pages; the context pass uses it to choose how widely it keeps blocks beyond the body's main run.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

import regex

from newsclean.model import Block, Kind

PageType = Literal[
    "article", "forum", "product", "collection", "listing", "documentation", "service", "other"
]
PAGE_TYPES: tuple[PageType, ...] = (
    "article",
    "forum",
    "product",
    "collection",
    "listing",
    "documentation",
    "service",
    "other",
)

# JSON-LD ``@type`` values that name the page's kind, strongest first.
JSONLD_TYPES: tuple[tuple[str, PageType], ...] = (
    ("DiscussionForumPosting", "forum"),
    ("QAPage", "forum"),
    ("SocialMediaPosting", "forum"),
    ("TechArticle", "documentation"),
    ("APIReference", "documentation"),
    # A review declares the product it reviews beside itself: the article type wins.
    ("NewsArticle", "article"),
    ("BlogPosting", "article"),
    ("Article", "article"),
    ("Recipe", "article"),
    ("Product", "product"),
    ("ProductGroup", "product"),
    ("CollectionPage", "collection"),
    ("ItemList", "listing"),
    ("Service", "service"),
    ("ProfessionalService", "service"),
)
# ``og:type`` values that name the page's kind.
OG_TYPES: dict[str, PageType] = {
    "product": "product",
    "product.item": "product",
    "ebay-objects:item": "product",
    "product.group": "collection",
    "article": "article",
    "blog": "article",
}
# The last segment of an article's path is its headline in words ("/2019/11/19/prison-guards-
# arrested-alleged-failure") or words and an id: four words or more joined by - or _.
ARTICLE_SLUG = r"/[^/]*[a-z]{2,}(?:[-_][^/-_]+){3,}[^/]*/?$"
# URL shapes, tried in order on the host and path (lower-cased); the first match decides.
URL_PATTERNS: tuple[tuple[regex.Pattern[str], PageType], ...] = tuple(
    (regex.compile(pattern), page_type)
    for pattern, page_type in (
        (r"^(?:docs|developer|developers|wiki)\.", "documentation"),
        (r"/(?:docs?|documentation|reference|manual|handbook|wiki)(?:/|$)", "documentation"),
        (r"/(?:t|threads?|topic|questions|discussions?|comments)/[^/]+", "forum"),
        (r"/(?:viewtopic|showthread)\.php", "forum"),
        (r"^(?:forums?|community|discuss|discussion|boards?|answers)\.", "forum"),
        (r"/(?:forums?|community|boards?)/", "forum"),
        (r"/(?:products?|p|dp|itm|item|listing|app|gp/product)/[^/]+", "product"),
        (ARTICLE_SLUG, "article"),
        (
            r"/(?:collections?|c|b|category|categories|departments?|browse|shop|genre)(?:/|$)",
            "collection",
        ),
        (r"/(?:news|tags?|topics|archives?|issues|lists?|charts?|trending|search)/?$", "listing"),
        (r"/(?:blog|articles?|posts?|news|stories|story|insights|resources)/[^/]+", "article"),
        (
            r"/(?:services?|solutions?|pricing|features?|plans?|contact|about|portfolio)(?:/|$)",
            "service",
        ),
        (r"(?:services?|consulting|agency|repair|movers|rentals?)/?$", "service"),
    )
)
# Shape of the blocks: the share of the page's characters in prose paragraphs (long blocks that
# end like sentences) above which an undecided page reads as an article.
ARTICLE_PROSE_SHARE = 0.35
# A prose paragraph has at least this many characters.
PROSE_MIN_CHARS = 150
# Share of the page's characters in list items and linked headlines above which an undecided
# page with little prose reads as a listing.
LISTING_ITEM_SHARE = 0.5
# A block mostly made of link text counts as an item (a linked headline).
LINK_ITEM_DENSITY = 0.5


@dataclass(frozen=True, slots=True)
class Guess:
    """The page's type and the id of the rule that decided it."""

    page_type: PageType
    reason: str


def guess(
    url: str | None,
    blocks: Sequence[Block],
    *,
    declared_types: Collection[str] = (),
    og_type: str | None = None,
) -> Guess:
    """The page's type, from its structured data (the JSON-LD ``@type`` values and the
    ``og:type`` that ``metadata`` reads), then its URL, then its blocks."""
    declared = _declared(declared_types, og_type)
    if declared is not None and declared.page_type != "article":
        return declared
    if url:
        split = urlsplit(url)
        host = (split.hostname or "").removeprefix("www.")
        path = split.path.lower()
        for pattern, page_type in URL_PATTERNS:
            if pattern.search(host if pattern.pattern.startswith("^") else path):
                return Guess(page_type, f"url:{pattern.pattern}")
    return declared or _shape(blocks)


def _declared(found: Collection[str], og_type: str | None) -> Guess | None:
    """The type the page declares in JSON-LD or ``og:type``, if it names one."""
    for name, page_type in JSONLD_TYPES:
        if name in found:
            return Guess(page_type, f"json-ld:{name}")
    if og_type in OG_TYPES:
        return Guess(OG_TYPES[og_type], f"og:type:{og_type}")
    return None


def _shape(blocks: Sequence[Block]) -> Guess:
    """Article when much of the text is prose paragraphs; listing when it is mostly items."""
    total = sum(b.features.chars for b in blocks) or 1
    prose = sum(
        b.features.chars
        for b in blocks
        if b.kind is Kind.PARAGRAPH
        and b.features.chars >= PROSE_MIN_CHARS
        and b.features.sentence_end
    )
    if prose >= ARTICLE_PROSE_SHARE * total:
        return Guess("article", "shape:prose")
    items = sum(
        b.features.chars
        for b in blocks
        if b.kind is Kind.LIST_ITEM or b.features.link_density > LINK_ITEM_DENSITY
    )
    if items >= LISTING_ITEM_SHARE * total:
        return Guess("listing", "shape:items")
    return Guess("article", "shape:default")
