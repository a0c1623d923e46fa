"""personal_staff.v4: a person's aide, adviser, spokesperson or lawyer works for that person. Sentences written
for these tests."""

from __future__ import annotations

import pytest

from test_extractors import facts_of

US_STORY = "https://www.foxnews.com/politics/some-story"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tom Hale, a spokesman for Sen. Maria Lopez, declined to comment.", ("Tom Hale", "works_for", "Maria Lopez")),
        ("Ann Cole, a former adviser to Mr. Carl Benning, said the plan was sound.", ("Ann Cole", "works_for", "Carl Benning")),
        ("Dana Reyes's lawyer, Peter Walsh, filed the motion on Monday.", ("Peter Walsh", "works_for", "Dana Reyes")),
        ("Peter Walsh, Dana Reyes's longtime attorney, filed the motion.", ("Peter Walsh", "works_for", "Dana Reyes")),
        ("Senator Maria Lopez's chief of staff, Tom Hale, resigned.", ("Tom Hale", "works_for", "Maria Lopez")),
        ("Ann Cole, a top aide to Democratic Sen. Maria Lopez, left in May.", ("Ann Cole", "works_for", "Maria Lopez")),
        # v2: the boss's name right before the role; a plural role lists each aide
        ("Carl Benning spoke on Monday. Benning economic adviser Tom Hale said the plan was ready.",
         ("Tom Hale", "works_for", "Carl Benning")),
        ("Mrs. Lopez and top aides Tom Hale and Ann Cole met the committee.", ("Ann Cole", "works_for", "Lopez")),
        # v4: a family tie before the role
        ("Peter Walsh, Dana Reyes's son-in-law and senior adviser, filed the motion.", ("Peter Walsh", "works_for", "Dana Reyes")),
    ],
)
def test_staff_of_a_person(analyse, text, expected):
    assert expected in facts_of(analyse(text, url=US_STORY), rule="personal_staff.v4")


@pytest.mark.parametrize(
    "text",
    [
        "Tom Hale, a lawyer for the family, declined to comment.",  # no person named as the employer
        "Dana Reyes's lawyer said Peter Walsh had lied.",  # the lawyer is unnamed; Walsh is someone else
        "Tom Hale, a critic of Sen. Maria Lopez, spoke first.",  # a critic is no employee
        "Peter Walsh, Dana Reyes's husband, filed the motion.",  # family, not staff
        "Maria Lopez and Peter Walsh met on Monday.",  # two people, no role between
    ],
)
def test_no_staff_fact_without_a_staff_role_between_two_people(analyse, text):
    assert not facts_of(analyse(text, url=US_STORY), rule="personal_staff.v4")


def test_the_boss_behind_an_office(analyse):
    """v3: "a spokeswoman for House Speaker X": the office between the role and the name is the boss's."""
    text = "“The vote is off,” said Nina Park, a spokeswoman for House Speaker Carl Benning, on Tuesday."
    assert ("Nina Park", "works_for", "Carl Benning") in facts_of(analyse(text, url=US_STORY), rule="personal_staff.v4")


def test_the_presidents_staff_work_for_the_president_in_office_the_article_names(analyse):
    """v4: "the president's counselor" is the counselor of the one president in office the article names."""
    text = "President Barack Obama met the envoy. John D. Podesta, the president's counselor, has resisted requests to stay."
    facts = facts_of(analyse(text, url=US_STORY, date="2014-01-15"), rule="personal_staff.v4")
    assert ("John D. Podesta", "works_for", "Barack Obama") in facts
    undated = facts_of(analyse(text, url=US_STORY), rule="personal_staff.v4")
    assert not undated  # no date: which president is unknown
