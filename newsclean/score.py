"""Blocks → scored blocks: each block alone, from its own features, with named weights.

The score is the sum of named components (``Block.components``); positive reads as article prose,
negative as page furniture. Neighbours are the context pass's business, not this one's.

This module is the readable reference. ``score_blocks`` runs its compiled twin
(``newsclean/_score.pyx``: the same rules in the same order, the same components) when it is
built; ``newsclean.native`` chooses, and ``score_blocks_reference`` is always this Python code.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from newsclean import native, vocab
from newsclean.model import Block, Kind
from newsclean.settings import Settings

Component = tuple[str, float]
# Lines longer than this are never matched against the boilerplate-line vocabulary.
BOILERPLATE_LINE_MAX_CHARS = 120
# Fewest words for a title-case line to read as a headline.
HEADLINE_MIN_WORDS = 3


def score_blocks(blocks: Sequence[Block], settings: Settings) -> list[Block]:
    """Return the blocks with ``score`` and ``components`` filled in
    (``score_blocks_reference`` says how): by the compiled twin when it is built, else by the
    reference."""
    compiled = native.load("score")
    rate = score_blocks_reference if compiled is None else compiled.score_blocks
    return rate(blocks, settings)


def score_blocks_reference(blocks: Sequence[Block], settings: Settings) -> list[Block]:
    """Return the blocks with ``score`` and ``components`` filled in: the sum of what
    ``COMPONENT_RULES`` find in each block, zero components left out."""
    # A page repeats short lines (the menu in its header and footer, "Share", dates): a quarter
    # of the AEB pages' short blocks. The vocabulary rule reads only what ``_line_key`` holds,
    # so it searches each such line once per page.
    vocabulary = _once_per_line(_vocabulary)
    rules = tuple(vocabulary if rule is _vocabulary else rule for rule in COMPONENT_RULES)
    out = []
    for block in blocks:
        components = tuple(c for rule in rules for c in rule(block, settings) if c[1])
        out.append(block.with_score(sum(v for _, v in components), components))
    return out


LineKey = tuple[str, int, bool, bool]


def _line_key(block: Block) -> LineKey:
    """Everything ``_vocabulary`` reads of a block."""
    return block.text, block.features.chars, block.features.sentence_end, block.kind is Kind.QUOTE


def _once_per_line(
    rule: Callable[[Block, Settings], list[Component]],
) -> Callable[[Block, Settings], list[Component]]:
    """``rule`` remembered by ``_line_key`` for one page (one call of ``score_blocks``)."""
    seen: dict[LineKey, list[Component]] = {}

    def remembered(block: Block, settings: Settings) -> list[Component]:
        key = _line_key(block)
        found = seen.get(key)
        if found is None:
            found = seen[key] = rule(block, settings)
        return found

    return remembered


def _length(block: Block, s: Settings) -> list[Component]:
    if block.kind is Kind.SEPARATOR:
        return []
    chars = max(block.features.chars, 1)
    ratio = math.log(chars / s.short_block_chars) / math.log(
        s.long_block_chars / s.short_block_chars
    )
    return [("length", s.w_length * min(max(ratio, -0.5), 1.0))]


def _prose(block: Block, s: Settings) -> list[Component]:
    f = block.features
    if block.kind is Kind.SEPARATOR:
        return []
    out = []
    if f.sentence_end:
        out.append(("sentence-end", s.w_sentence_end))
    if f.inner_punct:
        out.append(("inner-punctuation", s.w_inner_punct * min(f.inner_punct, s.inner_punct_cap)))
    if not f.sentence_end and not f.inner_punct:
        out.append(("no-prose-marks", s.w_no_prose))
    return out


def _links(block: Block, s: Settings) -> list[Component]:
    if block.kind is Kind.QUOTE:
        # An embedded post links its author, its date and its media: citations, not navigation.
        return []
    return [("link-density", s.w_link_density * block.features.link_density)]


def _structure(block: Block, s: Settings) -> list[Component]:
    f = block.features
    out = []
    landmark = _nearest_landmark(f.path)
    if landmark in vocab.BOILERPLATE_TAGS:
        out.append((f"boilerplate-tag:{landmark}", s.w_boilerplate_tag))
    elif landmark:
        out.append(("article-tag", s.w_article_tag))
    negative = _first(f.tokens, vocab.NEGATIVE_TOKENS)
    weak = _first(f.tokens, vocab.WEAK_NEGATIVE_TOKENS)
    if negative:
        out.append((f"negative-class:{negative}", s.w_negative_tokens))
    elif weak:
        out.append((f"weak-negative-class:{weak}", s.w_weak_negative_tokens))
    elif _first(f.tokens, vocab.POSITIVE_TOKENS):
        out.append(("positive-class", s.w_positive_tokens))
    if (
        block.kind is Kind.CAPTION
        or not vocab.CAPTION_TAGS.isdisjoint(f.path)
        or f.tokens & vocab.CAPTION_TOKENS
        or (f.chars <= vocab.CAPTION_TEXT_MAX_CHARS and vocab.CAPTION_TEXT.search(block.text))
    ):
        out.append(("caption", s.w_caption))
    if block.kind is Kind.QUOTE:
        out.append(("quote", s.w_quote))
    if f.in_list and not f.bullet and not f.rank:
        out.append(("list-item", s.w_list_item))
    return out


def _nearest_landmark(path: tuple[str, ...]) -> str | None:
    """The nearest ancestor that is furniture (nav, aside, footer...) or article/main: the
    nearer one wins, so an article inside a <nav> that a page left open reads as article."""
    for tag in reversed(path):
        if tag in vocab.BOILERPLATE_TAGS or tag in vocab.ARTICLE_TAGS:
            return tag
    return None


def _vocabulary(block: Block, s: Settings) -> list[Component]:
    text = block.text
    if block.features.chars <= vocab.PROMO_MAX_CHARS:
        promo = vocab.PROMO_LINES.first(text)
        if promo is not None:
            return [(f"promo:{promo}", s.w_promo_text)]
    if vocab.BOILERPLATE_LINES["cookie"].search(text[:BOILERPLATE_LINE_MAX_CHARS]):
        # A cookie notice says so in its first words, however long it goes on.
        return [("boilerplate-text:cookie", s.w_boilerplate_text)]
    if block.features.chars > BOILERPLATE_LINE_MAX_CHARS:
        return []
    boilerplate = vocab.BOILERPLATE_LINES.first(text)
    if boilerplate is not None:
        return [(f"boilerplate-text:{boilerplate}", s.w_boilerplate_text)]
    if vocab.BARE_URL.match(text):
        return [("bare-url", s.w_boilerplate_text)]
    if vocab.DATELINE.match(text) or _is_dateline(block):
        return [("dateline", s.w_metadata_line)]
    if vocab.BYLINE.match(text):
        return [("byline", s.w_metadata_line)]
    return []


def _is_dateline(block: Block) -> bool:
    """A short line made of a date or time and the words around one: "Posted by Jane Doe on
    November 19, 2019, 6:21 AM EST", "Nov 19, 2019 at 6:46 pm ET • 2 min read"."""
    f = block.features
    if f.chars > vocab.DATELINE_MAX_CHARS or f.sentence_end or block.kind is Kind.QUOTE:
        # A quoted post signs off with its date ("— Jane (@jane) November 18, 2019"): content.
        return False
    if not vocab.DATE_MENTION.search(block.text) or not vocab.DATE_ANCHOR.search(block.text):
        return False
    rest = vocab.WORD.findall(vocab.DATELINE_PIECE.sub(" ", block.text))
    return len(rest) <= vocab.DATELINE_MAX_OTHER_WORDS


def _text_lines(block: Block, s: Settings) -> list[Component]:
    f = block.features
    out = []
    if f.bullet or f.rank:
        out.append(("bullet" if f.bullet else "rank", s.w_bullet))
    if (
        not f.sentence_end
        and f.words >= HEADLINE_MIN_WORDS
        and f.capitalised >= s.headline_capitalised
    ):
        out.append(("headline-case", s.w_headline))
    return out


def _truncated(block: Block, s: Settings) -> list[Component]:
    if vocab.TRUNCATED.search(block.text):
        return [("truncated", s.w_truncated)]
    return []


def _first(tokens: frozenset[str], vocabulary: frozenset[str]) -> str | None:
    common = tokens & vocabulary
    return min(common) if common else None


# The scoring pass, in order. Each rule returns named components; zero components are dropped.
COMPONENT_RULES: tuple[Callable[[Block, Settings], list[Component]], ...] = (
    _length,
    _prose,
    _links,
    _structure,
    _vocabulary,
    _text_lines,
    _truncated,
)
