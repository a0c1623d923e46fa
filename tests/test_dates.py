"""Publication dates: kg.read.dates, the readers that use it, and the literal written to RDF."""

from __future__ import annotations

import json

import pytest
from rdflib.namespace import XSD

from kg.graph.triples import date_literal
from kg.model import Skip
from kg.read.dates import dateline_date, read_date
from kg.read.files import read_articles

SENTENCE = "Rain fell all night in the valley."


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("2018-09-12", "2018-09-12"),
        ("2018-09-12T22:10:00-04:00", "2018-09-12"),
        ("2018-09-12 22:10", "2018-09-12"),
        ("2018-9-2", "2018-09-02"),
        ("2018-09", "2018-09"),
        ("2018", "2018"),
        ("September 12, 2018", "2018-09-12"),
        ("Sept. 12, 2018", "2018-09-12"),
        ("12 September 2018", "2018-09-12"),
        ("Wed, 12 Sep 2018 10:00:00 GMT", "2018-09-12"),
        ("September 2018", "2018-09"),
        ("9/16/17", "2017-09-16"),  # 16 cannot be a month: the order is certain
        ("10/18/16", "2016-10-18"),
        ("16.09.2017", "2017-09-16"),
        ("1/1/2016", "2016-01-01"),  # both orders read the same
    ],
)
def test_dates_read_whole(raw, value):
    assert read_date(raw) == (value, None)


@pytest.mark.parametrize(
    ("raw", "value", "note"),
    [
        ("12/1/16", "2016", "day and month could be either way round; kept the year only"),
        ("12/1", None, "has no year"),
        ("March 5", None, "has no year"),
        ("2024-13-45", None, "is impossible (month 13)"),
        ("2023-02-29", None, "is impossible (day 29 of month 2)"),
        ("0000-01-01", None, "year out of range"),
        ("yesterday", None, "has no digits"),
        ("31/31/2020", None, "is impossible"),
    ],
)
def test_uncertain_dates_keep_what_is_certain_and_say_why(raw, value, note):
    parsed = read_date(raw)
    assert parsed.value == value
    assert note in parsed.note


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_no_date_is_silent(raw):
    assert read_date(raw) == (None, None)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("WASHINGTON, Sept. 12, 2018 — The Senate voted.", "2018-09-12"),
        ("LONDON, 12 September 2018 - Markets fell.", "2018-09-12"),
        ("WASHINGTON (Reuters) - The Senate voted.", None),  # a dateline without a date
        ("The Senate voted on Sept. 12, 2018 - late.", None),  # a date, but not a dateline
    ],
)
def test_dateline_date(text, value):
    assert dateline_date(text) == value


def _read(tmp_path, *records):
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    warnings: list[Skip] = []
    articles = list(read_articles([path], on_warning=warnings.append))
    return articles, [str(w) for w in warnings]


def test_jsonl_dates_normalized_and_bad_ones_warned_once(tmp_path):
    articles, warnings = _read(
        tmp_path,
        {"id": "a", "text": SENTENCE, "date": "September 12, 2018"},
        {"id": "b", "text": SENTENCE, "date": "12/1"},
        {"id": "c", "text": SENTENCE, "date": "2024-13-45"},
        {"id": "d", "text": SENTENCE, "date": "12/1/16"},
        {"id": "e", "text": SENTENCE, "date": None},
        {"id": "f", "text": SENTENCE, "date": 20180912},
    )
    assert [a.date for a in articles] == ["2018-09-12", None, None, "2016", None, None]
    assert len(warnings) == 4
    assert warnings[0].endswith("feed.jsonl:2: date '12/1' has no year; ignored")
    assert "feed.jsonl:3: date '2024-13-45' is impossible" in warnings[1]


def test_dateline_gives_the_date_when_metadata_has_none(tmp_path):
    [article], _ = _read(tmp_path, {"id": "a", "text": f"WASHINGTON, Sept. 12, 2018 — {SENTENCE}"})
    assert article.date == "2018-09-12"


@pytest.mark.parametrize(
    ("value", "datatype"),
    [("2018-09-12", XSD.date), ("2016", XSD.gYear), ("2016-12", XSD.gYearMonth)],
)
def test_date_literal_is_well_typed(value, datatype):
    literal = date_literal(value)
    assert (str(literal), literal.datatype) == (value, datatype)
    assert literal.ill_typed is not True


@pytest.mark.parametrize("value", [None, "", "2024-13-45", "12/1", "soon"])
def test_no_literal_for_a_date_that_is_not_one(value):
    assert date_literal(value) is None
