"""A body in several places: further sections, repeated cards, the <main> landmark, content the
page hides until a script runs, and the best candidate when nothing reads as body."""

from __future__ import annotations

import pytest
from test_context import BODY as CONTEXT_BODY

from newsclean import clean, errors
from newsclean.model import Article
from newsclean.rules import RuleSet, load_text

# The first three paragraphs of the context tests' article.
BODY = CONTEXT_BODY[:3]
SECOND = (
    "The second part of the report looks at the ferry terminal, which was built in 1962 and has "
    "not been renovated since, according to the engineers who inspected it this spring.",
    "Its roof leaks in three places, they wrote, and the waiting room can no longer be heated in "
    "winter, so passengers wait outside in the wind for the morning crossing.",
)
NAV = "<nav><ul>" + "".join(f"<li><a href='/{w}'>{w}</a></li>" for w in "abcdefgh") + "</ul></nav>"


def paragraphs(texts: tuple[str, ...]) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def widget(n: int = 14) -> str:
    """A large embedded widget of short linked items between two parts of a body."""
    items = "".join(f"<li><a href='/w{i}'>Widget entry {i}</a></li>" for i in range(n))
    return f"<div class='widget-carousel'><ul>{items}</ul></div>"


def warnings_of(article: Article) -> list[str]:
    return [w.split(":")[0] for w in article.warnings]


def test_a_body_cut_in_two_by_a_widget_keeps_both_parts() -> None:
    html = (
        f"<html><body>{NAV}<div>{paragraphs(BODY)}</div>{widget()}<div>{paragraphs(SECOND)}</div>"
    )
    article = clean(html + "</body></html>")
    for text in (*BODY, *SECOND):
        assert text in article.paragraphs
    assert not any(p.startswith("Widget entry") for p in article.paragraphs)
    reasons = {r for b in article.blocks if b.kept for r in b.reasons}
    assert "body-section" in reasons


def test_precision_mode_keeps_only_the_main_run() -> None:
    html = (
        f"<html><body>{NAV}<div>{paragraphs(BODY)}</div>{widget()}<div>{paragraphs(SECOND)}</div>"
    )
    balanced = clean(html + "</body></html>")
    precise = clean(html + "</body></html>", favor="precision")
    assert set(precise.paragraphs) < set(balanced.paragraphs)
    assert set(BODY) <= set(precise.paragraphs)


def test_an_unknown_favor_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="favor"):
        clean("<p>x</p>", favor="everything")  # type: ignore[arg-type]


def card(i: int) -> str:
    return (
        f"<div class='card'><h3><a href='/story-{i}'>Council approves plan number {i}</a></h3>"
        f"<div class='meta'>By Ann Lee</div><div class='meta'>Dec {i}, 2025</div>"
        f"<p>The council approved the plan on a vote of seven to two on Monday evening, after "
        f"a debate that lasted more than three hours, item {i}.</p></div>"
    )


def test_a_listing_keeps_each_card_whole() -> None:
    cards = "".join(card(i) for i in range(1, 7))
    html = f"<html><body>{NAV}<main><div class='grid'>{cards}</div></main></body></html>"
    article = clean(html, url="https://news.example.com/news/")
    assert article.page_type == "listing"
    for i in range(1, 7):
        assert f"Council approves plan number {i}" in article.paragraphs
        assert f"Dec {i}, 2025" in article.paragraphs
        assert "By Ann Lee" in article.paragraphs


def test_an_article_does_not_keep_teaser_cards() -> None:
    cards = "".join(card(i) for i in range(1, 4))
    body = f"<article>{paragraphs(BODY)}</article><aside><div>{cards}</div></aside>"
    article = clean(f"<html><body>{NAV}{body}</body></html>")
    assert article.page_type == "article"
    assert not any(p.startswith("Council approves plan") for p in article.paragraphs)


def test_content_only_in_noscript_is_read() -> None:
    html = f"<html><body>{NAV}<div id='app'></div><noscript>{paragraphs(BODY)}</noscript></body>"
    article = clean(html + "</html>")
    assert article.paragraphs == BODY


def test_noscript_beside_a_body_stays_out() -> None:
    nag = (
        "<noscript><p>Please enable JavaScript to use every feature of this website.</p></noscript>"
    )
    article = clean(f"<html><body>{NAV}<article>{paragraphs(BODY)}</article>{nag}</body></html>")
    assert article.paragraphs == BODY


def test_a_streamed_hidden_boundary_is_read_when_nothing_else_is_body() -> None:
    html = f"<html><body>{NAV}<div hidden id='S:0'>{paragraphs(BODY)}</div></body></html>"
    assert clean(html).paragraphs == BODY


def test_a_page_hidden_by_its_style_until_it_loads_is_read() -> None:
    # The whole page inside <div style="visibility:hidden">, shown by a script once loaded.
    hidden = f"<div style='visibility:hidden;min-height:100vh'>{NAV}{paragraphs(BODY)}</div>"
    assert clean(f"<html><body>{hidden}</body></html>").paragraphs == BODY


def test_a_menu_hidden_by_its_style_stays_out_beside_a_body() -> None:
    menu = "<div style='display:none'><p>Hidden menu text that nobody reads on the page.</p></div>"
    article = clean(f"<html><body>{NAV}{menu}<div>{paragraphs(BODY)}</div></body></html>")
    assert article.paragraphs == BODY


def test_the_best_candidate_is_kept_with_a_warning_when_nothing_reads_as_body() -> None:
    # Every line is short and has no sentence ending: nothing scores as body on its own.
    lines = "".join(f"<div class='sidebar'>Opening hours {d} 9 to 17</div>" for d in "MTWF")
    article = clean(f"<html><body>{NAV}<div class='sidebar'>{lines}</div></body></html>")
    assert article.text
    assert errors.BEST_CANDIDATE in warnings_of(article)
    assert all("best-candidate" in b.reasons for b in article.blocks if b.kept)
    # The kept blocks carry the fallback pass's decision only, not the first pass's verdict
    # that dropped them.
    assert all("outside-body" not in b.reasons for b in article.blocks if b.kept)


def test_the_best_candidate_never_brings_back_what_a_site_rule_dropped() -> None:
    lines = "".join(f"<div class='sidebar'>Opening hours {d} 9 to 17</div>" for d in "MTWF")
    page = f"<html><body>{NAV}<div class='sidebar'>{lines}</div></body></html>"
    rules = RuleSet(
        (
            load_text(
                'hosts = ["harbour.example"]\ndrop_text = ["^Opening hours M"]\n', rule_id="hours"
            ),
        )
    )
    article = clean(page, url="https://harbour.example/hours", rules=rules)
    assert errors.BEST_CANDIDATE in warnings_of(article)
    assert "Opening hours M 9 to 17" not in article.text
    assert "Opening hours T 9 to 17" in article.text


def test_an_article_inside_a_nav_left_open_reads_as_article() -> None:
    html = f"<html><body><nav><ul><li>Home</li></ul><main>{paragraphs(BODY)}</main></nav></body>"
    article = clean(html + "</html>")
    assert article.paragraphs == BODY
    components = dict(article.kept_blocks[0].components)
    assert "article-tag" in components
    assert not any(name.startswith("boilerplate-tag") for name in components)


def test_a_wrapper_named_like_furniture_that_holds_the_prose_is_not_furniture() -> None:
    # A newsletter platform wraps every post in class="newsletter-post".
    body = f"<div class='newsletter-post'><article>{paragraphs(BODY + SECOND)}</article></div>"
    article = clean(f"<html><body>{NAV}{body}</body></html>")
    assert article.paragraphs == BODY + SECOND
    assert "prose-class" in dict(article.kept_blocks[0].components)


def test_a_cookie_policy_holding_most_prose_stays_furniture() -> None:
    policy = paragraphs(SECOND * 3)
    html = f"<html><body>{NAV}<article>{paragraphs(BODY[:1])}</article>"
    article = clean(html + f"<div class='cookie-popup'>{policy}</div></body></html>")
    assert not any(p in article.paragraphs for p in SECOND)


def test_a_description_rendered_twice_in_a_row_is_kept_once() -> None:
    description = paragraphs(BODY)
    html = f"<html><body>{NAV}<main><div>{description}</div><div>{description}</div></main>"
    article = clean(html + "</body></html>")
    assert article.paragraphs == BODY
    assert sum("repeat" in b.reasons for b in article.blocks) == len(BODY)


def test_a_line_that_recurs_apart_is_content() -> None:
    question = "What inspired you to start cooking for other people in the first place?"
    interviews = "".join(
        f"<h3>{q}</h3><p>{question}</p><p>{answer}</p>"
        for q, answer in (("Anna", BODY[0]), ("Boris", BODY[1]), ("Chen", BODY[2]))
    )
    article = clean(f"<html><body>{NAV}<article>{interviews}</article></body></html>")
    assert article.paragraphs.count(question) == 3


def _skip_item_sections(texts: tuple[str, ...]) -> str:
    sections = "".join(
        f"<div class='skip-item'><h2>Part {n}</h2><p>{t}</p></div>" for n, t in enumerate(texts)
    )
    footer = "<div class='skip-item'><a href='/top'>Back to top</a></div>"
    return f"<html><body>{NAV}<div>{sections}</div>{footer}</body></html>"


SIX = (*BODY, *SECOND, CONTEXT_BODY[3])


def test_a_furniture_class_on_every_section_of_the_article_is_not_furniture() -> None:
    # Each section of the article sits in its own class="skip-item" element ("skip" names a
    # skip link): the name marks the prose of six elements, so it does not mark furniture.
    article = clean(_skip_item_sections(SIX))
    assert all(t in article.paragraphs for t in SIX)
    assert "Back to top" not in article.text
    assert "prose-class" in dict(article.kept_blocks[-1].components)


def test_a_furniture_class_on_fewer_elements_keeps_its_penalty() -> None:
    article = clean(_skip_item_sections(SIX[:5]))
    assert not any("prose-class" in dict(b.components) for b in article.blocks)


def test_credit_lines_of_figures_do_not_cut_the_body_in_two() -> None:
    # A review: a short section per product, each followed by a gallery whose captions are
    # credit lines that score as furniture, then a long verdict. The captions stay out; the
    # sections stay in the body with the verdict, though each is far lighter than it.
    credit = (
        "<figure><img src='a.jpg'><figcaption>Credit: Harbour Photo Agency</figcaption></figure>"
    )
    gallery = f"<div class='gallery'>{credit * 6}</div>"
    sections = "".join(f"<div><h2>Part {n}</h2><p>{t}</p></div>{gallery}" for n, t in
                       enumerate(SECOND))  # fmt: skip
    verdict = f"<div><h2>Verdict</h2>{paragraphs((*CONTEXT_BODY, *BODY))}</div>"
    article = clean(f"<html><body>{NAV}<div>{sections}{verdict}</div></body></html>")
    assert all(t in article.paragraphs for t in (*SECOND, *CONTEXT_BODY))
    assert "Credit" not in article.text
