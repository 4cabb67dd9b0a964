"""benchmarks/fit_weights.py: the features it reads back and the labels it gives blocks; and
the fitted weights (``settings.FITTED_WEIGHTS``) on the page types that use them.

The fit itself needs numpy and the WCXB pages; what it rests on is checked here on tiny pages.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from newsclean import clean
from newsclean import eval as ev
from newsclean.model import Article
from newsclean.settings import DEFAULT_SETTINGS, FITTED_WEIGHTS, fitted_weights

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "fit_weights.py"
PROSE = (
    "The council approved the new budget on Tuesday, after a debate that lasted most of the "
    "afternoon, and the mayor said the money would go to schools, roads and the harbour."
)
# One block of every kind the scoring pass names: menu, byline, caption, list, quote, promo,
# truncated teaser, a block in an article and one under a boilerplate class.
PAGE = f"""<html><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article class="story">
<p>By Jane Doe</p>
<p>{PROSE}</p>
<figure><figcaption>The harbour at dawn. Photo: J. Doe</figcaption></figure>
<ul><li>Parks and gardens</li><li>Libraries</li></ul>
<blockquote>We will build it, she said.</blockquote>
<p>Sign up for our newsletter</p>
<p>Read the rest of this story...</p>
</article>
<div class="related-posts"><p><a href="/x">Another story you may like</a></p></div>
<div class="sidebar"><p>{PROSE}</p></div>
</body></html>"""


@pytest.fixture(scope="module")
def fit_weights() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fit_weights", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_features_times_the_current_weights_give_back_every_score(fit_weights: ModuleType) -> None:
    page = ev.Page("p", PAGE.encode(), None, PROSE)
    # page_rows stops the script when a component has no weight or the scores do not add up.
    rows = fit_weights.page_rows(page)
    assert len(rows) >= 9
    fired = {w for row in rows for w, v in zip(fit_weights.WEIGHTS, row.features, strict=True) if v}
    assert {"w_length", "w_link_density", "w_caption", "w_list_item", "w_quote"} <= fired
    assert {"w_negative_tokens", "w_boilerplate_tag", "w_metadata_line"} <= fired


def test_a_block_is_body_by_the_share_of_its_shingles_in_the_gold_text(
    fit_weights: ModuleType,
) -> None:
    gold = fit_weights.gold_ngrams("The mayor said: the money goes to schools.\n\nShare")
    share = fit_weights.body_share
    assert share(ev.tokens("the mayor said the money"), gold) == 1.0
    # Shingles: "the mayor said" and "mayor said the" are there, "said the harbour" is not.
    assert share(ev.tokens("the mayor said the harbour"), gold) == pytest.approx(2 / 3)
    # A block shorter than a shingle is body only when its tokens occur there in a row.
    assert share(["share"], gold) == 1.0
    assert share(["schools", "the"], gold) == 0.0


def test_only_the_body_blocks_are_labelled_body(fit_weights: ModuleType) -> None:
    page = ev.Page("p", PAGE.encode(), None, f"{PROSE}\n\nWe will build it, she said.")
    rows = fit_weights.page_rows(page)
    body = [row for row in rows if row.body]
    # The article's prose and quote, and the sidebar's copy of the same prose.
    assert len(body) == 3
    assert sum(row.tokens for row in body) == 2 * len(ev.tokens(PROSE)) + 6


FORUM = f"""<html><head><script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "DiscussionForumPosting"}}</script></head><body>
<main><p>{PROSE} See <a href="/budget">the budget</a> and <a href="/map">the map</a>.</p></main>
</body></html>"""


def link_weight(article: Article) -> float:
    """The weight the prose block's link-density component was scored with."""
    (block,) = [b for b in article.blocks if b.features.link_density]
    (value,) = [v for name, v in block.components if name == "link-density"]
    return value / block.features.link_density


def test_pages_of_the_fitted_types_are_scored_with_the_fitted_weights() -> None:
    article = clean(FORUM)
    assert article.page_type == "forum"
    assert link_weight(article) == pytest.approx(FITTED_WEIGHTS["w_link_density"])
    assert fitted_weights(DEFAULT_SETTINGS, "forum") == FITTED_WEIGHTS
    assert fitted_weights(DEFAULT_SETTINGS, "article") == {}


def test_a_weight_the_caller_sets_wins_over_the_fitted_one() -> None:
    mine = DEFAULT_SETTINGS.replace(w_link_density=-3.0)
    assert link_weight(clean(FORUM, settings=mine)) == pytest.approx(-3.0)
    assert "w_link_density" not in fitted_weights(mine, "forum")
    assert fitted_weights(mine, "forum")["w_caption"] == FITTED_WEIGHTS["w_caption"]
