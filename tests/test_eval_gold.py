"""Regression: kg build + kg eval on the hand-annotated gold articles must stay above the floors.

The floors (overall precision and F1 per gold file) are in tests/gold/thresholds.json.
The seed is built from seeds/; the BBC articles are copied at test time from the shared
corpus (never committed: the texts are copyrighted), so that test skips loudly without
../shared, and fails in CI (CI=true), where ../shared must be present.
"""

from __future__ import annotations

import json
from pathlib import Path


from conftest import ROOT, SEEDS, SHARED, require_shared, run_kg

GOLD = ROOT / "tests" / "gold"
BBC_CORPUS = SHARED / "corpora" / "bbc-news" / "articles.jsonl"
THRESHOLDS = json.loads((GOLD / "thresholds.json").read_text(encoding="utf-8"))


def gold_articles(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return {line.split("\t", 1)[0] for line in lines if line.strip() and not line.startswith("#")}


def check_floors(name: str, graph: Path) -> dict:
    proc = run_kg("eval", str(GOLD / name), str(graph), "--format", "json")
    overall = json.loads(proc.stdout)["overall"]
    floors = THRESHOLDS[name]
    shown = f"{name}: precision {overall['precision']}, recall {overall['recall']}, F1 {overall['f1']} (floors {floors})"
    assert (overall["precision"] or 0.0) >= floors["precision"], shown
    assert overall["f1"] >= floors["f1"], shown
    # The same floors through the CI options a user would script with.
    run_kg("eval", str(GOLD / name), str(graph), "--no-show-errors", "--fail-under", str(floors["f1"]),
           "--fail-under-precision", str(floors["precision"]))
    return overall


def test_every_gold_file_has_floors():
    assert {p.name for p in GOLD.glob("*.tsv")} == {k for k in THRESHOLDS if not k.startswith("_")}


def test_seed_gold_floors(seed_build):
    assert gold_articles(GOLD / "seed.tsv") == {p.stem for p in SEEDS.glob("*.txt")}
    check_floors("seed.tsv", seed_build)


def test_bbc_gold_floors(tmp_path):
    require_shared(BBC_CORPUS, "the BBC gold articles cannot be built")
    wanted = gold_articles(GOLD / "bbc.tsv")
    corpus = tmp_path / "bbc-gold.jsonl"
    with BBC_CORPUS.open(encoding="utf-8") as source, corpus.open("w", encoding="utf-8") as out:
        found = set()
        for line in source:
            record = json.loads(line)
            if record.get("id") in wanted:
                out.write(line)
                found.add(record["id"])
    assert found == wanted, f"gold articles missing from the corpus: {sorted(wanted - found)}"
    run_kg("build", str(corpus), "-o", str(tmp_path / "out"))
    check_floors("bbc.tsv", tmp_path / "out")
