"""Generate ``kg/graph/namespace.py``, the ``KG`` DefinedNamespace, from ``ontology/kg.ttl``.

Usage::

    python scripts/gen_namespace.py           # (re)write kg/graph/namespace.py
    python scripts/gen_namespace.py --check   # exit 1 if kg/graph/namespace.py is stale

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

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TTL = REPO / "ontology" / "kg.ttl"
DEFAULT_OUT = REPO / "kg" / "graph" / "namespace.py"
COMMAND = "python scripts/gen_namespace.py"

TERM_NS = "https://w3id.org/kg-news/ontology#"
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


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the namespace module; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ttl", type=Path, default=DEFAULT_TTL, help="ontology file (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="module to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if --out is stale")
    args = parser.parse_args(argv)

    text = render_namespace(args.ttl)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else None
        if current != text:
            print(f"{args.out} is stale: run `{COMMAND}` to regenerate it from {args.ttl}", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
