"""Generate ``kg/graph/namespace.py`` (the ``KG`` DefinedNamespace) and ``kg/vocab.py`` from ``ontology/kg.ttl``.

Usage::

    python scripts/gen_namespace.py           # (re)write kg/graph/namespace.py and kg/vocab.py
    python scripts/gen_namespace.py --check   # exit 1 if either is stale

``kg/vocab.py`` holds the same vocabulary as plain Python (no rdflib), for every stage:
each class with its family (the kind of IRI its entities get), top class, display colour
and shape, each relation with its domain, range, super-properties, inverse, symmetry and
display colour (``kg:displayColour``/``kg:displayShape`` annotations, resolved upwards).

The output has the shape of rdflib's own generated vocabularies
(``rdflib/namespace/_PROV.py``), but is written here by hand rather than with
``rdflib.tools.defined_namespace_creator`` because that tool stamps the current
time into the file (so two runs never give the same bytes and a staleness check
is impossible), leaves placeholder docstrings to edit by hand, always writes
``_<ID>.py`` into the working directory, joins all definitions of a term in
SPARQL ``GROUP_CONCAT`` order (unspecified), and has no place for the resource
namespace ``RES``.
"""

from __future__ import annotations

import argparse
import keyword
import re
import sys
import textwrap
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TTL = REPO / "ontology" / "kg.ttl"
DEFAULT_OUT = REPO / "kg" / "graph" / "namespace.py"
DEFAULT_VOCAB = REPO / "kg" / "vocab.py"
COMMAND = "python scripts/gen_namespace.py"

TERM_NS = "https://w3id.org/kg-news/ontology#"
TERM_NS_REF = Namespace(TERM_NS)
# Resources are not defined in the ontology (they are minted per run), so their
# namespace is fixed here, next to the term namespace.
RESOURCE_NS = "https://w3id.org/kg-news/resource/"

# Sections of the class body, in order; a term goes in the first whose type it has.
KINDS = [
    (OWL.Class, "Classes"),
    (OWL.ObjectProperty, "Object properties"),
    (OWL.DatatypeProperty, "Datatype properties"),
    (OWL.AnnotationProperty, "Annotation properties"),
]

# A sentence ends at . ! or ? followed by whitespace ("title_appositive.v1," does not end one).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def first_sentence(text: str) -> str:
    """Return the first sentence of ``text``, with whitespace runs collapsed.

    Example: ``first_sentence("A place. Example: x")`` returns ``"A place."``.
    """
    flat = " ".join(text.split())
    return _SENTENCE_END.split(flat, maxsplit=1)[0]


def _english(graph: Graph, term: URIRef, prop: URIRef) -> str | None:
    """The value of ``prop`` on ``term``, preferring English, then the smallest (for determinism)."""
    values = [v for v in graph.objects(term, prop) if isinstance(v, Literal)]
    if not values:
        return None
    english = [v for v in values if v.language in (None, "en")]
    return str(min(english or values))


def _terms(graph: Graph) -> dict[str, list[tuple[str, str]]]:
    """Group the terms of ``TERM_NS`` defined in ``graph`` by section: name -> comment."""
    sections: dict[str, list[tuple[str, str]]] = {title: [] for _, title in KINDS}
    sections["Other terms"] = []
    subjects = {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    for term in sorted(subjects):
        name = str(term)[len(TERM_NS) :]
        if not str(term).startswith(TERM_NS) or not name:
            continue
        label = _english(graph, term, RDFS.label)
        comment = _english(graph, term, RDFS.comment)
        if label is None or comment is None:
            raise ValueError(f"{term} needs an rdfs:label and an rdfs:comment")
        types = set(graph.objects(term, RDF.type))
        title = next((t for kind, t in KINDS if kind in types), "Other terms")
        sections[title].append((name, f"{label}: {first_sentence(comment)}"))
    return {title: terms for title, terms in sections.items() if terms}


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(" ".join(text.split()), width=88, initial_indent=indent, subsequent_indent=indent)


def render_namespace(ttl_path: str | Path) -> str:
    """Render the source of ``kg/graph/namespace.py`` from the ontology at ``ttl_path``.

    Args:
        ttl_path: the ontology file (Turtle).

    Returns:
        The Python module text; the same ontology always gives the same text.

    Example: ``"class KG(DefinedNamespace)" in render_namespace("ontology/kg.ttl")``.
    """
    ttl_path = Path(ttl_path)
    graph = Graph().parse(ttl_path, format="turtle")
    try:
        source = ttl_path.resolve().relative_to(REPO).as_posix()
    except ValueError:
        source = ttl_path.name

    ontologies = sorted(graph.subjects(RDF.type, OWL.Ontology))
    if len(ontologies) != 1:
        raise ValueError(f"{ttl_path}: expected one owl:Ontology, found {len(ontologies)}")
    ontology = ontologies[0]
    title = _english(graph, ontology, DCTERMS.title) or source
    version = _english(graph, ontology, OWL.versionInfo)
    description = _english(graph, ontology, DCTERMS.description) or ""

    body: list[str] = []
    extras: list[str] = []
    for section, terms in _terms(graph).items():
        body.append(f"\n    # {section}\n")
        for name, comment in terms:
            if name.isidentifier() and not keyword.iskeyword(name):
                body.append(f"    {name}: URIRef  # {comment}\n")
            else:
                extras.append(f'        "{name}",  # {comment}\n')
    if extras:
        body.append("\n    # Terms that are not Python identifiers: use KG[name]\n")
        body.append("    _extras = [\n" + "".join(extras) + "    ]\n")

    heading = f"{title} {version}." if version else f"{title}."
    return (
        f'"""Terms of the kg-news ontology as an rdflib DefinedNamespace, and the resource namespace.\n'
        f"\n"
        f"Generated from {source} by ``{COMMAND}``; do not edit by hand.\n"
        f"After changing the ontology, run that command again (``--check`` reports a stale file).\n"
        f'"""\n'
        f"\n"
        f"from rdflib.namespace import DefinedNamespace, Namespace\n"
        f"from rdflib.term import URIRef\n"
        f"\n"
        f'__all__ = ["KG", "RES"]\n'
        f"\n"
        f"\n"
        f"class KG(DefinedNamespace):\n"
        f'    """{heading}\n'
        f"\n"
        f"{_wrap(description, '    ')}\n"
        f"\n"
        f"    A misspelt term raises AttributeError instead of minting a new IRI.\n"
        f"\n"
        f"    Generated from: {source}\n"
        f'    """\n'
        f"\n"
        f"    _fail = True\n"
        f'    _NS = Namespace("{TERM_NS}")\n'
        f"{''.join(body)}"
        f"\n"
        f"\n"
        f'RES = Namespace("{RESOURCE_NS}")\n'
        f'"""Namespace of the resources kg mints, one path segment per kind.\n'
        f"\n"
        f'For example ``RES["person/Vladimir_Putin"]``, ``RES["country/Russia"]``,\n'
        f'``RES["article/000_bedcb93597ba2cf9"]``, ``RES["assertion/<hash>"]`` and\n'
        f'``RES["extractor/title_modifier.v1"]``. It is an open ``Namespace``: any name is allowed.\n'
        f'"""\n'
    )


# The top classes whose entities get their own kind of IRI (res:person/..., res:organization/...).
FAMILY_OF_TOP = {"Person": "person", "Organization": "organization", "Place": "place"}


def _local(term) -> str | None:
    text = str(term)
    return text[len(TERM_NS) :] if isinstance(term, URIRef) and text.startswith(TERM_NS) else None


def _class_names(graph: Graph, node) -> tuple[str, ...]:
    """A domain or range: one kg class, or an owl:unionOf of them (other terms are left out)."""
    if node is None:
        return ()
    union = graph.value(node, OWL.unionOf)
    members = list(Collection(graph, union)) if union is not None else [node]
    return tuple(sorted(name for name in map(_local, members) if name))


def _py(value) -> str:
    """A value as Python source with double-quoted strings (the repository's style)."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, tuple):
        items = ", ".join(map(_py, value))
        return f"({items},)" if len(value) == 1 else f"({items})"
    return repr(value)


def _in_file_order(text: str, names: list[str]) -> list[str]:
    """``names`` in the order the ontology file defines them (``kg:name`` at the start of a line)."""
    def position(name: str) -> int:
        found = re.search(rf"^kg:{re.escape(name)}\b", text, flags=re.MULTILINE)
        return found.start() if found else len(text)

    return sorted(names, key=lambda name: (position(name), name))


def _annotation(graph: Graph, terms, name: str) -> str | None:
    """The first of ``terms`` (a term, then its superclasses nearest first) that has the annotation ``kg:name``."""
    for term in terms:
        value = graph.value(term, TERM_NS_REF[name])
        if value is not None:
            return str(value)
    return None


def render_vocab(ttl_path: str | Path) -> str:
    """Render the source of ``kg/vocab.py`` from the ontology at ``ttl_path`` (same input, same text).

    Classes and relations keep the order of the ontology file, which is the order reports list them in.
    """
    ttl_path = Path(ttl_path)
    text = ttl_path.read_text(encoding="utf-8")
    graph = Graph().parse(data=text, format="turtle")
    try:
        source = ttl_path.resolve().relative_to(REPO).as_posix()
    except ValueError:
        source = ttl_path.name
    classes = _in_file_order(text, [name for name in map(_local, graph.subjects(RDF.type, OWL.Class)) if name])
    class_rows, class_names = [], []
    for name in classes:
        supers = [_local(c) for c in graph.transitive_objects(TERM_NS_REF[name], RDFS.subClassOf)]
        kg_supers = [c for c in supers if c]
        top = kg_supers[-1]
        family = FAMILY_OF_TOP.get(top)
        # transitive_objects yields the class, then its superclasses breadth first: the nearest colour wins.
        colour = _annotation(graph, graph.transitive_objects(TERM_NS_REF[name], RDFS.subClassOf), "displayColour")
        shape = _annotation(graph, [TERM_NS_REF[top]], "displayShape")
        class_rows.append(f'    "{name}": VocabClass("{name}", {_py(family)}, "{top}", {_py(colour)}, {_py(shape)}),\n')
        class_names.append(f'    {name} = "{name}"\n')
    # Facts relate entities; the properties of a kg:Quote node (kg:speaker, kg:outlet) are no facts.
    relations = _in_file_order(
        text, [name for name in map(_local, graph.subjects(RDF.type, OWL.ObjectProperty))
               if name and graph.value(TERM_NS_REF[name], RDFS.domain) != TERM_NS_REF["Quote"]]
    )
    relation_rows, relation_names = [], []
    for name in relations:
        term = TERM_NS_REF[name]
        domain = _class_names(graph, graph.value(term, RDFS.domain))
        range_ = _class_names(graph, graph.value(term, RDFS.range))
        supers = tuple(sorted(n for n in map(_local, graph.objects(term, RDFS.subPropertyOf)) if n))
        inverses = {_local(o) for o in graph.objects(term, OWL.inverseOf)} | {
            _local(s) for s in graph.subjects(OWL.inverseOf, term)
        }
        inverses.discard(None)
        inverse = min(inverses) if inverses else None
        symmetric = (term, RDF.type, OWL.SymmetricProperty) in graph
        colour = _annotation(graph, [term], "displayColour")
        relation_rows.append(
            f'    "{name}": Relation("{name}", {_py(domain)}, {_py(range_)}, {_py(supers)}, {_py(inverse)}, {symmetric},'
            f' {_py(colour)}),\n'
        )
        relation_names.append(f'    {name} = "{name}"\n')
    return (
        f'"""The ontology\'s classes and relations as plain Python data (no rdflib), for every stage.\n'
        f"\n"
        f"Generated from {source} by ``{COMMAND}``; do not edit by hand.\n"
        f"Code names a class or a relation through :class:`Cls` and :class:`Rel` (a misspelt\n"
        f"name is an AttributeError), never as a string literal.\n"
        f'"""\n'
        f"\n"
        f"from __future__ import annotations\n"
        f"\n"
        f"from typing import NamedTuple\n"
        f"\n"
        f'PERSON, ORGANIZATION, PLACE = "person", "organization", "place"\n'
        f'"""The families: the kind of IRI an entity gets (``res:person/...``); a name\'s family never changes with its class."""\n'
        f"\n"
        f"\n"
        f"class VocabClass(NamedTuple):\n"
        f'    """A class of the ontology: its local name, family (``None`` for non-entities), top class, and how kg draws it."""\n'
        f"\n"
        f"    name: str\n"
        f"    family: str | None\n"
        f"    top: str\n"
        f"    colour: str | None = None  # kg:displayColour, its own or its nearest superclass's\n"
        f"    shape: str | None = None  # kg:displayShape of its top class\n"
        f"\n"
        f"\n"
        f"class Relation(NamedTuple):\n"
        f'    """An object property of the ontology (a relation facts use), with its axioms."""\n'
        f"\n"
        f"    name: str\n"
        f"    domain: tuple[str, ...]\n"
        f"    range: tuple[str, ...]\n"
        f"    super_properties: tuple[str, ...]\n"
        f"    inverse: str | None\n"
        f"    symmetric: bool\n"
        f"    colour: str | None = None  # kg:displayColour\n"
        f"\n"
        f"\n"
        f"class Cls:\n"
        f'    """Class names."""\n'
        f"\n"
        f"{''.join(class_names)}"
        f"\n"
        f"\n"
        f"class Rel:\n"
        f'    """Relation names."""\n'
        f"\n"
        f"{''.join(relation_names)}"
        f"\n"
        f"\n"
        f"CLASSES = {{\n{''.join(class_rows)}}}\n"
        f'"""Every class, in the ontology\'s order."""\n'
        f"RELATIONS = {{\n{''.join(relation_rows)}}}\n"
        f'"""Every relation (object property of kg: between entities, not those of a kg:Quote), in the ontology\'s order."""\n'
        f"\n"
        f"KIND_OF_CLASS = {{c.name: c.family for c in CLASSES.values() if c.family is not None}}\n"
        f'"""Entity class -> its family (the kind that fixes its IRI path)."""\n'
        f"GENERIC_CLASS = {{c.family: c.name for c in CLASSES.values() if c.family is not None and c.top == c.name}}\n"
        f'"""Family -> its top class (``person`` -> ``Person``)."""\n'
        f"ORGANIZATION_CLASSES = frozenset(c for c, family in KIND_OF_CLASS.items() if family == ORGANIZATION)\n"
    )


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the namespace and vocabulary modules; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ttl", type=Path, default=DEFAULT_TTL, help="ontology file (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="namespace module (default: %(default)s)")
    parser.add_argument("--vocab", type=Path, default=DEFAULT_VOCAB, help="vocabulary module (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if a module is stale")
    args = parser.parse_args(argv)

    status = 0
    for path, text in ((args.out, render_namespace(args.ttl)), (args.vocab, render_vocab(args.ttl))):
        if args.check:
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current != text:
                print(f"{path} is stale: run `{COMMAND}` to regenerate it from {args.ttl}", file=sys.stderr)
                status = 1
            else:
                print(f"{path} is up to date")
            continue
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {path}")
    return status


if __name__ == "__main__":
    sys.exit(main())
