"""Tests of the ontology (ontology/kg.ttl), the SHACL shapes (ontology/shapes.ttl) and the
generated namespace (kg/graph/namespace.py).

Graphs are validated by :func:`validate`, which calls::

    pyshacl.validate(data, shacl_graph=SHAPES, ont_graph=ONTOLOGY, inference="none")

``ont_graph`` mixes kg.ttl into (a copy of) the data graph, so its rdfs:subClassOf triples are
there and SHACL itself follows them: ``sh:targetClass kg:Organization`` reaches a kg:Company and
``sh:class kg:Place`` accepts a kg:City. Inference must stay off: with ``inference="rdfs"`` the
rdfs:domain of kg:leader_of would make any subject of it a kg:Person, hiding exactly the domain
and range errors the fact shapes are there to catch (see test_rdfs_inference_would_hide_domain_errors).
"""

from __future__ import annotations

import importlib.util
from decimal import Decimal
from pathlib import Path

import owlrl
import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS

from kg.graph.namespace import KG, RES

# schema.org terms are written ns.SDO.x: pytest 9 probes every module-level object while
# collecting, and rdflib's SDO (unlike KG, it has _fail unset) warns on unknown attributes.

REPO = Path(__file__).resolve().parents[1]
KG_TTL = REPO / "ontology" / "kg.ttl"
SHAPES_TTL = REPO / "ontology" / "shapes.ttl"
KGSH = "https://w3id.org/kg-news/shapes#"

ONTOLOGY = Graph().parse(KG_TTL, format="turtle")
SHAPES = Graph().parse(SHAPES_TTL, format="turtle")

FACT_PROPERTIES = [
    "leader_of", "heads", "works_for", "member_of", "citizen_of", "lives_in", "based_in",
    "located_in", "part_of", "owns", "acquired", "cited_by", "cites", "author_of", "killed",
    "at_war_with", "controls", "reported_from", "government_of",
]  # fmt: skip


def validate(data: Graph, inference: str = "none") -> tuple[bool, set[URIRef], str]:
    """Validate ``data`` against the shapes, with the ontology mixed in and no inference.

    Returns:
        whether it conforms, the source shapes of the results, and the report text.
    """
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=SHAPES, ont_graph=ONTOLOGY, inference=inference
    )
    return conforms, set(report.objects(None, SH.sourceShape)), text


def shape(name: str) -> URIRef:
    return URIRef(KGSH + name)


def valid_graph() -> Graph:
    """A small output graph: two entities, an article, one fact with its assertion."""
    g = Graph()
    putin, russia = RES["person/Vladimir_Putin"], RES["country/Russia"]
    author, article = RES["person/Margarita_Voloshina"], RES["article/000_bedcb93597ba2cf9"]
    assertion, extractor = RES["assertion/3f2a"], RES["extractor/title_modifier.v1"]

    g.add((putin, RDF.type, KG.Person))
    g.add((putin, RDFS.label, Literal("Vladimir Putin")))
    g.add((putin, SKOS.altLabel, Literal("Putin")))
    g.add((putin, KG.mentionCount, Literal(7)))
    g.add((putin, KG.articleCount, Literal(1)))
    g.add((putin, KG.leader_of, russia))
    g.add((russia, RDF.type, KG.Country))
    g.add((russia, RDFS.label, Literal("Russia")))
    g.add((author, RDF.type, KG.Person))
    g.add((author, RDFS.label, Literal("Margarita Voloshina")))

    g.add((article, RDF.type, ns.SDO.NewsArticle))
    g.add((article, DCTERMS.identifier, Literal("000_bedcb93597ba2cf9")))
    g.add((article, ns.SDO.headline, Literal("Bloomberg named what brings Russia closer to peace talks")))
    g.add((article, ns.SDO.author, author))
    g.add((article, ns.SDO.mentions, putin))

    g.add((assertion, RDF.type, KG.Assertion))
    g.add((assertion, RDF.subject, putin))
    g.add((assertion, RDF.predicate, KG.leader_of))
    g.add((assertion, RDF.object, russia))
    g.add((assertion, PROV.wasDerivedFrom, article))
    g.add((assertion, KG.sentence, Literal("Dictator Vladimir Putin of Russia declared ...")))
    g.add((assertion, KG.charStart, Literal(120)))
    g.add((assertion, KG.charEnd, Literal(310)))
    g.add((assertion, KG.confidence, Literal(Decimal("0.9"))))
    g.add((assertion, PROV.wasAttributedTo, extractor))
    g.add((extractor, RDF.type, KG.Extractor))
    g.add((extractor, RDFS.label, Literal("title_modifier.v1")))
    return g


# --- ontology ---------------------------------------------------------------------------


def test_ontology_header():
    onto = URIRef("https://w3id.org/kg-news/ontology")
    assert (onto, RDF.type, OWL.Ontology) in ONTOLOGY
    assert ONTOLOGY.value(onto, OWL.versionInfo) == Literal("1.0.0")
    assert ONTOLOGY.value(onto, DCTERMS.title) is not None
    assert ONTOLOGY.value(onto, DCTERMS.description) is not None
    assert ONTOLOGY.value(onto, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")


# Object properties of a kg:Quote node (issue 12): not facts between entities, so no assertions.
QUOTE_PROPERTIES = ("speaker", "outlet")


def test_object_properties_are_the_fact_properties():
    defined = {p for p in ONTOLOGY.subjects(RDF.type, OWL.ObjectProperty) if p.startswith(KG._NS)}
    assert defined == {KG[name] for name in (*FACT_PROPERTIES, *QUOTE_PROPERTIES)}


@pytest.mark.parametrize("name", FACT_PROPERTIES)
def test_object_property_is_documented(name):
    prop = KG[name]
    for annotation in (RDFS.label, RDFS.comment, SKOS.example, RDFS.domain, RDFS.range):
        assert ONTOLOGY.value(prop, annotation) is not None, f"kg:{name} has no {annotation}"
    comment = str(ONTOLOGY.value(prop, RDFS.comment))
    assert "Example: " in comment
    assert all(str(example) in comment for example in ONTOLOGY.objects(prop, SKOS.example))


@pytest.mark.parametrize(
    ("sub", "sup"), [(KG.heads, KG.works_for), (KG.acquired, KG.owns)]
)
def test_sub_property_holds(sub, sup):
    assert (sub, RDFS.subPropertyOf, sup) in ONTOLOGY
    data = Graph() + ONTOLOGY
    data.add((RES["person/a"], sub, RES["organization/b"]))
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(data)
    assert (RES["person/a"], sup, RES["organization/b"]) in data


def test_leader_of_range_is_a_union():
    union = ONTOLOGY.value(ONTOLOGY.value(KG.leader_of, RDFS.range), OWL.unionOf)
    assert list(Collection(ONTOLOGY, union)) == [KG.Country, KG.Organization]


def test_author_of_is_inverse_of_schema_author():
    assert (KG.author_of, OWL.inverseOf, ns.SDO.author) in ONTOLOGY
    data = Graph() + ONTOLOGY
    data.add((RES["article/a"], ns.SDO.author, RES["person/p"]))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(data)
    assert (RES["person/p"], KG.author_of, RES["article/a"]) in data


# --- generated namespace ----------------------------------------------------------------


def _generator():
    spec = importlib.util.spec_from_file_location("gen_namespace", REPO / "scripts" / "gen_namespace.py")
    gen_namespace = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen_namespace)
    return gen_namespace


def test_namespace_is_not_stale():
    expected = _generator().render_namespace(KG_TTL)
    assert (REPO / "kg" / "graph" / "namespace.py").read_text(encoding="utf-8") == expected, (
        "kg/graph/namespace.py is stale: run `python scripts/gen_namespace.py`"
    )


def test_vocabulary_is_not_stale():
    expected = _generator().render_vocab(KG_TTL)
    assert (REPO / "kg" / "vocab.py").read_text(encoding="utf-8") == expected, (
        "kg/vocab.py is stale: run `python scripts/gen_namespace.py`"
    )


def test_vocabulary_families_and_axioms():
    from kg.vocab import CLASSES, KIND_OF_CLASS, RELATIONS, Cls, Rel

    assert CLASSES[Cls.Country].family == "place" and CLASSES[Cls.Company].top == Cls.Organization
    assert CLASSES[Cls.NewsArticle].family is None and Cls.NewsArticle not in KIND_OF_CLASS
    assert RELATIONS[Rel.heads].super_properties == (Rel.works_for,)
    assert RELATIONS[Rel.cited_by].inverse == Rel.cites and RELATIONS[Rel.cites].inverse == Rel.cited_by
    assert RELATIONS[Rel.at_war_with].symmetric and not RELATIONS[Rel.heads].symmetric
    assert RELATIONS[Rel.leader_of].range == (Cls.Country, Cls.Organization)
    with pytest.raises(AttributeError):
        Rel.leads  # noqa: B018 - a misspelt relation is an error, not a new name


def test_namespace_rejects_unknown_terms():
    assert KG.leader_of == URIRef("https://w3id.org/kg-news/ontology#leader_of")
    with pytest.raises(AttributeError):
        KG.not_a_term  # noqa: B018


# --- shapes -----------------------------------------------------------------------------


def test_shapes_cover_every_fact_property():
    (predicates,) = SHAPES.objects(shape("AssertionPredicateShape"), SH["in"])
    assert set(Collection(SHAPES, predicates)) == {KG[name] for name in FACT_PROPERTIES}
    targeted = set(SHAPES.objects(None, SH.targetSubjectsOf))
    assert targeted == {KG[name] for name in FACT_PROPERTIES}


def test_every_shape_has_a_name_and_message():
    for s in set(SHAPES.subjects(RDF.type, SH.NodeShape)) | set(SHAPES.subjects(RDF.type, SH.PropertyShape)):
        assert SHAPES.value(s, RDFS.label) or SHAPES.value(s, SH.name), s
        assert SHAPES.value(s, SH.message), s


def test_valid_graph_conforms():
    conforms, _, text = validate(valid_graph())
    assert conforms, text


def test_subclass_instances_are_valid_subjects_and_objects():
    g = valid_graph()
    g.add((RES["city/Kursk"], RDF.type, KG.City))
    g.add((RES["city/Kursk"], RDFS.label, Literal("Kursk")))
    g.add((RES["city/Kursk"], KG.located_in, RES["country/Russia"]))
    g.add((RES["person/Vladimir_Putin"], KG.leader_of, RES["organization/United_Russia"]))
    g.add((RES["organization/United_Russia"], RDF.type, KG.PoliticalParty))
    g.add((RES["organization/United_Russia"], RDFS.label, Literal("United Russia")))
    conforms, _, text = validate(g)
    assert conforms, text


def _with_two_labels(g: Graph) -> None:
    g.add((RES["country/Russia"], RDFS.label, Literal("Russian Federation")))


def _company_without_label(g: Graph) -> None:
    # Only found if sh:targetClass kg:Organization reaches subclasses.
    g.add((RES["organization/Gazprom"], RDF.type, KG.Company))


def _leader_of_from_place(g: Graph) -> None:
    g.add((RES["country/Russia"], KG.leader_of, RES["country/Russia"]))


def _leader_of_a_person(g: Graph) -> None:
    g.add((RES["person/Vladimir_Putin"], KG.leader_of, RES["person/Margarita_Voloshina"]))


def _confidence_above_one(g: Graph) -> None:
    g.set((RES["assertion/3f2a"], KG.confidence, Literal(Decimal("1.5"))))


def _confidence_as_double(g: Graph) -> None:
    # Literal(0.9) is an xsd:double; the pipeline must write Decimal values.
    g.set((RES["assertion/3f2a"], KG.confidence, Literal(0.9)))


def _without_sentence(g: Graph) -> None:
    g.remove((RES["assertion/3f2a"], KG.sentence, None))


def _end_before_start(g: Graph) -> None:
    g.set((RES["assertion/3f2a"], KG.charEnd, Literal(100)))


def _unknown_predicate(g: Graph) -> None:
    g.set((RES["assertion/3f2a"], RDF.predicate, ns.SDO.knows))


def _author_not_a_person(g: Graph) -> None:
    g.add((RES["article/000_bedcb93597ba2cf9"], ns.SDO.author, RES["country/Russia"]))


def _extractor_untyped(g: Graph) -> None:
    g.remove((RES["extractor/title_modifier.v1"], RDF.type, None))


@pytest.mark.parametrize(
    ("break_graph", "shape_name"),
    [
        (_with_two_labels, "EntityLabelShape"),
        (_company_without_label, "EntityLabelShape"),
        (_leader_of_from_place, "LeaderOfShape"),
        (_leader_of_a_person, "LeaderOfObjectShape"),
        (_confidence_above_one, "AssertionConfidenceShape"),
        (_confidence_as_double, "AssertionConfidenceShape"),
        (_without_sentence, "AssertionSentenceShape"),
        (_end_before_start, "AssertionCharStartShape"),
        (_unknown_predicate, "AssertionPredicateShape"),
        (_author_not_a_person, "ArticleAuthorShape"),
        (_extractor_untyped, "AssertionExtractorShape"),
    ],
)
def test_invalid_graph_is_reported_by_shape(break_graph, shape_name):
    g = valid_graph()
    break_graph(g)
    conforms, shapes, text = validate(g)
    assert not conforms
    assert shape(shape_name) in shapes, text


def test_rdfs_inference_would_hide_domain_errors():
    g = valid_graph()
    _leader_of_from_place(g)
    assert not validate(g)[0]
    assert shape("LeaderOfShape") not in validate(g, inference="rdfs")[1]


def test_data_graph_is_not_changed():
    g = valid_graph()
    before = len(g)
    validate(g)
    assert len(g) == before


def test_untyped_blank_node_is_not_targeted():
    # Targets come from rdf:type only: an untyped node with a label is not an entity.
    g = valid_graph()
    g.add((BNode(), RDFS.label, Literal("not an entity")))
    assert validate(g)[0]


def _kinds(node) -> frozenset[str]:
    from kg.model import ARTICLE as ARTICLE_KIND
    from kg.vocab import KIND_OF_CLASS

    union = ONTOLOGY.value(node, OWL.unionOf)
    classes = list(Collection(ONTOLOGY, union)) if union is not None else [node]
    names = [str(c).rsplit("#", 1)[-1].rsplit("/", 1)[-1] for c in classes]
    return frozenset(ARTICLE_KIND if n == "NewsArticle" else KIND_OF_CLASS[n] for n in names)


@pytest.mark.parametrize("name", FACT_PROPERTIES)
def test_relation_kinds_follow_domain_and_range(name):
    from kg.graph.ntriples import RELATION_KINDS

    prop = KG[name]
    assert RELATION_KINDS[name] == (_kinds(ONTOLOGY.value(prop, RDFS.domain)), _kinds(ONTOLOGY.value(prop, RDFS.range)))
