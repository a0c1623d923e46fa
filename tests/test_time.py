"""kg.extract.time: every time cue on sentences, with the must-not cases, and the facts the runner dates."""

from __future__ import annotations

import pytest

from kg.extract.entities import resolve_entities
from kg.extract.rules import Context
from kg.extract.time import load_cues, time_of
from kg.model import Article, Period

DATE = "2019-06-01"


@pytest.fixture(scope="module")
def period(nlp, lexicon):
    """The Period of the role its subject holds: ``period(text, subject[, object])``."""

    def run(text: str, subject: str, obj: str | None = None, date: str | None = DATE) -> Period:
        doc = nlp(text)
        article = Article(id="t", text=text, date=date)
        ctx = Context(doc, article, resolve_entities(doc, article, lexicon), lexicon)
        span = next(e for e in doc.ents if e.text == subject)
        other = next((e for e in doc.ents if e.text == obj), None) if obj else None
        return time_of(span, ctx.title_tokens, date, other)

    return run


@pytest.mark.parametrize(
    "text, subject, status",
    [
        ("Former Defense Secretary Chuck Hagel said the plan was flawed.", "Chuck Hagel", "former"),
        ("Ex-President Bill Clinton spoke at the conference.", "Bill Clinton", "former"),
        ("Then-U.S. President Ronald Reagan met the Soviet leader.", "Ronald Reagan", "former"),
        ("The late French President Francois Mitterrand was honoured.", "Francois Mitterrand", "former"),
        ("Retired Microsoft chief executive Steve Ballmer announced the deal.", "Steve Ballmer", "former"),
        ("Matthew Barrett, the former chairman of Barclays, defended the bonus.", "Matthew Barrett", "former"),
        ("Outgoing Microsoft chief executive Steve Ballmer announced the deal.", "Steve Ballmer", "current"),
        ("Incoming Microsoft chief executive Steve Ballmer announced the deal.", "Steve Ballmer", "future"),
        ("President-elect Donald Trump met the press.", "Donald Trump", "future"),
        ("Acting Microsoft chief executive Steve Ballmer announced the deal.", "Steve Ballmer", "acting"),
        ("Interim Microsoft chief executive Steve Ballmer announced the deal.", "Steve Ballmer", "acting"),
        ("Steve Ballmer was previously chief executive of Microsoft.", "Steve Ballmer", "former"),
        ("President Donald Trump fired FBI director James Comey.", "James Comey", "former"),
        ("James Lyons, a U.S. Navy retired admiral, spoke.", "James Lyons", "former"),
        ("Microsoft chief executive Steve Ballmer announced the deal.", "Steve Ballmer", None),
        ("Steve Ballmer is the chief executive of Microsoft.", "Steve Ballmer", None),
    ],
)
def test_status_cues(period, text, subject, status):
    assert period(text, subject).status == status


def test_former_before_a_party_named_as_the_role(period):
    assert period("Former Liberal Democrat Jackie Ballard spoke out.", "Jackie Ballard", "Liberal Democrat").status == "former"


@pytest.mark.parametrize(
    "text, subject",
    [
        # "former" is part of a name, not a status of the role
        ("Russian President Vladimir Putin, who grew up in the former Soviet Union, spoke.", "Vladimir Putin"),
        ("Vladimir Putin, a KGB officer in the former Soviet Union, rose quickly.", "Vladimir Putin"),
        # "ex-" of a relative, not a title
        ("Donald Trump's ex-wife Ivana Trump spoke.", "Ivana Trump"),
        ("Steve Ballmer, a former colleague of Bill Gates, spoke.", "Steve Ballmer"),
        # "late" of a decade, not a person
        ("In the late 1990s, Microsoft chief executive Steve Ballmer grew the firm.", "Steve Ballmer"),
        # a reporting verb in the past tense with "earlier" dates the saying, not the role
        ("Microsoft chief executive Steve Ballmer said earlier that sales rose.", "Steve Ballmer"),
        ("Steve Ballmer, who is chief executive of Microsoft, said earlier that sales rose.", "Steve Ballmer"),
        ("Steve Ballmer, chief executive of Microsoft, said in 2015 that sales rose.", "Steve Ballmer"),
        # a future step-down is not a former role
        ("Steve Ballmer, the chief executive of Microsoft, will step down next year.", "Steve Ballmer"),
    ],
)
def test_must_not_give_a_status(period, text, subject):
    assert period(text, subject).status is None


@pytest.mark.parametrize(
    "text, subject, expected",
    [
        ("Ed Balls, who worked at the Treasury until 2004, spoke.", "Ed Balls", Period("former", None, "2004")),
        ("Narendra Modi has served as chief minister of Gujarat since 2001.", "Narendra Modi", Period("current", "2001", None)),
        ("John Smith, who was chairman of Barclays from 2010 to 2014, spoke.", "John Smith", Period("former", "2010", "2014")),
        ("John Smith, who was chairman of Barclays between 2010 and 2014, spoke.", "John Smith", Period("former", "2010", "2014")),
        ("John Smith, chairman of Barclays (2010-2014), spoke.", "John Smith", Period("former", "2010", "2014")),
        ("John Smith, who has been chairman of Barclays since 2019, spoke.", "John Smith", Period("current", "2019", None)),
        # relative to the article's date (2019-06-01)
        ("Steve Ballmer, who stepped down as chief executive of Microsoft last year, spoke.", "Steve Ballmer",
         Period("former", None, "2018")),
        ("Steve Ballmer, who resigned as chief executive of Microsoft two years ago, spoke.", "Steve Ballmer",
         Period("former", None, "2017")),
        ("Steve Ballmer, who stepped down as chief executive of Microsoft in 2014, spoke.", "Steve Ballmer",
         Period("former", None, "2014")),
        ("Steve Ballmer was named chief executive of Microsoft in 2000.", "Steve Ballmer", Period("current", "2000", None)),
        ("Steve Ballmer, who was chief executive of Microsoft in 2010, spoke.", "Steve Ballmer", Period("former", None, None)),
    ],
)
def test_intervals_from_explicit_year_cues_are_exact(period, text, subject, expected):
    assert period(text, subject) == expected


@pytest.mark.parametrize(
    "text, subject, expected",
    [
        # the allsides sentence that gave Barack Obama leader_of United States "until 2012" and, the stated interval
        # outranking the list's 2009-2017, took him out of the 2014 answer: the year dates the endorsing
        ("This prompted outrage, despite the fact that then-President Barack Obama did not officially endorse "
         "same-sex marriage until May 2012.", "Barack Obama", Period("former", None, None)),
        ("Microsoft chief executive Steve Ballmer launched the phone in 2010.", "Steve Ballmer", Period(None, None, None)),
        ("Steve Ballmer, the chief executive of Microsoft, sold shares until 2014.", "Steve Ballmer", Period(None, None, None)),
    ],
)
def test_a_year_in_a_clause_that_states_no_role_dates_nothing(period, text, subject, expected):
    assert period(text, subject) == expected


def test_relative_cues_need_the_article_date(period):
    text = "Steve Ballmer, who stepped down as chief executive of Microsoft last year, spoke."
    assert period(text, "Steve Ballmer", date=None) == Period("former", None, None)


def test_every_cue_row_is_read():
    cues = load_cues()
    assert cues.modifiers["former"] == "former" and cues.modifiers["elect"] == "future"
    assert cues.end_verbs[("step", "down")] == "former" and cues.start_verbs[("take", "over")] == "current"
    assert ("former", "soviet", "union") in cues.names


def facts_of(result):
    return {(f.subject[1], f.relation, f.object[1], f.time.status) for f in result.facts if f.relation in
            {"leader_of", "heads", "works_for", "member_of"}}


@pytest.mark.parametrize(
    "text, fact",
    [
        # former roles are kept as facts, with their status (they were dropped before)
        ("Matthew Barrett, the former chairman of Barclays, defended the bonus.", ("Matthew Barrett", "heads", "Barclays", "former")),
        ("Former Liberal Democrat Jackie Ballard spoke out.", ("Jackie Ballard", "member_of", "Liberal Democrats", "former")),
        ("Then-French President Jacques Chirac rejected the plan.", ("Jacques Chirac", "leader_of", "France", "former")),
        ("French President Emmanuel Macron rejected the plan.", ("Emmanuel Macron", "leader_of", "France", None)),
        # no cue, but the list of office holders ended Chirac's term in 2007, twelve years before DATE
        ("French President Jacques Chirac rejected the plan.", ("Jacques Chirac", "leader_of", "France", "former")),
    ],
)
def test_runner_dates_each_role_fact(analyse, text, fact):
    assert fact in facts_of(analyse(text, date=DATE))


# The allsides case that put George W. Bush beside Obama as leader in 2014: 2015-2020 articles name him with
# his old title and no cue ("signed into law by President George W. Bush"), so he was observed current. The
# list of office holders ends his term in 2009: in an article dated two years or more after every term of
# the person, such a leader_of fact is a former role; during or just after a term it is left alone.
BUSH_LAW = (
    "The act was signed into law by President George W. Bush shortly after the 9/11 attacks to help the U.S. "
    "intercept and fight terrorism."
)


@pytest.mark.parametrize(
    "text, date, status",
    [
        (BUSH_LAW, "2018-06-01", "former"),
        (BUSH_LAW, "2011-01-01", "former"),
        (BUSH_LAW, "2010-06-01", None),  # the year after his term: the list has years, not days
        (BUSH_LAW, "2005-06-01", None),
        (BUSH_LAW, "12/1", None),  # no year, nothing to compare
        ("Then-US President George W. Bush signed the bill.", "2018-06-01", "former"),
    ],
)
def test_office_holders_list_makes_an_old_title_a_former_role(analyse, text, date, status):
    assert ("George W. Bush", "leader_of", "United States", status) in facts_of(analyse(text, date=date))


def test_office_holders_list_leaves_open_terms_and_unknown_people_alone(analyse):
    facts = facts_of(analyse("US President Donald Trump met US President Hillary Clinton.", date="2026-01-01"))
    assert ("Donald Trump", "leader_of", "United States", "former") in facts  # his listed term ended in 2021
    facts = facts_of(analyse("German Chancellor Angela Merkel met the press.", date="2026-01-01"))
    assert ("Angela Merkel", "leader_of", "Germany", None) in facts  # the list has her term open


def test_classifier_keeps_a_former_role_with_its_status(analyse):
    # the classifier no longer drops a pair with "former" before it: a role gets its status like every rule's
    result = analyse("John Smith, the former spokesman for Microsoft, spoke.", rules=["pair_classifier.v1"], date=DATE)
    assert ("John Smith", "works_for", "Microsoft", "former") in facts_of(result)
    result = analyse("Jane Doe, a former engineer at Google, said the company lied.", rules=["pair_classifier.v1"],
                     min_confidence=0, date=DATE)
    assert ("Jane Doe", "works_for", "Google", "former") in facts_of(result)


@pytest.mark.parametrize(
    "text, fact",
    [
        ("Former US diplomat John Smith spoke in Paris.", ("John Smith", "citizen_of", "United States")),
        ("The late Soviet dissident Andrei Sakharov was honoured.", ("Andrei Sakharov", "citizen_of", "Soviet Union")),
    ],
)
def test_nationality_outlives_a_former_occupation(analyse, text, fact):
    # nationality_modifier.v2 no longer drops "former"/"late": a past occupation does not end a nationality
    assert fact in {(f.subject[1], f.relation, f.object[1]) for f in analyse(text, date=DATE).facts}


def test_non_role_facts_get_no_status(analyse):
    result = analyse("Former US President Bill Clinton spoke at the conference.", date=DATE)
    assert {f.relation: f.time.status for f in result.facts}.get("citizen_of", "absent") in (None, "absent")
