"""Publication dates: whatever a source gives, normalized to what is certain of it.

:func:`read_date` turns a date as found in a JSONL ``date`` field, an HTML page's metadata
(read by trafilatura's htmldate) or an article's dateline into ISO 8601 at the precision
the source supports: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``. It never guesses: a date
with no year gives nothing, an all-numeric date whose day and month could be swapped
("12/1/16") keeps only its year, an impossible date ("2024-13-45") gives nothing. Each
loss comes back as a one-line note for the reader to pass on as a warning.

Parsing of free-form dates is dateutil's; the two-defaults trick below is what tells a
field the text gave from one dateutil filled in.

Example:
    >>> read_date("September 12, 2018"), read_date("9/16/17"), read_date("12/1/16")
    (ParsedDate(value='2018-09-12', note=None), ParsedDate(value='2017-09-16', note=None), \
ParsedDate(value='2016', note="date '12/1/16': day and month could be either way round; kept the year only"))
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from dateutil import parser as dateutil_parser

# Years a news article can plausibly carry; anything else is a typo or a parse accident.
MIN_YEAR, MAX_YEAR = 1800, 2100

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_ISO_TIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[T ]\d{1,2}:\d{2}")
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$")
_HAS_DIGIT = re.compile(r"\d")
# A dateline: "WASHINGTON, Sept. 12, 2018 —" / "LONDON (Reuters), 12 September 2018 -" at the very start.
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'()-]{1,60},\s+(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})|(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}))"
    r"\s*(?:[-–—:]|\(|/)"
)
_DEFAULTS = (dt.datetime(1904, 1, 1), dt.datetime(1908, 2, 2))


class ParsedDate(NamedTuple):
    """A date reduced to what is certain: ``value`` (ISO, or ``None``) and why anything was lost."""

    value: str | None
    note: str | None = None


def year_of(raw: object) -> int | None:
    """The year a publication date states for certain (``read_date``), or None."""
    value = read_date(raw).value if raw else None
    return int(value[:4]) if value and value[:4].isdigit() else None


def read_date(raw: object) -> ParsedDate:
    """The certain part of a publication date, as ISO 8601, and a note when anything was dropped.

    Args:
        raw: the date as the source gave it (``None`` and blank strings mean no date, silently).

    Returns:
        ``ParsedDate(value, note)``: ``value`` is ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``None``;
        ``note`` says what was wrong, ``None`` when the date was read whole.
    """
    if not isinstance(raw, str) or not raw.strip():
        return ParsedDate(None)
    text = " ".join(raw.split())
    if match := _ISO_TIME.match(text):
        text = match.group(1)
    if match := _ISO.match(text):
        return _checked(text, *(int(g) if g else None for g in match.groups()))
    if match := _NUMERIC.match(text):
        return _numeric(text, *match.groups())
    if not _HAS_DIGIT.search(text):
        return ParsedDate(None, f"date {raw!r} has no digits; ignored")
    return _free_form(raw, text)


def dateline_date(text: str) -> str | None:
    """The date of a dateline at the start of an article ("WASHINGTON, Sept. 12, 2018 — ..."), or ``None``."""
    match = _DATELINE.match(text[:160])
    if match is None:
        return None
    return read_date(match.group("date")).value


def _checked(raw: str, year: int | None, month: int | None, day: int | None) -> ParsedDate:
    """Validate numeric fields and format them at the precision given."""
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        return ParsedDate(None, f"date {raw!r}: year out of range; ignored")
    if month is None:
        return ParsedDate(f"{year:04d}")
    if not 1 <= month <= 12:
        return ParsedDate(None, f"date {raw!r} is impossible (month {month}); ignored")
    if day is None:
        return ParsedDate(f"{year:04d}-{month:02d}")
    try:
        return ParsedDate(dt.date(year, month, day).isoformat())
    except ValueError:
        return ParsedDate(None, f"date {raw!r} is impossible (day {day} of month {month}); ignored")


def _numeric(raw: str, first: str, second: str, year: str | None) -> ParsedDate:
    """"9/16/17", "16.09.2017", "12/1": day and month in either order, year last (two or four digits)."""
    if year is None:
        return ParsedDate(None, f"date {raw!r} has no year; ignored")
    full_year = int(year) if len(year) == 4 else _two_digit_year(int(year))
    a, b = int(first), int(second)
    if a > 12 and b > 12 or a == 0 or b == 0:
        return ParsedDate(None, f"date {raw!r} is impossible; ignored")
    if a <= 12 and b <= 12 and a != b:
        kept = _checked(raw, full_year, None, None)
        note = f"date {raw!r}: day and month could be either way round; kept the year only"
        return ParsedDate(kept.value, note if kept.value else kept.note)
    month, day = (a, b) if a <= 12 else (b, a)
    return _checked(raw, full_year, month, day)


def _two_digit_year(year: int) -> int:
    """'17' is 2017 and '98' is 1998: the window dateutil and strptime use (69-99 -> 1900s)."""
    return 2000 + year if year < 69 else 1900 + year


def _free_form(raw: str, text: str) -> ParsedDate:
    """Month-name dates, RFC 2822 and the like, through dateutil; fields it had to invent are dropped."""
    try:
        first, second = (dateutil_parser.parse(text, default=d) for d in _DEFAULTS)
    except (ValueError, OverflowError, TypeError):
        return ParsedDate(None, f"date {raw!r} could not be read; ignored")
    if first.year != second.year:
        return ParsedDate(None, f"date {raw!r} has no year; ignored")
    if first.month != second.month:
        return _checked(raw, first.year, None, None)
    if first.day != second.day:
        return _checked(raw, first.year, first.month, None)
    return _checked(raw, first.year, first.month, first.day)
