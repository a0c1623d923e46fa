"""`kg build --engine dask` on a local two-worker cluster gives the single-machine files."""

from __future__ import annotations

import json

import pytest

from conftest import run_kg
from test_scale import read_graph_files, write_corpus

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, one thread each, on 127.0.0.1; stopped after the tests."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local, distributed.Client(local) as client:
        yield local, client


def _pipelines_loaded(dask_worker) -> int:
    from kg.nlp.pipeline import cached_pipeline

    return cached_pipeline.cache_info().misses


def test_dask_build_equals_the_single_machine_build(cluster, tmp_path):
    local, client = cluster
    corpus = write_corpus(tmp_path / "news.jsonl", 12)
    run_kg("build", str(corpus), "-o", str(tmp_path / "single"), "--jobs", "1", "--no-cache")

    out = tmp_path / "dask"
    proc = run_kg("build", str(corpus), "-o", str(out), "--engine", "dask", "--scheduler", local.scheduler_address,
                  "--batch-size", "2", process=True)
    assert read_graph_files(out) == read_graph_files(tmp_path / "single")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["engine"] == "dask" and report["parsed"] == 12
    assert "12 articles read (12 parsed, 0 from cache)" in proc.stderr.decode()

    # Six chunks ran on two workers; each loaded the spaCy pipeline exactly once.
    assert sorted(client.run(_pipelines_loaded).values()) == [1, 1]

    # The workers filled the cache: a second dask build parses nothing and changes nothing.
    run_kg("build", str(corpus), "-o", str(out), "--engine", "dask", "--scheduler", local.scheduler_address, process=True)
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["cached"] == 12
    assert read_graph_files(out) == read_graph_files(tmp_path / "single")
