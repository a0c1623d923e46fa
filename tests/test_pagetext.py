"""Tests for kg.read.pagetext: headline, byline and chrome found in plain page text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.read.pagetext import PageText, clean_page_text, find_byline, find_headline, split_trailing_chrome

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_bedcb93597ba2cf9.txt"

ABBREVIATED = (
    "The plane landed at dawn after a long flight over the sea. Troops went to the U.S.Army Base"
)
BODY = "The council met on Tuesday. It approved the new bridge over the river."


def test_seed_page():
    page = clean_page_text(SEED.read_text(encoding="utf-8"))
    assert page.title == "Bloomberg named what brings Russia closer to peace talks"
    assert page.author == "Margarita Voloshina"
    assert page.body.startswith("After the start of the Kursk operation")
    assert page.body.endswith("amount to about 4 thousand people.")
    assert page.chrome == (
        "What is prompting Russia to negotiate",
        "Putin has to set priorities",
        "Bloomberg Names What Brings Russia Closer to Peace Talks",
        "11",
        "previous post",
    )


# (text, given title) -> (title, author, body, chrome)
PAGES = [
    pytest.param(
        f"Council approves bridge\nBy Jane Smith\n{BODY}",
        None,
        PageText(BODY, "Council approves bridge", "Jane Smith"),
        id="headline-line-and-by-line",
    ),
    pytest.param(
        "Council approves new bridge over Ash river Anna Maria Lopez The city council voted on"
        " Tuesday. It approved the plan.Read more about bridges\nCouncil Approves New Bridge"
        " Over Ash River\nshare",
        None,
        PageText(
            "The city council voted on Tuesday. It approved the plan.",
            "Council approves new bridge over Ash river",
            "Anna Maria Lopez",
            ("Read more about bridges", "Council Approves New Bridge Over Ash River", "share"),
        ),
        id="run-on-headline-echoed-in-chrome-3-token-byline",
    ),
    pytest.param(BODY, None, PageText(BODY), id="no-headline-no-byline"),
    pytest.param(
        f"{BODY}\nHe declined to comment.",
        None,
        PageText(f"{BODY}\nHe declined to comment."),
        id="short-last-sentence-kept",
    ),
    pytest.param(
        "Home\nWorld\nSport\nContact us",
        None,
        PageText("Home\nWorld\nSport\nContact us"),
        id="only-short-lines-kept",
    ),
    pytest.param(
        "Budget cuts announced\nThe Prime Minister said on Monday that cuts were coming.",
        None,
        PageText(
            "The Prime Minister said on Monday that cuts were coming.", "Budget cuts announced"
        ),
        id="stop-word-title-is-not-a-byline",
    ),
    pytest.param(
        "Budget cuts announced\nPrime Minister Keir Starmer said on Monday that cuts were coming.",
        None,
        PageText(
            "Prime Minister Keir Starmer said on Monday that cuts were coming.",
            "Budget cuts announced",
        ),
        id="bare-name-must-be-followed-by-function-word",
    ),
    pytest.param(
        f"By Jane Smith {BODY}",
        None,
        PageText(BODY, None, "Jane Smith"),
        id="by-at-start-without-headline",
    ),
    pytest.param(
        f"Jane Smith {BODY}",
        None,
        PageText(f"Jane Smith {BODY}"),
        id="bare-name-without-headline-is-body",
    ),
    pytest.param(
        f"Markets rally as Fed holds rates {BODY}",
        "Markets Rally as Fed Holds Rates",
        PageText(BODY, "Markets rally as Fed holds rates"),
        id="run-on-headline-from-given-title",
    ),
    pytest.param(
        "The city council of Riverton approved the construction\nof a new bridge on Tuesday.",
        None,
        PageText(
            "The city council of Riverton approved the construction\nof a new bridge on Tuesday."
        ),
        id="hard-wrapped-paragraph-is-not-a-headline",
    ),
    pytest.param(
        ABBREVIATED,
        None,
        PageText(ABBREVIATED),
        id="abbreviation-is-not-a-glued-fragment",
    ),
    pytest.param(
        f"{BODY}Related stories\nprevious post",
        None,
        PageText(BODY, chrome=("Related stories", "previous post")),
        id="glued-fragment-after-last-sentence",
    ),
]


@pytest.mark.parametrize(("text", "title", "expected"), PAGES)
def test_clean_page_text(text, title, expected):
    assert clean_page_text(text, title=title) == expected


def test_split_trailing_chrome_keeps_text_without_sentences():
    assert split_trailing_chrome("previous post\n11") == ("previous post\n11", ())


def test_find_headline_ignores_case_punctuation_and_inflection():
    text = "Storm hits coast, town floods Rain fell all night."
    assert find_headline(text, echoes=("STORM HIT COAST — TOWN FLOODED",)) == (
        "Storm hits coast, town floods",
        "Rain fell all night.",
    )


@pytest.mark.parametrize(
    ("text", "after_headline", "author"),
    [
        ("By Jane Smith\nRain fell.", False, "Jane Smith"),
        ("By Mary-Jane O'Brien The rain fell.", False, "Mary-Jane O'Brien"),
        ("Jane Smith\nRain fell.", True, "Jane Smith"),
        ("Jane Smith\nRain fell.", False, None),
        ("The Prime Minister\nRain fell.", True, None),
        ("By NATO Officials The rain fell.", False, None),
        ("By Jane Smith rain fell.", False, None),
    ],
)
def test_find_byline(text, after_headline, author):
    assert find_byline(text, after_headline=after_headline)[0] == author


def test_stop_word_list_is_spacys_english_list():
    """kg/read/stop_words.txt is a copy (so reading needs no spaCy); it must not drift from spaCy's."""
    from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS

    from kg.read.pagetext import STOP_WORDS

    assert STOP_WORDS == SPACY_STOP_WORDS


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sen. Dana Marsh Dana Louise MarshSenate GOP balks at plan Marsh: 'We will not fold' MORE (D-Ohio) spoke.",
         "Sen. Dana Marsh (D-Ohio) spoke."),
        ("Rep. Tom McHale Thomas (Tom) Owen McHale2020 hopefuls make play for votes MORE said no.",
         "Rep. Tom McHale said no."),
        # a card before a possessive
        ("Nominee Dana Marsh Dana MarshOhio poll shows tie in Senate race MORE's campaign grew.",
         "Nominee Dana Marsh's campaign grew."),
        # a card that repeats a whole name of three words keeps the name, not its first word
        ("Rep. Cara Mills Rhodes Cara Mills RhodesHouse panel delays vote on farm bill MORE (Wash.) argued it.",
         "Rep. Cara Mills Rhodes (Wash.) argued it."),
        # no card: an all-caps MORE in a sentence, a repeated surname without headlines
        ("Voters want MORE jobs, said Dana Marsh.", "Voters want MORE jobs, said Dana Marsh."),
        ("Marsh Marsh Marsh was the chant.", "Marsh Marsh Marsh was the chant."),
    ],
)
def test_link_cards_after_names_are_dropped(text, expected):
    from kg.read.pagetext import drop_link_cards

    assert drop_link_cards(text) == expected


def test_a_jsonl_record_loses_its_link_cards(tmp_path):
    from kg.read.files import read_articles

    line = ('{"id": "a1", "text": "Sen. Dana Marsh Dana Louise MarshSenate GOP balks at plan MORE (D-Ohio) said the '
            'bill would pass."}\n')
    (tmp_path / "in.jsonl").write_text(line, encoding="utf-8")
    (article,) = list(read_articles([str(tmp_path / "in.jsonl")]))
    assert article.text == "Sen. Dana Marsh (D-Ohio) said the bill would pass."


def test_a_video_players_line_is_dropped_and_nothing_else(tmp_path):
    """The line a CNN video player leaves ("JUST WATCHED ... Replay More Videos ... MUST WATCH ... 03:03"), a link
    to another story and a picture's labels go when a JSONL record is read, so none of them makes a speaker or a
    fact; a sentence that mentions a replay, and the picture's caption, stay."""
    from kg.read.files import read_articles

    text = ("“We must remain vigilant,” LaPierre said.\n\nJUST WATCHED Giffords battles for NRA votes Replay More "
            "Videos ... MUST WATCH Giffords battles for NRA votes 03:03\n\nAlso see: Schumer says aid won't go to "
            "Trump\n\nImage copyright AFP Image caption The two leaders met in Helsinki\n\nFans watched the replay of "
            "the game. “We will never give up,” he said.")
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "a1", "text": text}) + "\n", encoding="utf-8")
    (article,) = list(read_articles([str(tmp_path / "in.jsonl")]))
    for chrome in ("JUST WATCHED", "Replay More Videos", "Also see", "Schumer", "Image copyright", "AFP"):
        assert chrome not in article.text
    assert "“We must remain vigilant,” LaPierre said." in article.text and "the replay of the game" in article.text
    assert "The two leaders met in Helsinki" in article.text


def test_a_broadcasters_media_labels_go_and_their_captions_stay():
    from kg.read.pagetext import drop_media_labels

    text = ("Image copyright AFP Image caption President Trump bade farewell to Hope Hicks\n\nMedia playback is "
            "unsupported on your device Media caption Three things to look for\n\nThe image copyright law changed.")
    assert drop_media_labels(text) == ("President Trump bade farewell to Hope Hicks\n\nThree things to look for\n\n"
                                       "The image copyright law changed.")


def test_a_caption_opening_the_page_stays_in_the_body_without_its_labels():
    text = ('Image copyright Reuters Image caption Mr Zarif: "You either live by it or you set it aside"\n\n'
            "Iran's foreign minister has said he assumes that the US will abandon the deal.")
    page = clean_page_text(text)
    assert page.body.startswith('Mr Zarif: "You either live by it') and "Image copyright" not in page.body


def test_links_to_other_stories_are_dropped_and_nothing_else():
    from kg.read.pagetext import drop_related_links

    text = ("Schumer spoke on Monday.\nAlso see: Schumer says aid won't go to Trump's businesses\nREAD MORE:\n"
            "Related: China is crushing the U.S. in trade\nThe related question: who pays?\nHe said: watch the vote.")
    assert drop_related_links(text) == "Schumer spoke on Monday.\nThe related question: who pays?\nHe said: watch the vote."


@pytest.mark.parametrize(
    "text, title, author, body_starts",
    [
        ("Nora Quill\n\nOpinion contributor\n\nTo all who serve: the vote matters.", None, "Nora Quill", "Opinion contributor"),
        ("Nora Quill, Tomas Berg\n\nUSA TODAY\n\nThe council met on Monday.", "Council meets", "Nora Quill, Tomas Berg", "USA TODAY"),
        # share buttons, and a headline of two names that the metadata title repeats, are no byline
        ("Play Facebook\n\nTwitter\n\nThe council met on Monday.", None, None, None),
        ("Nora Quill\n\nProfile\n\nThe council met on Monday.", "Nora Quill", None, None),
    ],
)
def test_byline_block(text, title, author, body_starts):
    page = clean_page_text(text, title=title)
    assert page.author == author
    if body_starts:
        assert page.body.startswith(body_starts)
