"""Authors: the bylines of an HTML page, and the names in a byline.

``bylines(tree)`` finds the elements that sign a page where trafilatura's ``extract_author``
looks for them (its three tiers of class, id, ``itemprop`` and ``rel`` patterns, outside
comments, sidebars, ``<time>`` and ``<figure>``), in one walk over the tree with plain string
tests instead of its XPath regular expressions, which cost more than parsing the page.
``names(text)`` turns a byline or a meta value into the names alone: no "By", no role, no
date, no "Staff", several authors apart.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import methodcaller

import regex
from lxml import etree

# Bylines shorter or longer than these (in characters, trimmed) are not read (trafilatura's).
BYLINE_MIN_CHARS = 3
BYLINE_MAX_CHARS = 120
# Words of a person's name (first and last) before which a role word is part of a body's
# name ("Podium Staff") and after which it ends the name ("Ana Li, Staff Writer").
PERSON_MIN_WORDS = 2
# A name of more words than this is a sentence, not a name.
NAME_MAX_WORDS = 6
# Names longer than this with no space are a hash or an id, not a name.
NAME_MAX_CHARS = 50

# trafilatura's AUTHOR_XPATHS, tier by tier: the tags searched (None: any) and the tests on
# (rel, id, class, itemprop, data-testid, data-component).
_TIER_SPECIFIC_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_TIER_GENERIC_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_SPECIFIC_CLASS = regex.compile(r"author-?name|AuthorName|authorName")
_GENERIC_ID = regex.compile(r"author|zuozhe|bianji|xiaobian")
_GENERIC_CLASS = regex.compile(
    r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
_GENERIC_CLASSES = frozenset({"byline", "username", "byl", "BBL"})
_LAST_ID = regex.compile(r"[Aa]uthor")
_LAST_CLASS = regex.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")
# trafilatura's AUTHOR_DISCARD_XPATHS: comments, sidebars, dates, quotes, share bars, figures.
_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
_DISCARD_ALWAYS = frozenset({"time", "figure"})
_DISCARD_CLASSES = frozenset({"comments", "title", "date"})
_DISCARD_ID = regex.compile(r"^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = regex.compile(
    r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram"
    r"|article-(?:share|support)|print|category|meta-date|meta-reviewer"
)

# What opens a byline before the names: "By", "Written by", "Author:", "Posted by"...
_LEAD = regex.compile(
    r"^(?:(?:\p{L}+(?:ed|en|t)\s+)?(?:by|von|par|por|from|de)\b|authors?\b|autor(?:in)?\b"
    r"|about\s+the\s+author\b|meet\s+the\s+author\b)[\s:.\-–—]*",
    regex.IGNORECASE,
)
# Where the names of a byline end: a date, a time, "Updated", "Published", a reading time.
_TRAIL = regex.compile(
    r"\s*(?:\b(?:last\s+)?(?:updated|published|posted|modified|reviewed)\b"
    r"|\b(?:on|at|in)\s+(?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\p{L}*\.?\s+\d"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\p{L}*"
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d+\s*min|\d+\s+(?:hours?|days?|weeks?)\s+ago"
    r"|[•·|—–]|\s-\s).*$",
    regex.IGNORECASE,
)
# What separates several names: commas, semicolons, ampersands, "and", slashes.
_SPLIT = regex.compile(r"\s*(?:[,;&/|+]|\b(?:and|und|et|y|with)\b)\s*", regex.IGNORECASE)
# Words that name a job, not a person: a person's name ends before the first of them, and a
# name that starts with them loses them.
ROLE_WORDS = frozenset(
    {
        *("staff", "writer", "writers", "reporter", "reporters", "editor", "editors"),
        *("correspondent", "contributor", "contributing", "columnist", "journalist"),
        *("author", "authors", "senior", "chief", "managing", "executive", "associate"),
        *("freelance", "guest", "expert", "consultant", "photographer", "producer"),
        *("trending", "deputy", "former"),
    }
)
# Words of a forum's rank and profile links: a name ends before the first of them, always.
RANK_WORDS = frozenset(
    {
        *("member", "moderator", "administrator", "veteran", "offline", "online", "wrote"),
        *("joined", "posts", "messages", "registered", "verified", "premium", "follow"),
        *("view", "profile", "all", "full", "new"),
    }
)
# Handles and e-mail addresses left out of names.
_HANDLE = regex.compile(r"(?:^|\s)@\w+|\S+@\S+\.\w+|https?://\S+")
_LETTER = regex.compile(r"\p{L}")


# --- bylines in the tree -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Attributes:
    """The attributes the byline patterns test, read once per element."""

    tag: str
    rel: str
    id: str
    cls: str
    itemprop: str
    testid: str
    component: str

    @staticmethod
    def of(element: etree._Element) -> _Attributes:
        get = element.get
        return _Attributes(
            element.tag,
            get("rel") or "",
            get("id") or "",
            get("class") or "",
            get("itemprop") or "",
            get("data-testid") or "",
            get("data-component") or "",
        )


def _specific(a: _Attributes) -> bool:
    if a.tag == "author":
        return True
    return a.tag in _TIER_SPECIFIC_TAGS and (
        a.rel == "author"
        or a.id == "author"
        or a.cls == "author"
        or a.itemprop == "author name"
        or a.testid in ("AuthorCard", "AuthorURL")
        or _SPECIFIC_CLASS.search(a.cls) is not None
    )


def _generic(a: _Attributes) -> bool:
    return a.tag in _TIER_GENERIC_TAGS and (
        a.cls in _GENERIC_CLASSES
        or "author" in a.itemprop
        or _GENERIC_ID.search(a.id) is not None
        or _GENERIC_CLASS.search(a.cls) is not None
    )


def _last_resort(a: _Attributes) -> bool:
    return (
        "Byline" in a.component
        or "author" in a.itemprop
        or _LAST_ID.search(a.id) is not None
        or _LAST_CLASS.search(a.cls) is not None
    )


# The tiers in the order they are searched: the first tier with a readable byline wins.
TIERS: tuple[Callable[[_Attributes], bool], ...] = (_specific, _generic, _last_resort)


def _discarded(a: _Attributes) -> bool:
    if a.tag in _DISCARD_ALWAYS:
        return True
    return a.tag in _DISCARD_TAGS and (
        a.id == "comments"
        or a.cls in _DISCARD_CLASSES
        or "Figure" in a.component
        or _DISCARD_ID.search(a.id) is not None
        or _DISCARD_CLASS.search(a.cls) is not None
    )


# Pieces of class and id values that every value a tier above picks holds (a superset: the
# exact tests run on the few elements they let through).
_CUES = (
    *("uthor", "channel-name", "zuozhe", "bianji", "xiaobian", "submitted-by", "posted-by"),
    *("journalist-name", "byl", "Byl", "BBL", "username", "screenname", "writer"),
)
# Only classes are read for the cues: ids that name an author sit on elements whose class
# does on nearly every page, and a second column costs a sixth of the parse.
# The rarer attributes the tiers read besides the class, found by a search of the attribute
# axis (``data-testid`` and ``data-component`` are tested on the elements found, not searched
# for: a search each costs more than they found on WCXB, nothing).
_RARE = etree.XPath("//@itemprop|//@rel")


def _cued(column: list[str | None]) -> set[str]:
    """The values of ``column`` that hold one of ``_CUES``; pages repeat their classes, so each
    cue is first looked for in all distinct values at once."""
    values: set[str] = {v for v in set(column) if v is not None}
    joined = "\0".join(values)
    found: set[str] = set()
    for cue in _CUES:
        if cue in joined:
            found.update(v for v in values if cue in v)
    return found


def bylines(tree: etree._Element) -> Iterator[str]:
    """The texts of the page's byline elements, best tier first, in document order within a
    tier; elements inside discarded parts are skipped and discarded parts of a byline left out.

    The elements a tier can pick are found by C loops (``map``, ``compress``) over every
    element, Python running only on the few let through: first by their class alone, whose
    first tier names the author on most pages; the rarer attributes (``rel``, ``itemprop``...),
    which cost another search of the tree, only when that gives no byline.
    """
    elements = list(tree.iter())  # comments come along; none of them is kept
    classes = list(map(methodcaller("get", "class"), elements))
    cued = _cued(classes)
    by_class = list(itertools.compress(elements, map(cued.__contains__, classes)))
    first = _tiers(by_class)[0]
    yield from _readable(first)
    rare = {e for e in {a.getparent() for a in _RARE(tree)} if _may_sign(e)}
    rare.update(tree.iter("author"))
    keep = map(operator.or_, map(rare.__contains__, elements), map(cued.__contains__, classes))
    read = set(first)
    for tier in _tiers([e for e in itertools.compress(elements, keep) if e not in read]):
        yield from _readable(tier)


# Pieces of the ids that the tiers pick (``_GENERIC_ID``, ``_LAST_ID``), and the test ids.
_ID_CUES = ("uthor", "zuozhe", "bianji", "xiaobian")
_TEST_IDS = frozenset({"AuthorCard", "AuthorURL"})


def _may_sign(element: etree._Element) -> bool:
    """Whether an element whose class holds no cue can pass a tier by its other attributes: a
    superset of what the tiers test on such an element (its class tests all need a cue), read
    with plain string tests. Pages give ``rel`` and ``itemprop`` to dozens of elements (links,
    schema.org markup), nearly none of which sign the page."""
    get = element.get
    element_id = get("id") or ""
    return (
        get("rel") == "author"
        or "author" in (get("itemprop") or "")
        or any(cue in element_id for cue in _ID_CUES)
        or get("data-testid") in _TEST_IDS
        or "Byline" in (get("data-component") or "")
    )


def _tiers(elements: list[etree._Element]) -> list[list[etree._Element]]:
    """``elements`` sorted into ``TIERS`` (document order kept), those of no tier left out."""
    tiers: list[list[etree._Element]] = [[] for _ in TIERS]
    for element in elements:
        attributes = _Attributes.of(element)
        tier = next((i for i, test in enumerate(TIERS) if test(attributes)), None)
        if tier is not None:
            tiers[tier].append(element)
    return tiers


def _readable(elements: list[etree._Element]) -> Iterator[str]:
    """The texts of ``elements`` outside dropped parts, of a byline's length."""
    for element in elements:
        if _dropped(element) or any(map(_dropped, element.iterancestors())):
            continue
        text = " ".join(_pruned_text(element).split())
        if BYLINE_MIN_CHARS <= len(text) < BYLINE_MAX_CHARS:
            yield text


def _dropped(element: etree._Element) -> bool:
    """Whether trafilatura's author search drops ``element`` with all it holds."""
    return isinstance(element.tag, str) and _discarded(_Attributes.of(element))


def _pruned_text(element: etree._Element) -> str:
    """The element's text, its dropped descendants left out (their tails kept), each text
    node apart from the next as trafilatura joins them."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and not _dropped(child):
            parts.append(_pruned_text(child))
        parts.append(child.tail or "")
    return " ".join(parts)


# --- names in a byline ---------------------------------------------------------------------------


def names(text: str | None) -> tuple[str, ...]:
    """The people (or bodies) a byline names, in its order, without "By", roles or dates.

    ``"By Ana Li and Bo Yu, Staff Writers | May 2, 2024"`` → ``("Ana Li", "Bo Yu")``.
    """
    if not text:
        return ()
    text = _HANDLE.sub(" ", " ".join(text.split()))
    text = _TRAIL.sub("", _LEAD.sub("", text.strip(" :-–—"))).strip()
    found: list[str] = []
    for position, piece in enumerate(_SPLIT.split(text)):
        if position and _is_role(piece):
            continue  # "Mike Marshall, Shipping Expert": the role of the name before
        name = _name(piece)
        if name and name.casefold() not in {f.casefold() for f in found}:
            found.append(name)
    # A name that another holds whole ("Craig" beside "Craig McCarthy") adds nothing.
    return tuple(n for n in found if not any(n != m and n in m for m in found))


def _name(piece: str) -> str | None:
    """One name out of a piece of byline: leading roles and avatar initials dropped, the name
    cut at the first role word after it."""
    words = piece.strip(" .:-–—()[]\"'").split()
    while words and (_word(words[0]) in ROLE_WORDS | RANK_WORDS or _is_initial(words)):
        words = _LEAD.sub("", " ".join(words[1:])).split()
    kept: list[str] = []
    for word in words:
        # A role after a person's names ends the name; after one word it is part of the
        # name of a body ("Podium Staff", "Our Editors").
        if _word(word) in RANK_WORDS and kept:
            break
        if _word(word) in ROLE_WORDS and len(kept) >= PERSON_MIN_WORDS:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1].isdigit():  # a forum's post or like count
        kept.pop()
    name = " ".join(kept).strip(" ,.:-–—")
    if not _LETTER.search(name) or len(kept) > NAME_MAX_WORDS:
        return None
    if len(name) >= NAME_MAX_CHARS and " " not in name:
        return None
    return name


def _word(word: str) -> str:
    return word.casefold().strip(".:")


def _is_role(piece: str) -> bool:
    """A piece of byline that ends with a role word ("Shipping Expert", "Staff Writers")."""
    words = piece.split()
    return bool(words) and _word(words[-1]) in ROLE_WORDS


def _is_initial(words: list[str]) -> bool:
    """An avatar's letter before a name ("B boobaloobie"): one letter, no dot, then a word
    (not another initial, as in "Z B Steele")."""
    return len(words) > 1 and len(words[0]) == 1 and words[0].isalpha() and len(words[1]) > 1
