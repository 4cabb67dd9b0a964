"""Properties of ``clean()`` over random and mutated input (hypothesis): it returns an Article or
raises a documented error, every word it outputs occurs in the input, it is deterministic, and
the markup limits hold whatever the markup. Bounded to stay fast; ``fuzz/fuzz_clean.py`` runs the
same properties for as long as you like (see docs/robustness.md)."""

from __future__ import annotations

import gzip
import html

import hostile_inputs as h
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclean import clean, parse
from newsclean.errors import NewscleanError
from newsclean.model import Article
from newsclean.settings import Settings

PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
WORD = regex.compile(r"\w+")
_COMMENT = regex.compile(r"<!--.*?(?:-->|\Z)", regex.DOTALL)
# Two readings of where tags are: up to the next "<" or ">", or (as HTML5 starts them) "<" and a
# letter, "/", "!" or "?" up to the next ">".
_TAG = regex.compile(r"<[^<>]*+>?")
_HTML5_TAG = regex.compile(r"<[a-zA-Z/!?][^>]*+>?")
# A raw-text element whole: removing one joins the text around it.
_RAW_TEXT = regex.compile(
    rf"<({'|'.join(parse.RAW_TEXT_TAGS)})(?=[\s/>]).*?(?:</\1[^>]*+>|\Z)",
    regex.IGNORECASE | regex.DOTALL,
)

# Pieces that random pages are made of: tags of every kind, broken constructs, entities, words
# in several scripts, and the constructs the hostile cases are about.
FRAGMENTS: tuple[str, ...] = (
    "<p>",
    "</p>",
    "<div class='story body'>",
    "</div>",
    "<article>",
    "</article>",
    "<h2>",
    "</h2>",
    "<li>",
    "<ul>",
    "</ul>",
    "<a href='/x'>",
    "</a>",
    "<br>",
    "<b>",
    "</b>",
    "<nav>",
    "</nav>",
    "<script>var a = 1 < 2;",
    "</script>",
    "<style>p{}",
    "</style>",
    "<title>",
    "</title>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    '<a href="',
    "'",
    '"',
    "<",
    ">",
    "=",
    "&amp;",
    "&lt;",
    "&#0;",
    "&#x1F600;",
    "&nbsp;",
    "&notin;",
    "&bogus;",
    "\x00",
    "\ufffd",
    "<!DOCTYPE html [<!ENTITY x 'expanded-entity'>]>",
    "&x;",
    "<?xml version='1.0'?>",
    "<meta charset='shift_jis'>",
    "Most read",
    "The minister said the talks would resume next week, officials confirmed.",
    "Repairs began in March, and the work has cost about 14 million euros so far.",
    "政府は火曜日、工事が来月完了すると発表した。",
    "قال وزير النقل إن الرصيف سيعاد فتحه 🚢",
)

fragments = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60).map(
    "".join
)


@st.composite
def mutated_pages(draw: st.DrawFn) -> bytes:
    """The article page with a few random cuts, copies, insertions and byte changes."""
    data = bytearray(h.article_page(before="<nav><a href='/'>Home</a></nav>"))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["delete", "copy", "insert", "byte"]))
        if op == "delete":
            del data[at : at + draw(st.integers(1, 200))]
        elif op == "copy":
            data[at:at] = data[at : at + draw(st.integers(1, 400))]
        elif op == "insert":
            data[at:at] = draw(st.sampled_from(FRAGMENTS)).encode()
        elif at < len(data):
            data[at] = draw(st.integers(0, 255))
    return bytes(data)


def reference_texts(source: bytes | str) -> list[str]:
    """The texts an output word may come from: the decoded input, and the same with tags (and
    comments) removed, since inline tags join words; each with and without entities decoded."""
    if isinstance(source, bytes):
        inflated, _ = parse.inflate(source, Settings())
        text = parse.decode(inflated).text
    else:
        text = source
    uncommented = _COMMENT.sub("", text)
    # As newsclean reads it: comments and raw-text elements left open closed, then removed.
    closed = parse._close_raw_text(parse._close_comment(text))
    no_raw = _RAW_TEXT.sub("", _COMMENT.sub("", closed))
    plain = [
        text,
        *(tag.sub("", t) for tag in (_TAG, _HTML5_TAG) for t in (text, uncommented, no_raw)),
    ]
    return [*plain, *(html.unescape(t) for t in plain)]


def clean_or_documented_error(source: bytes | str) -> Article | None:
    try:
        article = clean(source)
    except NewscleanError:
        return None
    assert isinstance(article, Article)
    return article


def assert_no_invented_words(source: bytes | str, article: Article) -> None:
    references = reference_texts(source)
    for word in set(WORD.findall(article.text)):
        assert any(word in ref for ref in references), word


@PROPERTY_SETTINGS
@given(st.text(max_size=400))
def test_any_text_gives_an_article_of_its_own_words(source: str) -> None:
    article = clean_or_documented_error(source)
    if article is not None:
        assert_no_invented_words(source, article)


@PROPERTY_SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_give_an_article_of_their_own_words(source: bytes) -> None:
    article = clean_or_documented_error(source)
    if article is not None:
        assert_no_invented_words(source, article)


@PROPERTY_SETTINGS
@given(fragments)
def test_random_markup_gives_an_article_of_its_own_words(source: str) -> None:
    article = clean_or_documented_error(source)
    if article is not None:
        assert_no_invented_words(source, article)
        assert "expanded-entity" not in article.text or "expanded-entity" in source.replace(
            "<!ENTITY x 'expanded-entity'>", ""
        )


@PROPERTY_SETTINGS
@given(mutated_pages())
def test_mutated_pages_give_an_article_of_their_own_words(source: bytes) -> None:
    article = clean_or_documented_error(source)
    if article is not None:
        assert_no_invented_words(source, article)


@PROPERTY_SETTINGS
@given(st.one_of(fragments, mutated_pages(), st.binary(max_size=200)))
def test_clean_is_deterministic(source: bytes | str) -> None:
    first, second = clean_or_documented_error(source), clean_or_documented_error(source)
    assert (first is None) == (second is None)
    if first is not None and second is not None:
        assert first.to_dict(explain=True) == second.to_dict(explain=True)


@PROPERTY_SETTINGS
@given(mutated_pages())
def test_compressed_input_reads_like_the_page(source: bytes) -> None:
    plain, packed = (
        clean_or_documented_error(source),
        clean_or_documented_error(gzip.compress(source)),
    )
    assert (plain is None) == (packed is None)
    if plain is not None and packed is not None:
        assert plain.text == packed.text


# Tags with few, many, long and broken attributes, for the limits below.
attribute = st.builds(
    lambda name, quote, value, spacing: f"{spacing}{name}={quote}{value}{quote}",
    st.sampled_from(["a", "data-x", "class", "=", "x'", 'y"']),
    st.sampled_from(["", '"', "'"]),
    st.text(alphabet="ab >=<'\"/", max_size=30),
    st.sampled_from([" ", "  ", "/", "\n"]),
)
tags = st.builds(
    lambda name, attributes, end: f"<{name}{''.join(attributes)}{end}",
    st.sampled_from(["p", "div", "a", "script", "title"]),
    st.lists(attribute, max_size=12),
    st.sampled_from([">", "/>", ""]),
)
LIMITS = Settings(max_attributes=3, max_attribute_chars=8)


@PROPERTY_SETTINGS
@given(st.lists(st.one_of(tags, st.sampled_from(FRAGMENTS)), max_size=20).map("".join))
def test_parsed_elements_stay_within_the_attribute_limits(source: str) -> None:
    tree = parse.parse_page(f"<html><body>{source}</body></html>", LIMITS).tree
    if tree is None:
        return
    for element in tree.iter():
        assert len(element.attrib) <= LIMITS.max_attributes
        for value in element.attrib.values():
            assert len(value) <= LIMITS.max_attribute_chars
