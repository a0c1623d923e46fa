"""Write kg/nlp/lexicons/given_names_gender.tsv from the US Social Security Administration's baby names.

Source: the GitHub repository ``aramshiva/babies`` (``names/yob1880.txt`` ... ``names/yob2023.txt``, the
SSA's "Baby Names from Social Security Card Applications - National Data": one line per name, sex and
year, ``Mary,F,7065``), read from a local clone (the ``fetch`` tool's mirror). The data is a US government
work (public domain); the repository declares no licence.

Usage::

    python scripts/given_name_genders.py /work/.mirror/aramshiva+babies/repo
    python scripts/given_name_genders.py REPO --check   # exit 1 if the committed TSV differs
    python scripts/given_name_genders.py REPO --out names.tsv   # write somewhere else

Births are summed per name and sex over all years; a name is ``male`` when at least 90% of its births
are male, ``female`` when at least 90% are female, and left out otherwise ("Jordan", "Leslie"); the
5,000 most frequent names of each gender are kept. The output is sorted, so a rerun on the same commit
gives the same bytes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
OUT = REPO_ROOT / "kg" / "nlp" / "lexicons" / "given_names_gender.tsv"
SOURCE = "aramshiva/babies"
SHARE = 0.9  # of a name's births that must be of one sex
KEEP = 5000  # names of each gender, most frequent first


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", f"--git-dir={repo}", *args], check=True, capture_output=True, text=True).stdout


def births(repo: Path) -> tuple[Counter, Counter, str]:
    """Births per name for each sex, summed over every year file, and the commit read."""
    commit = git(repo, "log", "-1", "--format=%H", "--", "names").strip()
    male, female = Counter(), Counter()
    for path in sorted(p for p in git(repo, "ls-tree", "--name-only", commit, "names/").split() if "/yob" in p):
        for line in git(repo, "show", f"{commit}:{path}").splitlines():
            if line.strip():
                name, sex, count = line.strip().split(",")
                (male if sex == "M" else female)[name] += int(count)
    return male, female, commit


def table(male: Counter, female: Counter, commit: str) -> str:
    chosen = {"male": [], "female": []}
    for name in male.keys() | female.keys():
        if not (name.isascii() and name.isalpha()):
            continue
        total = male[name] + female[name]
        if male[name] >= SHARE * total:
            chosen["male"].append((male[name], name))
        elif female[name] >= SHARE * total:
            chosen["female"].append((female[name], name))
    rows = sorted((name.capitalize(), gender) for gender, names in chosen.items()
                  for _, name in sorted(names, key=lambda c: (-c[0], c[1]))[:KEEP])
    header = (
        '# Given names and the gender they are (almost always) used for: evidence for resolving "he"/"she" to a person\n'
        f"# (read by kg.nlp.lexicon). Source: {SOURCE}, names/yob1880.txt ... names/yob2023.txt (144 files), commit {commit}; "
        'US Social Security Administration "Baby Names from Social Security Card Applications - National Data" (births '
        "1880-2023, counts per name and sex, names with fewer than 5 births in a year omitted; counts summed over all years, "
        f"the {KEEP} most frequent names of each gender kept); licence: public domain (US government work; the repo declares "
        "no licence). Rebuilt by scripts/given_name_genders.py.\n"
        f"# Built by taking names used >= {SHARE:.0%} for one gender (by frequency); ambiguous names are left out.\n"
        "name\tgender\n"
    )
    return header + "".join(f"{name}\t{gender}\n" for name, gender in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path, help="the bare git directory of a clone of aramshiva/babies")
    parser.add_argument("--check", action="store_true", help="compare with the file instead of writing it")
    parser.add_argument("--out", type=Path, default=OUT, help="the TSV to write or check (default: the lexicon's)")
    args = parser.parse_args()
    text = table(*births(args.repo))
    if args.check:
        same = args.out.read_text(encoding="utf-8") == text
        print(f"{args.out.name} is up to date" if same else f"{args.out.name} differs from the source")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({text.count(chr(10)) - 4} names)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
