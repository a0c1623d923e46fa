"""Time the property-graph export of a built graph and its load into LadybugDB.

Usage::

    python scripts/bench_export.py /tmp/bbc-now [--work /tmp/kg-export-bench]

Runs ``kg export GRAPH --to neo4j -o WORK/neo4j`` as a user does (wall time), then loads
its ``ladybug.cypher`` into a fresh LadybugDB database the way the snippet in docs/query.md does
(``//`` comment lines dropped, split on ``;`` + newline, run from the export directory),
and prints the load time, the nodes and relationships the database then holds, and the
LEADER_OF pair with the most relationships (one per fact occurrence).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path


def rows(conn, query: str) -> list[list]:
    result = conn.execute(query)
    found = []
    while result.has_next():
        found.append(result.get_next())
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path, help="output directory of kg build (or an RDF file)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-export-bench"), help="scratch directory (emptied first)")
    args = parser.parse_args(argv)
    import ladybug

    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    out = args.work / "neo4j"
    script = Path(sys.executable).parent / "kg"
    kg = [str(script)] if script.exists() else [sys.executable, "-m", "kg"]
    started = time.perf_counter()
    subprocess.run([*kg, "export", str(args.graph), "--to", "neo4j", "-o", str(out)], check=True)
    print(f"kg export --to neo4j: {time.perf_counter() - started:.1f} s")

    conn = ladybug.Connection(ladybug.Database(str(args.work / "kg.lbdb")))
    os.chdir(out)  # ladybug.cypher names its CSV files relative to the export directory
    started = time.perf_counter()
    for statement in re.sub(r"(?m)^//.*\n", "", Path("ladybug.cypher").read_text(encoding="utf-8")).split(";\n"):
        if statement.strip():
            conn.execute(statement)
    loaded = time.perf_counter() - started
    nodes = rows(conn, "MATCH (n) RETURN count(n)")[0][0]
    relationships = rows(conn, "MATCH ()-[r]->() RETURN count(r)")[0][0]
    print(f"ladybug.cypher: {nodes} nodes and {relationships} relationships loaded in {loaded:.1f} s")
    top = rows(conn, "MATCH (p:Person)-[r:LEADER_OF]->(c) RETURN p.name, c.name, count(r) AS n ORDER BY n DESC, p.name LIMIT 1")
    if top:
        print(f"most frequent LEADER_OF: {top[0][0]} -LEADER_OF-> {top[0][1]} ({top[0][2]} relationships)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
