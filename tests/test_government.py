"""Offices, governments, chambers and party labels (kg/extract/rules/government.py): sentences written
for these tests, each must yield or must not yield its fact."""

from __future__ import annotations

import pytest

from test_extractors import facts_of

US_STORY = "https://www.foxnews.com/politics/some-story"
UK_STORY = "https://www.theguardian.com/politics/some-story"


@pytest.mark.parametrize(
    "text, url, expected",
    [
        ("Russian Defence Minister Pavel Orlov flew to Minsk on Tuesday.", None,
         ("Pavel Orlov", "works_for", "Russia government")),
        ("China's ambassador Li Wenhao left the meeting early.", None, ("Li Wenhao", "works_for", "China government")),
        ("Treasury Secretary Helen Marsh said the deficit would narrow.", US_STORY,
         ("Helen Marsh", "works_for", "United States government")),
        ("Foreign Secretary Tom Whitby met his counterparts in Brussels.", UK_STORY,
         ("Tom Whitby", "works_for", "United Kingdom government")),
        ("Director of National Intelligence James Porter briefed the committee.", None,
         ("James Porter", "works_for", "United States government")),
        ("Sen. Maria Lopez said the bill would fail.", US_STORY, ("Maria Lopez", "member_of", "United States Senate")),
        ("Congresswoman Dana Reyes voted against it.", US_STORY,
         ("Dana Reyes", "member_of", "United States House of Representatives")),
    ],
)
def test_office_gives_government_or_chamber(analyse, text, url, expected):
    assert expected in facts_of(analyse(text, url=url), rule="government_office.v9")


def test_government_is_an_organization_of_its_country(analyse):
    result = analyse("Russian Defence Minister Pavel Orlov flew to Minsk on Tuesday.")
    assert ("Russia government", "government_of", "Russia") in facts_of(result)
    government = next(e for e in result.entities if e.name == "Russia government")
    assert government.cls == "GovernmentOrganization" and government.mentions == 0
    assert {"Russian government", "Russian Federation government"} <= government.aliases


@pytest.mark.parametrize(
    "text, url",
    [
        # a state's seat, not the nation's
        ("State Sen. Maria Lopez said the bill would fail.", US_STORY),
        # an opposition post
        ("Shadow Foreign Secretary Tom Whitby attacked the plan.", UK_STORY),
        # no country in the text and none from the article: whose minister?
        ("Foreign Minister Jorge Vidal said talks would resume.", None),
        # the sentence names another country than the outlet's: the minister may be Mexico's
        ("Foreign Minister Jorge Vidal said Mexico would send troops.", US_STORY),
        # a prime minister leads; "minister" alone is not read inside it
        ("Prime Minister Ann Cole called an election.", UK_STORY),
    ],
)
def test_office_yields_nothing(analyse, text, url):
    assert not facts_of(analyse(text, url=url), rule="government_office.v9")


def test_a_states_office_is_the_states(analyse):
    """v9: "Ohio Attorney General Ray Pitt" works for Ohio (as the allsides annotators read it), not the nation's
    government; "state attorney general" names no state and gives nothing."""
    facts = facts_of(analyse("Ohio Attorney General Ray Pitt sued the company.", url=US_STORY), rule="government_office.v9")
    assert facts == {("Ray Pitt", "works_for", "Ohio")}
    assert not facts_of(analyse("State Attorney General Ray Pitt sued the company.", url=US_STORY),
                        rule="government_office.v9")
    # a head of government's title ending in "minister" is no minister's office of the place
    assert not facts_of(analyse("Gibraltar's Chief Minister Tom Caro will represent the citizens."),
                        rule="government_office.v9")


def test_an_untitled_president_the_list_does_not_know_in_that_year_leads_nothing(analyse):
    """title_context.v6: in a 2018 US story "President Tom Fenwick" (of some group) is not the US president, whom
    the list of office holders knows for 2018; "President Trump" is."""
    url, date = "https://www.washingtontimes.com/news/2018/apr/1/x/", "2018-04-01"
    text = "The memos drew scrutiny.\n\nPresident Tom Fenwick said the log shows the memos were never his."
    assert not facts_of(analyse(text, url=url, date=date), "leader_of")
    text = "President Trump said the log shows the memos were fake."
    assert ("Donald Trump", "leader_of", "United States") in facts_of(analyse(text, url=url, date=date), "leader_of")


def test_us_senate_needs_a_us_story(analyse):
    text = "Sen. Maria Lopez said the bill would fail."
    assert not facts_of(analyse(text, url="https://www.abc.net.au/news/story"), rule="government_office.v9")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rep. Dana Reyes, D-Ore., opened the hearing.", ("Dana Reyes", "member_of", "Democratic Party")),
        ("The amendment came from Sen. Carl Benning (R-Utah) on Friday.", ("Carl Benning", "member_of", "Republican Party")),
        ("Republican Sen. Maria Lopez said the bill would fail.", ("Maria Lopez", "member_of", "Republican Party")),
        ("Democratic presidential nominee Walter Grant spoke in Iowa.", ("Walter Grant", "member_of", "Democratic Party")),
        ("Labour MP Jenny Hale resigned from the committee.", ("Jenny Hale", "member_of", "Labour Party")),
    ],
)
def test_party_label(analyse, text, expected):
    assert expected in facts_of(analyse(text))  # "Labour MP" is also title_modifier.v4's, which wins the tie


@pytest.mark.parametrize(
    "text",
    [
        "Republican National Committee Chairman Ron Deaver praised the plan.",  # the party word opens another name
        "GOP pollster Frank Willis released the survey.",  # works for candidates, no membership stated
        "Former Republican Sen. Maria Lopez now runs a charity.",  # no longer a senator
        "Dana Reyes, 41, said the vote was close.",  # no party letter after the name
        "In a sign of the success of the SNP, Mr. Camden also promised more devolution.",  # the party, no member
    ],
)
def test_party_label_yields_nothing(analyse, text):
    assert not facts_of(analyse(text), rule="party_label.v7")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("California Gov. Dana Reyes ordered the beaches closed.", ("Dana Reyes", "leader_of", "California")),
        ("Former Ohio Governor Ray Pitt endorsed him.", ("Ray Pitt", "leader_of", "Ohio")),
        ("Chicago Mayor Lori Chen announced a curfew.", ("Lori Chen", "leader_of", "Chicago")),
        ("Former Ohio Republican Gov. Dale Ritter endorsed her.", ("Dale Ritter", "leader_of", "Ohio")),
        ("Gov. Dale Ritter of Ohio endorsed her.", ("Dale Ritter", "leader_of", "Ohio")),
        # the one state the article is about, named twice, none other in the sentence
        ("Schools in Ohio will close. Ohio has 900 schools. Gov. Dale Ritter ordered them shut.",
         ("Dale Ritter", "leader_of", "Ohio")),
        ("Dale Ritter, the former Ohio governor, spoke on Monday.", ("Dale Ritter", "leader_of", "Ohio")),
        ("Lori Chen, the mayor of Chicago, announced a curfew.", ("Lori Chen", "leader_of", "Chicago")),
    ],
)
def test_local_leader(analyse, text, expected):
    assert expected in facts_of(analyse(text), rule="local_leader.v3")


@pytest.mark.parametrize(
    "text",
    [
        "Gov. Dana Reyes ordered the beaches closed.",  # which state? not said
        "Lieutenant Governor Dana Reyes of Ohio spoke.",  # a lieutenant governor leads nothing (v3)
        "Bank of England governor Mervyn Hale raised rates.",  # an organization's governor heads it
        "Incoming Chicago Mayor Lori Chen named her team.",  # not yet in office
        "Ohio has 900 schools. Gov. Dale Ritter ordered them shut.",  # Ohio named once: not clearly the story's
        "Lori Chen, the deputy mayor of Chicago, resigned.",
        "Lori Chen, the incoming Chicago mayor, named her team.",
        # two states in view: Ohio is the story's, but the sentence names Texas
        "Ohio has 900 schools. Ohio will close them. Gov. Dale Ritter met officials from Texas.",
    ],
)
def test_local_leader_yields_nothing(analyse, text):
    assert not facts_of(analyse(text), rule="local_leader.v3")


def test_the_president_is_the_one_in_office_that_the_article_names(analyse):
    text = "Donald Trump met the envoy on Monday. Later the president made clear he would veto the bill."
    facts = facts_of(analyse(text, url=US_STORY, date="2018-05-01"), rule="head_reference.v1")
    assert facts == {("Donald Trump", "leader_of", "United States")}


def test_a_section_of_a_foreign_outlet_written_for_the_us_is_a_us_story(analyse):
    """outlets.tsv "theguardian.com/us-news": the Guardian's US edition speaks from the United States; its
    home page and other sections from the United Kingdom, where no president is in office."""
    text = "Donald Trump met the envoy on Monday. Later the president made clear he would veto the bill."
    us_edition = "https://www.theguardian.com/us-news/2018/may/01/trump-veto"
    facts = facts_of(analyse(text, url=us_edition, date="2018-05-01"), rule="head_reference.v1")
    assert facts == {("Donald Trump", "leader_of", "United States")}
    uk_section = "https://www.theguardian.com/politics/2018/may/01/trump-veto"
    assert not facts_of(analyse(text, url=uk_section, date="2018-05-01"), rule="head_reference.v1")


@pytest.mark.parametrize(
    "text, date",
    [
        ("Donald Trump met the envoy. Later the former president said he was worried.", "2018-05-01"),
        ("Donald Trump met the envoy. Later the president of the company said he was worried.", "2018-05-01"),
        ("Donald Trump met the envoy. Later the president said he was worried.", None),  # no date
        ("Donald Trump met the envoy. Later the president said he was worried.", "2012-05-01"),  # not in office
        ("Mike Pence met the envoy. Later the president said he was worried.", "2018-05-01"),  # never named
    ],
)
def test_the_president_names_no_one_when_unsure(analyse, text, date):
    meta = {"date": date} if date else {}
    assert not facts_of(analyse(text, url=US_STORY, **meta), rule="head_reference.v1")


@pytest.mark.parametrize(
    "text, leaders",
    [
        ("He pointed to presidents Ronald Reagan and George W. Bush as examples.",
         {"Ronald Reagan", "George W. Bush"}),
        ("They were the last two one-term presidents, George H.W. Bush and Jimmy Carter.",
         {"George H.W. Bush", "Jimmy Carter"}),
        ("The club presidents Dana Whitfield and Mark Doyle met on Monday.", set()),  # not in the list
    ],
)
def test_plural_heads_title_before_a_list_of_names(analyse, text, leaders):
    facts = facts_of(analyse(text, url=US_STORY), rule="leader_group.v1")
    assert facts == {(name, "leader_of", "United States") for name in leaders}


def test_a_hypothetical_president_leads_nothing(analyse):
    text = "The team is planning the first hundred days of a possible President Dana Whitfield."
    assert not facts_of(analyse(text, url=US_STORY), "leader_of")


def test_an_organizations_president_leads_no_country(analyse):
    facts = facts_of(analyse("Fueling the debate, teachers' union president Dana Morrow declared that the schools "
                             "must close.", url=US_STORY), "leader_of")
    assert not facts
    # a capitalised head's title after a noun still is the head of state's
    text = "Democrats want the revenue target President Barack Obama is setting."
    assert ("Barack Obama", "leader_of", "United States") in facts_of(analyse(text, url=US_STORY))


def test_president_of_a_country_named_after_the_name(analyse):
    facts = facts_of(analyse("President Ilham Sadykov of Kazakhstan arrived on Monday.", url=US_STORY))
    assert ("Ilham Sadykov", "leader_of", "Kazakhstan") in facts
    assert ("Ilham Sadykov", "leader_of", "United States") not in facts


def test_untitled_president_in_a_us_story_leads_the_united_states(analyse):
    text = "President Donald Trump said the talks went well."
    assert ("Donald Trump", "leader_of", "United States") in facts_of(analyse(text, url=US_STORY))
    # a British story's "Prime Minister" is Britain's, never the US's
    uk = analyse("Prime Minister Ann Cole called an election.", url=UK_STORY)
    assert ("Ann Cole", "leader_of", "United Kingdom") in facts_of(uk)
    us = analyse("Prime Minister Ann Cole called an election.", url=US_STORY)
    assert not facts_of(us, "leader_of")


def test_us_president_never_leads_the_country_a_us_story_is_about(analyse):
    text = ("Russia expelled the diplomats. Russian officials said Moscow would answer. "
            "Russian troops moved west. President George W Bush said Russia had gone too far.")
    facts = facts_of(analyse(text, url=US_STORY))
    assert ("George W Bush", "leader_of", "Russia") not in facts


def test_context_leader_follows_the_persons_explicit_title(analyse):
    text = ("Russian President Vladimir Putin met the envoy. Later, President Putin said the United States "
            "had broken its word.")
    facts = {f for f in analyse(text, url=US_STORY).facts if f.evidence.rule == "title_context.v6"}
    assert {(f.subject[1], f.object[1]) for f in facts} == {("Vladimir Putin", "Russia")}


def test_party_noun_in_apposition(analyse):
    text = "Rep. Dana Reyes, a California Democrat, opened the hearing."
    assert ("Dana Reyes", "member_of", "Democratic Party") in facts_of(analyse(text), rule="party_label.v7")
    # ... and the state is the politician's, not the party's seat
    assert not facts_of(analyse(text), "based_in")
    # an apposition that goes on is not a party label
    assert not facts_of(analyse("Dana Reyes, a Democrat fundraiser, opened the hearing."), rule="party_label.v7")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Pentagon chief of staff Ray Dunn said the strikes hit artillery.", ("Ray Dunn", "works_for", "Pentagon")),
        ("White House Press Secretary Lia Marsh told reporters.", ("Lia Marsh", "works_for", "United States government")),
    ],
)
def test_office_of_a_named_organization(analyse, text, expected):
    assert expected in facts_of(analyse(text), rule="government_office.v9")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("NPR's Tamara Quist reports from Kabul.", ("Tamara Quist", "works_for", "NPR")),
        ("He told CNN's Dana Holt that he would run.", ("Dana Holt", "works_for", "CNN")),
        # v3: any organization's possessive
        ("According to Capital New York's Joe Pomeroy, the site will push back.", ("Joe Pomeroy", "works_for", "Capital New York")),
    ],
)
def test_outlet_possessive(analyse, text, expected):
    assert expected in facts_of(analyse(text), rule="outlet_possessive.v3")


@pytest.mark.parametrize(
    "text",
    [
        "Trump's lawyer Rudy Vance spoke to CNN.",  # not an outlet's possessive
        "CNN's coverage angered Dana Holt.",  # the possessive names no person
        "The GOP's Paul Rydell said the vote would fail.",  # a party's: a member
        # a person's name running into an institute's: no person of the university
        "Madhu Trivedi, a psychiatrist at the University of Texas Southwestern’s Peter O’Donnell Jr. Brain Institute, agreed.",
    ],
)
def test_outlet_possessive_yields_nothing(analyse, text):
    assert not facts_of(analyse(text), rule="outlet_possessive.v3")


@pytest.mark.parametrize(
    "text, expected",
    [
        # "state" inside the office's own name is no state office
        ("Secretary of State Helen Marsh flew to Seoul on Monday.", ("Helen Marsh", "works_for", "United States government")),
        # a party adjective before the office qualifies the senator, not the country
        ("Republican Sen. Carl Benning said he expects a deal.", ("Carl Benning", "member_of", "United States Senate")),
        # a plural office introduces every name in the coordination, across party-state labels
        ("Sens. Maria Lopez, D-N.M., and Carl Benning, R-Utah, wrote the letter.",
         ("Carl Benning", "member_of", "United States Senate")),
        ("Reps. Dana Reyes and Tom Hale asked for the files.", ("Tom Hale", "member_of", "United States House of Representatives")),
        # v8: an office predicated of a person
        ("When Dana Whitfield was secretary of state, she traveled to 112 countries.",
         ("Dana Whitfield", "works_for", "United States government")),
        ("Dana Whitfield served as defense secretary for two years.", ("Dana Whitfield", "works_for", "United States government")),
    ],
)
def test_office_reads_more_of_how_us_news_writes_it(analyse, text, expected):
    assert expected in facts_of(analyse(text, url=US_STORY), rule="government_office.v9")


@pytest.mark.parametrize(
    "text",
    [
        # Georgia the US state, in a US story: not the country's government
        "Georgia Secretary of State Brad Lowell certified the count.",
        # a singular office takes one name: "Sen. X, Y's husband" is no second senator
        "Sen. Carl Benning, Maria Lopez's husband, spoke first.",
    ],
)
def test_office_reads_no_country_or_person_it_does_not_name(analyse, text):
    facts = facts_of(analyse(text, url=US_STORY), rule="government_office.v9")
    assert not [f for f in facts if f[2].startswith("Georgia")]
    assert not [f for f in facts if f[0] == "Maria Lopez"]


def test_plural_party_role_covers_each_coordinated_name(analyse):
    text = "Republican Sens. Carl Benning (R-Utah), Ann Cole and Tom Hale voted against it."
    facts = facts_of(analyse(text, url=US_STORY))
    assert {("Ann Cole", "member_of", "Republican Party"), ("Tom Hale", "member_of", "Republican Party")} <= facts
    # a singular role covers its own name only
    single = facts_of(analyse("Republican Sen. Carl Benning and Ann Cole met.", url=US_STORY), "member_of")
    assert not [f for f in single if f[0] == "Ann Cole"]


def test_outlet_possessive_covers_coordinated_journalists(analyse):
    text = "Politico's Anna Quist and John Sherwood described it this way."
    facts = facts_of(analyse(text), rule="outlet_possessive.v3")
    assert {("Anna Quist", "works_for", "Politico"), ("John Sherwood", "works_for", "Politico")} <= facts


IRAN_STORY = ("Iran's leaders met on Sunday. Iranian officials said Tehran would respond. Iran rejected the offer. "
              "{sentence}")


def test_office_holders_say_whose_president_a_titled_name_is(analyse):
    """A US story about Iran: the outlet's country is no guide, the list of office holders is."""
    text = IRAN_STORY.format(sentence="President Donald Trump ordered new sanctions on Iran.")
    facts = facts_of(analyse(text, url=US_STORY), rule="title_context.v6")
    assert ("Donald Trump", "leader_of", "United States") in facts
    assert not [f for f in facts if f[2] == "Iran"]


@pytest.mark.parametrize(
    "sentence",
    [
        "President Maria Lopez ordered new sanctions on Iran.",  # not in the list: whose president?
        "Prime Minister Donald Trump ordered new sanctions on Iran.",  # not a title the list's country uses
    ],
)
def test_office_holders_give_no_country_they_do_not_know(analyse, sentence):
    facts = facts_of(analyse(IRAN_STORY.format(sentence=sentence), url=US_STORY), "leader_of")
    assert not [f for f in facts if f[0] in {"Maria Lopez", "Donald Trump"}]


def test_chamber_leaders_in_a_us_story_only(analyse):
    text = "House Speaker Dana Reyes said the bill was dead. Senate Majority Leader Tom Hale agreed."
    facts = facts_of(analyse(text, url=US_STORY), rule="government_office.v9")
    assert {("Dana Reyes", "heads", "United States House of Representatives"),
            ("Tom Hale", "member_of", "United States Senate")} <= facts
    assert not facts_of(analyse(text, url=UK_STORY), rule="government_office.v9")


@pytest.mark.parametrize(
    "text, expected",
    [
        # a state abbreviation with full stops after the party letter
        ("Sen. Carl Benning, R-S.C., said in a statement that he would vote no.", ("Carl Benning", "member_of", "Republican Party")),
        ("Rep. Dana Reyes, D-N.J., introduced the bill.", ("Dana Reyes", "member_of", "Democratic Party")),
        # the bare letter in brackets, then the state
        ("Sen. Maria Lopez (D) of Washington said the plan was dead.", ("Maria Lopez", "member_of", "Democratic Party")),
        ("House Speaker Tom Hale (R) of Ohio refused to schedule a vote.", ("Tom Hale", "member_of", "Republican Party")),
    ],
)
def test_party_letter_forms(analyse, text, expected):
    assert expected in facts_of(analyse(text, url=US_STORY), rule="party_label.v7")


@pytest.mark.parametrize(
    "text",
    [
        "The filing (A) was signed by Tom Hale (B) on Monday.",  # a letter that stands for no party
        "Exhibit Carl Benning (X) was entered.",
    ],
)
def test_bracketed_letter_of_no_party_yields_nothing(analyse, text):
    assert not facts_of(analyse(text, url=US_STORY), rule="party_label.v7")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Arizona Sen. Carl Benning voted against it.", ("Carl Benning", "member_of", "United States Senate")),
        ("Illinois Rep. Dana Reyes said no.", ("Dana Reyes", "member_of", "United States House of Representatives")),
    ],
)
def test_a_state_before_a_seat_in_congress(analyse, text, expected):
    assert expected in facts_of(analyse(text, url=US_STORY), rule="government_office.v9")


@pytest.mark.parametrize(
    "text",
    [
        "Texas state Sen. Carl Benning said no.",  # the state's own senate
        "Ontario MP Dana Reyes said no.",  # a region of another country than the chamber's
        "Texas Chief Justice Carl Benning said no.",  # the state's court, not the Supreme Court
    ],
)
def test_a_state_before_an_office_it_does_not_hold(analyse, text):
    facts = facts_of(analyse(text, url=US_STORY), rule="government_office.v9")
    assert not [f for f in facts if "Senate" in f[2] or "House" in f[2] or "Court" in f[2]]


def test_an_office_before_a_ranked_name(analyse):
    text = "Pentagon Press Secretary Rear Adm. Tom Hale said on Monday that the strikes would continue."
    assert ("Tom Hale", "works_for", "Pentagon") in facts_of(analyse(text, url=US_STORY), rule="government_office.v9")


def test_a_plural_office_before_a_plural_honorific_reads_every_name(analyse):
    # "senators" then "Sens.": the names start after both (this once crashed the article)
    facts = facts_of(analyse("California senators Sens. Maria Lopez and Ann Cole objected.", url=US_STORY),
                     rule="government_office.v9")
    assert {("Maria Lopez", "member_of", "United States Senate"), ("Ann Cole", "member_of", "United States Senate")} <= facts


def test_a_country_named_in_passing_leaves_the_outlets_home(analyse):
    text = ("Employers added 312,000 jobs in December. Tariffs on China weighed on factories. "
            "\"More people are working,\" said Labor Secretary Helen Marsh in a written statement. "
            "Exports to China fell.")
    assert ("Helen Marsh", "works_for", "United States government") in facts_of(analyse(text, url=US_STORY))


def test_a_story_about_another_country_does_not_take_the_outlets_home(analyse):
    text = ("Mexico offered to send troops to its border. Mexico's economy depends on exports. "
            "Foreign Minister Jorge Vidal said on Thursday that Mexico would act. Mexico will decide by June.")
    facts = facts_of(analyse(text, url=US_STORY))
    assert ("Jorge Vidal", "works_for", "United States government") not in facts


@pytest.mark.parametrize(
    "text, expected",
    [
        # a former seat is still a membership, dated former (v4)
        ("Former Arizona Sen. Carl Benning said no.", ("Carl Benning", "member_of", "United States Senate")),
        ("The group that former Rep. Dana Reyes founded ran the ad.",
         ("Dana Reyes", "member_of", "United States House of Representatives")),
        # chamber leaders and whips
        ("Senate Republican leader Tom Hale of Ohio blocked the vote.", ("Tom Hale", "member_of", "United States Senate")),
        ("House Minority Whip Ann Cole counted the votes.",
         ("Ann Cole", "member_of", "United States House of Representatives")),
        # the justices of the Supreme Court
        ("Justice Maria Lopez wrote the dissent.", ("Maria Lopez", "member_of", "United States Supreme Court")),
        ("The ruling was joined by Associate Justices Tom Hale and Ann Cole.",
         ("Ann Cole", "member_of", "United States Supreme Court")),
        # the court named before its office
        ("Supreme Court Justice Dana Reyes wrote the opinion.", ("Dana Reyes", "member_of", "Supreme Court")),
        # another country in the sentence does not move a seat in the home country's chamber
        ("House Speaker Dana Reyes said China had broken its promise.",
         ("Dana Reyes", "heads", "United States House of Representatives")),
        ("U.S. District Judge Tom Hale blocked the order.", ("Tom Hale", "works_for", "United States District Court")),
        ("White House Counsel Ann Cole led the talks.", ("Ann Cole", "works_for", "United States government")),
        # an office in apposition to the name (v4)
        ("The US ambassador, Carl Benning, declined to comment.", ("Carl Benning", "works_for", "United States government")),
        ("Earlier, France's interior minister, Pierre Lamont, said the reports were shocking.",
         ("Pierre Lamont", "works_for", "France government")),
        ("The Senate minority leader, Tom Hale, has promised a fight.", ("Tom Hale", "member_of", "United States Senate")),
        # another title's organization before the seat's office
        ("Republican Study Committee Chairman Rep. Dana Reyes, R-Texas, unveiled the budget.",
         ("Dana Reyes", "member_of", "United States House of Representatives")),
    ],
)
def test_office_reads_seats_courts_and_appositions(analyse, text, expected):
    assert expected in facts_of(analyse(text, url=US_STORY), rule="government_office.v9")


def test_a_former_seat_is_dated_former(analyse):
    result = analyse("Former Arizona Sen. Carl Benning said no.", url=US_STORY)
    fact = next(f for f in result.facts if f.relation == "member_of" and f.object[1] == "United States Senate")
    assert fact.time.status == "former"


@pytest.mark.parametrize(
    "text, url",
    [
        ("Incoming Sen. Carl Benning will be sworn in next week.", US_STORY),  # not yet a member
        ("Justice Maria Lopez wrote the dissent.", UK_STORY),  # a British judge, not the US Supreme Court
        ("The keynote was given by Justice League fan Tom Hale.", US_STORY),
        ("A former ambassador, Carl Benning, declined to comment.", US_STORY),  # no "the": no apposition of an office
        ("The ambassador, Carl Benning and Ann Cole met on Monday.", US_STORY),  # the name opens a list
        ("Acting Defense Secretary Tom Hale said the U.S. would talk to Russia.", US_STORY),  # a minister: which country?
    ],
)
def test_office_reads_no_seat_or_apposition_it_cannot_tell(analyse, text, url):
    facts = facts_of(analyse(text, url=url), rule="government_office.v9")
    assert not [f for f in facts if f[1] in {"member_of", "works_for", "heads"}], facts


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tom Hale, the 2016 Republican nominee, conceded on Tuesday.", ("Tom Hale", "member_of", "Republican Party")),
        ("Senator Ann Cole, the presumptive Democratic nominee, said in a statement that she would win.",
         ("Ann Cole", "member_of", "Democratic Party")),
        ("Rep. Dana Reyes, a New Jersey Democrat on the Appropriations Committee, opened the hearing.",
         ("Dana Reyes", "member_of", "Democratic Party")),
        ("Ann Cole, a Republican from Ohio, voted against it.", ("Ann Cole", "member_of", "Republican Party")),
    ],
)
def test_party_noun_in_a_longer_apposition(analyse, text, expected):
    assert expected in facts_of(analyse(text, url=US_STORY), rule="party_label.v7")


@pytest.mark.parametrize(
    "text",
    [
        "Tom Hale, a Republican strategist, said the race was close.",  # works for the party's candidates
        "Tom Hale, the Democratic nominee's campaign manager, said no.",  # the nominee is someone else
        "Ann Cole, a Republican Party official in Ohio, said no.",  # an apposition that goes on
        "Ann Cole, a Democratic-leaning voter, said no.",
    ],
)
def test_party_noun_in_apposition_that_is_no_membership(analyse, text):
    assert not facts_of(analyse(text, url=US_STORY), rule="party_label.v7")


def test_a_seat_read_in_a_story_about_the_us_from_a_british_outlet(analyse):
    text = ("The United States Senate confirmed the judge on Saturday. Protests followed across the United States. "
            "Americans were divided, and US polls showed it. Justice Maria Lopez swore him in.")
    facts = facts_of(analyse(text, url=UK_STORY), rule="government_office.v9")
    assert ("Maria Lopez", "member_of", "United States Supreme Court") in facts
    # a British story about Britain: no US court
    british = "Britain's courts were busy. In London, Justice Maria Lopez ruled against the UK government."
    assert not facts_of(analyse(british, url=UK_STORY), rule="government_office.v9")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Appropriations Committee's top Democrat, Rep. Dana Reyes of Oregon, objected.",
         {("Dana Reyes", "member_of", "Democratic Party"), ("Dana Reyes", "member_of", "Appropriations Committee")}),
        ("Rep. Tom Hale of Ohio, the Appropriations Committee's ranking Republican, objected.",
         {("Tom Hale", "member_of", "Republican Party"), ("Tom Hale", "member_of", "Appropriations Committee")}),
        ("The ranking Democrat on the committee, Rep. Ann Cole, asked for the documents.",
         {("Ann Cole", "member_of", "Democratic Party")}),
        ("He spoke with Sen. Tom Hale of Ohio, the No. 3 Senate Republican.", {("Tom Hale", "member_of", "Republican Party")}),
    ],
)
def test_party_noun_phrases_around_a_name(analyse, text, expected):
    assert expected <= facts_of(analyse(text, url=US_STORY), rule="party_label.v7")


@pytest.mark.parametrize(
    "text",
    [
        "The committee's top lawyer, Ann Cole, asked for the documents.",  # no party word
        "Unlike the Democrats, Ann Cole voted for the bill.",  # the party, not her
        "Rep. Tom Hale of Ohio, the Appropriations Committee's ranking member, objected.",
    ],
)
def test_party_noun_phrases_that_say_no_party(analyse, text):
    assert not facts_of(analyse(text, url=US_STORY), rule="party_label.v7")


@pytest.mark.parametrize(
    "text, expected",
    [
        # the office in apposition after the name (v5)
        ("On Monday, Sergei Ivanov, Russia's defence minister, flew to Minsk.", ("Sergei Ivanov", "works_for", "Russia government")),
        ("The deal was blessed by Tom Hale, the speaker of the House.",
         ("Tom Hale", "heads", "United States House of Representatives")),
    ],
)
def test_office_after_the_name(analyse, text, expected):
    assert expected in facts_of(analyse(text, url=US_STORY), rule="government_office.v9")


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, Sergei Ivanov, Russia's defence minister's spokesman, said no.",  # the phrase goes on: he is the spokesman
        "On Monday, Sergei Ivanov, a defence minister, said no.",  # no "the" or possessive: which country's?
        "On Monday, Sergei Ivanov, the former defence minister, said no.",  # a former minister's employer is left to the title rules
    ],
)
def test_office_after_the_name_yields_nothing_it_cannot_tell(analyse, text):
    facts = facts_of(analyse(text, url=US_STORY), rule="government_office.v9")
    assert not [f for f in facts if f[1] in {"works_for", "heads", "member_of"}], facts


def test_an_office_that_heads_an_institution(analyse):
    facts = facts_of(analyse("Director of National Intelligence James Porter briefed the committee."),
                     rule="government_office.v9")
    assert {("James Porter", "heads", "Office of the Director of National Intelligence"),
            ("James Porter", "works_for", "United States government")} <= facts
    # an office with no institution of its own heads nothing
    facts = facts_of(analyse("Treasury Secretary Helen Marsh said the deficit would narrow.", url=US_STORY),
                     rule="government_office.v9")
    assert not [f for f in facts if f[1] == "heads"]


@pytest.mark.parametrize(
    "text, members",
    [
        ("The ad targets several vulnerable Democratic senators — Ann Cole in Ohio, Ray Burke in Iowa and Lena "
         "Morris in Maine.", {"Ann Cole", "Ray Burke", "Lena Morris"}),
        ("Some Republicans, including Sen. Tom Varga of Idaho, voted no.", {"Tom Varga"}),
        ("The top two House Republicans – Majority Leader Dan Crane and Majority Whip Ellen Marsh – agreed.",
         {"Dan Crane", "Ellen Marsh"}),
    ],
)
def test_a_party_group_lists_its_members(analyse, text, members):
    facts = facts_of(analyse(text, rules=["party_group.v1"]), "member_of")
    assert {s for s, _, o in facts if o in {"Democratic Party", "Republican Party"}} == members


@pytest.mark.parametrize(
    "text",
    [
        "Former Republican senators, including Bob Dole, backed the treaty.",  # a past group
        "According to Republicans, Carter Hull sent the files to the agency.",  # a comma closes the group
    ],
)
def test_no_party_group_without_a_current_listed_group(analyse, text):
    assert not facts_of(analyse(text, rules=["party_group.v1"]), "member_of")


def test_a_party_epithet_is_the_one_person_just_named(analyse):
    text = "Mitch Collins spoke on Monday. The Kentucky Republican said the Senate would vote."
    assert ("Mitch Collins", "member_of", "Republican Party") in facts_of(analyse(text, rules=["party_epithet.v1"]))
    # two people named before it: no telling which one
    text = "Mitch Collins met Charles Sumner on Monday. The Kentucky Republican said the Senate would vote."
    assert not facts_of(analyse(text, rules=["party_epithet.v1"]), "member_of")
    # "the GOP" is the party, no epithet
    text = "Dana Whitfield spoke on Monday. She said the GOP had lost its way."
    assert not facts_of(analyse(text, rules=["party_epithet.v1"]), "member_of")
    # a picture's credit is no one an epithet stands for
    text = ("Governor Andrew Kell smiles during a news conference in Albany, September 14, 2018. REUTERS/Shannon Bale "
            "The incumbent Democrat spent $18 million to hold off a challenge.")
    assert ("Shannon Bale", "member_of", "Democratic Party") not in facts_of(analyse(text, rules=["party_epithet.v1"]))


def test_a_state_before_a_party_word_seats_no_party(analyse):
    text = "Mitch Collins spoke on Monday. The Kentucky Republican said the Senate would vote."
    assert not facts_of(analyse(text), "based_in")


@pytest.mark.parametrize(
    "text, members",
    [
        # a plural title over names each followed by the place they are "of" / "in"
        ("Sens. Jon Tester of Montana, Tammy Baldwin of Wisconsin and Sherrod Brown of Ohio wrote to the agency.",
         {"Jon Tester", "Tammy Baldwin", "Sherrod Brown"}),
        ("Democratic senators Joe Donnelly in Indiana and Heidi Heitkamp in North Dakota face hard races.",
         {"Joe Donnelly", "Heidi Heitkamp"}),
    ],
)
def test_a_plural_title_reaches_every_name_of_its_list(analyse, text, members):
    result = analyse(text, url="https://www.usatoday.com/story/news/x", date="2018-03-01")
    senators = {f.subject[1] for f in result.facts if f.relation == "member_of" and f.object[1] == "United States Senate"}
    assert senators == members


def test_a_singular_title_reaches_only_its_own_name(analyse):
    result = analyse("Sen. Jon Tester of Montana and Steve Bullock of Montana spoke at the rally.",
                     url="https://www.usatoday.com/story/news/x", date="2018-03-01")
    senators = {f.subject[1] for f in result.facts if f.relation == "member_of" and f.object[1] == "United States Senate"}
    assert senators == {"Jon Tester"}


@pytest.mark.parametrize(
    "text, member, party",
    [
        ("The race was won by Democratic incumbent Maria Lopez, who took 61 percent.", "Maria Lopez", "Democratic Party"),
        ("A prominent Ohio Democrat, Maria Lopez, endorsed the plan on Monday.", "Maria Lopez", "Democratic Party"),
        ("Maria Lopez, the Democratic frontrunner, led the poll.", "Maria Lopez", "Democratic Party"),
    ],
)
def test_party_of_a_race_role(analyse, text, member, party):
    """party_label.v7: the roles of a race name the party."""
    assert (member, "member_of", party) in facts_of(analyse(text, url="https://www.cnn.com/x"), "member_of")


def test_a_party_word_before_a_pollster_names_no_member(analyse):
    assert not facts_of(analyse("Republican pollster Paul Grady said the numbers were bad.", url="https://www.cnn.com/x"),
                        "member_of")


@pytest.mark.parametrize(
    "text, person",
    [
        ("Then-Secretary of State Hillary Clinton testified before the committee in 2013.", "Hillary Clinton"),
        ("Former Defense Secretary Chuck Hagel endorsed the plan on Monday.", "Chuck Hagel"),
    ],
)
def test_a_former_minister_titled_before_the_name_worked_for_the_government(analyse, text, person):
    """government_office.v9: a past role is a fact (ANNOTATION.md), dated former."""
    result = analyse(text, url=US_STORY, date="2016-05-01")
    [fact] = [f for f in result.facts if f.relation == "works_for" and f.subject[1] == person]
    assert fact.object[1] == "United States government" and fact.time.status == "former"


def test_the_speaker_of_a_chamber_is_a_member_of_it(analyse):
    """government_office.v9: "House Speaker X" heads the House from a seat in it."""
    facts = facts_of(analyse("House Speaker Carl Benning said the vote would wait.", url=US_STORY))
    assert {("Carl Benning", "heads", "United States House of Representatives"),
            ("Carl Benning", "member_of", "United States House of Representatives")} <= facts


def test_one_of_many_office_holders_is_no_office_predicated(analyse):
    assert not facts_of(analyse("Dana Whitfield is a senator from Ohio.", url=US_STORY, rules=["government_office.v9"]),
                        "works_for")


def test_an_organizations_president_is_no_head_of_state(analyse):
    """title_context.v6: a common noun before a capitalised "President" whose holder the list of office holders
    does not know is an organization's president; one the list knows stays the head of state."""
    chamber = "“We support the bill,” chamber President Tom Donahue said on Tuesday."
    assert not facts_of(analyse(chamber, url=US_STORY, date="2014-01-15"), "leader_of")
    known = "The revenue target President Barack Obama is setting is too high, critics said."
    assert ("Barack Obama", "leader_of", "United States") in facts_of(analyse(known, url=US_STORY, date="2014-01-15"))
