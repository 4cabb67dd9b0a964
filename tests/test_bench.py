"""The benchmark's plumbing: it loads pages, builds large and repeated pages, runs and prints rows.

No assertion here is about speed: timings live in the benchmark's output and docs/benchmarks.md.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsclean import bench
from newsclean.cli import main

PAGE = (
    "<html><head><meta charset='windows-1252'><title>T{n}</title></head>"
    "<body><nav><a href='/'>Home</a></nav><article><p>Story {n} paragraph that is long enough "
    "to be a sentence of prose, with commas, and an ending.</p></article></body></html>"
)


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    for n in range(3):
        (tmp_path / f"page{n}.html").write_text(PAGE.format(n=n), encoding="utf-8")
    return tmp_path


@pytest.fixture
def aeb_layout(tmp_path: Path) -> Path:
    (tmp_path / "html").mkdir()
    truth = {}
    for n in range(2):
        page_id = f"id{n}"
        (tmp_path / "html" / f"{page_id}.html.gz").write_bytes(
            gzip.compress(PAGE.format(n=n).encode())
        )
        truth[page_id] = {"url": f"https://example.com/{n}", "articleBody": "x"}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return tmp_path


def test_directory_of_html_files_is_loaded_in_name_order(pages: Path) -> None:
    samples = bench.load_samples(pages)
    assert [s.name for s in samples] == ["page0", "page1", "page2"]
    assert samples[1].html == PAGE.format(n=1).encode()


def test_aeb_layout_is_decompressed_with_its_urls(aeb_layout: Path) -> None:
    samples = bench.load_samples(aeb_layout)
    assert [(s.name, s.url) for s in samples] == [
        ("id0", "https://example.com/0"),
        ("id1", "https://example.com/1"),
    ]
    assert samples[0].html.startswith(b"<html>")


def test_repeated_page_repeats_the_body_only(pages: Path) -> None:
    sample = bench.load_samples(pages)[0]
    page = bench.repeated_page(sample, 10).html.decode()
    assert page.count("<title>") == 1 and page.count("</body>") == 1
    assert page.count("Story 0 paragraph") == 10


def test_large_pages_join_bodies_of_consecutive_pages(pages: Path) -> None:
    samples = bench.load_samples(pages)
    big = bench.large_samples(samples, count=2, sizes_mb=(0.002, 0.004))
    sizes = [len(s.html) for s in big]
    # Cut at the target size, plus at most the page's closing tags.
    assert 2_000 <= sizes[0] <= 2_100 and 4_000 <= sizes[1] <= 4_100
    text = big[0].html.decode()
    assert "Story 0" in text and "Story 1" in text and "Story 2" in text
    # The declared legacy charset is rewritten: the generated page is UTF-8.
    assert "charset='utf-8'" in text and text.count("<head>") == 1


def test_percentiles_use_nearest_rank() -> None:
    row = bench.Row("x", tuple(n / 1000 for n in range(1, 21)), 0)
    assert row.percentile_ms(0.5) == pytest.approx(10.0)
    assert row.percentile_ms(0.95) == pytest.approx(19.0)
    assert row.percentile_ms(1.0) == pytest.approx(20.0)
    assert row.pages_per_second == pytest.approx(20 / 0.21)


def test_interleaved_timing_gives_every_extractor_a_median_per_page(pages: Path) -> None:
    samples = bench.load_samples(pages)
    calls: list[str] = []
    extractors = [
        bench.Extractor("a", lambda html, url: calls.append("a")),
        bench.Extractor("b", lambda html, url: calls.append("b")),
    ]
    medians = bench.time_interleaved(samples, extractors, passes=3)
    assert set(medians) == {"a", "b"}
    assert all(len(m) == 3 and all(t >= 0 for t in m) for m in medians.values())
    # One warm-up call each, then 3 passes x 3 pages, the order rotating page by page.
    assert calls.count("a") == calls.count("b") == 10
    assert calls[2:4] == ["a", "b"] and calls[4:6] == ["b", "a"]


def test_peak_memory_is_measured_in_a_fresh_process(pages: Path) -> None:
    samples = bench.load_samples(pages)
    rss = bench.peak_rss(samples, bench.available_extractors(["newsclean"])[0].run)
    if rss is None:
        pytest.skip("no /proc on this system")
    peak, growth = rss
    assert peak > 0 and 0 <= growth <= peak


def test_command_prints_one_row_per_extractor(
    pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["bench", str(pages), "--passes", "1", "--no-memory"]
    assert main([*argv, "--only", "newsclean", "--only", "lxml-parse"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.strip()}
    assert set(rows) >= {"newsclean", "lxml-parse", "extractor"}
    assert "trafilatura" not in rows
    # The floor's ratio to itself is 1.
    assert rows["lxml-parse"][8] == "1.00"


def test_command_json_has_the_figures(pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", str(pages), "--passes", "1", "--no-memory", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    rows = {r["extractor"]: r for r in report["tables"][0]["rows"]}
    assert {"newsclean", "lxml-parse", "trafilatura"} <= set(rows)
    assert rows["trafilatura"]["speedup_over_trafilatura"] == pytest.approx(1.0)
    assert report["tables"][0]["pages"] == 3


def test_command_rejects_an_empty_directory(tmp_path: Path) -> None:
    assert main(["bench", str(tmp_path), "--passes", "1"]) == 2


def test_linearity_reports_each_repeat(pages: Path) -> None:
    sample = bench.load_samples(pages)[0]
    results = bench.linearity(sample, repeats=(1, 3), passes=1, memory=False)
    assert [r.repeats for r in results] == [1, 3]
    assert results[0].ratio == pytest.approx(1.0)
    assert results[1].size > 2 * results[0].size
    assert "repeats" in bench.format_linearity(results)
