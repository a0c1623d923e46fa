"""A property graph for Neo4j (and other Cypher databases): CSV files plus the scripts that load them.

Layout of the output directory::

    nodes/<Class>.csv                       iri:ID,name,aliases:string[],mentionCount:int,articleCount:int,url,:LABEL
    nodes/Quote.csv                         iri:ID,text,kind,cue,addressee,article,articleTitle,charStart:int,
                                            charEnd:int,confidence:float,rule,:LABEL
    relationships/<TYPE>-<From>-<To>.csv    :START_ID,:END_ID,:TYPE,confidence:float,sentence,article,
                                            articleTitle,charStart:int,charEnd:int,rule,assertion,
                                            asOf,status,validFrom,validUntil
    relationships/SAID-<From>-Quote.csv     :START_ID,:END_ID,:TYPE   (speaker -> quote)
    relationships/ABOUT-Quote-<To>.csv      :START_ID,:END_ID,:TYPE   (quote -> entity it names)
    import.sh       neo4j-admin database import full ... (the headers above are its format)
    load.cypher     the same load with LOAD CSV, for a running Neo4j (files in its import/ folder)
    ladybug.cypher  the same load for LadybugDB / Kuzu (typed node and relationship tables)

Nodes are labelled by class and superclasses (``Country;Place``), relationships typed by
relation in upper case (``LEADER_OF``), one relationship per fact occurrence with its
provenance (evidence sentence, article, character span, rule, confidence) and time (``asOf``,
the article's date; ``status``; ``validFrom``/``validUntil``, stated years) as properties. Dates
are ISO strings (a day, a month or a year: Neo4j's date type needs a full day).
Relationship files are split by the classes at both ends so that databases with typed
tables (Kuzu, LadybugDB) can load each file with a single ``COPY``.
"""

from __future__ import annotations

import shlex
from collections import defaultdict
from pathlib import Path

from rdflib import Dataset

from kg.output.export.csv import write_table
from kg.output.export.rows import entity_rows, fact_rows, iter_labels, quote_rows
from kg.output.files import atomic_write
from kg.vocab import Cls

NODE_HEADER = ["iri:ID", "name", "aliases:string[]", "mentionCount:int", "articleCount:int", "url", ":LABEL"]
REL_HEADER = [":START_ID", ":END_ID", ":TYPE", "confidence:float", "sentence", "article", "articleTitle",
              "charStart:int", "charEnd:int", "rule", "assertion", "asOf", "status", "validFrom", "validUntil"]
QUOTE = Cls.Quote
QUOTE_HEADER = ["iri:ID", "text", "kind", "cue", "addressee", "article", "articleTitle", "charStart:int", "charEnd:int",
                "confidence:float", "rule", ":LABEL"]
LINK_HEADER = [":START_ID", ":END_ID", ":TYPE"]
# Relationship types between quotes and entities: they carry no provenance of their own.
QUOTE_LINKS = ("SAID", "ABOUT")
ARRAY_DELIMITER = ";"
DATABASE = "neo4j"


def rel_type(relation: str) -> str:
    return relation.upper()


def write(dataset: Dataset, out_dir: Path) -> list[Path]:
    """Write the CSV files and the three load scripts into ``out_dir``; returns the paths written."""
    facts = fact_rows(dataset)
    entities = entity_rows(dataset, facts)
    cls_of = {e.iri: e.cls for e in entities}
    nodes = defaultdict(list)
    for e in entities:
        aliases = ARRAY_DELIMITER.join(a.replace(ARRAY_DELIMITER, ",") for a in e.aliases)
        labels = ARRAY_DELIMITER.join(iter_labels(e))
        nodes[e.cls].append([e.iri, e.name, aliases, e.mention_count, e.article_count, e.url, labels])
    rels = defaultdict(list)
    for f in facts:
        key = (rel_type(f.relation), cls_of[f.subject], cls_of[f.object])
        rels[key].append([f.subject, f.object, key[0], f.confidence, f.sentence, f.article, f.article_title,
                          f.char_start, f.char_end, f.rule, f.assertion, f.as_of, f.status, f.valid_from, f.valid_until])
    quotes = quote_rows(dataset)
    if quotes:
        nodes[QUOTE] = [[q.quote, q.text, q.kind, q.cue, q.addressee, q.article, q.article_title, q.char_start,
                         q.char_end, q.confidence, q.rule, QUOTE] for q in quotes]
    for q in quotes:
        if q.speaker in cls_of:
            rels[("SAID", cls_of[q.speaker], QUOTE)].append([q.speaker, q.quote, "SAID"])
        for entity in q.about:
            if entity in cls_of:
                rels[("ABOUT", QUOTE, cls_of[entity])].append([q.quote, entity, "ABOUT"])
    written = []
    labels_of = {e.cls: list(iter_labels(e)) for e in entities}
    labels_of[QUOTE] = [QUOTE]
    for cls, rows in sorted(nodes.items()):
        path = out_dir / "nodes" / f"{cls}.csv"
        write_table(path, QUOTE_HEADER if cls == QUOTE else NODE_HEADER, rows)
        written.append(path)
    for (rtype, start, end), rows in sorted(rels.items()):
        path = out_dir / "relationships" / f"{rtype}-{start}-{end}.csv"
        write_table(path, LINK_HEADER if rtype in QUOTE_LINKS else REL_HEADER, rows)
        written.append(path)
    node_files = {cls: f"nodes/{cls}.csv" for cls in sorted(nodes)}
    rel_files = {key: f"relationships/{key[0]}-{key[1]}-{key[2]}.csv" for key in sorted(rels)}
    scripts = {
        "import.sh": _import_sh(node_files, rel_files),
        "load.cypher": _load_cypher(node_files, rel_files, labels_of),
        "ladybug.cypher": _ladybug_cypher(node_files, rel_files),
    }
    for name, text in scripts.items():
        atomic_write(out_dir / name, lambda tmp, text=text: tmp.write_text(text, encoding="utf-8"))
        written.append(out_dir / name)
    return written


def _import_sh(node_files: dict, rel_files: dict) -> str:
    lines = [
        "#!/bin/sh",
        "# Offline bulk import into an empty Neo4j database (Neo4j 5): run from this directory.",
        "# Then start Neo4j and: MATCH (p:Person)-[:LEADER_OF]->(c) RETURN p.name, c.name",
        "set -e",
        'cd "$(dirname "$0")"',
        # Evidence sentences may hold line breaks (quoted in the CSV): --multiline-fields.
        "neo4j-admin database import full --overwrite-destination --multiline-fields=true "
        f"--array-delimiter={shlex.quote(ARRAY_DELIMITER)} \\",
    ]
    lines += [f"  --nodes={shlex.quote(path)} \\" for path in node_files.values()]
    lines += [f"  --relationships={shlex.quote(path)} \\" for path in rel_files.values()]
    lines.append(f"  {DATABASE}")
    return "\n".join(lines) + "\n"


def _props(names: list[tuple[str, str]]) -> str:
    return ", ".join(f"{prop}: {expr}" for prop, expr in names)


NODE_PROPS = [
    ("iri", "row.`iri:ID`"),
    ("name", "row.name"),
    ("aliases", "CASE WHEN row.`aliases:string[]` IS NULL THEN [] ELSE split(row.`aliases:string[]`, ';') END"),
    ("mentionCount", "toInteger(row.`mentionCount:int`)"),
    ("articleCount", "toInteger(row.`articleCount:int`)"),
    ("url", "row.url"),
]
REL_PROPS = [
    ("confidence", "toFloat(row.`confidence:float`)"),
    ("sentence", "row.sentence"),
    ("article", "row.article"),
    ("articleTitle", "row.articleTitle"),
    ("charStart", "toInteger(row.`charStart:int`)"),
    ("charEnd", "toInteger(row.`charEnd:int`)"),
    ("rule", "row.rule"),
    ("assertion", "row.assertion"),
    ("asOf", "row.asOf"),
    ("status", "row.status"),
    ("validFrom", "row.validFrom"),
    ("validUntil", "row.validUntil"),
]

QUOTE_PROPS = [
    ("iri", "row.`iri:ID`"),
    ("text", "row.text"),
    ("kind", "row.kind"),
    ("cue", "row.cue"),
    ("addressee", "row.addressee"),
    ("article", "row.article"),
    ("articleTitle", "row.articleTitle"),
    ("charStart", "toInteger(row.`charStart:int`)"),
    ("charEnd", "toInteger(row.`charEnd:int`)"),
    ("confidence", "toFloat(row.`confidence:float`)"),
    ("rule", "row.rule"),
]


def _load_cypher(node_files: dict, rel_files: dict, labels_of: dict) -> str:
    """Neo4j LOAD CSV statements; copy nodes/ and relationships/ into Neo4j's import folder first."""
    out = [
        "// Load this export into a running Neo4j 5 with LOAD CSV (e.g. cypher-shell -f load.cypher).",
        "// Copy the nodes/ and relationships/ folders into Neo4j's import directory first.",
    ]
    for cls in node_files:
        out.append(f"CREATE CONSTRAINT {cls.lower()}_iri IF NOT EXISTS FOR (n:{cls}) REQUIRE n.iri IS UNIQUE;")
    for cls, path in node_files.items():
        labels = ":".join(labels_of[cls])
        props = QUOTE_PROPS if cls == QUOTE else NODE_PROPS
        out.append(f"LOAD CSV WITH HEADERS FROM 'file:///{path}' AS row\nCREATE (n:{labels} {{{_props(props)}}});")
    for (rtype, start, end), path in rel_files.items():
        props = f" {{{_props(REL_PROPS)}}}" if rtype not in QUOTE_LINKS else ""
        out.append(
            f"LOAD CSV WITH HEADERS FROM 'file:///{path}' AS row\n"
            f"MATCH (a:{start} {{iri: row.`:START_ID`}}), (b:{end} {{iri: row.`:END_ID`}})\n"
            f"CREATE (a)-[:{rtype}{props}]->(b);"
        )
    return "\n".join(out) + "\n"


# Kuzu and LadybugDB read ``name:type`` CSV headers with their own type names, so the
# columns are declared explicitly (LOAD WITH HEADERS) instead of taken from the header.
NODE_COLUMNS = ("iri STRING, name STRING, aliases STRING, mentionCount INT64, articleCount INT64, url STRING, "
                "labels STRING")
# The dialect is stated: Kuzu's sniffer looks at the first rows only and, when none is
# quoted, reads a later quoted name with a comma as several fields. Evidence sentences may
# hold newlines, which Kuzu's parallel CSV reader refuses.
CSV_OPTIONS = """(header=true, auto_detect=false, delim=',', quote='"', escape='"', parallel=false)"""
REL_COLUMNS = ("startId STRING, endId STRING, relType STRING, confidence DOUBLE, sentence STRING, article STRING, "
               "articleTitle STRING, charStart INT64, charEnd INT64, rule STRING, assertion STRING, asOf STRING, "
               "status STRING, validFrom STRING, validUntil STRING")

QUOTE_TABLE = ("iri STRING PRIMARY KEY, text STRING, kind STRING, cue STRING, addressee STRING, article STRING, "
               "articleTitle STRING, charStart INT64, charEnd INT64, confidence DOUBLE, rule STRING")
QUOTE_COLUMNS = ("iri STRING, text STRING, kind STRING, cue STRING, addressee STRING, article STRING, "
                 "articleTitle STRING, charStart INT64, charEnd INT64, confidence DOUBLE, rule STRING, labels STRING")
LINK_COLUMNS = "startId STRING, endId STRING, relType STRING"


def _ladybug_cypher(node_files: dict, rel_files: dict) -> str:
    """LadybugDB / Kuzu: one node table per class, one relationship table per type; run from this directory."""
    out = [
        "// Load this export into LadybugDB or Kuzu (embedded Cypher databases); run with this directory as",
        "// the working directory, e.g. in Python: for s in open('ladybug.cypher').read().split(';\\n'): conn.execute(s)",
    ]
    for cls in node_files:
        if cls == QUOTE:
            out.append(f"CREATE NODE TABLE {QUOTE}({QUOTE_TABLE});")
            continue
        out.append(
            f"CREATE NODE TABLE {cls}(iri STRING PRIMARY KEY, name STRING, aliases STRING[], "
            "mentionCount INT64, articleCount INT64, url STRING);"
        )
    pairs = defaultdict(list)
    for rtype, start, end in rel_files:
        pairs[rtype].append(f"FROM {start} TO {end}")
    for rtype, ends in pairs.items():
        if rtype in QUOTE_LINKS:
            out.append(f"CREATE REL TABLE {rtype}({', '.join(ends)});")
            continue
        out.append(
            f"CREATE REL TABLE {rtype}({', '.join(ends)}, confidence DOUBLE, sentence STRING, article STRING, "
            "articleTitle STRING, charStart INT64, charEnd INT64, rule STRING, assertion STRING, asOf STRING, "
            "status STRING, validFrom STRING, validUntil STRING);"
        )
    for cls, path in node_files.items():
        if cls == QUOTE:
            out.append(f"COPY {QUOTE} FROM (LOAD WITH HEADERS ({QUOTE_COLUMNS}) FROM '{path}' {CSV_OPTIONS}\n"
                       "RETURN iri, text, kind, cue, addressee, article, articleTitle, charStart, charEnd, confidence, rule);")
            continue
        out.append(
            f"COPY {cls} FROM (LOAD WITH HEADERS ({NODE_COLUMNS}) FROM '{path}' {CSV_OPTIONS}\n"
            "RETURN iri, name, CASE WHEN aliases IS NULL THEN CAST([] AS STRING[]) ELSE string_split(aliases, ';') END, "
            "mentionCount, articleCount, url);"
        )
    for (rtype, start, end), path in rel_files.items():
        if rtype in QUOTE_LINKS:
            out.append(f"COPY {rtype} FROM (LOAD WITH HEADERS ({LINK_COLUMNS}) FROM '{path}' {CSV_OPTIONS}\n"
                       f"RETURN startId, endId) (from='{start}', to='{end}');")
            continue
        out.append(
            f"COPY {rtype} FROM (LOAD WITH HEADERS ({REL_COLUMNS}) FROM '{path}' {CSV_OPTIONS}\n"
            "RETURN startId, endId, confidence, sentence, article, articleTitle, charStart, charEnd, rule, assertion, "
            "asOf, status, validFrom, validUntil)"
            f" (from='{start}', to='{end}');"
        )
    return "\n".join(out) + "\n"
