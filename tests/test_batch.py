"""Batch cleaning: discovery, error records, limits that hold, atomic outputs and --resume.

The pages are written here, in tmp_path. The limits are checked with the test hook
``NEWSCLEAN_TEST_FAULTS`` (a worker hangs, bloats or dies on a marked page).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsclean import batch, clean
from newsclean.cli import main

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = """<html><head><title>{title}</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>{title}</h1>
<p>{lead} The council met on Tuesday evening and voted, after a long debate, to keep the old
bridge open to walkers and cyclists while engineers study how much repair it needs.</p>
<p>Residents who spoke at the meeting said the bridge is the only safe way to reach the school
on foot, and several asked the council to publish the engineers' report in full.</p>
</article></body></html>"""
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
HUGE_BYTES = 30 * 1024 * 1024


def _page(title: str, lead: str) -> bytes:
    return ARTICLE.format(title=title, lead=lead).encode("utf-8")


def _write_warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    """A gzipped WARC with one response record per (url, content type, body), and a request."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, content_type, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], "HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
        request = io.BytesIO(b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n")
        writer.write_record(writer.create_warc_record("https://example.com/", "request", request))


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    """Good pages (one gzipped, one nested), a binary file, an empty file, a 30 MB page and a
    WARC with two HTML responses, an image response and a request."""
    root = tmp_path / "crawl"
    (root / "news").mkdir(parents=True)
    (root / "a-bridge.html").write_bytes(_page("Bridge stays open", "Alpha lead."))
    (root / "news" / "b-school.htm").write_bytes(_page("School gets a crossing", "Bravo lead."))
    (root / "c-zipped.html.gz").write_bytes(gzip.compress(_page("Zipped page", "Charlie lead.")))
    (root / "d-binary.html").write_bytes(PNG)
    (root / "e-empty.html").write_bytes(b"")
    with open(root / "f-huge.html", "wb") as fh:
        fh.write(b"<html><body>")
        chunk = b"<p>" + b"filler words " * 80 + b"</p>\n"
        fh.write(chunk * (HUGE_BYTES // len(chunk) + 1))
    _write_warc(
        root / "g-crawl.warc.gz",
        [
            ("https://example.com/one", "text/html; charset=utf-8", _page("One", "Delta lead.")),
            ("https://example.com/logo.png", "image/png", PNG),
            ("https://example.com/two", "application/xhtml+xml", _page("Two", "Echo lead.")),
        ],
    )
    (root / ".hidden.html").write_bytes(_page("Hidden", "Never read."))
    return root


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_directory_gives_records_in_order_with_error_records(crawl: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    status = main(["clean", str(crawl), "-o", str(out), "--jobs", "2", "-q"])
    assert status == batch.EXIT_SOME_FAILED
    records = _jsonl(out)
    sources = [Path(r["source"]).name for r in records]
    assert sources == [
        "a-bridge.html",
        "c-zipped.html.gz",
        "d-binary.html",
        "e-empty.html",
        "f-huge.html",
        "g-crawl.warc.gz#1",
        "g-crawl.warc.gz#2",
        "b-school.htm",
    ]
    by_name = dict(zip(sources, records, strict=True))
    for name, lead in [("a-bridge.html", "Alpha lead."), ("b-school.htm", "Bravo lead.")]:
        assert lead in by_name[name]["text"]
        assert by_name[name]["error"] is None
        assert by_name[name]["text"] == clean((crawl / _rel(name)).read_bytes()).text
    assert "Charlie lead." in by_name["c-zipped.html.gz"]["text"]
    assert by_name["d-binary.html"]["error"].startswith("binary-input:")
    assert by_name["e-empty.html"]["error"].startswith("empty-input:")
    assert by_name["f-huge.html"]["error"].startswith("too-large:")
    one, two = by_name["g-crawl.warc.gz#1"], by_name["g-crawl.warc.gz#2"]
    assert (one["url"], two["url"]) == ("https://example.com/one", "https://example.com/two")
    assert "Delta lead." in one["text"] and "Echo lead." in two["text"]
    assert all(set(r) == {"source", "url", "title", "date", "author", "sitename", "text",
                          "warnings", "error"} for r in records)  # fmt: skip
    assert not list(tmp_path.glob("out.jsonl.part"))


def _rel(name: str) -> str:
    return f"news/{name}" if name == "b-school.htm" else name


def test_tree_output_mirrors_the_inputs(crawl: Path, tmp_path: Path) -> None:
    out = tmp_path / "tree"
    assert main(["clean", str(crawl), "-o", str(out), "--format", "markdown", "-q"]) == 1
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == [
        "a-bridge.md",
        "c-zipped.md",
        "d-binary.error.json",
        "e-empty.error.json",
        "f-huge.error.json",
        "g-crawl/000001.md",
        "g-crawl/000002.md",
        "manifest.jsonl",
        "news/b-school.md",
    ]
    manifest = {r["output"]: r for r in _jsonl(out / "manifest.jsonl")}
    assert sorted(manifest) == [f for f in files if f != "manifest.jsonl"]
    assert manifest["g-crawl/000002.md"]["source"] == f"{crawl / 'g-crawl.warc.gz'}#2"
    assert manifest["g-crawl/000002.md"]["url"] == "https://example.com/two"
    assert manifest["news/b-school.md"]["source"] == str(crawl / "news" / "b-school.htm")
    markdown = (out / "a-bridge.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Bridge stays open\n\n")
    assert "Alpha lead." in markdown
    error = json.loads((out / "d-binary.error.json").read_text(encoding="utf-8"))
    assert error["source"].endswith("d-binary.html") and error["error"].startswith("binary-input")


def test_glob_keeps_matching_files_only(crawl: Path, tmp_path: Path) -> None:
    out = tmp_path / "tree"
    assert main(["clean", str(crawl), "-o", str(out), "--glob", "a-*", "--glob", "news/*"]) == 0
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == ["a-bridge.txt", "manifest.jsonl", "news/b-school.txt"]


def test_several_inputs_keep_their_names_and_keys_never_collide(tmp_path: Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "p.html").write_bytes(_page("P", f"{folder} lead."))
        (tmp_path / folder / "p.htm").write_bytes(_page("P", f"{folder} other."))
    units = batch.discover([str(tmp_path / "x"), str(tmp_path / "y")])
    assert [u.key for u in units] == ["x/p", "x/p~2", "y/p", "y/p~2"]
    assert [Path(u.path).name for u in units] == ["p.htm", "p.html", "p.htm", "p.html"]


def test_single_page_prints_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(_page("Bridge stays open", "Alpha lead."))
    assert main(["clean", str(page), "--format", "json", "--url", "https://example.com/a"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["url"] == "https://example.com/a"
    assert "Alpha lead." in payload["text"] and payload["blocks"]


def test_stdin_page(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(_page("From stdin", "Foxtrot lead.")))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["clean", "-"]) == 0
    assert "Foxtrot lead." in capsys.readouterr().out


def test_single_failed_page_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "empty.html").write_bytes(b"")
    assert main(["clean", str(tmp_path / "empty.html")]) == batch.EXIT_SOME_FAILED
    assert "empty-input" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{d}/missing.html"], "no such file"),
        (["{d}"], "several pages need -o"),
        (["{d}/a.html", "--resume"], "--resume needs -o"),
        (["{d}", "-o", "{d}/o.jsonl", "--url", "https://x.org/"], "--url needs a single page"),
        (["{d}", "-o", "{d}/o.jsonl", "--timeout", "0"], "--timeout must be a positive"),
    ],
)
def test_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture, args: list[str], message: str
) -> None:
    (tmp_path / "a.html").write_bytes(_page("A", "Alpha."))
    (tmp_path / "b.html").write_bytes(_page("B", "Bravo."))
    assert main(["clean", *(a.format(d=tmp_path) for a in args)]) == batch.EXIT_USAGE
    assert message in capsys.readouterr().err


def test_hung_bloated_and_crashing_workers_are_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(batch.FAULTS_ENV, "hang=HANGME,bloat=BLOATME,crash=CRASHME")
    pages = tmp_path / "pages"
    pages.mkdir()
    for i, mark in enumerate(["", "HANGME", "", "BLOATME", "", "CRASHME", ""]):
        (pages / f"p{i}.html").write_bytes(_page(f"Page {i}", f"Lead {i} {mark}."))
    out = tmp_path / "out.jsonl"
    args = [str(pages), "-o", str(out), "--jobs", "2", "--timeout", "3", "--max-memory", "400"]
    assert main(["clean", *args, "-q"]) == batch.EXIT_SOME_FAILED
    errors = [(r["error"] or "").split(":")[0] for r in _jsonl(out)]
    assert errors == ["", "timeout", "", "memory", "", "crashed", ""]
    assert all(f"Lead {i} ." in r["text"] for i, r in enumerate(_jsonl(out)) if not r["error"])


def _cli(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newsclean", "clean", *args],
        env={**os.environ, **env},
        stderr=subprocess.PIPE,
        # Python ignores Ctrl-C when started with SIGINT ignored (as background jobs are).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _wait_for(predicate, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "the run made no progress"
        time.sleep(0.05)


def _pages(tmp_path: Path, n: int) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(n):
        (pages / f"p{i:02d}.html").write_bytes(_page(f"Page {i}", f"Lead {i}."))
    (pages / "p99-empty.html").write_bytes(b"")
    return pages


N_PAGES = 12


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_jsonl_run_resumes_with_every_page_once(
    tmp_path: Path, sig: signal.Signals
) -> None:
    pages = _pages(tmp_path, N_PAGES)
    out = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    args = [str(pages), "-o", str(out), "--jobs", "2"]
    run = _cli(args, {batch.FAULTS_ENV: "slow=0.25"})
    _wait_for(lambda: part.exists() and part.read_bytes().count(b"\n") >= 3)
    run.send_signal(sig)
    run.communicate(timeout=30)
    if sig == signal.SIGINT:
        assert run.returncode == 130
        assert not part.exists()  # Ctrl-C leaves complete records only, under the final name
        assert len(_jsonl(out)) < N_PAGES + 1
    else:
        assert run.returncode == -signal.SIGKILL
    resumed = _cli([*args, "--resume"], {})
    _, err = resumed.communicate(timeout=60)
    assert resumed.returncode == batch.EXIT_SOME_FAILED, err  # the empty page fails, once
    sources = [Path(r["source"]).name for r in _jsonl(out)]
    assert sources == sorted(p.name for p in pages.iterdir())
    assert b"skipped" in err
    assert not part.exists()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_tree_run_resumes_with_every_page_once(
    tmp_path: Path, sig: signal.Signals
) -> None:
    pages = _pages(tmp_path, N_PAGES)
    out = tmp_path / "tree"
    args = [str(pages), "-o", str(out), "--jobs", "2"]
    run = _cli(args, {batch.FAULTS_ENV: "slow=0.25"})
    _wait_for(lambda: out.is_dir() and len(list(out.glob("*.txt"))) >= 3)
    run.send_signal(sig)
    run.communicate(timeout=30)
    if sig == signal.SIGINT:
        assert run.returncode == 130
        assert not [p for p in out.iterdir() if batch.TEMP_MARK in p.name]
        assert len(list(out.iterdir())) < N_PAGES + 2
    else:
        (out / f".p00.txt{batch.TEMP_MARK}-1").write_text("half a pa")  # as a kill can leave
    resumed = _cli([*args, "--resume"], {})
    _, err = resumed.communicate(timeout=60)
    assert resumed.returncode == batch.EXIT_SOME_FAILED, err
    files = sorted(p.name for p in out.iterdir())
    outputs = [f"p{i:02d}.txt" for i in range(N_PAGES)] + ["p99-empty.error.json"]
    assert files == ["manifest.jsonl", *outputs]
    # Each output once in the manifest, even the one a kill left without its line.
    assert sorted(r["output"] for r in _jsonl(out / "manifest.jsonl")) == outputs
    for i in range(N_PAGES):
        assert f"Lead {i}." in (out / f"p{i:02d}.txt").read_text(encoding="utf-8")


def test_jsonl_resume_drops_a_cut_off_last_record(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    part.write_text('{"source": "a"}\n{"source": "b"}\n{"sour', encoding="utf-8")
    writer = batch.JsonlWriter(out, resume=True)
    assert writer.done(batch.Page("a", "a")) and writer.done(batch.Page("b", "b"))
    assert not writer.done(batch.Page("c", "c"))
    writer.finish()
    assert out.read_text(encoding="utf-8") == '{"source": "a"}\n{"source": "b"}\n'


def test_keys_drop_page_suffixes() -> None:
    assert batch.inputs._key("news/a.html") == "news/a"
    assert batch.inputs._key("news/a.HTM.gz") == "news/a"
    assert batch.inputs._key("crawl-00.warc.gz") == "crawl-00"
    assert batch.inputs._key("notes") == "notes"


def test_rules_apply_by_the_warc_record_url(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "ex.toml").write_text(
        'hosts = ["example.com"]\ndrop_text = ["^Residents who spoke"]\n', encoding="utf-8"
    )
    warc = tmp_path / "w.warc.gz"
    _write_warc(
        warc,
        [
            ("https://example.com/one", "text/html", _page("One", "Delta lead.")),
            ("https://other.org/two", "text/html", _page("Two", "Echo lead.")),
        ],
    )
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(warc), "-o", str(out), "--rules", str(rules), "-q"]) == 0
    ruled, other = _jsonl(out)
    assert "Delta lead." in ruled["text"] and "Residents who spoke" not in ruled["text"]
    assert "Echo lead." in other["text"] and "Residents who spoke" in other["text"]


def test_a_bad_rules_directory_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.toml").write_text('hosts = ["example.com"]\nstop_at = "("\n', encoding="utf-8")
    (tmp_path / "a.html").write_bytes(_page("A", "Alpha."))
    out = tmp_path / "out"
    assert main(["clean", str(tmp_path / "a.html"), "-o", str(out), "--rules", str(rules)]) == 2
    assert "bad.toml" in capsys.readouterr().err
    assert not out.exists()


def test_workers_are_recycled_without_losing_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch.pool, "PAGES_PER_WORKER", 2)
    pages = [batch.Page(f"p{i}", f"p{i}", data=_page(f"P{i}", f"Lead {i}.")) for i in range(7)]
    pool = batch.ProcessPool(batch.Options(format="jsonl"), jobs=2)
    outcomes = list(pool.imap(pages))
    assert [o.source for o in outcomes] == [f"p{i}" for i in range(7)]
    assert all(o.status == batch.STATUS_CLEANED for o in outcomes)
    assert all(f"Lead {i}." in json.loads(o.output)["text"] for i, o in enumerate(outcomes))


def test_output_inside_the_input_is_not_read_as_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    (tmp_path / "a.html").write_bytes(_page("A", "Alpha lead."))
    (tmp_path / "b.html").write_bytes(_page("B", "Bravo lead."))
    out = tmp_path / "out.jsonl"
    for _ in range(2):  # the second run finds the first one's output beside the pages
        assert main(["clean", str(tmp_path), "-o", str(out), "-q"]) == 0
    assert [Path(r["source"]).name for r in _jsonl(out)] == ["a.html", "b.html"]
    tree = tmp_path / "tree"
    for _ in range(2):
        assert main(["clean", str(tmp_path), "-o", str(tree), "-q"]) == 0
    names = sorted(p.name for p in tree.iterdir())
    assert names == ["a.txt", "b.txt", "manifest.jsonl", "out.jsonl.txt"]
    assert (
        main(["clean", str(tmp_path / "a.html"), str(tmp_path / "b.html"), "--format", "jsonl"])
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert ["Alpha lead." in json.loads(lines[0])["text"], len(lines)] == [True, 2]


def test_markdown_and_html_formats_are_the_articles_renderers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "pages" / "a-bridge.html"
    page.parent.mkdir()
    page.write_bytes(_page("Bridge stays open", "Alpha lead."))
    article = clean(page.read_bytes())
    assert main(["clean", str(page), "--format", "html"]) == 0
    assert capsys.readouterr().out.rstrip("\n") == article.to_html().rstrip("\n")
    out = tmp_path / "out"
    assert main(["clean", str(page.parent), "--format", "markdown", "-o", str(out), "-q"]) == 0
    assert (out / "a-bridge.md").read_text(encoding="utf-8").rstrip("\n") == article.to_markdown()
    assert article.to_markdown().startswith("# Bridge stays open\n\nAlpha lead.")


def test_jsonl_finish_drops_a_record_cut_short_by_an_interrupt(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    writer = batch.JsonlWriter(out, resume=False)
    page = batch.Page("a", "a")
    writer.write(batch.failure(page, "timeout", "too slow"))
    writer._fh.write(b'{"source": "b", "te')  # what a write cut short by Ctrl-C leaves
    writer.finish()
    records = _jsonl(out)
    assert [r["source"] for r in records] == ["a"]
    assert records[0]["error"] == "timeout: too slow"
