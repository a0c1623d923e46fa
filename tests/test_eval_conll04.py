"""scripts/eval_conll04.py on a tiny CoNLL04-format file, run the way a developer runs it."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "eval_conll04.py"

SENTENCES = [
    {"tokens": ["Nikolai", "Petrov", ",", "a", "consultant", "at", "the", "London-based", "think", "tank",
                "Chatham", "House", ",", "said", "it", "."],
     "entities": [{"type": "Peop", "start": 0, "end": 2}, {"type": "Org", "start": 10, "end": 12},
                  {"type": "Loc", "start": 7, "end": 8}],
     "relations": [{"type": "Work_For", "head": 0, "tail": 1}, {"type": "OrgBased_In", "head": 1, "tail": 2}],
     "orig_id": 1},
    {"tokens": ["The", "weather", "was", "fine", "in", "Paris", "."],
     "entities": [{"type": "Loc", "start": 5, "end": 6}], "relations": [], "orig_id": 2},
]


def run_script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=600)


def test_read_split_keeps_token_offsets(tmp_path):
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        from eval_conll04 import read_split
    finally:
        sys.path.remove(str(SCRIPT.parent))
    (tmp_path / "conll04_dev.json").write_text(json.dumps(SENTENCES), encoding="utf-8")
    first = read_split(tmp_path / "conll04_dev.json", "dev")[0]
    for text, start, end in first.spans:
        assert first.text[start:end] == text
    assert first.spans[1][0] == "Chatham House"
    assert first.relations == (("Work_For", 0, 1), ("OrgBased_In", 1, 2))


def test_script_scores_a_tiny_split(tmp_path):
    (tmp_path / "conll04_dev.json").write_text(json.dumps(SENTENCES), encoding="utf-8")
    proc = run_script("--data", str(tmp_path), "--split", "dev", "--json", "--errors", "5")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["sentences"] == 2 and data["overall"]["gold"] == 2
    # "a consultant at ... Chatham House" is works_for -> Work_For.
    assert data["relations"]["Work_For"]["tp"] == 1
    assert data["relations"]["OrgBased_In"]["gold"] == 1
    assert set(data["by_kg_relation"]) <= {"works_for", "heads", "based_in"}



def test_script_prints_the_table(tmp_path, capsys):
    """The table form, through the script's ``main`` in this process (the run above is the real process)."""
    (tmp_path / "conll04_dev.json").write_text(json.dumps(SENTENCES), encoding="utf-8")
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        from eval_conll04 import main
    finally:
        sys.path.remove(str(SCRIPT.parent))
    assert main(["--data", str(tmp_path), "--split", "dev", "--errors", "3"]) == 0
    table = capsys.readouterr().out
    assert "CoNLL04 dev: 2 sentences, 2 gold relations" in table
    assert "Work_For         1     1    1    0    0  1.000  1.000  1.000" in table.splitlines()


def test_script_without_data_is_one_clean_line(tmp_path):
    proc = run_script("--data", str(tmp_path), "--split", "train")
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"error: {tmp_path / 'conll04_train.json'}: no such file; pass --data DIR (the shared CoNLL04 folder)"
