"""Reported speech: "X said (that) CLAUSE", "CLAUSE, X said", "according to X, CLAUSE".

Read from spaCy's dependency parse: a cue verb (``kg/nlp/lexicons/quote_cues.tsv``) whose
subject resolves to a person or organization and whose clausal complement is the reported
clause. Only resolvable speakers are kept (an "official said" is no attributed quote).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.quotes.speakers import SUBJECTS, Speaker, Speakers, addressee, subject_of
from kg.extract.rules.base import Context
from kg.model import Entity

# A reported clause shorter than this (in tokens) is no statement ("he said so").
MIN_CLAUSE_TOKENS = 3
# Cues whose direct object is what was said ("denied the allegations", "disputed that characterization").
OBJECT_CUES = {"deny", "dispute", "reject", "dismiss", "confirm"}
# Objects that stand for what is said, when a cue of OBJECT_CUES takes them ("denied the allegations", "disputed
# that characterization", "denied knowledge of the gathering"); other objects are things, not statements
# ("rejected a State.gov email account", "dismissed the dossier").
STATEMENT_OBJECTS = {
    "allegation", "accusation", "claim", "charge", "report", "story", "assertion", "characterization",
    "characterisation", "suggestion", "rumor", "rumour", "notion", "knowledge", "wrongdoing", "involvement",
    "responsibility", "statement", "comment", "remark", "assessment", "finding", "conclusion",
}
# Cues whose infinitive is what was said ("vowed to hike tariffs", "promised to ask China").
INTENT_CUES = {"promise", "vow", "pledge", "threaten"}
# Cues whose words are framed by an object: "called the plan a disaster", "accused Trump of lying",
# "called on Congress to act". The reported span runs from the object to the end of the frame.
FRAME_CUES = {"call", "accuse"}
# Verbs that withhold what their cue would report: "declined to say", "refused to comment".
WITHHELD = {"decline", "refuse", "fail"}
# Leading words of a clause that are not part of what was said: "said [that] ...".
CLAUSE_MARKERS = {"that"}


@dataclass(frozen=True)
class Reported:
    """One reported statement: the clause's token span and its attribution."""

    kind: str  # indirect | according_to
    clause: Span
    speaker: Speaker
    cue: str
    addressee: str | None
    addressee_entity: Entity | None
    sentence: Span
    rule: str


def _trim(span: Span, minimum: int = MIN_CLAUSE_TOKENS) -> Span | None:
    """The clause without its leading "that" and surrounding punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space
                           or (doc[start].lower_ in CLAUSE_MARKERS and doc[start].dep_ != "det")):  # not "that claim"
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in {"\u201d", '"'}:
        end -= 1
    return doc[start:end] if end - start >= minimum else None


def _subtree_span(token: Token) -> Span:
    return token.doc[token.left_edge.i:token.right_edge.i + 1]


def indirect_clauses(ctx: Context, speakers: Speakers) -> Iterator[Reported]:
    """``indirect_clause.v2``: "X said (that) CLAUSE" and inverted "CLAUSE, says X".

    v2: not a cue in a question ("asked whether X told the buyers that ...").
    """
    for verb in ctx.doc:
        cue = ctx.lexicon.cue_lemma(verb)
        if cue is None or not _is_verb(verb):
            continue
        if speakers.inside_quote(verb.idx):
            continue  # a cue inside a quotation is part of what was said
        subject = subject_of(verb, speakers.inside_quote)
        if subject is None or speakers.inside_quote(subject.idx):
            continue
        if any(c.dep_ == "neg" for c in verb.children):
            continue  # "he did not say who": no statement reported
        if verb.dep_ == "xcomp" and verb.head.lemma_ in WITHHELD:
            continue  # "officials declined to say how much": nothing said
        if any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in verb.children):
            continue  # v2: "asked whether Reyes told the buyers that ...": a question, nothing said
        parenthetical = _parenthetical_clause(verb)
        clause = _in_paragraph(parenthetical or _clause_of(verb), verb)
        if clause is None or (clause.start <= verb.i < clause.end and parenthetical is None) \
                or not _is_statement(ctx, clause):
            # A clause around its own cue is a parse of "what he acknowledged was ...", "which he said
            # generated ...": the cue sits in a relative clause and what it reports is not the span.
            continue
        speaker = speakers.of_token(subject)
        if speaker is None:
            continue
        name, entity = addressee(ctx, verb)
        yield Reported("indirect", clause, speaker, cue, name, entity, verb.sent, "indirect_clause.v2")


def _is_verb(token: Token) -> bool:
    """A verb, or a cue the tagger took for a noun that has a subject and a clause of its own ("Trump
    claims he's unable to ...", with "claims" tagged a noun)."""
    if token.pos_ in {"VERB", "AUX"}:
        return True
    return token.pos_ == "NOUN" and token.tag_ == "NNS" and any(c.dep_ == "nsubj" for c in token.children) \
        and any(c.dep_ == "ccomp" and c.i > token.i for c in token.children)


# A clause opening with a relative pronoun is a parse that hung a relative clause below the cue
# ("did not say who ...", "which three he was acknowledging"), not what was said.
QUESTION_WORDS = {"who", "whom", "whose", "which"}


def _is_statement(ctx: Context, clause: Span) -> bool:
    """Whether a clause can be what someone said: no relative pronoun first, not a bare "X said"
    (a second cue the parse hung below the first), not a headline in capitals."""
    text = clause.text
    if clause[0].lower_ in QUESTION_WORDS:
        return False
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        return False
    root = clause.root
    if root.lemma_ in ctx.lexicon.quote_cues and root.pos_ in {"VERB", "AUX"} and len(clause) <= 5:
        return False
    return True


def _in_paragraph(clause: Span | None, verb: Token) -> Span | None:
    """The part of a clause in the cue's paragraph (a parse may run on over a paragraph break)."""
    if clause is None or "\n" not in clause.text:
        return clause
    doc = clause.doc
    breaks = [t.i for t in clause if "\n" in t.text or "\n" in t.whitespace_]
    before = [b for b in breaks if b < verb.i]
    after = [b for b in breaks if b >= verb.i]
    start = before[-1] + 1 if before else clause.start
    end = after[0] + 1 if after else clause.end
    return _trim(doc[max(start, clause.start):min(end, clause.end)])


def _clause_of(verb: Token) -> Span | None:
    """The reported clause of a cue verb: its ``ccomp``, or for "CLAUSE, X said" the clause it hangs on."""
    if verb.lemma_ in FRAME_CUES:
        return _framed(verb)
    for child in verb.children:
        if child.dep_ == "dobj" and verb.lemma_ in OBJECT_CUES and child.i > verb.i and _states(child):
            return _trim(_subtree_span(child), minimum=2)  # "X denied the allegations"
        if child.dep_ == "xcomp" and verb.lemma_ in OBJECT_CUES and child.i > verb.i and child.tag_ in {"VBG", "VBN"}:
            return _trim(_subtree_span(child), minimum=1)  # "X denied lying", "denied being involved in"
        if child.dep_ == "xcomp" and verb.lemma_ in INTENT_CUES and child.i > verb.i:
            return _trim(_subtree_span(child), minimum=2)  # "X vowed to hike tariffs"
        if child.dep_ == "ccomp" and child.i > verb.i:  # "X said (that) CLAUSE"
            return _trim(_subtree_span(child))
        if child.dep_ == "ccomp" and verb.doc[child.right_edge.i + 1].text == "," and _ends_its_clause(verb):
            return _trim(_subtree_span(child))  # "CLAUSE, says X" (parsed as a ccomp before the verb)
    head = verb.head
    if verb.dep_ in {"parataxis", "ccomp"} and head.i < verb.i and head.pos_ in {"VERB", "AUX"} \
            and verb.left_edge.i > 0 and verb.doc[verb.left_edge.i - 1].text == ",":
        # "Putin has to set priorities, ..., says Bota Ilijas": the head's words before the cue.
        start = head.left_edge.i
        end = verb.left_edge.i
        return _trim(verb.doc[start:end])
    return None


def _parenthetical_clause(verb: Token) -> Span | None:
    """The clause round a cue set off by commas inside it: "After all, he added, the strategy is new",
    "What's needed, Cordesman said, are advisers" (the parse hangs the cue on the clause's verb as
    parataxis). The clause's words before the cue count when they hold its subject; "After all," does not."""
    head, doc = verb.head, verb.doc
    if verb.dep_ != "parataxis" or head.i <= verb.i or head.pos_ not in {"VERB", "AUX"} \
            or doc[verb.right_edge.i].text != ",":
        return None
    before = doc[head.left_edge.i:verb.left_edge.i] if head.left_edge.i < verb.left_edge.i else None
    if before is not None and any(t.head == head and t.dep_ in SUBJECTS | {"csubj"} for t in before):
        return _trim(doc[head.left_edge.i:head.right_edge.i + 1])
    return _trim(doc[verb.right_edge.i + 1:head.right_edge.i + 1])


def _states(obj: Token) -> bool:
    """Whether a cue's object is a statement (:data:`STATEMENT_OBJECTS`) or holds a clause of its own."""
    return obj.lemma_.lower() in STATEMENT_OBJECTS or any(t.pos_ == "VERB" and t.dep_ in {"relcl", "acl", "ccomp"}
                                                          for t in obj.subtree)


def _ends_its_clause(verb: Token) -> bool:
    """Whether a cue has nothing of its own after it, as in "CLAUSE, X said (on Monday)": one with an
    object or a clause after it ("In January, Trump dismissed the dossier") is a sentence of its own
    whose first words the parse hung on it. Whom it was told is no object of that kind ("CLAUSE, X told
    the AP")."""
    own = {"ccomp", "xcomp"} if verb.lemma_ == "tell" else {"dobj", "ccomp", "xcomp", "dative"}
    return not any(c.i > verb.i and c.dep_ in own for c in verb.children)


def _framed(verb: Token) -> Span | None:
    """The span of a framing cue (:data:`FRAME_CUES`), or ``None`` when the frame is incomplete
    ("called for talks", "called him on Friday" and "accused of fraud" report nothing)."""
    doc = verb.doc
    children = [c for c in verb.children if c.i > verb.i]
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if verb.lemma_ == "accuse":
        # "accused Trump of turning a blind eye": the object and what it is accused of
        of = next((c for c in (*children, *(obj.children if obj is not None else ())) if c.dep_ == "prep" and c.lower_ == "of"), None)
        return _trim(doc[obj.left_edge.i:of.right_edge.i + 1], minimum=2) if obj is not None and of is not None else None
    on = next((c for c in children if c.dep_ == "prep" and c.lower_ == "on"), None)
    act = next((c for c in children if c.dep_ == "xcomp"), None)
    if obj is None and on is not None and act is not None and act.i > on.i:
        return _trim(doc[on.i + 1:act.right_edge.i + 1])  # "called on House lawmakers to approve it"
    if obj is None:
        return None
    predicate = next((c for c in children if c.dep_ == "oprd"), None)
    quoted = obj.right_edge.i + 1 < len(doc) and doc[obj.right_edge.i + 1].text in {"\u201c", '"'}
    if predicate is not None:
        return _trim(doc[obj.left_edge.i:predicate.right_edge.i + 1], minimum=2)  # "called the comments very nice"
    if quoted:
        return _trim(doc[obj.left_edge.i:verb.right_edge.i + 1], minimum=2)  # calling it “in tatters”
    return None


def _source_end(doc, start: int, sent_end: int) -> int:
    """End of the source after "according to": the next comma, sentence end or verb (at most 12 tokens)."""
    end = start
    while end < min(sent_end, start + 12):
        token = doc[end]
        if token.text in {",", ".", ";", ":", "!", "?", "\u2014"} or (token.pos_ in {"VERB", "AUX"} and end > start):
            break
        end += 1
    return end


def according_to(ctx: Context, speakers: Speakers) -> Iterator[Reported]:
    """``according_to_phrase.v1``: "according to X, CLAUSE" / "CLAUSE, according to X"."""
    doc = ctx.doc
    for token in doc:
        if token.lower_ != "according" or token.i + 2 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        if speakers.inside_quote(token.idx):
            continue
        sent = token.sent
        phrase_end = _source_end(doc, token.i + 2, sent.end)
        speaker = None
        for candidate in doc[token.i + 2:phrase_end]:
            speaker = speakers.of_token(candidate)
            if speaker is not None:
                break
        if speaker is None:
            continue
        # "according to a poll released Thursday": the participle's words belong to the source, not the clause
        # (and name no speaker: "a copy given to POLITICO" is not POLITICO's)
        after_source = phrase_end
        if phrase_end < sent.end and doc[phrase_end].dep_ == "acl" and token.i + 2 <= doc[phrase_end].head.i < phrase_end:
            after_source = min(sent.end, doc[phrase_end].right_edge.i + 1)
        clause = _around(doc, sent, token.i, after_source)
        if clause is None:
            continue
        yield Reported("according_to", clause, speaker, "according to", None, None, sent, "according_to_phrase.v1")


def _around(doc, sent: Span, phrase_start: int, phrase_end: int) -> Span | None:
    """The clause an "according to X" phrase is attached to, on either side of it.

    "The losses, according to the military, amount to ...": the clause runs round the phrase
    (its subject before, its verb after); "By the way, according to X, CLAUSE": only after.
    """
    before = _trim(doc[sent.start:phrase_start])
    after = _trim(doc[phrase_end:sent.end])
    if before is None or after is None:
        return before or after
    verbs_before = any(t.pos_ in {"VERB", "AUX"} for t in before)
    verbs_after = any(t.pos_ in {"VERB", "AUX"} for t in after)
    if verbs_before and not verbs_after:
        return before
    if verbs_after and verbs_before:
        return after if len(after) >= len(before) else before
    if verbs_after and len(before) <= 4 and doc[phrase_start - 1].text == "," and before[0].pos_ == "ADP":
        return after  # "By the way, according to X, ..."
    return doc[before.start:after.end]
