"""Heads of state and government with their terms: ``kg/nlp/lexicons/office_holders*.tsv``.

Two files with the same columns (country, office, person with ``|``-separated aliases, from,
to; each header gives its source and licence): ``office_holders.tsv`` (Wikidata, the holders
in office in 2021-2022) and ``office_holders_history.tsv`` (Wikipedia's list of state leaders,
1951 to mid-2019). They are read once into one :class:`OfficeHolders`, which answers the questions kg asks of
it: which terms a person held in a country, whether a country is covered at all, and who
held office there during a stretch of years. Names are compared casefolded with spaces
collapsed and accents dropped, on the canonical name or any alias.

Example:
    >>> holders = load_office_holders()
    >>> holders.terms("Donald Trump", "United States")
    ((2017, 2021),)
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from importlib import resources

FILE = "office_holders.tsv"
FILES = (FILE, "office_holders_history.tsv")


def _key(name: str) -> str:
    """Casefolded, spaces collapsed, accents dropped ("Shinzō Abe", "Shinzo Abe" -> "shinzo abe"), initials joined."""
    plain = name if name.isascii() else "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return _INITIALS.sub(r"\1.", " ".join(plain.split())).casefold()  # "George H. W. Bush" -> "george h.w. bush"


_INITIALS = re.compile(r"\b(\w)\.\s+(?=\w\.)")


@dataclass(frozen=True)
class Term:
    """One person's time in one office: years ``start`` to ``end`` (``None`` while in office)."""

    country: str
    office: str
    person: str
    aliases: tuple[str, ...]
    start: int
    end: int | None

    def held_in(self, year: int) -> bool:
        return self.start <= year and (self.end is None or year <= self.end)


class OfficeHolders:
    """Lookups over a list of :class:`Term` rows."""

    def __init__(self, terms: list[Term]) -> None:
        self.rows = tuple(terms)
        self._by_person: dict[str, list[Term]] = defaultdict(list)
        self._by_country: dict[str, list[Term]] = defaultdict(list)
        for term in terms:
            for name in {term.person, *term.aliases}:
                self._by_person[_key(name)].append(term)
            self._by_country[term.country].append(term)

    def is_holder(self, person: str) -> bool:
        """Whether the person held any office of the list (by canonical name; aliases too when full names)."""
        return bool(self._full_name_terms(person))

    def _full_name_terms(self, person: str) -> list[Term]:
        """Terms of a person named in full: one-word aliases ("Trump") only match a one-word name."""
        return [t for t in self._by_person.get(_key(person), []) if len(person.split()) > 1 or len(t.person.split()) == 1]

    def covers(self, country: str) -> bool:
        return country in self._by_country

    def terms(self, person: str, country: str) -> tuple[tuple[int, int | None], ...]:
        """The (from, to) years of the person's terms in the country, merged, oldest first."""
        spans = sorted({(t.start, t.end) for t in self._full_name_terms(person) if t.country == country},
                       key=lambda s: (s[0], s[1] or 9999))
        merged: list[list] = []
        for start, end in spans:
            if merged and (merged[-1][1] is None or start <= merged[-1][1]):
                if merged[-1][1] is not None and (end is None or end > merged[-1][1]):
                    merged[-1][1] = end
                continue
            merged.append([start, end])
        return tuple((s, e) for s, e in merged)

    def countries_of(self, person: str) -> frozenset[str]:
        return frozenset(t.country for t in self._full_name_terms(person))

    def countries_led_by_titled(self, name: str, title: str) -> frozenset[str]:
        """Countries where ``name`` (a name or alias, surnames included) held an office called ``title``
        ("President Obama" -> the United States): for a name right after a leader's title, where the title
        already says the person is a leader."""
        title = _key(title)
        return frozenset(t.country for t in self._by_person.get(_key(name), []) if title in _key(t.office))

    def titled_holder(self, name: str, title: str, year: int | None = None) -> str | None:
        """The one listed holder a titled surname stands for ("President Obama" -> "Barack Obama"), or None.

        The holders whose name or alias is ``name`` and whose office is called ``title``: one person, or
        among several ("President Bush") the one in office in ``year``. Two candidates and no year to
        tell them apart give None: nothing is picked silently.
        """
        title = _key(title)
        terms = [t for t in self._by_person.get(_key(name), []) if title in _key(t.office)]
        people = {t.person for t in terms}
        if len(people) > 1 and year is not None:
            people = {t.person for t in terms if t.held_in(year)}
        return people.pop() if len(people) == 1 else None

    def in_office_named(self, name: str, year: int, countries: Collection[str]) -> str | None:
        """The one listed holder of an office of one of ``countries`` whose one-word alias is ``name`` and
        who was in office in ``year`` ("Trump" in 2018 -> "Donald Trump"; "Clinton" in 2016 -> None: no
        Clinton held office then; "Johnson" in 2020 -> Boris Johnson only where the United Kingdom is in view)."""
        people = {t.person for t in self._by_person.get(_key(name), [])
                  if len(t.person.split()) > 1 and t.country in countries
                  and t.held_in(year)}
        return people.pop() if len(people) == 1 else None

    def in_office_titled(self, country: str, title: str, year: int) -> frozenset[str]:
        """Who held an office of ``country`` called ``title`` ("president", "prime minister") in ``year``."""
        title = _key(title)
        return frozenset(t.person for t in self._by_country.get(country, ())
                         if title in _key(t.office) and t.held_in(year))

    def holders_during(self, country: str, start: int, end: int) -> tuple[str, ...]:
        """Who held an office of the country at some time in the years ``start`` to ``end``."""
        return tuple(sorted({t.person for t in self._by_country.get(country, ())
                             if t.start <= end and (t.end is None or t.end >= start)}))


@cache
def load_office_holders() -> OfficeHolders:
    """Read the office holders files (:data:`FILES`) once per process."""
    terms = []
    for name in FILES:
        text = resources.files("kg.nlp.lexicons").joinpath(name).read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            names = [n.strip() for n in row["person"].split("|") if n.strip()]
            terms.append(Term(row["country"], row["office"], names[0], tuple(names[1:]), int(row["from"]),
                              int(row["to"]) if (row.get("to") or "").strip() else None))
    return OfficeHolders(terms)
