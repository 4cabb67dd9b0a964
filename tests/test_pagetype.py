"""The page-type guess: declarations that decide, then a fitted model over named features
(``newsclean.pagetype``, weights in ``newsclean.pagetype_weights``)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsclean import clean, pagetype
from newsclean.model import Block, Features, Kind
from newsclean.pagetype_weights import INTERCEPTS, WEIGHTS

GOLDEN = Path(__file__).resolve().parent / "golden"
SEED = Path(__file__).resolve().parent.parent / "samples" / "japannews-nato-korea.txt"
PROSE = (
    "The harbour authority said on Tuesday that the northern pier would reopen next month, after "
    "engineers finished replacing the corroded steel supports beneath the deck."
)


def jsonld(*types: str) -> str:
    items = ",".join(f'{{"@type": "{t}"}}' for t in types)
    return f'<script type="application/ld+json">[{items}]</script>'


def page(head: str = "", body: str = f"<p>{PROSE}</p>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def nav() -> str:
    links = "".join(f'<li><a href="/{w}">{w.title()}</a></li>' for w in ("home", "about", "help"))
    return f"<header><nav><ul>{links}</ul></nav></header>"


# Small hand-written pages, one per type, each with the marks a page of its type carries.
ARTICLE = page(
    f"<title>Harbour pier to reopen next month after repairs</title>{jsonld('NewsArticle')}",
    f"""{nav()}<main><article class="story">
    <h1>Harbour pier to reopen next month after repairs</h1>
    <p class="byline">By Jane Doe</p><p>Published March 4, 2025</p>
    {"".join(f"<p>{PROSE} {i}</p>" for i in range(8))}
    </article></main>""",
)
FORUM = page(
    "<title>Printer stops after the first page - Help - Example Community</title>",
    nav()
    + "".join(
        f"""<div class="topic-post"><div class="username"><a href="/u/user{i}">user{i}</a></div>
        <p>Joined</p><p>Mar {i + 1}, 2025</p>
        <div class="post-body"><p>My printer stops after page one, any ideas? I tried a new
        driver and another cable{i}.</p></div><p>Reply</p><p>Quote</p><p>{i} Likes</p></div>"""
        for i in range(6)
    ),
)
PRODUCT = page(
    "<title>Classic wool socks</title>" + jsonld("Product", "Offer"),
    f"""{nav()}<main><div class="product-detail"><h1>Classic wool socks</h1>
    <p class="price">$24.00</p><p>Size guide</p><button>Add to cart</button><p>In stock</p>
    <p>Soft merino wool socks that keep your feet warm and dry all day long.</p>
    <h2>Reviews</h2><p class="review">Great socks, very warm.</p></div></main>""",
)
COLLECTION = page(
    "<title>Socks - Shop all socks</title>",
    nav()
    + '<div class="product-grid">'
    + "".join(
        f"""<div class="product-card"><h3><a href="/products/sock-{i}">Wool sock {i}</a></h3>
        <p class="price">${10 + i}.00</p></div>"""
        for i in range(16)
    )
    + "</div>",
)
LISTING = page(
    "<title>Latest news</title>",
    nav()
    + '<div class="results">'
    + "".join(
        f"""<div class="card"><h3><a href="/news/story-number-{i}-of-the-day">Story number {i}
        of the day</a></h3><p>March {i + 1}, 2025</p><p>By Jane Doe</p></div>"""
        for i in range(16)
    )
    + "</div>",
)
DOCUMENTATION = page(
    "<title>Install - Example docs</title>",
    f"""{nav()}<aside class="toc"><p>On this page</p></aside><main class="docs-content">
    <h1>Installation</h1><p>Install the package with pip, then import it.</p>
    <pre><code>pip install example
python -m example --version</code></pre>
    <h2>Parameters</h2><p>The function takes a path and returns a list.</p>
    <pre><code>example.load("data.csv")</code></pre><p>Edit this page</p></main>""",
)
SERVICE_SECTIONS = "".join(
    f'<section class="services"><h2>Service {i}</h2><p>We fix leaks fast.</p></section>'
    for i in range(6)
)
SERVICE = page(
    "<title>Plumbing services | Example Plumbing Company</title>",
    f"""{nav()}<section class="hero"><h1>Plumbing you can count on</h1>
    <p>Get a quote</p></section>
    {SERVICE_SECTIONS}
    <section class="testimonials"><h2>Testimonials</h2><p>They came the same day!</p></section>
    <section class="cta"><p>Contact us</p><p>Free estimate</p></section>""",
)
HAND_WRITTEN = [
    (ARTICLE, "https://news.example.com/2025/03/04/harbour-pier-to-reopen-next-month", "article"),
    (FORUM, "https://community.example.org/t/printer-stops-after-the-first-page/12345", "forum"),
    (PRODUCT, "https://shop.example.com/products/classic-wool-socks", "product"),
    (COLLECTION, "https://shop.example.com/collections/socks", "collection"),
    (LISTING, "https://news.example.com/news/", "listing"),
    (DOCUMENTATION, "https://docs.example.com/guide/install", "documentation"),
    (SERVICE, "https://plumbing.example.com/services/", "service"),
]


@pytest.mark.parametrize(("html", "url", "expected"), HAND_WRITTEN)
def test_a_small_page_of_each_type_is_guessed_its_type(html: str, url: str, expected: str) -> None:
    article = clean(html, url=url)
    assert article.page_type == expected
    assert article.page_type_reason is not None


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        (("DiscussionForumPosting",), "forum"),
        (("QAPage",), "forum"),
        (("TechArticle",), "documentation"),
        (("APIReference", "WebPage"), "documentation"),
    ],
)
def test_a_decisive_json_ld_type_decides_alone(types: tuple[str, ...], expected: str) -> None:
    # Even on a shop's URL: the declaration is read before anything is weighed.
    article = clean(page(jsonld(*types)), url="https://shop.example.com/products/x")
    assert article.page_type == expected
    assert article.page_type_reason == f"json-ld:{types[0]}"


@pytest.mark.parametrize(
    ("og_type", "expected"),
    [("product", "product"), ("product.item", "product"), ("product.group", "collection")],
)
def test_an_og_type_that_names_products_decides_alone(og_type: str, expected: str) -> None:
    head = f'<meta property="og:type" content="{og_type}">'
    article = clean(page(head), url="https://news.example.com/2025/03/04/a-long-story-slug")
    assert (article.page_type, article.page_type_reason) == (expected, f"og:type:{og_type}")


def test_a_declared_article_type_is_weighed_not_obeyed() -> None:
    # A review declares the product it reviews beside itself: Product and NewsArticle together
    # on an article's page are an article.
    html = ARTICLE.replace(jsonld("NewsArticle"), jsonld("NewsArticle", "Product"))
    url = "https://news.example.com/2025/03/04/harbour-pier-to-reopen-next-month"
    assert clean(html, url=url).page_type == "article"


def test_a_snippet_with_no_declaration_or_url_shape_is_an_article() -> None:
    article = clean(page(body=f"<p>{PROSE}</p>" * 2))
    assert (article.page_type, article.page_type_reason) == ("article", "little-evidence")
    assert clean(PROSE + "\n\n" + PROSE, kind="text").page_type == "article"


def test_a_snippet_with_a_url_shape_is_weighed() -> None:
    guess = pagetype.guess("https://community.example.org/t/printer-stops/12345", [])
    assert guess.page_type == "forum"
    assert guess.reason.startswith("fitted:url-forum")


def test_nothing_at_all_is_other() -> None:
    assert pagetype.guess(None, []) == pagetype.Guess("other", "no-evidence")


def test_the_reason_names_the_features_that_put_the_winner_ahead() -> None:
    url = "https://community.example.org/t/printer-stops-after-the-first-page/12345"
    reason = clean(FORUM, url=url).page_type_reason
    assert reason is not None and reason.startswith("fitted:")
    named = reason.removeprefix("fitted:").split(",")
    assert 1 <= len(named) <= pagetype.REASON_FEATURES
    assert set(named) <= set(pagetype.FEATURES)


@pytest.mark.parametrize(
    "name", ["billboard-tour-en", "indiapost-teasers-en", "lhpat-trademark-ja", "recipe-jam-en"]
)
def test_real_news_and_blog_pages_are_articles(name: str) -> None:
    html = gzip.decompress((GOLDEN / f"{name}.html.gz").read_bytes())
    assert clean(html).page_type == "article"


def test_the_seed_is_an_article() -> None:
    assert clean(SEED.read_text(encoding="utf-8")).page_type == "article"


def block(text: str, kind: Kind = Kind.PARAGRAPH, **features: object) -> Block:
    feats = Features(chars=len(text), words=len(text.split()), **features)  # type: ignore[arg-type]
    return Block(0, text, kind, feats)


def test_features_measure_the_blocks_shape_in_shares_of_the_text() -> None:
    prose = block(PROSE + " " + PROSE, sentence_end=True)
    item = block("Harbour news", Kind.LIST_ITEM, link_density=1.0, path=("ul", "li"))
    price = block("$24.00")
    values = pagetype.features("https://shop.example.com/products/x", [prose, item, price])
    total = prose.features.chars + item.features.chars + price.features.chars
    assert values["prose-share"] == pytest.approx(prose.features.chars / total)
    assert values["list-share"] == values["linked-share"] == pytest.approx(12 / total)
    assert values["price-words"] > 0 and values["cart-words"] == 0
    assert values["url-product"] == values["url-shop-host"] == 1.0
    assert values["url-collection"] == 0.0


def test_menus_are_not_counted_as_repeated_cards() -> None:
    menu = [block(f"Link {i}", link_density=1.0, path=("nav", "ul", "li")) for i in range(20)]
    cards = [block(f"Card {i}", link_density=1.0, path=("div", "div", "h3")) for i in range(20)]
    assert pagetype.features(None, menu)["repeated-cards"] == 0.0
    assert pagetype.features(None, cards)["repeated-cards"] > 0.7


def test_the_weights_table_has_a_row_per_feature_and_a_column_per_type() -> None:
    assert set(WEIGHTS) == set(pagetype.FEATURES)
    assert all(len(row) == len(pagetype.MODEL_TYPES) for row in WEIGHTS.values())
    assert set(INTERCEPTS) == set(pagetype.MODEL_TYPES)


def test_every_feature_stays_in_its_range_on_a_real_page() -> None:
    html = gzip.decompress((GOLDEN / "recipe-jam-en.html.gz").read_bytes())
    article = clean(html)
    values = pagetype.features(article.url, article.blocks)
    assert all(0.0 <= v <= 1.0 for v in values.values()), json.dumps(values)
