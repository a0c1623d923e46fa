"""The article's metadata lines: the byline (who wrote it), the dateline (where it was filed
from) and a monitoring service's source line (which outlet, published where)."""

from __future__ import annotations

from collections.abc import Iterator
import re
from dataclasses import dataclass

from spacy.tokens import Span

from kg.extract.rules.base import Candidate, Context, register
from kg.extract.rules.common import is_organization, is_person, is_place
from kg.model import Entity
from kg.nlp.ner_repair import MONITORING_ID, is_source_line, source_line_end
from kg.vocab import Cls, Rel

# What may close a dateline: "MOSCOW (Reuters) - ...", "HIGH ISLAND, Texas (AP) _ ...".
DATELINE_END = {"-", "--", "_", "—", "–", ":"}
DATELINE_MAX_TOKENS = 16
MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january", "february",
          "march", "april", "june", "july", "august", "september", "october", "november", "december"}


# Words that make a byline part something other than a person's name ("CNN Staff", "Senior Research Scientist").
NOT_NAME_WORDS = {"staff", "news", "newsroom", "wire", "wires", "press", "reports", "report", "desk", "contributor",
                  "contributors", "writer", "writers", "et", "weekdays", "editors", "editorial", "board", "team"}
BYLINE_SEPARATORS = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*")
NAME_WORD = re.compile(r"^(?:[A-Z][a-z]*\.|[A-Z][\w'’-]+)$")  # "Michael", "R.", "O'Neil", "Onyanga-Omara"


def byline_names(author: str, titles) -> list[str]:
    """The people a byline names: "Peter Baker, Michael D. Shear" -> both; parts that are not a person's
    name ("CNN Staff", "Chief Research Officer", "michael.gordon@wsj.com") are left out."""
    names = []
    for part in BYLINE_SEPARATORS.split(author.strip()):
        words = part.split()
        if not 2 <= len(words) <= 4 or not all(NAME_WORD.match(w) for w in words):
            continue
        if any(w.lower() in NOT_NAME_WORDS or w.lower() in titles for w in words):
            continue
        names.append(part)
    return names


def _person_named(name: str) -> Entity:
    """A person a byline names whom the article's entities do not hold (named nowhere else in the text)."""
    return Entity("person", name, Cls.Person, frozenset({name}), 0)


@register("byline.v3")
def byline(ctx: Context) -> Iterator[Candidate]:
    """``Article.author`` (from the byline or metadata) -> author_of the article, for each person it names.

    v2 reads several authors ("Elana Schor, Burgess Everett, Rachael Bade" -> three facts; v1 made one
    person of the whole string) and none from a byline that names nobody ("CNN Staff"); on the allsides
    dev split 8 of v1's 12 facts were such strings. Measured precision: 5 of 5 (allsides dev split, tests/gold/allsides/dev.tsv, 2026-12-03).
    v3: a body that opens with a line naming only a news outlet (the second line of a byline block, "Roger
    Yu" / "USA TODAY", :func:`kg.read.pagetext.find_byline_block`) is the outlet the authors work for.
    """
    if not ctx.article.author:
        return
    if len(BYLINE_SEPARATORS.split(ctx.article.author.strip())) == 1:
        author = next((e for e in ctx.entities.entities if e.name == ctx.article.author), None)
        authors = [author] if is_person(author) and not {w.lower() for w in author.name.split()} & NOT_NAME_WORDS else []
    else:
        authors = []
        for name in byline_names(ctx.article.author, ctx.lexicon.titles):
            author = next((e for e in ctx.entities.entities if e.name == name and is_person(e)), None)
            authors.append(author or _person_named(name))
    outlet, line = _opening_outlet(ctx)
    for author in authors:
        yield Candidate(author, Rel.author_of, ctx.article_ref(), None, 0.95)
        if outlet is not None:
            yield Candidate(author, Rel.works_for, outlet, line, 0.9)


def _opening_outlet(ctx: Context) -> tuple[Entity | None, Span | None]:
    """The news outlet the body's first line names and nothing else ("USA TODAY"), with that line."""
    doc = ctx.doc
    end = next((t.i for t in doc if "\n" in t.text or "\n" in t.whitespace_), None)
    if end is None or end == 0:
        return None, None
    line = doc[0:end + 1 if "\n" in doc[end].whitespace_ else end]
    mention = ctx.mention_span(0)
    entity = ctx.entities.of(mention) if mention is not None else None
    if mention is None or mention.end != line.end or entity is None or entity.cls != Cls.MediaOrganization:
        return None, None
    return entity, line


# A line of the body that signs a section: "By Jonathan Marcus, BBC News", "Analysis by Anthony Zurcher, BBC News,
# Washington", "Analysis - Ahmed Maher, Iraq correspondent, BBC News", "Analysis: Jonathan Marcus, BBC diplomatic
# correspondent".
SECTION_BYLINE = re.compile(r"^[ \t]*(?:By|Analysis(?: by|\s*[-:–—]))[ \t]+(?P<names>[A-Z][^\n]{0,119}?)[ \t]*$", re.MULTILINE)


@register("section_byline.v1")
def section_byline(ctx: Context) -> Iterator[Candidate]:
    """A line of its own in the body that signs a section -> its people are authors of the article, and work for
    the news outlet the line names.

    "By Jonathan Marcus, defence and diplomatic correspondent", "Analysis by Nada Tawfik, BBC News, New York",
    "Analysis - Ahmed Maher, Iraq correspondent, BBC News" (a broadcaster's analysis boxes). Only people named in
    the line: "By BBC Monitoring" names nobody, and "Analysis: The end of repeal-and-replace war?" is a heading.
    """
    for match in SECTION_BYLINE.finditer(ctx.text):
        if match.start() == 0 or match.group("names").endswith((".", "?", "!")):
            continue  # the body's opening byline is the article's own (byline.v3); "By Friday, X had left." a sentence
        line = ctx.doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if line is None:
            continue
        mentions = [ctx.entities.of(span) for span in ctx.doc.ents if line.start <= span.start and span.end <= line.end]
        people = [e for e in mentions if is_person(e)]
        # a name the model missed in a line that is only a signature ("Analysis - Ahmed Maher, Iraq correspondent")
        named = {e.name for e in people}
        people += [_person_named(name)
                   for name in byline_names(match.group("names"), ctx.lexicon.titles) if name not in named
                   and not any(e is not None and name in e.name for e in mentions)]
        outlets = [e for e in mentions if e is not None and e.cls == Cls.MediaOrganization]
        for person in dict.fromkeys(people):
            yield Candidate(person, Rel.author_of, ctx.article_ref(), line, 0.85)
            for outlet in dict.fromkeys(outlets):
                yield Candidate(person, Rel.works_for, outlet, line, 0.85)


@dataclass(frozen=True)
class Dateline:
    """A wire dateline: the places it names and the news organization in parentheses."""

    places: tuple[Span, ...]
    agency: Span

    @property
    def span(self) -> Span:
        return self.agency.doc[self.places[0].start : self.agency.end + 1]


def find_dateline(ctx: Context) -> Dateline | None:
    """The dateline opening the body ("BELGRADE, Yugoslavia (AP) -", "LONDON, Nov 26 (Reuters) -"), if any.

    Only the body's first tokens are read: places (and a date) separated by commas, then a
    news organization in parentheses, then the end of the line, the text or a dash.
    """
    doc = ctx.doc
    start = next((t.i for t in doc if not t.is_space), None)
    if start is None:
        return None
    places, i = [], start
    while i < min(len(doc), start + DATELINE_MAX_TOKENS):
        span = ctx.mention_span(i)
        if span is not None and span.start == i and is_place(ctx.entities.of(span)):
            places.append(span)
            i = span.end
        elif places and (doc[i].text == "," or doc[i].like_num or doc[i].lower_.rstrip(".") in MONTHS):
            i += 1
        else:
            break
    if not places or i + 1 >= len(doc) or doc[i].text != "(":
        return None
    agency = ctx.mention_span(i + 1)
    if agency is None or agency.start != i + 1 or agency.end >= len(doc) or doc[agency.end].text != ")":
        return None
    after = agency.end + 1
    if after < len(doc) and not (doc[after].is_space or doc[after].text in DATELINE_END):
        return None
    return Dateline(tuple(places), agency) if is_organization(ctx.entities.of(agency)) else None


@register("dateline.v1")
def dateline(ctx: Context) -> Iterator[Candidate]:
    """"BELGRADE, Yugoslavia (AP) -" -> AP reported_from Belgrade, AP reported_from Yugoslavia.

    The agency filed the story from those places; it is not based there, so the pair
    classifier leaves dateline pairs alone (:func:`find_dateline`).
    """
    found = find_dateline(ctx)
    if found is None:
        return
    agency = ctx.entities.of(found.agency)
    for place in dict.fromkeys(ctx.entities.of(span) for span in found.places):
        yield Candidate(agency, Rel.reported_from, place, found.agency.sent, 0.9)


@register("source_line.v1")
def source_line(ctx: Context) -> Iterator[Candidate]:
    """"PM2303111794 Moscow IZVESTIYA in Russian 23 Mar 94 p 3", "Moscow INTERFAX" -> the outlet based_in Moscow.

    Monitoring services (FBIS, BBC Monitoring) open each item with a document number, the
    city the outlet publishes or broadcasts from, the outlet and the language; the entity
    repair has already split the city from the outlet (:mod:`kg.nlp.ner_repair`).
    """
    doc = ctx.doc
    for place_span, outlet_span in zip(doc.ents, doc.ents[1:]):
        close = source_line_end(doc, outlet_span.end)
        if place_span.end != outlet_span.start or close is None:
            continue
        if not is_source_line(place_span, outlet_span, close > outlet_span.end):
            continue
        if not (place_span.start == 0 or MONITORING_ID.match(doc[place_span.start - 1].text)):
            continue
        place, outlet = ctx.entities.of(place_span), ctx.entities.of(outlet_span)
        if is_place(place) and is_organization(outlet):
            yield Candidate(outlet, Rel.based_in, place, outlet_span.sent, 0.9)
