"""Run the registered extractors over one article and attach evidence to what they find."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span

from kg.extract.entities import resolve_entities
from kg.extract.quotes import extract_quotes
from kg.extract.quotes.marks import MARK
from kg.model import ARTICLE, Article, ArticleResult, Entity, Evidence, Fact, Period, Quote, Ref
from kg.extract.rules import EXTRACTORS, Candidate, Context
from kg.extract.time import ROLE_RELATIONS, time_of
from kg.nlp.holders import OfficeHolders, load_office_holders
from kg.nlp.lexicon import Lexicon
from kg.read.dates import read_date
from kg.vocab import PERSON, Cls, Rel

log = logging.getLogger("kg.extract.facts")

CONFIDENCE_DIGITS = 2

# The learned classifier is the fallback for wordings no rule reads: where a rule read the
# same two entities in the same sentence, the rule's more specific relation stands alone
# ("US lawyer Jamie Firestone" is citizen_of, not also lives_in; "Microsoft chief executive
# Steve Ballmer" heads, which already implies works_for).
FALLBACK_RULES = frozenset({"pair_classifier.v1"})

# The confidence a rule's facts need by default (``min_confidence=None``), by (rule, relation). The
# classifier, trained on CoNLL04, was mostly wrong on modern news: on the allsides dev split (85 articles,
# tests/gold/allsides/dev.tsv) 27 of its 99 facts were right at its own thresholds and 7 of 7 at 0.9 and
# above (lives_in 3 of 31 right, based_in 1 of 18, located_in 5 of 9, works_for 22 of 41); on the BBC gold
# 3 of 8. An explicit ``min_confidence`` (``kg build --min-confidence 0``) replaces these floors with one
# floor for every fact; scripts/eval_conll04.py scores with 0 (the classifier's own thresholds) by default.
CLASSIFIER_FLOOR = 0.9
DEFAULT_MIN_CONFIDENCE = {
    ("pair_classifier.v1", relation): CLASSIFIER_FLOOR for relation in (Rel.works_for, Rel.lives_in, Rel.based_in, Rel.located_in, Rel.killed)
}


def _floor(rule: str, relation: str, min_confidence: float | None) -> float:
    if min_confidence is not None:
        return min_confidence
    return DEFAULT_MIN_CONFIDENCE.get((rule, relation), 0.0)


def _ref(value: Entity | Ref) -> Ref:
    return value.ref if isinstance(value, Entity) else value


def _evidence(article: Article, candidate: Candidate, rule: str) -> Evidence:
    sentence = candidate.sentence
    if sentence is None:
        return Evidence(article.id, f"By {article.author}", None, None, rule, round(candidate.confidence, CONFIDENCE_DIGITS))
    text = sentence.text.strip()
    start = sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
    return Evidence(article.id, text, start, start + len(text), rule, round(candidate.confidence, CONFIDENCE_DIGITS))


def _mention(ctx: Context, sentence: Span, ref: Ref, near: Ref) -> Span | None:
    """The mention of ``ref`` in the sentence, the one closest to a mention of ``near`` when several."""
    spans = [ent for ent in sentence.ents if (e := ctx.entities.of(ent)) is not None and e.ref == ref]
    if len(spans) < 2:
        return spans[0] if spans else None
    others = [ent.start for ent in sentence.ents if (e := ctx.entities.of(ent)) is not None and e.ref == near]
    return min(spans, key=lambda s: min((abs(s.start - o) for o in others), default=0))


def _time(ctx: Context, candidate: Candidate, subject: Ref, obj: Ref) -> Period:
    """When a role fact holds, from the words around its subject (:func:`kg.extract.time.time_of`)."""
    if candidate.relation not in ROLE_RELATIONS or candidate.sentence is None:
        return Period()
    span = _mention(ctx, candidate.sentence, subject, obj)
    if span is None:
        return Period()
    return time_of(span, ctx.title_tokens, ctx.article.date, _mention(ctx, candidate.sentence, obj, subject))


def contradicts_office_holders(fact: Fact, holders: OfficeHolders) -> str | None:
    """Why a leader_of fact is clearly wrong against the list of office holders, or ``None``.

    Clearly wrong: the person is on the list (so their offices are known), the country is
    on it too, and the person never held an office of that country ("Donald Trump leader_of
    Russia"). Anyone the list does not know is left alone.
    """
    if fact.relation != Rel.leader_of or fact.subject[0] != "person" or fact.object[0] != "place":
        return None
    person, country = fact.subject[1], fact.object[1]
    held = holders.countries_of(person)
    if not held or not holders.covers(country) or country in held:
        return None
    return (f"{fact.evidence.article_id}: dropped {person} leader_of {country} ({fact.evidence.rule}): "
            f"the office holders list has {person} in office in {', '.join(sorted(held))} only")


# How many years after a holder's last listed year an article must be for its present-tense
# "President George W. Bush" to be read as a former role: 2 leaves the year after a term alone
# (the list has years, not days) and the year after a row the list only confirms up to
# (office_holders_history.tsv writes "present" as 2019).
FORMER_AFTER_YEARS = 2


def status_from_office_holders(fact: Fact, holders: OfficeHolders, year: int | None) -> Fact:
    """A leader_of fact whose sentence gives no status, in an article dated well after every term
    the list of office holders has for the person in that country, with status ``former``.

    News names past leaders with their title and no cue ("signed into law by President George W.
    Bush shortly after the 9/11 attacks" in a 2018 article); read as current, such a sentence
    kept George W. Bush "observed current" on a 2018 date. The fact and its interval are
    unchanged; only the status of this occurrence is set. Anyone the list does not know, a
    stated status, and a term still open are left alone.
    """
    if (year is None or fact.relation != Rel.leader_of or fact.time.status is not None
            or fact.subject[0] != "person" or fact.object[0] != "place"):
        return fact
    terms = holders.terms(fact.subject[1], fact.object[1])
    if terms and all(end is not None and year >= end + FORMER_AFTER_YEARS for _, end in terms):
        return replace(fact, time=replace(fact.time, status="former"))
    return fact


def extract_facts(
    article: Article,
    doc: Doc,
    lexicon: Lexicon,
    *,
    rules: Iterable[str] | None = None,
    min_confidence: float | None = None,
    quotes: bool = True,
) -> ArticleResult:
    """Resolve the article's entities, run the rules and return its facts with evidence.

    The same fact read twice from one sentence (by two rules) is kept once, with the
    most confident rule (a named rule before the classifier, :func:`_rank`); read from two sentences it is
    kept twice, once per evidence.
    The classifier's reading of two entities gives way to a rule's reading of the same two
    in the same sentence (:data:`FALLBACK_RULES`). Each role fact gets its time here, in one
    place for all rules: status and years from the words around its subject (:mod:`kg.extract.time`).
    A leader_of fact the list of office holders contradicts is dropped, the reason kept in
    ``ArticleResult.dropped`` (:func:`contradicts_office_holders`); one about a person whose
    listed terms all ended well before the article's date is a former role
    (:func:`status_from_office_holders`).
    Facts below ``min_confidence`` are left out; ``None`` applies the per-rule floors of
    :data:`DEFAULT_MIN_CONFIDENCE`.
    ``quotes=False`` reads no quotes (and no
    fact derived from one): what ``scripts/bench_quotes.py`` compares the cost of quotes with.
    """
    entities = resolve_entities(doc, article, lexicon)
    ctx = Context(doc, article, entities, lexicon)
    best: dict[tuple, Fact] = {}
    implied: dict[Ref, Entity] = {}
    for name in sorted(rules if rules is not None else EXTRACTORS):
        for candidate in EXTRACTORS[name](ctx):
            if candidate.confidence < _floor(name, candidate.relation, min_confidence):
                continue
            for end in (candidate.subject, candidate.object):
                if isinstance(end, Entity) and end.mentions == 0:
                    implied.setdefault(end.ref, end)
            subject, obj = _ref(candidate.subject), _ref(candidate.object)
            if subject == obj:
                continue
            fact = Fact(subject, candidate.relation, obj, _evidence(article, candidate, name), _time(ctx, candidate, subject, obj))
            key = (subject, candidate.relation, obj, fact.evidence.start)
            held = best.get(key)
            if held is None or _rank(fact) > _rank(held):
                best[key] = fact

    def pair(fact: Fact) -> tuple:
        return frozenset((fact.subject, fact.object)), fact.evidence.start

    fragments: list[Quote] = []
    found = extract_quotes(ctx, fragments) if quotes else ()
    for fact in quote_facts(sorted((*found, *fragments), key=lambda q: (q.start, q.end, q.kind)), lexicon.reporting_verbs):
        if fact.evidence.confidence < _floor(fact.evidence.rule, fact.relation, min_confidence):
            continue
        key = (fact.subject, fact.relation, fact.object, fact.evidence.start)
        held = best.get(key)
        if held is None or _rank(fact) > _rank(held):
            best[key] = fact
    read_by_rules = {pair(f) for f in best.values() if f.evidence.rule not in FALLBACK_RULES}
    kept = [f for f in best.values() if f.evidence.rule not in FALLBACK_RULES or pair(f) not in read_by_rules]
    kept = without_own_outlet(kept, own_outlet(ctx))
    kept = [f for f in kept if not (f.relation == Rel.cited_by and f.object[1] in lexicon.platforms)]
    holders = load_office_holders()
    dropped = sorted({reason for f in kept if (reason := contradicts_office_holders(f, holders))})
    kept = [f for f in kept if contradicts_office_holders(f, holders) is None]
    year = _year(article.date)
    kept = [status_from_office_holders(f, holders, year) for f in kept]
    for reason in dropped:
        log.info(reason)
    facts = sorted(kept, key=lambda f: (f.evidence.start or -1, f.subject, f.relation, f.object))
    return ArticleResult(article, _with_implied(entities.entities, implied, facts), tuple(facts), tuple(dropped), found)


def own_outlet(ctx: Context) -> frozenset[Ref]:
    """The entities that are the outlet publishing the article (known by its URL, ``outlets.tsv``, or
    named by the input's ``outlet``): "CNN" in a story on cnn.com."""
    names = set()
    if (outlet := ctx.lexicon.outlet_of(ctx.article.url)) is not None:
        names.add(_outlet_key(outlet.name))
    if ctx.article.outlet:
        names.add(_outlet_key(ctx.article.outlet))
    return frozenset(e.ref for e in ctx.entities.entities
                     if e.cls == Cls.MediaOrganization and any(_outlet_key(a) in names for a in (e.name, *e.aliases)))


def _outlet_key(name: str) -> str:
    """"The New York Times" and "New York Times - News" -> "new york times"; "CNN (Web News)" -> "cnn"."""
    name = name.split(" (")[0].split(" - ")[0].strip().lower()
    return name.removeprefix("the ")


def without_own_outlet(facts: list[Fact], own: frozenset[Ref]) -> list[Fact]:
    """ANNOTATION.md: the article's own outlet is no source of it. "X told CNN" in a CNN story gives no
    ``X cited_by CNN`` (the article itself cites X: ``X cited_by ARTICLE`` stays), "..., Fox News is told"
    in a Fox News story no ``Fox News cited_by ARTICLE``. The quote keeps its addressee. (The outlet's own
    reporters stay sources: "NPR's Tamara Keith reports" in an NPR story is one by the allsides gold.)"""
    if not own:
        return facts
    # and its programs: "said Monday on CNN's \"New Day\"" in a CNN story
    own = own | {f.subject for f in facts if f.relation == Rel.part_of and f.object in own}
    return [f for f in facts if f.relation != Rel.cited_by or not (f.object in own or f.subject in own)]


def _year(date: object) -> int | None:
    """The article's year, when its date gives one."""
    value = read_date(date).value
    return int(value[:4]) if value and value[:4].isdigit() else None


def _rank(fact: Fact) -> tuple[bool, float]:
    """Which of two readings of one fact in one sentence to keep: a named rule's before the classifier's
    (:data:`FALLBACK_RULES`, however confident), then the more confident."""
    return fact.evidence.rule not in FALLBACK_RULES, fact.evidence.confidence


def _with_implied(entities: tuple[Entity, ...], implied: dict[Ref, Entity], facts: list[Fact]) -> tuple[Entity, ...]:
    """The article's entities plus those only its facts name ("United States government" from
    "Secretary of State Mike Pompeo"), each with no mention of its own."""
    known = {e.ref for e in entities}
    used = {ref for f in facts for ref in (f.subject, f.object)}
    extra = [e for ref, e in sorted(implied.items()) if ref in used and ref not in known]
    return tuple(sorted([*entities, *extra], key=lambda e: (e.kind, e.name))) if extra else entities


# A quote makes its speaker a cited source when the speaker is named in reach (0.8 and up) or resolved
# from "he"/"she" or a title ("the president said", 0.7); a quote continued without any attribution
# (0.5-0.6) does not. 0.7 rather than 0.8 raised named sources on the allsides dev split from 0.916 / 0.778
# to 0.913 / 0.800 (kg eval tests/gold/allsides/dev.tsv, 2026-12-03); 0.6 added one more.
SOURCE_CONFIDENCE = 0.7


def _cites_person(quote: Quote, reporting_verbs: frozenset[str]) -> bool:
    """Whether reported speech cites its speaker as a source: a person (named in reach, or resolved from
    "he"/"she" or a title at :data:`SOURCE_CONFIDENCE`; not an organization: "the committee rejected", "House Republican
    leaders said"), with a reporting verb (attribution.tsv: not "declared", "vowed to") and a statement, not an intention
    ("vowed to leave the union"); or a frame that quotes the person's own words ("Holder ... calling his
    conduct “unacceptable”", "Trump, who called it "a message of hope"")."""
    # ("call" only: the subject of "by accusing Democrats of a “war on coal”" is often misread)
    quoted_frame = quote.cue == "call" and MARK.search(quote.text) is not None
    return (quote.speaker[0] == PERSON
            and (quote.cue in reporting_verbs or quoted_frame) and not quote.text.lower().startswith("to "))


def quote_facts(quotes: Iterable[Quote], reporting_verbs: frozenset[str]) -> Iterator[Fact]:
    """``X cited_by ARTICLE`` for every direct quote with a named speaker, and also
    ``X cited_by OUTLET`` when it was said to an outlet ("told the BBC"): the article cites X
    either way (ANNOTATION.md: "X told the BBC" *adds* X cited_by BBC). The facts today's queries
    read, derived from the quotes.

    Reported speech ("X said that ...", "according to X") makes its speaker a source through
    ``reporting_verb.v7`` and ``according_to.v3``, and also here when the indirect quote names a person
    with a reporting verb (:func:`_cites_person`): the quote's speaker resolution reads "Ms. Rice argued",
    "Judge Kavanaugh denied the allegation", "Boehner's press spokesman ... saying" where the rule's does
    not. On the allsides dev split (139 articles, kg eval tests/gold/allsides/dev.tsv, 2026-12-04) that raised
    named sources from 0.963 / 0.849 to 0.963 / 0.857; every indirect quote's speaker (organizations, titles,
    pronouns, any cue) added as many wrong sources as right ones. Since the pronoun resolution reads first
    names' gender and stops at the last paragraph naming someone (stop 22), a person resolved from "he"/"she"
    or a title counts too: dev named sources 0.968 / 0.876 -> 0.968 / 0.880, 2 right, none wrong (2026-12-04).
    A quote nested in someone else's reported speech
    ("Sullivan said Ebbers told him to "hit our books"") cites the reporter, not the one quoted.
    The evidence is the quote's sentence and the rule the case that read the quote.
    """
    reported = [q for q in quotes if q.kind == "indirect"]
    for quote in quotes:
        if quote.speaker is None or quote.kind == "according_to" or quote.confidence < SOURCE_CONFIDENCE:
            continue
        if quote.kind == "indirect" and not _cites_person(quote, reporting_verbs):
            continue
        if any(r.start <= quote.start and quote.end <= r.end and r.speaker != quote.speaker for r in reported):
            continue
        end = quote.sentence_start + len(quote.sentence)
        evidence = Evidence(quote.article_id, quote.sentence, quote.sentence_start, end, quote.rule, quote.confidence)
        yield Fact(quote.speaker, Rel.cited_by, (ARTICLE, quote.article_id), evidence)
        if quote.outlet is not None and quote.outlet != quote.speaker and quote.outlet[1] == quote.addressee:
            yield Fact(quote.speaker, Rel.cited_by, quote.outlet, evidence)
