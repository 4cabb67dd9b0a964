"""Time each stage of ``clean()`` on the AEB pages, as multiples of the lxml parse of the page.

    python benchmarks/stages.py [DATA] [--passes N] [--best-of N]

Stages are timed one after the other on each page (the same calls ``newsclean.api`` makes); the
figures are totals over the pages divided by the lxml parse-only total. docs/benchmarks.md quotes
them. ``--best-of N`` times each call N times by the process's CPU time and keeps the shortest:
on a shared, loaded machine that moves far less between runs than the wall clock.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

from newsclean import clean, metadata, parse
from newsclean.bench import load_samples
from newsclean.blocks import segment_tree
from newsclean.context import decide
from newsclean.rules import RuleSet
from newsclean.score import score_blocks
from newsclean.settings import DEFAULT_SETTINGS

AEB = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "aeb"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=AEB)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument(
        "--best-of", type=int, default=0, help="CPU time, shortest of N calls of each stage"
    )
    args = parser.parse_args(argv)
    samples = load_samples(args.data)
    totals: dict[str, float] = {}
    clock = time.process_time if args.best_of else time.perf_counter

    def timed(name: str, function: Callable[..., Any], *call: Any, **keywords: Any) -> Any:
        shortest = float("inf")
        for _ in range(max(args.best_of, 1)):
            start = clock()
            result = function(*call, **keywords)
            shortest = min(shortest, clock() - start)
        totals[name] = totals.get(name, 0.0) + shortest
        return result

    settings = DEFAULT_SETTINGS
    for _ in range(args.passes):
        for sample in samples:
            timed("clean()", clean, sample.html, url=sample.url, rules=RuleSet.none())
            timed("lxml parse only", etree.fromstring, sample.html, parse.make_parser())
            decoded = timed("decode", parse.decode, sample.html)
            tree = timed(
                "parse_page", parse.parse_page, decoded.text, settings, utf8=decoded.utf8
            ).tree
            if tree is None:
                continue
            blocks, _ = timed("segment_tree", segment_tree, tree, max_blocks=settings.max_blocks)
            meta = timed("metadata", metadata.from_tree, tree, sample.url)
            scored = timed("score_blocks", score_blocks, blocks, settings)
            timed("decide", decide, scored, settings, title=meta.page_title)
    floor = totals["lxml parse only"]
    pages = len(samples) * args.passes
    best = f", best of {args.best_of} (CPU time)" if args.best_of else ""
    print(f"{len(samples)} pages, {args.passes} passes{best}")
    for name, seconds in totals.items():
        print(f"{name:16s} {seconds * 1000 / pages:7.2f} ms/page  {seconds / floor:6.2f} x parse")


if __name__ == "__main__":
    main()
