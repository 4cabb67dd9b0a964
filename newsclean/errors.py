"""The one hierarchy of errors that newsclean raises.

Everything that goes wrong inside ``clean()`` either becomes a warning on the returned
``Article`` or one of these exceptions; lxml, Unicode, recursion and memory errors never escape.
"""

from __future__ import annotations


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


class RuleError(NewscleanError):
    """A site rule file is malformed: the message names the file, the key and what is wrong."""


# Stable identifiers of the warnings an ``Article`` can carry. A warning reads
# ``"<id>: <sentence>"`` so that batch jobs can count warnings by id and people can read them.
EMPTY_INPUT = "empty-input"
BINARY_INPUT = "binary-input"
ENCODING_FALLBACK = "encoding-fallback"
ENCODING_REPLACED = "encoding-replaced"
TRUNCATED = "truncated"
ONLY_BOILERPLATE = "only-boilerplate"
NO_TEXT = "no-text"
METADATA_FAILED = "metadata-failed"


def warning(warning_id: str, message: str) -> str:
    """Format a warning as ``"<id>: <message>"``."""
    return f"{warning_id}: {message}"
