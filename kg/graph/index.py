"""The corpus-wide entity index: entities merged across articles, kept while a build runs.

Plain counters (no spaCy), so the build's collector and the RDF minting in
:mod:`kg.graph.triples` can use it without loading the NLP stage.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.model import Entity, Ref
from kg.vocab import GENERIC_CLASS


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
