#!/usr/bin/env python3
"""Check a quotes gold file (BRIEF.md, file 2) against its articles.

usage: check_quotes.py QUOTES.tsv ARTICLES.jsonl [ARTICLES.jsonl ...]

Reports rows without 8 columns, unknown kinds, ids missing from the articles, and first/last words not found (in
order, at or after the previous row's start in the same article) in the article's text, with quotation marks,
dashes and whitespace normalised. Exits 1 when anything is reported.
"""
import json
import re
import sys

KINDS = {"direct", "indirect", "according_to"}


def squash(text):
    for a, b in (("\u201c", '"'), ("\u201d", '"'), ("\u2018", "'"), ("\u2019", "'"), ("\u2014", "-"), ("\u2013", "-")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).lower()


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2])
        return 2
    articles = {}
    for path in argv[2:]:
        for line in open(path, encoding="utf-8"):
            if line.strip():
                d = json.loads(line)
                articles[d["id"]] = squash(d.get("text", ""))
    problems, pos = [], {}
    for n, line in enumerate(open(argv[1], encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 8:
            problems.append(f"{n}: {len(cols)} columns, want 8")
            continue
        doc, speaker, kind, cue, addressee, first, last, note = cols
        if kind not in KINDS:
            problems.append(f"{n}: kind {kind!r}")
        if doc not in articles:
            problems.append(f"{n}: unknown doc {doc}")
            continue
        text = articles[doc]
        start = text.find(squash(first).strip(), max(0, pos.get(doc, 0)))
        if start < 0:
            problems.append(f"{n}: first words not found after the previous row: {first!r}")
            continue
        end = text.find(squash(last).strip(), start)
        if end < 0:
            problems.append(f"{n}: last words not found after the first words: {last!r}")
        pos[doc] = start
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
