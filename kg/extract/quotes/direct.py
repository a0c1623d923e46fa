"""Direct quotes: words in quotation marks, and who said them.

Each way of attributing a quotation is one small function (a *case*) registered under a
versioned name; the name travels with the quote as its rule. The cases are tried in
:data:`ORDER` for each quotation-mark span:

- ``direct_after.v4``: ``"...," said X`` / ``"...," X said`` / ``"...," X told the BBC``;
- ``direct_dash.v1``: ``"..." -X`` / ``"..." — X``;
- ``direct_before.v4``: ``X said: "..."`` and fragments inside an attributed sentence
  (``X noted that the Kremlin sees it as a "regional problem"``);
- ``direct_between.v1``: the second half of ``"...," X said. "..."``;
- ``direct_colon.v3``: ``X wrote on Facebook:`` / ``TRUMP:`` right before the quotation;
- ``direct_continued.v3``: a paragraph that carries on the previous paragraph's quote or reported speech;
- ``direct_paragraph.v1``: a long quotation with no cue in reach, said by the speaker of the quotation
  before it in its paragraph or the person the paragraph opens with (tried last);
- ``direct_unattributed.v1``: a long quotation with no speaker in reach (speaker unknown).

Spans that are no quotation (scare quotes, titles of songs and books, nicknames) are
dropped by :func:`is_label` before any case runs.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.entities import ORGANIZATION, PERSON
from kg.extract.quotes.marks import MarkSpan
from kg.extract.quotes.reported import FRAME_CUES
from kg.extract.quotes.speakers import HEARER_VERBS, SUBJECTS, Speaker, Speakers, addressee, subject_of, subjects_of
from kg.extract.rules.base import Context
from kg.extract.rules.common import names_party
from kg.model import Entity
from kg.vocab import Cls

# Words right before a quotation mark that make the quoted words a name or a label, not speech.
LABEL_CUES = {
    "song", "songs", "book", "books", "film", "films", "movie", "album", "novel", "show", "series", "program",
    "programme", "bill", "act", "titled", "entitled", "called", "dubbed", "named", "nicknamed", "hashtag",
    "slogan", "term", "terms", "word", "words", "phrase", "label", "headline", "motto", "chant", "so-called",
    "campaign", "operation", "podcast", "documentary", "column", "report", "poem", "play", "track",
    "single", "memoir", "tagline", "mantra", "brand",
}
# Words a title-case label may contain in lower case ("Make America Great Again", "Lord of the Rings").
TITLE_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "with", "at", "by", "from"}
# Nouns for what someone said, whose owner said the quotation after a colon ("Malbin's conclusion:").
SAYING_NOUNS = {
    "conclusion", "response", "reply", "answer", "verdict", "message", "advice", "warning", "view", "take", "explanation",
    "assessment", "reaction", "argument", "prediction", "retort", "words", "comment", "comments", "statement", "tweet",
}
DASHES = {"-", "\u2014", "\u2013", "--"}
# Words that open a lead naming what a quotation is about, not who said it ("Re Trump:", "Regarding the bill:").
TOPIC_OPENERS = {"re", "regarding", "concerning", "asked"}
# Most words of a quoted fragment inside someone's sentence that is a scare quote, not a quotation ("called the
# remarks “deeply troubling.”", "said he was “100 percent” certain"): unless it follows its cue right away
# ("responded “absolutely”") or opens its sentence.
MAX_FRAGMENT_WORDS = 3
# Tags of a finite verb (Penn Treebank): quoted words with one are a predicate, not a label.
FINITE_TAGS = {"VBZ", "VBP", "VBD", "MD"}
# Fewest words a quotation needs to count with no speaker in reach (shorter ones are labels).
MIN_UNATTRIBUTED_WORDS = 8
# How many tokens after a dash the speaker's name may end ("— White House Deputy Press Secretary Hogan Gidley").
DASH_REACH = 10
# How many tokens after the closing mark the attribution may sit ("...," the head of the Guards, ..., said).
AFTER_REACH = 30
_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f][\w'\u2019.-]*")


@dataclass(frozen=True)
class Attribution:
    """Who said a quotation, with the cue and addressee read next to it."""

    speaker: Speaker | None
    cue: str | None
    addressee: str | None
    addressee_entity: Entity | None
    window: Span | None  # the tokens that attribute it (for the evidence sentence)
    rule: str
    # a scare quote inside the speaker's reported sentence: no quotation of its own, but its speaker is
    # quoted by the article (a source) all the same
    fragment: bool = False
    # said by someone the text leaves unnamed ("...," she was told): no other case may name a speaker
    unnamed: bool = False


@dataclass
class QuoteState:
    """What the cases know while they walk one article's quotations in order."""

    ctx: Context
    speakers: Speakers
    previous: tuple[MarkSpan, Attribution] | None = None

    def paragraph_start(self, char: int) -> int:
        text = self.ctx.text
        return text.rfind("\n", 0, char) + 1


Case = Callable[[QuoteState, MarkSpan, Span], "Attribution | None"]
CASES: dict[str, Case] = {}


def case(name: str) -> Callable[[Case], Case]:
    """Register an attribution case under a versioned name."""

    def add(func: Case) -> Case:
        if name in CASES:
            raise ValueError(f"quote case {name!r} is registered twice")
        CASES[name] = func
        return func

    return add


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_label(ctx: Context, mark: MarkSpan) -> bool:
    """Quoted words that name or label something rather than report speech.

    A title ("Make America Great Again", "The Art of the Deal") is title case throughout and
    ends without sentence punctuation; a label follows a cue such as "the song", "dubbed",
    "so-called" or "the word".
    """
    text = ctx.text
    inner = text[mark.start:mark.end].strip()
    tokens = words(inner)
    if not tokens:
        return True
    before = words(text[max(0, mark.start - 40):mark.start - 1])[-2:]
    if any(w.lower() in LABEL_CUES for w in before):
        return True
    ends_sentence = inner[-1:] in {".", ",", "!", "?", ";", ":", "\u2026"}
    capitalised = all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS or w[0].isdigit() for w in tokens)
    return 2 <= len(tokens) <= 8 and capitalised and not ends_sentence and tokens[0][0].isupper()


def tokens_of(ctx: Context, mark: MarkSpan) -> Span:
    return ctx.doc.char_span(mark.start, mark.end, alignment_mode="expand")


def _cue_verbs(ctx: Context, tokens) -> list[Token]:
    # A framing cue's quoted words are part of what it reports ("called the plan “a disaster”"): they
    # are the indirect quote's, not a direct quote of their own.
    return [t for t in tokens if t.pos_ in {"VERB", "AUX"} and (lemma := ctx.lexicon.cue_lemma(t)) is not None
            and lemma not in FRAME_CUES]


# How a quotation hangs from the verb that reports it, when the quotation is a clause of its own.
GOVERNED = {"ccomp", "parataxis"}


def _governing_verb(ctx: Context, inner: Span, window: Span) -> Token | None:
    """The verb right next to the quotation whose complement the quoted clause is, whatever its lemma: the
    speech verbs the lexicon lacks or the tagger lemmatises wrong ("Feinstein deadpanned, “...”", "“...,”
    he mused"). Only a comma, colon or "that" may stand between the verb and the quotation mark."""
    for token in inner:
        head = token.head
        if token.dep_ not in GOVERNED or inner.start <= head.i < inner.end or not window.start <= head.i < window.end \
                or head.pos_ != "VERB" or head.lemma_ in FRAME_CUES:
            continue
        between = ctx.doc[head.i + 1:inner.start - 1] if head.i < inner.start else ctx.doc[inner.end + 1:head.i]
        if all(t.is_punct or t.lower_ == "that" or (head.i > inner.start and t.dep_ in SUBJECTS | {"compound", "det"})
               for t in between) and len(between) <= 4:
            return head
    return None


def _frames(verb: Token, inner: Span) -> bool:
    """Whether a framing cue's object or predicate holds the quotation ("accusing Democrats of waging a “war on
    coal”", "calls it “a disgrace”"): a word of the quotation is in the verb's subtree, after the verb."""
    return any(t.i > verb.i and verb.is_ancestor(t) for t in inner)


def _lexical(ctx: Context, verb: Token) -> bool:
    return verb.pos_ in {"VERB", "AUX"} and ctx.lexicon.cue_lemma(verb) is not None


def _attribute(state: QuoteState, verb: Token, window: Span, rule: str) -> Attribution | None:
    """Speaker, cue and addressee of one cue verb; ``None`` when the verb has no subject."""
    hearer = next((c for c in verb.children if c.dep_ == "nsubjpass"), None) if verb.lemma_ in HEARER_VERBS else None
    if hearer is not None:
        # "...," Fox News is told / she was told: said to the subject by someone the sentence does not name
        entity = state.ctx.entity_at(hearer)
        return Attribution(None, _cue_lemma(state.ctx, verb), entity.name if entity else None, entity, window, rule,
                           unnamed=True)
    subjects = subjects_of(verb, state.speakers.inside_quote)
    subject = subjects[0] if subjects else None
    speaker = None
    if subject is not None and not state.speakers.inside_quote(subject.idx):
        speaker = state.speakers.of_subjects(subjects)
    elif subject is None:
        # "...," said Smith: some parses leave the inverted name as the verb's object.
        for token in window:
            entity = state.ctx.entity_at(token)
            if entity is not None and entity.cls == Cls.PoliticalParty and not names_party(state.ctx, token):
                continue  # "“...,” lamented one Republican aide": a member of the party, not the party
            if entity is not None and entity.kind in (PERSON, ORGANIZATION) and abs(token.i - verb.i) <= 2:
                speaker = Speaker(entity, 0.8, "named")
                break
    if subject is None and speaker is None:
        return None
    name, entity = addressee(state.ctx, verb)
    return Attribution(speaker, _cue_lemma(state.ctx, verb), name, entity, window, rule)


def _cue_lemma(ctx: Context, verb: Token) -> str:
    if verb.lemma_ == "point" and any(c.lower_ == "out" for c in verb.children):
        return "point out"
    return ctx.lexicon.cue_lemma(verb) or verb.lemma_


def _window_after(ctx: Context, mark: MarkSpan) -> Span | None:
    """Tokens after the closing mark up to the end of their sentence, paragraph or next quote."""
    doc, text = ctx.doc, ctx.text
    close = mark.end + 1 if mark.end < len(text) and text[mark.end] in "\u201d\u00bb\"" else mark.end
    if text.startswith("''", close):
        close += 2  # a closing mark typed as two apostrophes
    first = doc.char_span(close, min(len(text), close + 1), alignment_mode="expand")
    if first is None or close >= len(text):
        return None
    start = first.start
    end = start
    while end < len(doc) and end - start < AFTER_REACH:
        token = doc[end]
        if "\n" in token.text or "\n" in token.whitespace_ or token.text in {"\u201c", '"', "\u00ab"}:
            end += 0 if "\n" in token.text or token.text in {"\u201c", '"', "\u00ab"} else 1
            break
        end += 1
        if token.text in {".", "!", "?"}:
            break
    return doc[start:end] if end > start else None


@case("direct_dash.v1")
def direct_dash(state: QuoteState, mark: MarkSpan, inner: Span) -> Attribution | None:
    """``"We will win." -John Smith`` or ``— John Smith``: a name right after a dash."""
    window = _window_after(state.ctx, mark)
    if window is None or len(window) < 2:
        return None
    first = window[0]
    if first.text not in DASHES and not (first.text.startswith("-") and len(first.text) > 1):
        return None
    # "— White House Deputy Press Secretary Hogan Gidley": the person the titles lead to, else the
    # organization right after the dash ("— the Pentagon")
    named = [e for t in window[1:DASH_REACH] if (e := state.ctx.entity_at(t)) is not None and e.kind in (PERSON, ORGANIZATION)]
    first_words = {e for t in window[1:4] if (e := state.ctx.entity_at(t)) is not None}
    person = next((e for e in named if e.kind == PERSON), None)
    entity = person or next((e for e in named if e in first_words), None)
    if entity is None:
        return None
    return Attribution(Speaker(entity, 0.85, "named"), None, None, None, window, "direct_dash.v1")


@case("direct_after.v4")
def direct_after(state: QuoteState, mark: MarkSpan, inner: Span) -> Attribution | None:
    """``"...," said X`` / ``"...," X said`` / ``"...," the minister told the BBC``. v4: an inverted speaker
    that is a party's member ("lamented one Republican aide") is not the party."""
    window = _window_after(state.ctx, mark)
    if window is None:
        return None
    # A quotation ending in a full stop has no comma for its attribution: a capitalised sentence after
    # it is a new one. "?" and "!" stand where the comma would ("Can I ask?" Collins said).
    ended = state.ctx.text[mark.start:mark.end].rstrip()[-1:] == "."
    if ended and window[0].is_title and len(window) > 8:
        return None  # a new sentence after a finished quotation, not its attribution
    for verb in _cue_verbs(state.ctx, window)[:1] or [v for v in (_governing_verb(state.ctx, inner, window),) if v]:
        found = _attribute(state, verb, window, "direct_after.v4")
        if found is not None and (found.speaker is not None or _lexical(state.ctx, verb)):
            return found
    if len(window) >= 3 and (window[0].text == "," or window[0].lower_ == "according"):
        return _according(state, window, "direct_after.v4")
    return None


def _according(state: QuoteState, window: Span, rule: str) -> Attribution | None:
    for token in window:
        if token.lower_ == "according" and token.i + 2 < len(state.ctx.doc) and token.nbor(1).lower_ == "to":
            speaker = state.speakers.of_token(token.nbor(2)) or next(
                (s for t in token.nbor(1).subtree if (s := state.speakers.of_token(t)) is not None), None)
            if speaker is not None:
                return Attribution(speaker, "according to", None, None, window, rule)
    return None


@case("direct_before.v4")
def direct_before(state: QuoteState, mark: MarkSpan, inner: Span) -> Attribution | None:
    """``X said: "..."``, ``X told the BBC, "..."``, a fragment inside an attributed sentence. v4: no cue before
    a frame that quotes the words speaks them ("the rules Obama will announce ... by accusing Democrats of a
    “war on coal”" is not Obama's)."""
    doc = state.ctx.doc
    if inner.start == 0:
        return None
    sent = doc[inner.start - 1].sent
    start = max(sent.start, doc.char_span(state.paragraph_start(mark.start), mark.start,
                                          alignment_mode="expand").start if mark.start > 0 else 0)
    if state.previous is not None and state.previous[0].end >= doc[start].idx:
        start = max(start, (doc.char_span(state.previous[0].end, state.previous[0].end + 1,
                                          alignment_mode="expand") or doc[start:start]).end)
    window = doc[start:inner.start - 1]
    # "... by accusing Democrats of waging a “war on coal”": words a frame quotes are that frame's, so no cue
    # before the frame ("the regulations that Mr. Obama is expected to announce") speaks them
    frame = max((t.i for t in window if t.lemma_ in FRAME_CUES and t.pos_ == "VERB" and _frames(t, inner)), default=None)
    if frame is not None:
        window = doc[frame + 1:inner.start - 1]
    unresolved = None
    governing = _governing_verb(state.ctx, inner, window)
    for verb in [*reversed(_cue_verbs(state.ctx, window)), *([governing] if governing is not None else [])]:
        found = _attribute(state, verb, window, "direct_before.v4")
        if found is not None and found.speaker is not None:
            return found
        if not _lexical(state.ctx, verb):
            continue  # a verb the quotation hangs from counts only with a speaker ("the statement reads")
        # "After the teen said she was 16, Feinstein deadpanned, “...”": a nearer cue whose subject is
        # nobody gives way to one further back whose subject is someone
        unresolved = unresolved or found
    if unresolved is not None:
        return unresolved
    if len(window) and (found := _according(state, window, "direct_before.v4")) is not None:
        return found
    return _previous_sentence(state, mark, sent) if window.start == sent.start else None


def _previous_sentence(state: QuoteState, mark: MarkSpan, sent: Span) -> Attribution | None:
    """``The notice is due Friday, he said. "But I think ..."``: a quotation opening a sentence
    takes the speaker of the sentence just before it in the same paragraph, if that one has a cue."""
    doc = state.ctx.doc
    if sent.start == 0:
        return None
    previous = doc[sent.start - 1].sent
    if previous.start_char < state.paragraph_start(mark.start) or state.speakers.inside_quote(previous.start_char):
        return None
    for verb in reversed(_cue_verbs(state.ctx, previous)):
        if state.speakers.inside_quote(verb.idx):
            continue
        found = _attribute(state, verb, previous, "direct_before.v4")
        if found is not None and found.speaker is not None:
            return found
    return None


@case("direct_between.v1")
def direct_between(state: QuoteState, mark: MarkSpan, inner: Span) -> Attribution | None:
    """The second half of ``"...," X said. "..."``: the attribution between the halves."""
    if state.previous is None:
        return None
    before, attribution = state.previous
    if attribution.rule not in {"direct_after.v4", "direct_dash.v1"} or attribution.window is None:
        return None
    gap = state.ctx.text[attribution.window.end_char:mark.start - 1]
    if "\n" in gap or len(gap.strip()) > 2 or not attribution.window[-1].is_punct:
        # (a quotation inside the attribution itself, "..., McConnell said, referring to a letter that
        # warned Sessions would “...”", is no second half: "X said." or "X said," ends with punctuation)
        return None
    return Attribution(attribution.speaker, attribution.cue, attribution.addressee, attribution.addressee_entity,
                       attribution.window, "direct_between.v1")


@case("direct_colon.v3")
def direct_colon(state: QuoteState, mark: MarkSpan, inner: Span) -> Attribution | None:
    """``Mitt Romney wrote on Facebook:`` / ``Mr Trump issued four tweets:`` / ``TRUMP: "..."``: a
    colon right before the quotation (at the end of its paragraph or of the one before) introduces it;
    the subject of the clause before the colon, or a name standing alone before it, said it. v2: the owner of a
    noun for what was said ("Malbin's conclusion:", "the senator's reply:"), and the agent of a passive cue
    ("something written by X, a journalist, is the sort of thing she may want to forget:"). v3: a name after a
    preposition is the topic, not the speaker ("On Christie: \u201cI like him.\u201d", "About Trump:")."""
    doc, text = state.ctx.doc, state.ctx.doc.text
    before = text[:max(0, mark.start - 1)].rstrip()
    if not before.endswith(":") or state.speakers.inside_quote(len(before) - 1):
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None or colon.start == 0:
        return None
    sent = doc[colon.start - 1].sent
    window = doc[max(sent.start, _after_previous_quote(state, sent)):colon.start]
    if 0 < len(window) <= 4:
        entity = state.ctx.entity_at(window[-1])
        topic = window[0].pos_ == "ADP" or window[0].lower_ in TOPIC_OPENERS  # "On Christie:" is what it is about (v3)
        if entity is not None and entity.kind in (PERSON, ORGANIZATION) and not topic:
            return Attribution(Speaker(entity, 0.8, "named"), None, None, None, window, "direct_colon.v3")
        # "Malbin's conclusion:", "The senator's reply:": the owner of a noun for what was said
        owner = next((c for c in window[-1].children if c.dep_ == "poss"), None) \
            if window[-1].lower_ in SAYING_NOUNS else None
        speaker = state.speakers.of_token(owner) if owner is not None else None
        if speaker is not None and speaker.entity.kind in (PERSON, ORGANIZATION):
            return Attribution(Speaker(speaker.entity, min(speaker.confidence, 0.75), speaker.how), None, None, None,
                               window, "direct_colon.v3")
    # "something recently written by David Cay Johnston, a journalist ..., is the sort of thing ...:": the agent
    # of a passive cue says the words, whoever the clause's subject is
    for by in (t for t in window if t.dep_ == "agent" and state.ctx.lexicon.cue_lemma(t.head) is not None):
        agent = next((c for c in by.children if c.dep_ == "pobj"), None)
        speaker = state.speakers.of_token(agent) if agent is not None else None
        if speaker is not None and speaker.entity.kind in (PERSON, ORGANIZATION):
            return Attribution(Speaker(speaker.entity, min(speaker.confidence, 0.75), speaker.how),
                               _cue_lemma(state.ctx, by.head), None, None, window, "direct_colon.v3")
    # (a verb of a relative clause describes a noun: "told the Post, which broke the story:")
    for verb in reversed([t for t in window if t.pos_ == "VERB" and t.dep_ != "relcl"]):
        subject = subject_of(verb, state.speakers.inside_quote)
        if subject is None or subject.i < window.start or state.speakers.inside_quote(subject.idx):
            continue
        speaker = state.speakers.of_token(subject)
        if speaker is not None:
            speaker = Speaker(speaker.entity, min(speaker.confidence, 0.7), speaker.how)
            cue = _cue_lemma(state.ctx, verb) if state.ctx.lexicon.cue_lemma(verb) is not None else None
            name, entity = addressee(state.ctx, verb)
            return Attribution(speaker, cue, name, entity, window, "direct_colon.v3")
        return None
    return None


def _after_previous_quote(state: QuoteState, sent: Span) -> int:
    """The first token after the previous quotation when it ends inside ``sent`` (else the sentence start)."""
    if state.previous is None or state.previous[0].end < sent.start_char:
        return sent.start
    span = state.ctx.doc.char_span(state.previous[0].end, state.previous[0].end + 1, alignment_mode="expand")
    return span.end if span is not None else sent.start


@case("direct_continued.v3")
def direct_continued(state: QuoteState, mark: MarkSpan, inner: Span) -> Attribution | None:
    """A paragraph that opens with a quotation and carries on the previous paragraph's speaker.

    v2: over a short line of page chrome between the two. v3: the previous paragraph's speaker may be the
    source of reported speech, not of a quotation ("Cuccinelli predicted that ...", then a paragraph that is
    all quotation), the last source the previous paragraph reports.
    """
    text = state.ctx.text
    paragraph = state.paragraph_start(mark.start)
    if text[paragraph:mark.start - 1].strip():
        return None
    previous_paragraph = state.paragraph_start(max(0, paragraph - 2))
    # v2: over page chrome between the two ("Watch "Crossfire" weeknights at 6:30pm ET on CNN")
    while previous_paragraph > 0 and _is_chrome(text[previous_paragraph:paragraph].strip()) \
            and (state.previous is None or state.previous[0].start < previous_paragraph):
        paragraph = previous_paragraph
        previous_paragraph = state.paragraph_start(max(0, paragraph - 2))
    if state.previous is not None and state.previous[0].start >= previous_paragraph:
        before, attribution = state.previous
        if attribution.speaker is None:
            return None
        speaker, cue = attribution.speaker, attribution.cue
    elif previous_paragraph < paragraph and (speaker := state.speakers.last_heard(previous_paragraph, paragraph)) is not None:
        cue = None  # v3: the previous paragraph reports its speech
    else:
        return None
    speaker = Speaker(speaker.entity, min(speaker.confidence, 0.6), speaker.how)
    return Attribution(speaker, cue, None, None, None, "direct_continued.v3")


MAX_CHROME_WORDS = 12


def _is_chrome(paragraph: str) -> bool:
    """A short line that ends no sentence and quotes nothing: a promotion or link the page put between two
    paragraphs ("Follow @politicalticker", "Watch "Crossfire" weeknights at 6:30pm ET on CNN")."""
    words = paragraph.split()
    return 0 < len(words) <= MAX_CHROME_WORDS and paragraph[-1:] not in {".", "!", "?", "\u201d", '"', ":"}


@case("direct_paragraph.v1")
def direct_paragraph(state: QuoteState, mark: MarkSpan, inner: Span) -> Attribution | None:
    """A long quotation with no cue in reach: the speaker of the quotation before it in its paragraph,
    else the one the paragraph introduces (the subject of its first words that is someone). Tried last,
    for quotations :func:`attribute_direct` would otherwise keep with an unknown speaker."""
    paragraph = state.paragraph_start(mark.start)
    if state.previous is not None and state.previous[0].start >= paragraph and state.previous[1].speaker is not None:
        attribution = state.previous[1]
        speaker = Speaker(attribution.speaker.entity, min(attribution.speaker.confidence, 0.5), attribution.speaker.how)
        return Attribution(speaker, None, None, None, None, "direct_paragraph.v1")
    doc = state.ctx.doc
    opening = doc.char_span(paragraph, mark.start - 1, alignment_mode="contract") if mark.start - 1 > paragraph else None
    for token in opening if opening is not None else ():
        if token.dep_ in SUBJECTS and not state.speakers.inside_quote(token.idx):
            speaker = state.speakers.of_token(token)
            if speaker is not None:
                return Attribution(Speaker(speaker.entity, min(speaker.confidence, 0.5), speaker.how), None, None,
                                   None, None, "direct_paragraph.v1")
            break  # the paragraph opens with someone else (or something) speaking
    return None


ORDER = ("direct_dash.v1", "direct_after.v4", "direct_between.v1", "direct_before.v4", "direct_colon.v3",
         "direct_continued.v3")
UNATTRIBUTED = "direct_unattributed.v1"
# Cases tried after a cue whose subject resolves to nobody: the sentence's own attribution may sit
# before the quotation. A colon or the previous paragraph says less than a cue right next to it.
RETRIED = {"direct_between.v1", "direct_before.v4"}


def _is_fragment(ctx: Context, inner: Span) -> bool:
    """Whether quoted words sit inside the reporter's own clause as a phrase: neither opening their
    sentence, nor following their cue verb right away (with at most a comma or colon between), nor
    holding a verb of their own (Russians “have no hurry.”, as he explains: the speaker's predicate)."""
    doc = ctx.doc
    if any(t.tag_ in FINITE_TAGS for t in inner):
        return False
    before = [t for t in doc[inner.sent.start:max(inner.sent.start, inner.start - 1)] if not t.is_space]
    words_before = [t for t in before if not t.is_punct]
    if not words_before:
        return False  # the quotation opens its sentence
    last = next((t for t in reversed(before) if t.text not in {",", ":"}), None)
    return not (last is not None and last.pos_ in {"VERB", "AUX"} and ctx.lexicon.cue_lemma(last) is not None)


def attribute_direct(state: QuoteState, mark: MarkSpan) -> Attribution | None:
    """The first case that attributes a span; a long unattributed span keeps an unknown speaker.

    Returns ``None`` for a label or a short unattributed span (not a quotation), and an attribution
    marked ``fragment`` for a scare quote inside its speaker's reported sentence.
    """
    ctx = state.ctx
    if is_label(ctx, mark):
        return None
    inner = tokens_of(ctx, mark)
    if inner is None or len(inner) == 0:
        return None
    count = len(words(ctx.text[mark.start:mark.end]))
    unresolved = None
    for name in ORDER:
        if unresolved is not None and name not in RETRIED:
            continue
        found = CASES[name](state, mark, inner)
        if found is not None:
            if count < 2 and not ctx.text[mark.start:mark.end].rstrip()[-1:] in {",", ".", "!", "?"}:
                return None
            if name == "direct_before.v4" and count <= MAX_FRAGMENT_WORDS and _is_fragment(ctx, inner):
                return dataclasses.replace(found, fragment=True)
            if found.speaker is not None or found.unnamed:
                return found
            # A cue whose subject resolves to nobody ("..., he did not join a dissent, which argued") may
            # be no attribution at all: a later case may still find the speaker ("Kavanaugh wrote “...”").
            unresolved = unresolved or found
    if unresolved is not None:
        return unresolved
    if count >= MIN_UNATTRIBUTED_WORDS:
        return direct_paragraph(state, mark, inner) or Attribution(None, None, None, None, None, UNATTRIBUTED)
    return None
