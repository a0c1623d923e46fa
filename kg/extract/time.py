"""When a role holds, as the sentence says: status (current/former/future/acting) and years.

:func:`time_of` reads the words around one fact's subject in its sentence and returns a
:class:`~kg.model.Period`. The cue words are data (``kg/nlp/lexicons/time_cues.tsv``); this
module only decides where a cue counts:

- a **modifier** ("former", "ex-", "then-", "late", "outgoing", "president-elect",
  "acting") counts only when it modifies a title of the subject: "former Defense
  Secretary Chuck Hagel", "Hagel, the former defense secretary". "The former Soviet
  Union" (a ``name`` row) and "his ex-wife" (no title) say nothing about a role;
- a **year cue** in the subject's clause gives the interval: "until 2004", "since 2019",
  "from 2010 to 2014", "between 2010 and 2014"; "in 2015", "last year", "two years ago"
  date a start or end verb, relative to the article's date;
- an **end verb** ("who stepped down last year", "resigned") makes the role former; a
  **start verb** ("was named chief executive in 2019") a current one that began then;
- a verb in the past tense with a **past-time adverb** ("he was previously head of",
  "worked there in 2010") makes it former.

Only role relations (:data:`ROLE_RELATIONS`) get a time; the runner
(:func:`kg.extract.facts.extract_facts`) calls this once per fact. Hand-written rules over
spaCy's parse, because no maintained library reads role tense from news text (temporal
taggers such as HeidelTime or SUTime find the dates but not which fact they date).

Example:
    >>> # "Former President Ronald Reagan ..." -> Period(status="former")
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from kg.model import Period
from kg.vocab import Rel

ROLE_RELATIONS = frozenset({Rel.leader_of, Rel.heads, Rel.works_for, Rel.member_of})
STATUSES = ("current", "former", "future", "acting")

# Words that end a premodifier window walking left from a name ("the", "said", ",").
_WINDOW_STOP_POS = frozenset({"DET", "VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PRON"})
_HYPHENS = frozenset({"-", "–"})
_CLAUSE_END = frozenset({",", ";", ".", ":", "(", ")", "—", "–"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_YEAR_MIN, _YEAR_MAX = 1800, 2100
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "a": 1, "several": None, "few": None}
_WINDOW = 8  # tokens looked at left of a name, and in an appositive after it


@dataclass(frozen=True)
class Cues:
    """The cue words of ``time_cues.tsv``, by kind."""

    modifiers: dict[str, str]
    adverbs: dict[str, str]
    end_verbs: dict[tuple[str, ...], str]
    start_verbs: dict[tuple[str, ...], str]
    role_verbs: frozenset[str]
    names: frozenset[tuple[str, ...]]
    not_roles: frozenset[str]


@cache
def load_cues() -> Cues:
    """Read ``kg/nlp/lexicons/time_cues.tsv`` once per process."""
    text = resources.files("kg.nlp.lexicons").joinpath("time_cues.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    kinds: dict[str, dict] = {"modifier": {}, "adverb": {}, "end_verb": {}, "start_verb": {}, "role_verb": {}, "name": {}, "not_role": {}}
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        cue, status, kind = row["cue"].strip(), row["status"].strip(), row["kind"].strip()
        if status not in STATUSES or kind not in kinds:
            raise ValueError(f"time_cues.tsv: bad row {row!r}")
        key = tuple(cue.split()) if kind in {"end_verb", "start_verb", "name"} else cue
        kinds[kind][key] = status
    return Cues(kinds["modifier"], kinds["adverb"], kinds["end_verb"], kinds["start_verb"],
                frozenset(kinds["role_verb"]), frozenset(kinds["name"]), frozenset(kinds["not_role"]))


def time_of(subject: Span, title_tokens: frozenset[int], article_date: str | None, object_span: Span | None = None) -> Period:
    """The status and interval of the role its subject holds, as the sentence states them.

    Args:
        subject: the subject's mention (a span of the parsed article).
        title_tokens: indices of the tokens that are part of a title phrase ("president",
            "chief executive"): a modifier counts only when it modifies one of them, or the
            fact's object named as the role ("Former Liberal Democrat Jackie Ballard").
        article_date: the article's ISO date (``YYYY[-MM[-DD]]``), the "now" of relative cues.
        object_span: the mention of the fact's object in the same sentence, if any.

    Returns:
        A :class:`~kg.model.Period`; all ``None`` when the sentence has no time cue.
    """
    cues = load_cues()
    now = int(article_date[:4]) if article_date and article_date[:4].isdigit() else None
    phrase = _role_phrase(subject)
    clause = _clause(subject)
    role_tokens = title_tokens | (frozenset(range(object_span.start, object_span.end)) if object_span is not None else frozenset())
    status = _modifier_status(phrase, role_tokens, cues)
    # a year in the subject's clause dates the role only when the clause states it ("who worked at the
    # Treasury until 2004"); "then-President Barack Obama did not endorse same-sex marriage until May 2012"
    # dates the endorsing
    if clause and _states_role(subject, cues):
        valid_from, valid_until = _years(clause, now)
    else:  # the subject's own words: its role phrase and what depends on it ("X, chairman of Y (2010-2014),")
        own = {t.i: t for t in [*phrase, *subject.root.subtree] if t.sent == subject.sent}
        valid_from, valid_until = _years([own[i] for i in sorted(own)], now)
    verb_status, verb_from, verb_until = _verb_time(subject, clause, cues, now)
    valid_from, valid_until = valid_from or verb_from, valid_until or verb_until
    if status is None:
        status = verb_status
    if status is None and valid_until is not None and now is not None:
        status = "former" if int(valid_until[:4]) < now else "current"
    if status is None and valid_from is not None and valid_until is None:
        status = "current"
    if status is None and _past_with_past_adverb(subject, cues, now):
        status = "former"
    return Period(status, valid_from, valid_until)


def _role_phrase(subject: Span) -> list[Token]:
    """The words that describe the subject: its premodifiers and an appositive on either side.

    "former Defense Secretary [Chuck Hagel]", "[Hagel], the former defense secretary, ...",
    "the former defense secretary, [Chuck Hagel]".
    """
    doc, sent = subject.doc, subject.sent
    tokens: list[Token] = []
    i = subject.start - 1
    while i >= sent.start and len(tokens) < _WINDOW:
        token = doc[i]
        # "of" inside a capitalised office ("former Secretary of State X", "Then-Chief of Staff X") is no stop
        in_office = token.lower_ == "of" and i > sent.start and doc[i - 1].is_title and doc[i + 1].is_title
        if token.pos_ in _WINDOW_STOP_POS and token.lower_ not in {"then", "once"} and not in_office \
                or token.is_punct and token.text not in _HYPHENS:
            break
        tokens.insert(0, token)
        i -= 1
    if not tokens and i >= sent.start and doc[i].text == ",":  # "the former defense secretary, Chuck Hagel"
        j = i - 1
        while j >= sent.start and i - j <= _WINDOW and doc[j].text not in _CLAUSE_END:
            j -= 1
        tokens[:0] = list(doc[j + 1 : i])
    if subject.end < sent.end and doc[subject.end].text == ",":  # "Chuck Hagel, the former defense secretary,"
        j = subject.end + 1
        while j < sent.end and j - subject.end <= _WINDOW and doc[j].text not in _CLAUSE_END:
            tokens.append(doc[j])
            j += 1
    return tokens


def _clause_heads(subject: Span) -> list[Token]:
    """The verbs of :func:`_clause`: the one the subject is the subject of, and its relative clause's."""
    root = subject.root
    heads = [child for child in root.children if child.dep_ == "relcl"]
    if root.dep_ in _SUBJECT_DEPS:
        heads.append(root.head)
    if root.dep_ == "appos" and root.head.dep_ in _SUBJECT_DEPS:
        heads.append(root.head.head)
    return heads


def _states_role(subject: Span, cues: Cues) -> bool:
    """Whether a verb of the subject's clause states a role: a role verb ("worked", "served", "was") or
    a verb that starts or ends one ("stepped down", "took over")."""
    verbs = {key[0] for key in (*cues.end_verbs, *cues.start_verbs)} | cues.role_verbs
    return any(head.lemma_.lower() in verbs for head in _clause_heads(subject))


def _clause(subject: Span) -> list[Token]:
    """The clause that says something about the subject: the verb it is the subject of, or its
    relative clause ("Ed Balls, who worked at the Treasury until 2004")."""
    heads = _clause_heads(subject)
    tokens: dict[int, Token] = {}
    for head in heads:
        for token in head.subtree:
            if token.sent == subject.sent:
                tokens[token.i] = token
    return [tokens[i] for i in sorted(tokens)]


def _modifier_status(phrase: list[Token], title_tokens: frozenset[int], cues: Cues) -> str | None:
    """The status a modifier gives a title in the role phrase; names and non-title nouns give none."""
    texts = [t.lower_ for t in phrase]
    for k, token in enumerate(phrase):
        word = token.lower_.rstrip("-")
        status = cues.modifiers.get(word)
        if status is None and word.startswith("ex-"):
            status, word = cues.modifiers.get("ex"), "ex"
        if status is None:
            continue
        if any(tuple(texts[k : k + len(name)]) == name for name in cues.names):
            continue  # "the former Soviet Union": part of a name
        if word in {"elect", "designate"}:  # follows its title: "President-elect", "secretary designate"
            if any(t.i in title_tokens for t in phrase[max(0, k - 3) : k]):
                return status
            continue
        after = [t for t in phrase[k + 1 : k + 5] if t.text not in _HYPHENS]
        if token.lower_.startswith("ex-") and token.i in title_tokens:
            return status
        if any(t.i in title_tokens for t in after):
            return status
        # "U.S. Navy retired admiral": a plain noun (not "wife", "colleague") that the cue modifies
        noun = next((t for t in after if t.pos_ == "NOUN" and t.is_alpha and not t.ent_type_), None)
        if noun is not None and noun.lemma_.lower() not in cues.not_roles and noun.lower_ not in cues.not_roles \
                and all(t.pos_ in {"ADJ", "PROPN", "NOUN"} or t.ent_type_ for t in after[: after.index(noun)]):
            return status
    return None


def _year(token: Token) -> int | None:
    if token.like_num and token.text.isdigit() and len(token.text) == 4 and _YEAR_MIN <= int(token.text) <= _YEAR_MAX:
        return int(token.text)
    return None


def _years_after(tokens: list[Token], k: int, limit: int = 3) -> int | None:
    """The first year within ``limit`` tokens after position ``k`` ("until March 2004" -> 2004)."""
    for token in tokens[k + 1 : k + 1 + limit]:
        if (year := _year(token)) is not None:
            return year
    return None


def _years(tokens: list[Token], now: int | None) -> tuple[str | None, str | None]:
    """(valid_from, valid_until) as years, from "since 2019", "until 2004", "from 2010 to 2014", "2010-2014"."""
    valid_from = valid_until = None
    for k, token in enumerate(tokens):
        word = token.lower_
        if word in {"until", "till", "through", "thru"} and (year := _years_after(tokens, k)):
            valid_until = valid_until or year
        elif word == "since" and (year := _years_after(tokens, k)):
            valid_from = valid_from or year
        elif word in {"from", "between"} and (start := _years_after(tokens, k)):
            rest = [t.lower_ for t in tokens[k + 1 : k + 8]]
            joiner = next((j for j, w in enumerate(rest) if w in {"to", "until", "till", "through", "and", "-", "–"}), None)
            end = _years_after(tokens, k + 1 + joiner) if joiner is not None else None
            if end is not None and end >= start:
                valid_from, valid_until = valid_from or start, valid_until or end
        elif (year := _year(token)) is not None and k + 2 < len(tokens) and tokens[k + 1].text in _HYPHENS:
            end = _year(tokens[k + 2])
            if end is not None and end >= year:  # "(2010-2014)"
                valid_from, valid_until = valid_from or year, valid_until or end
    return (str(valid_from) if valid_from else None), (str(valid_until) if valid_until else None)


def _when(tokens: list[Token], now: int | None) -> int | None:
    """The year a clause's event happened: "in 2015", "last year", "this year", "two years ago"."""
    for k, token in enumerate(tokens):
        word = token.lower_
        if word == "in" and k + 1 < len(tokens) and (year := _year(tokens[k + 1])) is not None:
            return year
        if now is None:
            continue
        if word in {"last", "this"} and k + 1 < len(tokens) and tokens[k + 1].lower_ == "year":
            return now - 1 if word == "last" else now
        if word == "ago" and k >= 2 and tokens[k - 1].lower_ in {"years", "year"}:
            count = tokens[k - 2]
            number = int(count.text) if count.text.isdigit() else _NUMBER_WORDS.get(count.lower_)
            if number:
                return now - number
    return None


def _verb_lemmas(verb: Token) -> tuple[str, ...]:
    """A verb's lemma with its particle: "stepped down" -> ("step", "down")."""
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    return (verb.lemma_.lower(), *particles)


def _verb_time(subject: Span, clause: list[Token], cues: Cues, now: int | None) -> tuple[str | None, str | None, str | None]:
    """(status, valid_from, valid_until) from an end or start verb of the subject's clause, or an
    end verb the subject is the object of ("Trump fired FBI director James Comey")."""
    root = subject.root
    if root.dep_ == "dobj" and _past(root.head) and cues.end_verbs.get(_verb_lemmas(root.head)[:1]):
        return "former", None, _str(_when(list(root.head.subtree), now))
    verbs = [t for t in clause if t.pos_ in {"VERB", "AUX"} and t.dep_ in {"ROOT", "relcl", "conj", "ccomp"}
             and any(c.dep_ in _SUBJECT_DEPS | {"relcl"} or c == subject.root for c in [*t.children, t.head])]
    for verb in verbs:
        lemmas = _verb_lemmas(verb)
        future = any(c.lower_ in {"will", "would", "to"} and c.dep_ in {"aux", "mark"} for c in verb.children)
        year = _when(clause, now)
        if (status := cues.end_verbs.get(lemmas) or cues.end_verbs.get(lemmas[:1])) and not future:
            if verb.tag_ in {"VBD", "VBN"} or any(c.tag_ == "VBD" for c in verb.children):
                return ("former" if year is None or now is None or year <= now else "current"), None, _str(year)
        if (status := cues.start_verbs.get(lemmas) or cues.start_verbs.get(lemmas[:1])) and not future:
            if lemmas[0] == "become" or verb.tag_ in {"VBD", "VBN"}:
                return "current", _str(year), None
    return None, None, None


def _str(year: int | None) -> str | None:
    return str(year) if year is not None else None


def _past(verb: Token) -> bool:
    return verb.tag_ == "VBD" or any(c.tag_ == "VBD" and c.dep_ in {"aux", "auxpass"} for c in verb.children)


def _past_with_past_adverb(subject: Span, cues: Cues, now: int | None) -> bool:
    """A past-tense role verb ("was", "served") of the subject with a past-time adverb or an earlier year.

    Only role verbs count: "X, chief executive of Y, said earlier" is a current role.
    """
    root = subject.root
    relcls = [c for c in root.children if c.dep_ == "relcl"]
    heads = [root.head] if root.dep_ in _SUBJECT_DEPS else []
    subject_tree = {t.i for t in root.subtree}
    for verb in relcls + heads:
        if not _past(verb) or verb.lemma_.lower() not in cues.role_verbs:
            continue
        # the verb's own words: a relative clause whole, a main verb without the subject's clauses
        words = [t for t in verb.subtree if verb in relcls or t.i not in subject_tree]
        if any(cues.adverbs.get(t.lower_) == "former" for t in words):
            return True
        year = _when(words, now)
        if year is not None and now is not None and year < now:
            return True
    return False
