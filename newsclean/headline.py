"""The headline of a page, chosen among the places that state it.

A page states its headline several times: in its first ``<h1>``, in the meta tags
(``og:title``, ``twitter:title``), in the JSON-LD ``headline`` and in the ``<title>``, where the
site name usually sits beside it (``Headline | Site``, ``Site - Headline``). The meta tags and
the ``<title>`` are written for search engines and often differ from the headline the reader
sees; the ``<h1>`` is the headline on most pages, unless it holds the site's name (a logo).

So: the site's names are gathered (its declared name, the label of its domain, and the parts of
the ``<title>`` that other statements share as a prefix or suffix); every statement loses the
site names at its ends; the ``<h1>`` wins unless it is a site name; then the JSON-LD headline,
the meta title and the ``<title>``, in that order.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

# Where a title is cut into the headline and the site name: a separator between spaces.
_SEPARATOR = regex.compile(r"\s+(?:[|–—•·»«~/\\-]{1,2}|::)\s+|\s*[|]\s*")
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


def _squash(text: str) -> str:
    """The compared form of a name: case folded, letters and digits only."""
    return _NOT_ALNUM.sub("", text.casefold())


def split(text: str) -> list[str]:
    """The pieces of a title between separators (``"A | B"`` → ``["A", "B"]``)."""
    return [p.strip() for p in _SEPARATOR.split(text) if p.strip()]


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
    pieces = split(text)
    if len(pieces) < 2:
        return None if site.is_name(text) else text
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
    if len(pieces) > 1 and len(pieces[0].split()) >= HEADLINE_MIN_WORDS:
        return pieces[0]
    return headline


def _chosen(statements: Statements) -> str | None:
    """The statement that holds the headline, site names cut off."""
    site = _site_names(statements)
    h1 = _usable(statements.h1)
    headline = without_site(_undated(h1), site) if h1 is not None else None
    if headline is not None and _is_headline(headline, statements, site):
        return headline
    for name in FALLBACK_ORDER:
        text = _usable(getattr(statements, name))
        stripped = without_site(text, site) if text is not None else None
        if stripped is not None:
            return stripped
    # Every statement is a site name (a blog whose posts all carry its name): the first one.
    return headline or next(filter(None, map(_usable, _statements(statements))), None)


def _statements(s: Statements) -> tuple[str | None, ...]:
    return (s.h1, s.json_ld, s.meta, s.title)


def _is_headline(h1: str, s: Statements, site: _SiteNames) -> bool:
    """Whether the ``<h1>`` (site names cut off) is the page's headline: not a site name, a
    host name, the site-name end of the ``<title>`` or template markup, and, when it is a
    short label ("Blog", "All Parts"), found in another statement."""
    if site.is_name(h1) or _names_the_site(h1, s.title) or _TEMPLATE in h1:
        return False
    squashed = _squash(h1)
    others = [_squash(t) for t in (s.json_ld, s.meta, s.title) if t]
    if len(h1.split()) <= LABEL_MAX_WORDS and others:
        return any(squashed in other for other in others)
    return True


def _undated(h1: str) -> str:
    """The ``<h1>`` without a date before it or a "Posted on ..." line after it, which some
    themes set inside the heading."""
    return _DATE_AFTER.sub("", _DATE_BEFORE.sub("", h1)) or h1


def _usable(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text if text and len(text) <= HEADLINE_MAX_CHARS else None
