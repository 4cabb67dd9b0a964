"""Site rules as values: ``Selector``, ``Rule`` (one rule file), ``RuleSet`` (every known rule, in
precedence order) and ``SiteRules`` (the rules that apply to one URL).

All of them are frozen: a rule set is built once (``newsclean.rules.load``) and passed around.
"""

from __future__ import annotations

import dataclasses
import enum
import fnmatch
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import regex
from lxml import etree

from newsclean.settings import Settings

# Prefix of every reason id a site rule leaves on a block: ``rule:<rule id>:<key>``.
REASON_PREFIX = "rule"
# Labels a rule may put on blocks (``[label]`` keys); labelled blocks are not body text.
LABELS: tuple[str, ...] = ("caption", "byline", "dateline")


class Layer(enum.IntEnum):
    """Where a rule comes from; a lower value wins over a higher one."""

    EXPLICIT = 0  # the ``rules=`` argument of ``clean()``
    USER = 1  # ``--rules DIR`` and the ``NEWSCLEAN_RULES`` directories
    PLUGIN = 2  # installed packages, entry-point group ``newsclean.rules``
    BUILTIN = 3  # ``newsclean/rules/builtin/*.toml``

    @property
    def label(self) -> str:
        return self.name.lower()


def reason(rule_id: str, key: str) -> str:
    """The reason id a rule's ``key`` leaves on the blocks it decides, e.g.
    ``rule:japannews:stop_at``."""
    return f"{REASON_PREFIX}:{rule_id}:{key}"


@dataclass(frozen=True, slots=True)
class Selector:
    """A CSS or XPath selector as written in a rule file, with its compiled XPath."""

    source: str
    # "css" or "xpath".
    syntax: str
    compiled: etree.XPath = field(compare=False, repr=False)

    def select(self, root: etree._Element) -> list[etree._Element]:
        """The elements under ``root`` the selector matches (non-element results are ignored)."""
        result = self.compiled(root)
        if not isinstance(result, list):
            return []
        return [e for e in result if isinstance(e, etree._Element)]


@dataclass(frozen=True, slots=True)
class RuleTest:
    """A ``[[test]]`` sample of a rule file: a page, and phrases its article must (not) contain."""

    # The page's path (relative to the rule file), or "" when the sample is inline ``text``.
    page: str = ""
    text: str = ""
    url: str | None = None
    # "html", "text" or None (markup decides).
    kind: str | None = None
    contains: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule file: the hosts it applies to and what it says about their pages."""

    # The file's stem ("japannews"); it names the rule in reasons and shadows a rule with the same
    # id in a lower layer.
    id: str
    # Exact hosts ("japannews.yomiuri.co.jp") or subdomain wildcards ("*.example.com").
    hosts: tuple[str, ...]
    # URL path globs ("/world/*"); empty means every path.
    paths: tuple[str, ...] = ()
    description: str = ""
    body: Selector | None = None
    drop: tuple[Selector, ...] = ()
    drop_text: tuple[regex.Pattern[str], ...] = ()
    stop_at: tuple[regex.Pattern[str], ...] = ()
    # (label, pattern) pairs: blocks whose text matches get the label and leave the body.
    labels: tuple[tuple[str, regex.Pattern[str]], ...] = ()
    # (Settings field, value) pairs applied with ``Settings.replace``.
    weights: tuple[tuple[str, int | float], ...] = ()
    tests: tuple[RuleTest, ...] = ()
    layer: Layer = Layer.USER
    # Where the rule was read from: a file path, with the plugin's name for plugins.
    origin: str = ""

    def matches(self, host: str, path: str) -> bool:
        """True when the rule applies to a page on ``host`` (lower-case) at URL ``path``."""
        if not any(host_matches(pattern, host) for pattern in self.hosts):
            return False
        return not self.paths or any(fnmatch.fnmatchcase(path, glob) for glob in self.paths)

    def specificity(self, host: str) -> tuple[bool, bool, int]:
        """Sort key among rules of one layer: path globs, then an exact host, then a longer
        wildcard, win."""
        exact = host in self.hosts
        longest = max((len(p) for p in self.hosts if host_matches(p, host)), default=0)
        return bool(self.paths), exact, longest


def host_matches(pattern: str, host: str) -> bool:
    """``example.com`` matches only itself; ``*.example.com`` matches its subdomains, not itself."""
    if pattern.startswith("*."):
        return host.endswith(pattern[1:])
    return host == pattern


@dataclass(frozen=True, slots=True)
class SiteRules:
    """The rules that apply to one URL, highest precedence first."""

    rules: tuple[Rule, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    @property
    def body(self) -> Rule | None:
        """The rule whose ``body`` selector is used: the first that has one."""
        return next((r for r in self.rules if r.body is not None), None)

    def settings(self, base: Settings) -> Settings:
        """``base`` with the rules' ``[weights]``; a higher-precedence rule wins a field."""
        changes: dict[str, int | float] = {}
        for rule in reversed(self.rules):
            changes.update(rule.weights)
        return base.replace(**changes) if changes else base


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Every known rule, highest precedence first, with unique ids.

    ``inherit`` says whether ``clean()`` layers the discovered rules (user directories, plugins,
    built-in rules) beneath this set; ``RuleSet.none()`` switches site rules off altogether.
    """

    rules: tuple[Rule, ...] = ()
    inherit: bool = True
    # Rules hidden by a rule with the same id in a higher layer (listed by ``rules show``).
    shadowed: tuple[Rule, ...] = ()

    @classmethod
    def none(cls) -> RuleSet:
        """No site rules at all: only the generic heuristics (what ``newsclean eval`` measures)."""
        return cls((), inherit=False)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def over(self, lower: RuleSet) -> RuleSet:
        """This set above ``lower``: a rule here hides the rule of ``lower`` with the same id."""
        ids = {r.id for r in self.rules}
        hidden = tuple(r for r in lower.rules if r.id in ids)
        return RuleSet(
            (*self.rules, *(r for r in lower.rules if r.id not in ids)),
            inherit=self.inherit and lower.inherit,
            shadowed=(*self.shadowed, *hidden, *lower.shadowed),
        )

    def in_layer(self, layer: Layer) -> RuleSet:
        """The same rules, all placed in ``layer`` (an explicit set is ``Layer.EXPLICIT``)."""
        return dataclasses.replace(
            self, rules=tuple(dataclasses.replace(r, layer=layer) for r in self.rules)
        )

    def for_url(self, url: str | None) -> SiteRules:
        """The rules that apply to ``url``, by layer, then most specific first, then by id."""
        host, path = split_url(url)
        if not host:
            return SiteRules()
        found = [r for r in self.rules if r.matches(host, path)]
        found.sort(key=_precedence(host))
        return SiteRules(tuple(found))

    def for_host(self, url: str | None) -> tuple[Rule, ...]:
        """Every rule that names the host of ``url`` (a URL or a bare host), whatever its
        ``paths``, in the order ``for_url`` would apply them."""
        host, _ = split_url(url)
        if not host:
            return ()
        found = [r for r in self.rules if any(host_matches(p, host) for p in r.hosts)]
        found.sort(key=_precedence(host))
        return tuple(found)


def _precedence(host: str) -> Callable[[Rule], tuple[int, bool, bool, int, str]]:
    def key(rule: Rule) -> tuple[int, bool, bool, int, str]:
        has_paths, exact, longest = rule.specificity(host)
        return rule.layer, not has_paths, not exact, -longest, rule.id

    return key


def split_url(url: str | None) -> tuple[str, str]:
    """(lower-case host without port or trailing dot, path) of ``url``; a bare host works too."""
    if not url:
        return "", "/"
    parts = urlsplit(url if "//" in url else f"//{url}")
    try:
        host = parts.hostname or ""
    except ValueError:
        return "", "/"
    return host.rstrip("."), parts.path or "/"
