"""Bad input: a clear one-line warning naming the file, the rest of the build goes on."""

from __future__ import annotations

import json

from rdflib import Dataset, Graph

from conftest import run_kg

GOOD = "The chairman of Barclays, Matthew Barrett, defended the bonus on Tuesday."


def write_bad_inputs(folder):
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "latin1.txt").write_bytes("The firm lost \xa34m, said Jos\xe9 Garc\xeda of Banco Sur.".encode("latin-1"))
    (folder / "feed.jsonl").write_text(
        "{not json\n" + json.dumps({"id": "x1", "title": "no text"}) + "\n" + json.dumps({"id": "ok", "text": GOOD}) + "\n",
        encoding="utf-8",
    )
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")


def test_bad_inputs_are_reported_and_skipped(tmp_path):
    inputs = tmp_path / "in"
    write_bad_inputs(inputs)
    out = tmp_path / "out"
    proc = run_kg("build", str(inputs), "-o", str(out))
    warnings = [line for line in proc.stderr.decode().splitlines() if line.startswith("warning")]
    joined = "\n".join(warnings)
    assert "empty.txt: empty" in joined
    assert "image.txt: binary file" in joined
    assert "feed.jsonl:1: not valid JSON" in joined
    assert "feed.jsonl:2: no 'text' field" in joined
    assert "report.pdf: unsupported file type" in joined
    assert "latin1.txt" in joined and "Windows-1252" in joined
    assert "Traceback" not in proc.stderr.decode()
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    ids = {str(o) for o in graph.objects(None, None) if str(o) in {"good", "ok", "latin1"}}
    assert ids == {"good", "ok", "latin1"}


def test_nothing_readable_fails_and_writes_nothing(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_text("  \n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run_kg("build", str(inputs), "-o", str(out), check=False)
    assert proc.returncode == 1
    assert "no article could be read" in proc.stderr.decode()
    assert not out.exists() or not any(out.iterdir())


def test_missing_input_path_is_reported(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    proc = run_kg("build", str(tmp_path / "good.txt"), str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o"))
    assert "nope.txt: no such file or directory" in proc.stderr.decode()


def test_hostile_names_give_valid_iris_and_parseable_output(tmp_path):
    text = (
        'The head of the "Free <Speech>" Foundation, Zoë O\'Brien-Łukasz, said on Monday that the fund would grow. '
        "The chairman of Banco\nSur, José García, agreed. "
        "Jane Doe, a spokeswoman for <script>alert(1)</script> Corp, declined to comment."
    )
    record = {"id": 'weird "id" <1>', "text": text, "title": "<script>alert('t')</script>", "author": "Ann <b>Bold</b> Lee"}
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run_kg("build", str(feed), "-o", str(out))
    turtle = Graph().parse(out / "graph.ttl", format="turtle")
    trig = Dataset()
    trig.parse(out / "graph.trig", format="trig")
    jsonld = Graph().parse(out / "graph.jsonld", format="json-ld")
    assert len(turtle) == len(jsonld) > 0
    for subject in turtle.subjects():
        iri = str(subject)
        assert not any(ch in iri for ch in ' "<>{}|\\^`\n'), iri
    assert run_kg("validate", str(out)).returncode == 0
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
