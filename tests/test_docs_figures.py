"""The docs' figures are the code's: docs/build.py recomputes them and nothing may differ.

The cheap figures (the seed's scores, settings, the screenshots' page digests) are checked on
every run; the benchmark figures (minutes) when ``NEWSCLEAN_DOCS_CHECK=1`` (CI runs
``python docs/build.py --check`` for them)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_build", ROOT / "docs" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up while building the classes.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build = _load_build()


def _describe(changes: list[Any]) -> str:
    return "; ".join(
        f"{c.path.name} {c.name}: {c.committed.strip()!r} -> {c.generated.strip()!r}"
        for c in changes
    )


def test_cheap_figures_equal_what_the_code_gives() -> None:
    changes = build.build(check=True, cheap_only=True)
    assert not changes, f"run 'python docs/build.py --cheap': {_describe(changes)}"


@pytest.mark.skipif(
    os.environ.get("NEWSCLEAN_DOCS_CHECK") != "1",
    reason="benchmark figures take minutes: NEWSCLEAN_DOCS_CHECK=1 (CI: docs/build.py --check)",
)
def test_benchmark_figures_equal_what_the_code_gives() -> None:
    changes = build.build(check=True, cheap_only=False)
    assert not changes, f"run 'python docs/build.py': {_describe(changes)}"


def _figures(**values: str) -> dict[str, Any]:
    return {
        name: build.Figure(lambda *args, v=value: v.format(*args), cheap=name != "slow")
        for name, value in values.items()
    }


def test_figures_inside_a_sentence_and_on_their_own_lines_are_replaced() -> None:
    text = (
        "Scores <!-- figures:score:1 -->-1.31<!-- /figures --> today.\n"
        "<!-- figures:table -->\n| old |\n<!-- /figures -->\n"
    )
    figures = _figures(score="-{0}.50", table="\n| new |\n")
    new, changed = build.regenerate(text, figures, cheap_only=False)
    assert new == (
        "Scores <!-- figures:score:1 -->-1.50<!-- /figures --> today.\n"
        "<!-- figures:table -->\n| new |\n<!-- /figures -->\n"
    )
    assert [name for name, _, _ in changed] == ["score:1", "table"]


def test_an_unchanged_figure_is_not_reported() -> None:
    text = "<!-- figures:score -->1<!-- /figures -->"
    assert build.regenerate(text, _figures(score="1"), cheap_only=False) == (text, [])


def test_cheap_only_leaves_the_benchmark_figures_as_they_are() -> None:
    text = "<!-- figures:slow -->old<!-- /figures -->"
    assert build.regenerate(text, _figures(slow="new"), cheap_only=True) == (text, [])


def test_an_unknown_figure_name_fails() -> None:
    with pytest.raises(KeyError):
        build.regenerate("<!-- figures:nope --><!-- /figures -->", {}, cheap_only=False)


def test_scores_are_printed_with_a_sign_and_a_real_minus() -> None:
    assert (build.signed(-3.5), build.signed(0.875)) == ("\u22123.50", "+0.88")
