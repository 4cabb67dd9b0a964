"""The headline: the <h1> unless it is the site's name, the site name cut off the titles."""

from __future__ import annotations

from newsclean import headline, metadata, parse
from newsclean.headline import Statements


def test_title_loses_the_site_name_beside_the_h1() -> None:
    s = Statements(h1="Bridge reopens", title="Bridge reopens | Daily Post")
    assert headline.choose(s) == "Bridge reopens"


def test_h1_that_is_the_site_name_gives_way_to_the_title() -> None:
    s = Statements(
        h1="Cory Dransfeldt",
        title="A brief intro to git • Cory Dransfeldt",
        sitename="Cory Dransfeldt",
    )
    assert headline.choose(s) == "A brief intro to git"


def test_site_name_from_the_domain_is_cut_off() -> None:
    s = Statements(title="Bike Helmets for Men & Women | REI Co-op", host="www.rei.com")
    assert headline.choose(s) == "Bike Helmets for Men & Women"


def test_h1_naming_the_brand_is_still_the_headline() -> None:
    s = Statements(h1="Twilio Messaging API for developers", host="www.twilio.com")
    assert headline.choose(s) == "Twilio Messaging API for developers"


def test_h1_carrying_the_site_name_loses_it() -> None:
    s = Statements(h1="Coverage | WRAL", title="Coverage | WRAL", sitename="WRAL")
    assert headline.choose(s) == "Coverage"


def test_nothing_stated_gives_none() -> None:
    assert headline.choose(Statements()) is None


def test_domain_label_skips_country_second_level() -> None:
    assert headline.domain_label("www.bbc.co.uk") == "bbc"
    assert headline.domain_label("localhost") is None


def test_page_title_keeps_what_the_meta_tags_say() -> None:
    """The body's title (``page_title``) is the libraries' reading, the headline apart."""
    tree = parse.parse_html(
        '<html><head><meta property="og:title" content="Bridge reopens | Daily Post">'
        "</head><body><h1>Bridge reopens</h1><p>x</p></body></html>"
    )
    assert tree is not None
    found = metadata.from_tree(tree, "https://dailypost.example/a")
    assert found.title == "Bridge reopens"
    assert found.page_title == "Bridge reopens | Daily Post"


def test_section_label_in_the_h1_gives_way_to_the_meta_title() -> None:
    s = Statements(h1="Blog", meta="Packing Tips Guide", title="Packing Tips Guide")
    assert headline.choose(s) == "Packing Tips Guide"


def test_short_h1_found_in_the_title_is_the_headline() -> None:
    s = Statements(h1="Camping Tents", title="Camping Tents: Large Tents for Family | REI Co-op")
    assert headline.choose(s) == "Camping Tents"


def test_host_name_in_the_h1_is_the_site() -> None:
    s = Statements(h1="bogleheads.org", title="Review Request, 2024 Version - Bogleheads.org")
    assert headline.choose(s) == "Review Request, 2024 Version"


def test_h1_equal_to_the_end_of_the_title_is_the_site() -> None:
    s = Statements(h1="Playful Tones", title="Pixel-Perfect UI in JUCE - Part 1 | Playful Tones")
    assert headline.choose(s) == "Pixel-Perfect UI in JUCE"


def test_a_page_whose_every_statement_is_the_site_name_keeps_it() -> None:
    s = Statements(h1="Cheap Fixes", title="Cheap Fixes", sitename="Cheap Fixes")
    assert headline.choose(s) == "Cheap Fixes"


def test_subtitle_after_a_separator_is_cut_off() -> None:
    s = Statements(h1="Gym Workouts for Beginners — Strength Training")
    assert headline.choose(s) == "Gym Workouts for Beginners"


def test_short_kicker_before_a_separator_keeps_the_whole() -> None:
    s = Statements(h1="Nintendo Switch – OLED Model")
    assert headline.choose(s) == "Nintendo Switch – OLED Model"


def test_date_and_posting_line_inside_the_h1_are_dropped() -> None:
    s = Statements(h1="Dec 18 2025 Preparing a transition in Debusine")
    assert headline.choose(s) == "Preparing a transition in Debusine"
    s = Statements(h1="Top Strategies for Security Posted on July 1, 2024 by infuy")
    assert headline.choose(s) == "Top Strategies for Security"


def test_brand_opening_the_headline_is_kept() -> None:
    s = Statements(
        h1="Nintendo Switch - OLED Model",
        title="Nintendo Switch – OLED Model - Nintendo - Official Site",
        host="www.nintendo.com",
    )
    assert headline.choose(s) == "Nintendo Switch - OLED Model"


def test_tagline_h1_gives_way_to_the_title_the_meta_tags_agree_on() -> None:
    s = Statements(
        h1="You deserve to be happy.",
        meta="Professional Therapy With A Licensed Therapist",
        title="BetterHelp | Professional Therapy With A Licensed Therapist",
        sitename="BetterHelp",
    )
    assert headline.choose(s) == "Professional Therapy With A Licensed Therapist"


def test_h1_rewording_the_agreed_title_stays_the_headline() -> None:
    s = Statements(
        h1="The Best Tax Prep Software of 2025",
        meta="Best Tax Preparation Software",
        title="Best Tax Preparation Software | Finance Weekly",
    )
    assert headline.choose(s) == "The Best Tax Prep Software of 2025"


def test_tagline_is_kept_when_the_titles_disagree() -> None:
    s = Statements(h1="Your games in a whole new light", title="Introducing Steam Deck OLED")
    assert headline.choose(s) == "Your games in a whole new light"


def test_later_h1_that_the_titles_repeat_wins_over_a_banner() -> None:
    s = Statements(
        h1="Do you want more web conversions?",
        later_h1s=("0 Comments", "Best Supplement Marketing Agencies: The 2025 Guide"),
        json_ld="Best Supplement Marketing Agencies: The 2025 Guide",
        meta="Best Supplement Marketing Agencies: The 2025 Guide",
        title="Best Supplement Marketing Agencies: The 2025 Guide - Top Growth",
        sitename="Top Growth",
    )
    assert headline.choose(s) == "Best Supplement Marketing Agencies: The 2025 Guide"


def test_later_h1_beats_a_title_carrying_the_forum_name() -> None:
    s = Statements(
        h1="TFH Online Forum",
        later_h1s=("What to look for before purchasing new fish",),
        meta="TFH Online Forum-What to look for before purchasing new fish",
        title="What to look for before purchasing new fish - TFH Online Forum",
        sitename="TFH Online Forum",
    )
    assert headline.choose(s) == "What to look for before purchasing new fish"


def test_a_range_between_numbers_is_no_separator() -> None:
    assert headline.split("Tech conferences in Americas 2026 / 2027") == (
        "Tech conferences in Americas 2026 / 2027",
    )
    assert headline.split("Opening hours 9 – 5 | Town Hall") == ("Opening hours 9 – 5", "Town Hall")


def test_a_sentence_going_on_after_a_dash_is_not_a_subtitle() -> None:
    text = "The most popular workout of 2024 — and 5 fitness trends to expect in 2025"
    assert headline.choose(Statements(h1=text)) == text
    assert headline.choose(Statements(h1="Faux leather jacket - black")) == "Faux leather jacket"


def test_soft_hyphens_are_not_part_of_the_headline() -> None:
    s = Statements(h1="Home Repair Assis\xadtance Program")
    assert headline.choose(s) == "Home Repair Assistance Program"


def test_a_title_left_with_only_the_site_name_states_nothing() -> None:
    s = Statements(h1="Electronic Gadgets", title=" | Nuts & Volts Magazine", host="nutsvolts.com")
    assert headline.choose(s) == "Electronic Gadgets"


def test_later_h1s_come_from_the_tree() -> None:
    tree = parse.parse_html(
        '<html><head><meta property="og:title" content="Bridge reopens">'
        "<title>Bridge reopens | Daily Post</title></head><body>"
        "<h1>Subscribe today</h1><h1><span hidden>x</span></h1><h1>Bridge reopens</h1>"
        "<p>x</p></body></html>"
    )
    assert tree is not None
    assert metadata.from_tree(tree, "https://dailypost.example/a").title == "Bridge reopens"
