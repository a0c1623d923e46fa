"""Plain data passed between the pipeline stages.

Only :mod:`kg.nlp.pipeline` knows spaCy and only :mod:`kg.graph.triples` knows rdflib; everything
in between speaks these frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One news article as read from disk or stdin.

    Attributes:
        id: stable identifier: the record's ``id``, else the file name, else a content hash.
        text: the body text that is parsed (headline, byline and page chrome removed).
        title: headline, when known.
        author: byline (a person's name), when known.
        date: publication date, ISO 8601 at the precision the source makes certain (``YYYY-MM-DD``,
            ``YYYY-MM`` or ``YYYY``; see :func:`kg.read.dates.read_date`).
        url: the article's address, when known.
        source: where the article came from (a file path, ``path:line`` or ``-``).
        outlet: the news outlet that published it, when the input names one (``"Vox"``).
    """

    id: str
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Skip:
    """An input that could not be read, with the reason (shown to the user as one line)."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


# An entity reference: (kind, name) with kind one of "person", "organization", "place",
# or ("article", article id) for facts about an article (author_of, cited_by).
Ref = tuple[str, str]

ARTICLE = "article"


@dataclass(frozen=True)
class Entity:
    """An entity as seen in one article: canonical name, class and the surface forms used.

    Attributes:
        kind: ``person``, ``organization`` or ``place`` (the IRI path; stable across articles).
        name: canonical name (the longest/fullest form, or the gazetteer name).
        cls: ontology class local name (``Person``, ``MediaOrganization``, ``Country`` ...).
        aliases: every surface form seen, the canonical name included.
        mentions: how many times the article mentions it.
    """

    kind: str
    name: str
    cls: str
    aliases: frozenset[str] = field(default_factory=frozenset)
    mentions: int = 1

    @property
    def ref(self) -> Ref:
        return (self.kind, self.name)


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the article, the sentence and the rule that read it.

    ``start``/``end`` are character offsets of the sentence in ``Article.text`` (end
    exclusive); both are ``None`` for facts read from metadata such as the byline.
    """

    article_id: str
    sentence: str
    start: int | None
    end: int | None
    rule: str
    confidence: float


@dataclass(frozen=True)
class Period:
    """When a fact holds, as its sentence states it (see :mod:`kg.extract.time`).

    Attributes:
        status: ``current``, ``former``, ``future`` (elect, incoming) or ``acting``; ``None``
            when the sentence says nothing (the fact is read as holding on the article's date).
            For a leader_of fact the sentence leaves open, ``former`` can also come from the list
            of office holders (:func:`kg.extract.facts.status_from_office_holders`).
        valid_from: first year (ISO ``YYYY``) the fact held, when stated ("since 2019").
        valid_until: last year it held, when stated ("until 2004").
    """

    status: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None


@dataclass(frozen=True)
class Fact:
    """A typed fact between two entities (or an entity and an article), with its evidence and time."""

    subject: Ref
    relation: str
    object: Ref
    evidence: Evidence
    time: Period = Period()


# Kinds of quotation: words in quotation marks, reported speech ("X said that ..."), "according to X".
QUOTE_KINDS = ("direct", "indirect", "according_to")

# The rules that read quotes (kg.extract.quotes registers exactly these): a fact whose evidence
# names one of them was derived from a quote, which the explorer's "facts read from quotes"
# filter shows or hides without loading the extractor (and spaCy).
QUOTE_RULES = frozenset({
    "direct_after.v4", "direct_dash.v1", "direct_between.v1", "direct_before.v4", "direct_colon.v3",
    "direct_continued.v3", "direct_paragraph.v1", "direct_unattributed.v1", "indirect_clause.v2",
    "according_to_phrase.v1",
})


@dataclass(frozen=True)
class Quote:
    """Attributed speech in one article: who said what, to whom, where in the text.

    Attributes:
        article_id: the article the quote is read from.
        kind: ``direct``, ``indirect`` or ``according_to`` (:data:`QUOTE_KINDS`).
        text: the words inside the quotation marks (direct) or the reported clause.
        start: offset of the quote's first character in ``Article.text``.
        end: offset just after its last character (``text`` is ``Article.text[start:end]``
            for a quote within one paragraph).
        speaker: the person or organization who said it, ``None`` when nobody is resolvable.
        cue: the attributing verb lemma or phrase (``say``, ``tell``, ``according to``), if any.
        addressee: who or what received it, as written ("BBC", "reporters", "statement", "Twitter").
        outlet: the news outlet that carried it ("told the BBC"; the outlet an article relays).
        mentions: entities named inside the quote (the speaker left out).
        sentence: the sentence(s) holding the quote and its attribution, verbatim.
        sentence_start: offset of ``sentence`` in ``Article.text``.
        rule: the versioned name of the case that read it (``direct_after.v4`` ...).
        confidence: how sure the rule is of the speaker (0..1).
    """

    article_id: str
    kind: str
    text: str
    start: int
    end: int
    speaker: Ref | None
    cue: str | None
    addressee: str | None
    outlet: Ref | None
    mentions: tuple[Ref, ...]
    sentence: str
    sentence_start: int
    rule: str
    confidence: float


@dataclass(frozen=True)
class ArticleResult:
    """What the pipeline learned from one article."""

    article: Article
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    dropped: tuple[str, ...] = ()  # facts read but left out, each with the reason (shown in report.json)
    quotes: tuple[Quote, ...] = ()
