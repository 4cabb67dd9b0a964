"""The headline of a page, chosen among the places that state it.

A page states its headline several times: in its first ``<h1>``, in the meta tags
(``og:title``, ``twitter:title``), in the JSON-LD ``headline`` and in the ``<title>``, where the
site name usually sits beside it (``Headline | Site``, ``Site - Headline``). The meta tags and
the ``<title>`` are written for search engines and often differ from the headline the reader
sees; the ``<h1>`` is the headline on most pages, unless it holds the site's name (a logo).

So: the site's names are gathered (its declared name, the label of its domain, and the parts of
the ``<title>`` that other statements share as a prefix or suffix); every statement loses the
site names at its ends; the first ``<h1>`` wins unless it is a site name, a section label or a
tagline that the titles do not bear out; then a later ``<h1>`` that another statement repeats
(the first was a banner: "Do you want more web conversions?"); then the JSON-LD headline, the
meta title and the ``<title>``, in that order.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

# Where a title is cut into the headline and the site name: a separator between spaces, but not
# a dash or slash between two numbers ("2026 / 2027", "9 – 5"), which is a range.
_SEPARATOR = regex.compile(
    r"(?<=\d)\s+[-–—/]\s+(?=\d)(*SKIP)(*FAIL)|\s+(?:[|–—•·»«~/\\-]{1,2}|::)\s+|\s*[|]\s*"
)
# The characters without one of which a text holds no separator.
_SEPARATOR_MARKS = frozenset("|–—•·»«~/\\-:")
# The titles and names of the last few pages, split and squashed: each choice tests the same few
# texts many times over.
STATEMENT_CACHE = 64
# Characters other than letters and digits, dropped when names are compared.
_NOT_ALNUM = regex.compile(r"[^\p{L}\p{N}]+")
# The order in which the statements are tried once the ``<h1>`` is out.
FALLBACK_ORDER = ("json_ld", "meta", "title")
# An end piece of a title of at most this many words that holds the domain's label is the
# site's name ("REI Co-op" on rei.com); a longer one is a headline that names the brand.
SITE_NAME_MAX_WORDS = 4
# A headline longer than this (characters) is a paragraph caught in an ``<h1>``.
HEADLINE_MAX_CHARS = 300
# Domain labels shorter than this are not looked for in titles (``bbc`` is, ``ft`` is not).
DOMAIN_LABEL_MIN_CHARS = 3
# An ``<h1>`` of at most this many words that no other statement holds is a section label
# ("Blog", "Perspectives", "All Parts"), not the headline.
LABEL_MAX_WORDS = 3
# An ``<h1>`` of more words than ``LABEL_MAX_WORDS`` that shares less than this share of its words
# with the title the meta tags and the ``<title>`` agree on is a tagline ("You deserve to be
# happy." beside "Professional Therapy With A Licensed Therapist"), not the headline.
TAGLINE_MAX_SHARED = 0.25
# An ``<h1>`` that is a host name ("bogleheads.org") names the site.
_HOST = regex.compile(r"^[\w-]+(?:\.[\w-]+)+$")
# Template markup left unrendered in an ``<h1>`` ("{{ item.title }}").
_TEMPLATE = "{{"
# A first piece of at least this many words before a separator is the headline and the rest
# a subtitle; a shorter one is a kicker or a product line ("Nintendo Switch – OLED Model").
HEADLINE_MIN_WORDS = 3
# A date opening an ``<h1>`` ("Dec 18 2025 Preparing a transition"), and a posting line
# closing it ("... Posted on July 1, 2024 by infuy").
_DATE_BEFORE = regex.compile(
    r"^(?:\p{L}{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\p{L}{3,9}\.?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})\s+(?=\S)"
)
_DATE_AFTER = regex.compile(
    r"\s+(?:posted|published|updated|last\s+updated)\s+(?:on\s+)?\p{L}{3,9}\.?\s+\d.*$",
    regex.IGNORECASE,
)
# Characters that never show in a heading: soft hyphens (where a word may break), zero-width
# spaces, word joiners and byte-order marks.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))
# Second-level labels under which a country's sites register (``example.co.uk``).
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"})


@dataclass(frozen=True, slots=True)
class Statements:
    """What a page states as its title, each None when it does not."""

    h1: str | None = None
    json_ld: str | None = None
    meta: str | None = None
    title: str | None = None
    sitename: str | None = None
    host: str | None = None
    # The texts of the ``<h1>`` elements after the first, in document order.
    later_h1s: tuple[str, ...] = ()


@functools.lru_cache(maxsize=STATEMENT_CACHE)
def _squash(text: str) -> str:
    """The compared form of a name: case folded, letters and digits only."""
    return _NOT_ALNUM.sub("", text.casefold())


def _words(text: str) -> list[str]:
    """The words of a text, case folded, without punctuation."""
    return _NOT_ALNUM.sub(" ", text.casefold()).split()


@functools.lru_cache(maxsize=STATEMENT_CACHE)
def split(text: str) -> tuple[str, ...]:
    """The pieces of a title between separators (``"A | B"`` → ``("A", "B")``)."""
    if _SEPARATOR_MARKS.isdisjoint(text):
        return (text.strip(),) if text.strip() else ()
    return tuple(p.strip() for p in _SEPARATOR.split(text) if p.strip())


def domain_label(host: str | None) -> str | None:
    """The registered name of a host: ``www.bbc.co.uk`` → ``bbc``."""
    labels = (host or "").casefold().removeprefix("www.").split(".")
    if len(labels) < 2:
        return None
    label = labels[-3] if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else labels[-2]
    return label if len(label) >= DOMAIN_LABEL_MIN_CHARS else None


@dataclass(frozen=True, slots=True)
class _SiteNames:
    """The names a page gives its site, squashed."""

    names: frozenset[str]
    label: str | None

    def holds(self, piece: str) -> bool:
        """Whether ``piece`` is one of the names, or (a short piece) holds the domain's label."""
        squashed = _squash(piece)
        if not squashed or squashed in self.names or squashed == self.label:
            return True
        short = len(piece.split()) <= SITE_NAME_MAX_WORDS
        return short and self.label is not None and self.label in squashed

    def is_name(self, text: str) -> bool:
        """Whether ``text`` is exactly one of the names (a logo in the ``<h1>``)."""
        squashed = _squash(text)
        return not squashed or squashed in self.names or squashed == self.label


def _site_names(s: Statements) -> _SiteNames:
    """The declared site name, the domain's label, an ``<h1>`` that names the site (a host
    name, or the last piece of the ``<title>``), and the end pieces of the ``<title>`` and meta
    title beside a piece that the ``<h1>`` or JSON-LD headline holds (``Headline | Site``
    beside a ``<h1>`` ``Headline``)."""
    declared_name = {_squash(s.sitename)} if s.sitename else set()
    declared = _SiteNames(frozenset(declared_name - {""}), domain_label(s.host))
    names = set(declared.names)
    headlines = [t for t in (s.h1, s.json_ld) if t and not declared.is_name(t)]
    if s.h1 in headlines and _names_the_site(s.h1, s.title):
        names.add(_squash(s.h1))
        headlines.remove(s.h1)
    others = [_squash(t) for t in headlines]
    for text in (s.title, s.meta):
        pieces = [_squash(p) for p in split(text)] if text else []
        if len(pieces) < 2 or not any(p and p in o for p in pieces for o in others):
            continue
        for end in (pieces[0], pieces[-1]):
            if end and not any(end in other for other in others):
                names.add(end)
    return _SiteNames(frozenset(names), declared.label)


def _names_the_site(h1: str, title: str | None) -> bool:
    """An ``<h1>`` that is a host name, or the last piece of a ``<title>`` of several."""
    if _HOST.match(h1.strip()):
        return True
    pieces = split(title) if title else []
    return len(pieces) > 1 and _squash(pieces[-1]) == _squash(h1)


def without_site(text: str, site: _SiteNames) -> str | None:
    """``text`` without the site names at its ends; None when nothing else is left."""
    pieces = list(split(text))
    if not pieces:
        return None
    if len(pieces) == 1:
        # A piece beside a separator with nothing on its other side ("| Site") is an end piece.
        alone = pieces[0] == text.strip()
        return None if (site.is_name if alone else site.holds)(pieces[0]) else text
    while pieces and site.holds(pieces[-1]):
        pieces.pop()
    # At the start, only a name itself: a headline may open with the brand it is about
    # ("Nintendo Switch - OLED Model" on nintendo.com).
    while pieces and site.is_name(pieces[0]):
        pieces.pop(0)
    if not pieces:
        return None
    # The kept pieces as the text wrote them, separators between them included.
    start = text.index(pieces[0])
    end = text.rindex(pieces[-1]) + len(pieces[-1])
    return text[start:end]


def choose(statements: Statements) -> str | None:
    """The headline of a page from what it states (see the module docstring), without a
    subtitle after a separator ("Gym Workouts for Beginners — Strength Training")."""
    headline = _chosen(statements)
    if headline is None:
        return None
    pieces = split(headline)
    subtitled = len(pieces) > 1 and len(pieces[0].split()) >= HEADLINE_MIN_WORDS
    if subtitled and not _goes_on(pieces[1]):
        return pieces[0]
    return headline


def _goes_on(rest: str) -> bool:
    """Whether the words after a separator go on with the sentence before it ("... of 2024 — and
    5 trends to expect"): several words, the first in lower case (not a variant: "- black")."""
    return rest[:1].islower() and len(rest.split()) >= HEADLINE_MIN_WORDS


def _chosen(statements: Statements) -> str | None:
    """The statement that holds the headline, site names cut off."""
    site = _site_names(statements)
    others = _Others.of(statements, site)
    h1 = _usable(statements.h1)
    headline = without_site(_undated(h1), site) if h1 is not None else None
    if headline is not None and _is_headline(headline, statements.title, site, others):
        return headline
    repeated = _repeated_h1(statements.later_h1s, site, others)
    if repeated is not None:
        return repeated
    fallback = next(filter(None, others.texts), None)
    if fallback is not None:
        return fallback
    # Every statement is a site name (a blog whose posts all carry its name): the first one.
    return headline or next(filter(None, map(_usable, _statements(statements))), None)


def _statements(s: Statements) -> tuple[str | None, ...]:
    return (s.h1, s.json_ld, s.meta, s.title)


@dataclass(frozen=True, slots=True)
class _Others:
    """The statements besides the ``<h1>``, site names cut off, read once for every test."""

    # In ``FALLBACK_ORDER``, None for a statement missing or all site name.
    texts: tuple[str | None, ...]
    # Their squashed forms, those present only.
    squashed: tuple[str, ...]
    # The meta title, when the ``<title>`` says the same once both lose the site names.
    agreed: str | None

    @staticmethod
    def of(s: Statements, site: _SiteNames) -> _Others:
        texts = tuple(
            without_site(text, site) if (text := _usable(getattr(s, name))) is not None else None
            for name in FALLBACK_ORDER
        )
        squashed = dict(
            zip(FALLBACK_ORDER, (_squash(t) if t else None for t in texts), strict=True)
        )
        meta = texts[FALLBACK_ORDER.index("meta")]
        agreed = meta if meta and squashed["meta"] == squashed["title"] else None
        return _Others(texts, tuple(filter(None, squashed.values())), agreed)


def _is_headline(h1: str, title: str | None, site: _SiteNames, others: _Others) -> bool:
    """Whether the ``<h1>`` (site names cut off) is the page's headline: not a site name, a
    host name, the site-name end of the ``<title>`` or template markup; when it is a short
    label ("Blog", "All Parts"), found in another statement; when longer, not a tagline that
    shares next to no word with the title the meta tags and ``<title>`` agree on."""
    if site.is_name(h1) or _names_the_site(h1, title) or _TEMPLATE in h1:
        return False
    if len(h1.split()) <= LABEL_MAX_WORDS and others.squashed:
        squashed = _squash(h1)
        return any(squashed in other for other in others.squashed)
    if others.agreed is None:
        return True
    words = _words(h1)
    shared = set(words) & set(_words(others.agreed))
    return sum(w in shared for w in words) >= TAGLINE_MAX_SHARED * len(words)


def _repeated_h1(later_h1s: tuple[str, ...], site: _SiteNames, others: _Others) -> str | None:
    """The first later ``<h1>`` that the JSON-LD headline, the meta title or the ``<title>``
    states too, site names cut off."""
    for text in later_h1s:
        h1 = _usable(text)
        headline = without_site(h1, site) if h1 is not None else None
        if headline and _squash(headline) in others.squashed and not site.is_name(headline):
            return headline
    return None


def _undated(h1: str) -> str:
    """The ``<h1>`` without a date before it or a "Posted on ..." line after it, which some
    themes set inside the heading."""
    return _DATE_AFTER.sub("", _DATE_BEFORE.sub("", h1)) or h1


def _usable(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.translate(_INVISIBLE).split())
    return text if text and len(text) <= HEADLINE_MAX_CHARS else None
