"""Hostile inputs for ``clean()``, generated at any scale.

Shared by ``tests/test_hostile.py`` (small versions, fast) and ``benchmarks/hostile.py`` (the sizes
of issue 7: a 50 MB page, 100,000 nested divs, 1,000,000 sibling paragraphs...). Every generator
takes a ``scale`` (1 = unit-test size) and returns the page as bytes.
"""

from __future__ import annotations

import gzip
import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass

MB = 1_000_000

# The article every "article comes out" case hides somewhere: six paragraphs of plain news prose.
ARTICLE_PARAGRAPHS: tuple[str, ...] = (
    "The harbour authority said on Tuesday that the northern pier would reopen next month, "
    "after engineers finished replacing the corroded steel supports beneath the deck.",
    "Repairs began in March, when inspectors found that salt water had eaten through several "
    "beams, and the work has cost the city about 14 million euros so far.",
    "Fishermen who moor their boats at the pier welcomed the news, although several of them "
    "said the closure had forced them to sail from a village twenty kilometres away.",
    "The mayor told reporters that the council would publish the full inspection report, "
    "including the list of contractors and the timetable for the remaining work.",
    "Opposition councillors questioned why the problems had not been found earlier, and asked "
    "for an independent review of how the port maintains its older structures.",
    "The authority expects the pier to carry ferry traffic again by the summer season, when "
    "visitor numbers usually double and the town depends on the crossing.",
)
ARTICLE_TITLE = "Northern pier to reopen after repairs"


def article_html(paragraphs: tuple[str, ...] = ARTICLE_PARAGRAPHS) -> str:
    """The article as an <article> element with a heading."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<article><h1>{ARTICLE_TITLE}</h1>{body}</article>"


def page(body: str, *, head: str = "", charset: str = "utf-8") -> str:
    """A whole HTML page around ``body``."""
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{ARTICLE_TITLE}</title>'
        f"{head}</head><body>{body}</body></html>"
    )


def article_page(before: str = "", after: str = "") -> bytes:
    """The article page with ``before`` and ``after`` around the article, as UTF-8."""
    return page(before + article_html() + after).encode()


# --- generators: scale 1 is the unit-test size ------------------------------------------------


def big_page(scale: int) -> bytes:
    """A genuine page of about ``scale`` MB: the article, then many more news paragraphs."""
    filler = "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    copies = max(1, scale * MB // len(filler))
    return article_page(after="<section>" + filler * copies + "</section>")


def nested_divs(depth: int) -> bytes:
    """The article ``depth`` divs deep, then a paragraph after the nest."""
    inner = "<div>" * depth + article_html() + "</div>" * depth
    return page(inner + "<p>Closing note after the nested divs.</p>").encode()


INLINE_TAGS: tuple[str, ...] = ("b", "i", "span", "a")


def nested_inline(count: int, inner: str, tags: tuple[str, ...] = INLINE_TAGS) -> str:
    """``inner`` inside ``count`` nested inline tags, cycling through ``tags``, all closed."""
    names = [tags[level % len(tags)] for level in range(count)]
    return (
        "".join(f"<{name}>" for name in names)
        + inner
        + "".join(f"</{name}>" for name in reversed(names))
    )


def nested_inline_menu(count: int) -> bytes:
    """A menu inside ``count`` nested inline tags (<b><i><span><a>...), then the article."""
    return page(nested_inline(count, "Home") + article_html()).encode()


def sibling_paragraphs(count: int) -> bytes:
    """The article, then ``count`` sibling paragraphs of one word each."""
    return article_page(after="<p>x</p>" * count)


def huge_text_node(chars: int) -> bytes:
    """One paragraph of ``chars`` characters of prose: the article is that paragraph."""
    sentence = ARTICLE_PARAGRAPHS[0] + " "
    text = (sentence * (chars // len(sentence) + 1))[:chars]
    return page(f"<article><h1>{ARTICLE_TITLE}</h1><p>{text}</p></article>").encode()


def huge_attribute(chars: int) -> bytes:
    """A ``chars``-character class attribute on a div before the article."""
    value = ("ab " * (chars // 3 + 1))[:chars]
    return article_page(before=f'<div class="{value}">Menu</div>')


def many_class_names(names: int, paragraphs: int) -> bytes:
    """The article and ``paragraphs`` more paragraphs inside two divs with ``names`` class names
    each (every block inherits its ancestors' class tokens)."""
    classes = " ".join(f"c{i}" for i in range(names))
    filler = "".join(
        f"<p>Paragraph {i} of the archive, with a sentence.</p>" for i in range(paragraphs)
    )
    return page(
        f'<div class="{classes}"><div id="x" class="{classes[::-1]}">{article_html()}'
        f"{filler}</div></div>"
    ).encode()


def json_ld(nesting: int, body_words: int) -> bytes:
    """A JSON-LD script nested ``nesting`` arrays deep, and one whose articleBody has
    ``body_words`` words, in the head of the article page."""
    deep = "[" * nesting + "]" * nesting
    body = "word " * body_words
    head = (
        f'<script type="application/ld+json">{deep}</script>'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H", '
        f'"articleBody": "{body}"}}</script>'
    )
    return page(article_html(), head=head).encode()


def many_attributes(count: int) -> bytes:
    """One tag with ``count`` attributes (values holding ">"), before the article."""
    attributes = " ".join(f'data-a{i}=">{i}"' for i in range(count))
    return article_page(before=f"<div {attributes}>Menu</div>")


def big_script_and_style(chars: int) -> bytes:
    """``chars`` characters of inline script and as many of style before the article."""
    script = ("var a=[1,2,3];if(a.length<4&&x>2){y='<p>not text</p>';}\n" * chars)[:chars]
    style = (".menu{color:red}p>b{margin:0}\n" * chars)[:chars]
    head = f"<style>{style}</style><script>{script}</script>"
    return page(article_html(), head=head).encode()


def gzip_bomb(inflated: int) -> bytes:
    """A gzip member that inflates to ``inflated`` zero bytes."""
    return _compressed_zeros(inflated, zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS))


def zlib_bomb(inflated: int) -> bytes:
    """A zlib stream that inflates to ``inflated`` zero bytes."""
    return _compressed_zeros(inflated, zlib.compressobj(9))


def _compressed_zeros(size: int, compressor: zlib._Compress) -> bytes:
    chunk = bytes(MB)
    pieces = [compressor.compress(chunk) for _ in range(size // MB)]
    pieces.append(compressor.compress(bytes(size % MB)))
    pieces.append(compressor.flush())
    return b"".join(pieces)


def gzip_page() -> bytes:
    """The article page, gzip-compressed as a server sends it."""
    return gzip.compress(article_page())


def random_bytes(size: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size)


def png(size: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random_bytes(size)


def pdf(size: int) -> bytes:
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n" + random_bytes(
        size
    )


def link_farm(count: int) -> bytes:
    """A page that is nothing but links."""
    links = "".join(
        f'<li><a href="/story/{i}">Cheap flights and hotel deals number {i} for your holiday</a>'
        "</li>"
        for i in range(count)
    )
    return page(f"<nav><ul>{links}</ul></nav><div>{links}</div>").encode()


def ranking_only() -> bytes:
    """A page that is only a "most read" ranking list."""
    items = "".join(
        f'<li><a href="/news/{i}">{i}. Minister resigns after a row over the budget for region '
        f"{i}</a></li>"
        for i in range(1, 11)
    )
    return page(f"<h2>Most read</h2><ol>{items}</ol>").encode()


def xxe_pages(canary_path: str, port: int) -> dict[str, bytes]:
    """XHTML pages that try to read ``canary_path`` or reach ``127.0.0.1:port``, by kind."""
    file_url = f"file://{canary_path}"
    net = f"http://127.0.0.1:{port}"
    prolog = '<?xml version="1.0" encoding="utf-8"?>\n'
    doctypes = {
        "local file entity": f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{file_url}">]>',
        "parameter entity": (
            f'<!DOCTYPE html [<!ENTITY % pe SYSTEM "{file_url}"> %pe;'
            f'<!ENTITY % remote SYSTEM "{net}/pe.dtd"> %remote;]>'
        ),
        "external DTD": f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "{file_url}">',
        "network URL": (
            f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "{net}/xhtml1.dtd" '
            f'[<!ENTITY xxe SYSTEM "{net}/secret">]>'
        ),
        "billion laughs": '<!DOCTYPE html [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'
            for n in range(1, 10)
        )
        + "]>",
    }
    body = article_html().replace("</h1>", "</h1><p>&xxe; &lol9;</p>")
    return {
        name: (
            f'{prolog}{doctype}<html xmlns="http://www.w3.org/1999/xhtml"><head>'
            f"<title>{ARTICLE_TITLE}</title></head><body>{body}</body></html>"
        ).encode()
        for name, doctype in doctypes.items()
    }


# Mixed right-to-left and left-to-right prose with emoji.
RTL_PARAGRAPHS: tuple[str, ...] = (
    "قال وزير النقل يوم الثلاثاء إن الرصيف الشمالي سيعاد فتحه الشهر المقبل 🚢 بعد إصلاح "
    "الدعامات الفولاذية، وأضاف أن شركة Harbour Works Ltd أنهت 80% من العمل.",
    "אמר ראש העירייה כי הדוח המלא יפורסם בשבוע הבא 📄, כולל רשימת הקבלנים ולוח הזמנים "
    "של העבודות שנותרו (phase 2) בנמל הישן.",
    "Visitors 👩‍👩‍👧‍👦 welcomed the news: «مرحبا» and «שלום» were painted on the reopened "
    "gate, next to a flag 🇯🇵 and a heart ❤️ drawn by local children.",
)


def rtl_page() -> bytes:
    return page(article_html(RTL_PARAGRAPHS)).encode()


# --- encodings: 12 cases, each with the text that must come out -------------------------------

FRENCH = (
    "Le ministre a déclaré que la réforme entrerait en vigueur l’été prochain, malgré les "
    "critiques des syndicats « très inquiets » pour l’avenir des hôpitaux publics."
)
GERMAN = (
    "Die Bürgermeisterin sagte, die Straßenbahn werde ab März wieder über die Brücke fahren, "
    "nachdem die Prüfer grünes Licht gegeben hätten."
)
JAPANESE = (
    "政府は火曜日、北部の港湾施設の改修工事が来月完了すると発表した。"
    "工事は三月に始まり、費用はこれまでに約二十億円に達している。"
    "地元の漁業関係者は再開を歓迎する一方、長期の閉鎖による損失の補償を求めている。"
)
CHINESE = (
    "市政府周二表示，北部码头的维修工程将于下月完工。"
    "工程于三月开始，迄今已花费约一亿四千万元。"
    "当地渔民对码头重新开放表示欢迎，但要求对长期关闭造成的损失进行补偿。"
)
QUOTED = "“The pier is safe,” the engineer said — “safer than it has been for thirty years.”"


def _prose_page(paragraphs: list[str], charset: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return page(f"<article><h1>Nouvelles</h1>{body}</article>", charset=charset)


@dataclass(frozen=True)
class EncodingCase:
    """A page's bytes and the sentences that must come out of it, decoded right."""

    name: str
    data: bytes
    expected: tuple[str, ...]


def encoding_cases() -> list[EncodingCase]:
    """The 12 encoding cases of issue 7."""
    western = [FRENCH, GERMAN, QUOTED, FRENCH + " " + GERMAN]
    ja = [JAPANESE, JAPANESE[::-1], JAPANESE]
    zh = [CHINESE, CHINESE[::-1], CHINESE]
    utf16_text = _prose_page([*western, ARTICLE_PARAGRAPHS[0]], "utf-16")
    invalid = _prose_page(western, "utf-8").encode().replace(b"Stra\xc3\x9fenbahn", b"Stra\xffbahn")
    return [
        EncodingCase(
            "utf-8 declared, cp1252 bytes",
            _prose_page(western, "utf-8").encode("cp1252"),
            (FRENCH, GERMAN, QUOTED),
        ),
        EncodingCase(
            "utf-8 declared, Shift_JIS bytes", _prose_page(ja, "utf-8").encode("shift_jis"), ja[:2]
        ),
        EncodingCase(
            "utf-8 declared, GB18030 bytes", _prose_page(zh, "utf-8").encode("gb18030"), zh[:2]
        ),
        EncodingCase(
            "Shift_JIS declared, UTF-8 bytes", _prose_page(ja, "shift_jis").encode(), ja[:2]
        ),
        EncodingCase(
            "unknown charset label, cp1252 bytes",
            _prose_page(western, "x-klingon-9").encode("cp1252"),
            (FRENCH, GERMAN, QUOTED),
        ),
        EncodingCase(
            "latin-1 label, cp1252 quotes",
            _prose_page(western, "iso-8859-1").encode("cp1252"),
            (FRENCH, QUOTED),
        ),
        EncodingCase(
            "UTF-16 LE with BOM", b"\xff\xfe" + utf16_text.encode("utf-16-le"), (FRENCH, GERMAN)
        ),
        EncodingCase(
            "UTF-16 BE with BOM", b"\xfe\xff" + utf16_text.encode("utf-16-be"), (FRENCH, GERMAN)
        ),
        EncodingCase("UTF-16 LE without BOM", utf16_text.encode("utf-16-le"), (FRENCH, GERMAN)),
        EncodingCase("UTF-16 BE without BOM", utf16_text.encode("utf-16-be"), (FRENCH, GERMAN)),
        EncodingCase(
            "Japanese article in Shift_JIS",
            _prose_page(ja, "shift_jis").encode("shift_jis"),
            ja[:2],
        ),
        EncodingCase(
            "invalid UTF-8 in a UTF-8 page",
            invalid,
            (FRENCH, QUOTED, "Die Bürgermeisterin sagte, die Stra\ufffdbahn werde"),
        ),
    ]


# Sentences of the two halves of a mixed-encoding page, each with a word that has an accent.
MIXED_HALVES: tuple[str, ...] = (
    FRENCH + " Le café du port était fermé depuis mars.",
    GERMAN + " Un autre café, déjà ouvert à l’heure du déjeuner, servait les pêcheurs.",
)


def mixed_encoding_page(first: str = "utf-8", second: str = "cp1252") -> bytes:
    """A page whose first half (the head and the first paragraph) is in ``first`` and whose second
    half is in ``second``, as when a template and pasted text disagree; it declares ``first``."""
    head = page(f"<article><h1>Nouvelles</h1><p>{MIXED_HALVES[0]}</p>SPLIT", charset=first)
    start, end = head.split("SPLIT")
    return start.encode(first) + f"<p>{MIXED_HALVES[1]}</p>{end}".encode(second)


# --- the cases of the benchmark ---------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One hostile input: how to make it, and what ``clean()`` must do with it.

    ``expect`` is "article" (the ``expected`` sentences come out, or a truncation warning says
    the article was cut), "empty" (an empty article with a warning) or "too-large"
    (``InputTooLarge``).
    """

    name: str
    make: Callable[[], bytes]
    expect: str
    expected: tuple[str, ...] = ARTICLE_PARAGRAPHS
    # ``Settings.max_bytes`` for this case, when not the default.
    max_bytes: int | None = None


def benchmark_cases(canary_path: str = "/nonexistent/canary", port: int = 9) -> list[Case]:
    """Every case of issue 7 at its full size; the XXE cases point at ``canary_path`` and at
    ``127.0.0.1:port``."""
    xxe = xxe_pages(canary_path, port)
    return [
        Case("empty bytes", lambda: b"", "empty"),
        Case("whitespace only", lambda: b" \n\t\r\n " * 1000, "empty"),
        Case("PNG", lambda: png(MB), "empty"),
        Case("PDF", lambda: pdf(MB), "empty"),
        Case("gzip of random bytes", lambda: gzip.compress(random_bytes(MB)), "empty"),
        Case("random bytes 1 MB", lambda: random_bytes(MB), "empty"),
        Case("gzip bomb 1 GB", lambda: gzip_bomb(1000 * MB), "too-large"),
        Case("zlib bomb 1 GB", lambda: zlib_bomb(1000 * MB), "too-large"),
        Case("gzip page", gzip_page, "article"),
        Case(
            "NUL bytes in HTML",
            lambda: article_page(before="<p>\x00</p>").replace(b"said", b"sa\x00id"),
            "article",
            tuple(p for p in ARTICLE_PARAGRAPHS if "said" not in p),
        ),
        *(
            Case(f"encoding: {c.name}", lambda c=c: c.data, "article", c.expected)
            for c in encoding_cases()
        ),
        Case(
            "encoding: UTF-8 then cp1252 halves",
            mixed_encoding_page,
            "article",
            MIXED_HALVES,
        ),
        Case("50 MB page", lambda: big_page(50), "too-large"),
        Case("50 MB page, max_bytes 60 MB", lambda: big_page(50), "article", max_bytes=60 * MB),
        Case("19 MB page (under the limit)", lambda: big_page(19), "article"),
        Case("100,000 nested divs", lambda: nested_divs(100_000), "article"),
        Case("1,000,000 sibling <p>s", lambda: sibling_paragraphs(1_000_000), "article"),
        Case("2,000 nested inline tags", lambda: nested_inline_menu(2_000), "article"),
        Case(
            "10 MB text node",
            lambda: huge_text_node(10 * MB + 1),
            "article",
            (ARTICLE_PARAGRAPHS[0],),
        ),
        Case("10 MB attribute", lambda: huge_attribute(10 * MB + 1), "article"),
        Case("100,000 attributes on one tag", lambda: many_attributes(100_000), "article"),
        Case(
            "1,600 class names over 5,000 paragraphs",
            lambda: many_class_names(1_600, 5_000),
            "article",
        ),
        Case("5 MB script + 5 MB style", lambda: big_script_and_style(5 * MB), "article"),
        Case("JSON-LD 100,000 deep + 5 MB", lambda: json_ld(100_000, MB), "article"),
        Case("unclosed comment", lambda: article_page(before="<!-- menu <b>x</b>"), "article"),
        Case("unclosed CDATA", lambda: article_page(before="<![CDATA[ menu <b>x</b>"), "article"),
        Case("unclosed script", lambda: article_page(before="<script>var a = 1;"), "article"),
        Case("unclosed quote", lambda: article_page(before='<a href="/x>Home</a>'), "article"),
        Case(
            "repeated open script tags",
            lambda: article_page(after="<script " * 125_000 + "/>"),
            "article",
        ),
        Case(
            "repeated open script tags above max_tags",
            lambda: article_page(after="<script " * 250_000 + "/>"),
            "article",
        ),
        *(Case(f"XXE: {name}", lambda d=data: d, "article") for name, data in xxe.items()),
        Case("RTL/LTR mixed, emoji", rtl_page, "article", RTL_PARAGRAPHS),
        Case("link farm", lambda: link_farm(5000), "empty"),
        Case("ranking list only", ranking_only, "empty"),
    ]
