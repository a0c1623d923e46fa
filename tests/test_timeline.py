"""The merged view over time: kg:Fact per fact, the as-of queries on both engines, report.json checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset

from conftest import ROOT, run_kg
from kg.graph.namespace import KG
from kg.graph.timeline import Timeline, overlaps, union
from kg.model import Period
from kg.nlp.holders import OfficeHolders, Term, load_office_holders

QUERIES = ROOT / "ontology" / "queries"
US = ("place", "United States")
OBAMA, TRUMP = ("person", "Barack Obama"), ("person", "Donald Trump")

# A hand-made corpus: Obama as president 2013-2016 and, in a 2019 article, loosely ("US President Barack
# Obama was criticised for the deal he made": the list ended his term in 2017, so a former role); former in
# 2018; Trump president in the list (2017-2021); George W. Bush current in 2005 and named with his old title
# in 2018 (the allsides case that put him beside Obama in 2014); Hillary Clinton, whom the list does not know,
# called president in 2019; "President Obama" (surname only, joined to Barack Obama) in 2014 and 2015.
ARTICLES = [
    {"id": "a2005", "date": "2005-03-01", "text": "US President George W. Bush met the press on Monday."},
    {"id": "a2013", "date": "2013-05-02", "text": "US President Barack Obama met the press on Thursday."},
    {"id": "a2014", "date": "2014-02-01", "text": "US President Obama spoke in Ohio."},
    {"id": "a2015", "date": "March 10, 2015", "text": "US President Barack Obama signed the bill on Tuesday."},
    {"id": "a2015b", "date": "2015-09-09", "text": "US President Obama spoke in Iowa."},
    {"id": "a2016", "date": "2016-07-01", "text": "US President Barack Obama campaigned in Ohio."},
    {"id": "a2018", "date": "2018-04-05", "text": "Former US President Barack Obama spoke in Chicago. US President Donald Trump "
     "tweeted. The act was signed into law by President George W. Bush shortly after the 9/11 attacks to help the U.S. "
     "intercept and fight terrorism."},
    {"id": "a2019", "date": "2019-08-02", "text": "US President Donald Trump met reporters. US President Barack Obama was "
     "criticised for the deal. US President Hillary Clinton spoke."},
    {"id": "a2020", "date": "12/1", "text": "Russian President Donald Trump spoke in Iowa."},
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("timeline")
    corpus = root / "asof.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    run_kg("build", str(corpus), "-o", str(root / "out"))
    return root / "out"


def as_of(out: Path, date: str, engine: str, country: str = "United States") -> list[str]:
    text = (QUERIES / "leader-as-of.rq").read_text(encoding="utf-8")
    text = text.replace('("United States" "2019-08-02")', f'("{country}" "{date}")')
    query = out.parent / f"q-{date}.rq"
    query.write_text(text, encoding="utf-8")
    proc = run_kg("query", str(out), "--file", str(query), "--format", "csv", "--engine", engine)
    return [line.split(",")[0] for line in proc.stdout.decode().splitlines()[1:]]


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_leader_as_of_a_date(built, engine):
    # the list's terms outrank the 2018 "President George W. Bush" read as current (now former)
    assert as_of(built, "2014-06-01", engine) == ["Barack Obama"]
    # the list's term for Trump outranks the 2019 observation of "President Hillary Clinton"
    assert as_of(built, "2019-08-02", engine) == ["Donald Trump"]
    assert as_of(built, "2008-01-01", engine) == ["George W. Bush"]
    assert as_of(built, "2000-01-01", engine) == []


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_current_roles_as_of_the_newest_article(built, engine):
    def roles(person: str) -> list[str]:
        text = (QUERIES / "current-roles.rq").read_text(encoding="utf-8").replace('"Donald Trump"', f'"{person}"')
        query = built.parent / "roles.rq"
        query.write_text(text, encoding="utf-8")
        proc = run_kg("query", str(built), "--file", str(query), "--format", "csv", "--engine", engine)
        return [",".join(line.split(",")[:2]) for line in proc.stdout.decode().splitlines()[1:]]

    assert roles("Donald Trump") == ["leader_of,United States"]
    assert roles("Barack Obama") == []


def test_each_fact_once_with_its_dates(built):
    data = Dataset()
    data.parse(built / "graph.trig", format="trig")
    rows = {(str(r.s), str(r.first), str(r.last), str(r.firstCurrent), str(r.lastCurrent), int(r.n)) for r in data.query(
        """SELECT ?s ?first ?last ?firstCurrent ?lastCurrent ?n WHERE {
             ?f a kg:Fact ; rdf:subject ?p ; rdf:predicate kg:leader_of ; rdf:object ?c ; kg:observations ?n ;
                kg:firstObserved ?first ; kg:lastObserved ?last ; kg:firstCurrent ?firstCurrent ; kg:lastCurrent ?lastCurrent .
             ?p rdfs:label ?s }""", initNs={"kg": KG._NS})}
    assert rows == {
        # the 2019 "US President Barack Obama" is a former role (the list ended his term in 2017)
        # with the surname-only "President Obama" of 2014 and 2015, which resolution across articles joins to him
        ("Barack Obama", "2013-05-02", "2019-08-02", "2013-05-02", "2016-07-01", 7),
        ("Donald Trump", "2018-04-05", "2019-08-02", "2018-04-05", "2019-08-02", 2),
        ("George W. Bush", "2005-03-01", "2018-04-05", "2005-03-01", "2005-03-01", 2),
        ("Hillary Clinton", "2019-08-02", "2019-08-02", "2019-08-02", "2019-08-02", 1),
    }


def test_report_logs_the_dropped_fact_and_the_undated_article(built):
    report = json.loads((built / "report.json").read_text(encoding="utf-8"))
    assert report["dropped_facts"] == [
        "a2020: dropped Donald Trump leader_of Russia (title_modifier.v4): the office holders list has "
        "Donald Trump in office in United States only"
    ]
    assert any("date '12/1' has no year" in w for w in report["warnings"])
    # Hillary Clinton (not in the list) observed as current in 2019, when the list has Trump in office: flagged
    assert [o["facts"] for o in report["leader_overlaps"]] == [
        ["Donald Trump leader_of United States", "Hillary Clinton leader_of United States"],
    ]


def test_build_validates(built):
    assert run_kg("validate", str(built)).returncode == 0


def test_union_of_intervals():
    assert union({("2010", "2014"), ("2012", "2016"), ("2019", None)}) == [("2010", "2016"), ("2019", None)]
    assert union({(None, "2004"), ("2003", "2005")}) == [(None, "2005")]
    assert union(set()) == []


def test_a_listed_leader_gets_the_list_term():
    timeline = Timeline()
    timeline.add(TRUMP, "leader_of", US, "2018-01-01", Period())
    timeline.add(TRUMP, "leader_of", ("place", "Russia"), "2018-01-01", Period())
    holders = load_office_holders()
    assert timeline.intervals((TRUMP, "leader_of", US), holders) == [(("2017", "2021"), "office_holders.tsv")]
    # a misread year cue ("... until 2016") does not end a term the list knows
    timeline.add(TRUMP, "leader_of", US, "2019-01-01", Period("former", None, "2016"))
    assert timeline.intervals((TRUMP, "leader_of", US), holders) == [(("2017", "2021"), "office_holders.tsv")]
    # no list term for Trump in Russia: nothing to give
    assert timeline.intervals((TRUMP, "leader_of", ("place", "Russia")), holders) == []


def test_an_unlisted_leader_keeps_the_stated_interval():
    timeline = Timeline()
    holders = load_office_holders()
    mayor = ("person", "Dana Reyes")
    timeline.add(mayor, "leader_of", US, "2015-01-01", Period("former", "2009", "2012"))
    assert timeline.intervals((mayor, "leader_of", US), holders) == [(("2009", "2012"), None)]


def test_overlap_needs_the_list_to_disagree():
    holders = OfficeHolders([Term("Utopia", "President of Utopia", "Ann Lee", ("Lee",), 2010, 2015),
                             Term("Utopia", "Prime Minister of Utopia", "Bo Chen", ("Chen",), 2012, None)])
    timeline = Timeline()
    for person in ("Ann Lee", "Bo Chen", "Cy Young"):
        timeline.add(("person", person), "leader_of", ("place", "Utopia"), "2013-03-03", Period())
    flagged = overlaps(timeline, holders)
    assert [f["facts"] for f in flagged] == [
        ["Ann Lee leader_of Utopia", "Cy Young leader_of Utopia"],
        ["Bo Chen leader_of Utopia", "Cy Young leader_of Utopia"],
    ]
    assert flagged[0]["office_holders_then"] == ["Ann Lee", "Bo Chen"]


def test_office_holders_file_is_well_formed():
    holders = load_office_holders()
    assert holders.terms("Donald Trump", "United States") == ((2017, 2021),)
    assert holders.terms("Trump", "United States") == ()  # a bare surname is not enough
    assert holders.covers("Russia") and not holders.covers("Atlantis")
    assert all(t.end is None or t.end >= t.start for t in holders.rows)
    header = (ROOT / "kg" / "nlp" / "lexicons" / "office_holders.tsv").read_text(encoding="utf-8").split("\ncountry\t")[0]
    for needed in ("every-politician-scrapers/world-leaders-2021", "CC0", "Generated by scripts/office_holders.py"):
        assert needed in header
    history = ROOT / "kg" / "nlp" / "lexicons" / "office_holders_history.tsv"
    header = history.read_text(encoding="utf-8").split("\ncountry\t")[0]
    for needed in ("chinapedia/wikipedia.abstract.en", "CC BY-SA 3.0", "Generated by scripts/office_holders_history.py"):
        assert needed in header
    assert history.stat().st_size < 300_000


@pytest.mark.parametrize(
    "person, country, terms",
    [
        # the historical list (Wikipedia, 1951 to mid-2019) before the 2021-2022 one (Wikidata)
        ("George W. Bush", "United States", ((2001, 2009),)),
        ("George H.W. Bush", "United States", ((1989, 1993),)),  # initials joined: "George H. W. Bush"
        ("George Bush", "United States", ()),  # both Bushes: no short form for either
        ("Lyndon Johnson", "United States", ((1963, 1969),)),  # "Lyndon B. Johnson" without the initial
        ("Ronald Reagan", "United States", ((1981, 1989),)),
        ("Margaret Thatcher", "United Kingdom", ((1979, 1990),)),
        ("Barack Obama", "United States", ((2009, 2017),)),
        ("Donald Trump", "United States", ((2017, 2021),)),  # "present" in 2019, merged with Wikidata's 2021
        ("Tony Blair", "United Kingdom", ((1997, 2007),)),
        ("Theresa May", "United Kingdom", ((2016, 2019),)),
        ("Dmitry Medvedev", "Russia", ((2008, 2019),)),  # president, then prime minister
        ("Shinzo Abe", "Japan", ((2006, 2007), (2012, 2019))),  # accents dropped: "Shinzō Abe"
        ("Hillary Clinton", "United States", ()),
        ("Bill Clinton", "Russia", ()),
    ],
)
def test_office_holders_reach_back_to_2001(person, country, terms):
    assert load_office_holders().terms(person, country) == terms


# --- exports carry the dates -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exports(built):
    paths = {"csv": built.parent / "tables", "neo4j": built.parent / "neo4j", "graphml": built.parent / "g.graphml"}
    for fmt, path in paths.items():
        run_kg("export", str(built), "--to", fmt, "-o", str(path))
    return paths


def test_csv_facts_have_date_and_status_columns(exports):
    import csv

    with (exports["csv"] / "facts.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["relation"] == "leader_of" and r["subject_name"] == "Barack Obama"]
    assert sorted((r["as_of"], r["status"]) for r in rows) == [
        ("2013-05-02", ""), ("2014-02-01", ""), ("2015-03-10", ""), ("2015-09-09", ""), ("2016-07-01", ""),
        ("2018-04-05", "former"), ("2019-08-02", "former")]


def test_neo4j_relationships_carry_dates(exports, tmp_path, monkeypatch):
    import csv

    ladybug = pytest.importorskip("ladybug")
    with (exports["neo4j"] / "relationships" / "LEADER_OF-Person-Country.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[-4:] == ["asOf", "status", "validFrom", "validUntil"]
    monkeypatch.chdir(exports["neo4j"])
    conn = ladybug.Connection(ladybug.Database(str(tmp_path / "db")))
    text = (exports["neo4j"] / "ladybug.cypher").read_text(encoding="utf-8")
    for statement in [s.strip() for s in "\n".join(l for l in text.splitlines() if not l.startswith("//")).split(";\n")]:
        if statement:
            conn.execute(statement)
    result = conn.execute("MATCH (p:Person)-[r:LEADER_OF]->(c) WHERE r.status = 'former' RETURN p.name, r.asOf "
                          "ORDER BY p.name, r.asOf")
    rows = []
    while result.has_next():
        rows.append(result.get_next())
    assert rows == [["Barack Obama", "2018-04-05"], ["Barack Obama", "2019-08-02"], ["George W. Bush", "2018-04-05"]]
    assert "r.asOf" in text or "asOf STRING" in text


def test_graphml_edges_carry_first_and_last_observed(exports):
    import networkx as nx

    graph = nx.read_graphml(exports["graphml"])
    edges = {(graph.nodes[s]["label"], d["relation"]): d for s, _, d in graph.edges(data=True)}
    obama = edges["Barack Obama", "leader_of"]
    assert (obama["first_observed"], obama["last_observed"], obama["status"], obama["former"]) == (
        "2013-05-02", "2019-08-02", "former", 2)


def test_merged_timeline_joins_what_resolution_merges_and_drops_ill_typed_facts():
    """Resolution across articles renames "Obama" to "Barack Obama": one fact over time, its
    observations and dates joined; a fact left ill-typed (a person that turned out a company) goes."""
    from kg.graph.ntriples import well_typed

    obama, yukos_p, yukos_o, houston = ("person", "Obama"), ("person", "Yukos"), ("organization", "Yukos"), ("place", "Houston")
    timeline = Timeline()
    timeline.add(OBAMA, "leader_of", US, "2013-05-02", Period(None, None, None))
    timeline.add(obama, "leader_of", US, "2015-03-10", Period(None, "2009", None))
    timeline.add(obama, "leader_of", US, "2018", Period("former", None, None))
    timeline.add(yukos_p, "lives_in", houston, "2004", Period(None, None, None))
    merged = timeline.merged({obama: OBAMA, yukos_p: yukos_o}, lambda s, r, o: well_typed(r, s[0], o[0]))
    assert list(merged.facts) == [(OBAMA, "leader_of", US)]
    time = merged.facts[(OBAMA, "leader_of", US)]
    assert (time.observations, time.first, time.last) == (3, "2013-05-02", "2018")
    assert (time.first_current, time.last_current, time.intervals) == ("2013-05-02", "2015-03-10", {("2009", None)})
