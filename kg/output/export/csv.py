"""Spreadsheet-ready tables: ``entities.csv``, ``facts.csv`` (one row per fact occurrence, with evidence)
and ``quotes.csv`` (one row per quote: speaker, words, kind, cue, addressee, outlet, article, span)."""

from __future__ import annotations

import csv
from pathlib import Path

from rdflib import Dataset

from kg.output.export.rows import entity_rows, fact_rows, quote_rows
from kg.output.files import atomic_write

ENTITY_COLUMNS = ["iri", "name", "class", "aliases", "mention_count", "article_count"]
FACT_COLUMNS = [
    "subject", "subject_name", "relation", "object", "object_name", "confidence",
    "sentence", "article", "article_title", "url", "char_start", "char_end", "rule", "assertion",
    "as_of", "status", "valid_from", "valid_until",
]

QUOTE_COLUMNS = [
    "speaker", "speaker_name", "kind", "text", "cue", "addressee", "outlet", "outlet_name", "about", "about_names",
    "article", "article_title", "url", "char_start", "char_end", "confidence", "rule", "quote",
]


def write_table(path: Path, header: list[str], rows: list[list]) -> None:
    def write_file(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(["" if cell is None else cell for cell in row] for row in rows)

    atomic_write(path, write_file)


def write(dataset: Dataset, out_dir: Path) -> list[Path]:
    """Write ``entities.csv``, ``facts.csv`` and ``quotes.csv`` into ``out_dir`` (UTF-8, RFC 4180 quoting).

    Several IRIs or names in one cell (``about``) are joined with ``"; "``.
    """
    facts = fact_rows(dataset)
    entities = entity_rows(dataset, facts)
    names = {e.iri: e.name for e in entities}
    out_dir.mkdir(parents=True, exist_ok=True)
    write_table(
        out_dir / "entities.csv",
        ENTITY_COLUMNS,
        [[e.iri, e.name, e.cls, "; ".join(e.aliases), e.mention_count, e.article_count] for e in entities],
    )
    write_table(
        out_dir / "facts.csv",
        FACT_COLUMNS,
        [
            [f.subject, names.get(f.subject, ""), f.relation, f.object, names.get(f.object, ""), f.confidence,
             f.sentence, f.article, f.article_title, f.url, f.char_start, f.char_end, f.rule, f.assertion,
             f.as_of, f.status, f.valid_from, f.valid_until]
            for f in facts
        ],
    )
    write_table(
        out_dir / "quotes.csv",
        QUOTE_COLUMNS,
        [
            [q.speaker, names.get(q.speaker, ""), q.kind, q.text, q.cue, q.addressee, q.outlet, names.get(q.outlet, ""),
             "; ".join(q.about), "; ".join(names.get(a, "") for a in q.about), q.article, q.article_title, q.url,
             q.char_start, q.char_end, q.confidence, q.rule, q.quote]
            for q in quote_rows(dataset)
        ],
    )
    return [out_dir / "entities.csv", out_dir / "facts.csv", out_dir / "quotes.csv"]
