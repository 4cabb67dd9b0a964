"""Per-site rules: TOML files keyed by host that tell the pipeline what it cannot guess.

``RuleSet`` and ``Rule`` are the values (``model``), ``load`` reads and validates rule files and
discovers user, plugin and built-in rules, ``apply`` applies the rules of one URL to a page.
See docs/rules.md.
"""

from newsclean.rules.load import (
    ENTRY_POINT_GROUP,
    ENV_VAR,
    clear_cache,
    default_rules,
    discover,
    load_file,
    load_path,
    load_text,
    resolve,
)
from newsclean.rules.model import Layer, Rule, RuleSet, RuleTest, Selector, SiteRules

__all__ = [
    "ENTRY_POINT_GROUP",
    "ENV_VAR",
    "Layer",
    "Rule",
    "RuleSet",
    "RuleTest",
    "Selector",
    "SiteRules",
    "clear_cache",
    "default_rules",
    "discover",
    "load_file",
    "load_path",
    "load_text",
    "resolve",
]
