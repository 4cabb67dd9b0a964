"""Shared fixtures: paths to the samples and to the shared benchmark."""

from __future__ import annotations

from pathlib import Path

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
