"""The corpus-wide entity index: entities merged across articles, kept while a build runs.

Plain counters (no spaCy), so the build's collector and the RDF minting in
:mod:`kg.graph.triples` can use it without loading the NLP stage. Once every article is in,
:func:`resolve_across_articles` says which entities of different articles are one and
:meth:`EntityIndex.merged` folds them together.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.model import Entity, Ref
from kg.vocab import GENERIC_CLASS, KIND_OF_CLASS, ORGANIZATION, PERSON

if TYPE_CHECKING:
    from kg.nlp.lexicon import Lexicon

# Across the corpus, one reading of a name beats the other kind (person <-> organization) only when it
# has this many times the mentions and comes from at least two articles ("Yukos" a company in ten
# articles, a person in one).
KIND_MAJORITY = 3


@dataclass
class EntityIndex:
    """Entities merged across articles: one record per ``(kind, name)``.

    Class votes are weighted by mention counts, so one article's odd label does not
    retype an entity the rest of the corpus agrees on. Everything is kept in sorted
    containers at read time so the output does not depend on input order.
    """

    classes: dict[Ref, Counter] = field(default_factory=lambda: defaultdict(Counter))
    aliases: dict[Ref, set[str]] = field(default_factory=lambda: defaultdict(set))
    mentions: Counter = field(default_factory=Counter)
    articles: Counter = field(default_factory=Counter)

    def add(self, entities: Iterable[Entity]) -> None:
        for entity in entities:
            ref = entity.ref
            self.classes[ref][entity.cls] += entity.mentions
            self.aliases[ref] |= entity.aliases
            self.mentions[ref] += entity.mentions
            self.articles[ref] += 1

    def __contains__(self, ref: Ref) -> bool:
        return ref in self.mentions

    def refs(self) -> list[Ref]:
        return sorted(self.mentions)

    def cls(self, ref: Ref) -> str:
        votes = self.classes[ref]
        kind = ref[0]
        specific = {c: n for c, n in votes.items() if c != GENERIC_CLASS[kind]}
        pool = specific or votes
        return max(sorted(pool), key=lambda c: pool[c])

    def alt_labels(self, ref: Ref) -> list[str]:
        return sorted(a for a in self.aliases[ref] if a != ref[1])

    def merged(self, into: dict[Ref, Ref]) -> EntityIndex:
        """A new index where each ref of ``into`` is folded into the ref it maps to.

        The folded name stays an alias (``skos:altLabel``); class votes, mentions and
        articles add up.
        """
        index = EntityIndex()
        for ref in self.refs():
            target = into.get(ref, ref)
            # A name retyped across the corpus ("Yukos" a person in one article) keeps no vote for
            # a class of its old kind.
            votes = {c: n for c, n in self.classes[ref].items() if KIND_OF_CLASS.get(c) == target[0]}
            index.classes[target].update(votes or {GENERIC_CLASS[target[0]]: self.mentions[ref]})
            index.aliases[target] |= self.aliases[ref] | {ref[1]}
            index.mentions[target] += self.mentions[ref]
            index.articles[target] += self.articles[ref]
        return index


def resolve_across_articles(index: EntityIndex, lexicon: Lexicon) -> dict[Ref, Ref]:
    """Which entities of different articles are one: ``{ref: the ref it becomes}``, deterministic.

    Only what the corpus leaves no doubt about is merged:

    - one name read as a person and as an organization takes the kind with
      :data:`KIND_MAJORITY` times the mentions, from two articles or more ("Yukos");
    - person names equal but for periods are one ("George W Bush" = "George W. Bush");
      letter case counts ("ET" is no short form of "... Et");
    - a shorter person name joins the one longer name it is a short form of (same last word,
      and same first word unless it is the surname alone): "Bush" and "George Bush" join
      "George W. Bush" only while no other Bush ("George H.W. Bush", "Laura Bush") is in the
      corpus, "Chavez" joins "Hugo Chavez";
    - organization names equal but for a legal form or "Group" are one ("Group Menatep",
      "Menatep Group", "Menatep").

    The most mentioned name of a merged group is its name (for people, a name of two words or
    more; ties: more words, then sorted order).
    """
    into: dict[Ref, Ref] = {}
    refs = index.refs()
    by_name: dict[str, list[Ref]] = defaultdict(list)
    for ref in refs:
        if ref[0] in (PERSON, ORGANIZATION):
            by_name[ref[1]].append(ref)
    for both in by_name.values():
        if len(both) == 2:
            major, minor = sorted(both, key=lambda r: (-index.mentions[r], r))
            if index.mentions[major] >= KIND_MAJORITY * index.mentions[minor] and index.articles[major] >= 2:
                into[minor] = major
    kept = [ref for ref in refs if ref not in into]
    _join_equal(index, [r for r in kept if r[0] == PERSON], _person_key, into)
    _join_equal(index, [r for r in kept if r[0] == ORGANIZATION], lexicon.company_key, into)
    _join_short_person_names(index, [r for r in kept if r[0] == PERSON and r not in into], into)
    groups: dict[Ref, list[Ref]] = defaultdict(list)
    for ref in sorted(into):
        groups[_root(ref, into)].append(ref)
    resolved = {}
    for root, members in groups.items():
        # The name the corpus uses most stands for the group ("Donald Trump", not "Donald J. Trump");
        # a person's surname alone never does.
        pool = [r for r in [root, *members] if r[0] == root[0] and (r[0] != PERSON or " " in r[1])] or [root]
        label = min(pool, key=lambda r: (-index.mentions[r], -r[1].count(" "), r))
        resolved.update({r: label for r in [root, *members] if r != label})
    return dict(sorted(resolved.items()))


def _root(ref: Ref, into: dict[Ref, Ref]) -> Ref:
    while ref in into:
        ref = into[ref]
    return ref


def _person_key(name: str) -> tuple[str, ...]:
    """"George W. Bush" -> ("George", "W", "Bush"): a person's name without periods; empty for what
    is no plain name ("Juan Williams, Weekdays Et", a byline gone wrong)."""
    if "," in name:
        return ()
    return tuple(w for w in (word.replace(".", "") for word in name.split()) if w)


def _join_equal(index: EntityIndex, refs: list[Ref], key, into: dict[Ref, Ref]) -> None:
    groups: dict = defaultdict(list)
    for ref in refs:
        if key(ref[1]):
            groups[key(ref[1])].append(ref)
    for same in groups.values():
        if len(same) > 1:
            best = min(same, key=lambda r: (-index.mentions[r], -r[1].count(" "), r))
            into.update({r: best for r in same if r != best})


def _short_form(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether ``short`` may name the person ``full`` names: the surname alone, or first and last
    name with some middle words left out ("George Bush" of "George W. Bush")."""
    if len(short) >= len(full) or short[-1] != full[-1]:
        return False
    if len(short) == 1:
        return True
    if short[0] != full[0]:
        return False
    rest = iter(full[1:-1])
    return all(word in rest for word in short[1:-1])


def _join_short_person_names(index: EntityIndex, refs: list[Ref], into: dict[Ref, Ref]) -> None:
    keys = {ref: _person_key(ref[1]) for ref in refs}
    by_surname: dict[str, list[Ref]] = defaultdict(list)
    for ref, key in keys.items():
        if key:
            by_surname[key[-1]].append(ref)
    # Longest names first, so a middle form ("George Bush") is joined before the surname is looked at.
    for ref in sorted(refs, key=lambda r: (-len(keys[r]), r)):
        key = keys[ref]
        if not key:
            continue
        fuller = {_root(other, into) for other in by_surname[key[-1]] if _short_form(key, keys[other])}
        fuller.discard(ref)
        if len(fuller) == 1:
            (target,) = fuller
            if len(keys[target]) > 1:
                into[ref] = target
