"""Quotation-mark spans in plain text: which marks open, which close, across paragraphs.

Pure text, no spaCy: the parse cannot pair quotation marks (a quote may run over several
sentences and paragraphs). Hand-written because no library pairs straight and curly marks
with the news conventions below (textacy's ``direct_quotations`` keeps only quotes with a
speaker in the same paragraph and knows no paragraph continuation).

Conventions:

- ``“`` opens, ``”`` closes; a straight ``"`` opens after a space, a line start or an
  opening bracket/dash, and closes otherwise.
- A quote open at the end of a paragraph continues when the next paragraph opens with a
  quotation mark (the news convention: no closing mark before a continued paragraph).
- A quote still open at the end of a paragraph that is not continued ends there
  (``balanced=False``): an unbalanced mark never swallows the rest of the article.
- Single quotation marks (``‘…’``) are quotes inside quotes and do not pair here; two
  apostrophes (``''``) right after a word close an open quote (typewriter wire copy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "\u201c\u00ab"  # “ «
CLOSING = "\u201d\u00bb"  # ” »
STRAIGHT = '"'
# Two apostrophes typed for a closing mark (old wire copy: ``"...,'' he said``).
TWO_APOSTROPHES = "''"
# A straight mark after one of these (or at a line start) opens a quote.
OPENS_AFTER = set(" \t\n([{\u2014\u2013-/")
PARAGRAPH = re.compile(r"\n\s*\n|\n")
# The break between two paragraphs of one continued quote: newline(s), then the new opening mark.
CONTINUATION = re.compile(r"\s*\n\s*[\u201c\u00ab\"]")
# Every character the pairing looks at: a double mark, or an apostrophe another one follows.
MARK = re.compile("[" + OPENING + CLOSING + STRAIGHT + "]|'(?=')")


@dataclass(frozen=True)
class MarkSpan:
    """The inside of one pair of quotation marks (``start``/``end`` exclude the marks).

    ``paragraphs`` is how many paragraphs the span runs over; ``balanced`` is False when
    no closing mark was found before the end of the paragraph.
    """

    start: int
    end: int
    paragraphs: int = 1
    balanced: bool = True


def _is_opening(text: str, i: int) -> bool:
    char = text[i]
    if char in OPENING:
        return True
    if char in CLOSING:
        return False
    return i == 0 or text[i - 1] in OPENS_AFTER


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in PARAGRAPH.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if e > s]


def _starts_with_mark(text: str, start: int, end: int) -> int | None:
    """Offset of the quotation mark a paragraph opens with (after spaces), if it does."""
    i = start
    while i < end and text[i] in " \t":
        i += 1
    return i if i < end and (text[i] in OPENING or text[i] == STRAIGHT) else None


def quote_marks(text: str) -> list[MarkSpan]:
    """Every pair of double quotation marks in ``text``, in order.

    >>> [(s.start, s.end) for s in quote_marks('He said "yes." Then “no”.')]
    [(9, 13), (21, 23)]
    """
    spans: list[MarkSpan] = []
    paragraphs = _paragraphs(text)
    open_at: int | None = None
    opened_paragraph = 0
    skip_mark: int | None = None  # the opening mark of a continued paragraph
    for number, (p_start, p_end) in enumerate(paragraphs):
        for match in MARK.finditer(text, p_start, p_end):
            i = match.start()
            char = text[i]
            if char == "'" and open_at is not None and text.startswith(TWO_APOSTROPHES, i) and i > open_at \
                    and not text[i - 1].isspace():
                # "... violent criminals,'' he said": two apostrophes typed for a closing mark
                spans.append(MarkSpan(open_at, i, number - opened_paragraph + 1))
                open_at = None
                continue
            if char not in OPENING and char not in CLOSING and char != STRAIGHT:
                continue
            if i == skip_mark:
                continue
            if _is_opening(text, i):
                # A second opening mark while one is open: the first was never closed.
                open_at, opened_paragraph = i + 1, number
            elif open_at is not None:
                spans.append(MarkSpan(open_at, i, number - opened_paragraph + 1))
                open_at = None
        if open_at is None:
            continue
        following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        mark = _starts_with_mark(text, *following) if following else None
        if mark is not None:
            skip_mark = mark
            continue
        spans.append(MarkSpan(open_at, p_end, number - opened_paragraph + 1, balanced=False))
        open_at = None
    return [s for s in spans if s.end > s.start and text[s.start:s.end].strip()]


def clean_text(text: str, start: int, end: int) -> str:
    """The words of a span, with the breaks of a continued quote reduced to a newline."""
    return CONTINUATION.sub("\n", text[start:end]).strip()
