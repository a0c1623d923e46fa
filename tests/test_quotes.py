"""Quotes (issue 12): quotation-mark spans, each attribution case, must-not cases, the seed's quotes."""

from __future__ import annotations

import pytest

from conftest import SEEDS
from kg.extract.quotes.marks import clean_text, quote_marks


def quotes_of(result, kind=None):
    """(speaker name or None, text) of an article's quotes, in text order."""
    return [(q.speaker[1] if q.speaker else None, q.text) for q in result.quotes if kind is None or q.kind == kind]


# --- quotation-mark spans (plain text, no parse) ----------------------------------------------


@pytest.mark.parametrize(
    "text, spans",
    [
        ('He said "yes, we will." Then “no”.', ["yes, we will.", "no"]),
        # curly and straight marks mixed in one text
        ('“One,” he said. "Two."', ["One,", "Two."]),
        # a quote running over two sentences inside one pair of marks
        ("“We will win. And soon,” she said.", ["We will win. And soon,"]),
        # a quote continued into the next paragraph (no closing mark before the break)
        ("“First paragraph.\n\n“Second paragraph,” he said.", ["First paragraph.\nSecond paragraph,"]),
        # an unbalanced mark ends with its paragraph and never swallows the article
        ("“Never closed here.\n\nThe rest of the article is plain prose.\n\nMore prose.", ["Never closed here."]),
        # two apostrophes after a word close the quote; an apostrophe in a word does not
        ("“It's too late for that,'' he said. Then “no”.", ["It's too late for that,", "no"]),
        # a stray closing mark opens nothing
        ("Plain text” and more.\n\nAnother paragraph.", []),
    ],
)
def test_quote_marks(text, spans):
    assert [clean_text(text, s.start, s.end) for s in quote_marks(text)] == spans


def test_unbalanced_mark_is_flagged():
    (span,) = quote_marks("“Never closed.\n\nProse.")
    assert not span.balanced and span.paragraphs == 1


# --- direct quotes: every attribution case ----------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # speaker after the quote, name inverted
        ("“We will pursue any aggressor,” said Hossein Salami.", [("Hossein Salami", "We will pursue any aggressor,")]),
        # speaker after the quote, in an appositive
        ("“Be careful,” the head of the Guards, Major General Hossein Salami, said on Saturday.",
         [("Hossein Salami", "Be careful,")]),
        # speaker before the quote, with a colon
        ("Nancy Pelosi said: “These unacceptable actions are cause for alarm.”",
         [("Nancy Pelosi", "These unacceptable actions are cause for alarm.")]),
        # speaker between two halves: two quotes, one speaker
        ("“We will win,” Boris Johnson said. “And we will win soon.”",
         [("Boris Johnson", "We will win,"), ("Boris Johnson", "And we will win soon.")]),
        # "..." -Name
        ("“There is extreme bias against this president.” -Hogan Gidley",
         [("Hogan Gidley", "There is extreme bias against this president.")]),
        # "..." — Name
        ("“There is extreme bias against this president.” — Hogan Gidley",
         [("Hogan Gidley", "There is extreme bias against this president.")]),
    ],
)
def test_direct_quote_speakers(analyse, text, expected):
    assert quotes_of(analyse(text), "direct") == expected


def test_pronoun_speaker_is_the_person_just_named(analyse):
    text = "Nancy Pelosi criticised the plan on Saturday. “The United States cannot enable more brutality,” she added."
    (quote,) = analyse(text).quotes
    assert quote.speaker == ("person", "Nancy Pelosi") and quote.cue == "add"


@pytest.mark.parametrize(
    "text, speaker",
    [
        # a name in apposition to the subject is what "she" continues, not a person named earlier
        ("Senator Mark Pryor voted against the bill in April. The group's director, Laura Bennett, says the ads "
         "remind voters of that vote.\n\n“We're not trying to convince anyone,” she says.", "Laura Bennett"),
        # "the president" told someone: "he" continues the president, not the person told
        ("President Donald Trump met Chuck Schumer in December. The president told Schumer he would take "
         "the blame.\n\n“I will be the one to shut it down,” he said.", "Donald Trump"),
        # "the president" is the president named last when the article names two
        ("President Barack Obama praised President Donald Trump's predecessor. Later President Donald Trump "
         "spoke.\n\n“Enough is enough,” the president said.", "Donald Trump"),
        # a word for a person the article has just named
        ("Karen Whitsett spoke to Fox News on Monday.\n\n“It saved my life,” the lawmaker told the host.",
         "Karen Whitsett"),
        # the author of a letter or statement speaks through it
        ("Steven Chu wrote to his staff on Friday.\n\n“The risks we run are enormous,” Chu's letter said.",
         "Steven Chu"),
        ("Barack Obama thanked the secretary.\n\n“He served us well,” a statement by Obama said.",
         "Barack Obama"),
    ],
)
def test_speaker_of_a_pronoun_title_or_document(analyse, text, speaker):
    direct = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert [q.speaker[1] if q.speaker else None for q in direct] == [speaker]


@pytest.mark.parametrize(
    "text, speaker",
    [
        # "he"/"she" continues the subject of the sentence before, not a subject inside it
        ("Senator Ruth Calder said she doubts the fund would survive if Martin Hale were still its manager. "
         "But she added, \"the fund lost its way years ago and nobody noticed.\"", "Ruth Calder"),
        ("Governor Tom Baxter spent the morning in Dayton, insisting Peter Lomax had misread the budget.\n\n"
         "\"We balanced every line of it and we will balance the next one too,\" he said.", "Tom Baxter"),
        # "she" passes over a man the article calls "he" ...
        ("Tom Baxter denied the report about the school he founded. Ruth Calder disagreed.\n\n"
         "\"I never signed that letter and I never saw it before today,\" she told reporters.", "Ruth Calder"),
        # ... and, with no woman named, stays unknown (an unnamed woman spoke)
        ("Tom Baxter denied the report about the school he founded.\n\n"
         "\"I never signed that letter and I never saw it before today,\" she told reporters.", None),
        # an office the title lexicon leaves out or abbreviates, written before the name
        ("Columbus Mayor Ruth Calder met the council on Monday.\n\n"
         "“We are not closing a single library this year,” the mayor told reporters.", "Ruth Calder"),
        ("Ohio Gov. Tom Baxter met the council on Monday.\n\n"
         "“We are not closing a single library this year,” the governor told reporters.", "Tom Baxter"),
        # must not: "the mayor" of an article that names no mayor is nobody
        ("Ohio Gov. Tom Baxter met the council on Monday.\n\n"
         "“We are not closing a single library this year,” the mayor told reporters.", None),
        # "Mr." before a surname the NER read as a place
        ("Rep. Tom Israel of Ohio said he hoped for more.\n\n"
         "“We would love to see more of that next year,” Mr. Israel said.", "Tom Israel"),
    ],
)
def test_pronoun_office_and_honorific_speakers(analyse, text, speaker):
    direct = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert [q.speaker[1] if q.speaker else None for q in direct] == [speaker]


@pytest.mark.parametrize(
    "text, speaker",
    [
        # a participle the parse hangs on a clause whose subject is no one speaks for the sentence's subject
        ("The fire started at noon. Ruth Calder declined to answer a reporter's question about whether the attack "
         "was a hate crime, saying, “It's very hard to know what the man wanted.”", "Ruth Calder"),
        # a judge or justice titled before the name is "the judge"
        ("U.S. District Judge Tom Baxter heard the case on Monday.\n\n"
         "“This court will not be rushed by anyone,” the judge said.", "Tom Baxter"),
        ("Supreme Court Justice Ruth Calder was sworn in on Monday.\n\n"
         "The newly appointed justice added: “The process was long and hard. It is over now and I will do my job.”",
         "Ruth Calder"),
        # must not: an article that names no judge
        ("The judge heard the case on Monday.\n\n“This court will not be rushed by anyone,” the judge said.", None),
        # cue verbs of a debate
        ("“You can't have it both ways,” Tom Baxter jeered.", "Tom Baxter"),
        ("“The senator has had several plans so far,” Ruth Calder taunted.", "Ruth Calder"),
    ],
)
def test_participle_judge_and_debate_cues(analyse, text, speaker):
    direct = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert [q.speaker[1] if q.speaker else None for q in direct] == [speaker]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Ruth Calder testified that she was “deeply offended” by the letter.", "Ruth Calder"),
        ("Tom Baxter said he was “100 percent” certain of the result.", "Tom Baxter"),
    ],
)
def test_scare_quote_in_a_reported_sentence_is_no_quotation_but_cites_its_speaker(analyse, text, speaker):
    result = analyse(text)
    assert [q.kind for q in result.quotes] == ["indirect"]
    assert ("person", speaker) in {f.subject for f in result.facts if f.relation == "cited_by"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # a short quotation right after its cue, or opening its sentence, is a quotation
        ("Tom Baxter said: “Never again.”", ("Tom Baxter", "Never again.")),
        ("“Even then,” Ruth Calder said.", ("Ruth Calder", "Even then,")),
    ],
)
def test_short_quotation_kept(analyse, text, expected):
    assert quotes_of(analyse(text), "direct") == [expected]


@pytest.mark.parametrize(
    "text, speaker",
    [
        # a colon ending the paragraph before introduces the quotation
        ("Mitt Romney wrote on Facebook:\n\n“It is disqualifying for a nominee to hide his tax returns from voters.”",
         "Mitt Romney"),
        ("Donald Trump issued a series of tweets on Sunday:\n\n“Never seen such anger and unity as I have seen this week.”",
         "Donald Trump"),
        # a list label before the colon names nobody
        ("The report lists the critiques.\n\nGay marriage: “We will face serious difficulty so long as the issue "
         "remains on the table.”", None),
        # v2: the owner of a noun for what was said; a noun for something else names nobody
        ("Rates will rise, said Helen Okafor, an economist at Brightwater Bank.\n\nOkafor’s verdict: “The cuts came "
         "too late to save the quarter.”", "Helen Okafor"),
        ("Rates will rise, said Helen Okafor, an economist at Brightwater Bank.\n\nOkafor’s office: “The cuts came "
         "too late to save the quarter.”", None),
        # the agent of a passive cue, not the clause's subject or a pronoun after it
        ("Something recently written by Paul Renner, a columnist who knows the agency well, is what she may want to "
         "forget:\n\n“Only a person lacking a sense of honor would cling to that job.”", "Paul Renner"),
        # v3: a name after a preposition is what the quotation is about, not who said it
        ("Dick Chaney spoke on Sunday about the race.\n\nOn Christie: “I like him. I have not committed to anyone and "
         "will not for some time.”", None),
    ],
)
def test_colon_introduces_a_quotation(analyse, text, speaker):
    (quote,) = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert (quote.speaker[1] if quote.speaker else None) == speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        # the parse hangs a word of the quotation on the cue as a second subject: the one outside the marks speaks
        ("Maria Lopez hosts the morning show.\n\n“Stay home. Wear a mask. Hello?” she said.", "Maria Lopez"),
        ("“Our union deserves better. We all deserve better,” Maria Lopez said.", "Maria Lopez"),
        # "?" and "!" stand where the attribution's comma would
        ("“Would we have liked higher prices from the start?” Andrew Fields, the head of the agency, said this month.",
         "Andrew Fields"),
        # "by saying": the subject of the verb the preposition hangs from
        ("Maria Lopez spoke last.\n\nShe ended by saying, “I will keep working for the families of this city.”",
         "Maria Lopez"),
        # two apostrophes typed for the closing mark
        ("“The bill still has major problems and frees violent criminals,'' said Tom Walker, a senator.",
         "Tom Walker"),
    ],
)
def test_speaker_of_a_tricky_attribution(analyse, text, speaker):
    direct = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert [q.speaker[1] if q.speaker else None for q in direct] == [speaker]


@pytest.mark.parametrize(
    "text, speaker",
    [
        # "the statement said" continues the source that spoke in a statement just before
        ("The Pentagon said in a statement on Friday that the ship came too close.\n\n“We consider these actions "
         "unsafe and unprofessional,” the statement said.", "Pentagon"),
        # "it said" continues an organization
        ("Amnesty International said on Friday that the outage was limited.\n\n“The data point to a deliberate "
         "shutdown of the network,” it said in a tweet.", "Amnesty International"),
        # ... but not a person
        ("Maria Lopez said on Friday that the outage was limited.\n\n“The data point to a deliberate shutdown "
         "of the network,” it said in a tweet.", None),
        # ... and not the "it" of a passive
        ("Amnesty International said on Friday that the outage was limited.\n\nIt is noted that the outage is a "
         "“personal failure for the minister of communications”, since he promised better networks.", None),
        # a cue after the quotation whose subject is nobody ("which argued") leaves the cue before it to speak
        ("Although Maria Lopez wrote “the plan has serious flaws in its funding”, she did not sign a letter, which "
         "argued for a delay.", "Maria Lopez"),
    ],
)
def test_speaker_continued_or_found_before(analyse, text, speaker):
    direct = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert [q.speaker[1] if q.speaker else None for q in direct] == [speaker]


@pytest.mark.parametrize(
    "text, speaker",
    [
        # two subjects parsed for one cue: the one that is someone speaks
        ("Law professor and Washington Post commentator Jonathan Miller wrote last year that “the selection "
         "suggests the administration is serious about reform.”", "Jonathan Miller"),
        # a nearer cue whose subject is nobody gives way to one further back
        ("After the student said she was 16, Dianne Feinstein replied, “Well, you did not vote for me.”",
         "Dianne Feinstein"),
        # "the review states": the one organization named before whose name ends so
        ("The Pentagon published the Nuclear Posture Review on Friday.\n\n“In no way does this approach lower "
         "the nuclear threshold,” the review says.", "Nuclear Posture Review"),
        # a dash, then titles, then the person
        ("“There is extreme bias against this president.” — White House Deputy Press Secretary Hogan Gidley",
         "Hogan Gidley"),
    ],
)
def test_speaker_behind_a_second_subject_a_farther_cue_or_titles(analyse, text, speaker):
    direct = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert [q.speaker[1] if q.speaker else None for q in direct] == [speaker]


def test_the_president_is_who_held_the_office_in_the_articles_year(analyse):
    text = ("Donald Trump welcomed Brett Kavanaugh on Monday, and Barack Obama stayed away.\n\n"
            "Kavanaugh thanked his family. The US president told the room: “You were proven innocent.”")
    (quote,) = [q for q in analyse(text, date="2018-10-08").quotes if q.kind == "direct"]
    assert quote.speaker == ("person", "Donald Trump")
    # with no date there is no telling which president it was
    (quote,) = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert quote.speaker != ("person", "Donald Trump")


def test_a_shared_surname_is_the_office_holders_in_the_articles_year(analyse):
    text = ("Donald Trump and Melania Trump arrived at the White House on Monday.\n\n"
            "Trump quipped: “I think that is the biggest hand he ever received.”")
    (quote,) = [q for q in analyse(text, date="2018-10-08").quotes if q.kind == "direct"]
    assert quote.speaker == ("person", "Donald Trump")


def test_a_quotation_inside_an_attribution_is_no_second_half(analyse):
    text = ("“The senator has impugned the motives of our colleague,” Mitch McConnell said, referring to a letter "
            "by Coretta Scott King that warned Sessions would “chill the free exercise of the vote by black citizens.”")
    quotes = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert quotes[0].speaker == ("person", "Mitch McConnell")
    assert all(q.speaker != ("person", "Mitch McConnell") or q.rule != "direct_between.v1" for q in quotes[1:])


def test_a_reporter_by_her_first_name_is_the_person_named_in_full(analyse):
    text = ("NPR's Tamara Keith reported from the White House on Friday.\n\n"
            "“The press secretary says the mission will be limited,” Tamara adds.")
    (quote,) = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert quote.speaker == ("person", "Tamara Keith")


@pytest.mark.parametrize(
    "text, speaker",
    [
        # no cue in reach: the person the paragraph opens with
        ("Barack Obama mentioned the departure at a White House event on Friday. He also praised Chu for "
         "“designing a cap to plug a hole in the middle of the Gulf of Mexico when nobody else could.”",
         "Barack Obama"),
        # a paragraph opening with something else: nobody
        ("The hearing ended early on Thursday, before the chairman could read a line that “we lose our ability "
         "to get their communications from the people who plan attacks.”", None),
    ],
)
def test_long_quotation_with_no_cue_takes_its_paragraphs_speaker(analyse, text, speaker):
    quotes = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert (quotes[-1].speaker[1] if quotes[-1].speaker else None) == speaker


def test_title_before_a_possessive_names_no_office_holder(analyse):
    text = ("John Miller, the president's counselor, met the press. Anna Cole said the president should try again.\n\n"
            "“He has to reach out to the other side,” she said.")
    (quote,) = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert quote.speaker == ("person", "Anna Cole")


def test_one_word_organization_name_with_a_title_is_a_person():
    from kg.extract.quotes.speakers import _mistyped_person
    from kg.model import Entity

    assert _mistyped_person(Entity("organization", "Trump", "Organization"))
    assert not _mistyped_person(Entity("organization", "IRS", "Organization"))
    assert not _mistyped_person(Entity("organization", "White House", "Organization"))
    assert not _mistyped_person(Entity("organization", "Google", "Company"))


def test_full_stop_quotation_then_new_sentence_is_not_attributed_to_it(analyse):
    text = ("“The plan is dead.” Maria Lopez said on Monday that the city would look for other money for the new "
            "school buildings.")
    assert [q.speaker for q in analyse(text).quotes if q.kind == "direct"] == []


def test_no_person_noun_speaker_without_a_person_named_before(analyse):
    (quote,) = [q for q in analyse("“It saved my life,” the lawmaker told the host on Monday.").quotes
                if q.kind == "direct"]
    assert quote.speaker is None


def test_quote_continued_in_next_paragraph_keeps_its_speaker(analyse):
    text = (
        "Donald Trump spoke to the graduates on Friday.\n\n"
        "“It's a shame what's happened with the FBI,” Donald Trump said.\n\n"
        "“But we're going to rebuild the FBI. It will be bigger and better than ever.”"
    )
    assert quotes_of(analyse(text), "direct") == [
        ("Donald Trump", "It's a shame what's happened with the FBI,"),
        ("Donald Trump", "But we're going to rebuild the FBI. It will be bigger and better than ever."),
    ]


def test_quote_over_two_paragraphs_is_one_quote(analyse):
    text = ("Angela Merkel said: “We have done a great deal.\n\n"
            "“But there is more to do, and we will do it together.”")
    (quote,) = analyse(text).quotes
    assert quote.speaker == ("person", "Angela Merkel")
    assert quote.text == "We have done a great deal.\nBut there is more to do, and we will do it together."


def test_nested_quote_is_one_quote_of_the_outer_speaker(analyse):
    text = "“He told me ‘we are leaving tomorrow’ and then he left,” Maria Lopez said."
    (quote,) = analyse(text).quotes
    assert quote.speaker == ("person", "Maria Lopez") and "‘we are leaving tomorrow’" in quote.text


def test_spokesman_for_an_organization_speaks_for_it(analyse):
    text = "“We do not comment on rumours,” a spokesman for Microsoft said."
    (quote,) = analyse(text).quotes
    assert quote.speaker == ("organization", "Microsoft")


def test_told_an_outlet_is_addressee_outlet_and_cited_by(analyse):
    result = analyse("“The deal is off,” Tim Osborne told the BBC.")
    (quote,) = result.quotes
    assert quote.addressee == "BBC" and quote.outlet == ("organization", "BBC")
    assert ("Tim Osborne", "cited_by", "BBC") in {(f.subject[1], f.relation, f.object[1]) for f in result.facts}


def sources_of(result):
    return {f.subject[1] for f in result.facts if f.relation == "cited_by" and f.object == ("article", "t")}


@pytest.mark.parametrize(
    "text, source",
    [
        # the party itself, not some of its members
        ("The Tories said the plan would cost billions.", "Conservative Party"),
        ("The Scottish National Party said it would vote against the bill.", "Scottish National Party"),
    ],
)
def test_party_as_a_source(analyse, text, source):
    assert source in sources_of(analyse(text))


@pytest.mark.parametrize(
    "text, source",
    [
        # a direct quote whose speaker is resolved from "he" or a title makes a source too
        ("Senator Paul Redding met the miners on Monday. “We will not let this mine close,” he said.", "Paul Redding"),
        ("President Donald Trump spoke at the plant.\n\n“She thought she was dead,” the president said.", "Donald Trump"),
    ],
)
def test_resolved_speaker_of_a_direct_quote_is_a_source(analyse, text, source):
    assert source in sources_of(analyse(text))


def test_unattributed_continuation_alone_makes_no_source(analyse):
    text = "The hall was full.\n\n“We have done a great deal, and there is more to do for all of you.”"
    assert not sources_of(analyse(text))


@pytest.mark.parametrize(
    "text, not_source",
    [
        # party members are not the party as a source
        ("Democrats say the bill would fail.", "Democratic Party"),
        ("Most Republicans argue that the bill would fail.", "Republican Party"),
        # a cue that announces an act: a statement reported, no source cited
        ("Vladimir Putin declared that the main task was to repel the offensive.", "Vladimir Putin"),
        ("Boris Johnson vowed to leave the union by October.", "Boris Johnson"),
        # a study resolved from "the poll" (a guess, like a pronoun) stays on the quote only (a pollster of
        # pollsters.tsv is a source by pollster_figures.v1 instead: tests/test_extractors.py)
        ("The Harbor Institute released a poll on Monday. The poll found that trust in newspapers fell again.",
         "Harbor Institute"),
    ],
)
def test_no_named_source(analyse, text, not_source):
    assert not_source not in sources_of(analyse(text))


@pytest.mark.parametrize(
    "text, addressee",
    [
        ("“These actions are cause for alarm,” Nancy Pelosi said in a statement.", "statement"),
        ("“We will not back down,” Jack Dorsey said on Twitter.", "Twitter"),
    ],
)
def test_medium_is_the_addressee(analyse, text, addressee):
    (quote,) = analyse(text).quotes
    assert quote.addressee == addressee


def test_entities_named_inside_a_quote(analyse):
    (quote,) = analyse("“Iran will pay for what it did to Saudi Arabia,” Mike Pompeo said.").quotes
    assert ("place", "Iran") in quote.mentions and ("person", "Mike Pompeo") not in quote.mentions


# --- must not: labels and broken marks --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # scare quotes around a word
        "The so-called “reforms” were passed by parliament on Tuesday.",
        "The government's “plan” was criticised by many economists.",
        # a song title
        "The band played the song “Bohemian Rhapsody” at the end of the concert.",
        # a book title in title case
        "He spent the summer reading “The Art of the Deal” on the beach.",
        # an unbalanced mark with no speaker in reach
        "The ministry released figures on Monday. “Growth\n\nThe economy grew by two percent in the quarter.",
    ],
)
def test_no_direct_quote(analyse, text):
    assert quotes_of(analyse(text), "direct") == []


def test_unbalanced_mark_never_swallows_the_article(analyse):
    text = ("“We will win,” Boris Johnson said. “And soon.\n\n"
            + "The vote is on Thursday and the polls are close. " * 20)
    quotes = analyse(text).quotes
    assert all("\n" not in q.text and len(q.text) < 60 for q in quotes if q.kind == "direct")


# --- reported speech ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mikhail Vinogradov believes that the effectiveness of military operations is lower than expected.",
         ("Mikhail Vinogradov", "the effectiveness of military operations is lower than expected")),
        ("Mike Pompeo warned that Iran would face consequences for the attack.",
         ("Mike Pompeo", "Iran would face consequences for the attack")),
        ("Putin has to set priorities since his forces are exhausted, says Bota Ilijas, a senior analyst.",
         ("Bota Ilijas", "Putin has to set priorities since his forces are exhausted")),
    ],
)
def test_indirect_speech(analyse, text, expected):
    assert expected in quotes_of(analyse(text), "indirect")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("According to the General Staff, the enemy's losses amount to about 40 thousand people.",
         ("General Staff", "the enemy's losses amount to about 40 thousand people")),
        ("Mikhail Vinogradov spoke on Monday. According to him, the system was not prepared for a long war.",
         ("Mikhail Vinogradov", "the system was not prepared for a long war")),
    ],
)
def test_according_to(analyse, text, expected):
    assert expected in quotes_of(analyse(text), "according_to")


@pytest.mark.parametrize(
    "text",
    [
        # the cue sits in a relative clause: no statement of Kavanaugh's is reported
        "In what Brett Kavanaugh acknowledged was a break from tradition, the ceremony ran late.",
        "Steven Chu backed a loan program which Chu said generated billions in investment.",
    ],
)
def test_cue_inside_its_own_clause_reports_nothing(analyse, text):
    assert quotes_of(analyse(text), "indirect") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # "called X Y": the object and what it was called
        ("Colin Powell called the remarks deeply offensive.", ("Colin Powell", "the remarks deeply offensive")),
        # "accused X of Y"
        ("Nancy Pelosi accused the administration of ignoring the law.",
         ("Nancy Pelosi", "the administration of ignoring the law")),
        # "called on X to Y"
        ("Barack Obama called on House lawmakers to pass the bill.", ("Barack Obama", "House lawmakers to pass the bill")),
        # a gerund is what was denied
        ("Paul Manafort denied lying to investigators.", ("Paul Manafort", "lying to investigators")),
        # a study speaks for who made it; "the poll" is the poll just named
        ("A survey by the Federal Reserve found that most families cannot cover an emergency.",
         ("Federal Reserve", "most families cannot cover an emergency")),
        ("Gallup released a poll on Monday. The poll found that trust in newspapers fell again.",
         ("Gallup", "trust in newspapers fell again")),
    ],
)
def test_reported_speech_cues(analyse, text, expected):
    assert expected in quotes_of(analyse(text), "indirect")


@pytest.mark.parametrize(
    "text, expected",
    [
        # a denied statement is what was said
        ("The nominee met senators on Monday. Brett Kavanaugh has denied the allegations against him.",
         ("Brett Kavanaugh", "the allegations against him")),
        # "CLAUSE, X told the AP": whom it was told is no object of the cue's own
        ("The program would cost about 60 billion dollars a year, Cory Booker told the Associated Press.",
         ("Cory Booker", "The program would cost about 60 billion dollars a year")),
    ],
)
def test_reported_speech_kept(analyse, text, expected):
    assert expected in quotes_of(analyse(text), "indirect")


@pytest.mark.parametrize(
    "text, expected",
    [
        # "the agency", "the company": the one organization of that kind named shortly before
        ("The Internal Revenue Service released new figures on Monday. Nearly 312,000 federal workers owed more "
         "than $3.5 billion in back taxes, the agency reported.",
         ("Internal Revenue Service", "Nearly 312,000 federal workers owed more than $3.5 billion in back taxes")),
        ("Maplewood Analytics, a firm that tracks store traffic, published new data on Friday. The company said "
         "foot traffic fell by a third in March.", ("Maplewood Analytics", "foot traffic fell by a third in March")),
        # someone's spokesman or attorneys speak for them
        ("Senator Ruth Calder stayed home on Tuesday. Calder's spokesman said she would vote against the bill.",
         ("Ruth Calder", "she would vote against the bill")),
        ("Tom Baxter appeared in court on Friday. Baxter's attorneys denied that he had misled the investigators.",
         ("Tom Baxter", "he had misled the investigators")),
        # "issued a statement saying": the subject of the verb that made the statement
        ("Tom Baxter issued a brief statement saying he supported the new budget for the schools.",
         ("Tom Baxter", "he supported the new budget for the schools")),
        # a cue the tagger read as a plural noun, with a subject and a clause of its own
        ("Donald Trump spoke on Friday. Trump claims he's unable to release the files because he's under audit.",
         ("Donald Trump", "he's unable to release the files because he's under audit")),
        # "that" as a determiner belongs to what was denied
        ("Tom Baxter met the investigators twice. Baxter denies that characterization.",
         ("Tom Baxter", "that characterization")),
        # "the survey found": the survey named before, whose maker is a word inside its compound name
        ("Support for the levy fell, according to a Gallup/Knight survey of voters released on Thursday.\n\n"
         "The survey found 41 percent of voters think the levy should be repealed.",
         ("Gallup", "41 percent of voters think the levy should be repealed")),
    ],
)
def test_reported_speech_organization_nouns_agents_and_parse_slips(analyse, text, expected):
    assert expected in quotes_of(analyse(text), "indirect")


@pytest.mark.parametrize(
    "text, expected",
    [
        # a cue set off by commas inside the clause it reports: the clause's subject before it counts ...
        ("The plan, Ruth Calder said, will cost more than expected.",
         ("Ruth Calder", "The plan, Ruth Calder said, will cost more than expected")),
        # ... an opening word does not
        ("But, Tom Baxter said, the plan is here to stay.", ("Tom Baxter", "the plan is here to stay")),
        ("At an August meeting, Carter Hull said, someone from the counsel's office asked for more information.",
         ("Carter Hull", "someone from the counsel's office asked for more information")),
    ],
)
def test_parenthetical_cue_reports_the_clause_round_it(analyse, text, expected):
    assert quotes_of(analyse(text), "indirect") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        # two organizations the agency could be: nobody
        "The Internal Revenue Service and the Treasury Department released new figures on Monday. Nearly 312,000 "
        "federal workers owed more than $3.5 billion in back taxes, the agency reported.",
        # the outlet a document was given to is not its source
        "Voters were worried about the levy in March, according to a draft given to the Columbus Dispatch.",
    ],
)
def test_reported_speech_organization_nouns_must_not(analyse, text):
    assert [q for q in analyse(text).quotes if q.kind != "direct"] == []


def test_a_headline_the_parse_runs_into_the_sentence_is_no_speaker(analyse):
    # the parse gives "said" two subjects, "deal" in the headline above and "Susan Collins"
    text = ("No deal in sight as shutdown approaches third week\n\n"
            "Susan Collins said Sunday she was very surprised when she heard the decision.")
    assert quotes_of(analyse(text), "indirect") == [
        ("Susan Collins", "she was very surprised when she heard the decision")]


@pytest.mark.parametrize(
    "text",
    [
        # an incomplete frame reports nothing
        "Nancy Pelosi called for talks on Friday.",
        "Colin Powell called him on Friday.",
        # party members are not the party: no speaker, no quote
        "Democrats said the bill would fail.",
        "A congressional Democrat said the bill would fail.",
        # a study with no maker named anywhere
        "The poll found that trust in newspapers fell again.",
        # withheld: "declined to say" reports nothing
        "Pentagon officials declined to say how much the new missile programs would cost the Defense Department.",
        # an object that is a thing, not a statement
        "Hillary Clinton rejected a State Department email account in 2009.",
        "In January, Donald Trump dismissed the dossier on the White House lawn.",
        # a sentence whose first words the parse hangs on a cue with an object of its own
        "In what he called a break from tradition, Donald Trump told a packed East Room on Monday about the judge.",
    ],
)
def test_reported_speech_must_not(analyse, text):
    assert quotes_of(analyse(text), "indirect") == []


def test_party_member_in_apposition_speaks(analyse):
    text = "Another Democrat, Allyson Schwartz, said the deal was close."
    assert ("Allyson Schwartz", "the deal was close") in quotes_of(analyse(text), "indirect")


def test_called_label_is_part_of_the_indirect_quote_not_a_direct_one(analyse):
    result = analyse("Donald Trump blasted the bureau, calling it “in tatters” and “the worst in history.”")
    assert quotes_of(result, "direct") == []
    ((speaker, text),) = quotes_of(result, "indirect")
    assert speaker == "Donald Trump" and text.startswith("it “in tatters” and “the worst in history")


def test_reported_speech_with_a_quoted_fragment_is_both(analyse):
    result = analyse("Donald Trump said Bernard Kerik “had many recommendations from a lot of good people.”")
    assert [s for s, _ in quotes_of(result, "direct")] == ["Donald Trump"]
    ((speaker, text),) = quotes_of(result, "indirect")
    assert speaker == "Donald Trump" and text.startswith("Bernard Kerik “had many recommendations")


def test_attribution_of_a_direct_quote_is_no_indirect_quote(analyse):
    result = analyse("Nancy Pelosi said: “These unacceptable actions are cause for alarm.”")
    assert quotes_of(result, "direct") == [("Nancy Pelosi", "These unacceptable actions are cause for alarm.")]
    assert quotes_of(result, "indirect") == []


def test_unresolved_indirect_speaker_is_no_quote(analyse):
    assert quotes_of(analyse("Officials said that the talks would resume next week."), "indirect") == []


# --- the seed ---------------------------------------------------------------------------------


def test_seed_quotes_carry_text_and_outlet(nlp, lexicon):
    from kg.extract.facts import extract_facts
    from kg.read.files import read_articles

    (article,) = read_articles([SEEDS / "000_bedcb93597ba2cf9.txt"])
    result = extract_facts(article, nlp(article.text), lexicon)
    by_speaker = {}
    for quote in result.quotes:
        if quote.speaker is not None:
            by_speaker.setdefault(quote.speaker[1], []).append(quote)
    vinogradov = {q.text for q in by_speaker["Mikhail Vinogradov"]}
    assert "in general, the effectiveness of military operations is lower than expected" in vinogradov
    petrov = {q.text for q in by_speaker["Nikolai Petrov"]}
    assert {"regional problem, not a national one,", "have no hurry."} <= petrov
    ilijas = {q.text for q in by_speaker["Bota Ilijas"]}
    assert any(t.startswith("Putin has to set priorities") for t in ilijas)
    for name in ("Mikhail Vinogradov", "Nikolai Petrov", "Bota Ilijas"):
        assert {q.outlet for q in by_speaker[name]} == {("organization", "Bloomberg")}, name


def test_quote_rules_are_the_registered_cases():
    """kg.model.QUOTE_RULES (read by the explorer without spaCy) names exactly the rules that read quotes."""
    from kg.extract.quotes import QUOTE_RULES as registered
    from kg.model import QUOTE_RULES

    assert set(registered) == QUOTE_RULES


@pytest.mark.parametrize(
    "text, speaker, cue",
    [
        # a speech verb the lexicon has but the lemmatizer misreads ("quipped" -> "quipp")
        ("Asked about the budget, Margaret Olsen quipped, “Nobody reads the appendix anyway.”", "Margaret Olsen", "quip"),
        # a verb the quotation is the complement of, right before it, with no cue in the lexicon
        ("When the crowd booed, Harold Jennings shrugged, “They will cheer when the bridge opens.”",
         "Harold Jennings", None),
    ],
)
def test_speech_verbs_the_lexicon_or_lemmatizer_misses(analyse, text, speaker, cue):
    (quote,) = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert quote.speaker[1] == speaker
    if cue is not None:
        assert quote.cue == cue


def test_a_verb_the_quotation_hangs_from_needs_a_speaker_to_count(analyse):
    # "the statement reads" names nobody: the quotation keeps its paragraph's speaker, not an unknown one
    text = ("In a new statement to The Atlantic, Harold Jennings said the meetings were routine. “The claims in this "
            "piece are simply false,” the statement reads.")
    (quote,) = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert quote.speaker == ("person", "Harold Jennings")


def test_a_far_verb_the_parse_hangs_a_quotation_from_is_no_cue(analyse):
    text = ("Law professor Jonathan Miller wrote when Rao first joined the agency that “the choice shows the "
            "administration is serious about reform.”")
    (quote,) = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert quote.speaker[1] == "Jonathan Miller"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("“It was one of the first things we built after the attacks,” Director of National Intelligence James "
         "Clapper replied.", "James Clapper"),
        ("Chairman of the Joint Chiefs of Staff Mark Milley said: “We are ready to respond to any threat today.”",
         "Mark Milley"),
    ],
)
def test_a_title_phrase_ending_in_a_name_speaks_as_that_person(analyse, text, speaker):
    (quote,) = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert quote.speaker[1] == speaker


def test_a_title_phrase_naming_two_people_picks_neither(analyse):
    text = "Adviser to Joe Biden and Kamala Harris Ron Klain said: “We will have a plan on day one, and it is ready.”"
    (quote,) = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert quote.speaker is None or quote.speaker[1] not in {"Joe Biden", "Kamala Harris"}


def test_a_person_of_someones_staff_is_not_that_someone(analyse):
    text = ("Barack Obama met lawmakers on Monday.\n\n“We just have to go outside the usual circle of people,” a "
            "former Obama official said.")
    (quote,) = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert quote.speaker != ("person", "Barack Obama")


def test_the_president_is_the_holder_in_office_not_a_president_of_history(analyse):
    text = ("A model often cited is President Ronald Reagan's deal with Congress.\n\n"
            "Barack Obama met lawmakers on Monday. Dan Pfeiffer, an adviser to Mr. Obama, said the president "
            "should reach out to the new Congress. “He has to find out what they are willing to do,” he said.")
    quotes = analyse(text, date="2014-11-02").quotes
    (direct,) = [q for q in quotes if q.kind == "direct"]
    assert direct.speaker == ("person", "Dan Pfeiffer")


def test_a_possessive_his_in_her_sentence_gives_her_no_gender(analyse):
    # "his" is the president's here: Warren stays the "she" who speaks next
    text = ("Donald Trump spoke in Montana.\n\nElizabeth Warren reminded the president on Monday of his promise. "
            "“Please send the check to the shelter,” she said.")
    (quote,) = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert quote.speaker == ("person", "Elizabeth Warren")


def test_a_statement_from_several_people_is_its_first_authors(analyse):
    text = ("Lawmakers left town on Friday.\n\nStory Continued Below\n\nThe statement — from House Speaker John "
            "Boehner, Majority Leader Eric Cantor and Majority Whip Kevin McCarthy — said the Senate “must act "
            "first on the bills, and then we will decide.”")
    (quote,) = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert quote.speaker == ("person", "John Boehner")


def test_the_statement_continues_a_persons_statement(analyse):
    text = ("The statement — from House Speaker John Boehner and Majority Leader Eric Cantor — said the Senate “must "
            "act first on the bills, and then we will decide.”\n\n“Once this has occurred, the House will consider "
            "whether to accept the bills as amended,” the statement read.")
    quotes = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert [q.speaker[1] if q.speaker else None for q in quotes] == ["John Boehner", "John Boehner"]


def test_an_unnamed_spokesperson_speaks_for_the_organization_just_heard_or_named(analyse):
    text = ("A spokeswoman for the Harbor Authority confirmed the closure to Reuters in an e-mail.\n\n"
            "“The pier will stay shut until the inspection is done,” the spokeswoman said.\n\n"
            "The Harbor Workers Union said its members had not been consulted.\n\n"
            "A spokesman told the Post: “We will fight this decision in every court we can find.”")
    quotes = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert [q.speaker[1] if q.speaker else None for q in quotes] == ["Harbor Authority", "Harbor Workers Union"]


def test_an_unnamed_spokesperson_with_nobody_heard_speaks_for_nobody(analyse):
    text = "A spokesman told the Post: “We will fight this decision in every court we can find.”"
    (quote,) = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert quote.speaker is None


def test_a_comma_led_participle_speaks_for_the_sentences_subject(analyse):
    text = ("Asked about the report, Ellen Marsh suggested Tom Varga missed key briefings, telling the BBC: "
            "“The committee has a tough job overseeing these agencies.”")
    (quote,) = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert quote.speaker == ("person", "Ellen Marsh")


def test_the_state_is_the_one_state_named_just_before(analyse):
    text = ("Texas responded that the justices had never required districts to be drawn by voters.\n\n"
            "“Multiple precedents from this court confirm that total population is a permissible base,” the state said.")
    (quote,) = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert quote.speaker[1] == "Texas"
    text = ("Texas and Ohio sued on Monday.\n\n"
            "“Multiple precedents from this court confirm that total population is a permissible base,” the state said.")
    (quote,) = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert quote.speaker is None


def test_of_several_states_the_subject_just_before_is_the_state(analyse):
    """Of two states named before "the state", the latest one when it is the subject of the sentence before."""
    text = ("The case began in Alabama two years ago. Ohio answered that the map was drawn by population.\n\n"
            "“Every precedent of this court allows a count of all residents,” the state said.")
    (quote,) = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert quote.speaker[1] == "Ohio"
    text = ("Ohio answered that the map was drawn by population. The case began in Alabama two years ago.\n\n"
            "“Every precedent of this court allows a count of all residents,” the state said.")
    (quote,) = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert quote.speaker is None  # the latest, Alabama, is no subject


@pytest.mark.parametrize(
    "text, hearer",
    [
        ("“The deal is dead and everyone in the building knows it,” Fox News is told.", "Fox News"),
        ("“Go home and stay there until we call you back,” the protesters were told.", None),
        ("“You have until Friday to leave the country,” she was told by immigration officials.", None),
    ],
)
def test_the_subject_of_a_passive_told_heard_the_quotation(analyse, text, hearer):
    """"..., Fox News is told": said to the subject by someone unnamed, never by the subject (direct_after.v4)."""
    result = analyse(text)
    [quote] = result.quotes
    assert quote.speaker is None and quote.addressee == hearer
    assert not [f for f in result.facts if f.relation == "cited_by"]


def test_quoted_by_a_passive_quote_is_still_the_speaker(analyse):
    result = analyse("“I will not resign over a newspaper story,” Mr Smith was quoted as saying.")
    assert quotes_of(result, "direct") == [("Smith", "I will not resign over a newspaper story,")]


def test_a_continued_quote_reaches_over_a_line_of_page_chrome(analyse):
    """direct_continued (v2): a promotion line between two paragraphs of one speaker's quotes does not break them."""
    text = ("“We will not back down on this, not now and not ever,” Senator Ruth Adams said on Tuesday.\n\n"
            "Watch “Inside Politics” weeknights at 6pm on CNN\n\n"
            "“The people of this state deserve far better than what they have been given.”")
    assert quotes_of(analyse(text), "direct")[-1] == ("Ruth Adams", "The people of this state deserve far better than what they have been given.")


def test_a_paragraph_of_quotation_continues_the_reported_speech_before_it(analyse):
    """direct_continued.v3: the previous paragraph reports what its speaker said (no quotation marks) and the
    next is all quotation, with no cue: the same speaker. Not someone the paragraph only mentions."""
    text = ("Asked by the host Van Jones about the scandal, Marco Delgado predicted that the governor may step down.\n\n"
            "“Frankly, I think this is still relatively new and he may well step down. I have no idea what he thinks.”")
    assert quotes_of(analyse(text), "direct") == [
        ("Marco Delgado", "Frankly, I think this is still relatively new and he may well step down. I have no idea what he thinks.")]


def test_reported_speech_of_a_person_resolved_from_he_makes_a_source(analyse):
    text = ("Senator Paul Denning left the chamber early.\n\n"
            "He told reporters that the bill would not pass this year.")
    result = analyse(text)
    assert ("Paul Denning", "the bill would not pass this year") in quotes_of(result, "indirect")
    assert "Paul Denning" in sources_of(result)


def test_an_inverted_party_member_is_not_the_party(analyse):
    """"“...,” lamented one Republican aide" (the parse makes the aide the verb's object): not the party."""
    result = analyse("Both parties stayed put.\n\n“I wish he had been a bit more forceful,” lamented one Republican "
                     "aide who was in the room.")
    assert all(q.speaker != ("organization", "Republican Party") for q in result.quotes)
    assert "Republican Party" not in sources_of(result)


def test_a_name_with_digits_is_no_one_he_continues(analyse):
    """"Perm 35" (a labour camp) typed a person by the model: no "he" resolves to it."""
    result = analyse("He was sent to Perm 35 in 1987.\n\nBut he says he will remain on hunger strike until he "
                     "receives a decent pension.\n")
    assert all(q.speaker is None or q.speaker[1] != "Perm 35" for q in result.quotes)
    assert "Perm 35" not in sources_of(result)


def test_reported_speech_of_a_named_person_makes_a_source(analyse):
    """A person's reported statement cites them even where the reporting rule cannot name the subject
    ("Ms. Whitfield", resolved by the quote's speaker to the person named in full)."""
    text = ("Susan Whitfield chairs the ethics panel.\n\n"
            "In May, Ms. Whitfield admitted to requesting the files but argued that the requests were part of her job.")
    result = analyse(text)
    assert ("Susan Whitfield", "the requests were part of her job") in quotes_of(result, "indirect")
    assert "Susan Whitfield" in sources_of(result)


@pytest.mark.parametrize(
    "text, source",
    [
        ("Mayor Ellen Vance, who called the budget “a betrayal of every renter in this city,” left early.", "Ellen Vance"),
        ("Judge Omar Reyes cut the lawyer off, calling his argument \"reckless and without basis.\"", "Omar Reyes"),
    ],
)
def test_words_quoted_in_a_frame_cite_their_speaker(analyse, text, source):
    """"X called it “...”": the person's own words are quoted, so the article cites the person."""
    assert source in sources_of(analyse(text))


def test_words_a_frame_quotes_are_no_direct_quote_of_an_earlier_cue(analyse):
    """"... the rules Mr. Obama will announce ... by accusing Democrats of waging a “war on coal”": the frame's
    words are not Obama's (direct_before.v4 reads no cue before the frame)."""
    text = ("Republicans have tried to use the rules that Ben Ortiz is expected to announce soon for political "
            "purposes by accusing Democrats of waging a \"war on coal.\"")
    result = analyse(text)
    assert not [q for q in result.quotes if q.kind == "direct" and q.speaker == ("person", "Ben Ortiz")]
    assert "Ben Ortiz" not in sources_of(result)


def test_a_frame_without_quoted_words_cites_nobody(analyse):
    assert "Omar Reyes" not in sources_of(analyse("Judge Omar Reyes called the argument reckless."))


@pytest.mark.parametrize(
    "text",
    [
        # an intention, not a statement
        "Senator Tom Aldridge spoke first. Aldridge, however, vowed to block the bill.",
        # a question: nothing said
        "Senator Tom Aldridge spoke first. Investigators asked whether Tom Aldridge told donors that the bill would pass.",
    ],
)
def test_reported_speech_that_states_nothing_makes_no_source(analyse, text):
    assert "Tom Aldridge" not in sources_of(analyse(text))


@pytest.mark.parametrize(
    "text",
    [
        "“A year after GOP leaders vowed that infighting would end, the air appears as toxic as ever,” reports Time’s Dan Hirschhorn.\n",
        "“A year after the leaders vowed that the feud would end, the mood appears as sour as ever,” reports Time’s Dana Whitfield.\n",
    ],
)
def test_a_journalist_after_the_outlets_possessive_is_the_speaker(analyse, text):
    """The parse may take the owner for the subject ("Time" of "Time’s Dan Hirschhorn"): the journalist speaks,
    and the outlet is no source of its own journalist's words."""
    result = analyse(text)
    [quote] = result.quotes
    assert quote.speaker is not None and quote.speaker[0] == "person"
    assert "Time" not in sources_of(result)


def test_she_is_not_a_man_named_just_before(analyse):
    """given_names_gender.tsv: "she" passes over "James Walker" (a first name given to men) to the woman the
    paragraph is about, though the article never says "Mr." or "he" of either."""
    text = ("Senator Dana Whitfield spoke in Ohio on Tuesday.\n\n"
            "Whitfield's use of the term came as she answered a question Friday about her recent assertion in an "
            "interview that FBI Director James Walker said she had been truthful.\n\n"
            "“I was pointing out that my answers were truthful. That really is the bottom line here,” she said.")
    assert quotes_of(analyse(text), "direct") == [
        ("Dana Whitfield", "I was pointing out that my answers were truthful. That really is the bottom line here,")]


@pytest.mark.parametrize(
    "evidence",
    ["Mr. Barrow spoke to reporters.", "Barrow said he would not back down. Barrow added that his vote stands.",
     "Barrow spoke to reporters."],
)
def test_what_the_article_says_of_a_person_beats_the_first_names_prior(analyse, evidence):
    """"Lindsey" is a first name given mostly to women, but an honorific, or "he" in two sentences about him, says
    this Lindsey is a man: a "he said" after him is his. So is one with no other man to stand for."""
    text = (f"Sen. Lindsey Barrow, R-Iowa, met the governor on Tuesday. {evidence}\n\n"
            "“This is the moment to act on the budget and we will,” he said.")
    assert quotes_of(analyse(text), "direct") == [("Lindsey Barrow", "This is the moment to act on the budget and we will,")]


def test_he_looks_no_further_back_than_the_paragraph_that_names_a_man(analyse):
    """A "he said" after a paragraph that names a man (as an object) is that man, not the subject of the
    paragraph before it."""
    text = ("The agency's acting commissioner, Steven Marsh, told senators Tuesday he deserves blame for that one.\n\n"
            "Still, the scandal has genuinely surprised Bruce Hollis, a veteran tax lawyer in Kansas City who knows her.\n\n"
            "“I have always had a very high regard for her and I think she is far more qualified than most,” he said.")
    assert quotes_of(analyse(text), "direct") == [
        ("Bruce Hollis", "I have always had a very high regard for her and I think she is far more qualified than most,")]
