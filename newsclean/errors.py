"""The one hierarchy of errors that newsclean raises.

Everything that goes wrong inside ``clean()`` either becomes a warning on the returned
``Article`` or one of these exceptions; lxml, Unicode, recursion and memory errors never escape.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from lxml import etree

_P = ParamSpec("_P")
_R = TypeVar("_R")


class NewscleanError(Exception):
    """Base class of every error newsclean raises on purpose."""


class InputTooLarge(NewscleanError):
    """The page (raw or decompressed) is larger than ``Settings.max_bytes``.

    Raise the limit with ``clean(..., settings=Settings(max_bytes=...))`` if the page is genuine.
    """

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"input is {size:,} bytes, above the limit of {limit:,} bytes; "
            "pass settings=Settings(max_bytes=...) to accept larger pages"
        )
        self.size = size
        self.limit = limit


class ExtractionFailed(NewscleanError):
    """An lxml, Unicode, recursion or memory error happened inside ``clean()``.

    Never expected: the page hit a limit newsclean does not guard yet. The original error is
    chained as ``__cause__``; please report the page.
    """


class RuleError(NewscleanError):
    """A site rule file is malformed: the message names the file, the key and what is wrong."""


# Stable identifiers of the warnings an ``Article`` can carry. A warning reads
# ``"<id>: <sentence>"`` so that batch jobs can count warnings by id and people can read them.
EMPTY_INPUT = "empty-input"
BINARY_INPUT = "binary-input"
ENCODING_FALLBACK = "encoding-fallback"
ENCODING_REPLACED = "encoding-replaced"
TRUNCATED = "truncated"
ATTRIBUTES_CUT = "attributes-cut"
ONLY_BOILERPLATE = "only-boilerplate"
BEST_CANDIDATE = "best-candidate"
NO_TEXT = "no-text"
METADATA_FAILED = "metadata-failed"
# A short one-line str that names an existing file: clean() takes the page's content, not a path.
SOURCE_IS_PATH = "source-is-path"
# Site rules were passed to clean() but no URL: rules are keyed by host, so none applied.
RULES_WITHOUT_URL = "rules-without-url"


def warning(warning_id: str, message: str) -> str:
    """Format a warning as ``"<id>: <message>"``."""
    return f"{warning_id}: {message}"


# The errors of the libraries underneath that ``contained`` turns into ``ExtractionFailed``.
CONTAINED_ERRORS: tuple[type[BaseException], ...] = (
    etree.LxmlError,
    UnicodeError,
    RecursionError,
    MemoryError,
)


def contained(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Let no lxml, Unicode, recursion or memory error escape ``func``: each becomes an
    ``ExtractionFailed`` with the original chained."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return func(*args, **kwargs)
        except CONTAINED_ERRORS as exc:
            raise ExtractionFailed(f"{type(exc).__name__}: {exc}") from exc

    return wrapper
