"""The merged view of facts over time: each fact once, with when it was observed and held.

A :class:`Timeline` is fed every fact occurrence of a build (subject, relation, object, the
article's date and the :class:`~kg.model.Period` its sentence states) and keeps, per distinct
fact, the number of occurrences, the earliest and latest dates it was observed, the earliest
and latest dates it was observed as holding then (status current, acting or none), and the
union of the intervals its sentences state. A ``leader_of`` fact of a listed head of state or
government gets the holder's terms from the list of office holders (:mod:`kg.nlp.holders`) instead.

:func:`overlaps` compares the leader_of facts of one country with that list: two people
whose times as leader overlap, where the list has someone else in office then, are flagged
for ``report.json``.

Memory is one small entry per distinct fact (like the entity index), whatever the corpus size.
Hand-written: interval union over ISO dates of mixed precision is a few lines of sorting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kg.model import ArticleResult, Period, Ref
from kg.nlp.holders import OfficeHolders
from kg.read.dates import read_date
from kg.vocab import Rel

FactKey = tuple[Ref, str, Ref]
Interval = tuple[str | None, str | None]  # (valid_from, valid_until), ISO year or date, None = open
HOLDING = frozenset({None, "current", "acting"})
LIST_SOURCE = "office_holders.tsv"


def lower(value: str) -> str:
    """The first day an ISO date of any precision can mean ("2016" -> "2016-01-01")."""
    return value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value


def upper(value: str) -> str:
    """The last day it can mean ("2016" -> "2016-12-31", "2016-02" -> "2016-02-31": only compared)."""
    return value + "-12-31"[len(value) - 4 :] if len(value) < 10 else value


@dataclass
class FactTime:
    """What the corpus says about one fact's time."""

    observations: int = 0
    first: str | None = None
    last: str | None = None
    first_current: str | None = None
    last_current: str | None = None
    intervals: set[Interval] = field(default_factory=set)

    def observe(self, as_of: str | None, period: Period) -> None:
        self.observations += 1
        if period.valid_from or period.valid_until:
            self.intervals.add((period.valid_from, period.valid_until))
        if as_of is None:
            return
        if self.first is None or lower(as_of) < lower(self.first):
            self.first = as_of
        if self.last is None or upper(as_of) > upper(self.last):
            self.last = as_of
        if period.status in HOLDING:
            if self.first_current is None or lower(as_of) < lower(self.first_current):
                self.first_current = as_of
            if self.last_current is None or upper(as_of) > upper(self.last_current):
                self.last_current = as_of

    def absorb(self, other: FactTime) -> None:
        """Add what ``other`` observed (the same fact under a name resolution across articles merged)."""
        self.observations += other.observations
        self.intervals |= other.intervals
        for name, pick in (("first", min), ("last", max), ("first_current", min), ("last_current", max)):
            mine, theirs = getattr(self, name), getattr(other, name)
            if theirs is not None:
                bound = lower if pick is min else upper
                setattr(self, name, theirs if mine is None else pick(mine, theirs, key=bound))


def union(intervals: set[Interval]) -> list[Interval]:
    """Overlapping intervals merged; the disjoint parts left in time order."""
    ordered = sorted(intervals, key=lambda i: (lower(i[0]) if i[0] else "", upper(i[1]) if i[1] else "9999"))
    merged: list[list] = []
    for start, end in ordered:
        if merged:
            last_end = merged[-1][1]
            if last_end is None or start is None or lower(start) <= upper(last_end):
                if last_end is not None and (end is None or upper(end) > upper(last_end)):
                    merged[-1][1] = end
                continue
        merged.append([start, end])
    return [(s, e) for s, e in merged]


class Timeline:
    """Facts over time, fed one occurrence at a time (see the module docstring)."""

    def __init__(self) -> None:
        self.facts: dict[FactKey, FactTime] = {}

    def add(self, subject: Ref, relation: str, obj: Ref, as_of: str | None, period: Period) -> None:
        self.facts.setdefault((subject, relation, obj), FactTime()).observe(as_of, period)

    def add_result(self, result: ArticleResult) -> None:
        """Every fact occurrence of one article (its date read as :func:`kg.read.dates.read_date` does)."""
        as_of = read_date(result.article.date).value
        for fact in result.facts:
            self.add(fact.subject, fact.relation, fact.object, as_of, fact.time)

    def merged(self, into: dict[Ref, Ref], keep: Callable[[Ref, str, Ref], bool]) -> Timeline:
        """A new timeline with each entity of ``into`` replaced by the entity it became
        (:func:`kg.graph.index.resolve_across_articles`); facts ``keep`` refuses (left ill-typed) are dropped."""
        timeline = Timeline()
        for (subject, relation, obj), time in sorted(self.facts.items(), key=lambda item: item[0]):
            subject, obj = into.get(subject, subject), into.get(obj, obj)
            if keep(subject, relation, obj):
                timeline.facts.setdefault((subject, relation, obj), FactTime()).absorb(time)
        return timeline

    def intervals(self, key: FactKey, holders: OfficeHolders) -> list[tuple[Interval, str | None]]:
        """The union of a fact's stated intervals, each with its source (``None``: the articles); a
        leader_of fact whose subject the list of office holders has for that country gets the holder's terms
        from the list instead. The list outranks year cues read from text: one misread cue ("... until
        2016" about Donald Trump) would otherwise end a term the list knows. The stated years stay on each
        article's assertion."""
        terms = holders.terms(key[0][1], key[2][1]) if key[1] == Rel.leader_of else ()
        if terms:
            return [((str(start), str(end) if end is not None else None), LIST_SOURCE) for start, end in terms]
        return [(i, None) for i in union(self.facts[key].intervals)]


def held_span(time: FactTime, intervals: list[tuple[Interval, str | None]]) -> tuple[str, str] | None:
    """When a fact held, as (lower day, upper day): its intervals' hull, else its current observations."""
    if intervals:
        starts = [lower(i[0]) if i[0] else "0000-01-01" for i, _ in intervals]
        ends = [upper(i[1]) if i[1] else "9999-12-31" for i, _ in intervals]
        return min(starts), max(ends)
    if time.first_current and time.last_current:
        return lower(time.first_current), upper(time.last_current)
    return None


def _in_office(holders: OfficeHolders, person: str, country: str, years: tuple[int, int]) -> bool:
    return any(start <= years[1] and (end is None or end >= years[0]) for start, end in holders.terms(person, country))


def overlaps(timeline: Timeline, holders: OfficeHolders) -> list[dict]:
    """Pairs of leader_of facts for one country that overlap in time against the office holders list.

    For each country the list covers, two people said to lead it whose times as leader
    (:func:`held_span`) overlap are flagged when the list does not have both in office
    during the overlap. Returns JSON-ready dicts, sorted.
    """
    by_country: dict[str, list[tuple[str, tuple[str, str]]]] = {}
    for key, time in timeline.facts.items():
        (s_kind, person), relation, (o_kind, country) = key
        if relation != Rel.leader_of or s_kind != "person" or o_kind != "place" or not holders.covers(country):
            continue
        span = held_span(time, timeline.intervals(key, holders))
        if span is not None:
            by_country.setdefault(country, []).append((person, span))
    flagged = []
    for country, leaders in sorted(by_country.items()):
        leaders.sort()
        for i, (a, (a_start, a_end)) in enumerate(leaders):
            for b, (b_start, b_end) in leaders[i + 1 :]:
                start, end = max(a_start, b_start), min(a_end, b_end)
                if start > end:
                    continue
                years = int(start[:4]), int(end[:4])
                if _in_office(holders, a, country, years) and _in_office(holders, b, country, years):
                    continue
                in_office = holders.holders_during(country, *years)
                flagged.append({
                    "country": country,
                    "facts": [f"{a} leader_of {country}", f"{b} leader_of {country}"],
                    "overlap": [start, end],
                    "office_holders_then": list(in_office),
                })
    return flagged
