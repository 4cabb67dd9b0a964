"""Scored blocks → decided blocks: the pass that looks at neighbours.

Four decisions, in order:

1. **Sidebar sections.** A short heading from the sidebar vocabulary ("Most popular", "JN ACCESS
   RANKING", "関連記事"...) followed by a run of headline-like items drops with its whole run; the
   run stays inside the element that holds the heading. A heading that is nothing but such a name
   ("You may also like:") drops on its own. The heading that repeats the page title is metadata.
2. **Body stretch.** The body is the contiguous stretch of blocks with the largest total mass
   (score × √length), found in one linear pass (Kadane); forced blocks weigh nothing.
3. **Body container.** The deepest element holding most of the stretch's positive mass. Class
   names that it or its ancestors carry are shared by the whole body, so their penalty is taken
   back and the stretch and container are found again.
4. **Keep.** Inside the container, blocks are kept down to a low score (short subheadings, list
   items, table cells and one-line paragraphs of the body stay); in the stretch but outside the
   container, down to a higher one; everything else is dropped.

Each block leaves with ``kept`` set and a reason saying which decision it was.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsclean import vocab
from newsclean.model import Block, Kind
from newsclean.settings import Settings

# Reason ids.
REASON_BODY = "body-stretch"
REASON_LOW_IN_BODY = "low-score-in-body"
REASON_OUTSIDE = "outside-body"
REASON_SAME_CONTAINER = "body-container"
REASON_SECTION = "body-section"
REASON_STRONG = "strong-block"
REASON_CARD = "card"
REASON_REPEAT = "repeat"
REASON_LANDMARK = "body-landmark"
REASON_FALLBACK = "best-candidate"
REASON_LONG_LINE = "long-line"
REASON_ENTRY = "scattered-entry"
# Score components of blocks that a card never brings back: buttons, pitches, captions, teaser
# ledes, and anything under nav, aside or footer.
CARD_NEVER: tuple[str, ...] = (
    "boilerplate-text:",
    "promo:",
    "caption",
    "truncated",
    "boilerplate-tag:",
)
REASON_TITLE = "title"
REASON_ABOUT_HEADING = "about-heading"
REASON_ABOUT_BOX = "about-box"
REASON_MENU = "menu-run"
REASON_HEADLINES = "headline-run"
# Added after ``outside-body`` on a block whose score would have joined the body: the index of the
# block that ended the body before it (a barrier between them, else the weakest block between).
REASON_ENDED_BY = "body-ended-by:"
# The sidebar vocabulary's name for the headings that open the comments.
COMMENTS_HEADING = "comments"
# Digits, left out when comments headings are compared ("11 comments", "13 comments").
_DIGITS = re.compile(r"\d+")
# Most words (digits aside) of a heading that opens an article's comments in plain text.
COMMENTS_START_MAX_WORDS = 3
# Score components of class tokens (from score.py), and the one that takes them back.
CLASS_COMPONENTS: tuple[str, ...] = ("negative-class:", "weak-negative-class:")
COMPONENT_SHARED_CLASS = "shared-class"
COMPONENT_PROSE_CLASS = "prose-class"
# Sidebar sections made of prose rather than headlines (a comment thread): a heading that only
# names one drops the whole section it introduces.
PROSE_SECTIONS: frozenset[str] = frozenset({"comments"})
# Kinds of block that never head a sidebar section: a table's "Top 10" column is data.
NOT_HEADINGS: frozenset[Kind] = frozenset({Kind.SEPARATOR, Kind.TABLE_CELL})
# Kinds of block that can be a headline of a sidebar list in a page with markup.
HEADLINE_KINDS: frozenset[Kind] = frozenset({Kind.LIST_ITEM, Kind.HEADING})


@dataclass(frozen=True, slots=True)
class Stretch:
    """A half-open range of block positions ``[start, end)`` and its total mass."""

    start: int
    end: int
    mass: float

    def __contains__(self, position: object) -> bool:
        return isinstance(position, int) and self.start <= position < self.end


def best_candidate(
    blocks: Sequence[Block], settings: Settings, *, title: str | None = None
) -> list[Block] | None:
    """The page's best body candidate, for a page on which ``decide`` kept nothing: the pass
    runs again with its bars lowered to just under the best block's score, and every block it
    keeps says ``best-candidate``. None when even the best block reads as furniture: a link
    (a page of nothing but links has no body) or a score under ``fallback_min_score``."""
    scores = [b.score for b in blocks if b.features.link_density <= settings.max_link_density]
    if not scores or max(scores) < settings.fallback_min_score:
        return None
    top = max(scores)
    shift = top - settings.fallback_margin - settings.content_threshold
    lowered = settings.replace(
        content_threshold=settings.content_threshold + shift,
        keep_in_body_score=settings.keep_in_body_score + shift,
        keep_in_container_score=settings.keep_in_container_score + shift,
        keep_anywhere_score=settings.keep_anywhere_score + shift,
        # Lines of plain text have bars of their own.
        text_content_threshold=top - settings.fallback_margin,
        text_keep_in_body_score=settings.text_keep_in_body_score + shift,
    )
    again = decide(blocks, lowered, title=title)
    if not any(b.kept for b in again):
        return None
    return [b.with_reason(REASON_FALLBACK, kept=True) if b.kept else b for b in again]


@dataclass(frozen=True, slots=True)
class Regions:
    """What the context pass found on a page: the blocks it forced out and why, the body's
    stretch, its container, its further sections, its landmark, and what ended the stretch. The
    blocks are the pass's own (class discounts applied); the verdicts read nothing else."""

    blocks: Sequence[Block]
    forced: dict[int, list[str]]
    stretch: Stretch
    container: int | None
    sections: dict[int, str]
    enders: dict[int, int]
    landmark: int | None
    html: bool


def decide(blocks: Sequence[Block], settings: Settings, *, title: str | None = None) -> list[Block]:
    """Return every block with ``kept`` and ``reasons`` set by the context pass."""
    regions = find_regions(blocks, settings, title=title)
    out = [_verdict(pos, block, regions, settings) for pos, block in enumerate(regions.blocks)]
    if settings.card_min_repeats:
        out = keep_cards(out, regions.forced, settings)
    return drop_repeats(out, settings) if regions.html else out


def find_regions(
    blocks: Sequence[Block], settings: Settings, *, title: str | None = None
) -> Regions:
    """Sidebar sections, menus and headline runs first (forced out whatever their score), then
    the body's stretch, its container and the body's further sections."""
    if blocks and blocks[0].features.path:
        blocks = discount_prose_classes(blocks, settings)
    forced = sidebar_sections(blocks, settings)
    headlines = headline_runs(blocks, settings)
    for pos in headlines:
        forced.setdefault(pos, [REASON_HEADLINES])
    menus = menu_runs(blocks, settings)
    for pos in menus:
        forced.setdefault(pos, [REASON_MENU])
    if title:
        # A sidebar heading that happens to equal the title keeps its section's reason.
        for pos, reasons in _title_blocks(blocks, title, settings).items():
            forced.setdefault(pos, reasons)
    # Menus and comment headings depend on text and features only, not on scores: found once.
    barriers = menus | comment_headings(blocks, settings)
    masses = block_masses(blocks, forced, settings)
    stretch = best_stretch(blocks, forced, settings, barriers=barriers, masses=masses)
    container = body_container(blocks, stretch, forced, settings, masses=masses)
    if container is not None:
        # Class names that the whole body shares say nothing about any one block in it.
        blocks = discount_shared_classes(blocks, container)
        masses = block_masses(blocks, forced, settings)
        stretch = best_stretch(blocks, forced, settings, barriers=barriers, masses=masses)
        container = body_container(blocks, stretch, forced, settings, masses=masses)
    # Plain text has no markup to tell a second section of the body from a comment thread: its
    # sections have rules of their own (text_sections).
    html = bool(blocks) and bool(blocks[0].features.path)
    sections: dict[int, str]
    if html:
        found = body_sections(masses, stretch, barriers, settings)
        sections = dict.fromkeys(found, REASON_SECTION)
    else:
        sections = text_sections(blocks, masses, stretch, barriers, settings)
        if is_scattered(masses, stretch, settings):
            # A scattered body's runs of headlines are its entries (a listing's cards).
            for pos in headlines:
                if forced.get(pos) == [REASON_HEADLINES]:
                    del forced[pos]
                    sections[pos] = REASON_ENTRY
    return Regions(
        blocks=blocks,
        forced=forced,
        stretch=stretch,
        container=container,
        sections=sections,
        enders=body_enders(stretch, masses, barriers),
        landmark=body_landmark(blocks, stretch, masses) if html else None,
        html=html,
    )


def _verdict(pos: int, block: Block, regions: Regions, settings: Settings) -> Block:
    """One block's verdict: forced out, in the body's stretch (kept down to its floor), kept
    by the first of ``KEEP_OUTSIDE_STRETCH`` that takes it, or outside the body."""
    if pos in regions.forced:
        for reason in regions.forced[pos]:
            block = block.with_reason(reason, kept=False)
        return block
    inside = regions.container is not None and regions.container in block.features.ancestors
    if pos in regions.stretch:
        floor = _keep_floor(block, inside, settings)
        keep = block.score >= floor and block.kind is not Kind.SEPARATOR
        return block.with_reason(REASON_BODY if keep else REASON_LOW_IN_BODY, kept=keep)
    for rule in KEEP_OUTSIDE_STRETCH:
        reason = rule(pos, block, inside, regions, settings)
        if reason is not None:
            return block.with_reason(reason, kept=True)
    block = block.with_reason(REASON_OUTSIDE, kept=False)
    if pos in regions.enders:
        ender = f"{REASON_ENDED_BY}{regions.blocks[regions.enders[pos]].index}"
        block = block.with_reason(ender, kept=False)
    return block


def _in_container(pos: int, block: Block, inside: bool, r: Regions, s: Settings) -> str | None:
    return REASON_SAME_CONTAINER if inside and block.score >= s.keep_in_container_score else None


def _in_section(pos: int, block: Block, inside: bool, r: Regions, s: Settings) -> str | None:
    return r.sections.get(pos) if block.score >= s.keep_in_body_score else None


def _strong(pos: int, block: Block, inside: bool, r: Regions, s: Settings) -> str | None:
    return REASON_STRONG if r.html and block.score >= s.keep_anywhere_score else None


def _in_landmark(pos: int, block: Block, inside: bool, r: Regions, s: Settings) -> str | None:
    if r.landmark is None or r.landmark not in block.features.ancestors:
        return None
    return REASON_LANDMARK if block.score >= s.keep_in_landmark_score else None


# Where a block outside the body's stretch is still kept, first rule first: in the body's
# container, in a further section of the body, anywhere when its score is strong (pages with
# markup), or inside the <main>/<article> that holds the body. Each gives its reason or None.
KEEP_OUTSIDE_STRETCH: tuple[Callable[[int, Block, bool, Regions, Settings], str | None], ...] = (
    _in_container,
    _in_section,
    _strong,
    _in_landmark,
)


def drop_repeats(blocks: Sequence[Block], settings: Settings) -> list[Block]:
    """Drop the second copy of a run of kept blocks that repeats the run just before it word
    for word: pages render the same description twice in a row (for phones and for desktops,
    one copy hidden by a style sheet). Lines that recur apart from each other (a question
    asked in each interview, a meal on each day of a plan) are content and stay."""
    kept = [pos for pos, block in enumerate(blocks) if block.kept]
    texts = [blocks[pos].text for pos in kept]
    # Where each text was seen last: a run repeating the one just before it starts with the
    # text its twin started with, so only those earlier places are tried.
    last_seen: dict[str, int] = {}
    repeats: set[int] = set()
    i = 0
    while i < len(texts):
        earlier = last_seen.get(texts[i])
        length = i - earlier if earlier is not None else 0
        run = texts[i : i + length]
        if (
            length >= settings.repeat_min_blocks
            and texts[earlier:i] == run
            and sum(map(len, run)) >= settings.repeat_min_chars
        ):
            repeats.update(kept[i : i + length])
            for offset, text in enumerate(run):
                last_seen[text] = i + offset
            i += length
            continue
        last_seen[texts[i]] = i
        i += 1
    return [
        block.with_reason(REASON_REPEAT, kept=False) if pos in repeats else block
        for pos, block in enumerate(blocks)
    ]


def keep_cards(
    blocks: Sequence[Block], forced: dict[int, list[str]], settings: Settings
) -> list[Block]:
    """Keep the whole card around each kept block when the cards repeat: a listing's entries,
    a shop's product tiles and a thread's posts are each a small element of several blocks
    (headline, byline, date, price, lede) of which only the lede reads as prose.

    A block's card is its outermost ancestor that holds at most ``card_max_blocks`` blocks; the
    cards repeat when ``card_min_repeats`` of them with a kept block share a parent element.
    With ``card_grid`` set (listings, shop grids), the largest grid of cards is kept even when
    none of its blocks reads as body on its own: a job board's entries are all short lines.
    """
    members: dict[int, list[int]] = {}
    for pos, block in enumerate(blocks):
        for number in block.features.ancestors:
            members.setdefault(number, []).append(pos)
    by_parent: dict[int, set[int]] = {}
    seeded: dict[int, set[int]] = {}
    for block in blocks:
        found = _card_of(block, members, settings)
        if found is not None:
            by_parent.setdefault(found[0], set()).add(found[1])
            if block.kept:
                seeded.setdefault(found[0], set()).add(found[1])
    wanted: set[int] = set()
    for cards in seeded.values():
        if len(cards) >= settings.card_min_repeats:
            for card in cards:
                wanted.update(members[card])
    if settings.card_grid:
        grid = _largest_grid(blocks, by_parent, members, forced, settings)
        kept_chars = sum(b.features.chars for b in blocks if b.kept)
        if sum(blocks[pos].features.chars for pos in grid) >= kept_chars:
            # A grid smaller than the body already kept is a sidebar's list, not the page.
            wanted.update(grid)
    out = list(blocks)
    for pos in sorted(wanted):
        block = out[pos]
        if block.kept or pos in forced or block.score < settings.card_keep_score:
            continue
        if any(name.startswith(CARD_NEVER) for name, _ in block.components):
            continue
        out[pos] = block.with_reason(REASON_CARD, kept=True)
    return out


def _card_of(
    block: Block, members: dict[int, list[int]], settings: Settings
) -> tuple[int, int] | None:
    """(parent, card) of a block: its outermost ancestor with at most ``card_max_blocks``
    blocks, and that ancestor's parent; None when even its nearest ancestor holds more."""
    ancestors = block.features.ancestors
    for depth, number in enumerate(ancestors):
        if depth and len(members[number]) <= settings.card_max_blocks:
            return ancestors[depth - 1], number
    return None


def _largest_grid(
    blocks: Sequence[Block],
    by_parent: dict[int, set[int]],
    members: dict[int, list[int]],
    forced: dict[int, list[str]],
    settings: Settings,
) -> list[int]:
    """The positions of the grid of cards with the most text: at least ``card_min_repeats``
    cards of ``grid_min_card_blocks`` blocks or more on average under one parent, whose blocks
    score ``grid_min_mean_score`` on average (a menu's items score far lower)."""
    best: list[int] = []
    best_chars = 0
    for cards in by_parent.values():
        if len(cards) < settings.card_min_repeats:
            continue
        positions = [pos for card in cards for pos in members[card] if pos not in forced]
        if len(positions) < settings.grid_min_card_blocks * len(cards):
            continue
        if sum(blocks[pos].score for pos in positions) < settings.grid_min_mean_score * len(
            positions
        ):
            continue
        chars = sum(blocks[pos].features.chars for pos in positions)
        if chars > best_chars:
            best, best_chars = positions, chars
    return best


def text_sections(
    blocks: Sequence[Block],
    masses: Sequence[float],
    stretch: Stretch,
    barriers: set[int],
    settings: Settings,
) -> dict[int, str]:
    """Lines of plain text kept outside the body stretch, each with its reason.

    A page whose stretch holds most of its prose is an article: only further runs of prose with
    ``text_section_share`` of the stretch's mass join it. On a page whose prose is scattered
    (a thread's posts, a listing's summaries, a service page's sections) the bar falls to
    ``text_scattered_section_share``, and a line scoring ``text_keep_anywhere_score`` is kept
    wherever it stands. Never after a menu or comments heading that follows an article's body, and
    never a line the page repeats (a teaser shown twice, a footer that echoes the header).
    """
    # Readers' comments after the body are not the body's scattered sections: whether the prose
    # is scattered is read on what comes before the first comments heading after the stretch
    # that the page writes once (a thread repeats its "Add a comment" under every post).
    comments = _comments_start(blocks, stretch, settings)
    before = masses if comments is None else masses[:comments]
    scattered = is_scattered(before, stretch, settings)
    share = settings.text_scattered_section_share if scattered else settings.text_section_share
    repeats = repeated_lines(blocks)
    # An article ends at the first menu or comments heading after its body: what follows is the
    # page's footer or its readers' comments.
    end = len(blocks)
    if not scattered:
        end = min((pos for pos in barriers if pos >= stretch.end), default=len(blocks))
    weights = [0.0 if pos in repeats else mass for pos, mass in enumerate(masses)]
    found = body_sections(weights, stretch, barriers, settings.replace(section_share=share))
    out = {pos: REASON_SECTION for pos in found if pos < end and pos not in repeats}
    if scattered:
        for pos, block in enumerate(blocks):
            if pos in repeats:
                continue
            if block.score >= settings.text_keep_anywhere_score:
                out.setdefault(pos, REASON_STRONG)
            elif block.features.chars >= settings.text_scattered_long_chars:
                out.setdefault(pos, REASON_LONG_LINE)
    return out


def _comments_start(blocks: Sequence[Block], stretch: Stretch, settings: Settings) -> int | None:
    """The first comments heading after the stretch, when the page holds its text once and it
    is a heading of a few words ("12 Comments", "Leave a Reply"), not a line that mentions
    comments."""
    headings = sorted(comment_headings(blocks, settings))
    # "11 comments", "3 of 13 comments |": the same heading with other counts and marks.
    names = {pos: _heading_words(blocks[pos].text) for pos in headings}
    counts = Counter(names.values())
    short = (pos for pos in headings if len(names[pos].split()) <= COMMENTS_START_MAX_WORDS)
    first = next((pos for pos in short if pos >= stretch.end), None)
    return first if first is not None and counts[names[first]] == 1 else None


def _heading_words(text: str) -> str:
    """A heading's words without digits, lower-cased: what repeats when a thread repeats it."""
    return " ".join(vocab.WORD.findall(_DIGITS.sub(" ", text.casefold())))


def is_scattered(masses: Sequence[float], stretch: Stretch, settings: Settings) -> bool:
    """Whether the body stretch holds less than ``text_scattered_share`` of the page's prose
    mass: the body is then many places (posts, entries, sections), not one run."""
    prose = sum(mass for mass in masses if mass > 0.0)
    return stretch.mass < settings.text_scattered_share * prose


def repeated_lines(blocks: Sequence[Block]) -> set[int]:
    """Positions of lines whose text the page holds more than once: templates, not body."""
    seen: dict[str, list[int]] = {}
    for pos, block in enumerate(blocks):
        seen.setdefault(block.text.casefold(), []).append(pos)
    return {pos for group in seen.values() if len(group) > 1 for pos in group}


def body_enders(stretch: Stretch, masses: Sequence[float], barriers: set[int]) -> dict[int, int]:
    """For each position outside the stretch with positive mass, the position of what kept the
    stretch from reaching it: the barrier nearest the stretch between them, else the block of
    least mass between them (the stretch search found the sum up to it not worth taking)."""
    enders: dict[int, int] = {}
    if stretch.end == stretch.start:
        return enders
    for positions in (range(stretch.end, len(masses)), range(stretch.start - 1, -1, -1)):
        barrier: int | None = None
        weakest: int | None = None
        for pos in positions:
            ender = barrier if barrier is not None else weakest
            if masses[pos] > 0.0 and ender is not None:
                enders[pos] = ender
            if barrier is None and pos in barriers:
                barrier = pos
            if weakest is None or masses[pos] < masses[weakest]:
                weakest = pos
    return enders


def _keep_floor(block: Block, inside: bool, settings: Settings) -> float:
    """The lowest score kept inside the body stretch."""
    if not block.features.path:
        return settings.text_keep_in_body_score
    return settings.keep_in_container_score if inside else settings.keep_in_body_score


def discount_shared_classes(blocks: Sequence[Block], container: int) -> list[Block]:
    """Take back the class-token penalty of blocks whose furniture tokens all sit on the body
    container or above it ("breadcrumb", "sidebar" on a layout wrapper of the whole article)."""
    return [
        _take_back_classes(block, COMPONENT_SHARED_CLASS)
        if 0 < block.features.furniture_from <= container and container in block.features.ancestors
        else block
        for block in blocks
    ]


def discount_prose_classes(blocks: Sequence[Block], settings: Settings) -> list[Block]:
    """Take back the class-token penalty of blocks whose nearest furniture-named element holds
    most of the page's prose: an element that holds the article ("newsletter-post",
    "nav-content" wrappers) is not furniture, whatever its class says."""
    holders = prose_holders(blocks, settings)
    names = prose_class_names(blocks, settings)
    if not holders and not names:
        return list(blocks)
    return [
        _take_back_classes(block, COMPONENT_PROSE_CLASS)
        if (block.features.furniture_from in holders or _class_component(block) in names)
        and vocab.PROSE_FURNITURE_TOKENS.isdisjoint(block.features.tokens)
        else block
        for block in blocks
    ]


def prose_class_names(blocks: Sequence[Block], settings: Settings) -> set[str]:
    """Class penalties ("negative-class:skip") that fall on at least ``prose_holder_share`` of
    the page's prose, spread over many elements (every section of an article in its own
    ``class="skip-item"``, at least ``prose_class_min_elements`` elements): a name that marks
    most of the prose does not mark furniture."""
    under: dict[str, int] = {}
    elements: dict[str, set[int]] = {}
    total = 0
    for block in blocks:
        f = block.features
        if not f.sentence_end or f.chars < settings.prose_min_chars:
            continue
        total += f.chars
        name = _class_component(block)
        if name is not None:
            under[name] = under.get(name, 0) + f.chars
            elements.setdefault(name, set()).add(f.furniture_from)
    wanted = settings.prose_holder_share * total
    return {
        name
        for name, chars in under.items()
        if chars >= wanted and len(elements[name]) >= settings.prose_class_min_elements
    }


def _class_component(block: Block) -> str | None:
    """The name of the block's class-token penalty, if it has one."""
    return next((n for n, _ in block.components if n.startswith(CLASS_COMPONENTS)), None)


def prose_holders(blocks: Sequence[Block], settings: Settings) -> set[int]:
    """Elements that hold at least ``prose_holder_share`` of the page's prose: the characters of
    blocks that end like sentences and have at least ``prose_min_chars``."""
    under: dict[int, int] = {}
    total = 0
    for block in blocks:
        f = block.features
        if f.furniture_from and f.sentence_end and f.chars >= settings.prose_min_chars:
            under[f.furniture_from] = under.get(f.furniture_from, 0) + f.chars
        if f.sentence_end and f.chars >= settings.prose_min_chars:
            total += f.chars
    wanted = settings.prose_holder_share * total
    return {number for number, chars in under.items() if total and chars >= wanted}


def _take_back_classes(block: Block, component: str) -> Block:
    """``block`` without its class-token penalty, the taking back named ``component``."""
    penalty = sum(v for name, v in block.components if name.startswith(CLASS_COMPONENTS))
    if not penalty:
        return block
    return dataclasses.replace(
        block,
        score=block.score - penalty,
        components=(*block.components, (component, -penalty)),
    )


def sidebar_heading(block: Block, settings: Settings) -> str | None:
    """The vocabulary name of a sidebar heading, or None when ``block`` is not one."""
    f = block.features
    if f.chars > settings.sidebar_heading_max_chars or block.kind in NOT_HEADINGS:
        return None
    if block.kind is not Kind.HEADING and (
        f.sentence_end or f.link_density > settings.max_link_density
    ):
        # A sentence is not a heading, and a link that is not a heading is a button
        # ("Share this on WhatsApp").
        return None
    return vocab.SIDEBAR_HEADINGS.first(block.text)


def is_headline_item(block: Block, settings: Settings) -> bool:
    """A teaser, headline link or list separator: what sidebar sections are made of.

    In a page with markup a headline of a sidebar list is a link, a list item or a heading;
    a plain paragraph is body text whatever its ending. Plain text has no links, so there any
    line without a sentence ending may be a headline.
    """
    f = block.features
    if block.kind is Kind.SEPARATOR:
        return True
    if block.kind is Kind.LIST_ITEM and f.link_density >= settings.teaser_link_density:
        # A linked headline followed by its lede, however long the lede.
        return True
    if f.chars > settings.headline_max_chars:
        return False
    if f.bullet or f.rank or f.link_density > settings.max_link_density:
        return True
    if f.path:
        return block.kind in HEADLINE_KINDS and not f.sentence_end
    # A headline may ask ("How Much Do I Need to Retire?"): title case tells it
    # from a sentence of the body.
    return not f.sentence_end or (
        f.capitalised >= settings.headline_capitalised and block.text.rstrip().endswith("?")
    )


def _after_list_separator(
    blocks: Sequence[Block], pos: int, heading: int, settings: Settings
) -> bool:
    """A headline-sized line of plain text in a sidebar list whose items alternate with a lone
    separator line ("-", then an item, "-", an item...): the list's own rhythm says it is an
    item, even when it ends like a sentence ("Is the Forum Coming to an End?")."""
    block = blocks[pos]
    if block.features.path or block.features.chars > settings.headline_max_chars:
        return False
    separator = blocks[pos - 1]
    if separator.kind is not Kind.SEPARATOR or pos - 1 <= heading:
        return False
    # The separator opens the list, or repeats the one two lines up, with an item between.
    if pos - 2 == heading:
        return True
    return blocks[pos - 2].kind is not Kind.SEPARATOR and blocks[pos - 3].text == separator.text


def sidebar_sections(blocks: Sequence[Block], settings: Settings) -> dict[int, list[str]]:
    """Positions of blocks in sidebar sections, each with the reasons that drop it."""
    forced: dict[int, list[str]] = {}
    pos = 0
    while pos < len(blocks):
        if is_about_heading(blocks[pos], settings):
            box = _about_box(blocks, pos)
            forced[pos] = [REASON_ABOUT_HEADING]
            for item in box:
                forced[item] = [REASON_ABOUT_BOX, f"after-heading:{blocks[pos].text}"]
            pos = max(box, default=pos) + 1
            continue
        name = sidebar_heading(blocks[pos], settings)
        if name is None:
            pos += 1
            continue
        box = _section_box(blocks, pos)
        run_end = pos + 1
        while (
            run_end < len(blocks)
            and (box is None or box in blocks[run_end].features.ancestors)
            and (
                is_headline_item(blocks[run_end], settings)
                or _after_list_separator(blocks, run_end, pos, settings)
            )
            and sidebar_heading(blocks[run_end], settings) is None
        ):
            run_end += 1
        items = sum(1 for b in blocks[pos + 1 : run_end] if b.kind is not Kind.SEPARATOR)
        if items >= settings.sidebar_min_items:
            heading = blocks[pos].text
            forced[pos] = [f"sidebar-heading:{name}"]
            for item in range(pos + 1, run_end):
                forced[item] = [f"sidebar-section:{name}", f"after-heading:{heading}"]
            pos = run_end
        else:
            if _names_furniture(blocks[pos], name, settings):
                forced[pos] = [f"sidebar-heading:{name}"]
                if name in PROSE_SECTIONS and blocks[pos].kind is Kind.HEADING:
                    heading = blocks[pos].text
                    for item in _outline_section(blocks, pos):
                        forced[item] = [f"sidebar-section:{name}", f"after-heading:{heading}"]
            pos += 1
    return forced


def _outline_section(blocks: Sequence[Block], heading: int) -> list[int]:
    """The blocks a heading introduces: after it, inside the element that holds it, up to the
    next heading of the same or a higher rank."""
    box = _section_box(blocks, heading)
    level = blocks[heading].features.heading_level
    out: list[int] = []
    pos = heading + 1
    while pos < len(blocks) and (box is None or box in blocks[pos].features.ancestors):
        f = blocks[pos].features
        if blocks[pos].kind is Kind.HEADING and 0 < f.heading_level <= level:
            break
        out.append(pos)
        pos += 1
    return out


def is_about_heading(block: Block, settings: Settings) -> bool:
    """A short heading that introduces the author or publisher ("About the author")."""
    f = block.features
    return (
        block.kind is Kind.HEADING
        and f.chars <= settings.sidebar_heading_max_chars
        and f.words <= vocab.ABOUT_HEADING_MAX_WORDS
        and (
            vocab.ABOUT_HEADING.search(block.text) is not None
            or vocab.ABOUT_NAME_HEADING.match(block.text) is not None
        )
    )


def _about_box(blocks: Sequence[Block], heading: int) -> list[int]:
    """The blocks after an author heading, inside the element that holds it, up to the next
    heading: the author's box."""
    box = _section_box(blocks, heading)
    out: list[int] = []
    pos = heading + 1
    while (
        pos < len(blocks)
        and len(out) < vocab.ABOUT_BOX_MAX_BLOCKS
        and (box is None or box in blocks[pos].features.ancestors)
        and blocks[pos].kind is not Kind.HEADING
    ):
        out.append(pos)
        pos += 1
    return out


def _names_furniture(block: Block, name: str, settings: Settings) -> bool:
    """A sidebar heading that is nothing but the furniture's name ("You may also like:",
    "Comments") drops even without a list after it; "How to share your screen" does not."""
    match = vocab.SIDEBAR_HEADINGS[name].search(block.text)
    if match is None:
        return False
    letters = len("".join(vocab.WORD.findall(block.text)))
    named = len("".join(vocab.WORD.findall(match.group())))
    return letters > 0 and named >= settings.lone_heading_coverage * letters


def _section_box(blocks: Sequence[Block], heading: int) -> int | None:
    """The element that holds a sidebar heading and the block after it: its section cannot
    reach past it. None in plain text, where there are no elements."""
    if heading + 1 >= len(blocks):
        return None
    common = set(blocks[heading].features.ancestors) & set(blocks[heading + 1].features.ancestors)
    return max(common) if common else None


def _title_blocks(blocks: Sequence[Block], title: str, settings: Settings) -> dict[int, list[str]]:
    """The heading that repeats the page title, ahead of the body: metadata, not body.

    The search stops at the first strong prose block: a heading after it that happens to read
    like the title (a page with no <title>, whose title was guessed from a subheading) is body.
    """
    wanted = " ".join(title.split()).casefold()
    for pos, block in enumerate(blocks):
        if (
            block.text.casefold() == wanted
            and block.features.link_density <= settings.max_link_density
        ):
            return {pos: [REASON_TITLE]}
        if block.score >= settings.strong_block_score:
            break
    return {}


def best_stretch(
    blocks: Sequence[Block],
    forced: dict[int, list[str]],
    settings: Settings,
    *,
    barriers: set[int] | None = None,
    masses: Sequence[float] | None = None,
) -> Stretch:
    """The contiguous run of blocks with the largest total mass (Kadane's algorithm).

    Forced blocks weigh nothing, so an inline sidebar does not cut the body in two; a menu or a
    comments heading of plain text does: the stretch starts again after it. ``barriers`` and
    ``masses`` (from ``block_masses``) are computed here unless the caller has them already.
    """
    if barriers is None:
        barriers = menu_runs(blocks, settings) | comment_headings(blocks, settings)
    if masses is None:
        masses = block_masses(blocks, forced, settings)
    best = Stretch(0, 0, 0.0)
    start, total = 0, 0.0
    for pos, mass in enumerate(masses):
        if pos in barriers:
            start, total = pos + 1, 0.0
            continue
        if total <= 0.0:
            start, total = pos, 0.0
        total += mass
        if total > best.mass:
            best = Stretch(start, pos + 1, total)
    return best


def body_landmark(blocks: Sequence[Block], stretch: Stretch, masses: Sequence[float]) -> int | None:
    """The <main> or <article> element nearest the heaviest block of the body stretch: the
    page's own mark of where its content is. None when there is no such element."""
    if stretch.end <= stretch.start:
        return None
    heaviest = max(range(stretch.start, stretch.end), key=lambda pos: masses[pos])
    f = blocks[heaviest].features
    depth = min(len(f.path), len(f.ancestors))
    for offset in range(1, depth + 1):
        if f.path[-offset] in vocab.ARTICLE_TAGS:
            return f.ancestors[-offset]
    return None


def body_sections(
    masses: Sequence[float], best: Stretch, barriers: set[int], settings: Settings
) -> set[int]:
    """Positions in further stretches whose mass is at least ``section_share`` of the best one:
    the other sections of a body that the page cuts in several (a recipe's ingredients and
    steps, a service page's sections, posts of a thread)."""
    wanted = settings.section_share * best.mass
    out: set[int] = set()
    start, total, peak, peak_end = 0, 0.0, 0.0, 0
    for pos, mass in enumerate([*masses, -float("inf")]):
        inside_best = best.start <= pos < best.end
        if pos in barriers or inside_best or total + mass <= 0.0 or pos == len(masses):
            if peak >= wanted and peak > 0.0:
                out.update(range(start, peak_end))
            start, total, peak, peak_end = pos + 1, 0.0, 0.0, pos + 1
            continue
        total += mass
        if total > peak:
            peak, peak_end = total, pos + 1
    return out


def block_masses(
    blocks: Sequence[Block], forced: dict[int, list[str]], settings: Settings
) -> list[float]:
    """Each block's mass in the stretch search: score above the content threshold × √length;
    zero for forced blocks."""
    return [
        0.0 if pos in forced else _caption_mass(block, _mass(block, settings))
        for pos, block in enumerate(blocks)
    ]


def _caption_mass(block: Block, mass: float) -> float:
    """A caption's mass, never below zero: a figure's credit line between two paragraphs is
    outside the text's flow, so it cannot cut the body in two."""
    return max(mass, 0.0) if block.kind is Kind.CAPTION else mass


def menu_runs(blocks: Sequence[Block], settings: Settings) -> set[int]:
    """Positions of plain-text menus: runs of short lines of one to a few words, no sentences.

    In HTML, ``<nav>`` and class names mark menus; in plain text a run of such lines is the
    only sign, and an article never runs across one.
    """
    menus: set[int] = set()
    run: list[int] = []
    for pos, block in enumerate(blocks):
        if _is_menu_line(block, settings):
            run.append(pos)
            continue
        if len(run) >= settings.menu_min_lines:
            menus.update(run)
        run = []
    if len(run) >= settings.menu_min_lines:
        menus.update(run)
    return menus


def headline_runs(blocks: Sequence[Block], settings: Settings) -> set[int]:
    """Positions of plain-text headline lists that no sidebar heading announced.

    A run of ``headline_run_min_lines`` lines or more, each of a few words and none a sentence
    (a teaser cut off with an ellipsis counts as a headline), is a list of links to other pages
    in a page with markup; an article does not write that many headlines in a row.
    """
    runs: set[int] = set()
    run: list[int] = []
    for pos, block in enumerate(blocks):
        if _is_run_headline(block, settings):
            run.append(pos)
            continue
        if len(run) >= settings.headline_run_min_lines:
            runs.update(run)
        run = []
    if len(run) >= settings.headline_run_min_lines:
        runs.update(run)
    return runs


def _is_run_headline(block: Block, settings: Settings) -> bool:
    f = block.features
    if f.path or block.kind is Kind.SEPARATOR or f.chars > settings.headline_max_chars:
        return False
    if f.words < settings.headline_run_min_words:
        return False
    return not f.sentence_end or vocab.TRUNCATED.search(block.text) is not None


def comment_headings(blocks: Sequence[Block], settings: Settings) -> set[int]:
    """Positions of plain-text headings that open the comments ("12 Comments", "Leave a Reply").

    An article never runs on into its comments, and in plain text nothing else marks them.
    """
    return {
        pos
        for pos, block in enumerate(blocks)
        if not block.features.path and sidebar_heading(block, settings) == COMMENTS_HEADING
    }


def _is_menu_line(block: Block, settings: Settings) -> bool:
    f = block.features
    return not f.path and 0 < f.words <= settings.menu_max_words and not f.sentence_end


def _mass(block: Block, settings: Settings) -> float:
    weight = max(block.features.chars, 1) ** settings.stretch_length_power
    # A block of plain text has no tag path.
    text = not block.features.path
    threshold = settings.text_content_threshold if text else settings.content_threshold
    return (block.score - threshold) * weight


def body_container(
    blocks: Sequence[Block],
    stretch: Stretch,
    forced: dict[int, list[str]],
    settings: Settings,
    *,
    masses: Sequence[float] | None = None,
) -> int | None:
    """The deepest element that holds most of the stretch's positive mass, or None.

    With a share above one half the elements that qualify are nested, so the deepest is the one
    with the highest document-order number. ``masses`` as in ``best_stretch``.
    """
    if masses is None:
        masses = block_masses(blocks, forced, settings)
    held: dict[int, float] = {}
    total = 0.0
    for pos in range(stretch.start, stretch.end):
        mass = masses[pos]
        if mass <= 0.0:
            continue
        total += mass
        for number in blocks[pos].features.ancestors:
            held[number] = held.get(number, 0.0) + mass
    wanted = settings.container_share * total
    qualified = [number for number, mass in held.items() if mass >= wanted]
    if not qualified:
        return None
    container = max(qualified)
    inside = sum(1 for block in blocks if container in block.features.ancestors)
    if inside > settings.container_max_page_share * len(blocks):
        # An element that holds (nearly) the whole page, <body> or a layout wrapper, says
        # nothing about where the article is.
        return None
    return container
