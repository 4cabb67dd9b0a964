"""Shared fixtures: paths to the samples and to the shared benchmark."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
AEB = ROOT.parent / "shared" / "data" / "aeb"


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def aeb() -> Path:
    if not (AEB / "ground-truth.json").is_file():
        pytest.skip(f"benchmark not found at {AEB}")
    return AEB


def compiled_or_skip(name: str, what: str) -> ModuleType:
    """The compiled twin ``newsclean._<name>``, or skip the calling test module (only the Python
    reference is then tested) with a message that says how to build it."""
    try:
        return importlib.import_module(f"newsclean._{name}")
    except ImportError as error:
        pytest.skip(
            f"the compiled {what} is not built ({error}): `pip install -e .` with a C compiler "
            "builds it; only the Python reference was tested",
            allow_module_level=True,
        )
        raise
