"""The exact pre-check of the markup limits (``parse.within_limits``): whatever the markup,
``limit_markup`` (pre-check, then the full pass when it cannot vouch) returns what the full pass
(``limit_markup_fully``) returns, crashes included, and ``parse_page`` builds the same tree."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import hostile_inputs as h
import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from newsclean import parse
from newsclean.settings import Settings

PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Limits small enough for random markup to cross them often, and the defaults.
SMALL = Settings(max_attributes=2, max_attribute_chars=5, max_tags=25)
TINY = Settings(max_attributes=0, max_attribute_chars=1, max_tags=5)
LIMITS = (Settings(), SMALL, TINY)

NAMES = (*parse.RAW_TEXT_TAGS, "p", "a", "div", "scripts", "s", "i", "t")
# Separators after a tag name: ASCII white space, "/", nothing, and non-ASCII white space (to the
# ``regex`` module) or not (U+001C).
AFTER_NAME = (" ", "\t", "\n", "\x0b", "\x0c", "\r", "/", "", "\xa0", "\u3000", "\x85", "\x1c")
VALUES = (
    "x",
    "a b",
    "<script>",
    "</script>",
    "<\u017fcript>",
    ">",
    "<",
    "x=y",
    "é",
    "\u4e2d\u6587",
    "",
    "x" * 12,
    "'",
    '"',
    "/",
    "a/",
    "\x00",
)
ATTRIBUTE_NAMES = ("a", "href", "class", "=x", '"q', "data-x", "é", "<b", "x\x00")
SPACES_AROUND_EQUALS = ("=", "=", " =", "= ", " = ")
OTHER_PIECES = (
    "<!--",
    "-->",
    "<!-->",
    "<!--->",
    "--",
    "<!x",
    "<?",
    "<!",
    "<",
    "< ",
    "<\u017f",
    "<\u212a",
    "<\u0130",
    "text ",
    "a<b",
    "1 = 2",
    "\n",
    "é",
    "\u4e2d\u6587",
    "\x00",
    ">",
    "'",
    '"',
    "&amp;",
    "\ud800",
)


@st.composite
def tag_names(draw: st.DrawFn) -> str:
    """A name, raw-text or not, in any case, sometimes with a letter the ``regex`` module folds
    to ASCII (ſ for s, İ for i...) in place of one of its letters."""
    name = draw(st.sampled_from(NAMES))
    case = draw(st.sampled_from(["lower", "upper", "mixed", "folded"]))
    if case == "upper":
        return name.upper()
    if case == "mixed":
        return "".join(c.upper() if draw(st.booleans()) else c for c in name)
    if case == "folded":
        at = draw(st.integers(0, len(name) - 1))
        return name[:at] + draw(st.sampled_from(parse.LETTER_FOLDS)) + name[at + 1 :]
    return name


@st.composite
def attribute_lists(draw: st.DrawFn) -> str:
    """Attributes as pages write them and as hostile pages do: separators of every kind, names
    starting with "=" or a quote, spaces around "=", quotes left open, "<" and ">" in values, and
    now and then more than the limits allow."""
    count = draw(st.sampled_from([0, 0, 1, 2, 3, 5, 70]))
    attributes = []
    for _ in range(count):
        separator = draw(st.sampled_from([" ", " ", "/", "\n", "\xa0", "", "  "]))
        name = draw(st.sampled_from(ATTRIBUTE_NAMES))
        if draw(st.booleans()):
            attributes.append(separator + name)
            continue
        quote = draw(st.sampled_from(['"', "'", "", '"']))
        closing = quote if draw(st.integers(0, 9)) else ""
        value = quote + draw(st.sampled_from(VALUES)) + closing
        attributes.append(separator + name + draw(st.sampled_from(SPACES_AROUND_EQUALS)) + value)
    return "".join(attributes)


@st.composite
def pieces(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["start", "start", "end", "other", "other"]))
    if kind == "start":
        name = draw(tag_names())
        after = draw(st.sampled_from(AFTER_NAME))
        end = draw(st.sampled_from([">", "/>", ">", "", " >"]))
        return f"<{name}{after}{draw(attribute_lists())}{end}"
    if kind == "end":
        after = draw(st.sampled_from([*AFTER_NAME, ">", "x"]))
        return f"</{draw(tag_names())}{after}{draw(st.sampled_from(['>', '']))}"
    return draw(st.sampled_from(OTHER_PIECES))


@st.composite
def hostile_markup(draw: st.DrawFn) -> str:
    """Random pieces; sometimes repeated past ``FINDER_STEPS`` pieces, where the attribute pass
    starts a new scan at whatever tag comes next."""
    page = draw(st.lists(pieces(), max_size=40))
    if draw(st.integers(0, 9)) == 0:
        page = page * draw(st.integers(10, 400))
    return "".join(page)


@st.composite
def ordinary_pages_with_a_flaw(draw: st.DrawFn) -> str:
    """The article page of the hostile cases (which needs no change) with up to two pieces of
    hostile markup inserted: most examples sit right at the edge of what the pre-check vouches
    for."""
    page = h.article_page(before=draw(st.sampled_from(ORDINARY_MARKUP))).decode()
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(page)))
        page = page[:at] + draw(pieces()) + page[at:]
    return page


ORDINARY_MARKUP = (
    "",
    "<script>var a = 1 < 2; x = '<p a = b>';</script><style>p{}</style>",
    "<!--[if IE]><script src=x></script><![endif]--><iframe src=a></iframe>",
    "<p a=\"x>y\" b='<i>'>q</p><textarea>a<b</textarea><noscript><p>x</p></noscript>",
    "<p>x</p>" * 400,
)


def outcome(function: Callable[[str, Settings], object], text: str, limits: Settings) -> object:
    """What ``function`` returns, or the type of error it raises."""
    try:
        return function(text, limits)
    except Exception as error:  # the full pass has known crashes; the pre-check must keep them
        return type(error)


def assert_same_as_full_pass(text: str, limits: Settings) -> None:
    assert outcome(parse.limit_markup, text, limits) == outcome(
        parse.limit_markup_fully, text, limits
    )


@PROPERTY_SETTINGS
@given(hostile_markup(), st.sampled_from(LIMITS))
def test_hostile_markup_limits_as_the_full_pass(text: str, limits: Settings) -> None:
    assert_same_as_full_pass(text, limits)


@PROPERTY_SETTINGS
@given(ordinary_pages_with_a_flaw(), st.sampled_from(LIMITS))
def test_flawed_pages_limit_as_the_full_pass(text: str, limits: Settings) -> None:
    assert_same_as_full_pass(text, limits)


@PROPERTY_SETTINGS
@given(st.one_of(hostile_markup(), ordinary_pages_with_a_flaw()), st.sampled_from(LIMITS))
def test_vouched_pages_are_left_alone_by_the_full_pass(text: str, limits: Settings) -> None:
    data = parse._utf8(text)
    if data is not None and parse.within_limits(text, data, limits):
        assert parse.limit_markup_fully(text, limits) == (text, ())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(hostile_markup(), ordinary_pages_with_a_flaw()), st.sampled_from(LIMITS))
def test_parse_page_builds_the_tree_of_the_full_pass(text: str, limits: Settings) -> None:
    with mock.patch.object(parse, "within_limits", return_value=False):
        expected = outcome(tree_and_warnings, text, limits)
    assert outcome(tree_and_warnings, text, limits) == expected


def tree_and_warnings(text: str, limits: Settings) -> tuple[bytes | None, tuple[str, ...]]:
    parsed = parse.parse_page(text, limits)
    tree = None if parsed.tree is None else etree.tostring(parsed.tree)
    return tree, parsed.warnings


def test_every_aeb_page_limits_as_the_full_pass(aeb: Path) -> None:
    vouched = unchanged = 0
    for path in sorted((aeb / "html").glob("*.html.gz")):
        text = parse.decode(gzip.decompress(path.read_bytes())).text
        full = parse.limit_markup_fully(text, Settings())
        assert parse.limit_markup(text, Settings()) == full, path.name
        unchanged += full == (text, ())
        vouched += parse.within_limits(text, text.encode(), Settings())
    # The pre-check is what makes the common case cheap: it must vouch for nearly every page the
    # full pass leaves alone (it gives up on two AEB pages out of 178, raw-text tags in scripts).
    assert vouched >= 0.95 * unchanged


def test_ordinary_page_needs_no_full_pass() -> None:
    text = h.article_page(before='<a href="/a" class="b c" data-x=">" title=\'x\'>x</a>').decode()
    assert parse.within_limits(text, text.encode(), Settings())
    assert parse.limit_markup(text, Settings()) == (text, ())


def test_spaced_equals_at_a_scan_boundary_is_no_attributes_cut() -> None:
    # The attribute finder hands ``_limit_tag`` whatever tag comes after FINDER_STEPS pieces; one
    # written ``href = "x"`` used to be respaced with a false attributes-cut warning. Each count
    # puts the tag at a different piece, one of them right at the boundary.
    for count in range(parse.FINDER_STEPS // 3 - 10, parse.FINDER_STEPS // 3 + 10):
        text = "z" + "<p>x</p>" * count + '<a href = "x">y</a>'
        assert parse.limit_markup_fully(text, Settings()) == (text, ())
        assert_same_as_full_pass(text, Settings())


def test_a_value_over_the_limit_is_still_cut_at_a_scan_boundary() -> None:
    limits = Settings(max_attribute_chars=3)
    cut = 0
    for count in range(parse.FINDER_STEPS // 3 - 10, parse.FINDER_STEPS // 3 + 10):
        text = "z" + "<p>x</p>" * count + '<a href = "abcdef">y</a>'
        limited, warnings = parse.limit_markup_fully(text, limits)
        assert limited.endswith('<a href="abc">y</a>')
        cut += len(warnings)
    assert cut == 20


@pytest.mark.parametrize(
    "text",
    [
        "<p>x</p><\u017fcript>x<p>y</p>",  # a raw-text element to regex's IGNORECASE
        "<script>a</\u017fcript><p>x</p></script>",  # ... and its end tag
        '<p title="<\u017fcript>">x</p>',
        "<p>x</p><\u212a a=y>",
        "<script\xa0>a</script>",  # U+00A0 is white space to regex
        "<p>a</p><script>x</script\xa0>",
        '<div\xa0class="x">y</div>',
        "<title>x</titles></title>",  # "</titles" ends the content for one reading, not the other
    ],
)
def test_markup_the_pre_check_cannot_read_goes_to_the_full_pass(text: str) -> None:
    assert not parse.within_limits(text, text.encode(), Settings())
    assert_same_as_full_pass(text, Settings())


@pytest.mark.parametrize(
    ("text", "limits"),
    [
        ("<p>x</p><!-- open", Settings()),
        ("<script>var a = 1;<p>x</p>", Settings()),
        ('<a title="<script>">x</a>', Settings()),  # the raw-text pass looks inside values too
        ("<p " + " ".join(f"a{i}" for i in range(65)) + ">x</p>", Settings()),
        (f'<p a="{"x" * 10_001}">x</p>', Settings()),
        ('<p a="x>y</p>', Settings()),
        ("<p>x" * 11, Settings(max_tags=10)),
    ],
)
def test_pages_the_full_pass_changes_are_not_vouched_for(text: str, limits: Settings) -> None:
    assert parse.limit_markup_fully(text, limits) != (text, ())
    assert not parse.within_limits(text, text.encode(), limits)
    assert_same_as_full_pass(text, limits)


@pytest.mark.parametrize(
    "limits",
    [
        Settings(max_attribute_chars=0),
        Settings(max_attributes=-1),
        Settings(max_attributes=True),
        Settings(max_attribute_chars=10_000.0),  # type: ignore[arg-type]
        Settings(max_attribute_chars=1 << 40),
    ],
)
def test_limits_the_pre_check_cannot_write_go_to_the_full_pass(limits: Settings) -> None:
    text = h.article_page().decode()
    assert not parse.within_limits(text, text.encode(), limits)


def test_lone_surrogate_goes_to_the_full_pass() -> None:
    text = h.article_page().decode().replace("<body>", "<body><p>\ud800</p>")
    assert parse._utf8(text) is None
    assert_same_as_full_pass(text, Settings())


def test_nul_becomes_a_replacement_character_in_the_tree() -> None:
    tree = parse.parse_page("<html><body><p>a\x00b</p></body></html>").tree
    assert tree.findtext(".//p") == "a\ufffdb"


def test_letter_folds_are_every_non_ascii_letter_regex_matches_to_ascii() -> None:
    letters = regex.compile("[a-zA-Z]", regex.IGNORECASE)
    raw_name_letters = regex.compile(f"[{''.join(parse.RAW_TEXT_TAGS)}]", regex.IGNORECASE)
    non_ascii = [chr(c) for c in range(0x80, 0x110000)]
    assert {c for c in non_ascii if letters.match(c)} == set(parse.LETTER_FOLDS)
    assert {c for c in non_ascii if raw_name_letters.match(c)} <= set(parse.LETTER_FOLDS)


def test_ascii_space_is_what_regex_calls_white_space_in_ascii() -> None:
    space = regex.compile(r"\s")
    assert {chr(c) for c in range(0x80) if space.match(chr(c))} == set(parse._ASCII_SPACE)


OPEN_RAW_PIECES = (
    "<script",
    "<SCRIPT",
    "<style",
    "<title",
    " ",
    "/",
    ">",
    "/>",
    "</script>",
    "</style ",
    "x",
    "<p>",
    "<",
    'a="',
    "<textarea",
    "\n",
)


def _close_raw_text_by_regex(text: str) -> str:
    """``parse._close_raw_text`` as first written (``_RAW_OPEN.search`` from each position):
    quadratic on repeated open tags, kept here as the reference of what it finds."""
    pos = 0
    while (opened := parse._RAW_OPEN.search(text, pos)) is not None:
        name = opened.group(1).lower()
        closed = parse._RAW_CLOSE[name].search(text, opened.end())
        if closed is None:
            nxt = parse._MARKUP_START.search(text, opened.end())
            at = nxt.start() if nxt else len(text)
            return f"{text[:at]}</{name}>{text[at:]}"
        pos = closed.end()
    return text


@PROPERTY_SETTINGS
@given(st.lists(st.sampled_from(OPEN_RAW_PIECES), max_size=16).map("".join))
def test_linear_raw_text_closing_finds_what_the_regex_finds(text: str) -> None:
    assert parse._close_raw_text(text) == _close_raw_text_by_regex(text)


def test_repeated_self_closed_script_tags_close_nothing() -> None:
    # Was quadratic (minutes on a 1 MB page); benchmarks/hostile.py times the full-size case.
    text = "<p>x</p>" + "<script " * 2_000 + "/>"
    assert parse._close_raw_text(text) == text == _close_raw_text_by_regex(text)


def _cut_tags_by_regex(text: str, max_tags: int) -> tuple[str, bool]:
    """``parse._cut_tags`` as first written (one ``_TAG_OR_RAW_TEXT`` match per "<", each
    rescanning to the next ">"): quadratic on repeated open tags, kept as the reference."""
    if text.count("<") <= max_tags:
        return text, False
    for count, found in enumerate(parse._TAG_OR_RAW_TEXT.finditer(text)):
        if count == max_tags:
            return text[: found.start()], True
    return text, False


@PROPERTY_SETTINGS
@given(
    st.lists(st.sampled_from((*OPEN_RAW_PIECES, "<p>", "<", ">", "x", "\u017f")), max_size=24).map(
        "".join
    ),
    st.integers(min_value=0, max_value=8),
)
def test_linear_tag_cut_cuts_where_the_regex_cuts(text: str, max_tags: int) -> None:
    assert parse._cut_tags(text, max_tags) == _cut_tags_by_regex(text, max_tags)


def test_repeated_open_script_tags_are_cut_without_rescans() -> None:
    # Was quadratic above max_tags; benchmarks/hostile.py times the full-size case.
    text = "<p>x</p>" + "<script " * 2_000 + "/>" + "<p>y</p>"
    assert parse._cut_tags(text, 1_000) == _cut_tags_by_regex(text, 1_000)
    # "<p>" and "</p>" are tags 1 and 2, so the cut falls before the 999th "<script ".
    assert parse._cut_tags(text, 1_000) == ("<p>x</p>" + "<script " * 998, True)
