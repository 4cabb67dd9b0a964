"""The vocabularies' fast path for plain texts gives what the patterns as written give.

Every `vocab.Pattern` searches plain texts (ASCII but for typographic marks) with a variant of
itself without the alternatives that cannot match them, and skips texts that hold none of its
needles. These tests hold the variants, the needles and the wrappers to the full patterns: on
random texts built from the vocabularies' own words or written from the patterns, on random
Unicode, on every short block of the AEB pages, and with random patterns; they test the source
splitter on the syntax it must read or refuse, and the case-folding facts it relies on over all
of Unicode.
"""

from __future__ import annotations

import pickle
import re
import string
import sys
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
import regex
from conftest import AEB
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsclean import clean, vocab
from newsclean.bench import load_samples

FLAGS = regex.IGNORECASE | regex.UNICODE | regex.VERSION1
PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _patterns() -> dict[str, vocab.Pattern]:
    """Every pattern of the module by name, the tables' as "TABLE:name"."""
    out: dict[str, vocab.Pattern] = {}
    for name, value in vars(vocab).items():
        if isinstance(value, vocab.Pattern):
            out[name] = value
        elif isinstance(value, vocab.Vocabulary):
            out.update({f"{name}:{key}": pattern for key, pattern in value.items()})
    return out


PATTERNS = _patterns()
TABLES: dict[str, vocab.Vocabulary] = {
    name: value for name, value in vars(vocab).items() if isinstance(value, vocab.Vocabulary)
}
# Patterns searched through a variant or needles (the others are the engine's own methods).
FAST = {name: p for name, p in PATTERNS.items() if p.plain is not p.full or p.needles is not None}


def _words() -> list[str]:
    words = set()
    for pattern in PATTERNS.values():
        words.update(regex.findall(r"[^\W\d_]+", pattern.pattern))
    return sorted(words)


WORDS = _words()
ASCII_WORDS = [w for w in WORDS if w.isascii()]
# Characters whose case forms are ASCII or longer than themselves: where case rules bite.
TRICKY = ["ß", "ẞ", "ſ", "\u212a", "İ", "ı", "ﬁ", "ﬀ", "ﬃ", "ŉ", "ǰ", "Å", "\U0001df95"]
PUNCTUATION = [*string.punctuation, " ", "  ", "\n", "\t", ": ", ", ", ". ", "..."]
NUMBERS = ["1", "19", "2019", "6:21", "11.19.2019", "2023-01-30", "3", "12", "10"]


def _cased(words: list[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda word, case: case(word),
        st.sampled_from(words),
        st.sampled_from([str.lower, str.upper, str.title, str.capitalize]),
    )


ASCII_PIECES = st.one_of(
    _cased(ASCII_WORDS), st.sampled_from(PUNCTUATION), st.sampled_from(NUMBERS)
)
ASCII_TEXTS = st.lists(ASCII_PIECES, max_size=30).map("".join)
PLAIN_TEXTS = st.lists(
    st.one_of(ASCII_PIECES, st.sampled_from(vocab.PLAIN_MARKS)), max_size=30
).map("".join)
UNICODE_TEXTS = st.lists(
    st.one_of(
        ASCII_PIECES,
        _cased(WORDS),
        st.sampled_from(TRICKY),
        st.sampled_from(vocab.PLAIN_MARKS),
        st.text(max_size=4),
    ),
    max_size=30,
).map("".join)


def _stdlib_patterns() -> list[re.Pattern[str]]:
    """The patterns the standard library can read, for hypothesis to write texts they match."""
    out = []
    for pattern in PATTERNS.values():
        try:
            out.append(re.compile(pattern.pattern, re.IGNORECASE))
        except re.error:  # "\p{..}"
            continue
    return out


# Texts holding a match of some pattern (of any branch, or of one a plain text can match).
MATCHING_TEXTS = st.one_of([st.from_regex(p) for p in _stdlib_patterns()])
PLAIN_ALPHABET = "".join(map(chr, range(128))) + vocab.PLAIN_MARKS
MATCHING_PLAIN_TEXTS = st.one_of(
    [st.from_regex(p, alphabet=PLAIN_ALPHABET) for p in _stdlib_patterns()]
)
# Texts that match: headings, credits and datelines the vocabularies are about.
KNOWN_TEXTS = [
    "Most Popular",
    "JN ACCESS RANKING",
    "You may also like:",
    "Related Articles",
    "Comments (12)",
    "Share this article",
    "© 2023 Example Media. All rights reserved.",
    "(AP Photo/Jane Doe)",
    "Photograph: Reuters",
    "In this Nov. 10, 2019, file photo, a man walks",
    "Updated 3 hours ago",
    "11:33 JST, January 30, 2023",
    "Posted by Jane Doe on November 19, 2019, 6:21 AM EST",
    "By Jane Doe",
    "Sign up for our newsletter to get updates in your inbox",
    "Follow us on Twitter",
    "Read more: what happened next",
    "Continue reading…",
    "We use cookies to improve your experience",
    "About the author",
    "Über Moritz Bachmann",
    "Leia também: algo",
    "関連記事",
    "人気ランキング",
    "Самые популярные",
    "STRASSE ſtory ﬁle İstanbul",
    "“Most popular” — this week’s top stories",
    "à lire aussi",
    "",
]


def _summary(match: Any) -> Any:
    return None if match is None else (match.span(), match.group(), match.groups())


def assert_same_results(text: str, patterns: dict[str, vocab.Pattern] = PATTERNS) -> None:
    """Every method of every pattern, and every table's first(), as the full patterns give."""
    plain = vocab.is_plain(text)
    for name, p in patterns.items():
        full = p.full
        assert _summary(p.search(text)) == _summary(full.search(text)), (name, text)
        assert _summary(p.match(text)) == _summary(full.match(text)), (name, text)
        assert _summary(p.fullmatch(text)) == _summary(full.fullmatch(text)), (name, text)
        assert p.findall(text) == full.findall(text), (name, text)
        assert [_summary(m) for m in p.finditer(text)] == [
            _summary(m) for m in full.finditer(text)
        ], (name, text)
        assert p.split(text) == full.split(text), (name, text)
        assert p.sub("<\\g<0>>", text) == full.sub("<\\g<0>>", text), (name, text)
        assert p.subn("#", text) == full.subn("#", text), (name, text)
        if plain:
            assert_variant_agrees(name, p, text)
    for table_name, table in TABLES.items():
        expected = next((n for n, p in table.items() if p.full.search(text)), None)
        assert table.first(text) == expected, (table_name, text)


def assert_variant_agrees(name: str, p: vocab.Pattern, text: str) -> None:
    """On a plain text the variant finds every match the full pattern finds, and each match
    holds a needle (tested apart from the wrapper, which may skip the variant)."""
    full_matches = [_summary(m) for m in p.full.finditer(text, overlapped=True)]
    assert [_summary(m) for m in p.plain.finditer(text, overlapped=True)] == full_matches, (
        name,
        text,
    )
    if p.needles is not None:
        for match in p.full.finditer(text, overlapped=True):
            assert any(n in match.group().lower() for n in p.needles), (name, text, match)


# -- the fast path gives the same results ------------------------------------------------------


@pytest.mark.parametrize("text", KNOWN_TEXTS)
def test_known_headings_and_credits_give_the_same_results(text: str) -> None:
    assert_same_results(text)


@PROPERTY_SETTINGS
@given(ASCII_TEXTS)
def test_ascii_texts_of_vocabulary_words_give_the_same_results(text: str) -> None:
    assert_same_results(text)


@PROPERTY_SETTINGS
@given(PLAIN_TEXTS)
@example("Don’t miss — “Most Read”…")
def test_plain_texts_with_marks_give_the_same_results(text: str) -> None:
    assert_same_results(text)


@PROPERTY_SETTINGS
@given(UNICODE_TEXTS)
@example("Leia também: ﬁm")
def test_unicode_texts_give_the_same_results(text: str) -> None:
    assert_same_results(text)


@PROPERTY_SETTINGS
@given(MATCHING_PLAIN_TEXTS)
def test_plain_texts_that_match_give_the_same_results(text: str) -> None:
    assert_same_results(text)


@PROPERTY_SETTINGS
@given(MATCHING_TEXTS)
def test_unicode_texts_that_match_give_the_same_results(text: str) -> None:
    assert_same_results(text)


@pytest.fixture(scope="module")
def aeb_texts() -> list[str]:
    """The distinct texts of the AEB pages' blocks short enough to be searched for vocabulary
    (the longest are promotions, `vocab.PROMO_MAX_CHARS`)."""
    if not (AEB / "ground-truth.json").is_file():
        pytest.skip(f"benchmark not found at {AEB}")
    texts: set[str] = set()
    for sample in load_samples(AEB):
        blocks = clean(sample.html, url=sample.url).blocks
        texts.update(b.text for b in blocks if len(b.text) <= vocab.PROMO_MAX_CHARS)
    return sorted(texts)


def test_every_aeb_block_gives_the_same_results(aeb_texts: list[str]) -> None:
    for text in aeb_texts:
        plain = vocab.is_plain(text)
        for name, p in FAST.items():
            found = p.full.search(text)
            assert _summary(p.search(text)) == _summary(found), (name, text)
            if plain and found is not None and p.needles is not None:
                assert any(n in text.lower() for n in p.needles), (name, text)
        for table_name, table in TABLES.items():
            expected = next((n for n, p in table.items() if p.full.search(text)), None)
            assert table.first(text) == expected, (table_name, text)


# -- what the fast path is built on ------------------------------------------------------------


def _ranges(code_points: list[int]) -> Iterator[tuple[int, int]]:
    start = previous = code_points[0]
    for cp in code_points[1:]:
        if cp != previous + 1:
            yield start, previous
            start = cp
        previous = cp
    yield start, previous


def test_no_character_judged_non_plain_matches_a_plain_text_in_the_engine() -> None:
    # The judgement uses Python's case tables; the engine's may be newer. One set of every
    # character judged so, all of Unicode, must find nothing in the plain probes.
    judged = [
        cp
        for cp in range(sys.maxunicode + 1)
        if not 0xD800 <= cp <= 0xDFFF and vocab._needs_non_plain(chr(cp))
    ]
    members = "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in _ranges(judged))
    for flags in (FLAGS, FLAGS & ~regex.IGNORECASE):
        everything = regex.compile(f"[{members}]", flags)
        for probe in vocab._PLAIN_PROBES:
            assert everything.search(probe) is None


def test_the_literals_pruned_from_the_vocabularies_match_no_plain_text() -> None:
    pruned = {c for p in PATTERNS.values() for c in p.pattern if vocab._needs_non_plain(c)}
    assert len(pruned) > 100  # Japanese, Cyrillic, Korean, accented Latin...
    for char in pruned:
        literal = regex.compile(regex.escape(char), FLAGS)
        assert all(literal.search(probe) is None for probe in vocab._PLAIN_PROBES), char


def test_plain_marks_have_no_case_and_are_in_no_case_form() -> None:
    marks = set(vocab.PLAIN_MARKS)
    for mark in marks:
        assert unicodedata.category(mark)[0] not in "LMN", mark
        assert mark.lower() == mark.upper() == mark.casefold() == mark, mark
    for cp in range(sys.maxunicode + 1):
        char = chr(cp)
        if char in marks:
            continue
        forms = char.lower() + char.upper() + char.casefold() + char.title()
        assert marks.isdisjoint(forms), hex(cp)


def test_in_the_engine_marks_and_ascii_characters_match_only_themselves_and_their_case() -> None:
    # What the needles rely on: in a plain text a pattern's ASCII letter matches that letter
    # in either case, a mark only itself.
    alphabet = vocab._PLAIN_PROBES[0]
    for char in alphabet:
        literal = regex.compile(regex.escape(char), FLAGS)
        expected = {char, char.swapcase()} if char.isalpha() else {char}
        assert {m.group() for m in literal.finditer(alphabet)} == expected, char


def test_case_forms_that_are_ascii_strings_are_at_most_three_letters() -> None:
    # What the probe of ASCII letter strings relies on.
    for cp in range(128, sys.maxunicode + 1):
        char = chr(cp)
        for form in (char.lower(), char.upper(), char.casefold(), char.title()):
            if len(form) > 1 and form.isascii():
                assert form.isalpha() and len(form) <= 3, (hex(cp), form)


def test_plain_means_ascii_but_for_the_marks() -> None:
    assert vocab.is_plain("Most read")
    assert vocab.is_plain("Don’t miss — “this”…\u00a0")
    assert not vocab.is_plain("Leia também")
    assert not vocab.is_plain("STRAẞE")
    assert not vocab.is_plain("ﬁle")


# -- the splitter -------------------------------------------------------------------------------

TRICKY_SOURCES = [
    r"a|b|",
    r"[]é]|x",
    r"[^)\]]{1,80}[)\]]\W*$",
    r"[\]é\\]+|(?:ж|[\p{Han}])",
    r"\p{Lu}\P{L}\pL\N{BULLET}",
    r"(?:a(?:b|(?:c|é)))?d",
    r"(?=é)x|(?!é)y|(?<=a)z|(?<!ж)w|(?>é|f)",
    r"(?-i:\p{Lu})[\w.'’-]*",
    r"(?i:É)|\x41\u00e9\U0001F600",
    r"a{2}b{1,}c{,3}d{0,2}?e*+f??",
    r"\.\.\.|…|\(c\)|\d{4}年",
]


@pytest.mark.parametrize("source", TRICKY_SOURCES)
def test_the_splitter_reads_tricky_sources_back_to_themselves(source: str) -> None:
    regex.compile(source, FLAGS)
    try:
        tree = vocab._parse(source)
    except vocab._Unsupported:
        return
    assert vocab._source(tree) == source


@pytest.mark.parametrize(
    ("source", "plain"),
    [
        (r"most|meistgelesen|最も読まれた|самые", r"(?-f)most|meistgelesen"),
        (r"les\s+plus\s+(?:lus|partagés)", r"(?-f)les\s+plus\s+(?:lus)"),
        (r"à\s+lire|lire\s+aussi", r"(?-f)lire\s+aussi"),
        (r"[éж]|x", r"(?-f)x"),
        (r"[]é]|[^)\]]é|x", r"(?-f)[]é]|x"),  # a "]" first in a set is a member, not its end
        (r"[\]é]x|y", r"(?-f)[\]é]x|y"),
        (r"[\p{Han}\p{Hiragana}]|x", r"(?-f)x"),
        (r"(?:ж|[\p{Han}])+x|y", r"(?-f)y"),
        (r"a(?!é)b", r"(?-f)ab"),  # a lookahead that cannot match always holds
        (r"a(?!é|c)b", r"(?-f)a(?!c)b"),
        (r"(?<=é)a|b", r"(?-f)b"),
        (r"aé?b|aé*c", r"(?-f)ab|ac"),  # an optional atom that cannot match is left out
        (r"a(?:é|ж)?b", r"(?-f)ab"),
        (r"(?-i:É)x|y", r"(?-f)y"),
        (r"\u00e9x|\x41y", r"(?-f)\x41y"),
        (r"é|ж", "(?!)"),
        (r"straße|street", r"straße|street"),  # "ß" matches "ss": kept, full case stays on
        (r"\u212a|x", r"(?-f)\u212a|x"),  # the Kelvin sign matches "k": kept
        (r"…|\.\.\.", r"(?-f)…|\.\.\."),  # a mark can be in a plain text
    ],
)
def test_alternatives_that_cannot_match_a_plain_text_are_dropped(source: str, plain: str) -> None:
    assert vocab._plain_variant(source, regex.compile(source, FLAGS).flags)[0] == plain


@pytest.mark.parametrize(
    "source",
    [
        r"(é)|a",  # a capturing group: dropping a branch would renumber groups
        r"(?P<n>é)|a",
        r"(a)\1|é",  # a backreference
        r"(?#é)a|é",
        r"(?x) é | a",
        r"[[a-z]--[é]]|é",  # a nested set (VERSION1 set operations)
        r"a{x}|é",  # "{" that is not a quantifier
        r"(?(1)a|b)|é",
        r"\éa|é",  # an escaped non-ASCII letter
    ],
)
def test_syntax_the_splitter_does_not_model_keeps_the_pattern_whole(source: str) -> None:
    try:
        flags = regex.compile(source, FLAGS).flags
    except regex.error:
        flags = FLAGS
    assert vocab._plain_variant(source, flags) == (source, None)


def test_flags_that_change_what_matches_keep_the_pattern_whole() -> None:
    flags = regex.compile("é|a", FLAGS | regex.REVERSE).flags
    assert vocab._plain_variant("é|a", flags) == ("é|a", None)


def test_a_pattern_anchored_at_the_start_keeps_its_engine_methods() -> None:
    pattern = vocab.Pattern(r"^\W*(?:by|von|文[・/:：])\s+\S", FLAGS)
    assert pattern.plain is pattern.full and pattern.needles is None
    assert pattern.search == pattern.full.search


@pytest.mark.parametrize(
    ("source", "needles"),
    [
        (r"\bmost[\s-]+(?:popular|read)|top\s+stories", ("most", "stories")),
        (r"\bfollow\s+@\w+|\bon\s+twitter\s+at\b", ("follow", "twitter")),
        (r"\d{1,2}:\d{2}|\d+\s+hours?\s+ago", (":", "hour")),
        (r"\d{4}[-/.]\d{1,2}", tuple(string.digits)),
        (r"comments?|commentaires|\bcomment\b", ("comment",)),
        (r"©\s*\d{4}|all\s+rights", ("rights", "©")),
        (r"\w+ing|\s+", None),  # a branch with no literal it must hold
        (r"(?:a|b)c|d", None),  # single letters: in nearly every text
    ],
)
def test_needles_are_literals_every_match_holds(
    source: str, needles: tuple[str, ...] | None
) -> None:
    assert vocab._plain_variant(source, regex.compile(source, FLAGS).flags)[1] == needles


# -- the Pattern and Vocabulary API -------------------------------------------------------------


def test_a_pattern_that_cannot_match_a_plain_text_answers_without_the_engine() -> None:
    assert vocab.CJK.needles == ()
    assert vocab.CJK.findall("Plain text") == []
    assert vocab.CJK.findall("日本の記事") == ["日", "本", "の", "記", "事"]


def test_calls_with_more_arguments_go_to_the_full_pattern() -> None:
    p = PATTERNS["SIDEBAR_HEADINGS:related"]
    text = "xx Related stories"
    assert _summary(p.search(text, 3)) == _summary(p.full.search(text, 3))
    assert _summary(p.search(text, pos=0, endpos=5)) == _summary(p.full.search(text, 0, 5))
    assert _summary(p.search("Relat", partial=True)) == _summary(
        p.full.search("Relat", partial=True)
    )
    with pytest.raises(TypeError):
        p.search(b"Related")


def test_a_pattern_pickles_and_shows_its_source() -> None:
    p = PATTERNS["PROMO_LINES:newsletter-pitch"]
    copy = pickle.loads(pickle.dumps(p))
    assert copy.pattern == p.pattern and copy.flags == p.flags and copy.needles == p.needles
    assert "newsletter" in repr(p)
    assert p.groups == 0 and dict(p.groupindex) == {}


def test_a_vocabulary_is_a_read_only_mapping_of_patterns() -> None:
    table = vocab.SIDEBAR_HEADINGS
    assert "related" in table and "nope" not in table
    assert list(table) == list(table.keys()) == [name for name, _ in table.items()]
    assert all(isinstance(p, vocab.Pattern) for p in table.values())
    assert table.first("Most Popular") == "most-popular"
    assert table.first("Самые популярные") == "most-popular"
    assert table.first("An ordinary sentence about the weather.") is None
    with pytest.raises(TypeError):
        table["related"] = table["share"]  # type: ignore[index]


# -- random patterns -----------------------------------------------------------------------------

_ATOMS = st.sampled_from(
    [
        *"abks",
        "é",
        "ж",
        "関",
        "ß",
        "\u212a",
        "İ",
        "ﬁ",
        "…",
        "’",
        "\\d",
        "\\w",
        "\\s",
        "\\W",
        "\\b",
        "\\.",
        "\\(",
        "\\u00e9",
        "\\x41",
        "\\p{Lu}",
        "\\p{Han}",
        "[a-c]",
        "[^a]",
        "[]é]",
        "[\\]é]",
        "[é-ж]",
        "[\\p{Han}ж]",
        "[’…]",
        ".",
        "^",
        "$",
    ]
)
_GROUPS = ["(?:", "(?>", "(?=", "(?!", "(?<=", "(?<!", "(?i:", "(?-i:"]
_QUANTIFIERS = ["", "", "", "?", "*", "+", "{2}", "{1,3}", "{,2}", "??", "+?", "*+"]


def _pieces(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    group = st.builds(
        lambda opener, branches: opener + "|".join(branches) + ")",
        st.sampled_from(_GROUPS),
        st.lists(children, min_size=1, max_size=3),
    )
    return st.builds(
        lambda atom, q: atom + q, st.one_of(_ATOMS, group), st.sampled_from(_QUANTIFIERS)
    )


SOURCES = st.lists(
    st.lists(st.recursive(_ATOMS, _pieces, max_leaves=8), min_size=1, max_size=4).map("".join),
    min_size=1,
    max_size=4,
).map("|".join)
PATTERN_FLAGS = st.sampled_from(
    [FLAGS, regex.UNICODE | regex.VERSION1, regex.IGNORECASE, 0, FLAGS | regex.MULTILINE]
)
TEXTS = st.text(alphabet="abkKsS ß.(’…éж関İı\u212afiﬁ\n1A", max_size=20)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SOURCES, PATTERN_FLAGS, st.lists(TEXTS, min_size=1, max_size=5))
def test_random_patterns_give_the_same_results_on_any_text(
    source: str, flags: int, texts: list[str]
) -> None:
    try:
        full = regex.compile(source, flags)
    except regex.error:
        return
    pattern = vocab.Pattern(source, flags)
    for text in texts:
        assert _summary(pattern.search(text)) == _summary(full.search(text)), (source, text)
        assert pattern.findall(text) == full.findall(text), (source, text)
        assert pattern.split(text) == full.split(text), (source, text)
        assert pattern.sub("#", text) == full.sub("#", text), (source, text)
        if vocab.is_plain(text):
            overlapped = [_summary(m) for m in full.finditer(text, overlapped=True)]
            assert [
                _summary(m) for m in pattern.plain.finditer(text, overlapped=True)
            ] == overlapped, (source, text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SOURCES, min_size=1, max_size=4), PATTERN_FLAGS, st.lists(TEXTS, max_size=5))
def test_random_tables_name_the_first_pattern_found(
    sources: list[str], flags: int, texts: list[str]
) -> None:
    # A table skips the patterns whose needles a text lacks, all needles found in one pass.
    try:
        full = {f"p{i}": regex.compile(source, flags) for i, source in enumerate(sources)}
    except regex.error:
        return
    table = vocab.Vocabulary({name: p.pattern for name, p in full.items()}, flags)
    for text in [*texts, *(t.lower() for t in texts)]:
        expected = next((name for name, p in full.items() if p.search(text)), None)
        assert table.first(text) == expected, (sources, text)


@PROPERTY_SETTINGS
@given(st.one_of(PLAIN_TEXTS, MATCHING_PLAIN_TEXTS))
@example("Share on X")
@example("ADVERTISEMENT")
@example("By Jane Doe")
@example("www.example.com")
def test_every_match_of_a_pattern_holds_one_of_its_any_needles(text: str) -> None:
    # The needles a table (or the compiled scoring) looks for in one pass are those of anchored
    # patterns too, single letters included.
    for name, p in PATTERNS.items():
        needles = vocab._any_needles(p.full.pattern, p.full.flags)
        if needles is None or not vocab.is_plain(text):
            continue
        for match in p.full.finditer(text, overlapped=True):
            assert any(n in match.group().lower() for n in needles), (name, text, match)


def test_a_table_looks_for_the_needles_of_its_anchored_patterns() -> None:
    # "Share on X" holds no needle of the other share-bar words but "x" and "share".
    share = vocab.BOILERPLATE_LINES["share"]
    assert share.needles is None  # anchored: searched directly when alone
    assert "x" in (vocab._any_needles(share.full.pattern, share.full.flags) or ())
    assert vocab.BOILERPLATE_LINES.first("Share on X") == "share"
    assert vocab.BOILERPLATE_LINES.first("A paragraph of prose, not a share bar.") is None


@PROPERTY_SETTINGS
@given(st.one_of(PLAIN_TEXTS, MATCHING_PLAIN_TEXTS))
@example("Read the full story...")
@example("WAIT…")
def test_needles_without_letters_are_found_without_lower_casing(text: str) -> None:
    # Patterns whose needles hold no letter look for them in the text as it is.
    if not vocab.is_plain(text):
        return
    for name, p in PATTERNS.items():
        if p.needles is not None and not vocab._cased(p.needles):
            found = vocab._holds_any(text, p.needles)
            assert found == vocab._holds_any(text.lower(), p.needles), (name, text)


def test_which_needles_need_lower_casing() -> None:
    assert not vocab._cased(vocab.TRUNCATED.needles)  # "...", "…"
    assert not vocab._cased(vocab.CJK.needles)  # none: cannot match a plain text
    assert vocab._cased(vocab.DATE_ANCHOR.needles)  # "ago"
    assert not vocab._cased(None)
