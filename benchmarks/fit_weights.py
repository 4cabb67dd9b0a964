"""Fit the named scoring weights (``Settings.w_*``) on the tuning half of WCXB dev, reproducibly.

    python benchmarks/fit_weights.py [DATA] [--types T,...] [--only w_a,...] [--evaluate]
        [--apply-to T,...] [--cache FILE | --no-cache]

Needs numpy (``pip install -e '.[fit]'``). Steps, in order:

1. **Pages**: the WCXB pages with ``newsclean.eval.half(page) == "tune"`` (a CRC-32 of the
   domain), sorted by id; ``--types`` keeps those of the listed (labelled) page types. The
   held-out half is never read by the fit.
2. **Blocks**: each page goes through ``clean()``'s first stages (``parse.decode``,
   ``parse.parse_page``, ``blocks.segment_tree``, no site rules).
3. **Features**: ``score.score_blocks`` with every ``w_*`` set to 1 gives, in each named
   component, the feature that the weight multiplies (``FIELD_OF`` maps component names to
   fields). The script checks on every page that features × the current weights give back the
   current scores, so a new component without a field here stops it.
4. **Labels**: a block is body when at least ``BODY_SHARE`` of its ``LABEL_SHINGLE``-token
   shingles (lower-cased ``\\w+`` tokens, the metric's) occur in the page's ``main_content``; a
   block shorter than one shingle is body when its whole token sequence occurs there.
5. **Fit**: a logistic regression of the label on the features with an intercept and a light L2
   penalty (Newton's method from zero: deterministic). Each block weighs its share of the page's
   tokens, so every page weighs the same in total, as in the metric's mean over pages, and long
   prose counts as it does in the metric. Weights outside ``--only`` stay at their current
   values (their part of the score enters as a fixed offset).
6. **Scale**: a logistic regression fixes the weights' direction, not their unit. The fitted
   vector is scaled by the factor that brings it nearest (least squares) to the current weights,
   so that the context pass's bars (``keep_in_body_score`` and the others) keep their meaning,
   and the intercept becomes ``content_threshold`` (score above it ⇔ more likely body).

``--evaluate`` then runs ``clean()`` end to end on both halves (WCXB's metric, as ``newsclean eval
--half``) and on AEB when it is found: as shipped, and with the fitted weights on the pages whose
guessed page type is in ``--apply-to``. The weights now in ``settings.FITTED_WEIGHTS`` come from

    python benchmarks/fit_weights.py --types forum,product,collection,listing,documentation,service

(see docs/evaluation.md, "Fitted weights").
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsclean import clean, parse
from newsclean import eval as ev
from newsclean.blocks import segment_tree
from newsclean.model import Block
from newsclean.rules import RuleSet
from newsclean.score import score_blocks
from newsclean.settings import DEFAULT_SETTINGS, Settings

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
WCXB = SHARED / "wcxb-dev"
AEB = SHARED / "aeb"
CACHE = Path("/tmp/newsclean-fit-weights.pickle")
# Changes whenever ``Row`` does, so that an old cache is recomputed rather than misread.
CACHE_FORMAT = 2
# Every page type but the article: with the fitted weights, the body of these pages (many blocks
# in several places, link-heavy cards and posts) is found better; an article's is not.
NON_ARTICLE = ("forum", "product", "collection", "listing", "documentation", "service")

# The weight field each component name (its part before ":") is the product of.
FIELD_OF: dict[str, str] = {
    "length": "w_length",
    "sentence-end": "w_sentence_end",
    "inner-punctuation": "w_inner_punct",
    "no-prose-marks": "w_no_prose",
    "link-density": "w_link_density",
    "boilerplate-tag": "w_boilerplate_tag",
    "article-tag": "w_article_tag",
    "negative-class": "w_negative_tokens",
    "weak-negative-class": "w_weak_negative_tokens",
    "positive-class": "w_positive_tokens",
    "boilerplate-text": "w_boilerplate_text",
    "bare-url": "w_boilerplate_text",
    "promo": "w_promo_text",
    "caption": "w_caption",
    "quote": "w_quote",
    "list-item": "w_list_item",
    "dateline": "w_metadata_line",
    "byline": "w_metadata_line",
    "bullet": "w_bullet",
    "rank": "w_bullet",
    "headline-case": "w_headline",
    "truncated": "w_truncated",
}
WEIGHTS: tuple[str, ...] = tuple(
    f.name for f in dataclasses.fields(Settings) if f.name.startswith("w_")
)
# Every weight at 1: each component is then the bare feature its weight multiplies.
UNIT = DEFAULT_SETTINGS.replace(**dict.fromkeys(WEIGHTS, 1.0))

# Tokens per shingle when matching a block to the gold text, and the share of a block's shingles
# found in the gold text from which the block is body.
LABEL_SHINGLE = 3
BODY_SHARE = 0.5
# L2 penalty on the weights (not the intercept), against the total sample weight of 1 per page.
L2 = 1e-3
NEWTON_STEPS = 50
NEWTON_TOLERANCE = 1e-10
# Largest gap between a score rebuilt from features and the score_blocks score.
SCORE_TOLERANCE = 1e-9


@dataclass(frozen=True, slots=True)
class Row:
    """One block as the fit sees it: its features by weight name, body or not, its tokens."""

    page: str
    page_type: str
    features: tuple[float, ...]
    body: bool
    tokens: int


def page_blocks(page: ev.Page, settings: Settings = DEFAULT_SETTINGS) -> list[Block]:
    """The page's blocks as ``clean()`` segments an HTML page (no site rules)."""
    text = parse.decode(page.html).text
    tree = parse.parse_page(text, settings).tree
    if tree is None:
        return []
    return segment_tree(tree, max_blocks=settings.max_blocks)[0]


def features(block: Block) -> tuple[float, ...]:
    """The block's feature per weight (``WEIGHTS`` order), read from its unit-weight components."""
    values = dict.fromkeys(WEIGHTS, 0.0)
    for name, value in block.components:
        field = FIELD_OF.get(name.split(":", 1)[0])
        if field is None:
            raise SystemExit(f"component {name!r} has no weight in FIELD_OF")
        values[field] += value
    return tuple(values[w] for w in WEIGHTS)


def body_share(block_tokens: Sequence[str], gold_grams: set[tuple[str, ...]]) -> float:
    """Share of the block's shingles found among the gold text's (see the module docstring)."""
    n = len(block_tokens)
    if n < LABEL_SHINGLE:
        return 1.0 if tuple(block_tokens) in gold_grams else 0.0
    grams = [tuple(block_tokens[i : i + LABEL_SHINGLE]) for i in range(n - LABEL_SHINGLE + 1)]
    return sum(1 for g in grams if g in gold_grams) / len(grams)


def gold_ngrams(gold: str) -> set[tuple[str, ...]]:
    """Every token n-gram of the gold text up to ``LABEL_SHINGLE`` tokens long."""
    toks = ev.tokens(gold.lower())
    return {tuple(toks[i : i + n]) for n in range(1, LABEL_SHINGLE + 1) for i in range(len(toks))}


def page_rows(page: ev.Page) -> list[Row]:
    """The page's blocks as rows; checks that features × current weights give the scores."""
    blocks = page_blocks(page)
    current = score_blocks(blocks, DEFAULT_SETTINGS)
    gold = gold_ngrams(page.gold)
    rows = []
    for unit, now in zip(score_blocks(blocks, UNIT), current, strict=True):
        x = features(unit)
        rebuilt = sum(getattr(DEFAULT_SETTINGS, w) * v for w, v in zip(WEIGHTS, x, strict=True))
        if abs(rebuilt - now.score) > SCORE_TOLERANCE:
            raise SystemExit(f"page {page.id}: features × weights miss the score: {now.components}")
        toks = ev.tokens(unit.text.lower())
        if toks:
            body = body_share(toks, gold) >= BODY_SHARE
            rows.append(Row(page.id, page.page_type or "article", x, body, len(toks)))
    return rows


def tune_rows(data: Path, cache: Path | None) -> list[Row]:
    """The rows of every tuning page with a gold text, cached in ``cache`` when given."""
    if cache is not None and cache.is_file():
        stored = pickle.loads(cache.read_bytes())
        if (
            stored.get("format") == CACHE_FORMAT
            and stored["data"] == str(data)
            and stored["weights"] == WEIGHTS
        ):
            return [Row(*row) for row in stored["rows"]]
    pages = [p for p in ev.load(data) if ev.half(p) == "tune" and p.gold.strip()]
    rows = []
    for n, page in enumerate(pages, 1):
        rows.extend(page_rows(page))
        if n % 100 == 0:
            print(f"  {n}/{len(pages)} pages", file=sys.stderr)
    if cache is not None:
        # Plain tuples: the file reads back whichever module defines ``Row``.
        plain = [dataclasses.astuple(row) for row in rows]
        stored = {"format": CACHE_FORMAT, "data": str(data), "weights": WEIGHTS, "rows": plain}
        cache.write_bytes(pickle.dumps(stored))
    return rows


def fit(rows: Sequence[Row], free: Sequence[str]) -> tuple[dict[str, float], float]:
    """Logistic regression of ``body`` on the ``free`` weights' features (the others fixed at
    their current values): the fitted weights and the intercept, before scaling."""
    import numpy as np

    columns = [WEIGHTS.index(w) for w in free]
    fixed = [i for i in range(len(WEIGHTS)) if i not in columns]
    x_all = np.array([r.features for r in rows], dtype=float)
    current = np.array([getattr(DEFAULT_SETTINGS, w) for w in WEIGHTS])
    offset = x_all[:, fixed] @ current[fixed]
    x = np.hstack([x_all[:, columns], np.ones((len(rows), 1))])
    y = np.array([r.body for r in rows], dtype=float)
    page_tokens: dict[str, int] = {}
    for r in rows:
        page_tokens[r.page] = page_tokens.get(r.page, 0) + r.tokens
    weight = np.array([r.tokens / page_tokens[r.page] for r in rows])
    penalty = np.diag([L2 * len(page_tokens)] * len(columns) + [0.0])
    beta = np.zeros(x.shape[1])
    for _ in range(NEWTON_STEPS):
        p = 1 / (1 + np.exp(-(x @ beta + offset)))
        gradient = x.T @ (weight * (p - y)) + penalty @ beta
        hessian = (x * (weight * p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if float(np.abs(step).max()) < NEWTON_TOLERANCE:
            break
    return {w: float(b) for w, b in zip(free, beta[:-1], strict=True)}, float(beta[-1])


def scaled(raw: dict[str, float], intercept: float, *, rescale: bool) -> dict[str, Any]:
    """The fitted weights in the current weights' unit, and the threshold from the intercept.

    Without ``rescale`` (some weights were held at their current values, which fixes the unit)
    the fitted values are taken as they are.
    """
    current = {w: getattr(DEFAULT_SETTINGS, w) for w in raw}
    if rescale:
        scale = sum(raw[w] * current[w] for w in raw) / sum(v * v for v in raw.values())
    else:
        scale = 1.0
    fitted: dict[str, Any] = {w: round(scale * v, 3) for w, v in raw.items()}
    fitted["content_threshold"] = round(-scale * intercept, 3)
    return fitted


def block_accuracy(rows: Sequence[Row], settings: Settings, threshold: float) -> float:
    """Share of the tokens (each page weighing the same) whose block lands on the right side
    of ``threshold``: how well the score alone sorts body from furniture."""
    page_tokens: dict[str, int] = {}
    right: dict[str, int] = {}
    for r in rows:
        score = sum(getattr(settings, w) * v for w, v in zip(WEIGHTS, r.features, strict=True))
        page_tokens[r.page] = page_tokens.get(r.page, 0) + r.tokens
        if (score > threshold) == r.body:
            right[r.page] = right.get(r.page, 0) + r.tokens
    return sum(right.get(p, 0) / n for p, n in page_tokens.items()) / len(page_tokens)


def evaluate(data: Path, fitted: Settings, apply_to: frozenset[str]) -> None:
    """``clean()`` as shipped beside ``clean()`` with the fitted weights on the pages whose
    guessed type is in ``apply_to``, on both halves of WCXB and on AEB (when found)."""
    extractors = {"defaults": _extractor(None, apply_to), "fitted": _extractor(fitted, apply_to)}
    pages = ev.load(data)
    for part in ("tune", "held-out"):
        chosen = [p for p in pages if ev.half(p) == part]
        results = [ev.run(name, extract, chosen) for name, extract in extractors.items()]
        print(f"\nWCXB dev, {part} half ({len(chosen)} pages)")
        print(ev.format_table(results))
    if AEB.is_dir():
        aeb = ev.load(AEB)
        results = [ev.run(name, extract, aeb) for name, extract in extractors.items()]
        print(f"\nAEB ({len(aeb)} pages)")
        print(ev.format_table(results))


def _extractor(settings: Settings | None, apply_to: frozenset[str]) -> ev.Extractor:
    """``clean()`` with ``settings`` on the pages it guesses to be of a type in ``apply_to``.

    The guess reads the blocks, never their scores, so a page cleaned with the defaults is
    guessed as it would be with ``settings``. Fields of ``settings`` that differ from the
    defaults win over ``settings.FITTED_WEIGHTS``; ``TYPE_SETTINGS`` still applies on top.
    """

    def extract(page: ev.Page) -> str:
        article = clean(page.html, url=page.url, rules=RuleSet.none())
        if settings is None or (article.page_type or "other") not in apply_to:
            return article.text
        return clean(page.html, url=page.url, rules=RuleSet.none(), settings=settings).text

    return extract


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=WCXB)
    parser.add_argument("--only", default="", help="fit only these weights (comma-separated)")
    parser.add_argument("--cache", type=Path, default=CACHE, help="rows of the tuning pages")
    parser.add_argument("--no-cache", action="store_true", help="recompute and do not store")
    parser.add_argument(
        "--types", default="", help="fit on the pages of these labelled types only (default: all)"
    )
    parser.add_argument("--evaluate", action="store_true", help="clean() end to end, both halves")
    parser.add_argument(
        "--apply-to",
        default=",".join(("article", *NON_ARTICLE)),
        help="--evaluate: page types (as guessed) cleaned with the fitted weights",
    )
    args = parser.parse_args(argv)
    free = [w.strip() for w in args.only.split(",") if w.strip()] or list(WEIGHTS)
    unknown = sorted(set(free) - set(WEIGHTS))
    if unknown:
        parser.error(f"not a weight: {', '.join(unknown)}")
    rows = tune_rows(args.data, None if args.no_cache else args.cache)
    types = {t.strip() for t in args.types.split(",") if t.strip()}
    if types:
        rows = [r for r in rows if r.page_type in types]
    # A weight whose feature never fires on these pages (text mode's bullets) has nothing to fit.
    seen = [w for w in WEIGHTS if any(r.features[WEIGHTS.index(w)] for r in rows)]
    free = [w for w in free if w in seen]
    pages = len({r.page for r in rows})
    body = sum(r.body for r in rows)
    kinds = ", ".join(sorted(types)) if types else "all types"
    print(f"tuning half ({kinds}): {pages} pages, {len(rows)} blocks, {body} labelled body")
    # Weights held at their current values fix the score's unit; otherwise the fit chooses it.
    fitted = scaled(*fit(rows, free), rescale=set(free) == set(seen))
    tuned = DEFAULT_SETTINGS.replace(**fitted)
    print(f"\n{'field':<26}{'current':>10}{'fitted':>10}")
    for name in (*WEIGHTS, "content_threshold"):
        now, new = getattr(DEFAULT_SETTINGS, name), getattr(tuned, name)
        mark = "" if name in fitted else "  (held)"
        print(f"{name:<26}{now:>10.3f}{new:>10.3f}{mark}")
    current_accuracy = block_accuracy(rows, DEFAULT_SETTINGS, DEFAULT_SETTINGS.content_threshold)
    fitted_accuracy = block_accuracy(rows, tuned, tuned.content_threshold)
    print(
        f"\nblock accuracy on the tuning half: current {current_accuracy:.4f}, "
        f"fitted {fitted_accuracy:.4f}"
    )
    print(f"\nfitted = {fitted!r}")
    if args.evaluate:
        apply_to = frozenset(t.strip() for t in args.apply_to.split(",") if t.strip())
        evaluate(args.data, tuned, apply_to)


if __name__ == "__main__":
    main()
