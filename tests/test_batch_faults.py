"""Batch runs in untidy conditions: two runs on one output, a full disk, a bad -o, a rerun,
a resume by another path, a file name that is not UTF-8, an empty article's record.

Each test is the regression test of an item of issue 14 (nothing lost, nothing silent).
"""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_batch import _cli, _jsonl, _page, _pages, _wait_for

from newsclean import batch, clean
from newsclean.cli import main

N_PAGES = 8


def test_a_second_run_on_the_same_output_refuses_and_the_first_loses_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    pages = _pages(tmp_path, N_PAGES)
    out = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    first = _cli([str(pages), "-o", str(out), "--jobs", "1"], {batch.FAULTS_ENV: "slow=0.2"})
    _wait_for(lambda: part.exists() and part.read_bytes().count(b"\n") >= 1)
    for resume in ([], ["--resume"]):
        assert main(["clean", str(pages), "-o", str(out), "-q", *resume]) == batch.EXIT_USAGE
        assert "is being written by another newsclean run" in capsys.readouterr().err
    _, err = first.communicate(timeout=60)
    assert first.returncode == batch.EXIT_SOME_FAILED, err  # the empty page, once
    sources = [Path(r["source"]).name for r in _jsonl(out)]
    assert sources == sorted(p.name for p in pages.iterdir())
    # The lock dies with its run: a later run on the same output goes ahead.
    assert main(["clean", str(pages), "-o", str(out), "-q"]) == batch.EXIT_SOME_FAILED


def test_an_empty_article_keeps_its_title_url_and_warnings_in_jsonl(tmp_path: Path) -> None:
    page = tmp_path / "menus.html"
    page.write_bytes(
        b"<html><head><title>Only menus here</title></head><body><nav><ul>"
        b'<li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></body></html>'
    )
    url = "https://example.com/menus"
    article = clean(page.read_bytes(), url=url)
    assert not article.text and article.title and article.warnings  # the case under test
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(page), "-o", str(out), "--url", url, "-q"]) == batch.EXIT_OK
    (record,) = _jsonl(out)
    assert (record["url"], record["title"], record["warnings"], record["error"]) == (
        url,
        article.title,
        list(article.warnings),
        None,
    )
    assert {"author", "sitename"} <= set(record)


def test_a_tree_rerun_without_resume_refreshes_every_output(tmp_path: Path) -> None:
    pages = _pages(tmp_path, 2)
    out = tmp_path / "tree"
    assert main(["clean", str(pages), "-o", str(out), "-q"]) == batch.EXIT_SOME_FAILED
    (pages / "p00.html").write_bytes(_page("Page 0", "A fresher lead."))
    assert main(["clean", str(pages), "-o", str(out), "-q"]) == batch.EXIT_SOME_FAILED
    assert "A fresher lead." in (out / "p00.txt").read_text(encoding="utf-8")


def test_resume_exits_1_for_failures_already_in_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    pages = _pages(tmp_path, 2)  # and an empty page, which fails
    for out in (tmp_path / "out.jsonl", tmp_path / "tree"):
        assert main(["clean", str(pages), "-o", str(out), "-q"]) == batch.EXIT_SOME_FAILED
        assert main(["clean", str(pages), "-o", str(out), "--resume"]) == batch.EXIT_SOME_FAILED
        assert "skipped 3, failed earlier 1" in capsys.readouterr().err


def test_resume_matches_a_folder_given_by_another_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = _pages(tmp_path, 3)
    out = tmp_path / "out.jsonl"
    monkeypatch.chdir(tmp_path)
    assert main(["clean", "pages", "-o", "out.jsonl", "-q"]) == batch.EXIT_SOME_FAILED
    first = out.read_bytes()
    assert main(["clean", str(pages.resolve()), "-o", str(out), "--resume", "-q"]) == 1
    assert out.read_bytes() == first  # every page skipped: nothing redone, nothing duplicated


def _limit_file_size(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_full_disk_stops_the_run_with_exit_2_and_keeps_the_part_file(tmp_path: Path) -> None:
    pages = _pages(tmp_path, N_PAGES)
    out = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    record_bytes = len(json.dumps({"text": "x" * 400}))  # about a third of a record
    full = subprocess.run(
        [sys.executable, "-m", "newsclean", "clean", str(pages), "-o", str(out), "--jobs", "1"],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: _limit_file_size(3 * 3 * record_bytes),
    )
    assert full.returncode == batch.EXIT_USAGE, full.stderr
    assert "cannot write" in full.stderr and "Traceback" not in full.stderr
    assert part.exists() and not out.exists()
    assert main(["clean", str(pages), "-o", str(out), "--resume", "-q"]) == 1
    sources = [Path(r["source"]).name for r in _jsonl(out)]
    assert sources == sorted(p.name for p in pages.iterdir())


@pytest.mark.parametrize(
    ("output", "fmt"),
    [("a-file/out.jsonl", "jsonl"), ("a-file/tree", "text"), ("a-file", "text")],
)
def test_a_bad_output_path_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture, output: str, fmt: str
) -> None:
    pages = _pages(tmp_path, 2)
    (tmp_path / "a-file").write_text("not a folder")
    args = ["clean", str(pages), "-o", str(tmp_path / output), "--format", fmt, "-q"]
    assert main(args) == batch.EXIT_USAGE
    assert str(tmp_path / "a-file") in capsys.readouterr().err


def test_a_file_name_that_is_not_utf8_is_recorded_losslessly(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    name = b"caf\xe9.html"  # Latin-1, not UTF-8
    try:
        (pages / os.fsdecode(name)).write_bytes(_page("Cafe", "Coffee lead."))
    except (OSError, UnicodeEncodeError):  # pragma: no cover - a file system that refuses it
        pytest.skip("this file system does not take non-UTF-8 names")
    (pages / "plain.html").write_bytes(_page("Plain", "Plain lead."))
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(pages), "-o", str(out), "-q"]) == batch.EXIT_OK
    records = _jsonl(out)  # the file is valid UTF-8
    assert os.fsencode(records[0]["source"]) == os.fsencode(pages) + b"/" + name
    assert "Coffee lead." in records[0]["text"]
    tree = tmp_path / "tree"
    assert main(["clean", str(pages), "-o", str(tree), "--format", "json", "-q"]) == 0
    written = json.loads((tree / os.fsdecode(b"caf\xe9.json")).read_text(encoding="utf-8"))
    assert os.fsencode(written["source"]).endswith(name)


def _warc_with_offsets(path: Path, n: int, gzip: bool) -> list[int]:
    """A WARC of ``n`` HTML responses (page i has lead ``Lead i.``); the offset where each record
    starts, and the archive's size last."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    offsets = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for i in range(n):
            offsets.append(fh.tell())
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            payload = io.BytesIO(_page(f"Page {i}", f"Lead {i}."))
            url = f"https://example.com/{i}"
            writer.write_record(
                writer.create_warc_record(url, "response", payload=payload, http_headers=headers)
            )
        offsets.append(fh.tell())
    return offsets


def _run_jsonl(inputs: list[Path], out: Path) -> tuple[int, list[dict]]:
    status = main(["clean", *map(str, inputs), "-o", str(out), "--jobs", "1", "-q"])
    return status, _jsonl(out)


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_a_warc_cut_inside_a_record_gives_an_error_record_not_a_partial_page(
    tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"crawl{suffix}"
    offsets = _warc_with_offsets(path, 4, gzip=suffix.endswith(".gz"))
    cut = offsets[3] + (offsets[4] - offsets[3]) * 2 // 3  # two thirds into the last record
    path.write_bytes(path.read_bytes()[:cut])
    status, records = _run_jsonl([path], tmp_path / "out.jsonl")
    assert status == batch.EXIT_SOME_FAILED
    assert [r["url"] for r in records[:3]] == [f"https://example.com/{i}" for i in range(3)]
    assert all(f"Lead {i}." in r["text"] and not r["error"] for i, r in enumerate(records[:3]))
    assert len(records) == 4 and records[3]["error"].startswith("unreadable: damaged WARC:")
    assert records[3]["text"] == ""


@pytest.mark.parametrize("damage", [b"x" * 40, b"\x00" * 8])
def test_a_damaged_gzip_member_costs_its_record_and_the_rest_follow(
    tmp_path: Path, damage: bytes
) -> None:
    path = tmp_path / "crawl.warc.gz"
    offsets = _warc_with_offsets(path, 10, gzip=True)
    data = bytearray(path.read_bytes())
    at = (offsets[3] + offsets[4]) // 2  # inside the fourth record's member
    data[at : at + len(damage)] = damage
    path.write_bytes(bytes(data))
    status, records = _run_jsonl([path], tmp_path / "out.jsonl")
    assert status == batch.EXIT_SOME_FAILED
    assert len(records) == 10
    errors = [i for i, r in enumerate(records) if r["error"]]
    assert errors == [3] and records[3]["error"].startswith("unreadable: damaged WARC")
    good = [i for i in range(10) if i != 3]
    assert [r["url"] for r in records if not r["error"]] == [
        f"https://example.com/{i}" for i in good
    ]


def test_workers_never_import_from_the_current_directory(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("newsclean")
    if not script.exists():  # pragma: no cover - an environment without the console script
        pytest.skip("needs the newsclean console script")
    _pages(tmp_path, 2)
    stranger = tmp_path / "lxml.py"
    stranger.write_text("raise SystemExit('a stranger lxml.py was imported')\n")
    (tmp_path / "newsclean").mkdir()
    (tmp_path / "newsclean" / "__init__.py").write_text(stranger.read_text())
    done = subprocess.run(
        [str(script), "clean", "pages", "-o", "out.jsonl", "--jobs", "1"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "PYTHONSAFEPATH"},
    )
    assert done.returncode == batch.EXIT_SOME_FAILED, done.stderr  # the empty page, no other
    assert "stranger" not in done.stderr
    records = _jsonl(tmp_path / "out.jsonl")
    assert [r["error"] is None for r in records] == [True, True, False]


def test_a_memory_cap_too_small_for_a_worker_stops_the_run_before_any_record(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    pages = _pages(tmp_path, 2)
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(pages), "-o", str(out), "--max-memory", "10"]) == batch.EXIT_USAGE
    assert "worker processes cannot start" in capsys.readouterr().err
    assert not out.exists() and not (tmp_path / "out.jsonl.part").exists()


def test_a_memory_error_inside_the_pipeline_is_reported_as_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsclean import parse

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(parse, "parse_page", exhausted)
    page = batch.Page("p", "p", data=_page("P", "Lead."))
    outcome = batch.clean_page(page, batch.Options(format="jsonl"))
    assert (outcome.status, outcome.reason) == (batch.STATUS_FAILED, batch.MEMORY)


def test_an_unreadable_subdirectory_gets_an_error_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = _pages(tmp_path, 1)
    locked = pages / "locked"
    locked.mkdir()
    (locked / "hidden-page.html").write_bytes(_page("Locked", "Locked lead."))
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # root reads anything: make the listing fail as it would
        scandir = os.scandir

        def refuse(path: object) -> object:
            if Path(str(path)) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return scandir(path)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "scandir", refuse)
    out = tmp_path / "out.jsonl"
    try:
        status, records = _run_jsonl([pages], out)
    finally:
        locked.chmod(0o755)
    assert status == batch.EXIT_SOME_FAILED
    by_name = {Path(r["source"]).name: r for r in records}
    assert by_name["locked"]["error"].startswith("unreadable: cannot list the directory")
    assert sorted(by_name) == ["locked", "p00.html", "p99-empty.html"]


def test_symlinked_directories_are_followed_once_and_loops_end(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (pages / "a.html").write_bytes(_page("A", "Alpha lead."))
    (pages / "sub" / "b.html").write_bytes(_page("B", "Bravo lead."))
    (elsewhere / "c.html").write_bytes(_page("C", "Charlie lead."))
    (pages / "linked").symlink_to(elsewhere, target_is_directory=True)
    (pages / "sub" / "loop").symlink_to(pages, target_is_directory=True)
    units = batch.discover([str(pages)])
    assert [Path(u.path).relative_to(pages).as_posix() for u in units] == [
        "a.html",
        "linked/c.html",
        "sub/b.html",
    ]


def test_output_names_never_collide(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    (pages / "crawl").mkdir(parents=True)
    _warc_with_offsets(pages / "crawl.warc.gz", 1, gzip=True)  # its page: crawl/000001
    (pages / "crawl" / "000001.html").write_bytes(_page("File", "File lead."))
    (pages / "x.html").write_bytes(b"")  # fails: x.error.json
    (pages / "x.error.html").write_bytes(_page("X", "Error-named lead."))  # x.error.json too
    tree = tmp_path / "tree"
    assert main(["clean", str(pages), "-o", str(tree), "--format", "json", "-q"]) == 1
    written = sorted(tree.rglob("*.json"))
    sources = sorted(json.loads(p.read_text(encoding="utf-8"))["source"] for p in written)
    assert len(written) == 4
    assert sources == sorted(
        [
            str(pages / "crawl.warc.gz#1"),
            str(pages / "crawl" / "000001.html"),
            str(pages / "x.html"),
            str(pages / "x.error.html"),
        ]
    )


def test_the_same_input_given_twice_gives_one_record(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_bytes(_page("A", "Alpha lead."))
    status, records = _run_jsonl([page, page.resolve(), tmp_path], tmp_path / "out.jsonl")
    assert (status, [Path(r["source"]).name for r in records]) == (0, ["a.html"])


PORTUGUESE = (
    "<html><head><title>Não há experiência</title></head><body><article><h1>Não há experiência"
    "</h1><p>A comissão disse que não há experiência suficiente para decidir já, e pediu mais "
    "informação às câmaras municipais antes da votação de março.</p><p>Os vereadores "
    "concordaram: a decisão fica para depois do verão, quando houver relatórios técnicos "
    "sobre a ponte e o seu estado de conservação.</p></article></body></html>"
)


def test_the_charset_of_a_warc_records_http_header_decodes_the_page(tmp_path: Path) -> None:
    from test_batch import _write_warc

    body = PORTUGUESE.encode("windows-1252")
    path = tmp_path / "latin.warc.gz"
    _write_warc(path, [("https://example.pt/a", "text/html; charset=windows-1252", body)])
    status, records = _run_jsonl([path], tmp_path / "out.jsonl")
    assert status == batch.EXIT_OK
    assert "não há experiência suficiente" in records[0]["text"]
    assert not any(w.startswith("encoding-") for w in records[0]["warnings"])


def test_charset_precedence_is_bom_then_transport_then_meta() -> None:
    meta = PORTUGUESE.replace("<head>", '<head><meta charset="iso-8859-7">')
    latin = meta.encode("windows-1252")
    assert "não há" in clean(latin, encoding="windows-1252").text  # transport over meta
    assert "não há" not in clean(latin).text  # the meta alone says Greek
    with_bom = b"\xef\xbb\xbf" + meta.encode("utf-8")
    assert "não há" in clean(with_bom, encoding="windows-1252").text  # BOM over transport


def test_standard_input_is_read_up_to_the_limit_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    class Endless(io.RawIOBase):
        """Standard input that never ends: a whole read would never return."""

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            buffer[:] = b"a" * len(buffer)
            return len(buffer)

    stdin = io.TextIOWrapper(io.BufferedReader(Endless()))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["clean", "-", "--max-bytes", "1000"]) == batch.EXIT_SOME_FAILED
    err = capsys.readouterr().err
    assert "too-large: standard input is above the limit of 1,000 bytes" in err
    assert err.count("too-large") == 1  # said once, not as a warning and again as the error


def test_max_bytes_sets_the_page_size_limit(tmp_path: Path) -> None:
    pages = _pages(tmp_path, 2)
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(pages), "-o", str(out), "--max-bytes", "200", "-q"]) == 1
    records = _jsonl(out)
    errors = [(r["error"] or "").split(":")[0] for r in records]
    assert errors == ["too-large", "too-large", "empty-input"]
    assert "(--max-bytes)" in records[0]["error"]


def test_one_page_with_an_output_file_name_writes_that_file(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_bytes(_page("A", "Alpha lead."))
    out = tmp_path / "article.txt"
    assert main(["clean", str(page), "-o", str(out), "-q"]) == batch.EXIT_OK
    assert out.is_file() and "Alpha lead." in out.read_text(encoding="utf-8")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    failed = tmp_path / "failed.txt"
    assert main(["clean", str(empty), "-o", str(failed), "-q"]) == batch.EXIT_SOME_FAILED
    assert not failed.exists()
    error = json.loads((tmp_path / "failed.error.json").read_text(encoding="utf-8"))
    assert error["error"].startswith("empty-input")


def _processes_with(marker: bytes) -> list[int]:
    """The processes whose environment holds ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_workers_end_when_their_run_is_killed(tmp_path: Path) -> None:
    pages = _pages(tmp_path, 2)
    marker = f"hang=Lead,run={os.getpid()}-{time.time_ns()}"
    out = tmp_path / "out.jsonl"
    run = _cli([str(pages), "-o", str(out), "--jobs", "2"], {batch.FAULTS_ENV: marker})
    # The run, its resource tracker, its forkserver and two workers (hung on their pages).
    _wait_for(lambda: len(_processes_with(marker.encode())) >= 5)
    time.sleep(1.0)  # time to hand each worker its page (an idle worker ends on its own)
    run.kill()
    run.communicate(timeout=30)
    _wait_for(lambda: not _processes_with(marker.encode()), seconds=10)  # hung workers too


def test_an_unexpected_error_keeps_the_records_and_does_not_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    pages = _pages(tmp_path, 3)
    out = tmp_path / "out.jsonl"
    write = batch.JsonlWriter.write
    written: list[str] = []

    def write_two(self: batch.JsonlWriter, outcome: batch.Outcome) -> None:
        if len(written) == 2:
            raise RuntimeError("a bug in the writer")
        written.append(outcome.source)
        write(self, outcome)

    monkeypatch.setattr(batch.JsonlWriter, "write", write_two)
    assert main(["clean", str(pages), "-o", str(out), "--jobs", "1"]) == batch.EXIT_USAGE
    assert "an unexpected error stopped the run" in capsys.readouterr().err
    assert not out.exists()
    monkeypatch.setattr(batch.JsonlWriter, "write", write)
    assert main(["clean", str(pages), "-o", str(out), "--resume", "-q"]) == 1  # the empty page
    sources = [Path(r["source"]).name for r in _jsonl(out)]
    assert sources == sorted(p.name for p in pages.iterdir())
