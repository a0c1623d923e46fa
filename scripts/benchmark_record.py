"""Write a benchmark's results to ``benchmarks/NAME.json``, the file the documentation renders.

A results file says what was run, where, when and at which commit, then the numbers as a
table; ``<!-- kg:benchmark NAME -->`` in a page under docs/ shows it (scripts/mkdocs_hooks.py).
A benchmark script calls :func:`record` at its end instead of printing prose for the docs::

    from benchmark_record import record
    record("explorer-bbc", title="graph.html on the BBC build", columns=["--max-nodes", "page ready s"],
           rows=[[300, 0.43], [1000, 0.58]], notes="3 fresh-profile loads each, median.")

Written by hand: a dozen lines of JSON with the machine's facts, for which no library is needed.
"""

from __future__ import annotations

import json
import os
import platform
import shlex
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def machine() -> str:
    """This machine in one line: cores, CPU model, memory and the 1-minute load average now."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        total_kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {total_kib / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    load = f", load {os.getloadavg()[0]:.2f} when recorded" if hasattr(os, "getloadavg") else ""
    return f"{os.cpu_count()} cores ({cpu}){memory}, Python {platform.python_version()}{load}"


def commit() -> str | None:
    """The short commit of the repository, with ``+dirty`` when the tree has uncommitted changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+dirty" if dirty else "")


def record(name: str, *, title: str, columns: list[str], rows: list[list], notes: str = "",
           command: str | None = None, directory: Path = ROOT / "benchmarks") -> Path:
    """Write ``DIRECTORY/NAME.json`` with the command line, machine, UTC date, commit and the table.

    Args:
        name: the file name without ``.json`` (what ``<!-- kg:benchmark NAME -->`` names).
        title: one line saying what was measured.
        columns: the table's header; every row must have as many cells.
        rows: the numbers (ints, floats, strings; ``None`` for an empty cell).
        notes: anything a reader needs to judge the numbers (load, repetitions, caveats).
        command: the command that measured them; default: this process's command line.
    Returns:
        the path written.
    """
    if any(len(row) != len(columns) for row in rows):
        raise ValueError(f"{name}: every row needs {len(columns)} cells")
    data = {
        "title": title,
        "command": command or shlex.join(["python", *sys.argv]),
        "machine": machine(),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit(),
        "notes": notes,
        "columns": columns,
        "rows": rows,
    }
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
