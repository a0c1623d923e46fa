"""kg eval: gold reading, matching and scoring on tiny hand-made graphs, and the CLI."""

from __future__ import annotations

import json
import os

import pytest

from conftest import run_kg
from kg.graph.index import EntityIndex
from kg.use.evaluate import GoldError, evaluate, load_gold, normalize
from kg.model import Article, ArticleResult, Entity, Evidence, Fact
from oracle import to_dataset, write_rdf_files

HEADER = "article\tsubject\trelation\tobject\tnote\n"

PUTIN = Entity("person", "Vladimir Putin", "Person", frozenset({"Vladimir Putin", "Putin"}))
RUSSIA = Entity("place", "Russia", "Country", frozenset({"Russia", "Russian"}))
UKRAINE = Entity("place", "Ukraine", "Country", frozenset({"Ukraine"}))
PETROV = Entity("person", "Nikolai Petrov", "Person", frozenset({"Nikolai Petrov"}))
CHATHAM = Entity("organization", "Chatham House", "ResearchOrganization", frozenset({"Chatham House"}))
LONDON = Entity("place", "London", "City", frozenset({"London"}))


def fact(subject: Entity | tuple, relation: str, obj: Entity | tuple, article: str = "a1", confidence: float = 0.9,
         start: int = 0, rule: str = "test.v1") -> Fact:
    ref = lambda e: e.ref if isinstance(e, Entity) else e  # noqa: E731
    evidence = Evidence(article, f"sentence {start} of {article}", start, start + 10, rule, confidence)
    return Fact(ref(subject), relation, ref(obj), evidence)


def dataset(articles: dict[str, tuple[list[Entity], list[Fact]]]):
    """A graph as kg build builds it, from hand-made entities and facts per article."""
    index = EntityIndex()
    results = []
    for article_id, (entities, facts) in sorted(articles.items()):
        index.add(entities)
        results.append(ArticleResult(Article(article_id, "text"), tuple(entities), tuple(facts)))
    return to_dataset(results, index)


def gold(tmp_path, rows: str, name: str = "gold.tsv"):
    path = tmp_path / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return load_gold(path)


def test_alias_matching_is_case_and_space_insensitive(tmp_path):
    graph = dataset({"a1": ([PUTIN, RUSSIA], [fact(PUTIN, "leader_of", RUSSIA)])})
    g = gold(tmp_path, "a1\tputin  |Vladimir V. Putin\tleader_of\tRUSSIAN FEDERATION|russia\t\n")
    result = evaluate(g, graph)
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (1, 0, 0)
    assert result.overall.f1 == 1.0


def test_no_alias_in_common_is_a_miss_and_a_false_fact(tmp_path):
    graph = dataset({"a1": ([PUTIN, RUSSIA], [fact(PUTIN, "leader_of", RUSSIA)])})
    result = evaluate(gold(tmp_path, "a1\tPutin\tleader_of\tUkraine\t\n"), graph)
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (0, 1, 1)
    assert result.false[0].describe() == "Vladimir Putin leader_of Russia"
    assert result.false[0].sentence == "sentence 0 of a1"
    assert result.missed[0].describe() == "Putin leader_of Ukraine"


def test_relation_must_be_the_same(tmp_path):
    graph = dataset({"a1": ([PETROV, CHATHAM], [fact(PETROV, "heads", CHATHAM)])})
    result = evaluate(gold(tmp_path, "a1\tNikolai Petrov\tworks_for\tChatham House\t\n"), graph)
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (0, 1, 1)


def test_super_property_of_a_gold_fact_is_implied_not_false(tmp_path):
    # works_for is entailed by heads (heads is a sub-property of works_for in the ontology).
    graph = dataset({"a1": ([PETROV, CHATHAM], [fact(PETROV, "heads", CHATHAM), fact(PETROV, "works_for", CHATHAM)])})
    result = evaluate(gold(tmp_path, "a1\tNikolai Petrov\theads\tChatham House\t\n"), graph)
    assert (result.overall.tp, result.overall.fp, result.overall.fn, result.overall.implied) == (1, 0, 0, 1)


def test_facts_are_scored_per_article(tmp_path):
    # The fact is in the graph, but read from a2: it does not count for a1, and is not
    # a false fact either while a2 is not in the gold.
    graph = dataset({
        "a1": ([PUTIN, RUSSIA], []),
        "a2": ([PUTIN, RUSSIA], [fact(PUTIN, "leader_of", RUSSIA, article="a2")]),
    })
    result = evaluate(gold(tmp_path, "a1\tPutin\tleader_of\tRussia\t\n"), graph)
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (0, 0, 1)
    both = evaluate(gold(tmp_path, "a1\tPutin\tleader_of\tRussia\t\na2\t\t\t\t\n"), graph)
    assert (both.overall.tp, both.overall.fp, both.overall.fn) == (0, 1, 1)
    assert both.false[0].article == "a2"


def test_each_gold_fact_matches_one_prediction_and_the_reverse(tmp_path):
    # Two gold facts whose aliases both fit one predicted fact: one is found, one missed.
    graph = dataset({"a1": ([PUTIN, RUSSIA], [fact(PUTIN, "leader_of", RUSSIA, start=0),
                                               fact(PUTIN, "leader_of", RUSSIA, start=50)])})
    result = evaluate(gold(tmp_path, "a1\tPutin\tleader_of\tRussia\t\na1\tVladimir Putin\tleader_of\tRussian\t\n"), graph)
    # Two assertions of one fact in one article are one prediction.
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (1, 0, 1)


def test_matching_is_maximal(tmp_path):
    # Gold 1 fits predictions P1 and P2, gold 2 fits P1 only: a greedy matcher taking
    # P1 for gold 1 would miss gold 2; the maximum matching finds both.
    moscow = Entity("place", "Moscow", "City", frozenset({"Moscow", "Russia"}))
    graph = dataset({"a1": ([PETROV, RUSSIA, moscow], [fact(PETROV, "lives_in", RUSSIA),
                                                        fact(PETROV, "lives_in", moscow)])})
    result = evaluate(gold(tmp_path, "a1\tPetrov|Nikolai Petrov\tlives_in\tRussia\t\n"
                                     "a1\tNikolai Petrov\tlives_in\tMoscow\t\n"), graph)
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (2, 0, 0)


def test_symmetric_relation_matches_either_way(tmp_path):
    graph = dataset({"a1": ([RUSSIA, UKRAINE], [fact(UKRAINE, "at_war_with", RUSSIA)])})
    result = evaluate(gold(tmp_path, "a1\tRussia\tat_war_with\tUkraine\t\n"), graph)
    assert result.overall.tp == 1


def test_article_object_matches_by_identifier(tmp_path):
    graph = dataset({"a1": ([PETROV], [fact(PETROV, "cited_by", ("article", "a1"))])})
    assert evaluate(gold(tmp_path, "a1\tNikolai Petrov\tcited_by\t@article\t\n"), graph).overall.tp == 1


def test_min_confidence_drops_weak_predictions(tmp_path):
    graph = dataset({"a1": ([PETROV, CHATHAM, LONDON], [fact(PETROV, "works_for", CHATHAM, confidence=0.6),
                                                         fact(CHATHAM, "based_in", LONDON, confidence=0.95, start=20)])})
    g = gold(tmp_path, "a1\tNikolai Petrov\tworks_for\tChatham House\t\n")
    loose = evaluate(g, graph)
    assert (loose.overall.tp, loose.overall.fp) == (1, 1)
    strict = evaluate(g, graph, min_confidence=0.9)
    assert (strict.overall.tp, strict.overall.fp, strict.overall.fn) == (0, 1, 1)
    # The best assertion counts: a fact read twice is kept at its higher confidence.
    twice = dataset({"a1": ([PETROV, CHATHAM], [fact(PETROV, "works_for", CHATHAM, confidence=0.6),
                                                 fact(PETROV, "works_for", CHATHAM, confidence=0.95, start=30)])})
    assert evaluate(g, twice, min_confidence=0.9).overall.tp == 1


def test_relations_and_articles_narrow_the_scoring(tmp_path):
    graph = dataset({
        "a1": ([PETROV, CHATHAM, LONDON], [fact(PETROV, "works_for", CHATHAM), fact(CHATHAM, "based_in", LONDON)]),
        "a2": ([PUTIN, RUSSIA], [fact(PUTIN, "leader_of", RUSSIA, article="a2")]),
    })
    g = gold(tmp_path, "a1\tNikolai Petrov\tworks_for\tChatham House\t\na2\tPutin\tleader_of\tRussia\t\n")
    only = evaluate(g, graph, relations=["works_for"])
    assert (only.overall.tp, only.overall.fp, only.overall.fn) == (1, 0, 0)
    a2 = evaluate(g, graph, articles=["a2"])
    assert (a2.overall.tp, a2.overall.fp, a2.overall.fn) == (1, 0, 0)
    assert set(a2.articles) == {"a2"}


def test_jsonl_gold_with_alias_lists(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"article": "a1", "subject": ["Vladimir Putin", "Putin"], "relation": "leader_of",
                                "object": "Russia"}) + "\n", encoding="utf-8")
    g = load_gold(path)
    assert g.facts[0].subject == ("Vladimir Putin", "Putin")
    graph = dataset({"a1": ([PUTIN, RUSSIA], [fact(PUTIN, "leader_of", RUSSIA)])})
    assert evaluate(g, graph).overall.tp == 1


@pytest.mark.parametrize("rows, message", [
    ("a1\tPutin\trules\tRussia\t\n", "unknown relation 'rules'"),
    ("\tPutin\tleader_of\tRussia\t\n", "'article' is empty"),
    ("a1\t\tleader_of\tRussia\t\n", "'subject' is empty"),
    ("a1\t@article\tcited_by\tRussia\t\n", "@article can only be an object"),
])
def test_bad_gold_rows_name_file_and_line(tmp_path, rows, message):
    with pytest.raises(GoldError, match=message) as err:
        gold(tmp_path, rows)
    assert "gold.tsv:2" in str(err.value)


def test_bad_header(tmp_path):
    (tmp_path / "g.tsv").write_text("subject\trelation\tobject\nPutin\tleader_of\tRussia\n", encoding="utf-8")
    with pytest.raises(GoldError, match="header lacks article"):
        load_gold(tmp_path / "g.tsv")


def test_normalize():
    assert normalize("The  Kremlin") == "kremlin"
    assert normalize("Dunkin\u2019 Donuts") == "dunkin' donuts"


# --- the CLI, the way a user runs it -------------------------------------------------------------


@pytest.fixture
def built(tmp_path):
    """An output directory written by kg's writers, and a gold directory for it."""
    graph = dataset({"a1": ([PETROV, CHATHAM, LONDON], [fact(PETROV, "works_for", CHATHAM),
                                                        fact(CHATHAM, "based_in", LONDON, confidence=0.5, start=20)])})
    out = tmp_path / "out"
    write_rdf_files(graph, out)
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "g.tsv").write_text(HEADER + "a1\tNikolai Petrov|Petrov\tworks_for\tChatham House\tas a consultant\n"
                                    "a1\tNikolai Petrov\tlives_in\tLondon\t\n", encoding="utf-8")
    return gold_dir, out


def test_cli_table(built):
    gold_dir, out = built
    proc = run_kg("eval", str(gold_dir), str(out))
    text = proc.stdout.decode()
    lines = text.splitlines()
    assert lines[0].split() == ["relation", "gold", "pred", "tp", "fp", "fn", "P", "R", "F1"]
    assert "works_for        1     1    1    0    0  1.000  1.000  1.000" in lines
    assert "overall          2     2    1    1    1  0.500  0.500  0.500" in lines
    assert "missed (1):" in lines and "  [a1] Nikolai Petrov lives_in London" in lines
    assert "false (1):" in lines and "  [a1] Chatham House based_in London  (test.v1 0.50)" in lines
    assert '      "sentence 20 of a1"' in lines


def test_cli_json_min_confidence_and_fail_under(built):
    gold_dir, out = built
    proc = run_kg("eval", str(gold_dir), str(out / "graph.trig"), "--format", "json", "--min-confidence", "0.6")
    data = json.loads(proc.stdout)
    assert data["overall"]["precision"] == 1.0 and data["overall"]["recall"] == 0.5
    assert data["missed"][0]["relation"] == "lives_in"
    assert run_kg("eval", str(gold_dir), str(out), "--fail-under", "0.5").returncode == 0
    failed = run_kg("eval", str(gold_dir), str(out), "--fail-under", "0.6", "--no-show-errors", check=False)
    assert failed.returncode == 1
    assert "missed" not in failed.stdout.decode()
    assert failed.stderr.decode().strip() == "error: F1 0.500 is below 0.6"


def test_cli_bad_input_is_one_line(built, tmp_path):
    gold_dir, out = built
    missing = run_kg("eval", str(tmp_path / "nope.tsv"), str(out), check=False)
    assert missing.returncode == 1
    assert missing.stderr.decode().strip() == f"error: {tmp_path / 'nope.tsv'}: no such file or directory"
    no_graph = run_kg("eval", str(gold_dir), str(tmp_path), check=False)
    assert no_graph.returncode == 1 and no_graph.stderr.decode().count("\n") == 1
    bad_rel = run_kg("eval", str(gold_dir), str(out), "--relations", "rules", check=False)
    assert bad_rel.returncode == 1 and "unknown relation rules" in bad_rel.stderr.decode()


def test_comment_lines_are_ignored_and_absent_articles_reported(tmp_path):
    g = gold(tmp_path, "# not gold: Putin leader_of Ukraine\na1\tPutin\tleader_of\tRussia\t\na9\tX\theads\tY\t\n")
    assert [f.article for f in g.facts] == ["a1", "a9"]
    graph = dataset({"a1": ([PUTIN, RUSSIA], [fact(PUTIN, "leader_of", RUSSIA)])})
    result = evaluate(g, graph)
    assert result.absent_articles == ["a9"]
    assert (result.overall.tp, result.overall.fn) == (1, 1)
    from kg.use.evaluate import format_table

    assert "warning: article a9 is not in the graph; all its gold facts are missed" in format_table(result)


# --- the ANNOTATION.md format (six or seven columns, no header) -------------------------------------


def annotation_gold(tmp_path, rows: str):
    path = tmp_path / "annotated.tsv"
    path.write_text(rows, encoding="utf-8")
    return load_gold(path)


def test_annotation_format_reads_kind_status_and_article(tmp_path):
    g = annotation_gold(tmp_path, "a1\tVladimir Putin|Putin\tleader_of\tRussia\tcore\tPresident Vladimir Putin\tcurrent\n"
                                  "a1\tNikolai Petrov\tcited_by\tARTICLE\tcore\tsaid Nikolai Petrov\t-\n"
                                  "a1\tNikolai Petrov\tlives_in\tLondon\toptional\tPetrov in London\n")
    by_relation = {f.relation: f for f in g.facts}
    assert by_relation["leader_of"].status == "current" and not by_relation["leader_of"].optional
    assert by_relation["cited_by"].object == ("@article",) and by_relation["cited_by"].is_named_source
    assert by_relation["lives_in"].optional and by_relation["lives_in"].status == ""
    assert "reported_from" not in g.relations  # ANNOTATION.md does not annotate it: never scored as false


def test_optional_gold_is_neither_required_nor_false(tmp_path):
    graph = dataset({"a1": ([PUTIN, RUSSIA, PETROV, LONDON],
                            [fact(PUTIN, "leader_of", RUSSIA), fact(PETROV, "lives_in", LONDON, start=20)])})
    g = annotation_gold(tmp_path, "a1\tPutin\tleader_of\tRussia\tcore\tPutin\tcurrent\n"
                                  "a1\tNikolai Petrov\tlives_in\tLondon\toptional\tPetrov\t-\n"
                                  "a1\tNikolai Petrov\tcited_by\tARTICLE\toptional\tPetrov\t-\n")
    result = evaluate(g, graph)
    assert (result.overall.tp, result.overall.fp, result.overall.fn, result.overall.optional) == (1, 0, 0, 1)
    assert [p.relation for p in result.optional] == ["lives_in"]


def test_named_sources_are_scored_apart_from_relations(tmp_path):
    graph = dataset({"a1": ([PUTIN, RUSSIA, PETROV],
                            [fact(PUTIN, "leader_of", RUSSIA), fact(PETROV, "cited_by", ("article", "a1"), start=30)])})
    g = annotation_gold(tmp_path, "a1\tPutin\tleader_of\tUkraine\tcore\tPutin\tcurrent\n"
                                  "a1\tNikolai Petrov\tcited_by\tARTICLE\tcore\tsaid Petrov\t-\n")
    result = evaluate(g, graph)
    sources, relations = result.slices["named sources"], result.slices["relations"]
    assert (sources.tp, sources.fp, sources.fn) == (1, 0, 0)
    assert (relations.tp, relations.fp, relations.fn) == (0, 1, 1)


def test_annotation_format_rejects_a_bad_kind_or_status(tmp_path):
    with pytest.raises(GoldError, match="status 'past'"):
        annotation_gold(tmp_path, "a1\tPutin\tleader_of\tRussia\tcore\tPutin\tpast\n")
    with pytest.raises(GoldError, match="columns"):
        annotation_gold(tmp_path, "a1\tPutin\tleader_of\tRussia\tcore\tPutin\n" "a1\tPutin\tleader_of\n")


def test_status_accuracy_on_matched_role_facts(tmp_path):
    from kg.model import Period

    chatham = fact(PETROV, "heads", CHATHAM, start=20)
    graph = dataset({"a1": ([PUTIN, RUSSIA, PETROV, CHATHAM, UKRAINE],
                            [fact(PUTIN, "leader_of", RUSSIA),  # no status: read as current
                             Fact(chatham.subject, "heads", chatham.object, chatham.evidence, Period("former")),
                             fact(PETROV, "citizen_of", RUSSIA, start=40)])})
    g = annotation_gold(tmp_path, "a1\tPutin\tleader_of\tRussia\tcore\tPutin\tcurrent\n"
                                  "a1\tNikolai Petrov\theads\tChatham House\toptional\tformer head\tcurrent\n"
                                  "a1\tNikolai Petrov\tcitizen_of\tRussia\tcore\tRussian\t-\n"
                                  "a1\tPutin\tleader_of\tUkraine\tcore\tmissed\tformer\n")
    status = evaluate(g, graph).status_accuracy()
    assert status == {"scored": 2, "right": 1, "accuracy": 0.5,
                      "gold_by_predicted": {"current": {"current": 1, "former": 1}}}


def test_status_accuracy_in_the_cli_report(tmp_path):
    graph = dataset({"a1": ([PUTIN, RUSSIA], [fact(PUTIN, "leader_of", RUSSIA)])})
    out = tmp_path / "out"
    write_rdf_files(graph, out)
    (tmp_path / "g.tsv").write_text("a1\tPutin\tleader_of\tRussia\tcore\tPutin\tformer\n", encoding="utf-8")
    proc = run_kg("eval", str(tmp_path / "g.tsv"), str(out))
    assert "status of matched role facts: 0/1 right (accuracy 0.000" in proc.stdout.decode()
    proc = run_kg("eval", str(tmp_path / "g.tsv"), str(out), "--format", "json")
    assert json.loads(proc.stdout)["status"]["gold_by_predicted"] == {"former": {"current": 1}}


def test_each_rule_gets_its_measured_precision(tmp_path):
    """kg eval counts right and false facts per extractor: the precision the rule table quotes."""
    graph = dataset({"a1": ([PUTIN, RUSSIA, UKRAINE, PETROV, CHATHAM], [
        fact(PUTIN, "leader_of", RUSSIA, rule="title_modifier.v2"),
        fact(PUTIN, "leader_of", UKRAINE, rule="title_modifier.v2", start=20),
        fact(PETROV, "works_for", CHATHAM, rule="title_appositive.v2", start=40),
    ])})
    result = evaluate(gold(tmp_path, "a1\tPutin\tleader_of\tRussia\t\na1\tNikolai Petrov\tworks_for\tChatham House\t\n"), graph)
    assert {name: (s.tp, s.fp) for name, s in result.rules.items()} == {
        "title_appositive.v2": (1, 0), "title_modifier.v2": (1, 1)}
    graph_dir = tmp_path / "out"
    graph_dir.mkdir()
    write_rdf_files(graph, graph_dir)
    (tmp_path / "g.tsv").write_text(HEADER + "a1\tPutin\tleader_of\tRussia\t\n", encoding="utf-8")
    table = run_kg("eval", str(tmp_path / "g.tsv"), str(graph_dir), "--no-show-errors").stdout.decode()
    assert "title_modifier.v2" in table and "0.500" in table
    report = json.loads(run_kg("eval", str(tmp_path / "g.tsv"), str(graph_dir), "--format", "json").stdout)
    assert report["rules"]["title_modifier.v2"]["precision"] == 0.5


def test_which_gold_fact_a_shared_prediction_matches_is_the_same_in_every_process():
    """Two gold facts ("Donald Trump" and "Eric Trump" cited) both match one predicted "Trump": the
    score is one either way, and the one listed as missed must not change with Python's hash seed."""
    import subprocess
    import sys

    script = (
        "from kg.use.evaluate import GoldFact, Prediction, _one_to_one\n"
        "golds = [GoldFact('a', (n, 'Trump'), 'cited_by', ('@article',)) for n in ('Donald Trump', 'Eric Trump')]\n"
        "pred = Prediction('a', 's', 'cited_by', 'o', frozenset({'trump'}), frozenset({'a'}), 'Trump', 'a', 0.9, '', 'r')\n"
        "print(_one_to_one(golds, [pred]))\n"
    )
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert len(outputs) == 1 and outputs.pop().strip() in {"[(0, 0)]", "[(1, 0)]"}
