"""kg eval on a quotes gold (issue 12): the format, the matching and the CLI on the seed."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, run_kg
from kg.use.evaluate import GoldError
from kg.use.evaluate_quotes import GoldQuote, PredictedQuote, load_quote_gold, overlaps, score_quotes, words

QUOTES_GOLD = ROOT / "tests" / "gold" / "quotes"


def gold(kind="direct", speaker=("Nancy Pelosi", "Pelosi"), first="These unacceptable actions are cause for",
         last="are cause for alarm,", doc="d"):
    return GoldQuote(doc, speaker, kind, tuple(words(first)), tuple(words(last)), "t:1")


def pred(text, kind="direct", names=("nancy pelosi",), doc="d"):
    return PredictedQuote(doc, kind, tuple(words(text)), text, 0, frozenset(names), names[0] if names else None, "r")


@pytest.mark.parametrize(
    "text, found",
    [
        ("These unacceptable actions are cause for alarm,", True),
        ("actions are cause for alarm", True),  # starts late: still overlaps
        ("Congress will do our job", False),
    ],
)
def test_overlap(text, found):
    assert overlaps(gold(), pred(text)) is found


def test_scores_recall_precision_speaker_and_span():
    result = score_quotes(
        [gold(), gold(first="The United States cannot enable more", last="enable more brutality and bloodshed,")],
        [pred("These unacceptable actions are cause for alarm,"),
         pred("The United States cannot enable more brutality and bloodshed,", names=("donald trump",)),
         pred("Unrelated words said by someone else", names=())],
    )
    direct = result.scores["direct"].as_dict()
    assert (direct["gold"], direct["found"], direct["predicted"]) == (2, 2, 3)
    assert direct["recall"] == 1.0 and direct["precision"] == round(2 / 3, 4)
    assert direct["speaker_right"] == 1 and direct["span_exact"] == 2
    assert len(result.false) == 1 and len(result.wrong_speaker) == 1


def test_indirect_and_according_to_match_each_other():
    result = score_quotes([gold(kind="according_to")], [pred("These unacceptable actions are cause for alarm,", kind="indirect")])
    assert result.scores["reported (indirect + according_to)"].found == 1


def test_bad_row_is_a_gold_error(tmp_path):
    bad = tmp_path / "q.tsv"
    bad.write_text("d\tX\tdirect\tsay\n", encoding="utf-8")
    with pytest.raises(GoldError):
        load_quote_gold(bad)


def test_gold_files_are_quote_gold_and_relation_gold_is_not():
    from kg.use.evaluate_quotes import is_quotes_gold

    quotes = load_quote_gold(QUOTES_GOLD)
    assert {q.kind for q in quotes} == {"direct", "indirect", "according_to"}
    assert is_quotes_gold(QUOTES_GOLD) and is_quotes_gold(QUOTES_GOLD / "seed.tsv")
    assert not is_quotes_gold(ROOT / "tests" / "gold" / "seed.tsv")


def test_kg_eval_scores_the_seed_quotes(seed_build):
    proc = run_kg("eval", str(QUOTES_GOLD / "seed.tsv"), str(seed_build), "--format", "json")
    scores = json.loads(proc.stdout)["scores"]
    assert scores["direct"]["found"] >= 1 and scores["according_to"]["found"] >= 2
    assert scores["indirect"]["found"] >= 4
    table = run_kg("eval", str(QUOTES_GOLD / "seed.tsv"), str(seed_build)).stdout.decode()
    assert table.startswith("quotes in 1 articles") and "missed (" in table
