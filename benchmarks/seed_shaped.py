"""Pages built like the seed, to check that its list styles never leak into the body.

The seed (samples/japannews-nato-korea.txt) is an article as plain text followed by sidebar lists:
a heading, then headlines of other pages, written as a lone "-" line before every item, or as
"- item" lines. This script builds such pages from pages newsclean was not fitted to: the article
bodies of WCXB dev's article pages (their reference text, one paragraph a line, under a title and
a dateline), followed by one or two sidebar lists, each of 3 to 8 titles of other WCXB pages,
under a heading drawn from HEADINGS (several languages; some that newsclean's vocabulary knows,
some it does not) and written in one of STYLES. Then it counts, per list style, the lists of which
at least one item leaks into the text, and the share of the body's paragraphs that come out.

    python benchmarks/seed_shaped.py                    # the tuning half, 200 pages
    python benchmarks/seed_shaped.py --half held-out    # the half no rule was tuned on

The halves are WCXB's (``newsclean.eval.half``: a hash of the page's domain); the pages, lists,
headings and styles are drawn with a fixed seed, so a run is reproducible.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from newsclean import clean
from newsclean import eval as ev

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "wcxb-dev"
# Sidebar headings in several languages and shapes, the seed's own two among them.
HEADINGS: tuple[str, ...] = (
    '"News Services" POPULAR ARTICLE', "JN ACCESS RANKING", "Most popular", "Most read",
    "Related articles", "Recommended", "Trending now", "Top stories", "Latest news",
    "Editor's picks", "Don't miss", "You may also like", "More from News", "Read next",
    "In other news", "What others are reading", "Also on our site", "Meistgelesen",
    "Mehr zum Thema", "Weitere Artikel", "Aktuelle Themen", "Les plus lus", "À lire aussi",
    "Dernières actualités", "Populaire", "Lo más leído", "I più letti", "Leggi anche",
    "Ultime notizie", "Najczęściej czytane", "Czytaj także", "Mais lidas", "Ranking",
)  # fmt: skip
# Titles used as list items: real headlines, not fragments or whole paragraphs.
TITLE_CHARS = (20, 140)
# Articles whose reference text has this many paragraphs.
BODY_PARAGRAPHS = (4, 60)
ITEMS_PER_LIST = (3, 8)
LISTS_PER_PAGE = (1, 2)
DATELINE = "11:33 JST, January 30, 2023"


def _dash_lines(items: Sequence[str]) -> list[str]:
    return [line for item in items for line in ("-", item)]


STYLES: dict[str, Callable[[Sequence[str]], list[str]]] = {
    "dash lines (seed's first list)": _dash_lines,
    "dash items (seed's second list)": lambda items: [f"- {item}" for item in items],
    "bare headline lines": list,
    "numbered": lambda items: [f"{n}. {item}" for n, item in enumerate(items, 1)],
    "bullets": lambda items: [f"• {item}" for item in items],
}


def run(half: ev.Half, pages: int, seed: int) -> None:
    rng = random.Random(seed)
    every = [page for page in ev.load(DATA) if ev.half(page) == half]
    titles = [
        title
        for page in every
        if (title := page.truth.get("title")) and TITLE_CHARS[0] <= len(title) <= TITLE_CHARS[1]
    ]
    articles = [page for page in every if page.page_type == "article" and page.truth.get("title")]
    rng.shuffle(articles)
    lists, leaked = Counter[str](), Counter[str]()
    kept_share: list[float] = []
    for page in articles:
        body = [line.strip() for line in page.gold.splitlines() if line.strip()]
        if not BODY_PARAGRAPHS[0] <= len(body) <= BODY_PARAGRAPHS[1]:
            continue
        lines = [page.truth["title"], DATELINE, *body]
        sidebar = []
        for _ in range(rng.randint(*LISTS_PER_PAGE)):
            style = rng.choice(sorted(STYLES))
            items = rng.sample(titles, rng.randint(*ITEMS_PER_LIST))
            sidebar.append((style, items))
            lines += [rng.choice(HEADINGS), *STYLES[style](items)]
        text = clean("\n".join(lines), kind="text").text
        for style, items in sidebar:
            lists[style] += 1
            leaked[style] += any(item in text for item in items)
        kept_share.append(sum(paragraph in text for paragraph in body) / len(body))
        if len(kept_share) == pages:
            break
    print(f"WCXB dev, {half} half: {len(kept_share)} seed-shaped pages (seed {seed})")
    print(f"body paragraphs kept: {sum(kept_share) / len(kept_share):.3f} (mean share per page)")
    print(f"{'list style':34s} {'lists':>6s} {'leaked':>7s}")
    for style in STYLES:
        print(f"{style:34s} {lists[style]:6d} {leaked[style]:7d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("tune", "held-out"), default="tune")
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    run(args.half, args.pages, args.seed)


if __name__ == "__main__":
    main()
