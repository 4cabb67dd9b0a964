"""Fit the page-type guess (``newsclean/pagetype_weights.py``) on the tuning half of WCXB dev.

    python benchmarks/fit_pagetype.py [DATA] [--write] [--cache FILE | --no-cache]

Needs numpy (``pip install -e '.[fit]'``); the package itself only reads the table it writes.
Steps, in order:

1. **Pages**: every WCXB page, sorted by id, with its labelled type
   (``_internal.page_type.primary``) and its half (``newsclean.eval.half``: a CRC-32 of the
   domain). Only the pages of the ``tune`` half are fitted on; the held-out half is only scored.
2. **Inputs**: each page goes through ``clean()``'s first stages, as ``api`` runs them
   (``parse.decode``, ``parse.parse_page``, ``metadata.from_tree`` for the declared types, the
   title, the date and the authors, ``blocks.segment_tree``); ``pagetype.features`` turns them
   into the named features. They are cached in ``--cache`` (recomputed with ``--no-cache``: do
   so after a change to parsing, segmentation or metadata).
3. **Decided pages**: the pages whose declarations decide (``pagetype.decisive``) or that give
   too little to weigh (``pagetype.little_evidence``) are guessed so, as ``pagetype.guess``
   does; the model is fitted on the others only, and scored on all.
4. **Penalty**: the L2 penalty on the weights is chosen among ``PENALTIES`` by the accuracy of a
   ``FOLDS``-fold cross-validation inside the tuning half, folds split by domain (a CRC-32, as
   the halves), the largest penalty on a tie.
5. **Fit**: a multinomial logistic regression of the labelled type on the features
   (standardised for the fit, the weights turned back to the features' scale), with an intercept
   per type, by Newton's method from zero (deterministic), every page weighing the same, as in
   the accuracy that ``newsclean eval`` reports.
6. ``--write`` writes the weights, rounded to ``DIGITS`` decimals, to
   ``newsclean/pagetype_weights.py``; run again, the script writes the same file.

It prints the accuracy and the confusion table on both halves; the held-out figure is the one
that counts (docs/evaluation.md, "Page types").
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsclean import eval as ev
from newsclean import metadata, pagetype, parse
from newsclean.blocks import segment_tree
from newsclean.model import Block
from newsclean.settings import DEFAULT_SETTINGS

ROOT = Path(__file__).resolve().parent.parent
WCXB = ROOT.parent / "shared" / "data" / "wcxb-dev"
TABLE = ROOT / "newsclean" / "pagetype_weights.py"
CACHE = Path("/tmp/newsclean-fit-pagetype.pickle")
# Changes whenever ``Inputs`` does, so that an old cache is recomputed rather than misread.
CACHE_FORMAT = 2
# L2 penalties tried (against a total sample weight of 1 per page), and the folds that choose.
PENALTIES = (3e-3, 1e-2, 3e-2, 0.1, 0.3)
FOLDS = 5
# A tiny penalty on the intercepts: a softmax's scores are unique only up to a common shift.
INTERCEPT_PENALTY = 1e-6
NEWTON_STEPS = 100
NEWTON_TOLERANCE = 1e-10
# Decimals of the written weights.
DIGITS = 3
TYPES: tuple[str, ...] = pagetype.MODEL_TYPES


@dataclass(frozen=True, slots=True)
class Inputs:
    """What the guess reads of one page, and the page's label and half."""

    page: str
    url: str | None
    label: str
    half: str
    declared_types: frozenset[str]
    og_type: str | None
    title: str | None
    dated: bool
    authored: bool
    blocks: tuple[Block, ...]

    def decided(self) -> str | None:
        """The type decided before the model weighs anything: by the page's declarations
        (``pagetype.decisive``), or for a page too small to weigh (``pagetype.little_evidence``).
        """
        found = pagetype.decisive(self.declared_types, self.og_type)
        if found is not None:
            return found.page_type
        if pagetype.little_evidence(self.values(), self.blocks, bare=not self.url):
            return "article"
        return None

    def features(self) -> tuple[float, ...]:
        values = self.values()
        return tuple(values[name] for name in pagetype.FEATURES)

    def values(self) -> dict[str, float]:
        return pagetype.features(
            self.url,
            self.blocks,
            declared_types=self.declared_types,
            og_type=self.og_type,
            title=self.title,
            dated=self.dated,
            authored=self.authored,
        )


def page_inputs(page: ev.Page) -> Inputs:
    """The page's declared types and blocks, as ``clean()`` finds them (no site rules)."""
    text = parse.decode(page.html).text
    tree = parse.parse_page(text, DEFAULT_SETTINGS).tree
    label, part = page.page_type or "article", ev.half(page)
    if tree is None:
        return Inputs(page.id, page.url, label, part, frozenset(), None, None, False, False, ())
    meta = metadata.from_tree(tree, page.url)
    blocks, _ = segment_tree(tree, max_blocks=DEFAULT_SETTINGS.max_blocks)
    return Inputs(
        page.id,
        page.url,
        label,
        part,
        meta.declared_types,
        meta.og_type,
        meta.page_title,
        meta.date is not None,
        bool(meta.authors),
        tuple(blocks),
    )


def all_inputs(data: Path, cache: Path | None) -> list[Inputs]:
    """Every page's inputs, cached in ``cache`` when given."""
    if cache is not None and cache.is_file():
        stored = pickle.loads(cache.read_bytes())
        if stored.get("format") == CACHE_FORMAT and stored["data"] == str(data):
            return [Inputs(*row) for row in stored["inputs"]]
    pages = ev.load(data)
    inputs = []
    for n, page in enumerate(pages, 1):
        inputs.append(page_inputs(page))
        if n % 100 == 0:
            print(f"  {n}/{len(pages)} pages", file=sys.stderr)
    if cache is not None:
        # Plain tuples (blocks as they are): the file reads back whichever module defines
        # ``Inputs``.
        plain = [tuple(getattr(i, f.name) for f in dataclasses.fields(i)) for i in inputs]
        stored = {"format": CACHE_FORMAT, "data": str(data), "inputs": plain}
        cache.write_bytes(pickle.dumps(stored))
    return inputs


def fit(x: Any, labels: Sequence[int], penalty: float) -> Any:
    """Multinomial logistic regression: the ``(features + 1) × types`` weights, the last row the
    intercepts, by Newton's method from zero.

    The features are standardised for the fit, so that the penalty weighs a rare binary feature
    and a share alike, and the weights are turned back to the features' own scale.
    """
    import numpy as np

    n, width = x.shape[0], x.shape[1] + 1
    k = len(TYPES)
    mean = x.mean(axis=0)
    spread = x.std(axis=0)
    spread[spread == 0] = 1.0
    design = np.hstack([(x - mean) / spread, np.ones((n, 1))])
    target = np.zeros((n, k))
    target[np.arange(n), labels] = 1.0
    sample = 1.0 / n
    ridge = np.full(width, penalty)
    ridge[-1] = INTERCEPT_PENALTY
    ridge_all = np.tile(ridge, k)
    beta = np.zeros((width, k))
    for _ in range(NEWTON_STEPS):
        p = _softmax(design @ beta)
        gradient = (design.T @ (p - target)) * sample + ridge[:, None] * beta
        hessian = np.empty((k * width, k * width))
        for a in range(k):
            for b in range(k):
                w = p[:, a] * ((a == b) - p[:, b]) * sample
                hessian[a * width : (a + 1) * width, b * width : (b + 1) * width] = (
                    design * w[:, None]
                ).T @ design
        hessian += np.diag(ridge_all)
        step = np.linalg.solve(hessian, gradient.T.reshape(-1)).reshape(k, width).T
        beta -= step
        if float(np.abs(step).max()) < NEWTON_TOLERANCE:
            break
    weights = beta[:-1] / spread[:, None]
    intercepts = beta[-1] - mean @ weights
    return np.vstack([weights, intercepts])


def _softmax(scores: Any) -> Any:
    import numpy as np

    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def predict(beta: Any, x: Any, decided: Any) -> Any:
    """The index of each page's type: its declarations' when they decide (``decided`` ≥ 0), else
    the model's highest-scoring type."""
    import numpy as np

    model = (np.hstack([x, np.ones((x.shape[0], 1))]) @ beta).argmax(axis=1)
    return np.where(decided >= 0, decided, model)


def fold(inputs: Inputs) -> int:
    """The cross-validation fold of a page: a CRC-32 of its domain, as the halves."""
    return (zlib.crc32(ev.domain(inputs.url).encode()) // 2) % FOLDS


def choose_penalty(data: Matrices, folds: Any) -> tuple[float, dict[float, float]]:
    """The penalty with the best cross-validated accuracy (the largest on a tie), and all."""
    accuracy = {}
    free = data.decided < 0
    for penalty in PENALTIES:
        right = 0
        for f in range(FOLDS):
            train, test = (folds != f) & free, folds == f
            beta = fit(data.x[train], data.labels[train], penalty)
            guesses = predict(beta, data.x[test], data.decided[test])
            right += int((guesses == data.labels[test]).sum())
        accuracy[penalty] = right / len(data.labels)
    best = max(PENALTIES, key=lambda p: (round(accuracy[p], 6), p))
    return best, accuracy


def confusion(beta: Any, data: Matrices) -> str:
    """Accuracy and the confusion table (rows: labels, columns: guesses)."""
    guesses = predict(beta, data.x, data.decided)
    labels = data.labels
    lines = [f"accuracy {float((guesses == labels).mean()):.4f}  ({len(labels)} pages)"]
    lines.append(f"{'label / guess':<16}" + "".join(f"{t[:7]:>8}" for t in TYPES))
    for i, label in enumerate(TYPES):
        row = [int(((labels == i) & (guesses == j)).sum()) for j in range(len(TYPES))]
        lines.append(f"{label:<16}" + "".join(f"{n:>8}" for n in row))
    return "\n".join(lines)


def render(beta: Any, penalty: float, pages: int) -> str:
    """The weights as the source of ``newsclean/pagetype_weights.py``."""
    rows = []
    for i, name in enumerate(pagetype.FEATURES):
        values = ", ".join(f"{_rounded(v)}" for v in beta[i])
        rows.append(f'    "{name}": ({values}),')
    intercepts = "\n".join(f'    "{t}": {_rounded(beta[-1, j])},' for j, t in enumerate(TYPES))
    header = ", ".join(TYPES)
    return f'''"""The page-type guess's weights: one row per feature of ``pagetype.FEATURES``,
one column per type, and an intercept per type. The types, in the columns' order:
{header}.

Written by ``python benchmarks/fit_pagetype.py --write`` (a multinomial logistic regression on
the {pages} pages of the WCXB dev tuning half that no declaration decides, L2 penalty
{penalty:g}); do not edit by hand:
refit, and the script writes this file again.
"""

from __future__ import annotations

INTERCEPTS: dict[str, float] = {{
{intercepts}
}}
WEIGHTS: dict[str, tuple[float, ...]] = {{
{chr(10).join(rows)}
}}
'''


def _rounded(value: float) -> str:
    text = f"{round(float(value), DIGITS):.{DIGITS}f}"
    return "0.0" if text in (f"{0:.{DIGITS}f}", f"-{0:.{DIGITS}f}") else text


@dataclass(frozen=True, slots=True)
class Matrices:
    """Pages as arrays: features (a row each), labels and the type their declarations decide
    (indices into ``TYPES``; -1 where they leave it to the model)."""

    x: Any
    labels: Any
    decided: Any


def matrices(inputs: Sequence[Inputs]) -> Matrices:
    import numpy as np

    x = np.array([i.features() for i in inputs], dtype=float).reshape(len(inputs), -1)
    labels = np.array([TYPES.index(i.label) for i in inputs])
    decided = np.array([TYPES.index(d) if (d := i.decided()) else -1 for i in inputs])
    return Matrices(x, labels, decided)


def main(argv: list[str] | None = None) -> None:
    import numpy as np

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=WCXB)
    parser.add_argument("--cache", type=Path, default=CACHE, help="the pages' inputs")
    parser.add_argument("--no-cache", action="store_true", help="recompute and do not store")
    parser.add_argument("--write", action="store_true", help=f"write {TABLE.name}")
    args = parser.parse_args(argv)
    inputs = all_inputs(args.data, None if args.no_cache else args.cache)
    tune = [i for i in inputs if i.half == "tune"]
    held = [i for i in inputs if i.half == "held-out"]
    data = matrices(tune)
    folds = np.array([fold(i) for i in tune])
    penalty, tried = choose_penalty(data, folds)
    print("cross-validated accuracy on the tuning half, by L2 penalty:")
    for p, accuracy in tried.items():
        print(f"  {p:<8g}{accuracy:.4f}{'  <-' if p == penalty else ''}")
    free = data.decided < 0
    beta = fit(data.x[free], data.labels[free], penalty)
    print(f"\ntuning half\n{confusion(beta, data)}")
    print(f"\nheld-out half\n{confusion(beta, matrices(held))}")
    if args.write:
        TABLE.write_text(render(beta, penalty, int(free.sum())), encoding="utf-8")
        print(f"\nwrote {TABLE}")


if __name__ == "__main__":
    main()
