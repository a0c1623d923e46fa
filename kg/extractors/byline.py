"""The byline: the article's author wrote it."""

from __future__ import annotations

from collections.abc import Iterator

from kg.extractors.base import Candidate, Context, register
from kg.extractors.common import is_person


@register("byline.v1")
def byline(ctx: Context) -> Iterator[Candidate]:
    """``Article.author`` (from the byline or metadata) -> author_of the article."""
    if not ctx.article.author:
        return
    author = next((e for e in ctx.entities.entities if e.name == ctx.article.author), None)
    if is_person(author):
        yield Candidate(author, "author_of", ctx.article_ref(), None, 0.95)
