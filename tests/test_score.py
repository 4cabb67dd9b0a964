"""The scoring pass: each block alone, a sum of named components."""

from __future__ import annotations

import pytest

from newsclean import parse
from newsclean.blocks import segment_tree
from newsclean.model import Block
from newsclean.score import score_blocks
from newsclean.settings import DEFAULT_SETTINGS

PROSE = (
    "The council approved the new budget on Tuesday, after a debate that lasted most of the "
    "afternoon, and the mayor said the money would go to schools, roads and the harbour."
)


def scored(html: str) -> list[Block]:
    tree = parse.parse_html(f"<html><body>{html}</body></html>")
    assert tree is not None
    blocks, _ = segment_tree(tree, max_blocks=1_000)
    return score_blocks(blocks, DEFAULT_SETTINGS)


def one(html: str) -> Block:
    (block,) = scored(html)
    return block


def names(block: Block) -> set[str]:
    return {name for name, _ in block.components}


def test_score_is_the_sum_of_its_named_components() -> None:
    block = one(f"<p>{PROSE}</p>")
    assert block.score == pytest.approx(sum(v for _, v in block.components))
    assert {"length", "sentence-end", "inner-punctuation"} <= names(block)


def test_long_prose_outscores_a_short_link() -> None:
    prose, link = scored(f"<p>{PROSE}</p><p><a href='/x'>Sports</a></p>")
    assert prose.score > 1.0
    assert link.score < 0.0
    assert "link-density" in names(link) and "no-prose-marks" in names(link)


def test_furniture_tags_and_class_names_weigh_against_a_block() -> None:
    plain = one(f"<div><p>{PROSE}</p></div>")
    aside = one(f"<aside><p>{PROSE}</p></aside>")
    related = one(f"<div class='related-posts'><p>{PROSE}</p></div>")
    assert aside.score < plain.score and "boilerplate-tag:aside" in names(aside)
    assert related.score < plain.score and "negative-class:related" in names(related)


def test_weak_class_names_weigh_less_than_strong_ones() -> None:
    weak = one(f"<div class='widget'><p>{PROSE}</p></div>")
    strong = one(f"<div class='comments'><p>{PROSE}</p></div>")
    assert "weak-negative-class:widget" in names(weak)
    assert strong.score < weak.score


def test_hashed_class_names_neither_help_nor_hurt() -> None:
    hashed = one(f"<div class='css-1x2y3z e1abc0'><p>{PROSE}</p></div>")
    plain = one(f"<div><p>{PROSE}</p></div>")
    assert hashed.score == pytest.approx(plain.score)


def test_captions_weigh_against_a_block() -> None:
    caption = one(f"<figure><figcaption>{PROSE}</figcaption></figure>")
    by_class = one(f"<div class='image-caption'><p>{PROSE}</p></div>")
    assert "caption" in names(caption) and "caption" in names(by_class)
    assert caption.score < one(f"<p>{PROSE}</p>").score - 2


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our daily newsletter to get the best stories delivered to your inbox.",
        "Follow us on Twitter and Facebook for the latest updates.",
        "Have a tip? Jane Doe can be reached at jane@example.com.",
        "We may earn a commission when you buy through links on our site.",
    ],
)
def test_calls_to_action_are_promo(line: str) -> None:
    block = one(f"<p>{line}</p>")
    assert any(n.startswith("promo:") for n in names(block))
    assert block.score < 0


@pytest.mark.parametrize(
    "line",
    [
        "Posted by Jane Doe on November 19, 2019, 6:21 AM EST",
        "PUBLISHED: 00:01, Tue, Nov 19, 2019 | UPDATED: 10:43, Tue, Nov 19, 2019",
        "Nov 19, 2019 at 6:46 pm ET • 2 min read",
        "sexta-feira, 22 de outubro de 2010 às 20:13",
    ],
)
def test_datelines_are_metadata(line: str) -> None:
    assert "dateline" in names(one(f"<div>{line}</div>"))


def test_schedule_lines_and_sentences_with_dates_are_not_datelines() -> None:
    assert "dateline" not in names(one("<p>10 de março – Interlagos</p>"))
    assert "dateline" not in names(one("<p>On May 5, 2019 the board met to vote on it.</p>"))


def test_a_quoted_post_keeps_its_dated_sign_off() -> None:
    block = one("<blockquote><p>— Jane Doe (@jane) November 18, 2019</p></blockquote>")
    assert "dateline" not in names(block)


def test_boilerplate_lines_and_bare_addresses() -> None:
    assert "boilerplate-text:advertisement" in names(one("<div>Advertisement</div>"))
    assert "boilerplate-text:share" in names(one("<p>Sharing is caring!</p>"))
    assert "bare-url" in names(one("<p>https://example.com/news/2019/11/story-title</p>"))


def test_a_block_quote_counts_as_story() -> None:
    quote = one(f"<blockquote><p>{PROSE}</p></blockquote>")
    assert "quote" in names(quote)
    assert quote.score > one(f"<p>{PROSE}</p>").score


@pytest.mark.parametrize("label", ["Advert", "Advertisement", "Anzeige", "Публикация", "広告"])
def test_ad_labels_in_several_languages(label: str) -> None:
    block = one(f"<div>{label}</div>")
    is_ad = "boilerplate-text:advertisement" in names(block)
    assert is_ad == (label != "Публикация")


def test_a_script_notice_is_boilerplate() -> None:
    assert "boilerplate-text:no-script" in names(one("<p>This slideshow requires JavaScript.</p>"))


@pytest.mark.parametrize(
    "text",
    [
        "Protesters have worn masks to protect their identities (Image: GETTY)",
        "A man loads trims into his truck outside a store in Hialeah, Fla. (AP Photo/Jane Doe)",
        "In this Dec. 12, 2006, file photo, made available by NASA, two astronauts work outside.",
    ],
)
def test_caption_wording_marks_a_caption_outside_figure_markup(text: str) -> None:
    assert "caption" in names(one(f"<div>{text}</div>"))


def test_prose_about_a_photo_is_not_a_caption() -> None:
    block = one("<p>In this case, the court said the photo was fake and the ratio was 3:2.</p>")
    assert "caption" not in names(block)


def test_a_subscription_pitch_is_promo_but_a_delivery_in_the_news_is_not() -> None:
    pitch = one("<p>Get Motor Cycle Monthly delivered through your letterbox every month.</p>")
    news = one("<p>The parcel was delivered to the wrong house, the police said on Monday.</p>")
    assert "promo:newsletter-pitch" in names(pitch)
    assert not any(n.startswith("promo:") for n in names(news))


@pytest.mark.parametrize(
    "line",
    ["SEE MORE: Hong Kong protests: students under siege", "(Leggi anche su: Il nuovo film)"],
)
def test_inline_read_also_links_are_promo(line: str) -> None:
    assert "promo:read-also" in names(one(f"<p>{line}</p>"))


def test_a_label_without_a_link_title_is_not_read_also() -> None:
    assert "promo:read-also" not in names(one("<p>See more photos:</p>"))


def test_a_legal_notice_is_not_body() -> None:
    notice = (
        "This document is subject to copyright. Apart from any fair dealing for the purpose of "
        "private study or research, no part may be reproduced without the written permission."
    )
    assert "promo:legal" in names(one(f"<p>{notice}</p>"))


def test_links_of_an_embedded_post_are_citations() -> None:
    post = one(
        "<blockquote><p>— Jane Doe (<a href='https://x.com/jane'>@jane</a>) "
        "<a href='https://x.com/jane/status/1'>November 18, 2019</a></p></blockquote>"
    )
    assert "link-density" not in names(post)


def test_a_gallery_counter_is_boilerplate() -> None:
    assert "boilerplate-text:gallery-counter" in names(one("<div>Image 2 of 5</div>"))
