"""What extractors receive and yield, and the registry that names them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from bisect import bisect_left
from functools import cached_property

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from kg.extract.entities import PERSON, ArticleEntities
from kg.nlp.lexicon import Lexicon, Title
from kg.model import ARTICLE, Article, Entity, Ref

Extractor = Callable[["Context"], Iterator["Candidate"]]

EXTRACTORS: dict[str, Extractor] = {}


def register(name: str) -> Callable[[Extractor], Extractor]:
    """Register an extractor under a versioned name such as ``title_modifier.v1``."""

    def add(func: Extractor) -> Extractor:
        if name in EXTRACTORS:
            raise ValueError(f"extractor {name!r} is registered twice")
        EXTRACTORS[name] = func
        func.rule_name = name  # type: ignore[attr-defined]
        return func

    return add


@dataclass(frozen=True)
class Candidate:
    """A fact an extractor read, before evidence is attached.

    ``sentence`` is the span the fact was read from (``None`` for metadata such as the byline).
    """

    subject: Entity | Ref
    relation: str
    object: Entity | Ref
    sentence: Span | None
    confidence: float


_TITLE_MATCHERS: dict[int, PhraseMatcher] = {}


@dataclass
class Context:
    """One parsed article with its resolved entities: everything a rule may look at."""

    doc: Doc
    article: Article
    entities: ArticleEntities
    lexicon: Lexicon

    def entity_at(self, token: Token | int) -> Entity | None:
        return self.entities.at(token if isinstance(token, int) else token.i)

    def article_ref(self) -> Ref:
        return (ARTICLE, self.article.id)

    @cached_property
    def text(self) -> str:
        """``doc.text``, joined once: spaCy rebuilds it from every token at each access, so a rule
        reading it per mention took time quadratic in the article's length."""
        return self.doc.text

    def mention_span(self, token: Token | int) -> Span | None:
        """The entity mention (a span of ``doc.ents``) covering a token."""
        return self._mention_at.get(token if isinstance(token, int) else token.i)

    def mention_after_the(self, i: int) -> Span | None:
        """The mention that starts at token ``i``, or right after a "the" there: "at the Brennan Center" (the model
        may or may not take "the" into the name). None when no mention starts there."""
        doc = self.doc
        if i >= len(doc):
            return None
        start = i + (doc[i].lower_ == "the" and i + 1 < len(doc))
        span = self.mention_span(start)
        return span if span is not None and span.start in {i, start} else None

    @cached_property
    def _mention_at(self) -> dict[int, Span]:
        """Token index -> mention, built once per article (rules ask for it inside their loops)."""
        return {i: ent for ent in self.doc.ents for i in range(ent.start, ent.end)}

    def quoted(self, token: Token | int) -> bool:
        """Whether a token stands inside quotation marks (``kg.extract.quotes.marks``): words someone is
        quoted saying, not the article's own."""
        i = token if isinstance(token, int) else token.i
        return i in self._quoted

    @cached_property
    def _quoted(self) -> frozenset[int]:
        from kg.extract.quotes.marks import quote_marks  # the quotes package imports this module

        inside = set()
        starts = [t.idx for t in self.doc]
        for mark in quote_marks(self.text):
            if not mark.balanced:
                continue  # "“GREAT JOBS!“ the president tweeted": a mark typed the wrong way round swallows no cue
            lo = bisect_left(starts, mark.start)
            hi = bisect_left(starts, mark.end)
            inside.update(range(lo, hi))
        return frozenset(inside)

    @cached_property
    def people(self) -> list[tuple[Span, Entity]]:
        """Every mention of a person, with the person: what the rules about people start from (not a photo
        credit: "REUTERS/Shannon Stapleton" is no one "the incumbent Democrat" after it stands for)."""
        return [(ent, person) for ent in self.doc.ents
                if (person := self.entities.of(ent)) is not None and person.kind == PERSON and not photo_credit(ent)]

    @cached_property
    def title_spans(self) -> list[tuple[Span, tuple[Title, ...]]]:
        """Every title phrase outside entity names ("chief executive", "President"), longest matches only."""
        spans = [self.doc[start:end] for _, start, end in _title_matcher(self.doc.vocab, self.lexicon)(self.doc)]
        spans = [s for s in spans if not any(o.start <= s.start and s.end <= o.end and len(o) > len(s) for o in spans)]
        # not a verb: "to head Hillary Clinton's campaign", "lead the talks"
        return [(s, self.lexicon.titles[phrase_of(s)]) for s in spans
                if not s[0].ent_type_ and not (s[-1].pos_ == "VERB" and s[-1].is_lower)]

    @cached_property
    def title_tokens(self) -> frozenset[int]:
        """Indices of the tokens of title phrases (what a time modifier must modify), and of title
        head words a name swallowed the start of ("Defense Secretary" with "Defense" an organization)."""
        heads = _title_heads(self.lexicon)
        inside = {i for span, _ in self.title_spans for i in range(span.start, span.end)}
        return frozenset(inside | {t.i for t in self.doc if t.lower_ in heads and not t.ent_type_})


_TITLE_HEADS: dict[int, frozenset[str]] = {}


def _title_heads(lexicon: Lexicon) -> frozenset[str]:
    """The last word of every title and office phrase ("secretary" of "defense secretary", "sen.", "justice"):
    "former" before "Sen." dates the seat too."""
    heads = _TITLE_HEADS.get(id(lexicon))
    if heads is None:
        heads = _TITLE_HEADS[id(lexicon)] = frozenset(title.split()[-1] for title in [*lexicon.titles, *lexicon.offices])
    return heads


def photo_credit(span: Span) -> bool:
    """Whether a name is a picture's credit, right after a slash: "REUTERS/Shannon Stapleton", "AP Photo/Evan Vucci"."""
    return span.start > 0 and span.doc[span.start - 1].text == "/"


def phrase_of(span: Span) -> str:
    """A phrase as the lexicons key it: lower case, words separated by one space ("Defense  Secretary")."""
    return " ".join(span.text.lower().split())


def _title_matcher(vocab: Vocab, lexicon: Lexicon) -> PhraseMatcher:
    """One case-insensitive matcher of all title phrases per vocabulary."""
    matcher = _TITLE_MATCHERS.get(id(vocab))
    if matcher is None:
        tokenizer = English(vocab=vocab).tokenizer
        matcher = PhraseMatcher(vocab, attr="LOWER")
        matcher.add("TITLE", [tokenizer(title) for title in sorted(lexicon.titles)])
        _TITLE_MATCHERS[id(vocab)] = matcher
    return matcher
