"""Corporate structure: "United Business Media's NOP World unit", "Deluxe, a subsidiary of Rank"."""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract.rules.base import Candidate, Context, register
from kg.extract.rules.common import is_organization
from kg.vocab import Rel

# Nouns that make one organization a part of another.
UNIT_NOUNS = {"unit", "division", "subsidiary", "arm", "affiliate", "branch", "offshoot", "wing", "business", "brand"}


@register("unit_of.v1")
def unit_of(ctx: Context) -> Iterator[Candidate]:
    """"X's Y unit" / "X's Y division" and "Y, a unit of X" / "Y, the subsidiary of X" -> Y part_of X."""
    doc = ctx.doc
    mentions = [(ent, ctx.entities.of(ent)) for ent in doc.ents]
    for (parent_span, parent), (child_span, child) in zip(mentions, mentions[1:]):
        # "United Business Media's NOP World market research unit"
        if not (is_organization(parent) and is_organization(child)) or parent == child:
            continue
        between = doc[parent_span.end : child_span.start]
        possessive = parent_span[-1].tag_ == "POS" or (len(between) and between[0].tag_ == "POS")
        rest = [t for t in between if t.tag_ != "POS"]
        if not possessive or any(t.pos_ not in {"ADJ", "VERB"} for t in rest):
            continue
        after = doc[child_span.end : min(child_span.end + 4, child_span.sent.end)]
        nouns = []
        for token in after:
            if token.pos_ not in {"NOUN", "ADJ"}:
                break
            nouns.append(token.lower_)
        if nouns and nouns[-1] in UNIT_NOUNS:
            yield Candidate(child, Rel.part_of, parent, child_span.sent, 0.75)
    for child_span, child in mentions:
        # "Deluxe Films, a unit of Rank"
        if not is_organization(child):
            continue
        i = child_span.end
        if i + 4 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in {"a", "an", "the"}:
            continue
        j = i + 2
        while j < len(doc) and doc[j].pos_ in {"ADJ", "NOUN"} and doc[j].lower_ not in UNIT_NOUNS:
            j += 1
        if j + 2 < len(doc) and doc[j].lower_ in UNIT_NOUNS and doc[j + 1].lower_ == "of":
            k = j + 2 + (doc[j + 2].lower_ == "the")
            parent = ctx.entity_at(k) if k < len(doc) else None
            if is_organization(parent) and parent != child:
                yield Candidate(child, Rel.part_of, parent, child_span.sent, 0.8)
