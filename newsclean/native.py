"""The one place that chooses between the compiled core and the pure-Python reference.

The hot stages (the walk that cuts the tree into blocks, the block features, the vocabulary
searches) have a compiled twin, built by ``pip install .`` from a ``.pyx`` file beside the Python
module it mirrors (``blocks.py`` ↔ ``_blocks.pyx``): same functions, same results. The Python
modules stay the readable reference and the fallback.

- ``NEWSCLEAN_PURE_PYTHON=1`` in the environment makes every stage run its Python reference
  (the tests run both paths this way; ``benchmarks/same_output.py`` compares them).
- When an extension could not be built or imported, ``load`` returns ``None`` and ``clean()``
  runs the reference, with one ``RuntimeWarning`` per process that says so.

``newsclean --version`` and ``newsclean bench`` say which path runs (``describe``).
"""

from __future__ import annotations

import importlib
import os
import warnings
from functools import cache
from types import ModuleType

# The environment variable that forces the pure-Python reference everywhere.
PURE_ENV = "NEWSCLEAN_PURE_PYTHON"
# The compiled modules newsclean knows of, by the name ``load`` takes (``newsclean._<name>``).
EXTENSIONS: tuple[str, ...] = ("blocks", "score")
SLOW_PATH_WARNING = (
    "newsclean's compiled core is not available ({missing}); running the pure-Python path, "
    "several times slower. Reinstall with a C compiler present (`pip install --force-reinstall "
    "--no-binary newsclean newsclean`, or `pip install .` from a checkout) to build it."
)


def pure_requested() -> bool:
    """True when the environment asks for the pure-Python reference."""
    return os.environ.get(PURE_ENV, "").strip() not in ("", "0")


@cache
def load(name: str) -> ModuleType | None:
    """The compiled module ``newsclean._<name>``, or ``None`` for the Python reference (asked for,
    or not built: then warned once per process)."""
    if pure_requested():
        return None
    try:
        return importlib.import_module(f"newsclean._{name}")
    except (ImportError, ValueError) as error:
        # ValueError: Cython's check that lxml's classes have the size they had at build time
        # (an lxml installed after the build, of another layout).
        _warn_missing(str(error))
        return None


@cache
def _warn_missing(missing: str) -> None:
    warnings.warn(SLOW_PATH_WARNING.format(missing=missing), RuntimeWarning, stacklevel=3)


def describe() -> str:
    """Which path runs, for ``--version`` and ``bench``: "compiled (blocks)", or "pure Python"
    and why."""
    if pure_requested():
        return f"pure Python ({PURE_ENV} is set)"
    built = [name for name in EXTENSIONS if _importable(name)]
    if len(built) == len(EXTENSIONS):
        return f"compiled ({', '.join(built)})"
    missing = [name for name in EXTENSIONS if name not in built]
    return f"pure Python for {', '.join(missing)} (extension not built)"


def _importable(name: str) -> bool:
    try:
        importlib.import_module(f"newsclean._{name}")
    except ImportError:
        return False
    return True
