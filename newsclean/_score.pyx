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
- The vocabulary is searched through the same ``vocab`` patterns, once per distinct line of a page.
"""

from libc.math cimport log

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
cdef object _caption_text = vocab.CAPTION_TEXT.search
cdef object _promo_first = vocab.PROMO_LINES.first
cdef object _cookie = vocab.BOILERPLATE_LINES["cookie"].search
cdef object _boilerplate_first = vocab.BOILERPLATE_LINES.first
cdef object _bare_url = vocab.BARE_URL.match
cdef object _dateline = vocab.DATELINE.match
cdef object _byline = vocab.BYLINE.match
cdef object _date_mention = vocab.DATE_MENTION.search
cdef object _date_anchor = vocab.DATE_ANCHOR.search
cdef object _dateline_piece = vocab.DATELINE_PIECE.sub
cdef object _word_findall = vocab.WORD.findall
cdef object _truncated = vocab.TRUNCATED.search


def score_blocks(blocks, settings):
    """Return the blocks with ``score`` and ``components`` filled in (``score.score_blocks``)."""
    cdef dict seen = {}  # the vocabulary's components per distinct line of the page
    cdef list out = []
    cdef list components
    cdef list kept
    cdef tuple key
    for block in blocks:
        features = block.features
        components = []
        _length(block, features, settings, components)
        _prose(block, features, settings, components)
        _links(block, features, settings, components)
        _structure(block, features, settings, components)
        key = (block.text, features.chars, features.sentence_end, block.kind is _QUOTE)
        found = seen.get(key)
        if found is None:
            found = []
            _vocabulary(block, features, settings, found)
            seen[key] = found
        components.extend(<list>found)
        _text_lines(features, settings, components)
        if _truncated(block.text):
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


cdef void _structure(block, features, s, list out) except *:
    path = features.path
    tokens = features.tokens
    landmark = _nearest_landmark(path)
    if landmark in _BOILERPLATE_TAGS:
        out.append((f"boilerplate-tag:{landmark}", s.w_boilerplate_tag))
    elif landmark:
        out.append(("article-tag", s.w_article_tag))
    negative = _first(tokens, _NEGATIVE_TOKENS)
    weak = _first(tokens, _WEAK_NEGATIVE_TOKENS)
    if negative:
        out.append((f"negative-class:{negative}", s.w_negative_tokens))
    elif weak:
        out.append((f"weak-negative-class:{weak}", s.w_weak_negative_tokens))
    elif _first(tokens, _POSITIVE_TOKENS):
        out.append(("positive-class", s.w_positive_tokens))
    kind = block.kind
    if (
        kind is _CAPTION
        or not _CAPTION_TAGS.isdisjoint(path)
        or tokens & _CAPTION_TOKENS
        or (features.chars <= _CAPTION_TEXT_MAX_CHARS and _caption_text(block.text))
    ):
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


cdef void _vocabulary(block, features, s, list out) except *:
    text = block.text
    cdef Py_ssize_t chars = features.chars
    if chars <= _PROMO_MAX_CHARS:
        promo = _promo_first(text)
        if promo is not None:
            out.append((f"promo:{promo}", s.w_promo_text))
            return
    if _cookie(text[:_BOILERPLATE_LINE_MAX_CHARS]):
        out.append(("boilerplate-text:cookie", s.w_boilerplate_text))
        return
    if chars > _BOILERPLATE_LINE_MAX_CHARS:
        return
    boilerplate = _boilerplate_first(text)
    if boilerplate is not None:
        out.append((f"boilerplate-text:{boilerplate}", s.w_boilerplate_text))
    elif _bare_url(text):
        out.append(("bare-url", s.w_boilerplate_text))
    elif _dateline(text) or _is_dateline(block, features, chars):
        out.append(("dateline", s.w_metadata_line))
    elif _byline(text):
        out.append(("byline", s.w_metadata_line))


cdef bint _is_dateline(block, features, Py_ssize_t chars) except -1:
    if chars > _DATELINE_MAX_CHARS or features.sentence_end or block.kind is _QUOTE:
        return False
    text = block.text
    if not _date_mention(text) or not _date_anchor(text):
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


cdef object _first(tokens, frozenset vocabulary):
    common = tokens & vocabulary
    return min(common) if common else None
