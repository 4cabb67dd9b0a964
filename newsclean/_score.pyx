# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Compiled twin of ``newsclean/score.py``: the same ``score_blocks``, with the same results.

``score.py`` is the readable reference and says *why* each component exists; this file follows it
rule by rule, in the same order, and only says how it differs:

- The rules append their components to one list per block instead of returning lists that a
  generator joins: no generator frame is resumed per component, no list is built per rule.
- Counts and flags are C ints; the weights and values are the Python objects ``Settings`` holds,
  and the sum is the builtin ``sum`` over the same values in the same order, so every score is the
  same float (``_length`` computes in C doubles what Python's floats compute: the same IEEE
  operations, and ``log`` is the C library's, as ``math.log`` calls it).
- What depends on a block's place alone (its landmark and class-token components: pure
  functions of its tag path and tokens) is found once per distinct place of a page.
- What depends on a block's line alone (the vocabulary rule, the caption credit and the
  ellipsis of a truncated teaser: pure functions of the text and the line key) is found once
  per distinct line of a page.
- On a plain text (``vocab.is_plain``) one Aho–Corasick pass over the lower-cased line finds
  the needles of every pattern those checks use (``vocab._any_needles``: every match of a
  pattern in a plain text holds one of its needles); a pattern none of whose needles the line
  holds cannot match it and is not run, the others run their plain variant as ``vocab.Pattern``
  would. Other texts run every pattern as written, as ``vocab.Pattern`` does for them.
"""

from libc.math cimport log

import ahocorasick

from newsclean import score as _reference, vocab
from newsclean.model import Kind

cdef object _SEPARATOR = Kind.SEPARATOR
cdef object _QUOTE = Kind.QUOTE
cdef object _CAPTION = Kind.CAPTION
cdef Py_ssize_t _BOILERPLATE_LINE_MAX_CHARS = _reference.BOILERPLATE_LINE_MAX_CHARS
cdef Py_ssize_t _HEADLINE_MIN_WORDS = _reference.HEADLINE_MIN_WORDS
cdef frozenset _BOILERPLATE_TAGS = vocab.BOILERPLATE_TAGS
cdef frozenset _ARTICLE_TAGS = vocab.ARTICLE_TAGS
cdef frozenset _NEGATIVE_TOKENS = vocab.NEGATIVE_TOKENS
cdef frozenset _WEAK_NEGATIVE_TOKENS = vocab.WEAK_NEGATIVE_TOKENS
cdef frozenset _POSITIVE_TOKENS = vocab.POSITIVE_TOKENS
cdef frozenset _CAPTION_TAGS = vocab.CAPTION_TAGS
cdef frozenset _CAPTION_TOKENS = vocab.CAPTION_TOKENS
cdef Py_ssize_t _CAPTION_TEXT_MAX_CHARS = vocab.CAPTION_TEXT_MAX_CHARS
cdef Py_ssize_t _PROMO_MAX_CHARS = vocab.PROMO_MAX_CHARS
cdef Py_ssize_t _DATELINE_MAX_CHARS = vocab.DATELINE_MAX_CHARS
cdef Py_ssize_t _DATELINE_MAX_OTHER_WORDS = vocab.DATELINE_MAX_OTHER_WORDS
cdef object _dateline_piece = vocab.DATELINE_PIECE.sub
cdef object _word_findall = vocab.WORD.findall
cdef object _is_plain = vocab.is_plain


# The patterns of the checks that depend on a line alone, by position (a bit of a mask).
cdef list _CHECKS = [
    *vocab.PROMO_LINES.values(),
    vocab.BOILERPLATE_LINES["cookie"],
    *vocab.BOILERPLATE_LINES.values(),
    vocab.BARE_URL,
    vocab.DATELINE,
    vocab.BYLINE,
    vocab.DATE_MENTION,
    vocab.DATE_ANCHOR,
    vocab.CAPTION_TEXT,
    vocab.TRUNCATED,
]
cdef Py_ssize_t _PROMO = 0
cdef Py_ssize_t _COOKIE = len(vocab.PROMO_LINES)
cdef Py_ssize_t _BOILERPLATE = _COOKIE + 1
cdef Py_ssize_t _BARE_URL = _BOILERPLATE + len(vocab.BOILERPLATE_LINES)
cdef Py_ssize_t _DATELINE = _BARE_URL + 1
cdef Py_ssize_t _BYLINE = _DATELINE + 1
cdef Py_ssize_t _DATE_MENTION = _BYLINE + 1
cdef Py_ssize_t _DATE_ANCHOR = _DATE_MENTION + 1
cdef Py_ssize_t _CAPTION_TEXT = _DATE_ANCHOR + 1
cdef Py_ssize_t _TRUNCATED = _CAPTION_TEXT + 1
cdef tuple _PROMO_NAMES = tuple(vocab.PROMO_LINES)
cdef tuple _BOILERPLATE_NAMES = tuple(vocab.BOILERPLATE_LINES)
# How each check searches a plain text (its plain variant; ``match`` is always the full
# pattern's, as ``vocab.Pattern`` runs it) and any other text (the pattern as written).
cdef list _PLAIN_SEARCH = [p.plain.search for p in _CHECKS]
cdef list _FULL_SEARCH = [p.full.search for p in _CHECKS]
cdef object _bare_url = vocab.BARE_URL.match
cdef object _dateline = vocab.DATELINE.match
cdef object _byline = vocab.BYLINE.match
# A mask is a C integer: one bit per check.
assert len(_CHECKS) <= 64
cdef unsigned long long _ALL = (1 << len(_CHECKS)) - 1


cdef object _screen():
    """An automaton from each needle of the checks to the mask of the checks that have it,
    and the mask of the checks without needles (always run)."""
    automaton = ahocorasick.Automaton()
    always = 0
    for i, pattern in enumerate(_CHECKS):
        needles = vocab._any_needles(pattern.full.pattern, pattern.full.flags)
        if needles is None:
            always |= 1 << i
            continue
        for needle in needles:
            automaton.add_word(needle, automaton.get(needle, 0) | 1 << i)
    automaton.make_automaton()
    return automaton, always


cdef object _AUTOMATON
cdef unsigned long long _ALWAYS
_AUTOMATON, _ALWAYS = _screen()


cdef unsigned long long _candidates(text, bint plain) except? 0:
    """The mask of the checks that may match ``text``: on a plain text, those one of whose
    needles its lower case holds (and those without needles); on any other, all."""
    if not plain:
        return _ALL
    cdef unsigned long long found = _ALWAYS
    for _, mask in _AUTOMATON.iter(text.lower()):
        found |= <unsigned long long>mask
    return found


def score_blocks(blocks, settings):
    """Return the blocks with ``score`` and ``components`` filled in (``score.score_blocks``)."""
    cdef dict seen = {}  # what a distinct line of the page gives (_Line), by line key
    cdef dict places = {}  # what a distinct place of the page gives (_Place), by path and tokens
    cdef list out = []
    cdef list components
    cdef list kept
    cdef tuple key
    cdef _Line line
    for block in blocks:
        features = block.features
        key = (block.text, features.chars, features.sentence_end, block.kind is _QUOTE)
        found = seen.get(key)
        if found is None:
            found = seen[key] = _read_line(block, features, settings)
        line = <_Line>found
        components = []
        _length(block, features, settings, components)
        _prose(block, features, settings, components)
        _links(block, features, settings, components)
        _structure(block, features, settings, components, line.caption, places)
        components.extend(line.vocabulary)
        _text_lines(features, settings, components)
        if line.truncated:
            components.append(("truncated", settings.w_truncated))
        kept = [c for c in components if c[1]]
        out.append(block.with_score(sum([c[1] for c in kept]), tuple(kept)))
    return out


cdef void _length(block, features, s, list out) except *:
    if block.kind is _SEPARATOR:
        return
    cdef Py_ssize_t chars = features.chars
    if chars < 1:
        chars = 1
    cdef double short = s.short_block_chars
    cdef double ratio = log(chars / short) / log(s.long_block_chars / short)
    if -0.5 > ratio:
        ratio = -0.5
    if 1.0 < ratio:
        ratio = 1.0
    out.append(("length", s.w_length * ratio))


cdef void _prose(block, features, s, list out) except *:
    if block.kind is _SEPARATOR:
        return
    cdef bint sentence_end = features.sentence_end
    inner_punct = features.inner_punct
    if sentence_end:
        out.append(("sentence-end", s.w_sentence_end))
    if inner_punct:
        out.append(("inner-punctuation", s.w_inner_punct * min(inner_punct, s.inner_punct_cap)))
    if not sentence_end and not inner_punct:
        out.append(("no-prose-marks", s.w_no_prose))


cdef void _links(block, features, s, list out) except *:
    if block.kind is _QUOTE:
        return
    out.append(("link-density", s.w_link_density * features.link_density))


cdef class _Place:
    """What a block's place gives (its tag path and class tokens, shared by the blocks of one
    element): the landmark and class-token components, and whether the place is a caption's."""

    cdef list components
    cdef bint caption


cdef _Place _read_place(path, tokens, s):
    cdef _Place place = _Place.__new__(_Place)
    place.components = []
    landmark = _nearest_landmark(path)
    if landmark in _BOILERPLATE_TAGS:
        place.components.append((f"boilerplate-tag:{landmark}", s.w_boilerplate_tag))
    elif landmark:
        place.components.append(("article-tag", s.w_article_tag))
    negative = _first_token(tokens, _NEGATIVE_TOKENS)
    weak = _first_token(tokens, _WEAK_NEGATIVE_TOKENS)
    if negative:
        place.components.append((f"negative-class:{negative}", s.w_negative_tokens))
    elif weak:
        place.components.append((f"weak-negative-class:{weak}", s.w_weak_negative_tokens))
    elif _first_token(tokens, _POSITIVE_TOKENS):
        place.components.append(("positive-class", s.w_positive_tokens))
    place.caption = not _CAPTION_TAGS.isdisjoint(path) or bool(tokens & _CAPTION_TOKENS)
    return place


cdef void _structure(
    block, features, s, list out, bint caption_text, dict places
) except *:
    path = features.path
    tokens = features.tokens
    key = (path, tokens)
    found = places.get(key)
    if found is None:
        found = places[key] = _read_place(path, tokens, s)
    cdef _Place place = <_Place>found
    out.extend(place.components)
    kind = block.kind
    if kind is _CAPTION or place.caption or caption_text:
        out.append(("caption", s.w_caption))
    if kind is _QUOTE:
        out.append(("quote", s.w_quote))
    if features.in_list and not features.bullet and not features.rank:
        out.append(("list-item", s.w_list_item))


cdef object _nearest_landmark(path):
    for tag in reversed(path):
        if tag in _BOILERPLATE_TAGS or tag in _ARTICLE_TAGS:
            return tag
    return None


cdef class _Line:
    """What a block's line gives, whatever else the block is: the vocabulary rule's components,
    whether its text reads as a photo credit (``CAPTION_TEXT``, searched up to
    ``CAPTION_TEXT_MAX_CHARS``) and whether it ends with an ellipsis (``TRUNCATED``)."""

    cdef list vocabulary
    cdef bint caption
    cdef bint truncated


cdef _Line _read_line(block, features, s):
    text = block.text
    cdef bint plain = type(text) is str and _is_plain(text)
    cdef unsigned long long candidates = _candidates(text, plain)
    cdef list search = _PLAIN_SEARCH if plain else _FULL_SEARCH
    cdef Py_ssize_t chars = features.chars
    cdef _Line line = _Line.__new__(_Line)
    line.vocabulary = []
    _vocabulary(block, features, s, line.vocabulary, candidates, search, chars)
    line.caption = chars <= _CAPTION_TEXT_MAX_CHARS and _found(
        _CAPTION_TEXT, text, candidates, search
    )
    line.truncated = _found(_TRUNCATED, text, candidates, search)
    return line


cdef inline bint _found(
    Py_ssize_t check, text, unsigned long long candidates, list search
) except -1:
    """Whether check ``check`` finds something in ``text`` (not run when the mask rules it out)."""
    return (candidates >> check & 1) and search[check](text) is not None


cdef object _first(
    Py_ssize_t start, tuple names, text, unsigned long long candidates, list search
):
    """The name of the first pattern of a table (its checks from ``start``) found in ``text``."""
    cdef Py_ssize_t i
    for i in range(len(names)):
        if _found(start + i, text, candidates, search):
            return names[i]
    return None


cdef void _vocabulary(
    block, features, s, list out, unsigned long long candidates, list search, Py_ssize_t chars
) except *:
    text = block.text
    if chars <= _PROMO_MAX_CHARS:
        promo = _first(_PROMO, _PROMO_NAMES, text, candidates, search)
        if promo is not None:
            out.append((f"promo:{promo}", s.w_promo_text))
            return
    # A needle of the line's first characters is a needle of the line: the mask holds.
    if _found(_COOKIE, text[:_BOILERPLATE_LINE_MAX_CHARS], candidates, search):
        out.append(("boilerplate-text:cookie", s.w_boilerplate_text))
        return
    if chars > _BOILERPLATE_LINE_MAX_CHARS:
        return
    boilerplate = _first(_BOILERPLATE, _BOILERPLATE_NAMES, text, candidates, search)
    if boilerplate is not None:
        out.append((f"boilerplate-text:{boilerplate}", s.w_boilerplate_text))
    elif candidates >> _BARE_URL & 1 and _bare_url(text):
        out.append(("bare-url", s.w_boilerplate_text))
    elif (candidates >> _DATELINE & 1 and _dateline(text)) or _is_dateline(
        block, features, chars, candidates, search
    ):
        out.append(("dateline", s.w_metadata_line))
    elif candidates >> _BYLINE & 1 and _byline(text):
        out.append(("byline", s.w_metadata_line))


cdef bint _is_dateline(
    block, features, Py_ssize_t chars, unsigned long long candidates, list search
) except -1:
    if chars > _DATELINE_MAX_CHARS or features.sentence_end or block.kind is _QUOTE:
        return False
    text = block.text
    if not _found(_DATE_MENTION, text, candidates, search) or not _found(
        _DATE_ANCHOR, text, candidates, search
    ):
        return False
    rest = _word_findall(_dateline_piece(" ", text))
    return len(rest) <= _DATELINE_MAX_OTHER_WORDS


cdef void _text_lines(features, s, list out) except *:
    cdef bint bullet = features.bullet
    cdef bint rank = features.rank
    cdef bint sentence_end = features.sentence_end
    if bullet or rank:
        out.append(("bullet" if bullet else "rank", s.w_bullet))
    if (
        not sentence_end
        and features.words >= _HEADLINE_MIN_WORDS
        and features.capitalised >= s.headline_capitalised
    ):
        out.append(("headline-case", s.w_headline))


cdef object _first_token(tokens, frozenset vocabulary):
    common = tokens & vocabulary
    return min(common) if common else None
