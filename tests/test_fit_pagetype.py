"""benchmarks/fit_pagetype.py: the fit it runs, what it decides before the model, and the table it
writes (``newsclean/pagetype_weights.py``).

The fit itself needs numpy and the WCXB pages; what it rests on is checked here on tiny data.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from newsclean import pagetype
from newsclean.model import Block, Features, Kind
from newsclean.pagetype_weights import INTERCEPTS, WEIGHTS

np = pytest.importorskip("numpy")

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "fit_pagetype.py"
TABLE = Path(__file__).resolve().parent.parent / "newsclean" / "pagetype_weights.py"


@pytest.fixture(scope="module")
def fit_pagetype() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fit_pagetype", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def toy(n: int = 140) -> tuple[object, object]:
    """Pages of the seven types, each type marked by its own feature (with some noise)."""
    rng = np.random.default_rng(7)
    labels = np.arange(n) % 7
    x = rng.random((n, 9)) * 0.3
    x[np.arange(n), labels] += 1.0
    return x, labels


def test_the_fit_is_deterministic_and_separates_what_is_separable(
    fit_pagetype: ModuleType,
) -> None:
    x, labels = toy()
    first = fit_pagetype.fit(x, labels, 0.01)
    assert np.array_equal(first, fit_pagetype.fit(x, labels, 0.01))
    undecided = np.full(len(labels), -1)
    assert (fit_pagetype.predict(first, x, undecided) == labels).all()


def test_a_decided_page_keeps_its_declared_type_whatever_the_model_says(
    fit_pagetype: ModuleType,
) -> None:
    x, labels = toy()
    beta = fit_pagetype.fit(x, labels, 0.01)
    decided = np.full(len(labels), -1)
    decided[0] = 3
    assert fit_pagetype.predict(beta, x, decided)[0] == 3


def test_the_weights_come_back_on_the_features_own_scale(fit_pagetype: ModuleType) -> None:
    # The fit standardises the features; the weights it returns score the raw features.
    x, labels = toy()
    beta = fit_pagetype.fit(x * 10.0, labels, 0.01)
    undecided = np.full(len(labels), -1)
    assert (fit_pagetype.predict(beta, x * 10.0, undecided) == labels).all()
    assert np.allclose(beta[:-1] * 10.0, fit_pagetype.fit(x, labels, 0.01)[:-1], atol=1e-6)


def test_declarations_and_snippets_are_decided_before_the_model(fit_pagetype: ModuleType) -> None:
    def inputs(declared: frozenset[str], url: str, chars: int) -> object:
        blocks = (Block(0, "x" * chars, Kind.PARAGRAPH, Features(chars=chars, words=1)),)
        return fit_pagetype.Inputs(
            "p", url, "article", "tune", declared, None, None, False, False, blocks
        )

    url = "https://example.com/x"
    assert inputs(frozenset({"QAPage"}), url, 5000).decided() == "forum"
    assert inputs(frozenset(), url, 100).decided() == "article"
    assert inputs(frozenset(), "https://example.com/t/a-topic/1", 100).decided() is None
    assert inputs(frozenset(), url, 5000).decided() is None


def test_the_committed_table_is_what_the_script_writes(fit_pagetype: ModuleType) -> None:
    # Read back, rendered again: the same text, so the file is the script's, not edited by hand.
    text = TABLE.read_text(encoding="utf-8")
    penalty = float(re.search(r"L2 penalty\s+([\d.e-]+)\)", text)[1])  # type: ignore[index]
    pages = int(re.search(r"the (\d+) pages", text)[1])  # type: ignore[index]
    rows = [WEIGHTS[name] for name in pagetype.FEATURES]
    beta = np.array([*rows, [INTERCEPTS[t] for t in pagetype.MODEL_TYPES]])
    assert fit_pagetype.render(beta, penalty, pages) == text
