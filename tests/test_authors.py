"""Authors: bylines found where trafilatura looks for them, and names without roles or dates."""

from __future__ import annotations

import pytest

from newsclean import authors, metadata, parse


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Ana Li and Bo Yu, Staff Writers | May 2, 2024", ("Ana Li", "Bo Yu")),
        ("Written by: Tom Smith", ("Tom Smith",)),
        ("Nicoletta Richardson Trending Editor", ("Nicoletta Richardson",)),
        ("Cazzy Magennis Last Updated August 1", ("Cazzy Magennis",)),
        ("Author Isaiah Shelton", ("Isaiah Shelton",)),
        ("B boobaloobie Full Member", ("boobaloobie",)),
        ("Kevin Dente 2", ("Kevin Dente",)),
        ("InsaneSnow45", ("InsaneSnow45",)),
        ("Staff", ()),
        ("Podium Staff", ("Podium Staff",)),
        ("Mike Marshall, Shipping Expert", ("Mike Marshall",)),
        ("Z B Steele", ("Z B Steele",)),
        ("Audiophile On", ("Audiophile On",)),
        ("Jane Roe on May 2, 2024", ("Jane Roe",)),
        ("", ()),
    ],
)
def test_names_drop_by_roles_dates_and_staff(byline: str, expected: tuple[str, ...]) -> None:
    assert authors.names(byline) == expected


def test_a_name_held_in_a_fuller_one_is_dropped() -> None:
    assert authors.names("Craig; Craig McCarthy") == ("Craig McCarthy",)


def _tree(body: str):  # type: ignore[no-untyped-def]
    tree = parse.parse_html(f"<html><head><title>t</title></head><body>{body}</body></html>")
    assert tree is not None
    return tree


def test_specific_byline_wins_over_a_generic_one() -> None:
    tree = _tree('<div class="byline">Someone Else</div><span class="author-name">Jane Roe</span>')
    assert next(authors.bylines(tree)) == "Jane Roe"


def test_bylines_in_comments_are_not_read() -> None:
    tree = _tree(
        '<div id="comments"><span class="author">Commenter One</span></div>'
        '<p class="author">Jane Roe</p>'
    )
    assert list(authors.bylines(tree)) == ["Jane Roe"]


def test_rel_and_itemprop_sign_only_with_an_author_cue() -> None:
    """Elements found by their ``rel`` or ``itemprop`` are read when those (or their id) name an
    author, in the tiers' order; the page's other links and schema.org markup are not."""
    tree = _tree(
        '<a rel="nofollow" href="/x">Share this story</a>'
        '<span itemprop="headline">Bridge reopens</span>'
        '<span itemprop="author">Ana Li</span>'
        '<a rel="author" href="/jane">Jane Roe</a>'
        '<a rel="nofollow" id="author-link" href="/bo">Bo Yu</a>'
    )
    assert list(authors.bylines(tree)) == ["Jane Roe", "Ana Li", "Bo Yu"]


def test_time_inside_a_byline_is_left_out() -> None:
    tree = _tree('<div class="author">Jane Roe <time>May 2, 2024</time></div>')
    assert list(authors.bylines(tree)) == ["Jane Roe"]


def test_page_without_meta_author_takes_the_byline() -> None:
    tree = _tree('<h1>Bridge reopens</h1><p class="byline">By Jane Roe and Al Bo</p>')
    found = metadata.from_tree(tree, "https://example.com/a")
    assert found.authors == ("Jane Roe", "Al Bo")
    assert found.author == "Jane Roe; Al Bo"


def test_meta_author_comes_before_the_byline() -> None:
    tree = parse.parse_html(
        '<html><head><meta name="author" content="Kim Lee"></head>'
        '<body><p class="byline">By Jane Roe</p></body></html>'
    )
    assert tree is not None
    assert metadata.from_tree(tree).authors == ("Kim Lee",)


def test_one_word_meta_author_is_kept_when_nothing_else_names_anyone() -> None:
    """trafilatura drops it; on forums and blogs it is the poster's handle."""
    tree = parse.parse_html(
        '<html><head><meta name="author" content="BeauHD"></head><body><p>x</p></body></html>'
    )
    assert tree is not None
    assert metadata.from_tree(tree).authors == ("BeauHD",)


def test_json_ld_author_comes_before_a_one_word_meta_author() -> None:
    tree = parse.parse_html(
        '<html><head><meta name="author" content="admin"><script type="application/ld+json">'
        '{"@context": "https://schema.org", "@type": "Article",'
        ' "author": {"@type": "Person", "name": "Jane Roe"}}</script>'
        "</head><body><p>x</p></body></html>"
    )
    assert tree is not None
    assert metadata.from_tree(tree).authors == ("Jane Roe",)
