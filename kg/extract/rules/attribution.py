"""Who cites whom: "reported by 24 Channel with reference to Bloomberg", "according to X"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span

from kg.extract.rules.base import Candidate, Context, register
from kg.extract.rules.common import (
    POSSESSIVE_MARKS, coordinated_people, is_organization, is_person, names_party, owned_person,
)
from kg.extract.rules.titles import HEAD_OFFICES, NOT_THE_HEAD, head_in_office
from kg.vocab import Cls, Rel

# Verbs whose subject, when an organization, is a source the article cites.
PUBLISHING_VERBS = {"write", "report", "publish"}
# Verbs that report speech on their own ("X said", "says X", "X told Reuters"); the other
# reporting verbs count only with a reported clause ("X claims that ...", "X warned ...: ...").
SPEECH_VERBS = {"say", "tell", "write", "report", "tweet"}


def _source_after(ctx: Context, i: int):
    """The person or organization named at token ``i`` (skipping "the")."""
    if i < len(ctx.doc) and ctx.doc[i].lower_ == "the":
        i += 1
    entity = ctx.entity_at(i) if i < len(ctx.doc) else None
    return entity if is_person(entity) or is_organization(entity) else None


def _reference_phrases(sent: Span) -> Iterator[int]:
    """Token index right after "with reference to", "citing" or "quoting" in a sentence."""
    for token in sent:
        if token.lower_ == "reference" and token.i + 1 < sent.end and token.nbor(1).lower_ == "to":
            yield token.i + 2
        elif token.lower_ in {"citing", "quoting"}:
            yield token.i + 1


@register("attribution_reference.v1")
def attribution_reference(ctx: Context) -> Iterator[Candidate]:
    """"This was reported by X with reference to Y" / "X reported, citing Y" -> Y cited_by X."""
    for sent in ctx.doc.sents:
        for i in _reference_phrases(sent):
            source = _source_after(ctx, i)
            reporter = _reporter(ctx, sent)
            if source is not None and reporter is not None and reporter != source:
                yield Candidate(source, Rel.cited_by, reporter, sent, 0.85)


def _reporter(ctx: Context, sent: Span):
    """Who reports in a sentence: the agent of a passive ("reported by X") or the subject."""
    for token in sent:
        if token.dep_ == "agent" or (token.lower_ == "by" and token.head.lemma_ in PUBLISHING_VERBS | {"say"}):
            entity = _source_after(ctx, token.i + 1)
            if entity is not None:
                return entity
    for token in sent:
        if token.dep_ == "nsubj" and token.head.dep_ == "ROOT":
            entity = ctx.entity_at(token)
            if is_person(entity) or is_organization(entity):
                return entity
    return None


# Nouns for a document or a count whose maker is the source: "according to a Gallup poll",
# "according to an analysis by Moody's economists Mark Zandi and Sophia Koropeckyj".
DOCUMENT_NOUNS = {
    "poll", "survey", "study", "report", "analysis", "data", "figures", "estimate", "estimates", "tally",
    "count", "statement", "release", "documents", "records", "memo", "letter", "investigation",
    "review", "audit", "research", "paper", "article", "story", "interview", "post", "tweet", "transcript",
}


def _according_sources(ctx: Context, to) -> list:
    """The named sources of "according to PHRASE": the phrase's own name and its conjuncts
    ("according to Gallup and Ipsos"), the person a title introduces ("according to Director of
    National Intelligence James R. Clapper"), or the maker of a document ("a Kaiser Family Foundation
    poll", "a report in The State", "an analysis by X and Y"). Names inside a relative clause or a
    participle phrase ("documents filed in a case against X") are not sources."""
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return []
    head = objects[0]
    heads = [head, *[c for c in head.conjuncts if c.i > head.i]]
    found: list = []
    for noun in heads:
        others = {t.i for c in noun.conjuncts if c.head.i == noun.i for t in c.subtree}  # read on their own
        tokens = [t for t in noun.subtree if t.i not in others and not _in_clause(t, noun)]
        named = [ctx.entity_at(t) for t in tokens]
        people = [e for e in named if is_person(e)]
        organizations = [e for e in named if is_organization(e)]
        entity = ctx.entity_at(noun)
        if people:  # "Director of National Intelligence James R. Clapper": the person, not the title
            # (and the outlet whose journalist it is: "according to Capital New York's Joe Pompeo")
            picks = people + [e for t, e in zip(tokens, named) if is_organization(e) and owned_person(ctx, t) in people]
        elif is_organization(entity):
            picks = [entity]
        elif noun.lemma_.lower() in DOCUMENT_NOUNS or noun.lower_ in DOCUMENT_NOUNS:
            picks = [e for e in organizations if e.cls != Cls.PoliticalParty]
        else:
            picks = []  # "according to multiple GOP sources": unnamed people of a named group
        for entity in picks:
            if entity not in found:
                found.append(entity)
    return found


def _in_clause(token, top) -> bool:
    """Whether ``token`` sits inside a relative clause or participle phrase below ``top``."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ in {"relcl", "acl", "advcl", "ccomp"}:
            return True
        token = token.head
    return False


@register("according_to.v3")
def according_to(ctx: Context) -> Iterator[Candidate]:
    """"according to the General Staff, ..." -> General Staff cited_by this article; also the
    person a title introduces, each of several sources, and the maker of a poll or report
    ("according to a new Kaiser Family Foundation poll" -> Kaiser Family Foundation). v3: a journalist and the
    outlet whose possessive names them ("according to Capital New York's Joe Pompeo" -> both)."""
    doc = ctx.doc
    for token in doc:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            for source in _according_sources(ctx, doc[token.i + 1]) or filter(None, [_source_after(ctx, token.i + 2)]):
                if not _loose_party(ctx, source, token):
                    yield Candidate(source, Rel.cited_by, ctx.article_ref(), token.sent, 0.75)


# What someone denies when the denial is a statement of theirs: "Judge has denied the allegations".
DENIED_NOUNS = {
    "allegation", "accusation", "claim", "charge", "report", "wrongdoing", "characterization", "account", "remark",
    "comment", "statement",
    "story", "rumor", "knowledge", "involvement", "responsibility", "assertion", "suggestion",
}


@register("reporting_verb.v7")
def reporting_verb(ctx: Context) -> Iterator[Candidate]:
    """The named subject of a reporting verb is a source this article cites.

    "Bloomberg writes that ...", "Liam Fox said", "says Bota Ilijas", "CNN and Reuters report"
    (each subject), "Kilimnik denies that characterization", "Matt Bevin, who says ..." -> cited_by
    this article;
    "Tim Osborne told the Reuters news agency" -> Tim Osborne cited_by Reuters, and by this article;
    "first reported by BuzzFeed and The Intercept" -> each agent cited_by this article.
    "The president said" is the president in office whom the article names. A bare "he"/"she" says
    nothing here (v3): on the allsides dev split the nearest-person guess was right 2 times in 8;
    quotes resolve pronoun speakers with more evidence (``kg.extract.quotes``).
    v4: the subject of the verb a reporting participle hangs from ("The White House eased off, saying ..."),
    "as X has alleged" with no clause of its own; nobody in a question ("whether Trump told Cohen to lie").
    v5: the subject of a verb a second reporting verb is joined to ("Clinton appeared on CNN and told Anderson
    Cooper that ..."); the person an unnamed spokesperson or a lawyer speaks for ("a spokesman for Republican
    Governor Rick Scott said", "Smyth's lawyers said"); "X, a rights group, which warned ..." is X.
    v6: the outlet of "during a CNN town hall" and of "X said in a statement, according to TASS" cites X too;
    "reports Time's Dan Hirschhorn" parsed with the outlet as subject is the journalist.
    v7: every person of a list the parse splits ("Sens. Kamala Harris, D-Calif., Mazie Hirono and Cory Booker
    said"); the verbs of attribution.tsv grew (speculate, charge, complain, lament, ...); a
    characterization ("Rick Gates described Kilimnik as a former spy", "branded by Steve Scalise as the
    president's bill"); a denial of someone's remarks ("Eric Trump has denied those remarks"); an organization's
    unnamed officials ("Nato officials say"); nothing under could, might, should or may, nor inside someone's quoted
    words ("'... what the CIA has told us,' he said").
    Measured precision: v4 127 of 135 (allsides dev split of 109 articles, tests/gold/allsides/dev.tsv, 2026-12-04).
    """
    for token in ctx.doc:
        verb = token.head
        reporting = verb.lemma_ in ctx.lexicon.reporting_verbs
        if token.dep_ == "nsubj" and (not reporting or (verb.dep_ == "ROOT" and not _reports_content(verb))) \
                and (participle := _reporting_participle(ctx, verb)) is not None:
            # "The White House has eased off, saying the president did not intend ...", "Christie declared a state
            # of emergency and said ..."
            verb = participle
        if verb.lemma_ not in ctx.lexicon.reporting_verbs:
            continue
        if token.dep_ == "agent":
            if verb.lemma_ not in LABELLING or _characterizes(verb):  # "branded by Scalise as ...", not "by Nike"
                yield from _agents(ctx, token)
            continue
        if token.dep_ != "nsubj":
            continue
        if ctx.quoted(token) and ctx.quoted(verb):
            continue  # "'... better than what the CIA has told us'": a report inside someone's quoted words (v7)
        if verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children):
            continue  # "the figures reported by ..." is not a report by the subject
        if any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in verb.children):
            continue  # "whether Trump told Cohen to lie": a question, no statement
        if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in verb.children):
            continue  # "Emma Lazarus could have written a poem about it": nothing was said
        # "as Cohen has alleged": the bare verb of an "as" clause (not "as Trump insists on a deal", a time)
        as_alleged = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) and all(
            c.dep_ in {"nsubj", "aux", "mark", "advmod", "punct", "neg"} for c in verb.children)
        if not _reports_content(verb) and not as_alleged:
            continue  # "Rank announced a study", "Trump insists on a deal": no reported content
        outlets = _outlets_of(ctx, verb)
        for subject in (token, *token.conjuncts):
            if subject.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl":
                subject = verb.head  # "Matt Bevin, who says ...", "Human Rights Watch, which warned ..."
                if subject.dep_ == "appos" and ctx.entity_at(subject) is None:
                    subject = subject.head  # "Human Rights Watch, a rights group, which warned ..."
            source = owned_person(ctx, subject) or ctx.entity_at(subject) or _appositive_person(ctx, subject) \
                or _spokesperson_for(ctx, subject)
            if is_organization(source):
                source = _titled_person_after(ctx, subject) or source  # "Mercatus Center research fellow X argued"
            if source is not None and source.cls == Cls.PoliticalParty and not names_party(ctx, subject):
                source = _appositive_person(ctx, subject)  # "Democrats say", "a congressional Democrat says": members
            confidence = 0.8
            if source is None and subject.lower_ in HEAD_OFFICES and _definite(subject):
                source, confidence = head_in_office(ctx, subject.lower_), 0.7  # "the president said"
            if not (is_person(source) or is_organization(source)) or _loose_party(ctx, source, verb):
                continue
            speakers = [source]
            if is_person(source) and subject == token:
                # "Sens. Kamala Harris, D-Calif., Mazie Hirono and Cory Booker said": a list the parse splits (v7)
                speakers += listed_with(ctx, subject)
            for speaker in speakers:
                yield Candidate(speaker, Rel.cited_by, ctx.article_ref(), token.sent, confidence)
                for outlet in outlets:
                    if outlet != speaker:
                        yield Candidate(speaker, Rel.cited_by, outlet, token.sent, confidence)


def listed_with(ctx: Context, token) -> list:
    """The people listed after the person named at ``token``, in a list that ends with "and" and a name ("Reps.
    Adam Schiff, Jerry Nadler and Eliot Engel"): not an owner in an apposition ("Anna Vetter, Valadao's
    spokeswoman")."""
    span = ctx.mention_span(token)
    listed = coordinated_people(ctx, span) if span is not None else []
    if not listed or ctx.doc[listed[-1][0].start - 1].lower_ != "and":
        return []
    doc = ctx.doc
    if any(s.end < len(doc) and (doc[s.end].tag_ == "POS" or doc[s.end].text in POSSESSIVE_MARKS) for s, _ in listed):
        return []
    return [person for _, person in listed]


def _reporting_participle(ctx: Context, verb):
    """A reporting participle, or a second verb, with a clause that hangs from ``verb`` and has no subject of
    its own ("eased off, saying the president did not intend ...", "appeared on CNN and told Anderson Cooper
    that ..."): its speaker is ``verb``'s subject."""
    for child in verb.children:
        if child.dep_ in {"advcl", "xcomp", "conj"} and (child.tag_ == "VBG" or child.dep_ == "conj") \
                and child.lemma_ in ctx.lexicon.reporting_verbs \
                and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children) \
                and any(c.dep_ in {"ccomp", "parataxis"} for c in child.children):
            return child
    return None


# Nouns that carry a statement of their owner's ("Trump's claim that ...").
CLAIM_NOUNS = {"claim", "assertion", "statement", "warning", "allegation", "suggestion", "argument",
               "insistence", "contention", "admission", "prediction", "announcement", "promise", "vow", "denial"}


@register("reporting_noun.v1")
def reporting_noun(ctx: Context) -> Iterator[Candidate]:
    """"President Donald Trump's claim that the battle is nearly won", "the agency's warning that ...": the
    owner of a statement noun with its "that" clause is a source the article cites. Measured precision: 2 of 2
    (allsides dev split of 109 articles, 2026-12-04)."""
    for noun in ctx.doc:
        if noun.lemma_.lower() not in CLAIM_NOUNS or noun.pos_ != "NOUN" or ctx.quoted(noun):
            continue
        clause = any(c.dep_ in {"acl", "ccomp"} and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                     for c in noun.children)
        if not clause:
            continue
        for owner in (c for c in noun.children if c.dep_ == "poss"):
            source = ctx.entity_at(owner)
            if (is_person(source) or is_organization(source)) and source.cls != Cls.PoliticalParty:
                yield Candidate(source, Rel.cited_by, ctx.article_ref(), noun.sent, 0.75)


def _titled_person_after(ctx: Context, token):
    """The person an organization's name titles: "Mercatus Center research fellow Veronique de Rugy" -> the
    fellow (lower-case title words, at most four, between the name and the person)."""
    span = ctx.mention_span(token.i)
    if span is None:
        return None
    i = span.end
    while i < min(len(ctx.doc), span.end + 4) and ctx.doc[i].is_lower and ctx.doc[i].pos_ in {"NOUN", "ADJ"}:
        i += 1
    person = ctx.entity_at(i) if i > span.end and i < len(ctx.doc) else None
    return person if is_person(person) else None


# Verbs that put out a statement ("X issued a statement", "X released a statement saying ...").
ISSUING_VERBS = {"issue", "release", "put", "send"}


@register("statement_issued.v3")
def statement_issued(ctx: Context) -> Iterator[Candidate]:
    """"The White House later issued a statement commending the Senate", "the RNC, which issued a statement":
    whoever issues or releases a statement is a source the article cites. v2: "Mednax sent a statement to
    Axios saying ...": sent, and to an outlet, which cites the sender too. v3: each of several subjects ("Reps. Adam
    Schiff, Jerry Nadler and Eliot Engel issued a statement"). Measured on the allsides dev split
    of 109 articles (2026-12-04): 2 of 2."""
    for noun in ctx.doc:
        if noun.lemma_.lower() not in {"statement"} or noun.dep_ != "dobj" or ctx.quoted(noun):
            continue
        verb = noun.head
        if verb.lemma_ not in ISSUING_VERBS or (verb.lemma_ == "put" and not any(c.lower_ == "out" for c in verb.children)):
            continue
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            if subject.lower_ in {"which", "who", "that"} and verb.dep_ == "relcl":
                subject = verb.head
            source = ctx.entity_at(subject)
            if (is_person(source) or is_organization(source)) and source.cls != Cls.PoliticalParty:
                yield Candidate(source, Rel.cited_by, ctx.article_ref(), noun.sent, 0.75)
                if is_person(source):
                    for other in listed_with(ctx, subject):  # "Reps. A, B and C issued" (v3)
                        yield Candidate(other, Rel.cited_by, ctx.article_ref(), noun.sent, 0.75)
                for to in (c for c in [*verb.children, *noun.children] if c.dep_ in {"prep", "dative"} and c.lower_ == "to"):
                    for outlet in (ctx.entity_at(o) for o in to.children if o.dep_ == "pobj"):
                        if _is_outlet(outlet) and outlet != source:
                            yield Candidate(source, Rel.cited_by, outlet, noun.sent, 0.75)


# Modals that make a report hypothetical: "X could have written", "X might say" (not "would": "X wouldn't say
# whether ..." is said to someone, who reports it).
HYPOTHETICAL = {"could", "might", "should", "may"}


# Verbs that report a characterization: "described Kilimnik as a former spy", "labeled impeachment a political process".
CHARACTERIZING = {"describe", "label", "brand", "characterize", "characterise", "dub"}
# Of those, the ones that name things without saying anything ("shoes branded by Nike", "a file labeled by date").
LABELLING = {"label", "brand", "dub"}


def _reports_content(verb) -> bool:
    """Whether a reporting verb carries what was said: a speech verb on its own ("X said"), a
    denial of a statement ("X denied the allegations"), a characterization ("X described Y as Z", "X labeled
    Y a Z"), or any reporting verb with a clause."""
    if verb.lemma_ == "deny":  # "X denied that ...", "X denied the allegations"; not "X denied it, Y denied it"
        return any(c.dep_ == "ccomp" or (c.dep_ == "dobj" and c.lemma_.lower() in DENIED_NOUNS) for c in verb.children)
    if verb.lemma_ in CHARACTERIZING and _characterizes(verb):
        return True
    return verb.lemma_ in SPEECH_VERBS or any(c.dep_ in {"ccomp", "parataxis"} for c in verb.children)


def _characterizes(verb) -> bool:
    """"described Y as Z", "labeled Y a Z": an "as" phrase or an object predicate ("a product branded by Nike" has
    neither)."""
    return any((c.dep_ == "prep" and c.lower_ == "as") or c.dep_ == "oprd" for c in verb.children)


def _agents(ctx: Context, by) -> Iterator[Candidate]:
    """"the messages, first reported by BuzzFeed and The Intercept": each named agent of a passive
    report is a source (a person or an organization). Not "reported by 24 Channel with reference to
    Bloomberg": that outlet relays the article's report (attribution_reference.v1 reads it)."""
    if any(True for _ in _reference_phrases(by.sent)):
        return  # "reported by 24 Channel with reference to Bloomberg": the relaying outlet, not a source
    for noun in (c for c in by.children if c.dep_ == "pobj"):
        for agent in (noun, *noun.conjuncts):
            source = ctx.entity_at(agent)
            if is_person(source) or is_organization(source):
                yield Candidate(source, Rel.cited_by, ctx.article_ref(), by.sent, 0.75)


def _loose_party(ctx: Context, source, cue) -> bool:
    """A party named inside someone's quoted words ("'Hillary Clinton always denied it, the Democrats always
    denied it,' he added"; "'according to the senators and the Republicans'"): loose talk about a party,
    not the article citing it. People and other organizations a quote reports stay sources ("'Josh
    Earnest says ...,' Tamara adds")."""
    return source.cls == Cls.PoliticalParty and ctx.quoted(cue)


def _definite(noun) -> bool:
    """"the president", "the U.S. president"; not "a president", "the former president", "vice president"."""
    children = list(noun.children)
    return any(c.dep_ == "det" and c.lower_ == "the" for c in children) and not any(
        c.dep_ in {"amod", "compound"} and c.lower_ in NOT_THE_HEAD for c in children)


SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen"}
# Who speaks for a person: "Smyth's lawyers said", "an attorney for Mr. Menendez said".
COUNSEL = {"lawyer", "lawyers", "attorney", "attorneys"}
# Unnamed people who speak for an organization named before them: "Nato officials say".
OFFICIALS = {"officials", "spokespeople", "representatives"}


def _spokesperson_for(ctx: Context, subject):
    """"A Defense Ministry spokesman said", "the company's spokeswoman said", "a spokesman for Republican
    Governor Rick Scott said", "Smyth's lawyers said": the organization or person an unnamed spokesperson (or
    a person's lawyer) speaks for is the source (a named one is the subject's own entity); "Nato officials say":
    the organization (not a country's or a party's officials, "U.S. officials say", "Democratic aides said")."""
    counsel = subject.lower_ in COUNSEL
    officials = subject.lower_ in OFFICIALS
    if subject.lower_ not in SPOKESPEOPLE and not counsel and not officials:
        return None
    for child in subject.children:
        if child.dep_ in {"compound", "poss", "nmod"}:
            entity = ctx.entity_at(child)
            if officials:  # "Nato officials say", "Education Department officials have told": the body (v7)
                if is_organization(entity) and entity.cls != Cls.PoliticalParty:
                    return entity
                continue
            if is_person(entity) or (is_organization(entity) and not counsel):
                return entity
        if child.dep_ == "prep" and child.lower_ in {"for", "of"}:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            entity = ctx.entity_at(obj) if obj is not None else None
            if is_person(entity) or (is_organization(entity) and not counsel):
                return entity
    return None


def _appositive_person(ctx: Context, subject):
    """"The head of the Foundation, Mikhail Vinogradov, believes ...": the person in apposition."""
    for token in subject.subtree:
        if token.dep_ == "appos" and is_person(ctx.entity_at(token)):
            return ctx.entity_at(token)
    return None


def _told_outlet(ctx: Context, verb):
    """The news outlet someone "told" ("told the Reuters news agency", "told the BBC's Newsnight")."""
    if verb.lemma_ != "tell":
        return None
    for child in verb.children:
        if child.dep_ in {"dobj", "dative", "iobj"}:
            entity = ctx.entity_at(child)
            if entity is None:
                entity = next((ctx.entity_at(c) for c in child.subtree if ctx.entity_at(c) is not None), None)
            if entity is not None and entity.cls == Cls.MediaOrganization:
                return entity
    return None


# What someone writes in an outlet: "wrote in a New York Times op-ed".
WRITINGS = {"op-ed", "ed", "column", "piece", "article", "essay", "editorial", "letter", "commentary"}


def _is_outlet(entity) -> bool:
    return entity is not None and entity.cls == Cls.MediaOrganization


# What a speaker says on an outlet's air: "in an interview with Fox News", "during a CNN town hall".
APPEARANCES = {"interview", "hall", "appearance", "broadcast", "program", "programme", "podcast", "debate"}


def _outlets_of(ctx: Context, verb) -> list:
    """The news outlets that carried what a reporting verb reports (v5): the one it was "told" and every outlet
    joined to it ("told the Financial Times and the Guardian"); the outlet it was said "on" or "in an interview
    with" ("said on MSNBC", "said in an interview with Fox News", "said in a Fox News interview"); the outlet
    that reports the sentence around it ("X said ..., the official news agency IRNA reported"); v6: "during a CNN
    town hall", "X said in a statement, according to Russia's TASS News Agency"."""
    found = []
    told = _told_outlet(ctx, verb)
    if told is not None:
        found.append(told)
        for child in verb.children:
            if child.dep_ in {"dobj", "dative", "iobj"}:
                found += [e for c in child.conjuncts if _is_outlet(e := ctx.entity_at(c))]
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if prep.lower_ == "on" and _is_outlet(entity := ctx.entity_at(obj)):
                found.append(entity)  # "said on MSNBC"
            elif prep.lower_ == "in" and verb.lemma_ == "write" and _is_outlet(entity := ctx.entity_at(obj)):
                found.append(entity)  # "wrote in The Atlantic"
            elif (prep.lower_ in {"in", "during"} and obj.lemma_ in APPEARANCES | STATEMENT_NOUNS) or \
                    (prep.lower_ == "in" and verb.lemma_ == "write" and obj.lemma_ in WRITINGS):
                # "in an interview with Fox News", "in a Fox News interview", "wrote in a New York Times op-ed"
                # "in a statement to The New Yorker" (v6): a statement's outlet is only the one it went to
                statement = obj.lemma_ in STATEMENT_NOUNS
                linked = {"to"} if statement else {"with", "to"}
                inside = [*([] if statement else obj.children),
                          *(o for p in obj.children if p.dep_ == "prep" and p.lower_ in linked for o in p.children)]
                found += [e for c in inside if c.dep_ in {"compound", "nmod", "pobj"} and _is_outlet(e := ctx.entity_at(c))]
        if prep.lower_ == "according":  # "X said in a statement, according to Russia's TASS News Agency"
            found += [e for to in prep.children if to.lower_ == "to"
                      for c in to.children if c.dep_ == "pobj" and _is_outlet(e := ctx.entity_at(c))]
    # "X said ..., the official news agency IRNA reported": the verb's clause is what the outlet reports
    head = verb.head
    if verb.dep_ in {"ccomp", "parataxis"} and head.lemma_ in {"report", "say"} and head.i > verb.i:
        found += [e for c in head.children if c.dep_ == "nsubj" and _is_outlet(e := ctx.entity_at(c))]
    return list(dict.fromkeys(found))


# A document whose maker is a source when the article reports what it says: "A survey by the Federal
# Reserve found ...", "a recent MIT study estimating ...", "the statement from Corker and Menendez".
FINDING_VERBS = {
    "find", "show", "say", "estimate", "conclude", "suggest", "report", "reveal", "indicate", "put", "project",
    "predict", "note", "warn", "state", "claim", "argue", "call",
}
STATEMENT_NOUNS = {"statement", "comment", "remark"}


@register("document_source.v3")
def document_source(ctx: Context) -> Iterator[Candidate]:
    """The named maker of a poll, study, report or statement the article reports from is a source.

    "A survey by the Federal Reserve last year found ..." -> Federal Reserve cited_by this article;
    "a recent MIT study estimating ..." -> MIT; "A Gallup poll shows ..." -> Gallup; "the joint statement
    from Corker and Menendez" -> each. The document must say something in the sentence (be the subject
    of find/show/say/estimate..., or carry a participle such as "estimating"); a statement or comment
    counts with "from X"/"by X", or with X's name before it when it says something ("X's statement
    that ..."). "Gallup's polling methods", "a study by Harvard is planned", "the SEC filing" and
    "X's statement on the server" give nothing.
    v2: a document with a "that" clause of what it says ("a report in Der Spiegel that the agency ..."); the
    outlet a report or op-ed appeared in; the employers of a document's authors ("a study by economists from
    the New York Fed, Columbia University and Princeton University" -> each). v3: that list read by its commas and
    "and" where the parse splits it into appositions.
    """
    for noun in ctx.doc:
        lemma = noun.lemma_.lower()
        if noun.pos_ not in {"NOUN", "PROPN"} or ctx.entity_at(noun) is not None:
            continue
        said = noun.dep_ in {"nsubj", "nsubjpass"} and noun.head.lemma_ in FINDING_VERBS
        said = said or any(c.dep_ in {"acl", "relcl"} and c.lemma_ in FINDING_VERBS for c in noun.children)
        # a "that" clause of what it says (the parser may hang it as a relative clause: "that" is then its mark)
        content = said or any((c.dep_ in {"acl", "ccomp"} and any(m.lower_ == "that" for m in c.children))
                              or (c.dep_ == "relcl" and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children))
                              for c in noun.children)
        if lemma in STATEMENT_NOUNS:  # "the statement from X"; "X's statement that ..."
            makers = _makers(ctx, noun, named_before=content)
        elif lemma in DOCUMENT_NOUNS and content:  # "a survey by X found", "a report in Der Spiegel that ..."
            makers = _makers(ctx, noun, named_before=True)
        else:
            continue
        for maker in makers:
            yield Candidate(maker, Rel.cited_by, ctx.article_ref(), noun.sent, 0.7)


def _makers(ctx: Context, noun, named_before: bool) -> list:
    """Who made a document: "by X (and Y)", "from X", and when ``named_before``, a name before it
    ("a Gallup poll", "the Kaiser Family Foundation's survey")."""
    heads, outlets = [], []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                heads.extend([obj, *obj.conjuncts])
        elif child.dep_ == "prep" and child.lower_ == "in":  # "a report in Der Spiegel", "an op-ed in the Times"
            outlets.extend(c for c in child.children if c.dep_ == "pobj")
        elif named_before and child.dep_ in {"compound", "poss", "nmod"} and child.i < noun.i:
            heads.append(child)
    makers = []
    for head in list(heads):
        if ctx.entity_at(head) is None:  # "by economists from the New York Fed, Columbia and Princeton"
            makers.extend(_employers(ctx, head))
    for head in heads:
        entity = ctx.entity_at(head)
        if (is_person(entity) or is_organization(entity)) and entity not in makers:
            makers.append(entity)
    for outlet in outlets:
        entity = ctx.entity_at(outlet)
        if entity is not None and entity.cls == Cls.MediaOrganization and entity not in makers:
            makers.append(entity)
    return makers


# Words that show a sentence gives a poll's numbers: "Gallup has his approval at 39 percent".
POLL_WORDS = {"poll", "polls", "polling", "survey", "surveys", "percent", "%", "approval", "points", "lead", "leads"}


@register("pollster_figures.v1")
def pollster_figures(ctx: Context) -> Iterator[Candidate]:
    """A polling organization named where the article gives poll numbers is a source it cites.

    "Gallup has Trump's job approval at 39 percent, Quinnipiac at 37" -> Gallup and Quinnipiac University
    cited_by this article; "a new Monmouth University poll" -> Monmouth. The pollsters are those of
    FiveThirtyEight's ratings (pollsters.tsv). The sentence must hold a poll word ("percent", "poll", "points"), and the
    name must be outside quotation marks and not say where someone works ("a University of Connecticut
    researcher", "director of the Monmouth University Polling Institute"); "Quinnipiac University, a school in
    Connecticut" gives nothing.
    """
    for ent in ctx.doc.ents:
        entity = ctx.entities.of(ent)
        if entity is None or entity.name not in ctx.lexicon.pollster_names or ctx.quoted(ent.start):
            continue
        root, sent = ent.root, ent.sent
        if root.dep_ in {"compound", "nmod", "poss"} and root.head.lower_ not in POLL_WORDS | DOCUMENT_NOUNS:
            continue  # "a University of Connecticut education researcher": where someone works
        if root.dep_ == "pobj" and root.head.lower_ in {"at", "of"} and root.head.head.pos_ in {"NOUN", "PROPN"} \
                and root.head.head.lower_ not in POLL_WORDS | DOCUMENT_NOUNS:
            continue  # "a professor at the University of Cincinnati", "director of the Monmouth ... Institute"
        if any(t.lower_ in POLL_WORDS for t in sent):
            yield Candidate(entity, Rel.cited_by, ctx.article_ref(), sent, 0.7)


# Verbs of a public stance on someone or something: "Rep. X criticized the deal", "Y called on Congress to act".
# Not "reject", "dismiss", "attack" or "defend": a court rejects a request, an army attacks a town.
STANCE_VERBS = {
    "criticize", "criticise", "blast", "slam", "condemn", "denounce", "decry", "lambaste", "praise", "applaud",
    "urge", "welcome", "rip",
}


@register("stance_verb.v1")
def stance_verb(ctx: Context) -> Iterator[Candidate]:
    """The named person or organization that takes a public stance in the article is a source it cites.

    "Rep. Curt Lane (R-Fla.) criticized the deal" -> Curt Lane cited_by this article; "MORE-UFT blasted the mayor
    for ignoring warnings"; "Corey Li and Ana Stern have called on the department to close schools" (each).
    The verb must have an object or a clause ("blasted through his ceiling" takes no stance); not a pronoun (as
    for reporting verbs), a party's members ("Democrats slammed it") or a question. Measured on the allsides dev
    split (139 articles, 2026-12-04): 2 right, 0 wrong, beyond the sources other rules find.
    """
    for verb in ctx.doc:
        lemma = verb.lemma_
        called_on = lemma == "call" and any(c.dep_ == "prep" and c.lower_ == "on" for c in verb.children) \
            and any(c.dep_ in {"xcomp", "advcl"} and any(a.lower_ == "to" for a in c.children) for c in verb.children)
        if (lemma not in STANCE_VERBS and not called_on) or verb.pos_ != "VERB" or ctx.quoted(verb):
            continue
        if any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in verb.children):
            continue
        if not called_on and not any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in verb.children):
            continue  # "Trump blasted through his ceiling": no one stood against or for
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            for token in (subject, *subject.conjuncts):
                source = owned_person(ctx, token) or ctx.entity_at(token)
                if source is not None and source.cls == Cls.PoliticalParty and not names_party(ctx, token):
                    continue
                if is_person(source) or is_organization(source):
                    yield Candidate(source, Rel.cited_by, ctx.article_ref(), verb.sent, 0.7)


# Participles by which an outlet carries what the article cites: "the images, obtained by the Associated Press",
# "a report published in Le Monde", "as quoted in the Guardian".
CARRYING_PARTICIPLES = {"obtained", "published", "quoted"}


@register("outlet_carried.v1")
def outlet_carried(ctx: Context) -> Iterator[Candidate]:
    """A news outlet that carried what the article cites, and the source an article goes by "per".

    "the images, obtained by the Associated Press", "new revelations published in Le Monde", "he said, as quoted in
    the Guardian" -> the outlet cited_by this article (only a news outlet: "documents obtained by the FBI" cite no
    FBI); "Per AP, McConnell indicated ...", "per Politico," -> the person or organization after "per", when a
    comma or the sentence's end closes the name ("per the Constitution" names no source).
    """
    doc = ctx.doc
    for token in doc[:-2]:
        word = token.lower_
        if word in CARRYING_PARTICIPLES and doc[token.i + 1].lower_ in {"by", "in"}:
            outlet = _source_after(ctx, token.i + 2)
            if _is_outlet(outlet):
                yield Candidate(outlet, Rel.cited_by, ctx.article_ref(), token.sent, 0.75)
        elif word == "per":
            span = ctx.mention_after_the(token.i + 1)
            source = _source_after(ctx, token.i + 1)
            closed = span is not None and (span.end >= token.sent.end or doc[span.end].text in {",", "."})
            if source is not None and closed and source.cls != Cls.PoliticalParty:
                yield Candidate(source, Rel.cited_by, ctx.article_ref(), token.sent, 0.75)


# People whose findings an article reports by their employer: "economists at Harvard and Berkeley crunched the numbers".
RESEARCHERS = {"economist", "researcher", "scientist", "analyst", "expert", "academic", "scholar", "professor",
               "epidemiologist", "statistician", "pollster", "demographer", "historian"}
# What researchers do that reports a finding, besides FINDING_VERBS and the reporting verbs.
STUDY_VERBS = {"crunch", "study", "analyze", "analyse", "calculate", "examine", "survey", "forecast", "expect", "model",
               "measure", "track", "count", "compare", "review"}


def _employers(ctx: Context, people) -> list:
    """The organizations people are "at", "from" or "with": "economists from the New York Fed, Columbia University
    and Princeton University" -> all three (a list the parse may split into appositions)."""
    found = []
    for prep in (c for c in people.children if c.dep_ == "prep" and c.lower_ in {"from", "at", "of", "with"}):
        span = ctx.mention_after_the(prep.i + 1)
        for entity in _organizations_listed(ctx, span) if span is not None else []:
            if entity not in found:
                found.append(entity)
    return found


def _organizations_listed(ctx: Context, span) -> list:
    """The organization named at ``span`` and those listed after it ("X, Y and Z", "X and Y")."""
    doc, found = ctx.doc, []
    while span is not None:
        entity = ctx.entities.of(span)
        if not is_organization(entity):
            break
        found.append(entity)
        i = span.end
        if i < len(doc) and doc[i].text == ",":
            i += 1
        if i < len(doc) and doc[i].lower_ == "and":
            i += 1
        if i == span.end:
            break
        span = ctx.mention_after_the(i)
    return found


@register("researchers_at.v1")
def researchers_at(ctx: Context) -> Iterator[Candidate]:
    """Researchers named by their employer who find or say something: the employer is a source.

    "Economists at Harvard and Berkeley crunched the numbers", "researchers from Columbia University found",
    "analysts at Goldman Sachs expect ..." -> each organization cited_by this article. The researchers must be
    the subject of a finding, reporting or study verb; "economists at Harvard were surprised" or "a scientist at
    NASA" alone give nothing.
    """
    findings = FINDING_VERBS | STUDY_VERBS | ctx.lexicon.reporting_verbs
    for noun in ctx.doc:
        if noun.tag_ != "NNS" or noun.lemma_.lower() not in RESEARCHERS or noun.dep_ != "nsubj" \
                or noun.head.lemma_ not in findings or ctx.quoted(noun):
            continue
        for employer in _employers(ctx, noun):
            yield Candidate(employer, Rel.cited_by, ctx.article_ref(), noun.sent, 0.7)


# The signature an embedded social-media post leaves in a page's text: "— Mike Cernovich (@Cernovich) February 22,
# 2019", "— Donald J. Trump (@realDonaldTrump) June 5, 2018".
POST_SIGNATURE = re.compile(
    r"(?:—|--|-)[ \t]*(?P<name>[^\n(—]{2,60}?)[ \t]*\(@\w{1,30}\)[ \t]*(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December) \d{1,2}, \d{4}")


@register("embedded_post.v1")
def embedded_post(ctx: Context) -> Iterator[Candidate]:
    """The author of a social-media post the article embeds is a source it cites.

    "Great now I love Feinstein. https://t.co/... — Mike Cernovich (@Cernovich) February 22, 2019" -> Mike
    Cernovich cited_by this article. The name must be a person or an organization the article's entities know
    (at that place, or by that name elsewhere in the article: "Sunrise Movement 🌅 (@sunrisemvmt)").
    """
    for match in POST_SIGNATURE.finditer(ctx.text):
        span = ctx.doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
        if span is None:
            continue
        found = [ctx.entities.of(m) for m in span.ents]
        source = next((e for e in found if is_person(e) or is_organization(e)), None)
        if source is None:  # a name the model did not tag here, known from the article ("Sunrise Movement 🌅")
            name = re.sub(r"[^\w .'’&-]", "", match.group("name")).strip()
            source = next((e for e in ctx.entities.entities if (is_person(e) or is_organization(e))
                           and (e.name == name or name in e.aliases)), None)
        if source is not None and source.cls != Cls.PoliticalParty:
            yield Candidate(source, Rel.cited_by, ctx.article_ref(), span.sent, 0.75)
