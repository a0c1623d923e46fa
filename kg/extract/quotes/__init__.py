"""Quotes as data: who said what, to whom, where in the article (issue 12).

:func:`extract_quotes` reads three kinds of quotation from one parsed article:

- **direct**: words inside quotation marks (:mod:`.marks` pairs the marks, :mod:`.direct`
  attributes each span with one of its registered cases);
- **indirect**: reported speech, "X said (that) CLAUSE" (:mod:`.reported`);
- **according_to**: "according to X, CLAUSE".

Speakers are resolved to the article's entities (:mod:`.speakers`): a name, an appositive
("the head of the Guards, Major General Hossein Salami"), a spokesperson for an
organization, "he"/"she" for the person just named, "the minister" for the one minister
the article names. Each quote carries its rule name (``direct_after.v4`` ...), so every
quote in the output can be traced to the case that read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Span

from kg.extract.quotes.direct import CASES, UNATTRIBUTED, Attribution, QuoteState, attribute_direct
from kg.extract.quotes.marks import MarkSpan, clean_text, quote_marks
from kg.extract.quotes.reported import Reported, according_to, indirect_clauses
from kg.extract.quotes.speakers import Speakers
from kg.extract.rules.base import Context
from kg.model import ARTICLE, Entity, Quote, Ref
from kg.vocab import Cls

CONFIDENCE_DIGITS = 2
# An indirect clause covered this much by quotation marks, and opening with them, is the attribution
# of a direct quote.
QUOTED_SHARE = 0.5
# Phrases by which an article says it relays another outlet's report ("with reference to Bloomberg").
RELAY_WORDS = {("reference", "to"), ("citing",)}

QUOTE_RULES = (*CASES, UNATTRIBUTED, "indirect_clause.v2", "according_to_phrase.v1")


def extract_quotes(ctx: Context, fragments: list[Quote] | None = None) -> tuple[Quote, ...]:
    """Every quotation of one article, in text order.

    ``fragments``, when given, receives the scare quotes of three words or fewer inside a speaker's
    reported sentence ("called the remarks “deeply troubling.”"): no quotations, but evidence that the
    article quotes their speaker (a source).

    Example:
        >>> quotes = extract_quotes(ctx)  # doctest: +SKIP
        >>> quotes[0].kind, quotes[0].speaker, quotes[0].cue  # doctest: +SKIP
        ('direct', ('person', 'Hossein Salami'), 'say')
    """
    text = ctx.text
    marks = quote_marks(text)
    speakers = Speakers(ctx, [(m.start, m.end) for m in marks])
    relay = relayed_outlet(ctx)
    quotes: list[Quote] = []
    state = QuoteState(ctx, speakers)
    direct_spans: list[tuple[int, int]] = []
    # Reported speech first: "it said" / "the statement said" in a later quotation continues its source.
    reported_quotes = []
    for reported in (*_heard(speakers, indirect_clauses(ctx, speakers)), *_heard(speakers, according_to(ctx, speakers))):
        reported_quotes.append(reported)
    for mark in marks:
        found = attribute_direct(state, mark)
        if found is None:
            continue
        if found.fragment:
            if fragments is not None:
                fragments.append(_direct_quote(ctx, mark, found, relay))
            continue
        state.previous = (mark, found)
        speakers.heard(mark.start, found.speaker)
        direct_spans.append((mark.start, mark.end))
        quotes.append(_direct_quote(ctx, mark, found, relay))
    for reported in reported_quotes:
        clause = reported.clause
        if _quoted_share(clause, direct_spans) > QUOTED_SHARE and _opens_quoted(clause, direct_spans):
            continue
        quotes.append(_reported_quote(ctx, reported, relay))
    unique = {(q.kind, q.start, q.end): q for q in sorted(quotes, key=lambda q: -q.confidence)}
    return tuple(sorted(unique.values(), key=lambda q: (q.start, q.end, q.kind)))


def _heard(speakers: Speakers, found: Iterable[Reported]) -> Iterator[Reported]:
    """Pass reported statements through, recording each source as it is read."""
    for reported in found:
        speakers.heard(reported.sentence.start_char, reported.speaker)
        yield reported


def _opens_quoted(clause: Span, spans: list[tuple[int, int]]) -> bool:
    """Whether a clause begins with quoted words (``X said: "..."``, the attribution of a direct
    quote), not with words of the reporter's own (``Trump said Kerik "had many recommendations"``,
    reported speech with a quoted fragment, which counts as both)."""
    first = next((t for t in clause if not t.is_punct and not t.is_space), None)
    return first is None or any(s <= first.idx < e for s, e in spans)


def _quoted_share(clause: Span, spans: list[tuple[int, int]]) -> float:
    start, end = clause.start_char, clause.end_char
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return covered / max(1, end - start)


def _mentions(ctx: Context, start: int, end: int, speaker: Entity | None) -> tuple[Ref, ...]:
    refs = {ctx.entities.of(ent).ref for ent in ctx.doc.ents
            if start <= ent.start_char < end and ctx.entities.of(ent) is not None}
    refs.discard(speaker.ref if speaker is not None else None)
    return tuple(sorted(refs))


def _outlet(addressee_entity: Entity | None, relay: Entity | None, speaker: Entity | None) -> Ref | None:
    """The outlet that carried a quote: the one it was told to, else the one the article relays
    (never the speaker itself: Bloomberg's own words are not carried by Bloomberg)."""
    for outlet in (addressee_entity, relay):
        if outlet is not None and outlet.cls == Cls.MediaOrganization and outlet != speaker:
            return outlet.ref
    return None


def _direct_quote(ctx: Context, mark: MarkSpan, found: Attribution, relay: Entity | None) -> Quote:
    text = ctx.text
    speaker = found.speaker.entity if found.speaker is not None else None
    confidence = found.speaker.confidence if found.speaker is not None else 0.5
    if not mark.balanced:
        confidence = min(confidence, 0.5)
    start = min(mark.start - 1, found.window.start_char) if found.window is not None else mark.start - 1
    end = max(mark.end + 1, found.window.end_char) if found.window is not None else mark.end + 1
    start, end = max(0, start), min(len(text), end)
    sentence = text[start:end].strip()
    offset = start + (len(text[start:end]) - len(text[start:end].lstrip()))
    return Quote(
        article_id=ctx.article.id, kind="direct", text=clean_text(text, mark.start, mark.end),
        start=mark.start, end=mark.end, speaker=speaker.ref if speaker is not None else None, cue=found.cue,
        addressee=found.addressee, outlet=_outlet(found.addressee_entity, relay, speaker),
        mentions=_mentions(ctx, mark.start, mark.end, speaker), sentence=sentence, sentence_start=offset,
        rule=found.rule, confidence=round(confidence, CONFIDENCE_DIGITS),
    )


def _reported_quote(ctx: Context, reported, relay: Entity | None) -> Quote:
    clause, sent = reported.clause, reported.sentence
    speaker = reported.speaker.entity
    confidence = min(reported.speaker.confidence, 0.8)
    sentence = sent.text.strip()
    offset = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    return Quote(
        article_id=ctx.article.id, kind=reported.kind, text=clause.text, start=clause.start_char,
        end=clause.end_char, speaker=speaker.ref, cue=reported.cue, addressee=reported.addressee,
        outlet=_outlet(reported.addressee_entity, relay, speaker), mentions=_mentions(ctx, clause.start_char, clause.end_char, speaker),
        sentence=sentence, sentence_start=offset, rule=reported.rule, confidence=round(confidence, CONFIDENCE_DIGITS),
    )


def relayed_outlet(ctx: Context) -> Entity | None:
    """The outlet whose report the whole article relays ("This was reported by 24 Channel with
    reference to Bloomberg"): it carried the quotes the article repeats."""
    doc = ctx.doc
    for token in doc:
        if token.lower_ == "reference" and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to":
            after = token.i + 2
        elif token.lower_ == "citing" and token.i + 1 < len(doc):
            after = token.i + 1
        else:
            continue
        if doc[after].lower_ == "the" and after + 1 < len(doc):
            after += 1
        entity = ctx.entity_at(after)
        subject = next((t for t in token.sent if t.dep_ in {"nsubj", "nsubjpass"}), None)
        if entity is not None and entity.cls == Cls.MediaOrganization and subject is not None \
                and subject.lower_ in {"this", "it", "that"}:
            return entity
    return None


def article_ref(ctx: Context) -> Ref:
    return (ARTICLE, ctx.article.id)
