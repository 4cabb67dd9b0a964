"""What ``newsclean rules`` does beyond loading: describe rules, run their ``[[test]]`` samples,
and mine saved pages of one site for blocks that repeat (``suggest``).

These are edges of the rules package: they call ``clean()`` like a user would.
"""

from __future__ import annotations

import gzip
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from newsclean.model import Kind
from newsclean.rules.model import Rule, RuleSet, RuleTest

# Longest example text shown for a suggestion.
EXAMPLE_CHARS = 80
# Texts longer than this are matched by their start only (``^prefix``), not as a whole line.
PATTERN_PREFIX_CHARS = 60
# Files ``suggest`` reads from a directory.
PAGE_SUFFIXES: tuple[str, ...] = (".html", ".htm", ".xhtml", ".txt", ".gz")
# Fewest pages a repeated block must appear on, whatever the share.
MIN_REPEAT_PAGES = 2
_DIGITS = regex.compile(r"\d+")
_SPACES = regex.compile(r"\s+")


# --- describing ---------------------------------------------------------------------------------


def describe(rule: Rule) -> list[str]:
    """One line per setting of ``rule``, for ``rules show``."""
    lines = [f"{rule.id}  [{rule.layer.label}]  {rule.origin}"]
    if rule.description:
        lines.append(f"  {rule.description}")
    lines.append(f"  hosts: {', '.join(rule.hosts)}")
    settings: list[tuple[str, Iterable[str]]] = [
        ("paths", rule.paths),
        ("body", [rule.body.source] if rule.body else []),
        ("drop", [s.source for s in rule.drop]),
        ("drop_text", [p.pattern for p in rule.drop_text]),
        ("stop_at", [p.pattern for p in rule.stop_at]),
        ("label", [f"{name}: {p.pattern}" for name, p in rule.labels]),
        ("weights", [f"{name} = {value}" for name, value in rule.weights]),
    ]
    for key, values in settings:
        values = list(values)
        if values:
            lines.append(f"  {key}: {' | '.join(values)}")
    if rule.tests:
        lines.append(f"  tests: {len(rule.tests)}")
    return lines


# --- rule tests ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TestOutcome:
    """The result of one ``[[test]]`` sample."""

    rule: str
    number: int
    sample: str
    problems: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.problems


def run_tests(rules: RuleSet, tested: Iterable[Rule]) -> list[TestOutcome]:
    """Run the samples of the ``tested`` rules, cleaning each page with the rule set ``rules``."""
    return [
        run_test(rules, rule, number, test)
        for rule in tested
        for number, test in enumerate(rule.tests, 1)
    ]


def run_test(rules: RuleSet, rule: Rule, number: int, test: RuleTest) -> TestOutcome:
    from newsclean import clean

    sample = Path(test.page).name if test.page else "inline text"
    if test.page:
        try:
            source: bytes | str = read_page(Path(test.page))
        except OSError as exc:
            return TestOutcome(rule.id, number, sample, (f"cannot read the page: {exc}",))
    else:
        source = test.text
    url = test.url or sample_url(rule)
    article = clean(source, url=url, kind=test.kind, rules=rules)  # type: ignore[arg-type]
    problems = [f"missing {p!r}" for p in test.contains if p not in article.text]
    problems += [f"contains excluded {p!r}" for p in test.excludes if p in article.text]
    return TestOutcome(rule.id, number, sample, tuple(problems))


def sample_url(rule: Rule) -> str:
    """A URL on the rule's first host, for samples that give none."""
    host = rule.hosts[0].replace("*.", "www.", 1)
    path = rule.paths[0].replace("*", "x") if rule.paths else "/"
    return f"https://{host}{path}"


def read_page(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


# --- suggest ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A block text that repeats across pages of one site, as a proposed ``drop_text`` regex."""

    pattern: str
    # Pages the block appears on, and of those the pages where the heuristics kept it.
    pages: int
    kept: int
    example: str

    @property
    def leaks(self) -> bool:
        """The heuristics kept the text on some page: a rule would change the output."""
        return self.kept > 0


@dataclass(frozen=True, slots=True)
class Mined:
    """What ``suggest`` found in a batch of pages."""

    pages: int
    threshold: int
    suggestions: tuple[Suggestion, ...] = ()
    unreadable: tuple[str, ...] = field(default=())


def normalise(text: str) -> str:
    """Case, digits and spacing do not tell two boilerplate lines apart."""
    return _SPACES.sub(" ", _DIGITS.sub("0", text.casefold())).strip()


def to_pattern(text: str) -> str:
    """An anchored regex for ``text``: digit runs and spaces generalised, long texts by prefix."""
    whole = len(text) <= PATTERN_PREFIX_CHARS
    head = text if whole else text[:PATTERN_PREFIX_CHARS].rsplit(" ", 1)[0]
    parts = [
        regex.escape(piece, special_only=True, literal_spaces=True) for piece in _DIGITS.split(head)
    ]
    body = r"\d+".join(_SPACES.sub(r"\\s+", p) for p in parts)
    return f"^{body}$" if whole else f"^{body}"


def page_files(directory: Path) -> list[Path]:
    return sorted(
        p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES
    )


def suggest(files: Sequence[Path], *, min_share: float, kind: str | None = None) -> Mined:
    """Blocks whose normalised text appears on at least ``min_share`` (0..1) of the pages."""
    from newsclean import clean

    seen: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    examples: dict[str, str] = {}
    unreadable: list[str] = []
    readable = 0
    for path in files:
        try:
            data = read_page(path)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            unreadable.append(f"{path}: {exc}")
            continue
        readable += 1
        article = clean(data, kind=kind, rules=RuleSet.none())  # type: ignore[arg-type]
        on_page: dict[str, bool] = {}
        for block in article.blocks:
            if block.kind is Kind.SEPARATOR:
                continue
            key = normalise(block.text)
            on_page[key] = on_page.get(key, False) or block.kept
            examples.setdefault(key, block.text)
        seen.update(on_page.keys())
        kept.update(k for k, was_kept in on_page.items() if was_kept)
    threshold = max(MIN_REPEAT_PAGES, math.ceil(min_share * readable))
    found = [
        Suggestion(to_pattern(examples[k]), n, kept[k], examples[k])
        for k, n in seen.items()
        if n >= threshold
    ]
    return Mined(readable, threshold, rank(found), tuple(unreadable))


def rank(suggestions: Iterable[Suggestion]) -> tuple[Suggestion, ...]:
    """What leaks most first: kept on the largest share of the pages it is on, then on the most
    pages; texts never kept come last."""
    return tuple(
        sorted(suggestions, key=lambda s: (-s.kept / s.pages, -s.kept, -s.pages, s.example))
    )


def format_suggestions(mined: Mined, *, host: str, directory: str, dropped: bool = False) -> str:
    """The suggestions as a rule file to review: every line a proposed ``drop_text`` regex.

    Texts the heuristics kept somewhere (the leaks) come first; texts they already drop on every
    page are left out, as a rule would change nothing, unless ``dropped`` asks for them.
    """
    lines = [
        f"# {mined.pages} pages in {directory}; blocks on at least {mined.threshold} of them.",
        "# Review every line: keep only what is boilerplate on every page of the site.",
        f"hosts = [{toml_string(host)}]",
    ]
    leaks = [s for s in mined.suggestions if s.leaks]
    already = [s for s in mined.suggestions if not s.leaks]
    if not mined.suggestions:
        lines.append("# no block repeats often enough")
        return "\n".join(lines)
    if leaks or dropped:
        lines.append("drop_text = [")
    if leaks:
        lines.append("    # leaks: repeated texts the heuristics kept, most often kept first")
        lines.extend(_suggestion_lines(leaks, mined.pages))
    elif not dropped:
        lines.append("# nothing leaks: every repeated text is already dropped on every page")
    if already and dropped:
        lines.append(
            "    # already dropped on every page by the heuristics (a rule changes nothing)"
        )
        lines.extend(_suggestion_lines(already, mined.pages))
    if leaks or dropped:
        lines.append("]")
    if already and not dropped:
        hidden = _plural(len(already), "repeated text")
        lines.append(f"# hidden: {hidden} already dropped on every page (--all lists them)")
    return "\n".join(lines)


def _suggestion_lines(suggestions: Iterable[Suggestion], pages: int) -> list[str]:
    lines = []
    for s in suggestions:
        example = s.example if len(s.example) <= EXAMPLE_CHARS else s.example[:EXAMPLE_CHARS] + "…"
        lines.append(f"    # on {s.pages}/{pages} pages, kept on {s.kept}: {example}")
        lines.append(f"    {toml_string(s.pattern)},")
    return lines


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def toml_string(text: str) -> str:
    """A TOML literal string ('...') when possible (regexes read better), else a basic one."""
    if "'" not in text and "\n" not in text:
        return f"'{text}'"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'
