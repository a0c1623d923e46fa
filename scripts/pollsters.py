"""Write kg/nlp/lexicons/pollsters.tsv from FiveThirtyEight's pollster ratings.

Source: the GitHub repository ``fivethirtyeight/data``, file ``pollster-ratings/pollster-ratings-combined.csv``
(one row per pollster FiveThirtyEight rated, with the number of polls it analysed), read from a local clone
(the ``fetch`` tool's mirror). Licence: Creative Commons Attribution 4.0 International (the repository's
LICENSE); the derived list credits FiveThirtyEight in its header.

Usage::

    python scripts/pollsters.py /work/.mirror/fivethirtyeight+data/repo
    python scripts/pollsters.py REPO --check   # exit 1 if the committed TSV differs
    python scripts/pollsters.py REPO --out pollsters.tsv   # write somewhere else

A partnership ("The New York Times/Siena College") gives each partner its own row; a name in parentheses
("University of Cincinnati (Ohio Poll)") becomes an alias. News outlets are left out (they are in
``outlets.tsv``/``media.txt`` already), and so are names of one word from fewer than ``ONE_WORD_POLLS`` polls
("Wick", "Lucid": too easily another thing), names from fewer than ``MIN_POLLS`` polls and the few rows
``NOT_POLLSTERS`` lists (newspapers, a sports conference). ``SHORT_NAMES``
adds the short names news uses for a few well-known pollsters ("Quinnipiac"); they are typed by hand,
and each is checked to be a name the data has.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
LEXICONS = REPO_ROOT / "kg" / "nlp" / "lexicons"
OUT = LEXICONS / "pollsters.tsv"
SOURCE = "fivethirtyeight/data"
PATH = "pollster-ratings/pollster-ratings-combined.csv"
MIN_POLLS = 10
ONE_WORD_POLLS = 50
# Rows of the data that are not polling organizations as news names them: newspapers kg's outlet lists do not
# hold, and a sports conference whose name a poll carried.
NOT_POLLSTERS = {"Big Ten", "Columbus Dispatch", "Louisville Courier-Journal", "Minneapolis Star Tribune"}
# How news text names some pollsters in short (canonical name in the data -> canonical name kept, aliases).
SHORT_NAMES = {
    "Scott Rasmussen (Rasmussen Reports)": ("Rasmussen Reports", ["Rasmussen"]),
    "Quinnipiac University": ("Quinnipiac University", ["Quinnipiac", "Quinnipiac University Poll"]),
    "Marist College": ("Marist College", ["Marist", "Marist Poll"]),
    "Monmouth University Polling Institute": ("Monmouth University Polling Institute", ["Monmouth University"]),
    "Emerson College": ("Emerson College", ["Emerson College Polling"]),
    "Zogby Analytics": ("Zogby Analytics", ["Zogby"]),
    "Harris Insights & Analytics": ("Harris Insights & Analytics", ["Harris Poll", "The Harris Poll"]),
}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", f"--git-dir={repo}", *args], check=True, capture_output=True, text=True).stdout


def outlets() -> set[str]:
    """Names kg already knows as news outlets."""
    names = {line.strip() for line in (LEXICONS / "media.txt").read_text(encoding="utf-8").splitlines()}
    rows = (LEXICONS / "outlets.tsv").read_text(encoding="utf-8").splitlines()
    reader = csv.DictReader((r for r in rows if not r.startswith("#")), delimiter="\t")
    for row in reader:
        names |= {row["name"], row["name"].removeprefix("The ")}
    return names


def pollsters(repo: Path) -> tuple[dict[str, list[str]], str]:
    """Canonical name -> aliases, and the commit read."""
    commit = git(repo, "log", "-1", "--format=%H", "--", PATH).strip()
    rows = csv.DictReader(io.StringIO(git(repo, "show", f"{commit}:{PATH}")))
    known = outlets()
    found: dict[str, list[str]] = {}
    for row in rows:
        polls = int(float(row["number_polls_pollster_total"] or 0))
        if polls < MIN_POLLS:
            continue
        if row["pollster"] in SHORT_NAMES:
            name, aliases = SHORT_NAMES[row["pollster"]]
            found[name] = list(aliases)
            continue
        for part in row["pollster"].split("/"):
            match = re.fullmatch(r"(.+?)\s*\((.+)\)", part.strip())
            name, aliases = (match[1], [match[2]]) if match else (part.strip(), [])
            if name in known or name.removeprefix("The ") in known or name in NOT_POLLSTERS or (" " not in name and polls < ONE_WORD_POLLS):
                continue
            found.setdefault(name, [])
            found[name].extend(a for a in aliases if a not in found[name])
    missing = [name for name in SHORT_NAMES if SHORT_NAMES[name][0] not in found]
    if missing:
        sys.exit(f"short names for pollsters the data no longer has: {missing}")
    return found, commit


def table(found: dict[str, list[str]], commit: str) -> str:
    header = [
        "# Polling organizations news cites for their numbers (\"Gallup has his approval at 39 percent\", \"a Quinnipiac",
        "# poll\"): each named mention is an Organization and a source; read by kg.nlp.lexicon.",
        f"# Source: FiveThirtyEight, {SOURCE} ({PATH}), commit {commit}: pollsters with at least {MIN_POLLS} rated polls",
        f"# (names of one word: at least {ONE_WORD_POLLS}); partnerships split, news outlets left out, a few short names added",
        "# by hand (scripts/pollsters.py SHORT_NAMES). Licence: CC BY 4.0 (FiveThirtyEight). Rebuilt by scripts/pollsters.py.",
        "# Columns: name (canonical), aliases (|-separated surface forms, case-sensitive).",
        "name\taliases",
    ]
    return "\n".join([*header, *(f"{name}\t{'|'.join(found[name])}" for name in sorted(found))]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path, help="a clone of fivethirtyeight/data (its git directory)")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the TSV (default: the package's)")
    parser.add_argument("--check", action="store_true", help="only compare with the file at --out")
    args = parser.parse_args(argv)
    text = table(*pollsters(args.repo))
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date: rerun scripts/pollsters.py", file=sys.stderr)
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {text.count(chr(10)) - 7} pollsters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
