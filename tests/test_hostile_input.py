"""Issue 16, build side: one bad record, character or file never stops a build or breaks an output file.

Reader-level tests are fast (no spaCy); one real `kg build` checks that every output file of a
hostile corpus parses back in rdflib and pyoxigraph.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import XSD

from kg.build.cache import article_key
from kg.model import Skip
from kg.read.files import read_articles

SENTENCE = "Vladimir Putin met Donald Trump in Helsinki on Monday."


def read(*inputs):
    skips: list[Skip] = []
    warnings: list[Skip] = []
    articles = list(read_articles(list(inputs), on_skip=skips.append, on_warning=warnings.append))
    return articles, skips, warnings


def test_lone_surrogate_in_id_and_url_is_repaired_with_a_warning(tmp_path):
    """'\\ud800' in an id or url aborted the build in the cache digest; now the record is repaired, the rest read."""
    path = tmp_path / "a.jsonl"
    lines = ['{"id": "a\\ud800", "text": "%s"}' % SENTENCE,
             '{"id": "b", "url": "https://x.example/\\udfff", "text": "%s"}' % SENTENCE.replace("Monday", "Tuesday"),
             '{"id": "c", "text": "%s"}' % SENTENCE.replace("Monday", "Friday")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, skips, warnings = read(path)
    assert [a.id for a in articles] == ["a", "b", "c"] and not skips
    assert articles[1].url is None
    assert any("'id' repaired" in str(w) for w in warnings) and any("'url'" in str(w) for w in warnings)
    for article in articles:
        article_key(article)  # encodes as UTF-8: raised UnicodeEncodeError before


def test_file_name_not_utf8_is_read(tmp_path):
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as handle:
        handle.write(SENTENCE.encode())
    articles, skips, warnings = read(os.fsdecode(folder))
    assert len(articles) == 1 and not skips
    assert articles[0].id == "caf\ufffd"
    article_key(articles[0])
    assert any("not UTF-8" in str(w) for w in warnings)


def test_jsonl_is_parsed_before_it_is_normalized(tmp_path):
    """A raw U+2028 inside a JSON string was turned into a newline first ('Invalid control character')."""
    path = tmp_path / "a.jsonl"
    records = [{"id": "sep", "text": "First line.\u2028Second line by Vladimir Putin."},
               {"id": "para", "text": "One.\u2029Two.", "title": "A\u2028B"},
               {"id": "nfc", "text": "Cafe\u0301 owners met."}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    articles, skips, _ = read(path)
    assert not skips
    assert [a.id for a in articles] == ["sep", "para", "nfc"]
    assert articles[0].text.startswith("First line.\nSecond line")
    assert articles[1].title == "A B"
    assert "Café" in articles[2].text


def test_nul_byte_rejects_only_its_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"id": "bad", "text": "x\x00y"}\n' + json.dumps({"id": "good", "text": SENTENCE}).encode() + b"\n")
    articles, skips, _ = read(path)
    assert [a.id for a in articles] == ["good"]
    assert len(skips) == 1 and skips[0].line == 1 and "NUL" in skips[0].reason


@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_utf16_with_bom_is_read(tmp_path, suffix):
    text = SENTENCE if suffix == ".txt" else json.dumps({"id": "u16", "text": SENTENCE})
    path = tmp_path / f"a{suffix}"
    path.write_bytes(text.encode("utf-16"))  # with a BOM
    articles, skips, _ = read(path)
    assert not skips and len(articles) == 1 and "Helsinki" in articles[0].text


def test_hidden_files_are_reported_not_silently_dropped(tmp_path):
    (tmp_path / "a.txt").write_text(SENTENCE)
    (tmp_path / ".draft.txt").write_text(SENTENCE.replace("Monday", "Sunday"))
    (tmp_path / ".notes").mkdir()
    articles, skips, warnings = read(tmp_path)
    assert len(articles) == 1
    hidden = sorted(Path(w.source).name for w in warnings if "hidden" in w.reason)
    assert hidden == [".draft.txt", ".notes"]


def test_renamed_duplicate_id_warns(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "x", "text": SENTENCE}) + "\n"
                    + json.dumps({"id": "x", "text": SENTENCE.replace("Monday", "Sunday")}) + "\n")
    articles, _, warnings = read(path)
    assert articles[1].id.startswith("x-")
    assert any("already used" in str(w) and w.line == 2 for w in warnings)


@pytest.mark.parametrize("value", ["2024-13-45", "2023-02-29", "2024-01-02T25:00:00", "yesterday"])
def test_impossible_dates_make_no_ill_typed_literal(value):
    from kg.graph.triples import date_literal

    literal = date_literal(value)
    assert literal is None or not literal.ill_typed


def test_hostile_build_writes_parseable_readable_files(tmp_path):
    """One `kg build` over hostile records: exit 0, every article built, every file parses in rdflib and pyoxigraph."""
    from conftest import run_kg

    corpus = tmp_path / "corpus.jsonl"
    records = [
        '{"id": "surrogate\\ud800", "text": "Vladimir Putin met Donald Trump in Helsinki."}',
        json.dumps({"id": "line\u2028sep\u0085x", "text": "Angela Merkel, the chancellor of Germany, spoke.",
                    "date": "2024-13-45"}, ensure_ascii=False),
        json.dumps({"id": "para\u2029", "title": "T\u2028itle", "text": "Emmanuel Macron visited Berlin on Monday.",
                    "date": "2024-02-30T10:00:00"}, ensure_ascii=False),
        json.dumps({"id": "ok", "text": "Boris Johnson met Joe Biden in London.", "date": "2024-05-01"}),
    ]
    corpus.write_text("\n".join(records) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    previous = os.umask(0o022)
    try:
        proc = run_kg("build", str(corpus), "-o", str(out))
    finally:
        os.umask(previous)
    stderr = proc.stderr.decode()
    assert "Traceback" not in stderr
    report = json.loads((out / "report.json").read_text())
    assert report["articles"] == 4 and not report["skipped"]
    for name in ("graph.ttl", "graph.trig", "graph.jsonld", "graph.nq"):
        fmt = {"ttl": "turtle", "trig": "trig", "jsonld": "json-ld", "nq": "nquads"}[name.split(".")[1]]
        Dataset().parse(out / name, format=fmt)
        list(ox.parse(path=out / name, format={"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
                                              "jsonld": ox.RdfFormat.JSON_LD, "nq": ox.RdfFormat.N_QUADS}[name.split(".")[1]]))
        # Readable by others (a web server, a Neo4j user), as any file written under umask 022.
        assert stat.S_IMODE((out / name).stat().st_mode) == 0o644
    graph = Graph().parse(out / "graph.ttl")
    dates = [o for o in graph.objects() if isinstance(o, Literal) and o.datatype in (XSD.date, XSD.dateTime)]
    assert dates and all(not o.ill_typed for o in dates)


def test_rebuild_into_the_input_folder_does_not_read_its_own_outputs(tmp_path):
    """`kg build D -o D` twice: the second build read the first one's graph.html as an article."""
    from conftest import run_kg

    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.txt").write_text(SENTENCE)
    run_kg("build", str(folder), "-o", str(folder), "--force")  # the user's folder: kg's only when forced
    assert (folder / ".kg-output").is_file() and (folder / "graph.html").is_file()
    run_kg("build", str(folder), "-o", str(folder))
    report = json.loads((folder / "report.json").read_text())
    assert report["articles"] == 1 and not report["skipped"]


def test_disk_full_is_one_clear_line_and_leaves_no_temp_files(tmp_path, monkeypatch):
    """ENOSPC while writing: was a raw OSError traceback with temp shards left; now one line, nothing left over."""
    import errno

    from conftest import run_kg
    from kg.output import rdf
    from kg.output.files import atomic_write

    (tmp_path / "a.txt").write_text(SENTENCE)
    out = tmp_path / "out"
    run_kg("build", str(tmp_path / "a.txt"), "-o", str(out), "--no-cache")
    before = {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.nq", "report.json")}

    def full_disk(quad_shards, default_lines, path):
        def write(tmp):
            tmp.write_text("half a file")
            raise OSError(errno.ENOSPC, "No space left on device", str(tmp))

        atomic_write(path, write)

    monkeypatch.setattr(rdf, "write_nquads", full_disk)
    (tmp_path / "b.txt").write_text(SENTENCE.replace("Monday", "Sunday"))
    proc = run_kg("build", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out), "--no-cache", check=False)
    stderr = proc.stderr.decode()
    assert proc.returncode == 1 and "Traceback" not in stderr
    assert "no space left on the device" in stderr
    assert not (out / ".kg-work").exists()
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    assert {name: (out / name).read_bytes() for name in before} == before


def test_a_kg_work_folder_kg_did_not_make_is_refused_not_deleted(tmp_path):
    """OUT/.kg-work of the user's own was deleted recursively; now the build refuses, with a clear line."""
    from conftest import run_kg

    (tmp_path / "a.txt").write_text(SENTENCE)
    out = tmp_path / "out"
    (out / ".kg-work").mkdir(parents=True)
    (out / ".kg-work" / "mine.txt").write_text("the user's file")
    proc = run_kg("build", str(tmp_path / "a.txt"), "-o", str(out), check=False)
    assert proc.returncode == 1 and "not made by kg" in proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()
    assert (out / ".kg-work" / "mine.txt").read_text() == "the user's file"
