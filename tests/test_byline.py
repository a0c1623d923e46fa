"""byline.v3: one author_of per person a byline names (sentences and bylines written for these tests)."""

from __future__ import annotations

import pytest

from test_extractors import facts_of


@pytest.mark.parametrize(
    "author, expected",
    [
        ("Nora Quill, Tomas Berg", {"Nora Quill", "Tomas Berg"}),
        ("Nora Quill and Tomas Berg", {"Nora Quill", "Tomas Berg"}),
        ("Nora Quill, Senior Research Scientist", {"Nora Quill"}),
        ("Nora Quill", {"Nora Quill"}),
        ("CNN Staff", set()),
        ("Reuters Staff", set()),
    ],
)
def test_byline_names_each_author(analyse, author, expected):
    result = analyse("The council met on Monday.", author=author)
    assert {s for s, _, _ in facts_of(result, "author_of")} == expected


PAGE = "Nora Quill and Tomas Berg\n\nUSA TODAY\n\nWASHINGTON - The council approved the budget on Monday after a long debate."


def test_a_byline_block_opening_the_page_names_the_authors_and_their_outlet(tmp_path):
    """"Names" / "USA TODAY" at the top of a page: the names are the byline (not a headline, not body
    text), and the outlet line says whom they write for (byline.v3)."""
    from kg.extract.facts import extract_facts
    from kg.nlp import DEFAULT_MODEL
    from kg.nlp.lexicon import load_lexicon
    from kg.nlp.pipeline import cached_pipeline
    from kg.read.files import read_articles

    record = {"id": "b1", "title": "Council approves budget", "text": PAGE}
    (tmp_path / "a.jsonl").write_text(__import__("json").dumps(record) + "\n", encoding="utf-8")
    [article] = read_articles([str(tmp_path / "a.jsonl")])
    assert article.author == "Nora Quill and Tomas Berg" and not article.text.startswith("Nora")
    result = extract_facts(article, cached_pipeline(DEFAULT_MODEL)(article.text), load_lexicon())
    assert {s for s, _, _ in facts_of(result, "author_of")} == {"Nora Quill", "Tomas Berg"}
    assert set(facts_of(result, "works_for")) >= {("Nora Quill", "works_for", "USA TODAY"),
                                                   ("Tomas Berg", "works_for", "USA TODAY")}


def test_an_opening_line_that_is_no_outlet_gives_no_employer(analyse):
    result = analyse("Opinion contributor\n\nThe council approved the budget on Monday.", author="Nora Quill")
    assert {s for s, _, _ in facts_of(result, "author_of")} == {"Nora Quill"}
    assert not facts_of(result, "works_for")


@pytest.mark.parametrize(
    "line, authors, employer",
    [
        ("By Jonah Marsh, defence and diplomatic correspondent", {"Jonah Marsh"}, None),
        ("Analysis by Nadia Toft, BBC News, New York", {"Nadia Toft"}, "BBC News"),
        ("Analysis - Amir Haddad, Iraq correspondent, BBC News", {"Amir Haddad"}, "BBC News"),
        # a heading, a service and a sentence are no signature
        ("Analysis: The end of the budget war?", set(), None),
        ("By BBC Monitoring", set(), None),
        ("By Friday, Tom Lake had left the city.", set(), None),
    ],
)
def test_a_line_that_signs_a_section_names_its_authors(analyse, line, authors, employer):
    """section_byline.v1: a broadcaster's analysis box inside the body is signed by its author."""
    text = f"The fleet will return to Norfolk next year.\n\n{line}\n\nThe fleet was disbanded in 2011, officials said."
    facts = facts_of(analyse(text), rule="section_byline.v1")
    assert {s for s, r, _ in facts if r == "author_of"} == authors
    assert {o for _, r, o in facts if r == "works_for"} == ({employer} if employer else set())
