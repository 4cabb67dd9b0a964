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

from newsclean import __version__, native

if TYPE_CHECKING:
    from newsclean.batch import Executor, Options
    from newsclean.eval import Page, Result
    from newsclean.model import Article
    from newsclean.settings import Settings

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2

EPILOG = """\
examples:
  newsclean clean samples/japannews-nato-korea.txt      print the article of a saved page
  newsclean clean page.html --format json               body, title, date and every block as JSON
  newsclean clean crawl/ a.warc.gz -o out.jsonl         every page of a directory and a WARC archive
  newsclean eval ../shared/data/aeb --compare trafilatura
                                                         accuracy on a benchmark, side by side
  newsclean bench ../shared/data/aeb --large            speed against lxml parsing and trafilatura
  newsclean explain page.html -o report.html            why each block was kept or dropped
  newsclean explain page.html                           the same as tables, on a terminal

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
    parser.add_argument(
        "--version", action="version", version=f"newsclean {__version__}, {native.describe()}"
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add in SUBCOMMANDS:
        add(sub)
    return parser


# --- clean ---------------------------------------------------------------------------------------


def _add_clean(sub: argparse._SubParsersAction) -> None:
    from newsclean.batch import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_S, FORMATS, MAX_PAGE_BYTES

    p = sub.add_parser(
        "clean",
        help="extract the articles of pages, directories of pages or WARC archives",
        description="Extract the article of each saved page. An input is a page (HTML or text "
        "that a scraper already pulled out of a page, '.gz' allowed), '-' for standard input, "
        "a directory (searched recursively) or a WARC archive (.warc, .warc.gz). A single page "
        "without -o prints to standard output. Exit status: 0 every page cleaned, 1 some pages "
        "failed (each has an error record), 2 usage error or the output cannot be written (held "
        "by another run, disk full), 130 interrupted. See docs/crawl.md.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="page, directory, WARC, or -")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="a directory (one file per page, mirroring the inputs) or, with --format jsonl, a "
        "file (one record per page)",
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="text: the body (default); markdown: title and body with headings, lists, tables, "
        "quotes and code (docs/output.md); html: the same as a minimal HTML document; json: "
        "body, metadata and every block; jsonl: one record a line (default when OUT ends in "
        ".jsonl)",
    )
    p.add_argument("--jobs", type=int, default=0, metavar="N", help="worker processes (all cores)")
    p.add_argument("--rules", metavar="DIR", help="site rules to use above the installed ones")
    p.add_argument("--resume", action="store_true", help="skip pages whose output is complete")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    p.add_argument(
        "--glob",
        action="append",
        default=[],
        metavar="PAT",
        help="in directories, clean only files matching PAT (repeatable; default: every file)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT_S,
        metavar="S",
        help=f"per-page time limit in seconds (default {DEFAULT_TIMEOUT_S:g})",
    )
    p.add_argument(
        "--max-memory",
        type=int,
        default=DEFAULT_MAX_MEMORY_MB,
        metavar="MB",
        help=f"memory cap of each worker in MB (default {DEFAULT_MAX_MEMORY_MB}; 0: none)",
    )
    p.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_PAGE_BYTES,
        metavar="N",
        help=f"largest page read, in bytes (default {MAX_PAGE_BYTES:,}); larger pages, and "
        "standard input past it, fail with too-large",
    )
    p.add_argument(
        "--dask-scheduler",
        metavar="ADDRESS",
        help="clean on a dask.distributed cluster (needs newsclean[dask])",
    )
    p.add_argument("--url", help="the page's URL, for a single page (reported; picks site rules)")
    p.add_argument("--explain", action="store_true", help="with --format json: score components")
    p.add_argument(
        "--as", dest="kind", choices=("html", "text"), help="force how the inputs are read"
    )
    p.add_argument(
        "--favor",
        choices=("balanced", "precision", "recall"),
        default="balanced",
        help="precision keeps only the body's main run; recall also keeps what may be body "
        "(other sections, cards of a listing); default balanced",
    )
    p.set_defaults(run=_run_clean)


def _run_clean(args: argparse.Namespace) -> int:
    import signal

    from newsclean import batch

    fmt = args.format or ("jsonl" if (args.output or "").endswith(".jsonl") else "text")
    options = batch.Options(
        format=fmt,
        kind=args.kind,
        favor=args.favor,
        explain=args.explain,
        rules=args.rules,
        timeout=args.timeout,
        max_memory_mb=args.max_memory,
        url=args.url,
        max_bytes=args.max_bytes,
    )
    spec = batch.Run(
        inputs=tuple(args.inputs),
        output=args.output,
        options=options,
        jobs=args.jobs,
        resume=args.resume,
        quiet=args.quiet,
        globs=tuple(args.glob),
        cluster=_dask_cluster(args.dask_scheduler) if args.dask_scheduler else None,
    )
    signal.signal(signal.SIGTERM, _interrupt)  # stop as cleanly as on Ctrl-C
    try:
        return batch.run(spec)
    except batch.UsageError as exc:
        print(f"newsclean clean: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception:  # a bug: its traceback, but not exit 1 ("some pages failed")
        import traceback

        traceback.print_exc()
        print(
            "newsclean clean: an unexpected error stopped the run (please report it); the "
            "records written so far are kept: rerun with --resume to finish",
            file=sys.stderr,
        )
        return EXIT_USAGE


def _dask_cluster(address: str) -> Callable[[Options], Executor]:
    """The executor factory of ``--dask-scheduler ADDRESS``. The command line joins the two
    packages: ``newsclean.dask`` imports ``newsclean.batch``, never the reverse."""

    def connect(options: Options) -> Executor:
        from newsclean.batch import UsageError

        try:
            from newsclean import dask as nc_dask
        except ImportError as exc:
            message = f"--dask-scheduler needs: pip install 'newsclean[dask]' ({exc})"
            raise UsageError(message) from exc
        return nc_dask.cluster_executor(address, options)

    return connect


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


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
        help="measure accuracy on a benchmark (AEB or WCXB layout)",
        description="Score newsclean on the benchmark in DATA with that benchmark's own metric "
        "(docs/evaluation.md). The layout is detected: ground-truth.json + html/<id>.html.gz is "
        "AEB (4-token shingles); ground-truth/<id>.json + html/<id>.html.gz is WCXB (bag of "
        "words, mean over pages, per page type, with%%/without%% snippets and empty outputs).",
        epilog="examples:\n"
        "  newsclean eval ../shared/data/aeb --compare trafilatura\n"
        "  newsclean eval ../shared/data/wcxb-dev --compare trafilatura --half held-out\n"
        "  newsclean eval ../shared/data/wcxb-dev --as-text --worst 10",
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
    p.add_argument(
        "--markdown",
        action="store_true",
        help="score the structure of the Markdown output (headings, list items, table rows) "
        "against the benchmark's main_content_markdown (WCXB), beside trafilatura's",
    )
    p.add_argument("--worst", type=int, default=0, metavar="N", help="list the N worst pages")
    p.add_argument(
        "--half",
        choices=["tune", "held-out"],
        help="only the pages of one half, split by a hash of the page's domain (weights are "
        "tuned on 'tune'; 'held-out' shows whether a gain carries over to unseen sites)",
    )
    p.add_argument(
        "--favor",
        choices=["balanced", "precision", "recall"],
        default="balanced",
        help="clean in this mode (see clean(favor=...)); the default is balanced",
    )
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument(
        "--metadata",
        action="store_true",
        help="score title, author and date instead of the body (WCXB layout); with --compare "
        "trafilatura, --worst N lists N fields newsclean gets wrong and trafilatura right",
    )
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
    if args.half:
        pages = [page for page in pages if ev.half(page) == args.half]
    if args.markdown:
        return _eval_markdown(args, pages)
    if args.metadata:
        return _eval_metadata(args, pages)
    keep = args.worst > 0
    # newsclean's page-type guesses, by page id (scored against WCXB's labels).
    guessed: dict[str, str] = {}
    if args.as_text:
        results = _eval_text(args, pages, keep)
        if results is None:
            return EXIT_USAGE
    else:
        extractor = ev.newsclean_extractor(args.favor, guessed)
        results = [ev.run("newsclean", extractor, pages, keep_examples=keep)]
        for name in args.compare:
            if name not in ev.COMPARISONS:
                print(f"newsclean eval: --compare {name} needs --as-text", file=sys.stderr)
                return EXIT_USAGE
            results.append(ev.run(name, ev.COMPARISONS[name], pages, keep_examples=keep))
    if args.json:
        rows = [_result_row(r) for r in results]
        print(json.dumps(rows, indent=2))
    else:
        dumped = f", as {args.dump} text dumps" if args.as_text else ""
        part = f" ({args.half} half)" if args.half else ""
        print(f"{len(pages)} pages from {args.data}{part}{dumped}")
        print(ev.format_table(results))
        if guessed and ev.metric_of(pages) == "words":
            print()
            print(ev.format_types(*ev.type_accuracy(pages, guessed)))
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


def _result_row(result: Result) -> dict[str, object]:
    """One extractor's figures as JSON, with the per-type figures on WCXB pages."""
    names = ("name", "precision", "recall", "f1", "accuracy", "pages")
    row: dict[str, object] = {k: getattr(result, k) for k in names}
    row["pages_per_second"] = result.pages_per_second
    if result.metric == "words":
        row |= {
            "empty": result.empty,
            "with": result.with_share,
            "without": result.without_share,
            "types": {
                t: {"pages": r.pages, "f1": r.f1, "precision": r.precision, "recall": r.recall}
                for t, r in result.by_type().items()
            },
        }
    return row


def _eval_metadata(args: argparse.Namespace, pages: Sequence[Page]) -> int:
    """``eval --metadata``: title, author and date against the gold, beside the comparisons."""
    from newsclean import eval_metadata as em

    unknown = [name for name in args.compare if name not in em.COMPARISONS]
    if unknown:
        print(f"newsclean eval: --metadata cannot --compare {unknown[0]}", file=sys.stderr)
        return EXIT_USAGE
    results = [em.run("newsclean", em.newsclean_metadata, pages)]
    results += [em.run(name, em.COMPARISONS[name], pages) for name in args.compare]
    if args.json:
        print(json.dumps(em.as_rows(results), indent=2))
        return EXIT_OK
    print(f"{len(pages)} pages from {args.data}, metadata (half = crc32(domain) % 2)")
    print(em.format_table(results))
    for other in results[1:] if args.worst > 0 else ():
        print()
        print(em.format_losses(results[0], other, args.worst))
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
    # On WCXB pages the naive keep-long-lines baseline is the bar text mode must clear.
    compare = list(args.compare)
    if ev.metric_of(pages) == "words" and "long-lines" not in compare:
        compare.append("long-lines")
    for name in compare:
        results.append(ev.run_text(name, ev.TEXT_COMPARISONS[name], dumps, keep_examples=keep))
    return results


def _eval_markdown(args: argparse.Namespace, pages: Sequence[Page]) -> int:
    """``eval --markdown``: the share of the reference's headings, list items and table rows
    that newsclean's and trafilatura's Markdown give as the same structure."""
    from newsclean import eval_markdown as em

    pages = [page for page in pages if em.reference(page)]
    if not pages:
        print(f"newsclean eval: no page of {args.data} has a reference Markdown", file=sys.stderr)
        return EXIT_USAGE
    results = [em.run(name, extractor, pages) for name, extractor in em.EXTRACTORS.items()]
    if args.json:
        rows = [
            {"name": r.name, "pages": r.pages}
            | {f"{s}_found": r.found(s) for s in em.STRUCTURES}
            | {f"{s}_precise": r.precise(s) for s in em.STRUCTURES}
            | {"expected": dict(r.expected)}
            for r in results
        ]
        print(json.dumps(rows, indent=2))
    else:
        print(f"{len(pages)} pages with a reference Markdown from {args.data}")
        print(em.format_table(results))
    return EXIT_OK


# --- explain -------------------------------------------------------------------------------------

# Width of the text report when it is written to a file (a terminal reports its own width).
EXPLAIN_FILE_WIDTH = 140


def _add_explain(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "explain",
        help="show why each block of a page was kept or dropped (HTML report or table)",
        description="Clean a page and report every decision: each block in page order with its "
        "score, the named components of the score and the reasons that kept or dropped it, "
        "sidebar sections grouped under their heading, and a summary. The HTML report is one "
        "self-contained file (no script, no external asset) with a page view: the page itself, "
        "made inert, each block outlined. On a terminal, without -o, the report is text.",
    )
    p.add_argument("input", help="a page file (HTML or text), or - for standard input")
    p.add_argument("--url", help="the page's URL (reported, and used to pick site rules)")
    p.add_argument("--rules", metavar="DIR", help="site rules to apply (a directory or file)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here (default: stdout)")
    p.add_argument(
        "--format",
        choices=("html", "text", "json"),
        help="html: a report for the browser, with the page view (the default with -o, or when "
        "standard output is not a terminal); text: tables for the terminal (the default on a "
        "terminal); json: every block with its components, and the summary",
    )
    p.add_argument(
        "--as", dest="kind", choices=("html", "text"), help="force how the input is read"
    )
    p.set_defaults(run=_run_explain)


def _run_explain(args: argparse.Namespace) -> int:
    from rich.console import Console

    from newsclean import clean, explain
    from newsclean.errors import NewscleanError
    from newsclean.rules import resolve
    from newsclean.settings import DEFAULT_SETTINGS

    data = sys.stdin.buffer.read() if args.input == "-" else _read_file(args.input)
    if data is None:
        return EXIT_USAGE
    try:
        article = clean(data, url=args.url, kind=args.kind, rules=args.rules)
    except NewscleanError as exc:
        print(f"newsclean explain: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for warning in article.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    # The settings clean() used: a site rule's [weights] move thresholds and parse limits.
    settings = resolve(args.rules).for_url(args.url).settings(DEFAULT_SETTINGS)
    fmt = args.format or _explain_default_format(args.output)
    if fmt == "text" and not args.output:
        explain.render_text(article, Console(), settings=settings)
        return EXIT_OK
    report = _explain_report(article, fmt, data, settings)
    if not args.output:
        sys.stdout.write(report)
        return EXIT_OK
    try:
        Path(args.output).write_text(report, encoding="utf-8", errors="replace")
    except OSError as exc:
        print(f"newsclean: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    summary = explain.summarize(article)
    print(
        f"wrote {args.output}: {summary.kept_blocks} blocks kept, {summary.dropped_blocks} dropped",
        file=sys.stderr,
    )
    return EXIT_OK


def _explain_default_format(output: str | None) -> str:
    """Without --format: the text report on a terminal, HTML into a file or a pipe (~100 KB of
    HTML is of no use on a screen)."""
    return "text" if output is None and sys.stdout.isatty() else "html"


def _explain_report(article: Article, fmt: str, page: bytes, settings: Settings) -> str:
    """The report of ``article`` in ``fmt`` (html, json or plain text) as one string; ``page`` is
    the source, for the HTML report's page view, and ``settings`` those clean() used."""
    import io

    from rich.console import Console

    from newsclean import explain

    if fmt == "html":
        return explain.render_html(article, page=page, settings=settings)
    if fmt == "json":
        summary = explain.summarize(article, settings=settings).to_dict()
        report = article.to_dict(explain=True) | {"summary": summary}
        return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    buffer = io.StringIO()
    console = Console(file=buffer, width=EXPLAIN_FILE_WIDTH, color_system=None)
    explain.render_text(article, console, settings=settings)
    return buffer.getvalue()


# --- rules ---------------------------------------------------------------------------------------

RULES_EPILOG = """\
examples:
  newsclean rules list                          every rule: user, plugin, built-in
  newsclean rules show japannews.yomiuri.co.jp  every rule of a host, with the paths it is for
  newsclean rules show https://japannews.yomiuri.co.jp/world/x/
                                                which rules apply to that page, in order
  newsclean rules check my-rules/site.toml      validate rule files
  newsclean rules test my-rules/                run the [[test]] samples of rule files
  newsclean rules suggest saved-pages/ --host example.com
                                                propose drop_text rules for what leaks

See docs/rules.md for the rule file format.
"""


def _add_rules(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "rules",
        help="list, show, check, test and suggest per-site rules",
        description="Per-site rules are TOML files keyed by host (docs/rules.md). Rules come "
        "from --rules DIR and NEWSCLEAN_RULES directories, installed plugins and the built-in "
        "rules, in that order of precedence.",
        epilog=RULES_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = p.add_subparsers(title="actions", metavar="ACTION", dest="action", required=True)
    rules_dir = {
        "metavar": "DIR",
        "action": "append",
        "default": [],
        "help": "also use the rules of this directory or file, above the installed ones",
    }
    listing = actions.add_parser("list", help="every known rule, highest precedence first")
    listing.add_argument("--rules", **rules_dir)
    show = actions.add_parser(
        "show", help="every rule of a host with its paths, or the rules that apply to a URL"
    )
    show.add_argument("host", help="a host (example.com) or a URL (which rules apply to it)")
    show.add_argument("--rules", **rules_dir)
    check = actions.add_parser("check", help="validate rule files (exit 1 on the first error)")
    check.add_argument("files", nargs="+", metavar="FILE", help="rule files or directories")
    test = actions.add_parser("test", help="run the [[test]] samples of rule files")
    test.add_argument("path", nargs="?", help="a rule file or directory (default: every rule)")
    test.add_argument("--rules", **rules_dir)
    mine = actions.add_parser(
        "suggest",
        help="propose drop_text rules from blocks that repeat across saved pages of one site",
    )
    mine.add_argument("directory", help="a directory of saved pages of one site (.html, .txt, .gz)")
    mine.add_argument("--host", default="example.com", help="the site's host, for the rule")
    mine.add_argument(
        "--min-share",
        type=float,
        default=50.0,
        metavar="N",
        help="propose blocks found on at least N%% of the pages (default 50)",
    )
    mine.add_argument(
        "--as", dest="kind", choices=("html", "text"), help="force how the pages are read"
    )
    mine.add_argument(
        "--all",
        action="store_true",
        help="also list repeated blocks the heuristics already drop on every page",
    )
    p.set_defaults(run=_run_rules)


def _run_rules(args: argparse.Namespace) -> int:
    from newsclean.errors import RuleError

    try:
        return RULE_ACTIONS[args.action](args)
    except RuleError as exc:
        print(f"newsclean rules: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED if args.action in ("check", "test") else EXIT_USAGE


def _rules_list(args: argparse.Namespace) -> int:
    from newsclean.rules import default_rules

    for rule in default_rules(args.rules):
        hosts = ", ".join(rule.hosts) + (f" {', '.join(rule.paths)}" if rule.paths else "")
        print(f"{rule.id:<20} {rule.layer.label:<8} {hosts}  ({rule.origin})")
    return EXIT_OK


def _rules_show(args: argparse.Namespace) -> int:
    from newsclean.rules import default_rules
    from newsclean.rules.model import split_url
    from newsclean.rules.tools import describe

    rules = default_rules(args.rules)
    of_host = rules.for_host(args.host)
    # A bare host names no page: every rule of the host is listed, with the paths it is for.
    is_url = "/" in args.host
    site = tuple(rules.for_url(args.host)) if is_url else of_host
    if not site:
        print(f"no site rule applies to {args.host}: the generic heuristics alone")
    elif not is_url and any(r.paths for r in of_host):
        print(
            f"rules of {args.host}; a rule with paths applies only to URLs whose path matches "
            "one (give a URL to see which rules apply to that page):"
        )
    for n, rule in enumerate(site, 1):
        print(f"{n}. " + "\n".join(describe(rule)))
    path = split_url(args.host)[1]
    for rule in (r for r in of_host if r not in site):
        print(f"   (not applied: {rule.id} is for the paths {', '.join(rule.paths)}, not {path})")
    ids = {r.id for r in of_host}
    for rule in (r for r in rules.shadowed if r.id in ids):
        print(f"   (hidden: {rule.id} [{rule.layer.label}] {rule.origin})")
    return EXIT_OK


def _rules_check(args: argparse.Namespace) -> int:
    from newsclean.rules import load_path

    for name in args.files:
        for rule in load_path(name):
            tests = f", {len(rule.tests)} test(s)" if rule.tests else ""
            print(f"ok  {rule.origin}: rule '{rule.id}' for {', '.join(rule.hosts)}{tests}")
    return EXIT_OK


def _rules_test(args: argparse.Namespace) -> int:
    from newsclean.rules import default_rules, load_path
    from newsclean.rules.tools import run_tests

    rules = default_rules(args.rules)
    tested = list(rules)
    if args.path:
        given = load_path(args.path)
        tested, rules = list(given), given.over(rules)
    outcomes = run_tests(rules, tested)
    for o in outcomes:
        status = "PASS" if o.passed else "FAIL"
        detail = f": {'; '.join(o.problems)}" if o.problems else ""
        print(f"{status}  {o.rule} #{o.number} ({o.sample}){detail}")
    failed = sum(not o.passed for o in outcomes)
    print(f"{len(outcomes) - failed} passed, {failed} failed")
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _rules_suggest(args: argparse.Namespace) -> int:
    from newsclean.rules.tools import format_suggestions, page_files, suggest

    directory = Path(args.directory)
    if not directory.is_dir():
        print(f"newsclean rules suggest: {directory} is not a directory", file=sys.stderr)
        return EXIT_USAGE
    files = page_files(directory)
    if not files:
        print(f"newsclean rules suggest: no pages in {directory}", file=sys.stderr)
        return EXIT_USAGE
    mined = suggest(files, min_share=args.min_share / 100, kind=args.kind)
    for problem in mined.unreadable:
        print(f"warning: cannot read {problem}", file=sys.stderr)
    print(format_suggestions(mined, host=args.host, directory=str(directory), dropped=args.all))
    return EXIT_OK


RULE_ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "list": _rules_list,
    "show": _rules_show,
    "check": _rules_check,
    "test": _rules_test,
    "suggest": _rules_suggest,
}


# --- bench ---------------------------------------------------------------------------------------


def _add_bench(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "bench",
        help="time newsclean against lxml parsing, trafilatura and readability",
        description="Load the pages of DATA (a benchmark in the AEB layout, a directory of "
        ".html/.htm/.html.gz files, or one file) into memory, then time newsclean, lxml "
        "parse-only (the floor), trafilatura and readability-lxml (when installed) on them, "
        "interleaved in one run; see docs/benchmarks.md.",
    )
    p.add_argument("data", help="pages to time, e.g. ../shared/data/aeb")
    p.add_argument(
        "--passes", type=int, default=3, metavar="N", help="passes; a page's time is the median"
    )
    p.add_argument(
        "--large",
        action="store_true",
        help="also time large pages (0.5-2 MB, made from the pages) and check linearity",
    )
    p.add_argument(
        "--only", action="append", metavar="NAME", help="time only this extractor (repeatable)"
    )
    p.add_argument("--limit", type=int, metavar="N", help="time only the first N pages")
    p.add_argument("--no-memory", action="store_true", help="skip the peak-RSS measurement")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(run=_run_bench)


def _run_bench(args: argparse.Namespace) -> int:
    from newsclean import bench

    if args.passes < 1:
        print("newsclean bench: --passes must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        failed = bench.main(
            args.data,
            passes=args.passes,
            large=args.large,
            names=args.only,
            limit=args.limit,
            memory=not args.no_memory,
            as_json=args.json,
        )
    except (FileNotFoundError, ValueError) as exc:
        print(f"newsclean bench: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_SOME_FAILED if failed else EXIT_OK


SUBCOMMANDS: tuple[Callable[[argparse._SubParsersAction], None], ...] = (
    _add_clean,
    _add_eval,
    _add_explain,
    _add_rules,
    _add_bench,
)
