"""The context pass: sidebar sections, the body stretch and its container, on small pages."""

from __future__ import annotations

import pytest

from newsclean import clean
from newsclean.model import Article, Block

BODY = (
    "The harbour authority said on Tuesday that the northern pier would reopen next month, after "
    "engineers finished replacing the corroded steel supports beneath the deck.",
    "Repairs began in March, when inspectors found that salt water had eaten through several "
    "beams, and the work has cost the city about 14 million euros so far.",
    "Fishermen who moor their boats at the pier welcomed the news, although several of them said "
    "the closure had forced them to sail from a village twenty kilometres away.",
    "The mayor told reporters that the council would publish the full inspection report, "
    "including the list of contractors and the timetable for the remaining work.",
)
HEADLINES = (
    "Storm closes ferry line for the weekend",
    "New bakery opens in the old station",
    "Council votes on bus fares",
    "School choir wins regional prize",
)
NAV = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"


def article(*inner: str) -> str:
    return "<article>" + "".join(inner) + "</article>"


def paragraphs(texts: tuple[str, ...] = BODY) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def link_list(items: tuple[str, ...] = HEADLINES) -> str:
    return (
        "<ul>" + "".join(f"<li><a href='/a{i}'>{t}</a></li>" for i, t in enumerate(items)) + "</ul>"
    )


def page(*inner: str) -> Article:
    return clean("<html><body>" + NAV + "".join(inner) + "</body></html>")


def block(art: Article, text: str) -> Block:
    return next(b for b in art.blocks if b.text == text)


def assert_body_kept(art: Article) -> None:
    for paragraph in BODY:
        assert paragraph in art.paragraphs


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("Most popular", "most-popular"),
        ("Meistgelesen", "most-popular"),
        ("人気記事", "most-popular"),
        ("Lo más leído", "most-popular"),
        ("アクセスランキング", "ranking"),
        ("Related stories", "related"),
        ("많이 본 뉴스", "most-popular"),
        ("Leia também", "related"),
        ("Самые популярные", "most-popular"),
        ("More Great WIRED Stories", "related"),
    ],
)
def test_ranking_list_after_heading_is_dropped(heading: str, name: str) -> None:
    art = page(article(paragraphs()), f"<div><h3>{heading}</h3>{link_list()}</div>")
    assert_body_kept(art)
    head = block(art, heading)
    assert not head.kept and head.reasons[0] == f"sidebar-heading:{name}"
    for title in HEADLINES:
        item = block(art, title)
        assert not item.kept
        assert f"after-heading:{heading}" in item.reasons


def test_sidebar_list_inside_the_article_is_dropped_and_the_body_around_it_stays() -> None:
    art = page(
        article(paragraphs(BODY[:2]), f"<h3>Most read</h3>{link_list()}", paragraphs(BODY[2:]))
    )
    assert_body_kept(art)
    assert not any(b.kept for b in art.blocks if b.text in HEADLINES)


@pytest.mark.parametrize(
    "heading", ["More like this", "Customers also bought", "Similar items", "Ähnliche Produkte"]
)
def test_a_shops_recommendations_after_the_body_are_dropped(heading: str) -> None:
    art = page(article(paragraphs(BODY), f"<h2>{heading}</h2>{link_list()}"))
    assert_body_kept(art)
    assert not any(b.kept for b in art.blocks if b.text in HEADLINES)
    first = next(b for b in art.blocks if b.text == HEADLINES[0])
    assert first.reasons[0] == "sidebar-section:recommended"


def test_short_blocks_inside_the_body_stay() -> None:
    art = page(
        article(
            paragraphs(BODY[:2]),
            "<h2>What happens next</h2><p>Work resumes in May.</p>",
            "<ul><li>New supports</li><li>A wider deck</li></ul>",
            paragraphs(BODY[2:]),
        ),
        "<footer><p>Contact</p></footer>",
    )
    assert_body_kept(art)
    for short in ("What happens next", "Work resumes in May.", "New supports", "A wider deck"):
        assert short in art.paragraphs, short
    assert "Contact" not in art.paragraphs
    assert not block(art, "Home").kept


def test_a_run_of_headline_links_without_a_heading_stays_out_of_the_body() -> None:
    art = page(article(paragraphs()), f"<div>{link_list()}</div>")
    assert_body_kept(art)
    assert not any(b.kept for b in art.blocks if b.text in HEADLINES)


def test_teaser_list_with_ledes_is_dropped_with_its_heading() -> None:
    teasers = "".join(
        f"<li><a href='/t{i}'>{t}</a> {BODY[i % 4][:120]}.</li>" for i, t in enumerate(HEADLINES)
    )
    art = page(f"<div><div>Breaking News</div><ul>{teasers}</ul></div>", article(paragraphs()))
    assert_body_kept(art)
    assert not block(art, "Breaking News").kept
    assert not any(b.kept for b in art.blocks if b.text.startswith(HEADLINES))


def test_share_button_worded_like_a_heading_does_not_swallow_the_body() -> None:
    art = page(
        article("<div><a href='whatsapp://send'>Share this on WhatsApp</a></div>", paragraphs())
    )
    assert_body_kept(art)


def test_a_section_heading_that_merely_mentions_sharing_stays() -> None:
    art = page(
        article(paragraphs(BODY[:2]), "<h2>How to share your screen</h2>", paragraphs(BODY[2:]))
    )
    assert "How to share your screen" in art.paragraphs


def test_a_heading_that_only_names_furniture_drops_on_its_own() -> None:
    art = page(article(paragraphs(), "<h3>You may also like:</h3>"))
    assert_body_kept(art)
    assert block(art, "You may also like:").reasons == ("sidebar-heading:recommended",)


def test_comments_after_the_article_are_dropped() -> None:
    comment = (
        "I moor my boat there every summer and I am glad to hear it, although the council should "
        "have acted years ago when the first cracks appeared in the deck."
    )
    art = page(
        article(paragraphs()),
        f"<div class='comments'><h3>2 Comments</h3><div class='comment'><p>{comment}</p></div>"
        f"<div class='comment'><p>{comment}</p></div></div>",
    )
    assert_body_kept(art)
    assert comment not in art.text


def test_a_class_name_on_a_wrapper_of_the_whole_body_does_not_drop_it() -> None:
    art = page(
        "<div class='js-breadcrumb-wrap'>",
        article(paragraphs(BODY[:2]), "<p>Dates: May 3 -- Oslo</p>", paragraphs(BODY[2:])),
        "</div>",
    )
    assert_body_kept(art)
    kept = block(art, BODY[0])
    assert "shared-class" in {name for name, _ in kept.components}


def test_hashed_class_names_still_work() -> None:
    html = (
        "<html><body><div class='css-1q2w3e'><a href='/'>Home</a> <a href='/w'>World</a></div>"
        "<div class='css-9z8y7x'>"
        + "".join(f"<p class='css-4r5t6y'>{t}</p>" for t in BODY)
        + "</div><div class='css-0p9o8i'><h4 class='css-7u8i9o'>Trending</h4>"
        + link_list()
        + "</div></body></html>"
    )
    art = clean(html)
    assert art.paragraphs == BODY


def test_the_title_heading_is_metadata_not_body() -> None:
    html = (
        "<html><head><title>Northern pier to reopen</title></head><body>"
        + article("<h1>Northern pier to reopen</h1>", paragraphs())
        + "</body></html>"
    )
    art = clean(html)
    assert art.paragraphs == BODY
    assert block(art, "Northern pier to reopen").reasons == ("title",)


def test_every_block_leaves_with_a_reason() -> None:
    art = page(article(paragraphs()), f"<div><h3>Most popular</h3>{link_list()}</div>")
    assert all(b.reasons for b in art.blocks)


def test_the_authors_box_after_the_article_is_dropped() -> None:
    bio = (
        "Jane Doe has covered the harbour and the council for the Gazette since 2009, and before "
        "that she reported on shipping for a trade weekly in Rotterdam."
    )
    art = page(article(paragraphs(), f"<div class='bio'><h4>Über Jane Doe</h4><p>{bio}</p></div>"))
    assert_body_kept(art)
    assert block(art, "Über Jane Doe").reasons == ("about-heading",)
    assert not block(art, bio).kept and "about-box" in block(art, bio).reasons


def test_a_subheading_about_a_topic_is_not_an_authors_box() -> None:
    art = page(
        article(paragraphs(BODY[:2]), "<h2>About Tesla's new plan</h2>", paragraphs(BODY[2:]))
    )
    assert "About Tesla's new plan" in art.paragraphs
    assert_body_kept(art)


def test_a_layout_table_with_br_paragraphs_keeps_the_article_cell() -> None:
    html = (
        "<html><body><table><tr><td>"
        + link_list()
        + "</td><td><font size=3>"
        + "<br><br>".join(BODY)
        + "</font></td><td><h3>Most popular</h3>"
        + link_list()
        + "</td></tr></table></body></html>"
    )
    art = clean(html)
    assert art.paragraphs == BODY


def test_a_page_without_an_article_element_keeps_only_its_stretch() -> None:
    html = (
        "<html><body><div><a href='/'>Home</a> | <a href='/c'>Contact</a></div>"
        + paragraphs()
        + "<p>Tags: harbour, council</p><div>Copyright 2019 Gazette</div><div>Terms of use</div>"
        + "</body></html>"
    )
    art = clean(html)
    assert art.paragraphs == BODY


def test_a_comment_thread_under_its_heading_drops_without_class_names() -> None:
    comment = (
        "I moor my boat there every summer and I am glad to hear it, although the council should "
        "have acted years ago when the first cracks appeared in the deck, as everyone knew."
    )
    thread = "".join(
        f"<div class='css-c{i}'><h4>Reader {i}</h4><p>{comment}</p><p>{comment}</p></div>"
        for i in range(3)
    )
    html = (
        "<html><body><div class='css-a1'>"
        + paragraphs()
        + "</div><div class='css-b2'><h3>3 Comments</h3>"
        + thread
        + "</div></body></html>"
    )
    art = clean(html)
    assert art.paragraphs == BODY
    assert block(art, "3 Comments").reasons == ("sidebar-heading:comments",)


def test_sidebar_heading_equal_to_title_keeps_its_section_reason() -> None:
    from newsclean import clean

    page = (
        "<html><body><article>"
        + "<p>The council met on Monday to discuss the new budget, which raises spending on"
        " schools, roads and parks by a tenth over last year's plan.</p>"
        * 4
        + "</article><aside><h2>Most popular</h2><ul>"
        + "".join(f"<li><a href='/n{i}'>Headline number {i} of the day</a></li>" for i in range(5))
        + "</ul></aside></body></html>"
    )
    article = clean(page)  # no <title>: the metadata title falls back to the first heading
    heading = next(b for b in article.blocks if b.text == "Most popular")
    assert not heading.kept
    assert heading.reasons[0].startswith("sidebar-heading:")


def test_body_enders_name_the_barrier_else_the_weakest_block_between() -> None:
    from newsclean.context import Stretch, body_enders

    # Positions 2-3 are the body; 5 and 9 would have joined it; 7 is a barrier (a menu).
    masses = [1.0, -4.0, 9.0, 8.0, -2.0, 3.0, -1.0, 0.0, -6.0, 2.0]
    enders = body_enders(Stretch(2, 4, 17.0), masses, barriers={7})
    # After the body: 5 was cut off by the weakest block between (4), 9 by the barrier (7) even
    # though 8 weighs less. Before it: 0 by block 1. Blocks of no positive mass name nothing.
    assert enders == {5: 4, 9: 7, 0: 1}
    assert body_enders(Stretch(0, 0, 0.0), masses, barriers=set()) == {}
