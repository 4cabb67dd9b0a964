"""Where outcomes go: a tree of files, one JSONL file, or standard output; every file written
atomically, and what ``--resume`` finds already done."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Protocol

from newsclean.batch.inputs import ERROR_STEM, source_id
from newsclean.batch.records import to_json
from newsclean.batch.values import (
    PART_SUFFIX,
    STATUS_CLEANED,
    STATUS_FAILED,
    Outcome,
    Page,
    UsageError,
)

# One file per page in a tree: the suffix of each format.
TREE_SUFFIXES = {"text": ".txt", "markdown": ".md", "html": ".html", "json": ".json"}
# A page that failed leaves ``<key>.error.json`` in a tree instead of its output.
ERROR_SUFFIX = f"{ERROR_STEM}.json"
# The file of a tree that maps each output to its page.
MANIFEST_NAME = "manifest.jsonl"
# Temporary files carry this mark until they are renamed into place.
TEMP_MARK = ".newsclean-tmp"


class Writer(Protocol):
    def done(self, page: Page) -> str | None: ...
    def write(self, outcome: Outcome) -> None: ...
    def finish(self, *, complete: bool = True) -> None: ...


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}{TEMP_MARK}-{os.getpid()}")
    try:
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


class TreeWriter:
    """One file per page under ``root``: ``<key>.txt|.md|.json``, or ``<key>.error.json``, and
    a line per page in ``root/manifest.jsonl`` that maps the file to its source and URL (names
    alone do not: ``~2`` suffixes, WARC record numbers). Without ``resume`` every page is
    written again (a rerun refreshes the tree). ``suffix``: the one file ``-o`` named (no
    manifest then)."""

    def __init__(self, root: Path, fmt: str, resume: bool, suffix: str | None = None) -> None:
        if root.exists() and not root.is_dir():
            raise UsageError(f"{root} is a file: with --format {fmt}, -o names a directory")
        self._root = root
        self._suffix = suffix or TREE_SUFFIXES[fmt]
        self._resume = resume
        if resume and root.is_dir():
            _remove_temp_files(root)
        self._manifest = None if suffix else _Manifest(root / MANIFEST_NAME, resume)

    def _paths(self, key: str) -> tuple[Path, Path]:
        return self._root / f"{key}{self._suffix}", self._root / f"{key}{ERROR_SUFFIX}"

    def done(self, page: Page) -> str | None:
        """With ``resume``: the status of the page's output from an earlier run, if any."""
        if not self._resume:
            return None
        output, error = self._paths(page.key)
        status = STATUS_FAILED if error.is_file() else STATUS_CLEANED if output.is_file() else None
        if status and self._manifest:  # an earlier run may have died before its manifest line
            kept = error if status == STATUS_FAILED else output
            self._manifest.add(kept.relative_to(self._root), page.source, page.url)
        return status

    def write(self, outcome: Outcome) -> None:
        output, error = self._paths(outcome.key)
        keep, other = (error, output) if outcome.status == STATUS_FAILED else (output, error)
        write_atomically(keep, outcome.output + "\n")
        other.unlink(missing_ok=True)
        if self._manifest:
            self._manifest.add(keep.relative_to(self._root), outcome.source, outcome.url)

    def finish(self, *, complete: bool = True) -> None:
        if self._manifest:
            self._manifest.close()


class _Manifest:
    """``manifest.jsonl`` of a tree: ``{"output", "source", "url"}`` a line, each output once.
    Appended as pages are written; ``resume`` keeps its complete lines."""

    def __init__(self, path: Path, resume: bool) -> None:
        self._listed: set[str] = set()
        path.parent.mkdir(parents=True, exist_ok=True)
        if resume and path.exists():
            complete = 0
            with open(path, "r+b") as fh:
                for line in fh:
                    if not line.endswith(b"\n"):
                        break
                    self._listed.add(json.loads(line)["output"])
                    complete += len(line)
                fh.truncate(complete)
        self._fh = open(path, "ab" if resume else "wb")  # noqa: SIM115 - closed by close()

    def add(self, output: Path, source: str, url: str | None) -> None:
        name = output.as_posix()
        if name in self._listed:
            return
        self._listed.add(name)
        line = to_json({"output": name, "source": source, "url": url}) + "\n"
        self._fh.write(line.encode("utf-8"))
        self._fh.flush()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._fh.close()


def _remove_temp_files(root: Path) -> None:
    """Temporary files left by a run that was killed (they are never complete outputs)."""
    for folder, _, files in os.walk(root):
        for name in files:
            if TEMP_MARK in name:
                Path(folder, name).unlink(missing_ok=True)


class JsonlWriter:
    """One JSONL file, one record a line in input order, written as ``<path>.part`` and renamed
    at the end. ``resume`` keeps the complete records of an earlier run and skips their pages."""

    def __init__(self, path: Path, resume: bool) -> None:
        if path.is_dir():
            raise UsageError(f"{path} is a directory: with --format jsonl, -o names a file")
        self._path = path
        self._part = path.with_name(path.name + PART_SUFFIX)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Resolved sources of the records already written, with their status.
        self._done: dict[str, str] = self._resume() if resume else {}
        if not resume:
            self._part.unlink(missing_ok=True)
        self._fh = open(self._part, "ab")  # noqa: SIM115 - closed by finish()
        # Bytes of complete records in the file.
        self._complete = self._part.stat().st_size

    def _resume(self) -> dict[str, str]:
        """Sources of the complete records so far (read line by line: the file may be large);
        a cut-off last line is dropped."""
        if not self._part.exists() and self._path.exists():
            os.replace(self._path, self._part)
        done: dict[str, str] = {}
        if not self._part.exists():
            return done
        complete = 0
        with open(self._part, "r+b") as fh:
            for line in fh:
                if not line.endswith(b"\n"):
                    break
                if line.strip():
                    fields = json.loads(line)
                    status = STATUS_FAILED if fields.get("error") else STATUS_CLEANED
                    done[source_id(fields["source"])] = status
                complete += len(line)
            fh.truncate(complete)
        return done

    def done(self, page: Page) -> str | None:
        return self._done.get(source_id(page.source))

    def write(self, outcome: Outcome) -> None:
        line = outcome.output.encode("utf-8") + b"\n"
        self._fh.write(line)
        self._fh.flush()
        self._complete += len(line)

    def finish(self, *, complete: bool = True) -> None:
        """Close and rename: the file holds complete records only, even after a Ctrl-C that
        cut a write short. A run that could not write (``complete`` false: a full disk) keeps
        its ``.part`` file for ``--resume``."""
        with contextlib.suppress(OSError):
            self._fh.close()
        with contextlib.suppress(OSError):
            os.truncate(self._part, self._complete)
        if complete:
            os.replace(self._part, self._path)
        elif not self._complete:  # nothing written (workers could not start): leave nothing
            self._part.unlink(missing_ok=True)


class StdoutWriter:
    """No ``-o``: each page's output on standard output, failures on standard error."""

    def __init__(self, fmt: str) -> None:
        self._fmt = fmt

    def done(self, page: Page) -> str | None:
        return None

    def write(self, outcome: Outcome) -> None:
        if self._fmt == "jsonl":  # warnings and errors are in the record
            print(outcome.output, flush=True)
            return
        for warning in outcome.warnings:
            if warning != outcome.error:  # a failing warning is the error: said once, below
                print(f"warning: {warning}", file=sys.stderr)
        if outcome.status != STATUS_FAILED:
            print(outcome.output, flush=True)
        else:
            print(f"newsclean: {outcome.source}: {outcome.error}", file=sys.stderr)

    def finish(self, *, complete: bool = True) -> None:
        pass
