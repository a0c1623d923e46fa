"""Consistency checks for the gazetteers in ``kg/nlp/lexicons`` (countries.tsv, places.tsv)."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest

LEXICONS = Path(__file__).resolve().parent.parent / "kg" / "nlp" / "lexicons"
COUNTRY_COLUMNS = ["name", "aliases", "demonyms", "capital", "government"]
PLACE_COLUMNS = ["name", "kind", "located_in", "aliases"]
QUALIFIER = re.compile(r"\s+\([^()]*\)$")  # "Georgia (U.S. state)" -> "Georgia"
ARTICLE_ALLOWED = {"the States"}  # the one alias the brief asks for with a leading article


def read(name: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a lexicon TSV, skipping ``#`` comment lines and blank lines."""
    text = (LEXICONS / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], rows[1:]


def alts(field: str) -> list[str]:
    return [part.strip() for part in field.split("|") if part.strip()]


@pytest.fixture(scope="module")
def countries() -> list[dict[str, str]]:
    header, rows = read("countries.tsv")
    assert header == COUNTRY_COLUMNS
    for row in rows:
        assert len(row) == len(COUNTRY_COLUMNS), row
    return [dict(zip(header, row)) for row in rows]


@pytest.fixture(scope="module")
def places() -> list[dict[str, str]]:
    header, rows = read("places.tsv")
    assert header == PLACE_COLUMNS
    for row in rows:
        assert len(row) == len(PLACE_COLUMNS), row
    return [dict(zip(header, row)) for row in rows]


def test_files_are_utf8_and_commented() -> None:
    for name in ("countries.tsv", "places.tsv"):
        raw = (LEXICONS / name).read_bytes()
        raw.decode("utf-8")
        lines = raw.decode("utf-8").splitlines()
        assert 3 <= sum(1 for _ in _leading_comments(lines)) <= 5, name
        assert not any(line != line.strip() and line.strip() and "\t" not in line for line in lines)


def _leading_comments(lines: list[str]):
    for line in lines:
        if not line.startswith("#"):
            return
        yield line


def test_fields_are_clean(countries, places) -> None:
    for row in countries + places:
        assert row["name"], row
        for key, value in row.items():
            assert value == value.strip(), (key, value)
            for part in value.split("|") if "|" in value else []:
                assert part and part == part.strip(), (key, value)


def test_rows_sorted_by_name(countries, places) -> None:
    for rows in (countries, places):
        names = [row["name"] for row in rows]
        assert names == sorted(names)


def test_country_count(countries) -> None:
    # 193 UN members, Taiwan, Kosovo, Palestine, Vatican City, and 5 historical states.
    assert len(countries) == 193 + 4 + 5
    names = {row["name"] for row in countries}
    for required in ("United States", "United Kingdom", "Russia", "Taiwan", "Kosovo", "Palestine", "Vatican City"):
        assert required in names


def test_names_unique(countries, places) -> None:
    for rows in (countries, places):
        names = [row["name"] for row in rows]
        assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]


def test_country_surfaces_map_to_one_country(countries) -> None:
    """Names, aliases, demonyms and government metonyms each name exactly one country."""
    owners: dict[str, set[str]] = defaultdict(set)
    for row in countries:
        surfaces = [row["name"], *alts(row["aliases"]), *alts(row["demonyms"]), *alts(row["government"])]
        for surface in surfaces:
            owners[surface].add(row["name"])
    clashes = {surface: sorted(names) for surface, names in owners.items() if len(names) > 1}
    assert not clashes


def test_surfaces_not_repeated_within_a_row(countries, places) -> None:
    for row in countries:
        surfaces = [row["name"], *alts(row["aliases"]), *alts(row["demonyms"]), *alts(row["government"])]
        assert len(surfaces) == len(set(surfaces)), row
    for row in places:
        surfaces = [row["name"], *alts(row["aliases"])]
        assert len(surfaces) == len(set(surfaces)), row


def test_no_leading_articles_in_aliases(countries, places) -> None:
    for row in countries + places:
        for alias in alts(row["aliases"]):
            if alias in ARTICLE_ALLOWED:
                continue
            assert not alias.lower().startswith(("the ", "a ", "an ")), alias


def test_place_kinds(places) -> None:
    assert {row["kind"] for row in places} <= {"City", "Region"}


def _country_of(row: dict[str, str], by_name: dict[str, dict[str, str]], countries: set[str]) -> str | None:
    """Follow located_in links from a places.tsv row up to a country name (a country name always wins)."""
    seen: set[str] = set()
    place = row["located_in"]
    while place not in countries:
        if place in seen or place not in by_name:
            return None
        seen.add(place)
        place = by_name[place]["located_in"]
    return place


def test_located_in_resolves(countries, places) -> None:
    country_names = {row["name"] for row in countries}
    by_name = {row["name"]: row for row in places}
    for row in places:
        assert row["located_in"] in by_name or row["located_in"] in country_names, row
        assert _country_of(row, by_name, country_names), row
    # cities hang off regions or countries, regions off countries
    for row in places:
        if row["located_in"] not in country_names:
            assert by_name[row["located_in"]]["kind"] == "Region", row
        if row["kind"] == "Region":
            assert row["located_in"] in country_names, row


def test_place_surfaces_unique(countries, places) -> None:
    """No spelling names two places; a place may share a spelling only with its own country (city-states)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for row in places:
        for surface in [row["name"], *alts(row["aliases"])]:
            owners[surface].add(row["name"])
    assert not {s: n for s, n in owners.items() if len(n) > 1}
    country_names = {row["name"] for row in countries}
    by_name = {row["name"]: row for row in places}
    country_surface = {}
    for row in countries:
        for surface in [row["name"], *alts(row["aliases"]), *alts(row["demonyms"]), *alts(row["government"])]:
            country_surface[surface] = row["name"]
    for surface, (place,) in owners.items():
        if surface in country_surface:
            assert _country_of(by_name[place], by_name, country_names) == country_surface[surface], surface


def test_capitals_are_city_rows(countries, places) -> None:
    country_names = {row["name"] for row in countries}
    by_name = {row["name"]: row for row in places}
    by_plain: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in places:
        by_plain[QUALIFIER.sub("", row["name"])].append(row)
    capital_owner: dict[str, str] = {}
    for country in countries:
        spellings = alts(country["capital"])
        if not spellings:
            continue
        for spelling in spellings:
            assert capital_owner.setdefault(spelling, country["name"]) == country["name"], spelling
        matches = [
            row
            for row in by_plain.get(spellings[0], [])
            if row["kind"] == "City" and _country_of(row, by_name, country_names) == country["name"]
        ]
        assert len(matches) == 1, (country["name"], spellings[0])
        city = matches[0]
        if city["name"] == spellings[0]:  # unqualified row: every other spelling is one of its aliases
            assert set(spellings[1:]) <= set(alts(city["aliases"])), (country["name"], spellings)


def test_lexicon_loader_reads_the_files(countries) -> None:
    """The package loader, where its other word lists exist, sees the same countries."""
    import importlib.resources as resources

    root = resources.files("kg.nlp") / "lexicons"
    needed = ("titles.tsv", "org_cues.tsv", "attribution.tsv", "honorifics.txt")
    if not all((root / name).is_file() for name in needed):
        pytest.skip("other lexicon files not written yet")
    from kg.nlp.lexicon import load_lexicon

    lexicon = load_lexicon()
    assert lexicon.country_of("Kremlin") == "Russia"
    assert lexicon.country_of("U.S.") == "United States"
    assert lexicon.country_of("British") == "United Kingdom"
    assert lexicon.places["Kharkiv"].located_in == "Kharkiv Oblast"
    assert lexicon.capitals["Kyiv"] == "Ukraine"


def _run_maintenance_script(tmp_path, script: str, files: dict[str, str]):
    """Run ``scripts/<script>`` as a maintainer does: on a git repository holding ``files`` (committed), writing
    its TSV to a file of its own. Returns that file and a function running ``--check`` (its exit code)."""
    import subprocess
    import sys

    work = tmp_path / "data"
    for name, text in files.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(text)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(work)]
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "data"]):
        subprocess.run([*git, *args], check=True)
    out = tmp_path / "out.tsv"
    run = [sys.executable, str(Path(__file__).resolve().parents[1] / "scripts" / script), str(work / ".git"), "--out", str(out)]
    subprocess.run(run, check=True, capture_output=True)
    return out, lambda: subprocess.run([*run, "--check"], capture_output=True).returncode


def test_the_gendered_name_list_is_rebuilt_from_baby_name_files(tmp_path):
    """scripts/given_name_genders.py as a maintainer runs it: year files in a git repository in, a TSV out; a name
    given to both sexes (here 80/20) is left out, and --check tells a stale file from a fresh one."""
    out, check = _run_maintenance_script(tmp_path, "given_name_genders.py", {
        "names/yob1990.txt": "James,M,990\nJames,F,10\nMary,F,500\nJordan,M,80\nJordan,F,20\n",
        "names/yob1991.txt": "Mary,F,500\nHillary,F,96\nHillary,M,4\n",
    })
    rows = [line.split("\t") for line in out.read_text().splitlines() if not line.startswith("#")]
    assert rows == [["name", "gender"], ["Hillary", "female"], ["James", "male"], ["Mary", "female"]]
    assert check() == 0
    out.write_text(out.read_text() + "Jordan\tmale\n")
    assert check() == 1


def test_the_committed_gendered_name_list_holds_one_gender_per_name():
    header, rows = read("given_names_gender.tsv")
    names = [row[0] for row in rows]
    assert header == ["name", "gender"] and len(names) == len(set(names))
    assert {row[1] for row in rows} == {"male", "female"}


def test_the_pollster_list_is_rebuilt_from_fivethirtyeights_ratings(tmp_path):
    """scripts/pollsters.py as a maintainer runs it: the ratings CSV in a git repository in, a TSV out. A partnership
    is split, a parenthesised name becomes an alias, news outlets, rare one-word names and the ``NOT_POLLSTERS``
    rows are left out, the short names are added, and --check tells a stale file from a fresh one."""
    rows = [
        ("Quinnipiac University", 288), ("Scott Rasmussen (Rasmussen Reports)", 785), ("Marist College", 209),
        ("Monmouth University Polling Institute", 146), ("Emerson College", 266), ("Zogby Analytics", 596),
        ("Public Policy Polling", 537), ("Harris Insights & Analytics", 306), ("Gallup", 104),
        ("ABC News/The Washington Post", 97), ("The New York Times/Siena College", 120), ("Wick", 25),
        ("University of Cincinnati (Ohio Poll)", 46), ("Big Ten", 12), ("Tiny Polls LLC", 3),
    ]
    lines = ["pollster,number_polls_pollster_total", *(f'"{name}",{n}' for name, n in rows)]
    out, check = _run_maintenance_script(tmp_path, "pollsters.py",
                                         {"pollster-ratings/pollster-ratings-combined.csv": "\n".join(lines) + "\n"})
    table = dict(line.split("\t") for line in out.read_text().splitlines() if not line.startswith("#"))
    assert table.pop("name") == "aliases"
    assert table["Rasmussen Reports"] == "Rasmussen" and table["Quinnipiac University"] == "Quinnipiac|Quinnipiac University Poll"
    assert table["Siena College"] == "" and table["University of Cincinnati"] == "Ohio Poll" and "Gallup" in table
    for absent in ("Washington Post", "ABC News", "The New York Times", "Wick", "Big Ten", "Tiny Polls LLC", "Scott Rasmussen"):
        assert absent not in table
    assert check() == 0
    out.write_text(out.read_text() + "Wick\t\n")
    assert check() == 1


def test_the_committed_pollster_list_keeps_names_that_mean_other_things_out():
    from kg.nlp.lexicon import load_lexicon

    pollsters = load_lexicon().pollsters
    assert pollsters["Quinnipiac"] == "Quinnipiac University" and pollsters["Gallup"] == "Gallup"
    for other in ("PPP", "Harris", "Emerson", "Big Ten", "Reuters", "CNN", "Wick"):
        assert other not in pollsters
