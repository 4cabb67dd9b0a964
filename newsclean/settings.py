"""Every weight, threshold and limit of the pipeline, as one immutable value.

``Settings()`` holds the defaults; ``Settings(...)`` or ``settings.replace(...)`` makes a variant.
Site rules override fields by name (``[weights]`` in a rule file), so every name here is public.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

# How ``clean()`` trades precision for recall: "precision" keeps only the body's main run,
# "recall" also keeps what merely may be body; "balanced" is the default.
Favor = Literal["balanced", "precision", "recall"]
FAVORS: tuple[Favor, ...] = ("balanced", "precision", "recall")


@dataclass(frozen=True, slots=True)
class Settings:
    """Named weights and thresholds. Each field's comment says what it measures."""

    # --- limits (robustness) -------------------------------------------------------------------
    # Largest accepted input, raw or after decompression, in bytes.
    max_bytes: int = 20_000_000
    # Attributes kept per tag before parsing: libxml2 is quadratic in attributes per tag.
    max_attributes: int = 64
    # Longest single attribute value kept, in characters.
    max_attribute_chars: int = 10_000
    # Element nesting kept when a page nests deeper than libxml2 parses (2,048 levels, where it
    # stops): deeper elements are flattened into their ancestor.
    max_depth: int = 2_000
    # Tags (counted as "<" characters) parsed per page; the rest is cut with a warning. Each
    # element costs libxml2 about 250 bytes and the segmentation walk about a microsecond.
    max_tags: int = 200_000
    # Rebuild the tree as browsers do (HTML5 tree construction by lexbor, then libxml2 on its
    # well-nested output) where libxml2's own recovery nests the content where browsers never
    # would (parse.parse_page).
    html5_tree: bool = True
    # Most blocks segmented per page; the rest is dropped with a warning. A news page has a few
    # hundred; each block costs the pipeline about 100 microseconds and 3 KB.
    max_blocks: int = 5_000

    # --- block length --------------------------------------------------------------------------
    # A block this long (characters; CJK characters count double) gets the full length reward.
    long_block_chars: int = 400
    # Blocks shorter than this are "short": they never start the body on their own.
    short_block_chars: int = 40
    # Weight of the length reward (log-scaled, 0 at short_block_chars, 1 at long_block_chars).
    w_length: float = 1.0

    # --- prose signals -------------------------------------------------------------------------
    # Reward for ending like a sentence.
    w_sentence_end: float = 0.5
    # Reward per sentence-internal punctuation mark, capped at inner_punct_cap marks.
    w_inner_punct: float = 0.12
    inner_punct_cap: int = 4
    # Penalty for a block with no sentence ending and no inner punctuation (headline or menu).
    w_no_prose: float = -0.45

    # --- links ---------------------------------------------------------------------------------
    # Penalty scaled by the block's link density (0..1).
    w_link_density: float = -2.2
    # Link density above which a block is link furniture whatever else it has.
    max_link_density: float = 0.5

    # --- structure -----------------------------------------------------------------------------
    # Penalty when an ancestor is nav/aside/footer/menu/form.
    w_boilerplate_tag: float = -1.2
    # Reward when an ancestor is article/main.
    w_article_tag: float = 0.35
    # Penalty when class/id tokens of the ancestors name boilerplate (related, share, footer...).
    w_negative_tokens: float = -1.5
    # Penalty when only weak boilerplate tokens appear (header, sidebar, widget...).
    w_weak_negative_tokens: float = -0.3
    # Reward when class/id tokens name an article container (article, story, content...).
    w_positive_tokens: float = 0.3
    # Penalty for a short line matching a boilerplate vocabulary (share, advertisement...).
    w_boilerplate_text: float = -2.0
    # Penalty for a call to action (newsletter or membership pitch, "follow us", contact line).
    w_promo_text: float = -3.0
    # Penalty for an image caption or credit (figcaption, <figure>, "caption" classes).
    w_caption: float = -3.0
    # Reward for a block quote: quoted speech and embedded posts belong to the story.
    w_quote: float = 0.5
    # Penalty for a list item (teaser lists are lists; body lists survive through context).
    w_list_item: float = -0.25
    # Penalty for text that is a dateline or byline: metadata, not body. Larger than the most a
    # line of at most 120 characters can collect (about 2.1) plus the container floor (1.0).
    w_metadata_line: float = -3.5
    # Text mode: penalty for a bullet or rank line (headline lists).
    w_bullet: float = -0.6
    # Title-case share above which a line without sentence ending reads as a headline.
    headline_capitalised: float = 0.6
    w_headline: float = -0.5
    # Penalty for a line that ends in an ellipsis: teaser summaries are cut off to fit their box.
    w_truncated: float = -0.8

    # --- context pass --------------------------------------------------------------------------
    # Score above which a block counts as content when looking for the body stretch.
    content_threshold: float = 0.0
    # The same bar for a line of plain text, which has no markup (links, containers) to speak
    # against it: teasers and comments read as prose there, so a line must read as more.
    text_content_threshold: float = 0.2
    # Text mode: a run of at least menu_min_lines lines of at most menu_max_words words each,
    # none a sentence, is a menu; the body stretch never runs across one.
    menu_max_words: int = 3
    menu_min_lines: int = 3
    # Text mode: a run of at least headline_run_min_lines lines of at least
    # headline_run_min_words words, none a sentence, is a headline list, dropped.
    headline_run_min_lines: int = 5
    headline_run_min_words: int = 3
    # Mass of a block in the stretch search: score × (chars ** stretch_length_power).
    stretch_length_power: float = 0.5
    # A further stretch with at least this share of the best stretch's mass is a body section.
    section_share: float = 0.25
    # Longest heading (characters) that can open a sidebar section.
    sidebar_heading_max_chars: int = 60
    # Longest item (characters) of a headline run after a sidebar heading.
    headline_max_chars: int = 200
    # Link density from which a list item is a teaser (a linked headline with its lede).
    teaser_link_density: float = 0.15
    # Fewest items after a sidebar heading that make it a section to drop.
    sidebar_min_items: int = 2
    # Share of a sidebar heading's letters its vocabulary match must cover for the heading to
    # drop on its own, with no list after it ("You may also like:").
    lone_heading_coverage: float = 0.6
    # Blocks inside the body stretch are kept down to this score ("short blocks stay").
    keep_in_body_score: float = -0.6
    # The same for a line of plain text: subheadings, numbered steps and list lines of the article
    # score low alone (headline case, ranks), and text has no container to vouch for them.
    text_keep_in_body_score: float = -1.25
    # Text mode: a further run of lines with at least this share of the body stretch's mass is
    # a body section too (an article cut in two by a widget or a table).
    text_section_share: float = 0.25
    # Text mode: a body stretch holding less than this share of the page's prose mass means the
    # body is scattered (a thread, a listing, a service page's sections), not one run.
    text_scattered_share: float = 0.4
    # Text mode, scattered body: the section share, and the score from which a line reads as body
    # wherever it stands (as the long lines of such a page mostly are).
    text_scattered_section_share: float = 0.05
    text_keep_anywhere_score: float = 0.6
    # Text mode, scattered body: a line at least this long (characters) is body wherever it
    # stands, down to keep_in_body_score (product tiles, listing entries: long, little prose).
    text_scattered_long_chars: int = 80
    # Share of the stretch's positive mass that the body container must hold (above one half).
    container_share: float = 0.9
    # Largest share of the page's blocks a body container may hold: above it, the element is the
    # page itself (<body>, a layout wrapper) and gives no evidence.
    container_max_page_share: float = 0.95
    # Anywhere on a page with markup, a block scoring this high reads as body on its own (off
    # for articles, whose body is one run; pages of other types set it, see TYPE_SETTINGS).
    keep_anywhere_score: float = float("inf")
    # Cards (see context.keep_cards): fewest kept cards under one parent that make a repeated
    # list of them (0: off), most blocks in one card, and the lowest score a card brings back.
    card_min_repeats: int = 0
    card_max_blocks: int = 12
    card_keep_score: float = -7.0
    # Listings: keep the largest grid of cards even with no kept block in it, when its cards
    # hold grid_min_card_blocks blocks on average and its blocks score grid_min_mean_score.
    card_grid: bool = False
    grid_min_card_blocks: float = 2.0
    grid_min_mean_score: float = -4.0
    # When nothing reads as body: the best candidate's bars sit this far under the best block's
    # score, and a page whose best block scores below fallback_min_score keeps nothing.
    fallback_margin: float = 0.5
    fallback_min_score: float = -4.0
    # An element whose class names furniture but that holds this share of the page's prose (the
    # characters of sentence blocks of at least prose_min_chars) is not furniture.
    prose_holder_share: float = 0.5
    prose_min_chars: int = 80
    # A class penalty ("negative-class:skip") that falls on prose_holder_share of that prose,
    # spread over at least prose_class_min_elements elements (every section of an article in
    # its own class="skip-item"), is not furniture either.
    prose_class_min_elements: int = 6
    # A run of at least repeat_min_blocks kept blocks and repeat_min_chars characters that
    # repeats the run just before it word for word is a second rendering of it, dropped.
    repeat_min_blocks: int = 2
    repeat_min_chars: int = 80
    # Blocks inside the <main> or <article> that holds the body are kept down to this score
    # (off for articles, whose <article> also holds share bars and teasers; see TYPE_SETTINGS).
    keep_in_landmark_score: float = float("inf")
    # Blocks inside the body container are kept down to this score.
    keep_in_container_score: float = -1.0
    # Score of strong prose: the heading that repeats the title is looked for only before the
    # first such block.
    strong_block_score: float = 1.2

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with the named fields changed; unknown names raise ``TypeError``."""
        return dataclasses.replace(self, **changes)

    @classmethod
    def field_names(cls) -> frozenset[str]:
        """Names a rule file may override."""
        return frozenset(f.name for f in dataclasses.fields(cls))


DEFAULT_SETTINGS = Settings()

# Page types whose pages are scored with FITTED_WEIGHTS.
FITTED_TYPES: frozenset[str] = frozenset(
    ("forum", "product", "collection", "listing", "documentation", "service")
)
# Scoring weights for the pages of FITTED_TYPES, fitted by benchmarks/fit_weights.py on the
# WCXB dev tuning half's pages of those types (docs/evaluation.md, "Fitted weights"). On
# articles the hand-set defaults do better: an article's body leaves out the link lists,
# captions and metadata lines that the body of a listing, product or forum page holds.
FITTED_WEIGHTS: dict[str, float] = {
    "w_length": 0.809,  # fitted (fit_weights.py, tuning half); default 1.0
    "w_sentence_end": 0.432,  # fitted (fit_weights.py, tuning half); default 0.5
    "w_inner_punct": 0.139,  # fitted (fit_weights.py, tuning half); default 0.12
    "w_no_prose": -0.243,  # fitted (fit_weights.py, tuning half); default -0.45
    "w_link_density": -0.847,  # fitted (fit_weights.py, tuning half); default -2.2
    "w_boilerplate_tag": -1.76,  # fitted (fit_weights.py, tuning half); default -1.2
    "w_article_tag": 1.444,  # fitted (fit_weights.py, tuning half); default 0.35
    "w_negative_tokens": -2.38,  # fitted (fit_weights.py, tuning half); default -1.5
    "w_weak_negative_tokens": -0.67,  # fitted (fit_weights.py, tuning half); default -0.3
    "w_positive_tokens": 0.148,  # fitted (fit_weights.py, tuning half); default 0.3
    "w_boilerplate_text": -1.535,  # fitted (fit_weights.py, tuning half); default -2.0
    "w_promo_text": -0.531,  # fitted (fit_weights.py, tuning half); default -3.0
    "w_caption": -0.542,  # fitted (fit_weights.py, tuning half); default -3.0
    "w_quote": 1.279,  # fitted (fit_weights.py, tuning half); default 0.5
    "w_list_item": 0.325,  # fitted (fit_weights.py, tuning half); default -0.25
    "w_metadata_line": -0.806,  # fitted (fit_weights.py, tuning half); default -3.5
    "w_headline": 0.298,  # fitted (fit_weights.py, tuning half); default -0.5
    "w_truncated": -1.274,  # fitted (fit_weights.py, tuning half); default -0.8
    # The fit's intercept, in the weights' unit (fit_weights.py, tuning half); default 0.0.
    "content_threshold": -0.43,
}


def fitted_weights(settings: Settings, page_type: str) -> dict[str, float]:
    """``FITTED_WEIGHTS`` for a page of ``page_type``, but for the fields that ``settings``
    already moves from the defaults (the caller's, a site rule's ``[weights]``): those win."""
    if page_type not in FITTED_TYPES:
        return {}
    return {
        name: value
        for name, value in FITTED_WEIGHTS.items()
        if getattr(settings, name) == getattr(DEFAULT_SETTINGS, name)
    }


# Fields each page type changes (``newsclean.pagetype``): an article's body is one run of prose;
# the body of a forum thread, a listing, a product or a service page is many blocks in several
# places, so blocks that read as content on their own are kept wherever they stand.
BROAD_BODY: dict[str, Any] = {"keep_anywhere_score": 0.0, "keep_in_landmark_score": -2.5}
# Listings and shop grids are repeated cards: each card's headline, byline and price belong.
CARDS: dict[str, Any] = {**BROAD_BODY, "card_min_repeats": 3}
TYPE_SETTINGS: dict[str, dict[str, Any]] = {
    "forum": BROAD_BODY,
    "product": CARDS,
    "collection": {**CARDS, "card_grid": True},
    "listing": {**CARDS, "card_grid": True},
    "documentation": CARDS,
    "service": CARDS,
}

# Fields each favor mode changes, applied after the page type's.
FAVOR_SETTINGS: dict[str, dict[str, Any]] = {
    "balanced": {},
    # The body's main run and container only: no further sections, cards or strong blocks.
    "precision": {
        "section_share": float("inf"),
        "keep_anywhere_score": float("inf"),
        "card_min_repeats": 0,
        "keep_in_body_score": -0.3,
    },
    # Every section, strong block and card, on every page type.
    "recall": {
        "section_share": 0.1,
        "keep_anywhere_score": 0.0,
        "card_min_repeats": 3,
        "keep_in_body_score": -1.0,
    },
}


def for_page(settings: Settings, page_type: str | None, favor: str = "balanced") -> Settings:
    """The settings a page with markup of ``page_type`` is decided with in the ``favor`` mode:
    the type's fitted weights and fields first (``fitted_weights``, ``TYPE_SETTINGS``), then the
    mode's (``FAVOR_SETTINGS``). ``newsclean explain`` uses it to read a block's score against
    the threshold it was decided with."""
    changes = {
        **(fitted_weights(settings, page_type) if page_type else {}),
        **TYPE_SETTINGS.get(page_type or "", {}),
        **FAVOR_SETTINGS.get(favor, {}),
    }
    return settings.replace(**changes) if changes else settings
