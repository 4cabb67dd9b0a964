"""Plain-text mode: segmentation, the text heuristics on tiny hand-written pages, datelines, the
forced reading, and the text-dump evaluation."""

from __future__ import annotations

import pytest

from newsclean import clean, metadata
from newsclean.eval import Page, long_lines, raw_text, run_text, text_dump
from newsclean.model import Article, Block, Kind
from newsclean.settings import Settings
from newsclean.text import segment_text, text_lines

# Four paragraphs of article prose: long lines that end like sentences and carry commas.
BODY = (
    "The city council voted on Tuesday to rebuild the old harbour bridge, which has been closed "
    "to traffic since a storm damaged two of its piers in the spring of last year.",
    "Engineers told the council that repairs would cost less than a new crossing, but that the "
    "work would take at least three years, during which ferries would carry commuters.",
    "Several residents spoke against the plan, saying the ferries were already crowded at rush "
    "hour and that the city had not consulted the neighbourhoods on either bank of the river.",
    "The mayor said the first contracts would be signed in the autumn, and that a public meeting "
    "on the ferry timetable would be held before the end of the month.",
)


def page(*before: str, after: tuple[str, ...] = ()) -> str:
    return "\n".join((*before, *BODY, *after))


def block(article: Article, text: str) -> Block:
    return next(b for b in article.blocks if b.text == text)


def components(b: Block) -> set[str]:
    return {name for name, _ in b.components}


# --- segmentation ------------------------------------------------------------------------------


def test_each_non_empty_line_is_a_block() -> None:
    blocks, cut = segment_text("One line.\n\n  Two   words \n", max_blocks=10)
    assert [b.text for b in blocks] == ["One line.", "Two words"]
    assert not cut


def test_bullets_ranks_and_separators_are_features() -> None:
    blocks, _ = segment_text("- A bulleted line\n2) A ranked line\n•\nPlain line", max_blocks=10)
    bullet, rank, separator, plain = blocks
    assert bullet.kind is Kind.LIST_ITEM and bullet.features.bullet
    assert rank.kind is Kind.LIST_ITEM and rank.features.rank
    assert separator.kind is Kind.SEPARATOR
    assert plain.kind is Kind.PARAGRAPH and not plain.features.bullet


def test_segmentation_stops_at_max_blocks() -> None:
    blocks, cut = segment_text("a\nb\nc", max_blocks=2)
    assert [b.text for b in blocks] == ["a", "b"] and cut


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "The first paragraph is wrapped at a fixed width of sixty\n"
        "characters, as mail and plain-text archives do.\n"
        "\n"
        "A second paragraph follows after a blank line and is also\n"
        "wrapped at the same width.\n"
    )
    assert list(text_lines(text)) == [
        "The first paragraph is wrapped at a fixed width of sixty characters, as mail and "
        "plain-text archives do.",
        "A second paragraph follows after a blank line and is also wrapped at the same width.",
    ]


def test_short_lines_and_bullets_in_a_wrapped_text_stay_apart() -> None:
    text = (
        "Ingredients for the soup that the recipe below explains:\n"
        "- two onions\n"
        "- one carrot\n"
        "\n"
        "Cook the onions slowly for ten minutes before you add the\n"
        "carrot and the stock.\n"
    )
    lines = list(text_lines(text))
    assert lines[1:3] == ["- two onions", "- one carrot"]
    assert lines[3].endswith("add the carrot and the stock.")


def test_blank_line_paragraphs_of_long_lines_are_not_joined() -> None:
    # Lines wider than any wrap width: one block a line, as in a scraped dump.
    text = f"{BODY[0]}\n{BODY[1]}\n\n{BODY[2]}\n"
    assert list(text_lines(text)) == [BODY[0], BODY[1], BODY[2]]


# --- heuristics ----------------------------------------------------------------------------------


def test_body_is_the_stretch_of_prose() -> None:
    art = clean(page("Home", "World", "Sports"), kind="text")
    assert art.paragraphs == BODY
    assert all("body-stretch" in block(art, t).reasons for t in BODY)


def test_ranking_list_after_heading_is_dropped() -> None:
    ranking = (
        "MOST READ",
        "1. Storm Closes Schools Across the North",
        "2. Bridge Vote Delayed Again",
    )
    art = clean(page(after=ranking), kind="text")
    assert art.paragraphs == BODY
    heading = block(art, "MOST READ")
    assert heading.reasons[0] == "sidebar-heading:most-popular"
    for item in ranking[1:]:
        assert "after-heading:MOST READ" in block(art, item).reasons


def test_dash_separated_list_keeps_its_items_that_end_like_sentences() -> None:
    # The seed's list style: a lone "-" line before every item. An item that ends with a
    # question mark or a full stop is still an item of the list, not the body resuming.
    items = (
        "Is the Ferry Timetable Coming to an End?",
        "New Rules Drive Trucking Sector to the Brink",
        "Harbour Bridge Reopens After Two Years.",
        "Nissan Plans 9,000 Job Cuts",
    )
    sidebar = ("POPULAR ARTICLE", *(line for item in items for line in ("-", item)))
    art = clean(page(after=sidebar), kind="text")
    assert art.paragraphs == BODY
    for item in items:
        assert "after-heading:POPULAR ARTICLE" in block(art, item).reasons


def test_bare_headline_list_keeps_its_title_case_questions() -> None:
    # A list of bare headline lines: a question in title case is a headline, not a sentence.
    items = (
        "How Much Do You Need to Retire Early?",
        "Storm Closes Schools Across the North",
        "Bridge Vote Delayed Again",
    )
    art = clean(page(after=("Latest news", *items)), kind="text")
    assert art.paragraphs == BODY
    for item in items:
        assert "after-heading:Latest news" in block(art, item).reasons


def test_line_after_a_run_of_separators_is_not_a_list_item() -> None:
    # Rows of "*" from a dump's empty bullets: no item between them, so no list rhythm; the
    # article after them is body.
    art = clean("\n".join(("Breaking News", "*", "*", "*", *BODY)), kind="text")
    assert art.paragraphs == BODY


def test_headline_run_with_separators_and_bullets_is_dropped() -> None:
    related = (
        "Related Stories",
        "-",
        "Council Approves New Budget for Parks",
        "-",
        "• Ferry Operator Adds Morning Crossings",
    )
    art = clean(page(after=related), kind="text")
    assert art.paragraphs == BODY
    for text in related[1:]:
        assert "sidebar-section:related" in block(art, text).reasons


HEADLINES = (
    "Storm closes schools across the north",
    "Ferry operator adds two morning crossings",
    "Council approves new budget for parks",
    "Harbour museum reopens after repairs",
    "Rail strike called off at the last minute...",
)


def test_headline_run_without_a_heading_is_dropped() -> None:
    art = clean(page(after=HEADLINES), kind="text")
    assert art.paragraphs == BODY
    assert all(block(art, line).reasons[0] == "headline-run" for line in HEADLINES)


def test_four_headlines_are_not_a_headline_run() -> None:
    art = clean(page(after=HEADLINES[:4]), kind="text")
    assert not any("headline-run" in b.reasons for b in art.blocks)


def test_menu_of_short_lines_is_not_body() -> None:
    menu = ("News", "Business", "Culture", "Opinion")
    art = clean(page(*menu), kind="text")
    for item in menu:
        b = block(art, item)
        assert not b.kept and b.reasons[0] == "menu-run"
    assert art.paragraphs == BODY


def test_body_never_runs_across_a_menu() -> None:
    # Prose after a footer menu is another page region (an "about us" blurb), not the article;
    # without the menu rule these two lines are strong enough to join the body stretch.
    blurb = (
        "Our newsroom has covered the harbour district, its ferries and its bridges, for more "
        "than forty years, and it is owned by the readers who fund it.",
        "Reporters work from offices on both banks of the river, and the paper prints a weekly "
        "edition for the island villages, where the internet is slow.",
    )
    art = clean(page(after=("About", "Contact us", "Jobs", *blurb)), kind="text")
    assert art.paragraphs == BODY
    # Each names the menu's first line as what ended the body before it.
    menu = block(art, "About").index
    assert all(
        block(art, line).reasons == ("outside-body", f"body-ended-by:{menu}") for line in blurb
    )


# A widget between two runs of the article: promo lines that the stretch will not cross.
WIDGET = (
    "Sign up for our free newsletter",
    "Most popular stories this week",
    "Sign up for our free newsletter",
)
SECOND_RUN = (
    "After the vote, the council asked the harbour authority to publish the engineers' report, "
    "which it had kept private since the storm, so that residents could read it in full.",
    "The authority said it would do so within a week, and that the report's costings had been "
    "checked twice by an outside firm.",
)


def test_second_run_of_the_body_after_a_widget_is_kept() -> None:
    text = "\n".join((*BODY, *WIDGET, *SECOND_RUN))
    art = clean(text, kind="text")
    assert art.paragraphs == (*BODY, *SECOND_RUN)
    assert all(block(art, line).reasons == ("body-section",) for line in SECOND_RUN)
    # Without body sections the second run is lost: the widget ends the stretch.
    single = clean(text, kind="text", settings=Settings(text_section_share=float("inf")))
    assert single.paragraphs == BODY


def test_repeated_lines_never_make_a_body_section() -> None:
    # The same teaser twice (a carousel and its copy) is page furniture, however well it reads.
    text = "\n".join((*BODY, *WIDGET, SECOND_RUN[0], *WIDGET, SECOND_RUN[0]))
    art = clean(text, kind="text")
    assert art.paragraphs == BODY


# A thread: each post between its author's name and its buttons (a menu of short lines).
POSTS = (
    "The ferry timetable app crashes every morning since the update last week, and I have tried "
    "reinstalling it twice. Has anyone else had this, and did you find a way round it?",
    "Mine still crashes on the older phones, so I think it depends on the version you run.",
    "The update last week broke the offline mode, which is what most of us use on the river.",
    "You can download the timetable as a file from the harbour site, which works without the app.",
    "Thanks, that file is exactly what I needed, and it prints well on a single page too.",
    "The harbour office told me a fixed version of the app should be out by the end of the month.",
)


def thread(posts: tuple[str, ...]) -> str:
    return "\n".join(
        line for i, post in enumerate(posts) for line in (f"user{i}", "Reply", "Quote", post)
    )


def test_scattered_posts_of_a_thread_are_all_kept() -> None:
    # No run of the page holds most of its prose: the body is every post, not the longest one.
    art = clean(thread(POSTS), kind="text")
    assert art.paragraphs == POSTS
    # Read as an article, the body would end at the first menu after its stretch.
    article = clean(thread(POSTS), kind="text", settings=Settings(text_scattered_share=0.0))
    assert article.paragraphs == POSTS[:1]


def test_body_never_runs_into_the_comments() -> None:
    comments = (
        "2 Comments",
        "I have taken the ferry every morning for ten years, and it has never once been on time, "
        "so I doubt that the new timetable will change anything for those of us on the east bank.",
        "The bridge should have been repaired years ago, when the damage was small and the "
        "council still had the money, but nobody wanted to close the road for a whole summer.",
    )
    art = clean(page(after=comments), kind="text")
    assert art.paragraphs == BODY
    assert all(not block(art, line).kept for line in comments)


def test_long_comment_thread_after_the_body_is_not_a_scattered_body() -> None:
    # Forty readers' comments outweigh the article: without the comments heading, the page
    # would read as scattered prose (a thread) and keep every comment as a body section.
    def comment(i: int) -> str:
        return (
            f"I have taken the ferry every morning for {i + 2} years, and it has never once been "
            "on time, so I doubt that the new timetable will change anything for us on the east "
            "bank."
        )

    thread = tuple(
        line
        for i in range(40)
        for line in (f"Reader {i} says", f"July {i % 28 + 1}, 2018 at 2:41 pm", comment(i))
    )
    art = clean(page(after=("40 Comments", *thread)), kind="text")
    assert art.paragraphs == BODY


def test_comments_heading_a_thread_repeats_does_not_end_the_posts() -> None:
    # "Add a comment" under every post is the thread's furniture, not the start of comments.
    art = clean(thread(POSTS).replace("Quote", "Add a comment"), kind="text")
    assert art.paragraphs == POSTS


def test_numbered_subheadings_inside_the_body_stay() -> None:
    steps = ("1. Close the old bridge", "2. Run more ferries on the morning routes")
    text = "\n".join((steps[0], *BODY[:2], steps[1], *BODY[2:]))
    art = clean(text, kind="text")
    assert art.paragraphs == (BODY[0], BODY[1], steps[1], BODY[2], BODY[3])
    strict = clean(text, kind="text", settings=Settings().replace(text_keep_in_body_score=-0.6))
    assert steps[1] not in strict.paragraphs


def test_two_short_lines_are_not_a_menu() -> None:
    # A subheading and a one-line caption inside the article stay part of it.
    text = "\n".join((*BODY[:2], "The Cost", "Ferry timetables", *BODY[2:]))
    art = clean(text, kind="text")
    assert "menu-run" not in block(art, "The Cost").reasons
    assert art.paragraphs[:2] == BODY[:2] and art.paragraphs[-2:] == BODY[2:]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Share on Facebook", "share"),
        ("Advertisement", "advertisement"),
        ("Read more", "read-more"),
        ("Sign in", "subscribe"),
        ("We use cookies to improve your experience.", "cookie"),
        ("© 2023 Harbour Gazette. All rights reserved.", "copyright"),
    ],
)
def test_boilerplate_lines_are_dropped(line: str, name: str) -> None:
    # Inside the body, where only the vocabulary can tell them from prose.
    art = clean("\n".join((*BODY[:2], line, *BODY[2:])), kind="text")
    b = block(art, line)
    assert not b.kept
    assert f"boilerplate-text:{name}" in components(b)
    assert art.paragraphs == BODY


def test_long_cookie_notice_is_dropped() -> None:
    notice = (
        "This website uses cookies to improve your experience while you navigate through the "
        "website. Out of these, the cookies that are categorised as necessary are stored in your "
        "browser, as they are essential for the working of basic functionalities of the website."
    )
    art = clean("\n".join((*BODY, notice)), kind="text")
    assert "boilerplate-text:cookie" in components(block(art, notice))
    assert art.paragraphs == BODY


def test_truncated_teaser_line_is_penalised() -> None:
    line = "Ferry operator says the new timetable will start in May, but commuters are..."
    art = clean("\n".join((*BODY, line)), kind="text")
    assert "truncated" in components(block(art, line))
    assert not block(art, line).kept


def test_dateline_and_byline_are_metadata_not_body() -> None:
    art = clean(
        page(
            "Council Votes to Rebuild the Harbour Bridge", "By Jane Doe", "14:05 EST, March 2, 2021"
        ),
        kind="text",
    )
    assert art.paragraphs == BODY
    assert art.title == "Council Votes to Rebuild the Harbour Bridge"
    assert art.date == "2021-03-02T14:05:00-05:00"
    assert "byline" in components(block(art, "By Jane Doe"))
    assert "dateline" in components(block(art, "14:05 EST, March 2, 2021"))


def test_teasers_after_the_body_are_dropped() -> None:
    # Headline + one-sentence summary pairs: prose-like lines, but weaker than the body's.
    teasers = (
        "Ferry Fares to Rise in May",
        "The operator blamed fuel costs.",
        "New Park Opens on the East Bank",
        "Families came to see the gardens.",
    )
    art = clean(page(after=teasers), kind="text")
    assert art.paragraphs == BODY


def test_text_bar_is_a_setting() -> None:
    # With the bar at the HTML mode's level, a short summary line joins the stretch.
    summary = "A short summary line that reads as a sentence."
    text = page(after=("Also Today", summary))
    assert summary not in clean(text, kind="text").paragraphs
    loose = Settings().replace(text_content_threshold=-1.0)
    assert summary in clean(text, kind="text", settings=loose).paragraphs


# --- datelines -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("11:33 JST, January 30, 2023", "2023-01-30T11:33:00+09:00"),
        ("09:15 KST, March 5, 2022", "2022-03-05T09:15:00+09:00"),
        ("2:45 p.m. EST, November 19, 2019", "2019-11-19T14:45:00-05:00"),
        ("January 30, 2023", "2023-01-30"),
    ],
)
def test_datelines_parse_to_iso_with_offset(line: str, iso: str) -> None:
    assert metadata.parse_dateline(line) == iso


def test_text_without_a_date_has_none() -> None:
    assert metadata.parse_dateline("No date in this line") is None


# --- the forced reading --------------------------------------------------------------------------


def test_kind_text_reads_markup_as_text() -> None:
    source = "<p>" + "</p>\n<p>".join(BODY) + "</p>"
    as_text = clean(source, kind="text")
    assert as_text.mode == "text"
    assert as_text.paragraphs[0].startswith("<p>")


def test_kind_html_reads_text_as_html() -> None:
    art = clean("\n".join(BODY), kind="html")
    assert art.mode == "html"
    assert clean("\n".join(BODY)).mode == "text"


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        clean("text", kind="pdf")  # type: ignore[arg-type]


# --- evaluation on text dumps --------------------------------------------------------------------


def test_text_dump_has_one_block_a_line_and_no_blank_lines() -> None:
    html = "<html><body><nav><a>Home</a></nav><h1>Title</h1><p>One.</p><p>Two.</p></body></html>"
    sample = Page("p", html.encode(), None, "One. Two.")
    for dump in ("html-text", "inscriptis"):
        lines = text_dump(sample, dump).splitlines()
        assert [line.strip() for line in lines] == ["Home", "Title", "One.", "Two."], dump


def test_text_baselines() -> None:
    short, long = "Menu", "x " * 50
    assert raw_text(f"{short}\n{long}") == f"{short}\n{long}"
    assert long_lines(f"{short}\n{long}") == long


def test_run_text_scores_the_cleaned_dump() -> None:
    gold = "\n".join(BODY)
    sample = Page("p", b"", None, gold)
    result = run_text("raw", raw_text, [(sample, "Home\n" + gold)])
    assert result.recall == pytest.approx(1.0) and result.precision < 1.0


def test_subscribe_pitch_is_dropped() -> None:
    art = clean("\n".join((*BODY[:2], "Subscribe now", *BODY[2:])), kind="text")
    assert not block(art, "Subscribe now").kept
    assert art.paragraphs == BODY


# A shop grid: product tiles between their buttons, one line of prose above them.
TILES = (
    "Topo Athletic - ST-5 trail shoe. "
    "Colour grey and blue. Low stock. On sale for $108.00, was $120.00",
    "Saucony - Triumph 21 road shoe. "
    "Colour lotus and bough. Low stock. On sale for $80.00, was $160.00",
    "New Balance - Fresh Foam Arishi v4. "
    "Colour black cement. In stock. Now $74.99 with free returns",
    "Hoka - Clifton 10 road shoe. Colour sea glass. Best seller. On sale for $124.00, was $155.00",
    "Hoka - Mach 6 road shoe. Colour rose latte. Best seller. On sale for $98.00, was $140.00",
    "Mizuno - Wave Horizon 8 road shoe. "
    "Colour black and white. In stock. Now $169.99 with free returns",
)


def test_long_lines_of_a_scattered_page_are_kept_without_prose_marks() -> None:
    intro = "Every pair of our running shoes can be returned within sixty days, even after a run."
    lines = [intro, "Shoes", "Women", "Sale"]
    for tile in TILES:
        lines += [tile, "Compare", "Add to cart", "Wishlist"]
    art = clean("\n".join(lines), kind="text")
    assert art.paragraphs == (intro, *TILES)
    # The tiles that end in a price, not a sentence, come back as long lines only.
    bare = [tile for tile in TILES if block(art, tile).reasons == ("long-line",)]
    assert bare == [TILES[2], TILES[5]]
    short = clean("\n".join(lines), kind="text", settings=Settings(text_scattered_long_chars=1000))
    assert short.paragraphs == (intro, *TILES[:2], *TILES[3:5])


def test_text_without_prose_keeps_its_best_line_with_a_warning() -> None:
    # A schedule page: menus and one long line of names, none of it prose. The best candidate
    # is kept, as for a page with markup, rather than an empty article.
    names = (
        "Team schedules Arizona Cardinals Atlanta Falcons Baltimore Ravens Buffalo Bills "
        "Carolina Panthers Chicago Bears"
    )
    menu = ("Scores", "Schedule", "Standings", "Teams")
    footer = ("Privacy Policy", "Terms of Use", "Cookie Policy")
    art = clean("\n".join((*menu, names, *footer)), kind="text")
    assert art.paragraphs == (names,)
    assert "best-candidate" in block(art, names).reasons
    assert any(w.startswith("best-candidate:") for w in art.warnings)


def test_headline_run_of_a_scattered_page_is_kept_as_its_entries() -> None:
    # On a page whose body is many places (a listing, a thread), a run of headlines is its
    # entries; on an article page the same run is a list of links to other pages.
    text = thread(POSTS) + "\n" + "\n".join(HEADLINES)
    art = clean(text, kind="text")
    assert art.paragraphs == (*POSTS, *HEADLINES)
    assert all(block(art, line).reasons == ("scattered-entry",) for line in HEADLINES)
    article = clean(text, kind="text", settings=Settings(text_scattered_share=0.0))
    assert all(block(article, line).reasons == ("headline-run",) for line in HEADLINES)
