"""The page-type guess: declared structured data first, then the URL's shape, then the blocks."""

from __future__ import annotations

import pytest

from newsclean import clean, pagetype

PROSE = (
    "The harbour authority said on Tuesday that the northern pier would reopen next month, after "
    "engineers finished replacing the corroded steel supports beneath the deck."
)


def jsonld(*types: str) -> str:
    items = ",".join(f'{{"@type": "{t}"}}' for t in types)
    return f'<script type="application/ld+json">[{items}]</script>'


def page(head: str = "", body: str = f"<p>{PROSE}</p>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        (("DiscussionForumPosting",), "forum"),
        (("QAPage",), "forum"),
        (("Product", "Offer"), "product"),
        (("NewsArticle",), "article"),
        # A review declares the product it reviews beside itself.
        (("Product", "NewsArticle"), "article"),
        (("TechArticle",), "documentation"),
    ],
)
def test_declared_json_ld_type_decides(types: tuple[str, ...], expected: str) -> None:
    article = clean(page(jsonld(*types)), url="https://site.example/x")
    assert article.page_type == expected
    assert article.page_type_reason.startswith("json-ld:")


def test_og_type_product_decides() -> None:
    head = '<meta property="og:type" content="product">'
    assert clean(page(head), url="https://shop.example/x").page_type == "product"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://community.example.org/t/my-printer-stopped-working/12345", "forum"),
        ("https://www.example.com/threads/best-budget-headphones.1234/", "forum"),
        ("https://shop.example.com/products/classic-wool-socks", "product"),
        ("https://shop.example.com/collections/socks", "collection"),
        ("https://docs.example.com/guide/install", "documentation"),
        ("https://www.example.com/docs/reference/api", "documentation"),
        ("https://news.example.com/news/", "listing"),
        # A slug of words is an article, whatever folder it sits in.
        (
            "https://news.example.com/news/world/2019/11/19/minister-resigns-over-budget-row",
            "article",
        ),
        ("https://agency.example.com/services/", "service"),
    ],
)
def test_url_shape_decides_when_nothing_is_declared(url: str, expected: str) -> None:
    assert pagetype.guess(url, ()).page_type == expected


def test_a_page_of_prose_with_no_other_evidence_is_an_article() -> None:
    assert clean(page(body=f"<p>{PROSE}</p>" * 3)).page_type == "article"


def test_a_page_of_linked_items_with_no_other_evidence_is_a_listing() -> None:
    items = "".join(
        f"<li><a href='/{i}'>Headline number {i} of the day</a></li>" for i in range(20)
    )
    body = f"<ul>{items}</ul><p>{PROSE}</p>"
    assert clean(page(body=body)).page_type == "listing"


def test_plain_text_gets_a_type_too() -> None:
    assert clean(PROSE + "\n\n" + PROSE, kind="text").page_type == "article"
