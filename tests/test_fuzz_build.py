"""A seeded fuzz corpus of hostile records (JSONL, text, HTML) through one real `kg build`.

Issue 16's acceptance test: at least 2,000 hostile records, generated here from a fixed seed;
the build exits 0, every record is either an article in report.json or a skip with a reason
there (none lost silently), and every output file parses back in rdflib and in pyoxigraph.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

SEED = 16
JSONL_RECORDS = 1800
TEXT_FILES = 120
HTML_FILES = 120

NAMES = ["Vladimir Putin", "Donald Trump", "Angela Merkel", "Emmanuel Macron", "Joe Biden", "Xi Jinping",
         "Chatham House", "the European Union", "Gazprom", "Reuters"]
PLACES = ["Moscow", "Washington", "Berlin", "Paris", "Helsinki", "London", "Kyiv"]
# Characters that broke something before: lone surrogates, line/paragraph separators, NEL,
# zero-width and bidi controls, NUL and other controls, combining marks, BOMs, replacement chars.
HOSTILE = ["\ud800", "\udfff", "\u2028", "\u2029", "\u0085", "\u200b", "\u202e", "\u2066", "\x00", "\x07", "\x1b",
           "\u0301", "\ufeff", "\ufffd", "\r", "\r\n", "\t", "\\", '"', "<", ">", "&", "'", "{", "}", "%00",
           "\U0001f600", "\u05d0\u05d1", "\u0627\u0644", "e\u0301", "\uffff", "\x7f", "\u00ad"]


def sentence(rng: random.Random) -> str:
    a, b = rng.sample(NAMES, 2)
    return f"{a} met {b} in {rng.choice(PLACES)} on Monday."


def hostile(rng: random.Random, length: int = 3) -> str:
    return "".join(rng.choice(HOSTILE) for _ in range(length))


def text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 4)):
        piece = sentence(rng)
        if rng.random() < 0.6:
            cut = rng.randint(0, len(piece))
            piece = piece[:cut] + hostile(rng, rng.randint(1, 4)) + piece[cut:]
        parts.append(piece)
    if rng.random() < 0.05:
        parts.append("Putin met Trump. " * rng.randint(50, 200))  # entity-dense
    return " ".join(parts)


def jsonl_line(rng: random.Random, i: int) -> str:
    """One JSONL line: mostly valid records with hostile strings, some malformed on purpose."""
    kind = rng.random()
    if kind < 0.03:
        return "{" * rng.randint(1, 3000)  # unbalanced / deep nesting
    if kind < 0.05:
        return rng.choice(["[1, 2]", '"just a string"', "null", "12", "true", "{not json}", "{'single': 1}"])
    if kind < 0.06:
        return json.dumps({"id": f"n{i}", "text": "x" * 5, "big": 10**400 if rng.random() < 0.5 else 1})[:-1] + ", 1e999999}"
    record: dict = {"text": text(rng)}
    if rng.random() < 0.9:
        record["id"] = rng.choice([f"id{i}{hostile(rng, 2)}", f"id{i}", i, float(i) + 0.5, f"dup{rng.randint(0, 20)}",
                                   hostile(rng, 5), " ", True, [i], {"a": i}, None])
    if rng.random() < 0.5:
        record["title"] = rng.choice([sentence(rng) + hostile(rng), "<script>alert(1)</script>" + hostile(rng), 7])
    if rng.random() < 0.5:
        record["url"] = rng.choice([f"https://news.example/{i}{hostile(rng, 2)}", "javascript:alert(1)",
                                    f"http://x.example/\ud800{i}", "/relative", 5])
    if rng.random() < 0.5:
        record["date"] = rng.choice(["2024-13-45", "2023-02-29", "2024-02-29", "2024-01-02T10:00:00Z",
                                     "2024-01-02T25:61:00", "yesterday", "0000-00-00", hostile(rng, 3)])
    if rng.random() < 0.3:
        record["author"] = rng.choice(NAMES) + hostile(rng, 2)
    if rng.random() < 0.1:
        del record["text"]
    line = json.dumps(record, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.03:
        line = line.replace('"text"', '"te\x00xt"')  # a raw NUL: this line is rejected, not the file
    return line


def html_page(rng: random.Random) -> bytes:
    body = "".join(f"<p>{text(rng)}</p>" for _ in range(rng.randint(1, 3)))
    title = sentence(rng) + hostile(rng)
    templates = [
        f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>",
        f"<html><body><article><h1>{title}</h1>{body}<script>document.write('x')</script>",  # unclosed
        f"<!DOCTYPE html><html><head><meta charset='windows-1252'></head><body><article>{body}</article></body></html>",
        f"<html><body>{'<div>' * 500}{body}{'</div>' * 10}</body></html>",  # deep nesting
        "<html><body><nav>menu</nav></body></html>",  # no article text
    ]
    page = rng.choice(templates)
    encoding = rng.choice(["utf-8", "utf-8", "cp1252", "utf-16"])
    return page.encode(encoding, errors="surrogatepass" if encoding == "utf-8" else "replace")


def text_file(rng: random.Random) -> bytes:
    body = f"{sentence(rng)}\n\nBy {rng.choice(NAMES)}\n\n{text(rng)}"
    choice = rng.random()
    if choice < 0.1:
        return body.encode("utf-16", errors="replace")
    if choice < 0.2:
        return body.encode("cp1252", errors="replace")
    if choice < 0.25:
        return b""
    if choice < 0.3:
        return bytes(rng.randrange(256) for _ in range(200))
    return b"\xef\xbb\xbf" * (choice < 0.35) + body.encode("utf-8", errors="surrogatepass")


def make_corpus(root: Path) -> int:
    """Write the corpus under ``root``; return how many records (JSONL lines and files) it holds."""
    rng = random.Random(SEED)
    root.mkdir()
    with open(root / "records.jsonl", "w", encoding="utf-8", errors="surrogatepass", newline="\n") as out:
        for i in range(JSONL_RECORDS):
            out.write(jsonl_line(rng, i) + "\n")
    for i in range(TEXT_FILES):
        (root / f"t{i:03d}{rng.choice(['.txt', '.md'])}").write_bytes(text_file(rng))
    for i in range(HTML_FILES):
        (root / f"h{i:03d}.html").write_bytes(html_page(rng))
    return JSONL_RECORDS + TEXT_FILES + HTML_FILES


FORMATS = {
    "graph.ttl": ("turtle", ox.RdfFormat.TURTLE),
    "graph.trig": ("trig", ox.RdfFormat.TRIG),
    "graph.jsonld": ("json-ld", ox.RdfFormat.JSON_LD),
    "graph.nq": ("nquads", ox.RdfFormat.N_QUADS),
}


def test_fuzz_corpus_builds_loses_nothing_and_every_file_parses(tmp_path):
    from conftest import run_kg

    records = make_corpus(tmp_path / "corpus")
    assert records >= 2000
    out = tmp_path / "out"
    # Two processes, as CI has two cores: the build's CPU time is about 62 s (2026-12-03, after party_label stopped
    # rebuilding doc.text per mention), most of it parsing and extraction, which the pool splits.
    proc = run_kg("build", str(tmp_path / "corpus"), "-o", str(out), "--jobs", "2")
    assert "Traceback" not in proc.stderr.decode("utf-8", "replace")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    # Every record is an article or a skip with a reason: nothing lost without a word.
    assert report["articles"] + len(report["skipped"]) == records
    assert all(": " in skip for skip in report["skipped"])
    assert report["articles"] > records // 2
    for name, (rdflib_format, ox_format) in FORMATS.items():
        Dataset().parse(out / name, format=rdflib_format)
        assert sum(1 for _ in ox.parse(path=out / name, format=ox_format)) > 0
    assert "<script>alert(1)</script>" not in (out / "graph.html").read_text(encoding="utf-8")
