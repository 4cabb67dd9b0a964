"""Rule files → ``Rule`` values, and the discovery of every rule a call should see.

A rule file is TOML; its stem is the rule's id. Everything is validated here, at load time: a
malformed file, an unknown key, a wrong type, an invalid regex or selector raises ``RuleError``
naming the file, the key, its line when it can be found, and what is wrong.

Discovery, highest precedence first: user directories (``--rules DIR``, then the ``os.pathsep``
separated directories of ``NEWSCLEAN_RULES``), installed plugins (entry-point group
``newsclean.rules``), the built-in rules of ``newsclean/rules/builtin/``.
"""

from __future__ import annotations

import difflib
import functools
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import regex
from lxml import etree

from newsclean.errors import RuleError
from newsclean.rules.model import LABELS, Layer, Rule, RuleSet, RuleTest, Selector
from newsclean.settings import Settings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

# Environment variable listing user rule directories (``os.pathsep`` separated).
ENV_VAR = "NEWSCLEAN_RULES"
# Entry-point group through which installed packages add rules.
ENTRY_POINT_GROUP = "newsclean.rules"
BUILTIN_DIR = Path(__file__).resolve().parent / "builtin"
RULE_SUFFIX = ".toml"
# A selector starting with one of these is XPath; anything else is CSS.
XPATH_STARTS: tuple[str, ...] = ("/", "./", "(")
# Hosts are names of letters, digits, dots and dashes, optionally behind a "*." wildcard.
HOST_PATTERN = regex.compile(r"(?:\*\.)?[a-z0-9](?:[a-z0-9.\-]*[a-z0-9])?")
# Rule ids come from file stems and appear in reasons: keep them to a plain alphabet.
RULE_ID = regex.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")
# Document an XPath is run on at load time, so that errors libxml2 reports only when evaluating
# surface then.
PROBE_HTML = "<html><head/><body><div><p>x</p></div></body></html>"
# Namespaces XPath selectors may use: EXSLT regular expressions (``re:test(., '^Ad')``).
XPATH_NAMESPACES: dict[str, str] = {"re": "http://exslt.org/regular-expressions"}
# XPath 1.0's functions and node tests, and the operators that can precede "(": a name followed by
# "(" that is not one of these is an undefined function, which libxml2 reports only when a node
# reaches it.
XPATH_FUNCTIONS: frozenset[str] = frozenset(
    {
        *("last", "position", "count", "id", "local-name", "namespace-uri", "name", "lang"),
        *("string", "concat", "starts-with", "contains", "substring-before", "substring-after"),
        *("substring", "string-length", "normalize-space", "translate"),
        *("boolean", "not", "true", "false", "number", "sum", "floor", "ceiling", "round"),
        *("node", "text", "comment", "processing-instruction", "and", "or", "div", "mod"),
        *("re:test", "re:match", "re:replace"),
    }
)
_XPATH_CALL = regex.compile(r"([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)\s*\(")
_XPATH_STRING = regex.compile(r"'[^']*'|\"[^\"]*\"")

TOP_KEYS: frozenset[str] = frozenset(
    {
        "hosts",
        "paths",
        "description",
        "body",
        "drop",
        "drop_text",
        "stop_at",
        "label",
        "weights",
        "test",
    }
)
# How alike (difflib's ratio, 0..1) an unknown key and an allowed one must be for "did you mean".
CLOSE_MATCH_CUTOFF = 0.75
# Longest list of allowed keys quoted beside a "did you mean" (Settings has about fifty fields).
ALLOWED_LISTED_MAX = 12
TEST_KEYS: frozenset[str] = frozenset({"page", "text", "url", "kind", "contains", "excludes"})
TEST_KINDS: frozenset[str] = frozenset({"html", "text"})


class _Source:
    """A rule file's text and name, for error messages that point at a line."""

    def __init__(self, origin: str, text: str) -> None:
        self.origin = origin
        self.lines = text.splitlines()

    def error(self, key: str, what: str) -> RuleError:
        line = self.line_of(key)
        where = f"{self.origin}, line {line}" if line else self.origin
        return RuleError(f"{where}: key '{key}': {what}")

    def line_of(self, key: str) -> int | None:
        """Line of the first ``key = `` or ``[key]`` / ``[[key]]`` for the key's last part."""
        name = regex.sub(r"\[\d+\]$", "", key.rsplit(".", 1)[-1])
        pattern = regex.compile(
            rf"""^\s*(?:\[\[?\s*(?:[\w.\-"]+\.)?"?{regex.escape(name)}"?\s*\]|"?{regex.escape(name)}"?\s*=)"""
        )
        return next((n for n, line in enumerate(self.lines, 1) if pattern.search(line)), None)


def load_file(path: str | Path, *, layer: Layer = Layer.USER, origin: str | None = None) -> Rule:
    """Read and validate one rule file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read the rule file: {exc}") from exc
    return load_text(
        text, rule_id=path.stem, origin=origin or str(path), base=path.parent, layer=layer
    )


def load_text(
    text: str,
    *,
    rule_id: str,
    origin: str = "<string>",
    base: Path | None = None,
    layer: Layer = Layer.USER,
) -> Rule:
    """Validate the TOML ``text`` of a rule named ``rule_id``; ``base`` resolves test pages."""
    source = _Source(origin, text)
    if not RULE_ID.fullmatch(rule_id):
        raise RuleError(
            f"{origin}: the rule id {rule_id!r} (the file name) must be letters, "
            "digits, '_', '-' or '.'"
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{origin}: not valid TOML: {exc}") from exc
    _check_keys(source, "", data, TOP_KEYS)
    if "hosts" not in data:
        raise RuleError(f"{origin}: key 'hosts' is missing: a rule names the hosts it applies to")
    base = base or Path.cwd()
    body = data.get("body")
    return Rule(
        id=rule_id,
        hosts=tuple(
            _host(source, h) for h in _strings(source, "hosts", data["hosts"], empty=False)
        ),
        paths=_strings(source, "paths", data.get("paths", [])),
        description=_string(source, "description", data.get("description", "")),
        body=_selector(source, "body", _string(source, "body", body)) if body is not None else None,
        drop=tuple(
            _selector(source, "drop", s) for s in _strings(source, "drop", data.get("drop", []))
        ),
        drop_text=_patterns(source, "drop_text", data.get("drop_text", [])),
        stop_at=_patterns(source, "stop_at", data.get("stop_at", [])),
        labels=_labels(source, data.get("label", {})),
        weights=_weights(source, data.get("weights", {})),
        tests=_tests(source, data.get("test", []), base),
        layer=layer,
        origin=origin,
    )


def _check_keys(
    source: _Source, prefix: str, data: Mapping[str, Any], allowed: Iterable[str]
) -> None:
    unknown = sorted(set(data) - set(allowed))
    if not unknown:
        return
    names = sorted(allowed)
    close = difflib.get_close_matches(unknown[0], names, n=1, cutoff=CLOSE_MATCH_CUTOFF)
    hint = f"did you mean '{close[0]}'?" if close else ""
    if not close or len(names) <= ALLOWED_LISTED_MAX:
        hint += f"{' ' if hint else ''}allowed here: {', '.join(names)}"
    raise source.error(f"{prefix}{unknown[0]}", f"unknown key; {hint}")


def _string(source: _Source, key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise source.error(key, f"expected a string, got {type(value).__name__}")
    return value


def _strings(source: _Source, key: str, value: Any, *, empty: bool = True) -> tuple[str, ...]:
    """A string or a list of strings."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        raise source.error(key, "expected a string or a list of strings")
    if not items and not empty:
        raise source.error(key, "the list is empty")
    return tuple(items)


def _host(source: _Source, host: str) -> str:
    normal = host.strip().lower().rstrip(".")
    if not HOST_PATTERN.fullmatch(normal):
        raise source.error(
            "hosts",
            f"{host!r} is not a host name or a '*.example.com' wildcard (no scheme, "
            "no path, no port)",
        )
    return normal


def _selector(source: _Source, key: str, text: str) -> Selector:
    from cssselect import HTMLTranslator, SelectorError

    syntax = "xpath" if text.lstrip().startswith(XPATH_STARTS) else "css"
    try:
        expression = text if syntax == "xpath" else HTMLTranslator().css_to_xpath(text)
        compiled = etree.XPath(expression, namespaces=XPATH_NAMESPACES)
        compiled(etree.fromstring(PROBE_HTML))
        unknown = _unknown_functions(expression)
        if unknown:
            raise etree.XPathError(f"undefined function {unknown[0]}()")
    except SelectorError as exc:
        raise source.error(key, f"invalid CSS selector {text!r}: {exc}") from exc
    except etree.XPathError as exc:
        raise source.error(key, f"invalid {syntax} selector {text!r}: {exc}") from exc
    return Selector(text, syntax, compiled)


def _unknown_functions(expression: str) -> list[str]:
    names = _XPATH_CALL.findall(_XPATH_STRING.sub("''", expression))
    return [name for name in names if name not in XPATH_FUNCTIONS]


def _patterns(source: _Source, key: str, value: Any) -> tuple[regex.Pattern[str], ...]:
    return tuple(_pattern(source, key, p) for p in _strings(source, key, value))


def _pattern(source: _Source, key: str, text: str) -> regex.Pattern[str]:
    if not text:
        raise source.error(key, "an empty regex matches every block")
    try:
        return regex.compile(text)
    except regex.error as exc:
        raise source.error(key, f"invalid regex {text!r}: {exc}") from exc


def _labels(source: _Source, value: Any) -> tuple[tuple[str, regex.Pattern[str]], ...]:
    if not isinstance(value, dict):
        raise source.error("label", "expected a table: [label] with caption/byline/dateline keys")
    _check_keys(source, "label.", value, LABELS)
    return tuple(
        (name, pattern)
        for name in LABELS
        if name in value
        for pattern in _patterns(source, f"label.{name}", value[name])
    )


def _weights(source: _Source, value: Any) -> tuple[tuple[str, int | float], ...]:
    if not isinstance(value, dict):
        raise source.error("weights", "expected a table of Settings fields: [weights]")
    defaults = Settings()
    _check_keys(source, "weights.", value, Settings.field_names())
    out = []
    for name, number in value.items():
        default = getattr(defaults, name)
        ok = isinstance(number, (int, float)) and not isinstance(number, bool)
        if not ok or (isinstance(default, int) and not isinstance(number, int)):
            raise source.error(
                f"weights.{name}", f"expected {type(default).__name__}, got {number!r}"
            )
        out.append((name, float(number) if isinstance(default, float) else number))
    return tuple(out)


def _tests(source: _Source, value: Any, base: Path) -> tuple[RuleTest, ...]:
    if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
        raise source.error("test", "expected [[test]] tables")
    out = []
    for n, table in enumerate(value):
        key = f"test[{n}]"
        _check_keys(source, f"{key}.", table, TEST_KEYS)
        if ("page" in table) == ("text" in table):
            raise source.error(
                key, "a test has either 'page' (a file) or 'text' (inline), not both"
            )
        kind = table.get("kind")
        if kind is not None and kind not in TEST_KINDS:
            raise source.error(f"{key}.kind", "expected 'html' or 'text'")
        page = _string(source, f"{key}.page", table.get("page", ""))
        out.append(
            RuleTest(
                page=str(base / page) if page else "",
                text=_string(source, f"{key}.text", table.get("text", "")),
                url=_string(source, f"{key}.url", table["url"]) if "url" in table else None,
                kind=kind,
                contains=_strings(source, f"{key}.contains", table.get("contains", [])),
                excludes=_strings(source, f"{key}.excludes", table.get("excludes", [])),
            )
        )
    return tuple(out)


# --- rule sets ------------------------------------------------------------------------------------


def load_path(path: str | Path, *, layer: Layer = Layer.USER) -> RuleSet:
    """A rule file, or every ``*.toml`` file of a directory (not recursive), as a rule set."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix == RULE_SUFFIX and p.is_file())
    elif path.is_file():
        files = [path]
    else:
        raise RuleError(f"{path}: no such rule file or directory")
    return RuleSet(tuple(load_file(f, layer=layer) for f in files))


def load_dirs(paths: Sequence[str | Path], *, layer: Layer = Layer.USER) -> RuleSet:
    """Several rule paths; an earlier one wins over a later one for the same rule id."""
    out = RuleSet()
    for path in reversed(paths):
        out = load_path(path, layer=layer).over(out)
    return out


@functools.lru_cache(maxsize=1)
def builtin_rules() -> RuleSet:
    """The rules that ship with newsclean."""
    return load_path(BUILTIN_DIR, layer=Layer.BUILTIN)


def plugin_rules(entry_points: Iterable[metadata.EntryPoint] | None = None) -> RuleSet:
    """Rules of installed plugins: each entry point of group ``newsclean.rules`` loads to a
    ``RuleSet``, a rule file or directory path, or a no-argument callable returning one."""
    if entry_points is None:
        entry_points = metadata.entry_points(group=ENTRY_POINT_GROUP)
    out = RuleSet()
    for ep in sorted(entry_points, key=lambda e: e.name, reverse=True):
        out = _plugin(ep).over(out)
    return out


def _plugin(ep: metadata.EntryPoint) -> RuleSet:
    where = f"plugin {ep.name!r} ({ep.value})"
    try:
        value = ep.load()
    except Exception as exc:  # a broken plugin must say which one it is
        raise RuleError(f"{where}: cannot be loaded: {exc}") from exc
    if callable(value) and not isinstance(value, RuleSet):
        value = value()
    if isinstance(value, RuleSet):
        return value.in_layer(Layer.PLUGIN)
    if isinstance(value, (str, Path)):
        return load_path(value, layer=Layer.PLUGIN)
    raise RuleError(f"{where}: expected a RuleSet or a rule path, got {type(value).__name__}")


def discover(
    dirs: Sequence[str | Path] = (),
    *,
    entry_points: Iterable[metadata.EntryPoint] | None = None,
) -> RuleSet:
    """User directories ``dirs`` over installed plugins over the built-in rules."""
    return load_dirs(dirs).over(plugin_rules(entry_points).over(builtin_rules()))


def env_dirs(value: str | None = None) -> tuple[str, ...]:
    """The directories named by ``NEWSCLEAN_RULES`` (or by ``value``)."""
    value = os.environ.get(ENV_VAR, "") if value is None else value
    return tuple(d for d in value.split(os.pathsep) if d.strip())


def default_rules(extra_dirs: Sequence[str | Path] = ()) -> RuleSet:
    """What ``clean()`` uses when no ``rules=`` is given: ``extra_dirs`` (``--rules``) and the
    ``NEWSCLEAN_RULES`` directories over plugins over built-in rules. Cached per directory list;
    call ``clear_cache()`` after installing a plugin in a running process."""
    return _discover_cached((*map(str, extra_dirs), *env_dirs()))


@functools.lru_cache(maxsize=16)
def _discover_cached(dirs: tuple[str, ...]) -> RuleSet:
    return discover(dirs)


def clear_cache() -> None:
    """Forget the discovered rules (after installing a plugin or editing rule files)."""
    _discover_cached.cache_clear()
    builtin_rules.cache_clear()


def resolve(rules: RuleSet | str | Path | None) -> RuleSet:
    """The rule set of one ``clean()`` call: an explicit set or path over the discovered rules
    (unless the set says ``inherit=False``), or the discovered rules alone."""
    if rules is None:
        return default_rules()
    explicit = load_path(rules) if isinstance(rules, (str, Path)) else rules
    if not isinstance(explicit, RuleSet):
        raise TypeError(f"rules must be a RuleSet, a path or None, not {type(rules).__name__}")
    explicit = explicit.in_layer(Layer.EXPLICIT)
    return explicit.over(default_rules()) if explicit.inherit else explicit
