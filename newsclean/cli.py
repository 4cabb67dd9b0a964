"""The ``newsclean`` command line (also ``python -m newsclean``).

Each subcommand is a pair of functions: ``_add_<name>(subparsers)`` declares its arguments and
``_run_<name>(args)`` runs it and returns the exit status. The commands only call the public
API and the edge modules (``eval``); they hold no extraction logic of their own.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsclean import __version__

if TYPE_CHECKING:
    from newsclean.eval import Page, Result

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2

EPILOG = """\
examples:
  newsclean clean samples/japannews-nato-korea.txt      print the article of a saved page
  newsclean clean page.html --format json               body, title, date and every block as JSON
  newsclean eval ../shared/data/aeb --compare trafilatura
                                                         accuracy on a benchmark, side by side

Run 'newsclean COMMAND --help' for the options of one command.
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsclean",
        description="Strip boilerplate (menus, 'Most popular' and 'Related' lists, share bars, "
        "footers) from news pages and keep the article.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsclean {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add in SUBCOMMANDS:
        add(sub)
    return parser


# --- clean ---------------------------------------------------------------------------------------


def _add_clean(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "clean",
        help="extract the article of a page (HTML or plain text)",
        description="Extract the article of a saved page. The input may be HTML or text that a "
        "scraper already pulled out of a page; '-' reads standard input.",
    )
    p.add_argument("input", help="a page file (HTML or text), or - for standard input")
    p.add_argument("--url", help="the page's URL (reported in the output)")
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: the body only (default); json: body, metadata and every block",
    )
    p.add_argument("--explain", action="store_true", help="with --format json: score components")
    p.add_argument(
        "--as", dest="kind", choices=("html", "text"), help="force how the input is read"
    )
    p.set_defaults(run=_run_clean)


def _run_clean(args: argparse.Namespace) -> int:
    from newsclean import clean

    data = sys.stdin.buffer.read() if args.input == "-" else _read_file(args.input)
    if data is None:
        return EXIT_USAGE
    article = clean(data, url=args.url, kind=args.kind)
    for warning in article.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(article.to_dict(explain=args.explain), ensure_ascii=False, indent=2))
    else:
        print(article.text)
    return EXIT_OK


def _read_file(name: str) -> bytes | None:
    path = Path(name)
    try:
        return path.read_bytes()
    except OSError as exc:
        print(f"newsclean: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
        return None


# --- eval ----------------------------------------------------------------------------------------


def _add_eval(sub: argparse._SubParsersAction) -> None:
    from newsclean.eval import COMPARISONS, DUMPS, TEXT_COMPARISONS

    p = sub.add_parser(
        "eval",
        help="measure accuracy on a benchmark (article-extraction-benchmark layout)",
        description="Score newsclean on DATA (ground-truth.json + html/<id>.html.gz) with the "
        "benchmark's 4-token shingle metric; see docs/evaluation.md.",
    )
    p.add_argument("data", help="benchmark directory, e.g. ../shared/data/aeb")
    p.add_argument(
        "--compare",
        action="append",
        default=[],
        choices=sorted(set(COMPARISONS) | set(TEXT_COMPARISONS)),
        help="also run this extractor on the same pages in the same run (repeatable); with "
        f"--as-text: {', '.join(TEXT_COMPARISONS)}",
    )
    p.add_argument(
        "--as-text",
        action="store_true",
        help="turn each page into a naive full-page text dump and clean that text instead",
    )
    p.add_argument(
        "--dump",
        choices=sorted(DUMPS),
        default="html-text",
        help="with --as-text: the HTML-to-text converter that makes the dumps (default html-text)",
    )
    p.add_argument("--worst", type=int, default=0, metavar="N", help="list the N worst pages")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument(
        "--min-f1",
        type=float,
        metavar="F1",
        help="exit with status 1 when newsclean's F1 is below this floor (used by CI)",
    )
    p.set_defaults(run=_run_eval)


def _run_eval(args: argparse.Namespace) -> int:
    from newsclean import eval as ev

    try:
        pages = ev.load(args.data)
    except (FileNotFoundError, json.JSONDecodeError) as exc:
        print(f"newsclean eval: {exc}", file=sys.stderr)
        return EXIT_USAGE
    keep = args.worst > 0
    if args.as_text:
        results = _eval_text(args, pages, keep)
        if results is None:
            return EXIT_USAGE
    else:
        results = [ev.run("newsclean", ev.newsclean_html, pages, keep_examples=keep)]
        for name in args.compare:
            if name not in ev.COMPARISONS:
                print(f"newsclean eval: --compare {name} needs --as-text", file=sys.stderr)
                return EXIT_USAGE
            results.append(ev.run(name, ev.COMPARISONS[name], pages, keep_examples=keep))
    if args.json:
        rows = [
            {k: getattr(r, k) for k in ("name", "precision", "recall", "f1", "accuracy", "pages")}
            | {"pages_per_second": r.pages_per_second}
            for r in results
        ]
        print(json.dumps(rows, indent=2))
    else:
        dumped = f", as {args.dump} text dumps" if args.as_text else ""
        print(f"{len(pages)} pages from {args.data}{dumped}")
        print(ev.format_table(results))
    for result in results if keep else ():
        print()
        print(ev.format_worst(result, args.worst))
    if args.min_f1 is not None and results[0].f1 < args.min_f1:
        print(
            f"newsclean eval: F1 {results[0].f1:.4f} is below the floor {args.min_f1:.4f}",
            file=sys.stderr,
        )
        return EXIT_SOME_FAILED
    return EXIT_OK


def _eval_text(args: argparse.Namespace, pages: Sequence[Page], keep: bool) -> list[Result] | None:
    """``eval --as-text``: dump every page once, then run newsclean and the comparisons on it."""
    from newsclean import eval as ev

    unknown = [name for name in args.compare if name not in ev.TEXT_COMPARISONS]
    if unknown:
        print(f"newsclean eval: --compare {unknown[0]} is not a text extractor", file=sys.stderr)
        return None
    try:
        dumps = [(page, ev.text_dump(page, args.dump)) for page in pages]
    except ImportError as exc:
        print(f"newsclean eval: --as-text needs the 'eval' extra ({exc})", file=sys.stderr)
        return None
    results = [ev.run_text("newsclean", ev.newsclean_text, dumps, keep_examples=keep)]
    for name in args.compare:
        results.append(ev.run_text(name, ev.TEXT_COMPARISONS[name], dumps, keep_examples=keep))
    return results


SUBCOMMANDS: tuple[Callable[[argparse._SubParsersAction], None], ...] = (_add_clean, _add_eval)
