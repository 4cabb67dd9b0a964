"""newsclean.dask on a small LocalCluster (one in-process worker): bags of pages, WARC archives,
and ``newsclean clean --dask-scheduler`` giving the same records as the local process pool."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed")
import dask.bag as db
from distributed import Client, LocalCluster
from test_batch import PNG, _page, _write_warc

from newsclean import batch
from newsclean.cli import main
from newsclean.dask import clean_bag, clean_warcs, warc_bag


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        yield cluster


@pytest.fixture
def client(cluster: LocalCluster) -> Iterator[Client]:
    with Client(cluster) as client:
        yield client


def test_clean_bag_keeps_order_urls_and_error_records(client: Client) -> None:
    pages = [
        {"url": "https://example.com/a", "data": _page("A", "Alpha lead.")},
        _page("B", "Bravo lead."),
        _page("C", "Charlie lead.").decode("utf-8"),
        {"source": "blank", "data": b""},
    ]
    records = clean_bag(db.from_sequence(pages, npartitions=2)).compute()
    assert [r["url"] for r in records] == ["https://example.com/a", None, None, None]
    for record, lead in zip(
        records[:3], ["Alpha lead.", "Bravo lead.", "Charlie lead."], strict=True
    ):
        assert lead in record["text"] and record["error"] is None
    assert records[3]["source"] == "blank" and records[3]["error"].startswith("empty-input")


def test_warcs_are_read_and_cleaned_one_partition_each(client: Client, tmp_path: Path) -> None:
    paths = []
    for name in ("x", "y"):
        path = tmp_path / f"{name}.warc.gz"
        records = [
            (f"https://{name}.example/1", "text/html", _page("One", f"{name} one.")),
            (f"https://{name}.example/logo", "image/png", PNG),
            (f"https://{name}.example/2", "text/html", _page("Two", f"{name} two.")),
        ]
        _write_warc(path, records)
        paths.append(str(path))
    bag = clean_warcs(paths)
    assert bag.npartitions == 2
    records = bag.compute()
    assert [r["url"] for r in records] == [
        "https://x.example/1",
        "https://x.example/2",
        "https://y.example/1",
        "https://y.example/2",
    ]
    assert [r["source"] for r in records][:2] == [f"{paths[0]}#1", f"{paths[0]}#2"]
    assert "y two." in records[3]["text"]
    assert [p["url"] for p in warc_bag(paths).compute()] == [r["url"] for r in records]


def test_cli_on_the_cluster_matches_the_local_pool(cluster: LocalCluster, tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(5):
        (pages / f"p{i}.html").write_bytes(_page(f"Page {i}", f"Lead {i}."))
    (pages / "p9.html").write_bytes(b"")
    _write_warc(pages / "w.warc.gz", [("https://example.com/w", "text/html", _page("W", "Wl."))])
    local, remote = tmp_path / "local.jsonl", tmp_path / "remote.jsonl"
    assert main(["clean", str(pages), "-o", str(local), "--jobs", "1", "-q"]) == 1
    address = cluster.scheduler_address
    assert main(["clean", str(pages), "-o", str(remote), "--dask-scheduler", address, "-q"]) == 1
    assert remote.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")
    sources = [Path(json.loads(line)["source"]).name for line in remote.open(encoding="utf-8")]
    assert sources == ["p0.html", "p1.html", "p2.html", "p3.html", "p4.html", "p9.html",
                       "w.warc.gz#1"]  # fmt: skip


def test_a_page_that_kills_its_worker_gets_a_record_and_the_rest_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dask

    monkeypatch.setenv(batch.FAULTS_ENV, "crash=CRASHME")
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(4):
        mark = "CRASHME" if i == 2 else ""
        (pages / f"p{i}.html").write_bytes(_page(f"Page {i}", f"Lead {i} {mark}."))
    _write_warc(pages / "w.warc.gz", [("https://example.com/w", "text/html", _page("W", "Wl."))])
    out = tmp_path / "out.jsonl"
    # A worker process of its own (the module's cluster runs in this process), and no retries
    # of a task that killed its worker: the test needs two kills, not eight.
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            worker_dashboard_address=None,
        ) as cluster,
    ):
        args = [str(pages), "-o", str(out), "--dask-scheduler", cluster.scheduler_address, "-q"]
        assert main(["clean", *args]) == batch.EXIT_SOME_FAILED
    records = [json.loads(line) for line in out.open(encoding="utf-8")]
    assert [Path(r["source"]).name for r in records] == [
        "p0.html", "p1.html", "p2.html", "p3.html", "w.warc.gz#1"
    ]  # fmt: skip
    assert records[2]["error"].startswith("crashed:")
    assert [bool(r["error"]) for r in records] == [False, False, True, False, False]
    assert "Lead 3 ." in records[3]["text"] and "Wl." in records[4]["text"]
