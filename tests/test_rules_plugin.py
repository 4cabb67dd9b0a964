"""Rules from installed packages (entry-point group ``newsclean.rules``).

The plugin is the tiny package in tests/plugin_pkg. The fast tests hand discovery an
``EntryPoint`` that points at it on ``sys.path``; the slow one pip-installs it into the running
environment and runs only with NEWSCLEAN_PLUGIN_TEST=1 (CI sets it).
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from newsclean import RuleError, clean
from newsclean.rules import ENTRY_POINT_GROUP, Layer, RuleSet, clear_cache, default_rules, load_text
from newsclean.rules.load import discover, plugin_rules

PLUGIN_PKG = Path(__file__).resolve().parent / "plugin_pkg"
PLUGIN_RULE = "demo-harbour"
PROMO = "Subscribe to our morning briefing, it is free and arrives before breakfast."
PAGE = f"""<html><body><article>
<h1>Harbour Bridge Reopens</h1>
<p>The harbour bridge reopened on Tuesday after eight months of repairs, the city council said.</p>
<p>{PROMO}</p>
<p>Engineers replaced forty steel cables and resurfaced the whole deck, at a cost of 12 million.</p>
</article></body></html>"""


@pytest.fixture
def plugin_on_path(monkeypatch: pytest.MonkeyPatch) -> EntryPoint:
    monkeypatch.syspath_prepend(str(PLUGIN_PKG))
    return EntryPoint(name="demo", value="newsclean_demo_rules:RULES_DIR", group=ENTRY_POINT_GROUP)


def test_plugin_entry_point_adds_its_rules_in_the_plugin_layer(
    plugin_on_path: EntryPoint,
) -> None:
    rules = plugin_rules([plugin_on_path])
    rule = rules.get(PLUGIN_RULE)
    assert rule is not None and rule.layer is Layer.PLUGIN
    assert rule.hosts == ("harbour.example",)


def test_plugin_rule_applies_to_its_host_only(plugin_on_path: EntryPoint) -> None:
    rules = RuleSet(discover(entry_points=[plugin_on_path]).rules, inherit=False)
    on_site = clean(PAGE, url="https://harbour.example/a", rules=rules)
    assert PROMO not in on_site.text
    promo = next(b for b in on_site.blocks if b.text == PROMO)
    assert promo.reasons == (f"rule:{PLUGIN_RULE}:drop_text",)
    # Elsewhere the rule does not apply (the generic pass may still read the pitch as promo).
    elsewhere = clean(PAGE, url="https://other.example/a", rules=rules)
    other = next(b for b in elsewhere.blocks if b.text == PROMO)
    assert not any(r.startswith(f"rule:{PLUGIN_RULE}") for r in other.reasons)


def test_plugin_sits_between_user_and_builtin_rules(plugin_on_path: EntryPoint) -> None:
    user = RuleSet((load_text('hosts = ["harbour.example"]\n', rule_id=PLUGIN_RULE),))
    found = user.over(discover(entry_points=[plugin_on_path]))
    assert found.get(PLUGIN_RULE).layer is Layer.USER  # type: ignore[union-attr]
    assert [r.layer for r in found.shadowed] == [Layer.PLUGIN]
    assert found.get("japannews").layer is Layer.BUILTIN  # type: ignore[union-attr]


def test_plugin_may_expose_a_callable_returning_a_rule_set(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    module = tmp_path / "callable_rules_plugin.py"
    module.write_text(
        "from newsclean.rules import RuleSet, load_text\n"
        "def rules():\n"
        "    return RuleSet((load_text('hosts = [\"c.example\"]', rule_id='c'),))\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    ep = EntryPoint(name="c", value="callable_rules_plugin:rules", group=ENTRY_POINT_GROUP)
    assert plugin_rules([ep]).get("c").layer is Layer.PLUGIN  # type: ignore[union-attr]


def test_broken_plugin_is_named_in_the_error() -> None:
    ep = EntryPoint(name="ghost", value="no_such_module_here:RULES", group=ENTRY_POINT_GROUP)
    with pytest.raises(RuleError, match="plugin 'ghost'"):
        plugin_rules([ep])


@pytest.mark.skipif(
    os.environ.get("NEWSCLEAN_PLUGIN_TEST") != "1",
    reason="installs a package into the running environment; set NEWSCLEAN_PLUGIN_TEST=1",
)
def test_installed_plugin_is_discovered(tmp_path: Path) -> None:
    source = shutil.copytree(PLUGIN_PKG, tmp_path / "plugin_pkg")
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "install", "--no-deps", "--no-build-isolation", "--no-index", str(source)],
        check=True,
    )
    try:
        importlib.invalidate_caches()
        clear_cache()
        rule = default_rules().get(PLUGIN_RULE)
        assert rule is not None and rule.layer is Layer.PLUGIN
        article = clean(PAGE, url="https://harbour.example/a")
        assert PROMO not in article.text
        listed = subprocess.run(
            [sys.executable, "-m", "newsclean", "rules", "list"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        assert any(line.split()[:2] == [PLUGIN_RULE, "plugin"] for line in listed.splitlines())
    finally:
        subprocess.run([*pip, "uninstall", "-y", "newsclean-demo-rules"], check=True)
        importlib.invalidate_caches()
        clear_cache()
    assert default_rules().get(PLUGIN_RULE) is None
