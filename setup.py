"""Build of newsclean's compiled core (newsclean/native.py says which path runs).

Each extension mirrors a pure-Python module (``newsclean/_blocks.pyx`` ↔ ``newsclean/blocks.py``).
They are optional: when a C compiler or Cython is missing the build goes on without them and
``clean()`` runs the Python reference, with a warning.
"""

from __future__ import annotations

import os

from setuptools import Extension, setup

# (module, sources) of every compiled twin; names match newsclean.native.EXTENSIONS.
EXTENSIONS: list[tuple[str, list[str]]] = [
    ("newsclean._blocks", ["newsclean/_blocks.pyx"]),
    ("newsclean._score", ["newsclean/_score.pyx"]),
]


def _extensions() -> list[Extension]:
    if not EXTENSIONS or os.environ.get("NEWSCLEAN_NO_EXTENSIONS"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        return []
    import lxml

    modules = [
        Extension(
            name,
            sources,
            include_dirs=lxml.get_include(),
            optional=True,
        )
        for name, sources in EXTENSIONS
    ]
    compiled = cythonize(modules, language_level=3, quiet=True)
    # cythonize makes new Extension objects and drops ``optional``: without it, a failed compile
    # (no C compiler) fails the whole install instead of leaving the Python reference.
    for extension in compiled:
        extension.optional = True
    return compiled


setup(ext_modules=_extensions())
