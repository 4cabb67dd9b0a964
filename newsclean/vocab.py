"""Named, multilingual vocabularies: one set for HTML and plain-text mode alike.

Each table maps a stable name (used in block reasons, e.g. ``sidebar-heading:most-popular``) to a
pattern. Patterns are compiled once, at import, with the ``regex`` module for Unicode classes; they
are immutable, so sharing them across calls and processes is safe.

Searching these patterns is the largest single cost of cleaning a page, and most of their
alternatives are words of other scripts that cannot occur in a plain text (ASCII but for curly
quotes and dashes: nine blocks in ten of an English page). So each one is a `Pattern`: compiled as
written, and once more for plain texts without those alternatives, behind a test for the literals
any match must hold.
"""

from __future__ import annotations

import functools
import itertools
import re
import string
import sys
import unicodedata
from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, ValuesView
from types import MappingProxyType
from typing import Any, NamedTuple

import ahocorasick
import regex

_FLAGS = regex.IGNORECASE | regex.UNICODE | regex.VERSION1

# ---------------------------------------------------------------------------------------------
# Cheap searches of plain texts.
#
# The `regex` engine tries every alternative of a pattern at every position of a text. A
# backtracking search returns the first way to match in the pattern's priority order; an
# alternative that cannot match a text is never that way, so dropping it changes no match, span
# or group on that text. Most texts are plain: ASCII, perhaps with a few typographic marks (curly
# quotes, dashes, an ellipsis). An alternative cannot match a plain text when it must match a
# character that is neither ASCII nor a mark, nor has a case form that is ("é", "ж", "関"; not
# "ß" = "ss"). Each pattern's source is read into a tree of branches (alternatives) of items (an
# atom and its quantifier), those branches are dropped, and the rest is written back as the
# pattern's plain variant. Only the syntax the vocabularies use is modelled; anything else raises
# _Unsupported and the pattern keeps its full variant alone.
# ---------------------------------------------------------------------------------------------

# Non-ASCII characters a plain text may hold: typographic marks of Latin-script text. None has a
# case form, nor is part of any character's (tests/test_vocab.py checks both).
PLAIN_MARKS = "‘’‚“”„′″‹›«»–—…•·©®™€£°\u00a0\u2009\u202f\u200b"
# The first character that makes a text not plain.
_NOT_PLAIN = re.compile(f"[^\\x00-\\x7f{re.escape(PLAIN_MARKS)}]")
# Non-ASCII texts whose plainness is remembered: a block's text is searched with some thirty
# patterns in a row, and a page has a few hundred blocks.
_PLAIN_MEMO_SIZE = 512
# Compile flags the splitter understands. Any other leaves a pattern as written: VERBOSE changes
# the syntax, REVERSE, POSIX and fuzzy matching change which match is found first.
_PRUNABLE_FLAGS = (
    regex.IGNORECASE
    | regex.UNICODE
    | regex.VERSION0
    | regex.VERSION1
    | regex.FULLCASE
    | regex.MULTILINE
    | regex.DOTALL
    | regex.ASCII
    | regex.WORD
)
# Groups the splitter knows: non-capturing, atomic, lookarounds, and scoped case sensitivity.
# Capturing groups are refused: dropping a branch that holds one would renumber the others.
_GROUP_OPENERS = ("(?:", "(?>", "(?=", "(?!", "(?<=", "(?<!", "(?i:", "(?-i:")
# Lookarounds that hold where their content does not match: one whose content cannot match holds.
_NEGATIVE_LOOKAROUNDS = frozenset({"(?!", "(?<!"})
# Groups whose content is part of the match, so the match holds what their content must hold.
_CONSUMING_GROUPS = frozenset({"(?:", "(?>", "(?i:", "(?-i:"})
# A quantifier ("?", "*", "+", "{2}", "{1,4}", "{,3}"), maybe lazy or possessive; `min` is set
# when braces give a lower bound.
_QUANTIFIER = regex.compile(r"(?:[?*+]|\{(?:(?P<min>\d+)(?:,\d*)?|,\d+)\})[?+]?")
_QUANTIFIER_STARTS = frozenset("?*+{")
# Characters with a meaning in a pattern; any other stands for itself.
_SYNTAX = frozenset("\\()[]{}|.^$*+?")
# Atoms that match a class of characters or a position, all of which occur in ASCII texts.
_ASCII_ATOMS = frozenset({".", "^", "$"})
_ASCII_ESCAPES = frozenset("bBdDsSwWAZmMXafnrtv")
# Atoms that match the start of the text only (with MULTILINE, "^" also matches after a newline).
_START_ANCHORS = frozenset({"^", r"\A"})
# Escapes that name a character by its code point ("\x41", "\u00e9", "\U0001F600"): digits taken.
_HEX_ESCAPES: Mapping[str, int] = MappingProxyType({"x": 2, "u": 4, "U": 8})
# Escapes followed by a name in braces ("\p{Han}", "\N{BULLET}"); \p and \P also take one letter.
_NAMED_ESCAPES = frozenset("pPN")
# A digit in a plain text is one of these: the needles of a "\d".
_DIGITS = frozenset(string.digits)
# The Unicode category of code points with no character (yet).
_UNASSIGNED = "Cn"
# The inline flag that turns full case folding (on with IGNORECASE in VERSION1) off.
_SIMPLE_CASE = "(?-f)"
# What a pattern that cannot match a plain text becomes.
_NEVER = "(?!)"
# Texts an atom is tried on to learn whether it can match a plain text: every ASCII character
# and mark, and every string of up to three ASCII letters, what a full case folding can turn one
# character into ("ß" → "ss", "ﬃ" → "ffi"; tests/test_vocab.py checks this for all of Unicode).
_PLAIN_PROBES = (
    "".join(map(chr, range(128))) + PLAIN_MARKS,
    "".join(map("".join, itertools.product(string.ascii_lowercase, repeat=3))),
)


@functools.lru_cache(maxsize=_PLAIN_MEMO_SIZE)
def _is_plain_non_ascii(text: str) -> bool:
    return _NOT_PLAIN.search(text) is None


def is_plain(text: str) -> bool:
    """Whether ``text`` is ASCII but for `PLAIN_MARKS`: what the plain variants may search."""
    return text.isascii() or _is_plain_non_ascii(text)


class _Unsupported(ValueError):
    """A construct the splitter does not model; the pattern keeps its full variant alone."""


class _Item(NamedTuple):
    """One atom of a branch and its quantifier."""

    atom: str  # the atom's source, or a group's opener ("(?:", "(?-i:")
    quantifier: str = ""  # "", "?", "+", "{1,4}?"...
    required: bool = True  # the quantifier's lower bound is one or more
    literal: str | None = None  # the characters a literal atom matches (before case folding)
    branches: _Branches | None = None  # a group's alternatives


_Branches = tuple[tuple[_Item, ...], ...]


def _source(branches: _Branches) -> str:
    """The pattern source of ``branches``: the inverse of `_parse`."""
    return "|".join("".join(map(_item_source, branch)) for branch in branches)


def _item_source(item: _Item) -> str:
    inner = "" if item.branches is None else _source(item.branches) + ")"
    return item.atom + inner + item.quantifier


def _parse(source: str) -> _Branches:
    """The tree of a pattern source; raises _Unsupported on syntax it does not model."""
    branches, end = _parse_branches(source, 0)
    if end != len(source):
        raise _Unsupported(f"unbalanced ')' at {end}")
    return branches


def _parse_branches(source: str, start: int) -> tuple[_Branches, int]:
    """The alternatives from ``start`` up to the ")" that closes them or the end, and that end."""
    branches: list[tuple[_Item, ...]] = []
    branch: list[_Item] = []
    i = start
    while i < len(source) and source[i] != ")":
        if source[i] == "|":
            branches.append(tuple(branch))
            branch = []
            i += 1
        else:
            item, i = _parse_item(source, i)
            branch.append(item)
    branches.append(tuple(branch))
    return tuple(branches), i


def _parse_item(source: str, start: int) -> tuple[_Item, int]:
    """The atom at ``start`` with its quantifier, and the index after them."""
    c = source[start]
    literal: str | None = None
    branches: _Branches | None = None
    if c not in _SYNTAX:
        end = _literal_end(source, start)
        atom = literal = source[start:end]
    elif c == "(":
        atom = next((o for o in _GROUP_OPENERS if source.startswith(o, start)), "")
        if not atom:
            raise _Unsupported(f"group kind at {start}")
        branches, end = _parse_branches(source, start + len(atom))
        if end == len(source):
            raise _Unsupported(f"unclosed group at {start}")
        end += 1
    elif c == "[":
        end = _set_end(source, start)
        atom = source[start:end]
    elif c == "\\":
        end, literal = _escape(source, start)
        atom = source[start:end]
    elif c in _ASCII_ATOMS:
        atom, end = c, start + 1
    else:
        raise _Unsupported(f"{c!r} at {start}")  # a quantifier with nothing to repeat, "}", "]"
    if end == len(source) or source[end] not in _QUANTIFIER_STARTS:
        return _Item(atom, "", True, literal, branches), end
    quantifier = _QUANTIFIER.match(source, end)
    if quantifier is None:
        raise _Unsupported(f"{source[end]!r} at {end}")  # "{" that is not a quantifier
    text, bound = quantifier.group(), quantifier.group("min")
    required = text[0] == "+" or (bound is not None and int(bound) > 0)
    end += len(text)
    if end < len(source) and source[end] in _QUANTIFIER_STARTS:
        raise _Unsupported(f"stacked quantifiers at {end}")
    return _Item(atom, text, required, literal, branches), end


def _literal_end(source: str, start: int) -> int:
    """The end of the run of literal characters at ``start``; a quantifier after the run
    repeats its last character only, which is then left to an item of its own."""
    end = start + 1
    while end < len(source) and source[end] not in _SYNTAX:
        end += 1
    if end < len(source) and source[end] in _QUANTIFIER_STARTS and end - start > 1:
        end -= 1
    return end


def _set_end(source: str, start: int) -> int:
    """The index after the character set opened at ``start``."""
    i = start + 1
    if source.startswith("^", i):
        i += 1
    if source.startswith("]", i):
        i += 1  # a "]" first in a set is a member
    while i < len(source):
        c = source[i]
        if c == "]":
            return i + 1
        if c == "[":
            raise _Unsupported(f"nested set at {i}")  # VERSION1 set operations, POSIX classes
        i = _escape(source, i)[0] if c == "\\" else i + 1
    raise _Unsupported(f"unclosed set at {start}")


def _escape(source: str, start: int) -> tuple[int, str | None]:
    """The index after the escape at ``start``, and the character it stands for (None when it
    stands for a class of characters or a position)."""
    kind = source[start + 1 : start + 2]
    if not kind:
        raise _Unsupported("trailing backslash")
    if kind in _NAMED_ESCAPES:
        if source.startswith("{", start + 2):
            close = source.find("}", start)
            if close < 0:
                raise _Unsupported(f"unclosed \\{kind} at {start}")
            return close + 1, None
        if kind == "N":
            raise _Unsupported(f"\\N without a name at {start}")
        return start + 3, None  # "\pL"
    if kind in _HEX_ESCAPES:
        return _hex_escape(source, start)
    if kind in _ASCII_ESCAPES:
        return start + 2, None
    if not kind.isalnum():
        return start + 2, kind  # an escaped mark or space stands for itself
    raise _Unsupported(f"escape \\{kind} at {start}")  # backreferences, named lists, \G, \K...


def _hex_escape(source: str, start: int) -> tuple[int, str]:
    """The index after the code point escape at ``start`` ("\\x41", "\\u00e9"), its character."""
    kind = source[start + 1]
    end = start + 2 + _HEX_ESCAPES[kind]
    digits = source[start + 2 : end]
    if len(digits) != _HEX_ESCAPES[kind] or not all(d in string.hexdigits for d in digits):
        raise _Unsupported(f"bad \\{kind} at {start}")
    if int(digits, 16) > sys.maxunicode:
        raise _Unsupported(f"\\{kind} beyond Unicode at {start}")
    return end, chr(int(digits, 16))


def _needs_non_plain(char: str) -> bool:
    """True when ``char`` matches no plain text under any case rule: neither it nor any of its
    case forms holds an ASCII character or a mark ("é", "ж"; not "ß" = "ss", "K" (Kelvin) = "k",
    "İ" ~ "i", "…").

    A character this Python's Unicode tables do not know may have case forms in the engine's
    newer ones (regex relates U+1DF95 to "ß"), so it is never judged so. Case folding of a
    known character is stable across Unicode versions.
    """
    if char.isascii() or unicodedata.category(char) == _UNASSIGNED:
        return False
    forms = (char, char.lower(), char.upper(), char.casefold(), char.title())
    return not any(c.isascii() or c in PLAIN_MARKS for form in forms for c in form)


def _has_simple_cases(char: str) -> bool:
    """Whether every case form of ``char`` is one character: then full case folding matches it
    as simple folding does (unlike "ß" ~ "ss")."""
    forms = (char.lower(), char.upper(), char.casefold(), char.title())
    return unicodedata.category(char) != _UNASSIGNED and all(len(form) == 1 for form in forms)


def _matches_plain(item: _Item, flags: int) -> bool:
    """Whether the atom of ``item`` (not a group) can match somewhere in a plain text."""
    if item.literal is not None:
        return not any(map(_needs_non_plain, item.literal))
    if item.atom in _ASCII_ATOMS or (item.atom[0] == "\\" and item.atom[1] in _ASCII_ESCAPES):
        return True
    if item.atom[0] == "[" and _set_names_plain_member(item.atom):
        return True
    # A set or a property with no plain member in sight: ask the engine, with and without case
    # folding (scoped flags decide which applies; a negated set can match more without it).
    probe_flags = flags | regex.FULLCASE
    for scoped in (f"(?i:{item.atom})", f"(?-i:{item.atom})"):
        try:
            compiled = regex.compile(scoped, probe_flags)
        except regex.error:
            return True
        if any(compiled.search(probe) for probe in _PLAIN_PROBES):
            return True
    return False


def _set_names_plain_member(atom: str) -> bool:
    """Whether a character set's source shows it matches some plain character: it is negated,
    or one of its literal characters (a range's ends are members) or escapes is plain. May say
    False of a set that does match one: the engine is asked then."""
    if atom.startswith("[^"):
        return True
    i = 1
    while i < len(atom) - 1:
        if atom[i] == "\\":
            end, char = _escape(atom, i)
            if atom[i + 1] in _ASCII_ESCAPES or (char is not None and not _needs_non_plain(char)):
                return True
            i = end
        elif not _needs_non_plain(atom[i]):
            return True
        else:
            i += 1
    return False


def _simple_case_suffices(branches: _Branches) -> bool:
    """Whether full case folding can change no match of ``branches`` on a plain text.

    A plain text has no character that folds to several (its letters are ASCII, its marks have
    no case), so only an atom of the pattern that folds to several letters ("ß" ~ "ss") can match
    differently; characters named by escapes ("\\p{..}") are not looked into.
    """
    return all(_folds_simply(item) for branch in branches for item in branch)


def _folds_simply(item: _Item) -> bool:
    if item.branches is not None:
        return _simple_case_suffices(item.branches)
    if item.literal is not None:
        return all(c.isascii() or _has_simple_cases(c) for c in item.literal)
    if item.atom[0] == "\\":
        return item.atom[1] in _ASCII_ESCAPES
    # ".", "^", "$" or a set: its characters, unless escapes in it name others.
    named = any(f"\\{kind}" in item.atom for kind in (*_NAMED_ESCAPES, *_HEX_ESCAPES))
    return not named and all(c.isascii() or _has_simple_cases(c) for c in item.atom)


def _prune(branches: _Branches, flags: int) -> _Branches:
    """``branches`` without those that cannot match a plain text; none left: the group cannot."""
    pruned = (_prune_branch(branch, flags) for branch in branches)
    return tuple(branch for branch in pruned if branch is not None)


def _prune_branch(branch: tuple[_Item, ...], flags: int) -> tuple[_Item, ...] | None:
    """``branch`` with its groups pruned, or None when it cannot match a plain text.

    An item that cannot match but need not (an optional atom or group, a negative lookaround
    whose content cannot match) only ever matches the empty string, so it is left out.
    """
    out: list[_Item] = []
    for item in branch:
        if item.branches is None:
            if _matches_plain(item, flags):
                out.append(item)
            elif item.required:
                return None
            continue
        inner = _prune(item.branches, flags)
        if inner:
            out.append(item._replace(branches=inner))
        elif item.required and item.atom not in _NEGATIVE_LOOKAROUNDS:
            return None
    return tuple(out)


def _anchored(branches: _Branches, flags: int) -> bool:
    """Whether every branch starts at the start of the text, so the engine tries it at one
    position only."""
    return all(_starts_anchored(branch, flags) for branch in branches)


def _starts_anchored(branch: tuple[_Item, ...], flags: int) -> bool:
    if not branch or not branch[0].required:
        return False
    first = branch[0]
    if first.branches is not None:
        return first.atom in _CONSUMING_GROUPS and _anchored(first.branches, flags)
    return first.atom in _START_ANCHORS and not (first.atom == "^" and flags & regex.MULTILINE)


def _needles(branches: _Branches) -> frozenset[str] | None:
    """Lower-case strings of which every match of ``branches`` in a plain text holds one, or
    None when some branch must hold no literal."""
    out: set[str] = set()
    for branch in branches:
        needles = _branch_needles(branch)
        if needles is None:
            return None
        out |= needles
    return frozenset(out)


def _branch_needles(branch: tuple[_Item, ...]) -> frozenset[str] | None:
    """The most selective needles of one branch: a run of literal characters it always matches
    (ASCII or marks, whose lower case is themselves), a digit, or the needles of a group it
    always matches."""
    candidates: list[frozenset[str]] = []
    run = ""
    for item in branch:
        if (
            item.required
            and item.literal is not None
            and all(c.isascii() or c in PLAIN_MARKS for c in item.literal)
        ):
            run += item.literal.lower()
            if not item.quantifier:
                continue  # a repeated character ("+", "{2,}") ends the run
        elif item.required and item.atom == r"\d":
            candidates.append(_DIGITS)
        elif item.required and item.branches is not None and item.atom in _CONSUMING_GROUPS:
            inner = _needles(item.branches)
            if inner:
                candidates.append(inner)
        if run:
            candidates.append(frozenset({run}))
            run = ""
    if run:
        candidates.append(frozenset({run}))
    return max(candidates, key=_selectivity, default=None)


def _selectivity(needles: frozenset[str]) -> tuple[int, int]:
    """Rank of a set of needles: longer shortest needle first, then fewer needles."""
    return min(map(len, needles)), -len(needles)


def _plain_tree(source: str, flags: int) -> _Branches | None:
    """The tree of the pattern without the branches that cannot match a plain text (empty: it
    cannot match one), or None when the splitter cannot vouch for it. ``flags`` are the
    compiled pattern's."""
    if flags & ~_PRUNABLE_FLAGS:
        return None
    try:
        tree = _parse(source)
    except _Unsupported:
        return None
    if _source(tree) != source:  # the splitter misread the source
        return None
    return _prune(tree, flags)


def _plain_variant(source: str, flags: int) -> tuple[str, tuple[str, ...] | None]:
    """The source of the pattern for plain texts and the needles its matches hold (None: no
    test worth making; empty: it cannot match), or the source itself and None when the
    splitter cannot vouch for a better one. ``flags`` are the compiled pattern's."""
    pruned = _plain_tree(source, flags)
    if pruned is None:
        return source, None
    if not pruned:
        return _NEVER, ()
    if _anchored(pruned, flags):
        # Tried at the start only, the pattern is cheap: the variant would save less than the
        # call that picks it costs.
        return source, None
    plain = _source(pruned)
    if flags & regex.FULLCASE and _simple_case_suffices(pruned):
        plain = _SIMPLE_CASE + plain  # compiles and matches faster
    return plain, _worthwhile(_needles(pruned))


def _any_needles(source: str, flags: int) -> tuple[str, ...] | None:
    """Lower-case strings of which every match of the pattern in a plain text holds one (None:
    some match may hold none; empty: it cannot match), for anchored patterns too and single
    letters included: a `Vocabulary` looks for all its patterns' needles in one pass, so every
    needle pays off where a test of its own would not (`_worthwhile`)."""
    pruned = _plain_tree(source, flags)
    if pruned is None:
        return None
    needles = _needles(pruned) if pruned else frozenset()
    return None if needles is None else tuple(sorted(needles))


def _worthwhile(needles: frozenset[str] | None) -> tuple[str, ...] | None:
    """The needles worth testing, shortest form; None when the test would cost more than it
    saves (a single letter is in nearly every text)."""
    if needles is None or any(len(n) == 1 and n.isalpha() for n in needles):
        return None
    # A needle that holds another adds nothing: the shorter one is found wherever it is.
    return tuple(sorted(n for n in needles if not any(o != n and o in n for o in needles)))


def _cased(needles: tuple[str, ...] | None) -> bool:
    """Whether a plain text must be lower-cased before ``needles`` are looked for in it: they
    hold a letter. A plain text lower-cased changes its ASCII capitals into small letters and
    nothing else (its marks have no case), so needles without letters ("...", "…", digits) are
    found in it where they are found in its lower case, and none at all (a pattern that cannot
    match a plain text) need no copy either."""
    return needles is not None and any(c.isascii() and c.isalpha() for n in needles for c in n)


def _holds_any(lowered: str, needles: tuple[str, ...]) -> bool:
    # A loop, not any() over a generator: this runs some thirty times per block.
    for needle in needles:  # noqa: SIM110
        if needle in lowered:
            return True
    return False


class Pattern:
    """A compiled pattern that searches plain texts with a cheaper variant of itself.

    A drop-in for ``regex.compile(source, flags)``: ``search``, ``match``, ``fullmatch``,
    ``findall``, ``finditer``, ``split``, ``sub`` and ``subn`` take the same arguments and return
    equal results. When ``search``, ``findall``, ``finditer``, ``split``, ``sub`` or ``subn`` is
    given a plain text (`is_plain`) and no other argument, the text is left to ``plain``, the
    pattern without the alternatives that cannot match a plain text; and when the text, lower-
    cased, holds none of the ``needles`` (one of which every such match holds), the engine is not
    run at all. Every other call goes to ``full``; ``match`` and ``fullmatch`` always do, as the
    engine tries them at one position only. The one visible difference: ``Match.re`` is the
    variant that matched.
    """

    __slots__ = (
        "findall",
        "finditer",
        "full",
        "fullmatch",
        "match",
        "needles",
        "plain",
        "search",
        "split",
        "sub",
        "subn",
    )

    full: regex.Pattern[str]
    plain: regex.Pattern[str]
    needles: tuple[str, ...] | None
    search: Callable[..., regex.Match[str] | None]
    match: Callable[..., regex.Match[str] | None]
    fullmatch: Callable[..., regex.Match[str] | None]
    findall: Callable[..., list[Any]]
    finditer: Callable[..., Iterator[regex.Match[str]]]
    split: Callable[..., list[Any]]
    sub: Callable[..., str]
    subn: Callable[..., tuple[str, int]]

    def __init__(self, source: str, flags: int = 0) -> None:
        self.full = regex.compile(source, flags)
        plain_source, self.needles = _plain_variant(source, self.full.flags)
        self.plain = self.full if plain_source == source else regex.compile(plain_source, flags)
        if self.plain is self.full and self.needles is None:
            # Nothing to gain: the engine's own methods, with no call in between.
            for name in (*_SCANS, *_ANCHORED_SCANS, *_SUBSTITUTIONS):
                setattr(self, name, getattr(self.full, name))
            return
        for name in _ANCHORED_SCANS:
            # Tried at one position only: the variant would save less than picking it costs.
            setattr(self, name, getattr(self.full, name))
        for name in _SCANS:
            setattr(self, name, self._scan(name))
        for name in _SUBSTITUTIONS:
            setattr(self, name, self._substitution(name))

    def _scan(self, name: str) -> Callable[..., Any]:
        full, fast, needles = getattr(self.full, name), getattr(self.plain, name), self.needles
        none_found = _NONE[name]
        cased = _cased(needles)

        def scan(text: Any, *args: Any, **kwargs: Any) -> Any:
            plain = type(text) is str and (text.isascii() or _is_plain_non_ascii(text))
            if args or kwargs or not plain:
                return full(text, *args, **kwargs)
            if needles is not None and not _holds_any(text.lower() if cased else text, needles):
                return none_found(text)
            return fast(text)

        return scan

    def _substitution(self, name: str) -> Callable[..., Any]:
        full, fast, needles = getattr(self.full, name), getattr(self.plain, name), self.needles
        unchanged = _NONE[name]
        cased = _cased(needles)

        def substitute(repl: Any, text: Any, *args: Any, **kwargs: Any) -> Any:
            plain = type(text) is str and (text.isascii() or _is_plain_non_ascii(text))
            if args or kwargs or not plain:
                return full(repl, text, *args, **kwargs)
            if needles is not None and not _holds_any(text.lower() if cased else text, needles):
                return unchanged(text)
            return fast(repl, text)

        return substitute

    @property
    def pattern(self) -> str:
        return self.full.pattern

    @property
    def flags(self) -> int:
        return self.full.flags

    @property
    def groups(self) -> int:
        return self.full.groups

    @property
    def groupindex(self) -> Mapping[str, int]:
        return self.full.groupindex

    def __repr__(self) -> str:
        return f"Pattern({self.full.pattern!r}, {self.full.flags!r})"

    def __reduce__(self) -> tuple[type[Pattern], tuple[str, int]]:
        return Pattern, (self.full.pattern, self.full.flags)


# Methods that look for matches anywhere, at the start only, and that replace matches.
_SCANS = ("search", "findall", "finditer", "split")
_ANCHORED_SCANS = ("match", "fullmatch")
_SUBSTITUTIONS = ("sub", "subn")
# What each method returns when a text holds none of a pattern's needles.
_NONE: Mapping[str, Callable[[str], Any]] = MappingProxyType(
    {
        "search": lambda text: None,
        "findall": lambda text: [],
        "finditer": lambda text: iter(()),
        "split": lambda text: [text],
        "sub": lambda text: text,
        "subn": lambda text: (text, 0),
    }
)


class _NeedleFinder:
    """Which patterns of a table a plain text may match: one Aho–Corasick pass over the text,
    lower-cased, finds the needles of all of them at once (``pyahocorasick``), where testing each
    pattern's needles one by one reads the text once per needle."""

    __slots__ = ("_always", "_automaton")

    def __init__(self, needles: tuple[tuple[str, ...] | None, ...]) -> None:
        """``needles``: each pattern's, in table order (None: the pattern is always tried)."""
        # Bit i of a mask stands for the table's i-th pattern.
        self._always = sum(1 << i for i, found in enumerate(needles) if found is None)
        automaton = ahocorasick.Automaton()
        for i, found in enumerate(needles):
            for needle in found or ():
                automaton.add_word(needle, automaton.get(needle, 0) | 1 << i)
        automaton.make_automaton()
        self._automaton = automaton if automaton.kind != ahocorasick.EMPTY else None

    def candidates(self, lowered: str) -> int:
        """The mask of the patterns that ``lowered`` (a plain text, lower-cased) may match: those
        one of whose needles it holds, and those without needles."""
        found = self._always
        if self._automaton is not None:
            for _, mask in self._automaton.iter(lowered):
                found |= mask
        return found


class Vocabulary(Mapping[str, Pattern]):
    """A named table of patterns, searched in table order."""

    __slots__ = ("_finder", "_patterns", "_plain")

    def __init__(self, table: Mapping[str, str], flags: int = _FLAGS) -> None:
        patterns = {name: Pattern(source, flags) for name, source in table.items()}
        self._patterns: Mapping[str, Pattern] = MappingProxyType(patterns)
        # What first() runs on plain texts: each name, its bit in a needle mask, its plain search.
        self._plain = tuple(
            (name, 1 << i, pattern.plain.search)
            for i, (name, pattern) in enumerate(patterns.items())
        )
        self._finder = _NeedleFinder(
            tuple(_any_needles(p.full.pattern, p.full.flags) for p in patterns.values())
        )

    def __getitem__(self, name: str) -> Pattern:
        return self._patterns[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._patterns)

    def __len__(self) -> int:
        return len(self._patterns)

    def __contains__(self, name: object) -> bool:
        return name in self._patterns

    def keys(self) -> KeysView[str]:
        return self._patterns.keys()

    def items(self) -> ItemsView[str, Pattern]:
        return self._patterns.items()

    def values(self) -> ValuesView[Pattern]:
        return self._patterns.values()

    def first(self, text: str) -> str | None:
        """The name of the first pattern (in table order) found in ``text``, or None."""
        if type(text) is not str or not is_plain(text):
            for name, pattern in self._patterns.items():
                if pattern.full.search(text) is not None:
                    return name
            return None
        candidates = self._finder.candidates(text.lower())
        for name, bit, search in self._plain:
            if candidates & bit and search(text) is not None:
                return name
        return None


def _compile_table(table: Mapping[str, str]) -> Vocabulary:
    return Vocabulary(table)


# Headings that open a sidebar section: the heading and the run of headline-like items after it
# are not article. Matched anywhere in a short heading ("JN ACCESS RANKING", '"News" POPULAR ARTICLE').
SIDEBAR_HEADINGS: Vocabulary = _compile_table(
    {
        "most-popular": (
            r"\b(?:most[\s-]+(?:popular|read|viewed|shared|emailed|commented|watched|recent)"
            r"|popular(?:\s+(?:articles?|stories|posts|news|now|today|this\s+week|on\s+\w+))?"
            r"|top\s+(?:stories|articles|news|reads)|what'?s\s+hot|hot\s+(?:topics|stories))\b"
            r"|人気(?:記事|ニュース|の記事|ランキング)?|最も読まれた|よく読まれている|热门|热点|最热|人气|排行"
            r"|meistgelesen|meistgesehen|beliebteste|am\s+meisten\s+gelesen"
            r"|les\s+plus\s+(?:lus|populaires|partagés|consultés)|populaires"
            r"|lo\s+más\s+(?:leído|visto|popular|compartido)|más\s+leídas?|más\s+vist[oa]s"
            r"|mais\s+(?:lid[oa]s|vist[oa]s|populares)|populares|più\s+(?:lett[ie]|vist[ie]|popolari)"
            r"|самые\s+(?:популярные|читаемые)|самое\s+(?:популярное|читаемое)|популярное"
            r"|meest\s+(?:gelezen|bekeken)|많이\s*본|인기\s*(?:기사|뉴스)|terpopuler|paling\s+populer"
            r"|en\s+çok\s+(?:okunan|izlenen)|najczęściej\s+(?:czytane|oglądane)|الأكثر\s+(?:قراءة|مشاهدة)"
        ),
        "ranking": (
            r"\b(?:access\s+ranking|ranking|rankings|leaderboard|top\s+\d+)\b"
            r"|アクセスランキング|ランキング|排行榜|rangliste"
        ),
        "related": (
            r"\b(?:related(?:\s+(?:articles?|stories|posts|news|content|coverage|topics|links|videos))?"
            r"|see\s+also|also\s+read|read\s+also|further\s+reading|more\s+(?:from|on|in|about)\b.*"
            r"|more\s+(?:\w+\s+){0,2}?(?:stories|articles|news|headlines|reads)"
            r"|other\s+(?:stories|news|articles))\b"
            r"|関連(?:記事|ニュース)?|相关(?:文章|新闻|阅读)?|延伸阅读|相關(?:文章|新聞)?"
            r"|verwandte\s+(?:artikel|themen)|mehr\s+zum\s+thema|das\s+könnte\s+sie\s+auch|weitere\s+artikel"
            r"|à\s+lire\s+(?:aussi|également)|sur\s+le\s+même\s+sujet|lire\s+aussi|articles?\s+similaires"
            r"|noticias\s+relacionadas|te\s+puede\s+interesar|relacionad[oa]s|lee\s+también|leer\s+más\s+sobre"
            r"|leia\s+(?:também|mais)|veja\s+também|notícias\s+relacionadas|leggi\s+anche"
            r"|articoli\s+correlati|potrebbe\s+interessarti|читайте\s+также|по\s+теме"
            r"|похожие\s+(?:статьи|новости|материалы)|другие\s+(?:новости|статьи)|lees\s+ook"
            r"|관련\s*(?:기사|뉴스)|berita\s+terkait|baca\s+juga|ilgili\s+haberler|zobacz\s+(?:też|także)"
            r"|czytaj\s+(?:też|także)|مواضيع\s+ذات\s+صلة|اقرأ\s+أيضا"
        ),
        "recommended": (
            r"\b(?:recommended(?:\s+(?:for\s+you|stories|articles|reading|videos))?|you\s+(?:may|might)"
            r"\s+(?:also\s+)?(?:like|enjoy|be\s+interested)|editor'?s\s+picks?|picks\s+for\s+you"
            r"|don'?t\s+miss|sponsored(?:\s+(?:content|stories|links))?|promoted\s+(?:stories|content)"
            r"|around\s+the\s+web|from\s+our\s+partners|more\s+to\s+explore|up\s+next|watch\s+next"
            r"|more\s+like\s+this|similar\s+(?:items|products)|related\s+products"
            r"|(?:customers|people|shoppers)\s+(?:also|who)\s+(?:bought|viewed|purchased)"
            r"|frequently\s+bought\s+together|recently\s+viewed|complete\s+the\s+look"
            r"|shop\s+the\s+look)\b"
            r"|ähnliche\s+(?:artikel|produkte)|kunden\s+kauften\s+auch|produits\s+similaires"
            r"|vous\s+aimerez\s+aussi|productos\s+(?:relacionados|similares)"
            r"|prodotti\s+(?:correlati|simili)|produtos\s+(?:relacionados|semelhantes)"
            r"|podobne\s+produkty"
            r"|おすすめ|オススメ|推荐|推薦|猜你喜欢"
            r"|empfehlungen|empfohlen|auch\s+interessant|nous\s+recommandons|à\s+découvrir|recomendad[oa]s?"
            r"|te\s+recomendamos|você\s+(?:também\s+)?pode\s+gostar|recomendamos|consigliati"
            r"|da\s+non\s+perdere|рекомендуем|вам\s+может\s+понравиться|не\s+пропустите"
            r"|추천\s*(?:기사|뉴스)|rekomendasi|önerilen|polecane"
        ),
        "trending": (
            r"\b(?:trending(?:\s+(?:now|stories|topics|news|today))?|latest\s+(?:news|stories|headlines|articles)"
            r"|breaking\s+news|news\s+in\s+brief|just\s+in|in\s+case\s+you\s+missed\s+it)\b"
            r"|注目|話題|最新(?:記事|ニュース)|トレンド|热搜|最新(?:文章|新闻)|aktuell(?:e\s+nachrichten)?"
            r"|neueste\s+artikel|tendances|à\s+la\s+une|dernières\s+(?:infos|actualités)|tendencias"
            r"|últimas\s+noticias|últimas\s+notícias|ultime\s+notizie|последние\s+новости"
            r"|최신\s*(?:기사|뉴스)|berita\s+terkini|son\s+dakika|najnowsze"
        ),
        "newsletter": (
            r"\b(?:newsletters?|sign\s+up|subscribe|get\s+(?:our|the)\s+\w+\s+(?:in\s+your\s+inbox|newsletter))\b"
            r"|メールマガジン|メルマガ|订阅|訂閱|abonnieren|s'abonner|abonnez-vous|suscríbete|suscribirse"
            r"|assine|inscreva-se|iscriviti|подпишитесь|рассылка"
        ),
        "comments": (
            r"\b(?:comments?|leave\s+a\s+(?:comment|reply)|join\s+the\s+(?:conversation|discussion)"
            r"|\d+\s+comments?|reader\s+comments)\b|コメント|评论|評論|kommentare|commentaires|comentarios"
            r"|comentários|commenti|комментари[ий]|댓글|komentar|yorumlar|komentarze|تعليقات"
        ),
        "share": (
            r"\b(?:share\s+(?:this|on|article|story)|share|follow\s+us|tags?|topics)\b"
            r"|シェア|分享|teilen|partager|compartir|compartilh(?:e|ar)|condividi|поделиться"
        ),
    }
)

# A heading that introduces the author or the publisher after an article: "About the author",
# "Sobre o autor", "著者について" (ABOUT_HEADING), or "About" and a name, every word capitalised
# ("Über Moritz Bachmann", "Sobre Carlos Nadalim", "About Ascom"; not "About Tesla's new plan").
ABOUT_HEADING = Pattern(
    r"^\W*(?:about\s+the\s+(?:authors?|writers?|reporters?)|about\s+us"
    r"|sobre\s+(?:o|a|el|la)\s+autora?|über\s+(?:den\s+autor|die\s+autorin|uns)"
    r"|à\s+propos\s+de\s+l'auteur|(?:著者|筆者)(?:について|紹介|プロフィール)|作者简介|关于作者"
    r"|об\s+авторе)",
    _FLAGS,
)
ABOUT_NAME_HEADING = Pattern(
    r"^\W*(?:about|über|sobre|acerca\s+de|à\s+propos\s+de|a\s+proposito\s+di)"
    r"(?:\s+(?-i:\p{Lu})[\w.'’-]*){1,4}\W*$",
    _FLAGS,
)
# Most words in an author heading, and most blocks after it that make the author's box.
ABOUT_HEADING_MAX_WORDS = 5
ABOUT_BOX_MAX_BLOCKS = 12

# Whole short lines that are boilerplate wherever they stand (share bars, ads, read-more links).
BOILERPLATE_LINES: Vocabulary = _compile_table(
    {
        "advertisement": (
            r"^\W*(?:advertisements?|advertising|adverts?|sponsored|ads?|anzeige|werbung|publicité"
            r"|publicidad|publicidade|pubblicità|annonce|reklama|реклама|広告|广告|광고|pr)\W*$"
        ),
        "share": (
            r"^\W*(?:share(?:\s+(?:this|on\s+\w+|article|story|via\s+\w+))?|tweet|pin\s+it|email|print"
            r"|facebook|twitter|linkedin|whatsapp|reddit|copy\s+link|x|sharing\s+is\s+caring)\W*$"
        ),
        "read-more": (
            r"^\W*(?:read\s+(?:more|the\s+full\s+(?:story|article))|continue\s+reading|click\s+here|more\W*$"
            r"|続きを読む|もっと見る|阅读全文|weiterlesen|mehr\s+lesen|lire\s+la\s+suite|leer\s+más|seguir\s+leyendo)"
        ),
        "subscribe": (
            r"^\W*(?:subscribe(?:\s+(?:now|today|to\s+.*))?|sign\s+up(?:\s+.*)?|log\s*in|sign\s+in|register"
            r"|create\s+(?:an\s+)?account|already\s+a\s+subscriber\??.*)\W*$"
        ),
        "cookie": r"\b(?:we\s+use\s+cookies|this\s+(?:site|website)\s+uses\s+cookies|cookie\s+(?:policy|settings))\b",
        "copyright": r"(?:^\W*(?:©|\(c\)|copyright)\s*(?:\d{4})?|all\s+rights\s+reserved|無断転載|版权所有|alle\s+rechte\s+vorbehalten|tous\s+droits\s+réservés|todos\s+los\s+derechos\s+reservados)",
        "navigation": (
            r"^\W*(?:home|menu|search|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|next|previous|prev"
            r"|close|open|toggle\s+navigation|loading\.*|トップ|ホーム|首页|startseite|accueil|inicio)\W*$"
        ),
        "no-script": (
            r"\b(?:(?:requires|enable|turn\s+on)\s+javascript|javascript\s+(?:is\s+)?(?:disabled|required)"
            r"|your\s+browser\s+does\s+not\s+support)\b"
        ),
        "photo-credit": r"^\W*(?:photo|image|picture|foto|写真)\s*(?:credit)?\s*:\s*\S.{0,60}$",
        "gallery-counter": (
            r"^\W*(?:image|photo|picture|slide|foto|bild|imagen)\s*\d+\s*(?:of|/|von|de|di|из)\s*\d+\W*$"
        ),
    }
)

# Calls to action inside or right after an article: newsletter and membership pitches, "follow us",
# contact lines, affiliate disclosures. Searched anywhere in a block of moderate length.
PROMO_LINES: Vocabulary = _compile_table(
    {
        "newsletter-pitch": (
            r"\b(?:sign\s+up|subscribe)\b.{0,80}\b(?:newsletters?|inbox|e-?mails?|updates|alerts)\b"
            r"|\b(?:newsletters?|alerts)\b.{0,60}\b(?:sign\s+up|subscribe)\b"
            r"|\b(?:in|to|meet)\s+your\s+inbox\b|\bdelivered\b.{0,30}?\b(?:your\s+(?:inbox|letterbox"
            r"|mailbox|door|doorstep)|every\s+(?:day|week|month|morning)|daily|weekly|weekday)"
            r"|newsletter\s+abonnieren|jetzt\s+abonnieren|inscrivez-vous\s+à|suscríbete\s+a"
            r"|assine\s+(?:a|nossa)\s+newsletter|iscriviti\s+alla\s+newsletter"
        ),
        "membership-pitch": (
            r"\b(?:support\s+(?:our|us|independent|local|quality)\s+(?:\w+\s+)?journalism"
            r"|become\s+a\s+(?:member|subscriber|supporter|patron)|subscribe\s+(?:now|today)\b"
            r"|(?:get|start)\s+(?:unlimited|full|digital)\s+access|already\s+a\s+subscriber)"
        ),
        "follow": (
            r"\bfollow\s+(?:us|him|her|them|me|@\w+)\b.{0,40}\b(?:on\s+)?(?:twitter|facebook|instagram"
            r"|linkedin|youtube|tiktok)\b|\bfollow\s+@\w+|\bon\s+twitter\s+at\b"
            r"|\blike\s+(?:us|our\s+page)\s+on\s+facebook"
        ),
        "read-also": (
            r"^\W*(?:related|read\s+(?:more|also|next)|see\s+(?:more|also)|also\s+read|more\s+on\s+this"
            r"|leia\s+(?:também|mais)|veja\s+também|leggi\s+anche|(?:à\s+)?lire\s+aussi|lee\s+también"
            r"|lesen\s+sie\s+auch|mehr\s+zum\s+thema|читайте\s+также|baca\s+juga|関連記事|相关阅读)"
            r"[^:：]{0,4}[:：]\s*\S"
        ),
        "legal": (
            r"\b(?:(?:is|are)\s+subject\s+to\s+copyright|may\s+not\s+be\s+(?:reproduced|republished"
            r"|redistributed|rewritten)|no\s+part\s+(?:of\s+\w+\s+)?may\s+be\s+reproduced"
            r"|without\s+(?:the\s+)?(?:prior\s+|express\s+)?written\s+permission)"
        ),
        "share-pitch": r"\b(?:like\s+this\s+(?:story|article)\?|share\s+(?:it|this\s+(?:story|article))\s+with)",
        "contact": (
            r"\b(?:have\s+a\s+(?:news\s+)?tip\?|(?:can|may)\s+be\s+reached\s+at|reach\s+the\s+"
            r"(?:reporters?|authors?|writers?)\b|e-?mail\s+(?:\w+\s+){1,3}at\s+\S+@\S+)"
        ),
        "affiliate": (
            r"\b(?:may\s+(?:earn|receive|get)\s+(?:a|an)\s+(?:small\s+|affiliate\s+)?commission"
            r"|affiliate\s+(?:links?|commission)|we\s+may\s+earn\s+money)"
        ),
    }
)
# Blocks longer than this (characters) are never read as a call to action.
PROMO_MAX_CHARS = 300
# A block that is nothing but a web address.
BARE_URL = Pattern(r"^\W*(?:https?://|www\.)\S+\s*$", _FLAGS)

# A dateline of an article ("11:33 JST, January 30, 2023", "Updated 3 hours ago", "2023年1月30日").
DATELINE = Pattern(
    r"^\W*(?:(?:published|updated|posted|last\s+updated|veröffentlicht|aktualisiert|publié|mis\s+à\s+jour"
    r"|publicado|actualizado)\s*:?\s*)?"
    r"(?:(?:\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?\s*(?:[A-Z]{2,5})?,?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?"
    r"(?:\w+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+\w+\.?,?\s+\d{4}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}年\s*\d{1,2}月\s*\d{1,2}日)"
    r"(?:\s*(?:at\s+|,\s*|\|\s*|-\s*|\s)\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?"
    r"|\d+\s+(?:minutes?|hours?|days?)\s+ago|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*[A-Z]{2,5})\W*$",
    _FLAGS,
)

# A date or a time inside a line ("November 19, 2019", "19.11.2019", "6:21 AM", "2 hours ago").
_MONTHS = (
    r"jan(?:uary|vier|uar|eiro)?|feb(?:ruary|ruar)?|f[ée]v(?:rier)?|fevereiro|mar(?:ch|s|zo|ço|et)?|märz"
    r"|apr(?:il)?|avr(?:il)?|abr(?:il)?|may|mai|mayo|maio|maggio|jun(?:e|i|io|ho)?|juin|giugno"
    r"|jul(?:y|i|io|ho)?|juil(?:let)?|luglio|aug(?:ust)?|août|ago(?:sto)?|sep(?:t|tember|tembre|tiembre)?"
    r"|set(?:embro|tembre)?|oct(?:ober|obre|ubre)?|okt(?:ober)?|out(?:ubro)?|ott(?:obre)?"
    r"|nov(?:ember|embre|iembre|embro)?|dec(?:ember)?|dez(?:ember|embro)?|d[ée]c(?:embre)?|dic(?:iembre|embre)?"
)
DATE_MENTION = Pattern(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}\b|\d{{1,2}}\.?\s+(?:de\s+)?(?:{_MONTHS})\b"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2}"
    r"|\d+\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago)\b|\d{4}年\s*\d{1,2}月",
    _FLAGS,
)
# What pins a date to a moment of publication: a year, a clock time or "… ago" (a schedule's
# "10 de março – Interlagos" has none).
DATE_ANCHOR = Pattern(r"\b(?:19|20)\d{2}\b|\b\d{1,2}:\d{2}\b|\bago\b|\d{4}年", _FLAGS)
# What a dateline is made of besides names: dates, times, weekdays, zones and the words around them.
DATELINE_PIECE = Pattern(
    rf"\b(?:{_MONTHS})\b\.?|\d+(?:st|nd|rd|th)?\b|\b(?:[ap]\.?m\.?|[A-Z]{{2,4}}T|GMT|UTC|ET|PT|CT"
    r"|mon|tue|wed|thu|fri|sat|sun)\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|\b(?:published|updated|posted|modified|first|last|on|at|by|and|min(?:ute)?s?|read|ago|hours?"
    r"|days?|de|às|um|le|à|el|del|am|um|publicado|publicada|actualizado|atualizado|por|veröffentlicht"
    r"|aktualisiert|publié|mis|jour|pubblicato|aggiornato|alle|il|segunda|terça|quarta|quinta|sexta"
    r"|feira|sábado|domingo|lunes|martes|miércoles|jueves|viernes|montag|dienstag|mittwoch"
    r"|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b",
    _FLAGS,
)
# Longest line (characters) read as a dateline, and most words besides its date pieces (a name).
DATELINE_MAX_CHARS = 120
DATELINE_MAX_OTHER_WORDS = 4

# A byline: "By Jane Doe", "Von Max Mustermann", "Por Ana", "文・山田太郎".
BYLINE = Pattern(
    r"^\W*(?:by|von|par|por|written\s+by|reporting\s+by|story\s+by|text\s+by|文[・/:：]|記者[・:：]?)\s+\S.{0,80}$",
    _FLAGS,
)

# Class and id tokens that mark boilerplate containers. Split from attributes on - _ and case
# changes, so "related-posts" and "relatedPosts" both give "related". Strong tokens name a kind
# of furniture that never holds the article (comments, related links, share bars, navigation).
NEGATIVE_TOKENS: frozenset[str] = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "menubar",
        "breadcrumb",
        "breadcrumbs",
        "footer",
        "masthead",
        "related",
        "recommended",
        "recommendations",
        "recirc",
        "recirculation",
        "popular",
        "trending",
        "mostread",
        "promo",
        "sponsored",
        "outbrain",
        "taboola",
        "advert",
        "advertisement",
        "ads",
        "adsense",
        "share",
        "sharing",
        "social",
        "sharebar",
        "comment",
        "comments",
        "disqus",
        "respond",
        "newsletter",
        "subscribe",
        "subscription",
        "signup",
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "popup",
        "tagcloud",
        "taglist",
        "tags",
        "author-bio",
        "bio",
        "pagination",
        "pager",
        "login",
        "skip",
        "teaser",
        "teasers",
        "toolbar",
        "follow",
        "cta",
        "carousel",
        "gallery",
    }
)

# Furniture tokens that hold long prose of their own (a cookie policy, a comment thread, an
# advertiser's copy): holding most of a page's prose never makes such an element the article.
PROSE_FURNITURE_TOKENS: frozenset[str] = frozenset(
    {
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "popup",
        "comment",
        "comments",
        "disqus",
        "respond",
        "advert",
        "advertisement",
        "ads",
        "adsense",
        "sponsored",
        "promo",
        "outbrain",
        "taboola",
        "author-bio",
        "bio",
    }
)

# Weak boilerplate tokens: often furniture, but also found on wrappers of the article
# ("header" of a story, "widget" in page builders, "sidebar" layouts, "tag-…" post classes).
WEAK_NEGATIVE_TOKENS: frozenset[str] = frozenset(
    {
        "header",
        "sidebar",
        "aside",
        "rail",
        "widget",
        "widgets",
        "banner",
        "promotion",
        "ad",
        "most",
        "more",
        "tag",
        "byline",
        "dateline",
        "meta",
        "timestamp",
        "hidden",
        "visually",
        "sr",
        "print",
        "toc",
        "modal",
        "overlay",
        "paywall",
    }
)

# Class and id tokens of image captions and credits: they describe a picture, not the story.
CAPTION_TOKENS: frozenset[str] = frozenset(
    {"caption", "captions", "figcaption", "credit", "credits", "photocredit"}
)
# Text that marks a caption wherever it stands: a credit at the end ("(Image: GETTY)", "(AP
# Photo/Jane Doe)", "Photograph: Reuters", "Credit: iStock"), or the wire services' opening
# ("In this Nov. 10, 2019, file photo, ...").
CAPTION_TEXT = Pattern(
    r"[(\[]\s*(?:image|photo|picture|foto|photograph|credit|bild|imagen)s?\s*(?:credit)?\s*:"
    r"\s*[^)\]]{1,80}[)\]]\W*$"
    r"|[(\[]\s*(?:AP|AFP|EPA|Reuters|Getty)\s*(?:Photo|Images?)?\s*/[^)\]]{1,80}[)\]]\W*$"
    r"|(?:photograph|photo|image|credit)\s*(?:credit)?\s*:\s*[^.:]{1,60}$"
    r"|^\W*in\s+this\s+(?:[\w.]+[\s,]+){0,6}?(?:file\s+)?(?:photo|image|picture|photograph)s?\s*,",
    _FLAGS,
)
# Longest block (characters) read as a caption from its text alone.
CAPTION_TEXT_MAX_CHARS = 400
# Ancestor tags whose text describes a picture or a media object.
CAPTION_TAGS: frozenset[str] = frozenset({"figure", "figcaption", "caption"})

# First parts of a class name that describe a state, not a kind of element: "has-sidebar",
# "no-comments", "with-related" name a layout of the element they sit on, not furniture.
STATE_PREFIXES: frozenset[str] = frozenset(
    {"has", "no", "with", "without", "show", "hide", "enable", "disable", "is"}
)

# Class and id tokens of article containers.
POSITIVE_TOKENS: frozenset[str] = frozenset(
    {
        "article",
        "articlebody",
        "article-body",
        "story",
        "storybody",
        "body",
        "content",
        "entry",
        "post",
        "text",
        "main",
        "prose",
        "richtext",
        "paragraph",
        "blog",
        "news",
        "detail",
        "chapter",
        "page",
    }
)

# Tags whose whole subtree is never article text.
DROPPED_TAGS: frozenset[str] = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "select",
        "option",
        "button",
        "textarea",
        "input",
        "head",
        "map",
        "dialog",
        "title",
    }
)

# Ancestor tags that mark page furniture rather than article text.
BOILERPLATE_TAGS: frozenset[str] = frozenset({"nav", "aside", "footer", "menu", "form"})
ARTICLE_TAGS: frozenset[str] = frozenset({"article", "main"})

# Words and marks used for text features.
# A line cut off with an ellipsis: a teaser's summary, truncated to fit its box.
TRUNCATED = Pattern(r"(?:\.\.\.|…)\W{0,2}$")
SENTENCE_END = Pattern(r"[.!?。！？…:;](?:[\"'”’»」』)\]]*)\s*$")
INNER_PUNCT = Pattern(r"[,;:、，；：]")
WORD = Pattern(r"\w+", regex.UNICODE)
# Scripts written without spaces: count characters, not words, for their length.
CJK = Pattern(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
BULLET = Pattern(r"^\s*(?:[-–—•·*▪►▸●○◦]|\u30FB)\s*")
RANK = Pattern(r"^\s*(?:\d{1,2}[.)]|[(（]\d{1,2}[)）]|[①-⑳]|#\d{1,2})\s*")
SEPARATOR = Pattern(r"^\s*[-–—•·*_=|/\\~#]*\s*$")
TOKEN_SPLIT = Pattern(r"[\s_\-:./]+|(?<=[a-z])(?=[A-Z])")
