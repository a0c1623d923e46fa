"""Issue 16, build side: a pathological article cannot stall a build; workers do not outlive it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build.chunks import Chunk, analyse_chunk
from kg.model import Article

DENSE = "Putin met Trump. " * 120


def _naive_candidate_pairs(ctx):
    """The old candidate_pairs (``sent.ents`` per sentence), as the reference for the linear one."""
    from kg.extract.rules.classifier import SIGNATURES

    for sent in ctx.doc.sents:
        mentions = [(s, ctx.entities.of(s)) for s in sent.ents if s.text not in ctx.lexicon.demonyms]
        mentions = [(s, e) for s, e in mentions if e is not None]
        for span_a, a in mentions:
            for span_b, b in mentions:
                relation = SIGNATURES.get((a.kind, b.kind))
                if relation is None or a == b or (relation == "located_in" and a.cls == "Country"):
                    continue
                yield span_a.start, span_b.start, relation


def test_linear_lookups_find_what_the_scans_found(nlp, lexicon):
    """entities_in, candidate_pairs and ents_between no longer scan doc.ents per call (quadratic); same answers."""
    from kg.extract.entities import resolve_entities
    from kg.extract.pairs import pair_features
    from kg.extract.rules.base import Context
    from kg.extract.rules.classifier import candidate_pairs
    from kg.extract.rules.common import entities_in

    text = DENSE + "Angela Merkel, the chancellor of Germany, met Emmanuel Macron of France in Paris and Berlin."
    doc = nlp(text)
    article = Article(id="dense", text=text)
    ctx = Context(doc, article, resolve_entities(doc, article, lexicon), lexicon)
    pairs = [(a.start, b.start, r) for a, _, b, _, r in candidate_pairs(ctx)]
    assert pairs == list(_naive_candidate_pairs(ctx)) and pairs
    for sent in doc.sents:
        tokens = list(sent)
        expected = [ent for ent in doc.ents if ctx.entities.of(ent) is not None
                    and ent.start >= sent.start and ent.end <= sent.end]
        assert [span for span, _ in entities_in(ctx, tokens)] == expected
    ents = list(doc.ents)
    for a, b in zip(ents, ents[2:]):
        feats = pair_features(a, b, "person", "person")
        between = doc[a.end : b.start]
        expected = min(len(between.ents), 3)
        assert f"ents_between={expected}" in feats


ARTICLES = (("k1", Article(id="dense", text=DENSE, source="dense.txt")),
            ("k2", Article(id="plain", text="Boris Johnson met Joe Biden in London.", source="plain.txt")))


def test_article_over_its_time_budget_is_skipped_with_a_reason(tmp_path, nlp):
    """A budget no extraction can meet: every article is skipped, with the reason, and nothing is raised."""
    from kg.nlp.pipeline import DEFAULT_MODEL

    result = analyse_chunk(Chunk(ARTICLES, tmp_path / "chunk-1", DEFAULT_MODEL, 8, 0.0, None, "0" * 20, 1e-6))
    assert result.records == ()
    assert [skip.source for skip in result.skipped] == ["dense.txt", "plain.txt"]
    assert all("budget" in skip.reason for skip in result.skipped)
    unbounded = analyse_chunk(Chunk(ARTICLES, tmp_path / "chunk-2", DEFAULT_MODEL, 8, 0.0, None, "0" * 20, 0))
    assert [r.article_id for r in unbounded.records] == ["dense", "plain"] and unbounded.skipped == ()


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc for the worker processes")
def test_pool_workers_exit_when_the_build_is_killed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        (corpus / f"a{i:02d}.txt").write_text(f"Article {i}. Vladimir Putin met Donald Trump in Helsinki. " * 20)
    script = Path(sys.executable).parent / "kg"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "kg"]
    build = subprocess.Popen([*command, "build", str(corpus), "-o", str(tmp_path / "out"), "--jobs", "2",
                              "--batch-size", "1", "--no-cache"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env={**os.environ, "CI": "1"})
    workers: list[int] = []
    try:
        for _ in range(1200):  # up to 120 s for the pool to start (spaCy loads first)
            workers = [pid for pid in _children(build.pid) if "python" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")]
            if len(workers) >= 2 or build.poll() is not None:
                break
            time.sleep(0.1)
        assert len(workers) >= 2, "the pool never started"
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait()
    for _ in range(300):  # up to 30 s
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)


def test_an_extraction_bug_costs_only_its_own_article(tmp_path, nlp, monkeypatch):
    """A rule that raises on one article (a kg bug) skips that article with the error and where it was raised."""
    from kg.build import chunks
    from kg.nlp.pipeline import DEFAULT_MODEL

    real = chunks.extract_facts

    def flaky(article, doc, lexicon, **options):
        if article.id == "dense":
            return doc[len(doc)]  # the IndexError a rule once raised on a text ending after a name
        return real(article, doc, lexicon, **options)

    monkeypatch.setattr(chunks, "extract_facts", flaky)
    result = analyse_chunk(Chunk(ARTICLES, tmp_path / "chunk", DEFAULT_MODEL, 8, 0.0, None, "0" * 20, 0))
    assert [r.article_id for r in result.records] == ["plain"]
    [skip] = result.skipped
    assert skip.source == "dense.txt"
    assert "IndexError" in skip.reason and "test_build_robustness.py" not in skip.reason and "bug in kg" in skip.reason
