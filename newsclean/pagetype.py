"""Declared types, URL and blocks → the page's type: article, forum, product, collection, listing,
documentation, service or other.

Three steps, each leaving its reason id in ``Article.page_type_reason``:

1. Declarations that decide alone (``DECISIVE_JSONLD``, ``DECISIVE_OG``): a JSON-LD ``QAPage``
   is a forum, an ``og:type`` of ``product`` a product (``json-ld:QAPage``, ``og:type:product``).
2. A page with no declaration or URL shape that names a type, and under ``MODEL_MIN_CHARS`` of
   text or without a URL, is an article, the type whose settings change nothing
   (``little-evidence``): the model below was fitted on whole saved pages with their URLs.
3. A small fitted model: ``features`` measures the page in named features from 0 to 1 (the
   kinds its structured data declares, its title's words, which URL shapes match, how deep its
   path is, the shape of its blocks: prose, list items, linked headlines, repeated cards, price,
   cart, reply and contact words, class names...), from what ``metadata`` found and one pass over
   the blocks that segmentation made. A multinomial logistic regression (``pagetype_weights``,
   fitted by ``benchmarks/fit_pagetype.py`` on the WCXB dev tuning half) weighs them into one
   score per type and the highest wins; the reason names the features that set the winner
   furthest ahead of the runner-up (``fitted:url-service,service-words``).

News scrapers use the type to skip index pages; ``api`` uses it to choose the scoring weights
and how widely the context pass keeps blocks (``settings.FITTED_WEIGHTS``, ``TYPE_SETTINGS``).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

import regex

from newsclean.model import Block, Kind
from newsclean.pagetype_weights import INTERCEPTS, WEIGHTS

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
# The types the model chooses between, in the order of each row of ``pagetype_weights.WEIGHTS``
# ("other" is left to pages with no blocks and no URL: there is nothing to weigh).
MODEL_TYPES: tuple[PageType, ...] = PAGE_TYPES[:-1]

# Declarations that decide on their own, before the model weighs anything: a page that calls
# itself a forum posting or a technical article, or whose ``og:type`` names a product or a group
# of products, is one (checked in that order).
DECISIVE_JSONLD: tuple[tuple[str, PageType], ...] = (
    ("DiscussionForumPosting", "forum"),
    ("QAPage", "forum"),
    ("SocialMediaPosting", "forum"),
    ("TechArticle", "documentation"),
    ("APIReference", "documentation"),
)
DECISIVE_OG: tuple[tuple[regex.Pattern[str], PageType], ...] = (
    (regex.compile(r"^product[.:]group$"), "collection"),
    (regex.compile(r"^(?:product(?:\.item)?|ebay-objects:item)$"), "product"),
)
# JSON-LD ``@type`` values, by the feature they raise.
DECLARED: dict[str, frozenset[str]] = {
    "declares-article": frozenset(
        {
            "Article",
            "NewsArticle",
            "BlogPosting",
            "Recipe",
            "Report",
            "LiveBlogPosting",
            "OpinionNewsArticle",
            "ReportageNewsArticle",
            "AnalysisNewsArticle",
            "HowTo",
        }
    ),
    "declares-forum": frozenset(
        {"DiscussionForumPosting", "QAPage", "SocialMediaPosting", "Comment"}
    ),
    "declares-product": frozenset(
        {"Product", "ProductGroup", "Offer", "AggregateOffer", "MerchantReturnPolicy"}
    ),
    "declares-collection": frozenset({"CollectionPage", "OfferCatalog"}),
    "declares-listing": frozenset({"ItemList", "SearchResultsPage"}),
    "declares-documentation": frozenset({"TechArticle", "APIReference", "SoftwareSourceCode"}),
    "declares-service": frozenset(
        {"Service", "ProfessionalService", "LocalBusiness", "SoftwareApplication", "WebApplication"}
    ),
    "declares-faq": frozenset({"FAQPage"}),
    "declares-person": frozenset({"Person"}),
}
# ``og:type`` values, by the feature they raise (matched on the value's words: "product.item",
# "ebay-objects:item" and "product.group" are products, the last a group of them).
OG_TYPES: tuple[tuple[str, regex.Pattern[str]], ...] = tuple(
    (name, regex.compile(pattern))
    for name, pattern in (
        ("og-collection", r"product[.:]group|ecommerce"),
        ("og-product", r"product|:item$"),
        ("og-article", r"^(?:article|blog)"),
        ("og-website", r"^website$"),
    )
)
# URL shapes, each a feature, searched in the host (patterns that start with ^) or the path,
# lower-cased.
URL_SHAPES: tuple[tuple[str, regex.Pattern[str]], ...] = tuple(
    (name, regex.compile(pattern))
    for name, pattern in (
        ("url-docs-host", r"^(?:docs|developers?|wiki|learn|help|support)\."),
        ("url-docs", r"/(?:docs?|documentation|reference|manual|handbook|wiki|api|guides?)(?:/|$)"),
        ("url-forum-host", r"^(?:forums?|community|discuss|discussion|boards?|answers)\."),
        (
            "url-forum",
            r"/(?:t|threads?|topic|questions|discussions?|comments|forums?|community|boards?)/"
            r"|/(?:viewtopic|showthread)\.php",
        ),
        ("url-shop-host", r"^(?:shop|store)\."),
        ("url-product", r"/(?:products?|p|dp|itm|item|gp/product|shop/p|apps?)/[^/]+"),
        (
            "url-collection",
            r"/(?:collections?|c|b|category|categories|departments?|browse|shop|genre)(?:/|$)",
        ),
        (
            "url-listing",
            r"/(?:news|blog|tags?|topics?|archives?|issues|lists?|charts?|trending|search"
            r"|rankings?|events|page/\d+)/?$",
        ),
        (
            "url-index",
            r"/(?:[\w-]*-)?(?:jobs|courses|events|directory|catalog|rankings?|lists?|topics?"
            r"|categories|tags?|market|recent|latest)(?:/|$|-|\.)",
        ),
        (
            "url-blog",
            r"/(?:blog|articles?|posts?|news|stories|story|insights|resources|guides?)/[^/]+",
        ),
        (
            "url-service",
            r"/(?:services?|solutions?|pricing|features?|plans?|contact|about|portfolio|work"
            r"|what-we-do|use-cases|departments?|programs?)(?:/|$|\.)|(?:services?|consulting"
            r"|agency|repair|movers|rentals?|insurance|therapy|training)/?$",
        ),
    )
)
# A four-digit year or a year/month pair in the path: dated posts.
URL_DATE = regex.compile(r"/(?:19|20)\d{2}/(?:\d{1,2}/)?|[-_/](?:19|20)\d{2}[-_/]\d{1,2}[-_/]")
# A run of digits in the last segment: an id (a thread's, a product's, a story's).
URL_NUMBER = regex.compile(r"\d{4,}")
# Words of the last path segment (a slug's words; file extensions and ids apart).
SLUG_WORD = regex.compile(r"[^\W\d_]{2,}")
# Deepest path and longest slug that the two features count, and the largest count of blocks.
URL_MAX_DEPTH = 6
SLUG_MAX_WORDS = 10

# Words of the page's title that name a type, by group (each a "title-<group>" feature).
TITLE_WORDS = regex.compile(
    r"\b(?:(?P<service>services?|solutions?|agency|company|consult(?:ing|ants?)|pricing|platform"
    r"|software|tools?|apps?|official\s+site|near\s+(?:me|you)|experts?|professional|hire)"
    r"|(?P<shop>shop|buy|store|sale|online\s+shop|free\s+shipping)"
    r"|(?P<forum>forums?|community|threads?|discussions?|questions?|help|support|reddit)"
    r"|(?P<docs>documentation|docs|reference|guide|api|manual|tutorial|handbook|wiki)"
    r"|(?P<listing>news|blog|latest|archives?|categor(?:y|ies)|results|search|page\s+\d+|all"
    r"|jobs|courses|rankings?|directory|events))\b",
    regex.IGNORECASE,
)
TITLE_WORD_GROUPS: tuple[str, ...] = ("service", "shop", "forum", "docs", "listing")
# Longest title (words) the title-words feature counts.
TITLE_MAX_WORDS = 15

# Short blocks (buttons, labels, prices, bylines) are searched for the words below.
SHORT_BLOCK_CHARS = 80
# Words and two-word phrases of short blocks, by the group they count for. A block's lower-cased
# words are looked up (no pattern runs over the text: this is read on every page).
CUE_WORDS: dict[str, str] = {
    **dict.fromkeys(("checkout", "quantity", "warenkorb", "panier", "carrello"), "cart"),
    **dict.fromkeys(
        (
            "reply",
            "replies",
            "replied",
            "quote",
            "joined",
            "members",
            "likes",
            "thread",
            "solved",
            "solution",
            "upvotes",
            "votes",
            "answers",
            "antworten",
            "réponses",
            "risposte",
            "respuestas",
            "posts",
        ),
        "forum",
    ),
    **dict.fromkeys(("testimonials", "testimonial", "pricing", "kontakt", "devis"), "service"),
    **dict.fromkeys(("parameters", "returns", "syntax", "example", "examples"), "docs"),
    **dict.fromkeys(("published", "updated"), "byline"),
}
CUE_PHRASES: dict[tuple[str, str], str] = {
    **dict.fromkeys(
        (
            ("to", "cart"),
            ("to", "bag"),
            ("to", "basket"),
            ("buy", "now"),
            ("in", "stock"),
            ("of", "stock"),
            ("free", "shipping"),
            ("free", "delivery"),
            ("free", "returns"),
            ("sold", "out"),
            ("size", "guide"),
            ("do", "koszyka"),
        ),
        "cart",
    ),
    **dict.fromkeys((("posted", "by"), ("original", "poster")), "forum"),
    **dict.fromkeys(
        (
            ("contact", "us"),
            ("get", "started"),
            ("in", "touch"),
            ("a", "quote"),
            ("a", "demo"),
            ("book", "now"),
            ("schedule", "a"),
            ("free", "trial"),
            ("free", "consultation"),
            ("free", "quote"),
            ("free", "estimate"),
            ("talk", "to"),
            ("our", "services"),
            ("our", "team"),
            ("our", "clients"),
            ("our", "process"),
            ("why", "choose"),
            ("case", "study"),
            ("case", "studies"),
            ("it", "works"),
        ),
        "service",
    ),
    **dict.fromkeys(
        (("this", "page"), ("on", "github"), ("of", "contents"), ("see", "also")), "docs"
    ),
    **dict.fromkeys((("written", "by"), ("min", "read")), "byline"),
}
# A short block that starts with one of these words and goes on is a byline ("By Jane Doe").
BYLINE_FIRST: frozenset[str] = frozenset({"by", "von", "par", "por", "author"})
# Marks of a price: a currency sign, or a currency code among the words, beside a digit.
CURRENCY_SIGNS: frozenset[str] = frozenset("$€£¥₹")
CURRENCY_CODES: frozenset[str] = frozenset({"usd", "eur", "gbp", "chf", "kr", "zł", "rs"})
# Month names (and their short forms, in the languages the date patterns know), and words that
# make a year a copyright, not a date.
MONTHS: frozenset[str] = frozenset(
    regex.findall(
        r"\S+",
        "jan january janvier januar enero gennaio feb february février februar febrero febbraio"
        " mar march mars märz marzo apr april avril abril aprile may mai mayo maggio jun june juin"
        " juni junio giugno jul july juillet juli julio luglio aug august août agosto sep sept"
        " september septembre septiembre settembre oct october octobre oktober octubre ottobre"
        " nov november novembre noviembre dec december décembre dezember diciembre dicembre",
    )
)
NOT_DATED: frozenset[str] = frozenset({"copyright", "©"})
# A word of a block, lower-cased.
WORD = regex.compile(r"\w+|[©]")
# The groups of short-block cues, each counted as a "<group>-words" feature.
SHORT_WORD_GROUPS: tuple[str, ...] = (
    "price",
    "cart",
    "forum",
    "service",
    "docs",
    "byline",
    "dated",
)
# Class and id tokens (the block's and its nearest ancestors', as segmentation splits them) that
# name the parts of a page of one type; each family's feature is the share of the page's
# characters under such a token.
CLASS_TOKENS: dict[str, frozenset[str]] = {
    "class-article": frozenset({"post", "entry", "article", "blog", "story", "byline", "author"}),
    "class-forum": frozenset(
        {"reply", "replies", "thread", "topic", "comment", "comments", "message", "forum", "quote"}
    ),
    "class-product": frozenset(
        {"product", "price", "cart", "sku", "variant", "review", "reviews", "quantity", "pdp"}
    ),
    "class-cards": frozenset(
        {
            "card",
            "cards",
            "grid",
            "tile",
            "tiles",
            "teaser",
            "results",
            "listing",
            "filter",
            "filters",
            "collection",
            "pagination",
        }
    ),
    "class-docs": frozenset(
        {"docs", "doc", "documentation", "toc", "highlight", "code", "api", "markdown", "sphinx"}
    ),
    "class-service": frozenset(
        {
            "hero",
            "cta",
            "feature",
            "features",
            "pricing",
            "testimonial",
            "testimonials",
            "service",
            "services",
            "benefits",
            "banner",
        }
    ),
}
# A count feature reaches 1 at this many (log scale): log(1 + n) / log(1 + cap), at most 1.
WORDS_CAP = 30
HEADINGS_CAP = 100
CARDS_CAP = 60
# A prose paragraph has at least this many characters and ends like a sentence.
PROSE_MIN_CHARS = 150
# A block mostly made of link text counts as linked (a headline, a menu entry, a card's title).
LINK_ITEM_DENSITY = 0.5
# Linked blocks under these tags are menus, not cards.
FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "menu"})
# The two features that set the winner furthest ahead of the runner-up name the decision.
REASON_FEATURES = 2

# Every token of CLASS_TOKENS: a block under none of them is looked up no further.
CLASS_TOKEN_UNION: frozenset[str] = frozenset().union(*CLASS_TOKENS.values())
# Below this many characters of text, a page with no declaration and no URL shape that names a
# type (``little_evidence``) is taken for an article, the type whose settings change nothing.
MODEL_MIN_CHARS = 500

# Every feature, in the order of the rows of ``pagetype_weights.WEIGHTS``.
FEATURES: tuple[str, ...] = (
    *DECLARED,
    *(name for name, _ in OG_TYPES),
    "dated",
    "authored",
    "title-words",
    *(f"title-{group}" for group in TITLE_WORD_GROUPS),
    *(name for name, _ in URL_SHAPES),
    "url-home",
    "url-depth",
    "url-slug-words",
    "url-date",
    "url-number",
    "url-query",
    "prose-share",
    "short-prose-share",
    "in-article-share",
    "list-share",
    "linked-share",
    "code-share",
    "table-share",
    "heading-share",
    "headings",
    "headings-per-paragraph",
    "linked-headings",
    "repeated-cards",
    *(f"{group}-words" for group in SHORT_WORD_GROUPS),
    *CLASS_TOKENS,
)

# The features that name a type by themselves: declarations and URL shapes.
NAMING_FEATURES: tuple[str, ...] = (
    *DECLARED,
    *(name for name, _ in OG_TYPES),
    *(name for name, _ in URL_SHAPES),
)


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
    title: str | None = None,
    dated: bool = False,
    authored: bool = False,
) -> Guess:
    """The page's type, weighed from what ``metadata`` found (the JSON-LD ``@type`` values, the
    ``og:type``, the page's title, whether it found a date and an author), its URL and its
    blocks."""
    declared = decisive(declared_types, og_type)
    if declared is not None:
        return declared
    if not url and not blocks:
        return Guess("other", "no-evidence")
    values = features(
        url,
        blocks,
        declared_types=declared_types,
        og_type=og_type,
        title=title,
        dated=dated,
        authored=authored,
    )
    if little_evidence(values, blocks, bare=not url):
        return Guess("article", "little-evidence")
    return weigh(values)


def weigh(values: dict[str, float]) -> Guess:
    """The model's type for the page's ``features``: the highest score, weights × features."""
    scores = {
        page_type: INTERCEPTS[page_type]
        + sum(WEIGHTS[name][i] * values[name] for name in FEATURES if values[name])
        for i, page_type in enumerate(MODEL_TYPES)
    }
    first, second = sorted(MODEL_TYPES, key=lambda t: -scores[t])[:2]
    return Guess(first, "fitted:" + ",".join(_deciding(values, first, second)))


def little_evidence(values: dict[str, float], blocks: Sequence[Block], *, bare: bool) -> bool:
    """Whether the page gives the model too little to weigh: no declaration or URL shape that
    names a type, and either less text than ``MODEL_MIN_CHARS`` or no URL (``bare``: the model
    was fitted on saved pages with their URLs, whose shape it weighs most). On a snippet or a
    page without its address, the absence of what the model looks for says nothing."""
    if any(values[name] for name in NAMING_FEATURES):
        return False
    return bare or sum(b.features.chars for b in blocks) < MODEL_MIN_CHARS


def decisive(declared_types: Collection[str], og_type: str | None) -> Guess | None:
    """The type the page's declarations decide on their own (``DECISIVE_JSONLD``,
    ``DECISIVE_OG``), if they do."""
    for name, page_type in DECISIVE_JSONLD:
        if name in declared_types:
            return Guess(page_type, f"json-ld:{name}")
    if og_type:
        for pattern, page_type in DECISIVE_OG:
            if pattern.search(og_type):
                return Guess(page_type, f"og:type:{og_type}")
    return None


def _deciding(values: dict[str, float], first: PageType, second: PageType) -> list[str]:
    """The features that add most to ``first``'s score over ``second``'s."""
    i, j = MODEL_TYPES.index(first), MODEL_TYPES.index(second)
    margins = {
        name: (WEIGHTS[name][i] - WEIGHTS[name][j]) * value
        for name, value in values.items()
        if value
    }
    ahead = sorted((n for n in margins if margins[n] > 0), key=lambda n: -margins[n])
    return ahead[:REASON_FEATURES] or ["intercept"]


def features(
    url: str | None,
    blocks: Sequence[Block],
    *,
    declared_types: Collection[str] = (),
    og_type: str | None = None,
    title: str | None = None,
    dated: bool = False,
    authored: bool = False,
) -> dict[str, float]:
    """The page's named features (``FEATURES``), each from 0 to 1."""
    values = dict.fromkeys(FEATURES, 0.0)
    values["dated"] = float(dated)
    values["authored"] = float(authored)
    if title:
        values["title-words"] = min(len(title.split()), TITLE_MAX_WORDS) / TITLE_MAX_WORDS
        for found in TITLE_WORDS.finditer(title):
            values[f"title-{found.lastgroup}"] = 1.0
    for name, kinds in DECLARED.items():
        values[name] = float(not kinds.isdisjoint(declared_types))
    for name, pattern in OG_TYPES:
        if og_type and pattern.search(og_type):
            values[name] = 1.0
            break
    values.update(_url_features(url))
    values.update(_block_features(blocks))
    return values


def _url_features(url: str | None) -> dict[str, float]:
    """Which URL shapes match, the path's depth, the slug's words, a date, an id, a query."""
    if not url:
        return {}
    split = urlsplit(url)
    host = (split.hostname or "").removeprefix("www.")
    path = split.path.lower()
    values = {
        name: 1.0
        for name, pattern in URL_SHAPES
        if pattern.search(host if pattern.pattern.startswith("^") else path)
    }
    segments = [s for s in path.split("/") if s]
    slug = segments[-1] if segments else ""
    values["url-home"] = float(not segments or slug.startswith("index."))
    values["url-depth"] = min(len(segments), URL_MAX_DEPTH) / URL_MAX_DEPTH
    values["url-slug-words"] = min(len(SLUG_WORD.findall(slug)), SLUG_MAX_WORDS) / SLUG_MAX_WORDS
    values["url-date"] = float(bool(URL_DATE.search(path)))
    values["url-number"] = float(bool(URL_NUMBER.search(slug)))
    values["url-query"] = float(bool(split.query))
    return values


def _block_features(blocks: Sequence[Block]) -> dict[str, float]:
    """The shape of the blocks, in one pass: shares of the page's characters by kind of block,
    headings, linked headlines, the largest group of repeated cards, short words by group."""
    total = prose = short_prose = in_article = items = linked = code = table = heading_chars = 0
    headings = linked_headings = paragraphs = 0
    words: Counter[str] = Counter()
    classed: Counter[str] = Counter()
    families: dict[frozenset[str], tuple[str, ...]] = {}
    cards: Counter[tuple[str, ...]] = Counter()
    for block in blocks:
        f = block.features
        chars = f.chars
        total += chars
        kind = block.kind
        is_prose = kind is Kind.PARAGRAPH and f.sentence_end and chars >= PROSE_MIN_CHARS
        # A linked block is a headline, a menu entry or a card's title: prose is none of them,
        # even inside a link.
        is_linked = f.link_density > LINK_ITEM_DENSITY and not is_prose
        if kind is Kind.PARAGRAPH and f.sentence_end:
            paragraphs += 1
            if chars >= PROSE_MIN_CHARS:
                prose += chars
            else:
                short_prose += chars
        elif kind is Kind.LIST_ITEM:
            items += chars
        elif kind is Kind.PREFORMATTED:
            code += chars
        elif kind is Kind.TABLE_CELL:
            table += chars
        elif kind is Kind.HEADING:
            headings += 1
            heading_chars += chars
            if is_linked:
                linked_headings += 1
        if is_linked:
            linked += chars
            # Cards repeat one shape: the same tags above the same kind of linked block (menus
            # repeat theirs too, inside the page's furniture, which is left out).
            if FURNITURE_TAGS.isdisjoint(f.path):
                cards[f.path] += 1
        if "article" in f.path:
            in_article += chars
        if f.tokens:
            # Blocks of one container share their token set: each set is looked up once.
            names = families.get(f.tokens)
            if names is None:
                names = families[f.tokens] = _families(f.tokens)
            for name in names:
                classed[name] += chars
        if chars <= SHORT_BLOCK_CHARS:
            words.update(_cues(block.text))
    share = 1 / (total or 1)
    values = {
        "prose-share": prose * share,
        "short-prose-share": short_prose * share,
        "in-article-share": in_article * share,
        "list-share": items * share,
        "linked-share": linked * share,
        "code-share": code * share,
        "table-share": table * share,
        "heading-share": heading_chars * share,
        "headings": _saturating(headings, HEADINGS_CAP),
        "headings-per-paragraph": min(headings / (paragraphs or 1), 1.0),
        "linked-headings": _saturating(linked_headings, CARDS_CAP),
        "repeated-cards": _saturating(max(cards.values(), default=0), CARDS_CAP),
    }
    for group in SHORT_WORD_GROUPS:
        values[f"{group}-words"] = _saturating(words[group], WORDS_CAP)
    for name in CLASS_TOKENS:
        values[name] = classed[name] * share
    return values


def _families(tokens: frozenset[str]) -> tuple[str, ...]:
    """The ``CLASS_TOKENS`` families that name one of ``tokens``."""
    if CLASS_TOKEN_UNION.isdisjoint(tokens):
        return ()
    return tuple(name for name, family in CLASS_TOKENS.items() if not family.isdisjoint(tokens))


def _cues(text: str) -> set[str]:
    """The groups of cues a short block holds (``CUE_WORDS``, ``CUE_PHRASES``, a byline's first
    word, a price, a date with a year), each once."""
    tokens = WORD.findall(text.lower())
    if not tokens:
        return set()
    found = {CUE_WORDS[t] for t in tokens if t in CUE_WORDS}
    found.update(CUE_PHRASES[p] for p in itertools.pairwise(tokens) if p in CUE_PHRASES)
    if tokens[0] in BYLINE_FIRST and len(tokens) > 1:
        found.add("byline")
    digits = any(t.isdigit() for t in tokens)
    if digits and (not CURRENCY_SIGNS.isdisjoint(text) or not CURRENCY_CODES.isdisjoint(tokens)):
        found.add("price")
    if digits and _dated(tokens):
        found.add("dated")
    return found


def _dated(tokens: list[str]) -> bool:
    """Whether the words say a date: a year beside a month's name or two more numbers, or a
    number of units "ago"; a copyright's year is not one."""
    if "ago" in tokens:
        return True
    if not NOT_DATED.isdisjoint(tokens):
        return False
    years = sum(1 for t in tokens if len(t) == 4 and t.isdigit() and t[:2] in ("19", "20"))
    if not years:
        return False
    numbers = sum(1 for t in tokens if t.isdigit())
    return numbers >= 3 or not MONTHS.isdisjoint(tokens)


def _saturating(count: int, cap: int) -> float:
    """A count on a log scale: 0 for none, 1 at ``cap`` and above."""
    return min(math.log1p(count) / math.log1p(cap), 1.0)
