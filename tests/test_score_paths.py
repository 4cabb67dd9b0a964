"""The compiled scoring (newsclean/_score.pyx) gives exactly the scores and components of the
Python reference (``score.score_blocks_reference``): on the golden pages, the seed, the AEB pages,
the hostile inputs, plain text, every page type's settings, and random blocks. Skipped when the
extension is not built; the rest of the suite runs whichever path ``newsclean.native`` picks
(``NEWSCLEAN_PURE_PYTHON=1`` runs it on the reference)."""

from __future__ import annotations

import gzip
import math
from collections.abc import Iterator, Sequence
from pathlib import Path

import hostile_inputs as h
import pytest
from conftest import AEB, compiled_or_skip
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsclean import native, parse, score, vocab
from newsclean.bench import load_samples
from newsclean.blocks import segment_tree
from newsclean.model import Block, Features, Kind
from newsclean.settings import DEFAULT_SETTINGS, FITTED_WEIGHTS, TYPE_SETTINGS, Settings
from newsclean.text import segment_text

compiled = compiled_or_skip("score", "scoring")

GOLDEN = Path(__file__).resolve().parent / "golden"
SEED = Path(__file__).resolve().parent.parent / "samples" / "japannews-nato-korea.txt"
PATH_SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Every weight at 1 (what benchmarks/fit_weights.py reads the features with), and every page
# type's settings, so that each component is checked with weights other than the defaults.
WEIGHTS = sorted(name for name in Settings.field_names() if name.startswith("w_"))
UNIT = DEFAULT_SETTINGS.replace(**dict.fromkeys(WEIGHTS, 1.0))
ALL_SETTINGS: tuple[Settings, ...] = (
    DEFAULT_SETTINGS,
    UNIT,
    DEFAULT_SETTINGS.replace(**dict.fromkeys(WEIGHTS, 1)),  # int weights pass through as ints
    DEFAULT_SETTINGS.replace(**FITTED_WEIGHTS),
    *(DEFAULT_SETTINGS.replace(**changes) for changes in TYPE_SETTINGS.values()),
)


def both(blocks: Sequence[Block]) -> list[Block]:
    """Assert that both paths give the same blocks, with every settings; return the defaults'."""
    for chosen in ALL_SETTINGS:
        expected = score.score_blocks_reference(blocks, chosen)
        found = compiled.score_blocks(blocks, chosen)
        assert found == expected
        # Equal floats can still differ in type (an int weight, a float product): compare reprs.
        assert [repr(b.components) for b in found] == [repr(b.components) for b in expected]
        assert [repr(b.score) for b in found] == [repr(b.score) for b in expected]
    return compiled.score_blocks(blocks, DEFAULT_SETTINGS)


def page_blocks(page: bytes | str) -> list[Block]:
    data = page.encode() if isinstance(page, str) else page
    tree = parse.parse_html(parse.decode(data).text)
    if tree is None:
        return []
    return segment_tree(tree, max_blocks=DEFAULT_SETTINGS.max_blocks)[0]


def test_native_picks_the_compiled_scoring_unless_told_not_to() -> None:
    if native.pure_requested():
        assert native.load("score") is None
    else:
        assert native.load("score") is compiled


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.html.gz")), ids=lambda p: p.name)
def test_golden_pages_score_alike(path: Path) -> None:
    assert both(page_blocks(gzip.decompress(path.read_bytes())))


def test_the_seed_scores_alike_as_text() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert both(segment_text(text, max_blocks=DEFAULT_SETTINGS.max_blocks)[0])


def test_aeb_pages_score_alike() -> None:
    if not (AEB / "ground-truth.json").is_file():
        pytest.skip(f"benchmark not found at {AEB}")
    for sample in load_samples(AEB)[::4]:
        both(page_blocks(sample.html))


def _hostile_pages() -> Iterator[tuple[str, bytes]]:
    yield "link-farm", h.link_farm(300)
    yield "ranking-only", h.ranking_only()
    yield "rtl", h.rtl_page()
    yield "many-class-names", h.many_class_names(200, 10)
    yield "json-ld", h.json_ld(20, 200)
    yield "huge-text-node", h.huge_text_node(50_000)
    for case in h.encoding_cases():
        yield f"encoding/{case.name}", case.data


@pytest.mark.parametrize(("name", "page"), list(_hostile_pages()), ids=lambda x: str(x)[:30])
def test_hostile_pages_score_alike(name: str, page: bytes) -> None:
    both(page_blocks(page))


def test_no_blocks_give_no_blocks() -> None:
    assert both([]) == []


# Lines that trip each rule: promotions, boilerplate, datelines, bylines, captions, cookies,
# truncated teasers, bullets and ranks, in several scripts.
LINES = (
    "Sign up for our newsletter to get updates in your inbox",
    "Share on X",
    "ADVERTISEMENT",
    "We use cookies to improve your experience. " + "x" * 200,
    "© 2023 Example Media. All rights reserved.",
    "https://example.com/story",
    "Posted by Jane Doe on November 19, 2019, 6:21 AM EST",
    "11:33 JST, January 30, 2023",
    "By Jane Doe",
    "(AP Photo/Jane Doe)",
    "In this Nov. 10, 2019, file photo, a man walks",
    "Read the full story…",
    "1. The first of the list",
    "• a bullet",
    "関連記事",
    "Leia também: algo",
    "The Mayor Opens The New Harbour Bridge Today",
    "",
)
TAGS = ("p", "div", "nav", "aside", "footer", "article", "main", "figure", "figcaption", "li")
TOKENS = sorted(
    {"caption", "related", "sidebar", "content", "story", "share", "promo", "widget", "x"}
)
KINDS = list(Kind)
NUMBERS = st.one_of(st.integers(-3, 5_000), st.just(0))

features = st.builds(
    Features,
    chars=NUMBERS,
    words=st.integers(0, 500),
    link_chars=st.integers(0, 500),
    link_density=st.one_of(st.floats(0, 1), st.just(0.0), st.just(1)),
    sentence_end=st.booleans(),
    inner_punct=st.integers(0, 30),
    tag=st.sampled_from(TAGS),
    path=st.lists(st.sampled_from(TAGS), max_size=6).map(tuple),
    tokens=st.frozensets(st.sampled_from(TOKENS), max_size=4),
    heading_level=st.integers(0, 6),
    in_list=st.booleans(),
    bullet=st.booleans(),
    rank=st.booleans(),
    capitalised=st.floats(0, 1),
)
PIECES = (*LINES, "...", "…", " ", "19", "2023", "6:21", "ago", "by", "é", "ж", "ß", "İ", "\n")
texts = st.one_of(
    st.sampled_from(LINES),
    st.text(max_size=60),
    st.lists(st.sampled_from(PIECES), max_size=6).map("".join),
)


@st.composite
def block_lists(draw: st.DrawFn) -> list[Block]:
    found = draw(st.lists(st.tuples(texts, st.sampled_from(KINDS), features), max_size=12))
    # Repeated lines share the vocabulary's memo: repeat some with other features.
    repeats = draw(st.lists(st.sampled_from(found), max_size=4)) if found else []
    return [
        Block(i, text, kind, f)
        for i, (text, kind, f) in enumerate(
            [*found, *((t, k, draw(features)) for t, k, _ in repeats)]
        )
    ]


@PATH_SETTINGS
@given(block_lists())
@example([Block(0, "", Kind.SEPARATOR, Features(chars=0, words=0))])
@example([Block(0, "x" * 1000, Kind.QUOTE, Features(chars=10**9, words=1))])
def test_random_blocks_score_alike(blocks: list[Block]) -> None:
    both(blocks)


def test_length_is_clipped_alike_at_both_ends() -> None:
    short = Block(0, "a", Kind.PARAGRAPH, Features(chars=1, words=1))
    long = Block(1, "a" * 5000, Kind.PARAGRAPH, Features(chars=5000, words=1))
    low, high = both([short, long])
    length = dict(low.components)["length"], dict(high.components)["length"]
    assert length == (-0.5 * DEFAULT_SETTINGS.w_length, DEFAULT_SETTINGS.w_length)
    assert not math.isnan(low.score)


def test_vocabulary_found_once_per_line_is_reused_alike() -> None:
    line = "Share on X"
    blocks = [
        Block(i, line, Kind.PARAGRAPH, Features(chars=len(line), words=3, tokens=frozenset(t)))
        for i, t in enumerate(({"share"}, set(), {"content"}))
    ]
    found = both(blocks)
    assert all(
        ("boilerplate-text:share", DEFAULT_SETTINGS.w_boilerplate_text) in b.components
        for b in found
    )
    assert vocab.BOILERPLATE_LINES.first(line) == "share"
