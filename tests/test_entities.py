"""Entity resolution within an article, on hand-built Docs (no model needed) and real text."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

import kg.nlp.ner_repair  # noqa: F401  (registers the span extension)
from kg.extract.entities import clean_name, resolve_entities
from kg.graph.index import EntityIndex
from kg.model import Article, Entity


def doc_with(words, ents):
    doc = Doc(Vocab(), words=words)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    for ent in doc.ents:
        ent._.kg_source = "ner"
    return doc


def by_name(resolved):
    return {e.name: e for e in resolved.entities}


def test_short_and_possessive_names_join_the_full_name(lexicon):
    words = ["Vladimir", "Putin", "spoke", ".", "Putin", "'s", "aides", "and", "Mr", "Putin", "left", "."]
    doc = doc_with(words, [(0, 2, "Person"), (4, 6, "Person"), (8, 10, "Person")])
    entities = by_name(resolve_entities(doc, Article("a", " ".join(words)), lexicon))
    assert set(entities) == {"Vladimir Putin"}
    assert entities["Vladimir Putin"].mentions == 3
    assert entities["Vladimir Putin"].aliases == {"Vladimir Putin", "Putin"}


def test_ambiguous_surname_is_not_merged(lexicon):
    words = ["John", "Smith", "met", "Anna", "Smith", ".", "Smith", "left", "."]
    doc = doc_with(words, [(0, 2, "Person"), (3, 5, "Person"), (6, 7, "Person")])
    names = set(by_name(resolve_entities(doc, Article("a", " ".join(words)), lexicon)))
    assert names == {"John Smith", "Anna Smith", "Smith"}


def test_a_given_name_before_and_shares_the_surname_after_it(lexicon):
    """"Mark and Patricia McCloskey": Mark McCloskey and Patricia McCloskey, and the bare "McCloskey" after them is
    neither (either could be meant); not "Smith and John Doe", whose first name is no given name."""
    words = ["Mark", "and", "Patricia", "McCloskey", "left", ".", "McCloskey", "spoke", "."]
    doc = doc_with(words, [(0, 1, "Person"), (2, 4, "Person"), (6, 7, "Person")])
    names = set(by_name(resolve_entities(doc, Article("a", " ".join(words)), lexicon)))
    assert names == {"Mark McCloskey", "Patricia McCloskey", "McCloskey"}
    words = ["Smith", "and", "John", "Doe", "met", "."]
    doc = doc_with(words, [(0, 1, "Person"), (2, 4, "Person")])
    assert set(by_name(resolve_entities(doc, Article("a", " ".join(words)), lexicon))) == {"Smith", "John Doe"}


def test_an_honorific_picks_the_full_name_of_its_gender(lexicon):
    """"Mrs. Clinton" beside Bill and Hillary Clinton is Hillary; "Mr. Clinton" is Bill; a bare "Clinton" stays apart."""
    words = ["Bill", "Clinton", "met", "Hillary", "Clinton", ".", "Mrs.", "Clinton", "spoke", ",", "Mr.", "Clinton",
             "left", ",", "Clinton", "stayed", "."]
    doc = doc_with(words, [(0, 2, "Person"), (3, 5, "Person"), (6, 8, "Person"), (11, 12, "Person"), (14, 15, "Person")])
    entities = by_name(resolve_entities(doc, Article("a", " ".join(words)), lexicon))
    assert entities["Hillary Clinton"].mentions == 2 and entities["Bill Clinton"].mentions == 2 and "Clinton" in entities


def test_a_title_run_into_a_full_name_is_no_part_of_it(lexicon):
    words = ["Spokesman", "Raj", "Shah", "said", "so", ".", "Shah", "left", "."]
    doc = doc_with(words, [(0, 3, "Person"), (6, 7, "Person")])
    entities = by_name(resolve_entities(doc, Article("a", " ".join(words)), lexicon))
    assert set(entities) == {"Raj Shah"} and entities["Raj Shah"].mentions == 2


def test_a_place_in_capitals_is_the_place_in_title_case(lexicon):
    """A dateline's "CENTENNIAL" is the Centennial the text names later (one entity); a short acronym stays."""
    words = ["CENTENNIAL", ",", "Colo.", "-", "He", "sat", "in", "Centennial", "and", "QZRT", "."]
    doc = doc_with(words, [(0, 1, "City"), (7, 8, "City"), (9, 10, "Place")])
    entities = by_name(resolve_entities(doc, Article("a", " ".join(words)), lexicon))
    assert entities["Centennial"].mentions == 2 and "QZRT" in entities


def test_demonyms_and_aliases_join_the_country(lexicon):
    words = ["Russian", "troops", "left", "Russia", "and", "the", "US", "."]
    doc = doc_with(words, [(0, 1, "Country"), (3, 4, "Country"), (6, 7, "Country")])
    entities = by_name(resolve_entities(doc, Article("a", " ".join(words)), lexicon))
    assert set(entities) == {"Russia", "United States"}
    assert entities["Russia"].aliases == {"Russia", "Russian"}


def test_acronym_joins_its_expansion(lexicon):
    words = ["The", "European", "Union", "said", "the", "EU", "would", "act", "."]
    doc = doc_with(words, [(1, 3, "Organization"), (5, 6, "Organization")])
    assert set(by_name(resolve_entities(doc, Article("a", " ".join(words)), lexicon))) == {"European Union"}


def test_an_acronym_may_spell_the_small_words_too(lexicon):
    words = ["The", "Department", "of", "Justice", "said", "the", "DOJ", "would", "act", "."]
    doc = doc_with(words, [(1, 4, "GovernmentOrganization"), (6, 7, "GovernmentOrganization")])
    assert set(by_name(resolve_entities(doc, Article("a", " ".join(words)), lexicon))) == {"Department of Justice"}


def test_label_votes_pick_one_kind_per_name(lexicon):
    words = ["Bloomberg", "wrote", "that", "Bloomberg", "said", "Bloomberg", "."]
    doc = doc_with(words, [(0, 1, "Place"), (3, 4, "Organization"), (5, 6, "Organization")])
    (entity,) = resolve_entities(doc, Article("a", " ".join(words)), lexicon).entities
    assert entity.kind == "organization"


def test_dominant_country_needs_a_clear_lead(lexicon):
    words = ["Russian", "forces", "and", "the", "Kremlin", "in", "Moscow", "met", "Ukraine", "."]
    doc = doc_with(words, [(0, 1, "Country"), (4, 5, "GovernmentOrganization"), (6, 7, "City"), (8, 9, "Country")])
    assert resolve_entities(doc, Article("a", " ".join(words)), lexicon).dominant_country.name == "Russia"
    tie = doc_with(["France", "and", "Germany"], [(0, 1, "Country"), (2, 3, "Country")])
    assert resolve_entities(tie, Article("b", "France and Germany"), lexicon).dominant_country is None


def test_clean_name():
    assert clean_name("the  Petersburg Politics Foundation's") == "Petersburg Politics Foundation"


def test_index_merges_across_articles_and_votes_classes():
    index = EntityIndex()
    index.add([Entity("organization", "Bloomberg", "MediaOrganization", frozenset({"Bloomberg"}), 3)])
    index.add([Entity("organization", "Bloomberg", "Organization", frozenset({"Bloomberg", "Bloomberg News"}), 1)])
    ref = ("organization", "Bloomberg")
    assert index.cls(ref) == "MediaOrganization"
    assert index.alt_labels(ref) == ["Bloomberg News"]
    assert index.mentions[ref] == 4 and index.articles[ref] == 2


def test_mrs_beside_mr_with_one_surname_stays_a_second_person(lexicon):
    words = ["Michael", "Howard", "arrived", ".", "Mrs", "Howard", "spoke", "and", "Mr", "Howard", "left", "."]
    doc = doc_with(words, [(0, 2, "Person"), (4, 6, "Person"), (9, 10, "Person")])
    entities = by_name(resolve_entities(doc, Article("a", " ".join(words)), lexicon))
    assert set(entities) == {"Michael Howard", "Mrs Howard"}
    assert entities["Michael Howard"].mentions == 2


def test_mrs_alone_joins_the_full_name(lexicon):
    words = ["Sandra", "Howard", "arrived", ".", "Mrs", "Howard", "spoke", "."]
    doc = doc_with(words, [(0, 2, "Person"), (4, 6, "Person")])
    assert set(by_name(resolve_entities(doc, Article("a", " ".join(words)), lexicon))) == {"Sandra Howard"}


def test_surname_the_model_took_for_an_organization_joins_the_person(analyse):
    result = analyse("Chancellor Olaf Scholz flew to Paris. Scholz said on Monday that Germany would help.")
    people = {e.name: e for e in result.entities if e.kind == "person"}
    assert "Olaf Scholz" in people and people["Olaf Scholz"].mentions == 2
    assert not [e for e in result.entities if e.name == "Scholz"]


def test_a_lone_surname_typed_organization_stays_apart_from_two_people(analyse):
    text = "Chancellor Olaf Scholz met Mr Anton Scholz. Scholz said on Monday that Germany would help."
    names = {e.name for e in analyse(text).entities}
    assert {"Olaf Scholz", "Anton Scholz", "Scholz"} <= names


def _index(*articles):
    index = EntityIndex()
    for entities in articles:
        index.add(Entity(kind, name, cls, frozenset({name}), mentions) for kind, name, cls, mentions in entities)
    return index


def test_across_articles_a_surname_joins_the_one_full_name(lexicon):
    from kg.graph.index import resolve_across_articles

    index = _index(
        [("person", "George W. Bush", "Person", 3)],
        [("person", "George W Bush", "Person", 1), ("person", "Hugo Chavez", "Person", 2)],
        [("person", "George Bush", "Person", 1)],
        [("person", "Bush", "Person", 2), ("person", "Chavez", "Person", 1)],
    )
    into = resolve_across_articles(index, lexicon)
    assert into == {
        ("person", "Bush"): ("person", "George W. Bush"),
        ("person", "George Bush"): ("person", "George W. Bush"),
        ("person", "George W Bush"): ("person", "George W. Bush"),
        ("person", "Chavez"): ("person", "Hugo Chavez"),
    }
    merged = index.merged(into)
    assert merged.alt_labels(("person", "George W. Bush")) == ["Bush", "George Bush", "George W Bush"]
    assert merged.mentions[("person", "George W. Bush")] == 7


def test_across_articles_two_people_with_one_surname_stay_apart(lexicon):
    from kg.graph.index import resolve_across_articles

    index = _index(
        [("person", "George W. Bush", "Person", 3)],
        [("person", "George H.W. Bush", "Person", 1)],
        [("person", "Bush", "Person", 2), ("person", "George Bush", "Person", 1)],
    )
    assert resolve_across_articles(index, lexicon) == {}


def test_across_articles_company_names_without_group_or_legal_form_are_one(lexicon):
    from kg.graph.index import resolve_across_articles

    index = _index(
        [("organization", "Menatep", "Company", 3)],
        [("organization", "Group Menatep", "Company", 1)],
        [("organization", "Menatep Group", "Company", 1), ("organization", "Siemens AG", "Company", 1)],
        [("organization", "Siemens", "Company", 2), ("organization", "Deutsche Bank", "Company", 1)],
        [("organization", "Deutsche", "Organization", 1)],
    )
    assert resolve_across_articles(index, lexicon) == {
        ("organization", "Group Menatep"): ("organization", "Menatep"),
        ("organization", "Menatep Group"): ("organization", "Menatep"),
        ("organization", "Siemens AG"): ("organization", "Siemens"),
    }


def test_across_articles_one_name_takes_the_kind_most_articles_give_it(lexicon):
    from kg.graph.index import resolve_across_articles

    index = _index(
        [("organization", "Yukos", "Company", 4)],
        [("organization", "Yukos", "Company", 2)],
        [("person", "Yukos", "Person", 1)],
        [("organization", "Bloomberg", "MediaOrganization", 2)],
        [("person", "Bloomberg", "Person", 1)],  # 2 : 1 is no clear majority
    )
    into = resolve_across_articles(index, lexicon)
    assert into == {("person", "Yukos"): ("organization", "Yukos")}
    assert index.merged(into).cls(("organization", "Yukos")) == "Company"


def test_rewrite_drops_facts_the_new_kind_cannot_have():
    from kg.graph.ntriples import rewrite_statements
    from kg.graph.triples import entity_iri
    from kg.graph.namespace import KG, RES
    from rdflib import RDF

    yukos, company, houston = (f"<{entity_iri(r)}>" for r in
                               (("person", "Yukos"), ("organization", "Yukos"), ("place", "Houston")))
    graph, node, lives_in = f"<{RES['article/a']}>", f"<{RES['assertion/1']}>", f"<{KG.lives_in}>"
    quads = [
        f"{yukos} {lives_in} {houston} {graph} .",
        f"{node} <{RDF.subject}> {yukos} {graph} .",
        f"{node} <{RDF.predicate}> {lives_in} {graph} .",
        f"{node} <{RDF.object}> {houston} {graph} .",
        f'{graph} <{KG.sentence}> "Yukos lost in Houston." {graph} .',
    ]
    kept, dropped = rewrite_statements(quads, {("person", "Yukos"): ("organization", "Yukos")})
    assert kept == [quads[-1]] and dropped == {"lives_in": 1}
    moved = f"<{entity_iri(('place', 'Houston, Texas'))}>"
    kept, dropped = rewrite_statements(quads[:1], {("place", "Houston"): ("place", "Houston, Texas")})
    assert kept == [f"{yukos} {lives_in} {moved} {graph} ."] and not dropped


def test_a_titled_surname_takes_the_office_holders_full_name(lexicon):
    # "President Obama" alone in a 2014 article is Barack Obama (kg/nlp/lexicons/office_holders*.tsv)
    words = ["President", "Obama", "spoke", ".", "Obama", "left", "."]
    doc = doc_with(words, [(1, 2, "Person"), (4, 5, "Person")])
    entities = by_name(resolve_entities(doc, Article("a", " ".join(words), date="2014-06-01"), lexicon))
    assert set(entities) == {"Barack Obama"}
    assert entities["Barack Obama"].aliases == {"Barack Obama", "Obama"}


def test_a_titled_surname_is_the_holder_not_a_relative(lexicon):
    # "President Trump" beside "Melania Trump" is Donald Trump, not the one longer name ending in Trump
    words = ["Melania", "Trump", "and", "President", "Trump", "arrived", "."]
    doc = doc_with(words, [(0, 2, "Person"), (4, 5, "Person")])
    names = set(by_name(resolve_entities(doc, Article("a", " ".join(words), date="2018-03-01"), lexicon)))
    assert names == {"Melania Trump", "Donald Trump"}


def test_a_titled_surname_two_holders_share_stays_as_written(lexicon):
    # two presidents Bush, and a 2015 article falls in neither term: nothing is picked
    words = ["President", "Bush", "spoke", "."]
    doc = doc_with(words, [(1, 2, "Person")])
    assert set(by_name(resolve_entities(doc, Article("a", " ".join(words), date="2015-05-01"), lexicon))) == {"Bush"}
    # in 2005 the article's year tells them apart
    assert set(by_name(resolve_entities(doc, Article("a", " ".join(words), date="2005-05-01"), lexicon))) == {"George W. Bush"}


US_STORY = "https://www.usatoday.com/story/news/politics/2019/05/01/x"


def _people(result) -> set[str]:
    return {e.name for e in result.entities if e.kind == "person"}


def test_a_bare_surname_is_the_head_in_office_on_the_articles_date(analyse):
    """"Trump" alone in a 2018 story is Donald Trump (the list of office holders); his node is one."""
    text = "Trump said the wall would be built. Trump spoke in Ohio on Monday."
    assert "Donald Trump" in _people(analyse(text, date="2018-05-01", url=US_STORY))
    assert "Barack Obama" in _people(analyse("Obama said the plan would work.", date="2014-05-01", url=US_STORY))
    # no outlet, but the country named
    assert "Vladimir Putin" in _people(analyse("Putin said Russia would not retreat.", date="2019-05-01"))


@pytest.mark.parametrize(
    "text, date",
    [
        ("Clinton said the plan would work.", "2016-05-01"),  # no Clinton held office in 2016
        ("Trump said the plan would work.", "2012-05-01"),  # before his term
        ("Trump said the plan would work.", None),  # no date, no guess
        ("Johnson said the Senate would vote on Tuesday.", "2020-05-01"),  # a US story that never names Britain
    ],
)
def test_a_bare_surname_with_no_head_in_office_stays_as_written(analyse, text, date):
    meta = {"date": date} if date else {}
    people = _people(analyse(text, url=US_STORY, **meta))
    assert not people & {"Donald Trump", "Bill Clinton", "Hillary Clinton", "Boris Johnson"}


def test_a_name_inside_a_quotation_is_no_antecedent_for_a_pronoun(nlp, lexicon):
    """"... to beat Trump," she added: the name is in her words, so "she" is not Trump."""
    from kg.extract.rules import Context
    from kg.extract.rules.common import entity_or_antecedent

    def antecedent(text):
        article = Article(id="t", text=text, date="2019-05-01", url=US_STORY)
        doc = nlp(text)
        ctx = Context(doc, article, resolve_entities(doc, article, lexicon), lexicon)
        she = next(t for t in doc if t.lower_ == "she")
        found = entity_or_antecedent(ctx, she)
        return found.name if found is not None else None

    assert antecedent("The crowd booed loudly. “We must ensure that Donald Trump does not win,” she added.") is None
    assert antecedent("Donald Trump spoke loudly. Then she added that the crowd was large.") == "Donald Trump"


def _people_and_outlets(nlp, text):
    from kg.extract.facts import extract_facts
    from kg.model import Article
    from kg.nlp.lexicon import load_lexicon

    article = Article(id="x", text=text)
    return {e.name: set(e.aliases) for e in extract_facts(article, nlp(text), load_lexicon()).entities
            if e.kind in {"person", "organization"}}


@pytest.mark.parametrize(
    "text, name, aliases",
    [
        ("Mayor Carla de Santos spoke. Mayor de Santos said no. Later de Santos left. Santos is tired.",
         "Carla de Santos", {"de Santos", "Santos"}),
        ("Walter J. Harmon spoke. Walter Harmon left. Harmon returned.", "Walter J. Harmon", {"Walter Harmon", "Harmon"}),
        ("Reza Mohammad Karimi spoke. Mohammad Karimi left. Karimi returned.", "Reza Mohammad Karimi",
         {"Mohammad Karimi", "Karimi"}),
        ("The New York Times reported the deal. The Times says hundreds of people came.", "New York Times", {"Times"}),
    ],
)
def test_short_forms_join_the_one_full_name(nlp, text, name, aliases):
    found = _people_and_outlets(nlp, text)
    assert name in found and aliases <= found[name]


def test_different_initials_and_two_outlets_stay_apart(nlp):
    found = _people_and_outlets(nlp, "George W. Bush spoke. George H.W. Bush left. George Bush returned.")
    assert {"George W. Bush", "George H.W. Bush"} <= set(found)
    found = _people_and_outlets(nlp, "The Los Angeles Times and The New York Times reported it. The Times says so.")
    assert "Times" not in found.get("New York Times", set()) | found.get("Los Angeles Times", set())


def test_a_building_named_like_a_government_stays_a_building(nlp):
    found = _people_and_outlets(nlp, "They met at the White House in Washington on Monday.")
    assert "United States" not in found


def test_a_name_in_capitals_is_the_same_person_and_a_word_in_capitals_is_nobody(nlp):
    from kg.extract.entities import _title_case

    found = _people_and_outlets(nlp, 'Anthony Fauci spoke on Monday.\n\nANTHONY FAUCI: "We give advice on the evidence."')
    assert set(found) == {"Anthony Fauci"} and "ANTHONY FAUCI" in found["Anthony Fauci"]
    assert _title_case("JOHN MCCAIN") == "John McCain" and _title_case("BETO O'ROURKE") == "Beto O'Rourke"
    assert not _people_and_outlets(nlp, "Operation Warp SPEED is on track, the official said.")
