"""Check that a speed change leaves every output of ``clean()`` as it was.

Speed work must not move accuracy. This script cleans a fixed corpus (the AEB pages, the same
pages as text dumps, their large-page compositions from ``newsclean bench --large``, the seed, the
golden pages, the encoding cases and small versions of the hostile inputs; with ``--wcxb`` the
1,497 WCXB dev pages too) and records, for each page, every field of the ``Article`` and of every
block, score components and features included.

    python benchmarks/same_output.py record  /tmp/before.json   # on the code before the change
    python benchmarks/same_output.py compare /tmp/before.json   # on the code after it
    python benchmarks/same_output.py paths [--wcxb]             # pure Python vs compiled core

``paths`` records the corpus twice, in two processes one after the other: once on the pure-Python
reference (``NEWSCLEAN_PURE_PYTHON=1``) and once on the compiled core (``newsclean.native``), and
compares the two; it fails when the compiled core is not built.

``compare`` and ``paths`` exit 1 and name the first differing pages and fields when anything
differs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsclean import clean, native
from newsclean.bench import large_samples, load_samples
from newsclean.eval import dump_html_text, load_wcxb
from newsclean.model import Article
from newsclean.rules import RuleSet

ROOT = Path(__file__).resolve().parent.parent
AEB = ROOT.parent / "shared" / "data" / "aeb"
WCXB = ROOT.parent / "shared" / "data" / "wcxb-dev"
SEED = ROOT / "samples" / "japannews-nato-korea.txt"
# Differences printed by ``compare`` (all are counted).
SHOWN_DIFFERENCES = 10


def corpus(*, wcxb: bool = False) -> Iterator[tuple[str, bytes | str, str | None]]:
    """(name, page, url) for every page of the check; ``wcxb`` adds the WCXB dev pages."""
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
    for path in sorted((ROOT / "tests" / "golden").glob("*.html.gz")):
        yield f"golden/{path.name}", gzip.decompress(path.read_bytes()), None
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
    if wcxb:
        for page in load_wcxb(WCXB):
            yield f"wcxb/{page.id}", page.html, page.url


def record(*, wcxb: bool = False) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, page, url in corpus(wcxb=wcxb):
        try:
            out[name] = every_field(clean(page, url=url, rules=RuleSet.none()))
        except Exception as exc:  # the error itself is the output to compare
            out[name] = {"error": f"{type(exc).__name__}: {exc}"}
    return out


def every_field(article: Article) -> dict[str, Any]:
    """``Article.to_dict(explain=True)`` and the fields it leaves out: the paragraphs, the extra
    metadata, the page type's reason, and each block's ancestors, links and verbatim text."""
    out = article.to_dict(explain=True)
    out["paragraphs"] = list(article.paragraphs)
    out["extra"] = dict(article.extra)
    out["page_type_reason"] = article.page_type_reason
    for block, written in zip(article.blocks, out["blocks"], strict=True):
        features = block.features
        written["features"]["ancestors"] = list(features.ancestors)
        written["features"]["links"] = [list(link) for link in features.links]
        written["features"]["verbatim"] = features.verbatim
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


def paths(*, wcxb: bool) -> int:
    """Record the corpus on the pure-Python path and on the compiled one, in two processes one
    after the other, and compare."""
    recorded = []
    with tempfile.TemporaryDirectory() as folder:
        for pure in (True, False):
            path = Path(folder) / f"{'pure' if pure else 'compiled'}.json"
            env = {key: value for key, value in os.environ.items() if key != native.PURE_ENV}
            if pure:
                env[native.PURE_ENV] = "1"
            command = [sys.executable, __file__, "record", str(path)]
            subprocess.run([*command, *(["--wcxb"] if wcxb else [])], env=env, check=True)
            recorded.append(json.loads(path.read_text()))
    pure_run, compiled_run = recorded
    pure_path, compiled_path = pure_run.pop(PATH_KEY), compiled_run.pop(PATH_KEY)
    if not str(compiled_path).startswith("compiled"):
        print(f"the compiled core is not built ({compiled_path}): `pip install -e .` builds it")
        return 1
    print(f"{pure_path} vs {compiled_path}")
    problems = compare(pure_run, compiled_run)
    for line in problems[:SHOWN_DIFFERENCES]:
        print(line)
    print(f"{len(compiled_run)} pages, {len(problems)} differ between the two paths")
    return 1 if problems else 0


# The entry of a recording that says which path made it (``native.describe``).
PATH_KEY = "(path)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("record", "compare", "paths"))
    parser.add_argument("path", type=Path, nargs="?", help="the recorded outputs (JSON)")
    parser.add_argument("--wcxb", action="store_true", help="add the WCXB dev pages (slower)")
    args = parser.parse_args(argv)
    if args.action == "paths":
        return paths(wcxb=args.wcxb)
    if args.path is None:
        parser.error(f"{args.action} needs the path of the recorded outputs")
    outputs = record(wcxb=args.wcxb)
    if args.action == "record":
        outputs[PATH_KEY] = native.describe()
        args.path.write_text(json.dumps(outputs, ensure_ascii=False, sort_keys=True))
        print(f"recorded {len(outputs) - 1} pages in {args.path} ({outputs[PATH_KEY]})")
        return 0
    # Round-trip through JSON so that tuples and lists compare alike.
    after = json.loads(json.dumps(outputs, ensure_ascii=False))
    before = json.loads(args.path.read_text())
    before.pop(PATH_KEY, None)
    problems = compare(before, after)
    for line in problems[:SHOWN_DIFFERENCES]:
        print(line)
    print(f"{len(outputs)} pages, {len(problems)} differ")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
