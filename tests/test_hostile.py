"""Hostile input (issue 7): ``clean()`` returns an Article or raises a documented error, never
crashes, never touches the network or local files, and never silently loses the article to
libxml2's limits. Inputs are generated here at small sizes; ``benchmarks/hostile.py`` runs the
same shapes at full size with time and memory."""

from __future__ import annotations

import gzip
import http.server
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path

import hostile_inputs as h
import lxml.html
import pytest
from lxml import etree

from newsclean import blocks, clean, errors, parse
from newsclean.errors import ExtractionFailed, InputTooLarge, NewscleanError
from newsclean.model import Article
from newsclean.settings import Settings


def warning_ids(article: Article) -> set[str]:
    return {w.split(":", 1)[0] for w in article.warnings}


def assert_article(article: Article, paragraphs: tuple[str, ...] = h.ARTICLE_PARAGRAPHS) -> None:
    for paragraph in paragraphs:
        assert paragraph in article.text


# --- empty, binary, compressed ----------------------------------------------------------------


@pytest.mark.parametrize("source", [b"", "", b" \n\t\r\n " * 100, " \n\t " * 100])
def test_empty_and_whitespace_give_an_empty_article_with_a_warning(source: bytes | str) -> None:
    article = clean(source)
    assert article.text == ""
    assert warning_ids(article) == {errors.EMPTY_INPUT}


@pytest.mark.parametrize(
    "data",
    [
        h.png(50_000),
        h.pdf(50_000),
        gzip.compress(h.random_bytes(50_000)),
        h.random_bytes(50_000),
        gzip.compress(gzip.compress(h.article_page())),
    ],
    ids=["png", "pdf", "gzip-of-random", "random", "gzip-of-gzip"],
)
def test_binary_input_gives_an_empty_article_with_a_warning(data: bytes) -> None:
    article = clean(data)
    assert article.text == ""
    assert errors.BINARY_INPUT in warning_ids(article)


@pytest.mark.parametrize("compress", [gzip.compress, zlib.compress], ids=["gzip", "zlib"])
def test_compressed_page_is_inflated_transparently(compress) -> None:
    article = clean(compress(h.article_page()))
    assert_article(article)
    assert article.warnings == ()


def test_concatenated_gzip_members_are_all_inflated() -> None:
    data = h.article_page()
    half = len(data) // 2
    assert_article(clean(gzip.compress(data[:half]) + gzip.compress(data[half:])))


def test_truncated_gzip_page_gives_what_it_held_with_a_warning() -> None:
    tail = "".join(
        f"<p>{n * 7919 % 100_003:x} {n * 104_729 % 1_000_003:x}</p>" for n in range(3_000)
    )
    data = gzip.compress(h.article_page(after=tail), compresslevel=1)
    article = clean(data[: len(data) * 3 // 4])
    assert_article(article)
    assert errors.TRUNCATED in warning_ids(article)


def test_text_that_starts_like_a_zlib_header_is_read_as_text() -> None:
    # "x^" is a valid zlib header (0x78 0x5e); the rest is no deflate stream.
    article = clean(
        b"x^2 + y^2 = r^2 is the circle of radius r around the origin, as every pupil learns."
    )
    assert article.text.startswith("x^2 + y^2")


@pytest.mark.parametrize("bomb", [h.gzip_bomb, h.zlib_bomb], ids=["gzip", "zlib"])
def test_decompression_bomb_raises_input_too_large(bomb) -> None:
    data = bomb(25_000_000)
    assert len(data) < 100_000
    with pytest.raises(InputTooLarge) as raised:
        clean(data)
    assert raised.value.limit == Settings().max_bytes


@pytest.mark.parametrize("bomb", [h.gzip_bomb, h.zlib_bomb], ids=["gzip", "zlib"])
def test_bomb_is_capped_while_streaming(bomb) -> None:
    kept: list[bytes] = []
    size, _ = parse._inflate(bomb(5_000_000), 100_000, keep=kept)
    assert size == sum(len(c) for c in kept)
    assert 100_000 < size <= 100_000 + parse.INFLATE_CHUNK


def test_decompressed_size_is_checked_against_max_bytes() -> None:
    data = h.article_page()
    settings = Settings(max_bytes=len(data) - 1)
    with pytest.raises(InputTooLarge):
        clean(gzip.compress(data), settings=settings)
    clean(gzip.compress(data), settings=Settings(max_bytes=len(data)))


@pytest.mark.parametrize("as_str", [False, True])
def test_input_above_max_bytes_raises(as_str: bool) -> None:
    data = h.article_page()
    with pytest.raises(InputTooLarge) as raised:
        clean(data.decode() if as_str else data, settings=Settings(max_bytes=1000))
    assert isinstance(raised.value, NewscleanError)


@pytest.mark.parametrize("source", [None, 42, 4.2, ["<p>x</p>"], {"html": "x"}, object()])
def test_wrong_argument_type_raises_type_error(source: object) -> None:
    with pytest.raises(TypeError):
        clean(source)  # type: ignore[arg-type]


def test_bytearray_and_memoryview_are_accepted() -> None:
    data = h.article_page()
    assert clean(bytearray(data)).text == clean(memoryview(data)).text == clean(data).text


# --- encodings ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", h.encoding_cases(), ids=lambda c: c.name)
def test_encoding_case_decodes_to_the_right_text(case: h.EncodingCase) -> None:
    article = clean(case.data)
    assert case.expected
    for sentence in case.expected:
        assert sentence in article.text


def test_there_are_twelve_encoding_cases() -> None:
    assert len(h.encoding_cases()) == 12


@pytest.mark.parametrize(("first", "second"), [("utf-8", "cp1252"), ("cp1252", "utf-8")])
def test_page_in_utf8_and_cp1252_halves_keeps_both(first: str, second: str) -> None:
    # A detector picks one encoding for the whole page (cp775, iso8859-10...) and garbles the
    # other half; a browser shows U+FFFD for every cp1252 letter. Each half is read in its own.
    article = clean(h.mixed_encoding_page(first, second))
    for sentence in h.MIXED_HALVES:
        assert sentence in article.text
    assert errors.ENCODING_FALLBACK in warning_ids(article)


@pytest.mark.parametrize(
    ("encoding", "sentence"),
    [
        ("cp1251", "Правительство заявило во вторник, что северный причал откроется."),
        ("cp1250", "Rząd ogłosił, że północne molo zostanie otwarte. Żółć, źdźbło, gęślą jaźń."),
        ("cp1253", "Η κυβέρνηση ανακοίνωσε ότι η βόρεια προβλήτα θα ανοίξει ξανά."),
        ("shift_jis", h.JAPANESE),
        ("gbk", h.CHINESE),
        ("cp1252", h.FRENCH),
    ],
)
def test_legacy_page_is_not_read_as_partly_utf8(encoding: str, sentence: str) -> None:
    data = h.page(f"<p>{sentence}</p>" * 30, charset=encoding).encode(encoding)
    assert parse._mixed_utf8(data) is None
    assert sentence in parse.decode(data).text


def test_nul_bytes_inside_html_do_not_stop_the_page() -> None:
    data = h.article_page(before="<p>\x00\x00</p>").replace(b"pier", b"pi\x00er")
    article = clean(data)
    assert "northern pi\ufffder would reopen" in article.text
    assert_article(article, tuple(p for p in h.ARTICLE_PARAGRAPHS if "pier" not in p))


def test_invalid_utf8_is_replaced_with_a_warning() -> None:
    sentence = "Le ministre a déclaré à l’Assemblée que la réforme « très attendue » entrerait "
    data = f"<html><body><p>{sentence * 3} \udcff fin.</p></body></html>".encode(
        errors="surrogateescape"
    )
    article = clean(data)
    assert sentence.strip() in article.text
    assert "\ufffd" in article.text
    assert errors.ENCODING_REPLACED in warning_ids(article)


# --- libxml2's limits ---------------------------------------------------------------------------


def test_parser_configuration_is_html_without_network_or_entities() -> None:
    parser = parse.make_parser()
    assert isinstance(parser, lxml.html.HTMLParser)
    assert not isinstance(parser, etree.XMLParser)
    assert parse.PARSER_OPTIONS["no_network"] is True
    assert parse.PARSER_OPTIONS["huge_tree"] is True
    assert parse.PARSER_OPTIONS["recover"] is True
    assert not {"load_dtd", "resolve_entities", "dtd_validation", "attribute_defaults"} & set(
        parse.PARSER_OPTIONS
    )


def test_no_module_builds_an_xml_parser() -> None:
    package = Path(parse.__file__).parent
    for module in package.rglob("*.py"):
        source = module.read_text()
        for call in ("XMLParser(", "etree.XML(", "etree.parse(", "iterparse(", "XMLPullParser("):
            assert call not in source, f"{module.name} calls {call}"


def test_deep_nesting_keeps_the_article_and_warns() -> None:
    article = clean(h.nested_divs(5_000))
    assert_article(article)
    assert "Closing note after the nested divs." in article.text or any(
        b.text == "Closing note after the nested divs." for b in article.blocks
    )
    assert any("flattened" in w for w in article.warnings)


def test_libxml2_alone_stops_at_its_depth_limit() -> None:
    """Why flattening exists: without it, libxml2 (huge_tree or not) drops everything past depth
    2048, silently under recover=True."""
    text = h.nested_divs(3_000).decode()
    root = etree.fromstring(text.encode(), parse.make_parser())
    assert "harbour authority" not in "".join(root.itertext())


def test_nesting_below_the_limit_is_left_alone() -> None:
    parsed = parse.parse_page(h.nested_divs(1_500).decode())
    assert parsed.warnings == ()
    assert len(parsed.tree.xpath("//div")) == 1_500


def test_flattening_respects_max_depth() -> None:
    parsed = parse.parse_page(h.nested_divs(3_000).decode(), Settings(max_depth=100))
    deepest = max(len(list(p.iterancestors())) for p in parsed.tree.iter("p"))
    assert deepest <= 100 + parse.LIBXML2_DEPTH_MARGIN
    assert h.ARTICLE_PARAGRAPHS[2] in "".join(parsed.tree.itertext())


def test_flatten_counts_implied_end_tags() -> None:
    # 3,000 unclosed <p>s are siblings, not 3,000 levels: nothing to flatten.
    text = "<div>" + "<p>item" * 3_000 + "</div>"
    assert parse.flatten(text, 10) == text


@pytest.mark.parametrize("count", [4, 2_000, 2_047, 3_000])
def test_nested_inline_tags_before_the_article_keep_it(count: int) -> None:
    article = clean(h.nested_inline_menu(count))
    assert_article(article)


@pytest.mark.parametrize("tags", [("b", "i", "span", "em"), ("b", "i", "span", "em", "strong")])
def test_article_inside_2000_nested_inline_tags_comes_out(tags: tuple[str, ...]) -> None:
    article = clean(h.page(h.nested_inline(2_000, h.article_html(), tags)).encode())
    assert_article(article)


def test_article_inside_a_link_reads_as_link_text_at_any_depth() -> None:
    # Not a nesting limit: the same page with one <b><i><span><a> reads the same way. The article
    # is the content of an <a> as written (in a browser too); link text is not body text.
    for count in (4, 2_000):
        article = clean(h.page(h.nested_inline(count, h.article_html())).encode())
        assert article.text == ""
        assert errors.ONLY_BOILERPLATE in warning_ids(article)


def test_huge_text_node_is_kept_whole() -> None:
    """huge_tree covers text nodes above libxml2's 10,000,000-character limit."""
    parsed = parse.parse_page(h.huge_text_node(10_000_001).decode())
    assert parsed.warnings == ()
    assert max(len(p.text or "") for p in parsed.tree.iter("p")) == 10_000_001


def test_huge_text_node_comes_out_as_the_article() -> None:
    data = h.huge_text_node(1_000_000)
    paragraph = lxml.html.fromstring(data).xpath("//p")[0].text
    assert len(paragraph) == 1_000_000
    assert clean(data).text == " ".join(paragraph.split())


def test_huge_attribute_is_kept_whole_by_libxml2_when_allowed() -> None:
    """huge_tree covers attributes above libxml2's 10,000,000-character limit."""
    settings = Settings(max_attribute_chars=20_000_000)
    parsed = parse.parse_page(h.huge_attribute(10_000_001).decode(), settings)
    assert max(len(d.get("class") or "") for d in parsed.tree.iter("div")) == 10_000_001


def test_huge_attribute_is_cut_and_the_article_stays() -> None:
    article = clean(h.huge_attribute(2_000_000))
    assert_article(article)
    assert errors.ATTRIBUTES_CUT in warning_ids(article)


def test_many_attributes_are_capped_before_parsing() -> None:
    text = h.many_attributes(5_000).decode()
    parsed = parse.parse_page(text)
    menu = next(d for d in parsed.tree.iter("div") if (d.text or "") == "Menu")
    assert len(menu.attrib) == Settings().max_attributes
    assert menu.get("data-a0") == ">0"
    assert_article(clean(text.encode()))


def test_class_names_per_element_are_capped() -> None:
    tree = parse.parse_page(h.many_class_names(1_600, 10).decode()).tree
    div = next(tree.iter("div"))
    assert len(div.get("class").split()) == 1_600
    assert len(blocks.class_tokens(div)) <= 3 * blocks.MAX_CLASS_NAMES
    assert_article(clean(h.many_class_names(1_600, 10)))


def test_attribute_cap_leaves_ordinary_tags_alone() -> None:
    text = h.article_page(
        before='<a href="/a" class="b c" data-x=">" title=\'it\'s\'>x</a>'
    ).decode()
    assert parse.limit_markup(text, Settings()) == (text, ())


def test_many_siblings_are_cut_at_max_tags_with_a_warning() -> None:
    article = clean(h.sibling_paragraphs(30_000), settings=Settings(max_tags=10_000))
    assert_article(article)
    assert any("10,000 tags" in w for w in article.warnings)


def test_many_siblings_within_the_limits_are_all_segmented() -> None:
    article = clean(h.sibling_paragraphs(4_000))
    assert_article(article)
    assert sum(1 for b in article.blocks if b.text == "x") == 4_000
    assert not article.warnings


def test_article_after_the_tag_limit_is_lost_with_a_warning() -> None:
    data = h.page("<p>x</p>" * 3_000 + h.article_html()).encode()
    article = clean(data, settings=Settings(max_tags=2_000))
    assert h.ARTICLE_PARAGRAPHS[0] not in article.text
    assert errors.TRUNCATED in warning_ids(article)


def test_tags_inside_a_script_do_not_count_towards_max_tags() -> None:
    script = "<script>" + "if (a<b) { x = '<p>not text</p>'; }\n" * 2_000 + "</script>"
    article = clean(h.article_page(before=script), settings=Settings(max_tags=1_000))
    assert_article(article)
    assert "not text" not in article.text
    assert errors.TRUNCATED not in warning_ids(article)


def test_megabytes_of_script_and_style_do_not_leak_or_stall() -> None:
    article = clean(h.big_script_and_style(1_000_000))
    assert_article(article)
    assert "var a" not in article.text and "not text" not in article.text
    assert "color:red" not in article.text


def test_deep_or_huge_json_ld_does_not_break_the_page() -> None:
    assert_article(clean(h.json_ld(50_000, 100_000)))


@pytest.mark.parametrize(
    "before",
    [
        "<!-- menu <b>x</b>",
        "<![CDATA[ menu <b>x</b>",
        "<script>var a = 1;",
        "<style>p { color: red }",
        "<title>Unclosed title",
        '<a href="/x>Home</a>',
        "<a href='/x>Home</a>",
        '<div class="a" data-x="never closed',
    ],
    ids=[
        "comment",
        "cdata",
        "script",
        "style",
        "title",
        "double-quote",
        "single-quote",
        "eof-quote",
    ],
)
def test_unclosed_constructs_do_not_swallow_the_article(before: str) -> None:
    article = clean(h.article_page(before=before))
    assert_article(article)


# --- no network, no file, no entity expansion -------------------------------------------------


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    hits: list[str]

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'<!ENTITY xxe "NETWORK-CANARY">')

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[tuple[int, list[str]]]:
    hits: list[str] = []
    handler = type("Handler", (_CountingHandler,), {"hits": hits})
    server = http.server.HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()
        server.server_close()


CANARY = "CANARY-5f1e9c-do-not-leak"


@pytest.mark.parametrize(
    "kind",
    ["local file entity", "parameter entity", "external DTD", "network URL", "billion laughs"],
)
def test_xxe_and_entity_expansion_are_never_resolved(
    kind: str, tmp_path: Path, local_server: tuple[int, list[str]]
) -> None:
    port, hits = local_server
    canary = tmp_path / "canary.dtd"
    canary.write_text(f'<!ENTITY xxe "{CANARY}"><!ENTITY lol9 "{CANARY}">{CANARY}')
    data = h.xxe_pages(str(canary), port)[kind]
    article = clean(data)
    dump = article.to_json(explain=True)
    assert CANARY not in dump
    assert "NETWORK-CANARY" not in dump
    assert "lollollol" not in dump
    assert hits == []
    assert_article(article)


# --- text that is hard in other ways ------------------------------------------------------------


def test_mixed_rtl_ltr_text_and_emoji_come_out_unchanged() -> None:
    article = clean(h.rtl_page())
    assert_article(article, h.RTL_PARAGRAPHS)


def test_page_of_links_gives_an_empty_article_with_a_reason() -> None:
    article = clean(h.link_farm(500))
    assert article.text == ""
    assert errors.ONLY_BOILERPLATE in warning_ids(article)


def test_ranking_list_only_gives_an_empty_article_with_a_reason() -> None:
    article = clean(h.ranking_only())
    assert article.text == ""
    assert errors.ONLY_BOILERPLATE in warning_ids(article)
    assert any(r.startswith("sidebar-heading") for b in article.blocks for r in b.reasons)


# --- plain text or markup -------------------------------------------------------------------------

# Plain text whose "<", ">" and "&" are not markup, with two look-alikes of known tags in it.
STRAY_BRACKETS = (
    "Comparing values in a loop",
    "In most languages you write if a < b and b > c to compare three values, and a<b<c does not "
    "mean the same thing everywhere, so the style guide asks for the long form in every review.",
    "Documentation uses placeholders such as <not a tag> or <your name here>, arrows such as -> "
    "and <-, and ampersands as in Q&A or R&D; none of them is markup, and all of them are text.",
    "A line such as x <p and y> q is not markup either, nor is <a b c> in a text on algebra, "
    "where a < b < c holds for every triple the exercise lists at the end of the chapter.",
)


def test_text_with_stray_angle_brackets_is_plain_text_and_keeps_them() -> None:
    text = "\n\n".join(STRAY_BRACKETS)
    assert not parse.looks_like_html(text)
    article = clean(text)
    for sentence in ("if a < b and b > c", "<not a tag>", "<your name here>", "Q&A or R&D"):
        assert sentence in article.text


@pytest.mark.parametrize(
    "markup",
    [
        "<!DOCTYPE html><title>x</title>Text",
        "<html><p>x</p></html>",
        "  <body>Text only</body>",
        "<p>One paragraph.</p>",
        "<p>If a &lt; b, then b &gt; a.</p><p>Always.</p>",
        "<div class=story><h1>Title</h1><p>Text with a < b inside.</p></div>",
        "<style>" + "p { color: red }\n" * 10_000 + "</style><div><p>Text</p></div>",
        '<meta http-equiv="Content-Security-Policy" content="' + "x " * 5_000 + '"><title>T',
        "<!-- a comment with < and > --><div>Text</div>",
    ],
    ids=[
        "doctype",
        "html",
        "body",
        "fragment",
        "entities",
        "stray-inside",
        "css",
        "csp",
        "comment",
    ],
)
def test_markup_is_html(markup: str) -> None:
    assert parse.looks_like_html(markup)


@pytest.mark.parametrize(
    "text",
    [
        "if a < b then b > a",
        "Use <not a tag> and <your name> as placeholders.",
        "x <p and y> q, then a < b and b < c and c < d.",
        # A text dump with the two tags of a <noscript> left in it, in 4 KB of lines.
        "Politics\nWorld\n" * 50
        + '<img height="1" width="1" src="/p?x=1"> <img src="/q">\n'
        + "A line of the article, long enough to read as prose in a text dump.\n" * 50,
    ],
    ids=["comparison", "placeholders", "tag-look-alike", "leftover-tags"],
)
def test_text_is_not_html(text: str) -> None:
    assert not parse.looks_like_html(text)


# --- case-folded look-alikes of tag names --------------------------------------------------------


@pytest.mark.parametrize(
    "before",
    [
        "<\u017fcript>var a = 1;",  # "ſcript": the regex module's IGNORECASE folds ſ to s
        "<p>\u2039\u017fcript> x</p>",
        "<\u0131frame>menu",  # "ıframe"
        "<no\u212aembed x>",  # Kelvin sign K for k... no such tag either
        "<\u017fpan " + " ".join(f"data-a{i}=x" for i in range(100)) + ">menu",
    ],
    ids=["long-s-script", "quoted-long-s-script", "dotless-iframe", "kelvin", "long-s-attributes"],
)
def test_folded_look_alikes_are_no_tags(before: str) -> None:
    # HTML5 reads a tag name only after an ASCII letter and compares names in ASCII case only:
    # "<ſcript>" is text, not a script that swallows the article (or a KeyError).
    article = clean(h.article_page(before=before))
    assert_article(article)
    assert errors.ATTRIBUTES_CUT not in warning_ids(article)


def test_a_real_script_after_a_folded_look_alike_is_still_closed() -> None:
    article = clean(h.article_page(before="<p>\u017fcript</p><script>var a = 1;"))
    assert_article(article)
    assert "var a" not in article.text


# --- nothing escapes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "error",
    [
        etree.ParserError("x"),
        UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"),
        RecursionError(),
        MemoryError(),
    ],
    ids=["lxml", "unicode", "recursion", "memory"],
)
def test_library_errors_become_extraction_failed(
    error: BaseException, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(parse, "parse_page", broken)
    with pytest.raises(ExtractionFailed) as raised:
        clean(h.article_page())
    assert raised.value.__cause__ is error
    assert isinstance(raised.value, NewscleanError)


def test_every_benchmark_case_has_an_outcome_clean_can_give() -> None:
    assert {c.expect for c in h.benchmark_cases()} <= {"article", "empty", "too-large"}


def test_random_high_bytes_are_binary() -> None:
    import random

    from newsclean import clean

    noise = bytes(random.Random(7).randrange(0x80, 0x100) for _ in range(1_000_000))
    article = clean(noise)
    assert article.text == ""
    assert any(w.startswith("binary-input") for w in article.warnings)


def test_japanese_text_without_ascii_is_not_binary() -> None:
    from newsclean import clean

    sentence = "東京都は月曜日、新しい予算案を発表し、学校や道路への支出を増やすと明らかにした。"
    for encoding in ("utf-8", "shift_jis"):
        article = clean((sentence * 40).encode(encoding), kind="text")
        assert not any(w.startswith("binary-input") for w in article.warnings), encoding
