"""Check that a speed change leaves every output of ``clean()`` as it was.

Speed work must not move accuracy. This script cleans a fixed corpus (the AEB pages, the same
pages as text dumps, their large-page compositions from ``newsclean bench --large``, the seed, the
golden pages, the encoding cases and small versions of the hostile inputs) and records, for each
page, the whole ``Article`` with every block's score components and features.

    python benchmarks/same_output.py record  /tmp/before.json   # on the code before the change
    python benchmarks/same_output.py compare /tmp/before.json   # on the code after it

``compare`` exits 1 and names the first differing pages and fields when anything changed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from newsclean import clean
from newsclean.bench import large_samples, load_samples
from newsclean.eval import dump_html_text
from newsclean.rules import RuleSet

ROOT = Path(__file__).resolve().parent.parent
AEB = ROOT.parent / "shared" / "data" / "aeb"
SEED = ROOT / "samples" / "japannews-nato-korea.txt"
# Differences printed by ``compare`` (all are counted).
SHOWN_DIFFERENCES = 10


def corpus() -> Iterator[tuple[str, bytes | str, str | None]]:
    """(name, page, url) for every page of the check."""
    sys.path.insert(0, str(ROOT / "tests"))
    import hostile_inputs

    samples = load_samples(AEB)
    for sample in samples:
        yield f"aeb/{sample.name}", sample.html, sample.url
    for sample in samples:
        text = dump_html_text(sample.html.decode("utf-8", errors="replace"))
        yield f"aeb-text/{sample.name}", text, sample.url
    for sample in large_samples(samples):
        yield f"large/{sample.name}", sample.html, sample.url
    yield "seed/text", SEED.read_text(encoding="utf-8"), None
    for path in sorted((ROOT / "tests" / "golden").glob("*.html")):
        yield f"golden/{path.name}", path.read_bytes(), None
    for case in hostile_inputs.encoding_cases():
        yield f"encoding/{case.name}", case.data, None
    h = hostile_inputs
    small = {
        "nested-divs": h.nested_divs(3_000),
        "sibling-paragraphs": h.sibling_paragraphs(3_000),
        "huge-text-node": h.huge_text_node(200_000),
        "huge-attribute": h.huge_attribute(50_000),
        "many-class-names": h.many_class_names(500, 20),
        "json-ld": h.json_ld(50, 300),
        "many-attributes": h.many_attributes(1_000),
        "script-and-style": h.big_script_and_style(100_000),
        "link-farm": h.link_farm(500),
        "ranking-only": h.ranking_only(),
        "rtl": h.rtl_page(),
        "gzip-page": h.gzip_page(),
        "random-bytes": h.random_bytes(10_000),
    }
    for name, data in small.items():
        yield f"hostile/{name}", data, None


def record() -> dict[str, object]:
    out: dict[str, object] = {}
    for name, page, url in corpus():
        try:
            article = clean(page, url=url, rules=RuleSet.none())
            out[name] = article.to_dict(explain=True)
        except Exception as exc:  # the error itself is the output to compare
            out[name] = {"error": f"{type(exc).__name__}: {exc}"}
    return out


def compare(before: dict[str, object], after: dict[str, object]) -> list[str]:
    problems = []
    for name in sorted(set(before) | set(after)):
        if before.get(name) != after.get(name):
            problems.append(f"{name}: {_first_difference(before.get(name), after.get(name))}")
    return problems


def _first_difference(a: object, b: object, where: str = "") -> str:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if a.get(key) != b.get(key):
                return _first_difference(a.get(key), b.get(key), f"{where}.{key}")
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items before, {len(b)} after"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return _first_difference(x, y, f"{where}[{i}]")
    return f"{where}: {str(a)[:120]!r} before, {str(b)[:120]!r} after"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("record", "compare"))
    parser.add_argument("path", type=Path, help="the recorded outputs (JSON)")
    args = parser.parse_args(argv)
    outputs = record()
    if args.action == "record":
        args.path.write_text(json.dumps(outputs, ensure_ascii=False, sort_keys=True))
        print(f"recorded {len(outputs)} pages in {args.path}")
        return 0
    # Round-trip through JSON so that tuples and lists compare alike.
    after = json.loads(json.dumps(outputs, ensure_ascii=False))
    problems = compare(json.loads(args.path.read_text()), after)
    for line in problems[:SHOWN_DIFFERENCES]:
        print(line)
    print(f"{len(outputs)} pages, {len(problems)} differ")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
