"""Metadata accuracy on a benchmark of the WCXB layout: title, author and date against the gold.

Each page of ``eval.load`` carries its gold ``title``, ``author`` and ``publish_date`` in
``page.truth``; a field counts on the pages that give it a value. The comparison (stated in
docs/evaluation.md): texts are normalised (Unicode NFKC, case folded, punctuation and quote
marks turned into spaces, whitespace collapsed); a title is right when it equals the gold; an
author when every name of the gold is found in it; a date when it falls on the gold's day. The
pages are also split in two halves by a hash of their domain, so that a change tuned on one
half can be checked on the other.
"""

from __future__ import annotations

import time
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import regex

from newsclean.eval import Page

FIELDS = ("title", "author", "date")
# The gold key of each field in a WCXB ground truth.
GOLD_KEYS = {"title": "title", "author": "author", "date": "publish_date"}
# Punctuation, quote marks and symbols: turned into spaces before texts are compared.
_NOT_WORD = regex.compile(r"[^\w\s]+")
# What separates the names of several authors in a gold value.
_NAME_SEPARATOR = regex.compile(r"\s*(?:[,;&|/]|\band\b)\s*", regex.IGNORECASE)
# The ISO 8601 day (or month) at the start of a reported date.
_ISO_DAY = regex.compile(r"\d{4}-\d{2}(?:-\d{2})?")
# The two halves of the pages: ``crc32(domain) % HALVES``.
HALVES = 2

MetadataExtractor = Callable[[Page], "Guess"]


@dataclass(frozen=True, slots=True)
class Guess:
    """What an extractor reports for a page."""

    title: str | None = None
    author: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    """One field of one page: the gold value, the guess, and whether the guess is right."""

    page: str
    half: int
    field: str
    gold: str
    guess: str | None
    right: bool


@dataclass(frozen=True, slots=True)
class MetadataResult:
    """One extractor's verdicts over a benchmark."""

    name: str
    verdicts: tuple[Verdict, ...]
    seconds: float

    def accuracy(self, field: str, half: int | None = None) -> float | None:
        """Share of right guesses among the pages with a gold ``field`` (in ``half``, if given);
        None when there is no such page."""
        picked = [v for v in self.verdicts if v.field == field and (half is None or v.half == half)]
        return sum(v.right for v in picked) / len(picked) if picked else None

    def count(self, field: str) -> int:
        """Pages with a gold value for ``field``."""
        return sum(1 for v in self.verdicts if v.field == field)


def normalise(text: str | None) -> str:
    """The compared form of a text: NFKC, case folded, no punctuation, single spaces."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def gold_names(author: str) -> list[str]:
    """The names of a gold author value, normalised, without trailing credentials.

    ``"Jillian Kubala, MS, RD"`` → ``["jillian kubala"]``; ``"Ana Li and Bo Yu"`` → both names.
    A piece after the first each of whose words holds two capitals or is a number (``MS``,
    ``Ph.D.``, ``DVM``, ``E-RYT 200``) is a credential, not a name.
    """
    pieces = [p for p in _NAME_SEPARATOR.split(author) if normalise(p)]
    names = pieces[:1] + [p for p in pieces[1:] if not _is_credential(p)]
    return [normalise(name) for name in names]


def _is_credential(piece: str) -> bool:
    return all(w.isdigit() or sum(c.isupper() for c in w) >= 2 for w in piece.split())


def title_right(gold: str, guess: str | None) -> bool:
    """The guessed title equals the gold one, once both are normalised."""
    return normalise(gold) == normalise(guess)


def author_right(gold: str, guess: str | None) -> bool:
    """Every name of the gold author is a run of whole words of the guess."""
    found = f" {normalise(guess)} "
    names = gold_names(gold)
    return bool(names) and bool(found.strip()) and all(f" {n} " in found for n in names)


def date_right(gold: str, guess: str | None) -> bool:
    """The guessed date falls on the gold day (or month, when the gold gives only a month)."""
    match = _ISO_DAY.match(guess or "")
    return match is not None and match[0][: len(gold)] == gold and len(match[0]) >= len(gold)


JUDGES: dict[str, Callable[[str, str | None], bool]] = {
    "title": title_right,
    "author": author_right,
    "date": date_right,
}


def half_of(page: Page) -> int:
    """The half of the benchmark a page belongs to, by a hash of its domain (``www.`` dropped)."""
    host = (urlsplit(page.url or "").hostname or "").removeprefix("www.")
    return zlib.crc32(host.encode()) % HALVES


def judge(page: Page, guess: Guess) -> list[Verdict]:
    """The verdicts on the fields of ``page`` that have a gold value."""
    half = half_of(page)
    verdicts = []
    for name in FIELDS:
        gold = page.truth.get(GOLD_KEYS[name])
        if not isinstance(gold, str) or not gold.strip():
            continue
        value = getattr(guess, name)
        verdicts.append(Verdict(page.id, half, name, gold, value, JUDGES[name](gold, value)))
    return verdicts


def run(name: str, extractor: MetadataExtractor, pages: Iterable[Page]) -> MetadataResult:
    """Run ``extractor`` on every page and judge its fields; the timing covers extraction."""
    verdicts: list[Verdict] = []
    elapsed = 0.0
    for page in pages:
        start = time.perf_counter()
        guess = extractor(page)
        elapsed += time.perf_counter() - start
        verdicts.extend(judge(page, guess))
    return MetadataResult(name, tuple(verdicts), elapsed)


def newsclean_metadata(page: Page) -> Guess:
    """newsclean's ``clean()`` on the page, with no site rules, as in the body evaluation."""
    from newsclean import clean
    from newsclean.rules import RuleSet

    article = clean(page.html, url=page.url, rules=RuleSet.none())
    return Guess(article.title, article.author, article.date)


def trafilatura_metadata(page: Page) -> Guess:
    """trafilatura's own ``extract_metadata(html, default_url=url)`` (the baseline)."""
    import trafilatura

    doc = trafilatura.extract_metadata(page.html, default_url=page.url)
    return Guess(doc.title, doc.author, doc.date)


COMPARISONS: dict[str, MetadataExtractor] = {"trafilatura": trafilatura_metadata}


def format_table(results: Sequence[MetadataResult]) -> str:
    """One row per field: pages with a gold value, then each extractor's accuracy and halves."""
    head = f"{'field':<8}{'pages':>7}" + "".join(
        f"  {r.name + ' (half 0 / 1)':<32}" for r in results
    )
    lines = [head]
    for name in FIELDS:
        row = f"{name:<8}{results[0].count(name):>7}"
        for r in results:
            halves = " / ".join(_figure(r.accuracy(name, h)) for h in range(HALVES))
            row += f"  {f'{_figure(r.accuracy(name))} ({halves})':<32}"
        lines.append(row)
    return "\n".join(lines)


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def losses(ours: MetadataResult, theirs: MetadataResult) -> list[tuple[Verdict, Verdict]]:
    """The fields that ``ours`` gets wrong and ``theirs`` right, by page and field."""
    right = {(v.page, v.field): v for v in theirs.verdicts if v.right}
    return [
        (v, right[(v.page, v.field)])
        for v in ours.verdicts
        if not v.right and (v.page, v.field) in right
    ]


def format_losses(ours: MetadataResult, theirs: MetadataResult, limit: int) -> str:
    """Up to ``limit`` fields where ``ours`` is wrong and ``theirs`` right, with the values."""
    lost = losses(ours, theirs)
    out = [f"{len(lost)} fields wrong in {ours.name} and right in {theirs.name}:"]
    for mine, other in lost[:limit]:
        out.append(
            f"- {mine.page} {mine.field}: gold {mine.gold!r}; {ours.name} {mine.guess!r}; "
            f"{theirs.name} {other.guess!r}"
        )
    return "\n".join(out)


def as_rows(results: Sequence[MetadataResult]) -> list[dict[str, object]]:
    """The figures as JSON-ready rows, one per extractor."""
    return [
        {
            "name": r.name,
            "seconds": round(r.seconds, 3),
            **{
                name: {
                    "pages": r.count(name),
                    "accuracy": r.accuracy(name),
                    "halves": [r.accuracy(name, h) for h in range(HALVES)],
                }
                for name in FIELDS
            },
        }
        for r in results
    ]
