"""RDF output -> a networkx graph of entities and facts, each fact with its evidence.

:func:`to_networkx` turns an rdflib graph into a ``MultiDiGraph``; :func:`load_graph`
reads an output directory (with pyoxigraph, :func:`oxigraph_to_networkx`) or an RDF file
into one. :mod:`kg.output.views` narrows it the way ``kg viz`` options ask; the HTML page
(kg/output/html.py) and the static image (kg/output/image.py) draw the result.

Example::

    graph = load_graph(Path("output"))
    graph.nodes["https://w3id.org/kg-news/resource/person/Vladimir_Putin"]["cls"]   # 'Person'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO

from kg.graph.namespace import KG
from kg.graph.triples import PREFIXES
from kg.model import QUOTE_RULES
from kg.output.entitygraph_queries import (
    ALIASES_QUERY, ARTICLES_QUERY, ASSERTIONS_QUERY, ENTITIES_QUERY, QUOTES_QUERY,
)
from kg.output.rdf import NQUADS
from kg.output.store import InvalidGraph, load_dataset
from kg.vocab import Cls


def local_name(iri: URIRef) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Entities become nodes, facts become edges; each edge carries its evidence.

    Node attributes: ``label``, ``cls``, ``aliases`` (list), ``mentions`` (int).
    Edge attributes (key = relation): ``relation`` and ``evidence``, a list of dicts with
    ``sentence``, ``article`` (title or id), ``url``, ``confidence``, ``date`` (the
    article's, ``kg:asOf``), ``status`` (``kg:status``; ``None`` when the text gave none) and,
    when the article names it, ``outlet`` (``schema:publisher``). Article nodes carry their ``outlet`` too.
    """
    articles = {}
    for article in graph.subjects(RDF.type, SDO.NewsArticle):
        url, date = graph.value(article, SDO.url), graph.value(article, SDO.datePublished)
        articles[str(article)] = (
            str(graph.value(article, SDO.headline) or graph.value(article, DCTERMS.identifier) or local_name(article)),
            str(url) if url is not None else None,
            str(date) if date is not None else None,
            _str(graph.value(article, SDO.publisher)),
        )
    assertions = []
    for assertion in graph.subjects(RDF.type, KG.Assertion):
        confidence = graph.value(assertion, KG.confidence)
        assertions.append((
            *(_str(graph.value(assertion, p)) for p in (RDF.subject, RDF.predicate, RDF.object, PROV.wasDerivedFrom)),
            float(confidence) if confidence is not None else None,
            str(graph.value(assertion, KG.sentence) or ""),
            _str(graph.value(assertion, KG.asOf)),
            _str(graph.value(assertion, KG.status)),
            _str(graph.value(assertion, PROV.wasAttributedTo)),
        ))
    quotes = []
    for quote in graph.subjects(RDF.type, KG.Quote):
        speaker = graph.value(quote, KG.speaker)
        quotes.append((
            str(quote), _str(speaker), _str(graph.value(speaker, RDFS.label)) if speaker is not None else None,
            *(_str(graph.value(quote, p)) for p in (KG.quoteKind, SDO.text, SDO.isPartOf, KG.charStart, KG.cue, KG.addressee)),
        ))
    entities = []
    for node in set(graph.subjects(KG.mentionCount, None)):
        cls = graph.value(node, RDF.type)
        entities.append((
            str(node),
            str(graph.value(node, RDFS.label) or local_name(node)),
            local_name(cls) if cls is not None else "Thing",
            sorted(str(a) for a in graph.objects(node, SKOS.altLabel)),
            int(graph.value(node, KG.mentionCount) or 1),
        ))
    return _entity_graph(articles, assertions, entities, quotes)


def load_graph(path: Path) -> nx.MultiDiGraph:
    """The entity graph of an output directory or RDF file, as ``kg viz`` draws it.

    An output directory holding graph.nq is read with pyoxigraph, which loads and joins
    a large build several times faster than rdflib parses graph.trig (the BBC timings
    in benchmarks/viz-load.json); any other path goes through
    :func:`kg.output.store.load_dataset` and :func:`to_networkx`. Both give the same graph (tests/test_html.py).

    Example::

        view = select_view(load_graph(Path("output")), focus="Putin")
    """
    path = Path(path)
    nquads = path / NQUADS
    if not (path.is_dir() and nquads.is_file()):
        return to_networkx(load_dataset(path))
    import pyoxigraph

    store = pyoxigraph.Store()
    try:
        store.bulk_load(path=str(nquads), format=pyoxigraph.RdfFormat.N_QUADS)
    except SyntaxError as err:
        raise InvalidGraph(f"{nquads}: not valid nquads: {str(err).splitlines()[0] if str(err) else 'syntax error'}") from err
    return oxigraph_to_networkx(store)


def _str(term) -> str | None:
    return str(term) if term is not None else None


def oxigraph_to_networkx(store) -> nx.MultiDiGraph:
    """:func:`to_networkx` for a pyoxigraph ``Store`` of kg's output: the same graph, read with SPARQL.

    The store's default graph may be empty: every query runs over the union of its graphs.
    Where a property has several values, the first row wins, as ``rdflib.Graph.value``
    takes any one (kg writes one label, class, count, title and URL per resource).
    """
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()} | {"rdf": str(RDF)}

    def rows(query: str) -> Iterable[dict]:
        solutions = store.query(query, prefixes=prefixes, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            yield {name: (solution[name].value if solution[name] is not None else None) for name in names}

    articles: dict[str, tuple[str, str | None, str | None, str | None]] = {}
    for row in rows(ARTICLES_QUERY):
        articles.setdefault(row["article"], (row["headline"] or row["identifier"] or local_name(row["article"]), row["url"],
                                             row["date"], row["outlet"]))
    assertions: dict[str, tuple] = {}
    for row in rows(ASSERTIONS_QUERY):
        confidence = row["confidence"]
        assertions.setdefault(row["assertion"], (
            row["subject"], row["predicate"], row["object"], row["article"],
            float(confidence) if confidence is not None else None, row["sentence"] or "", row["asOf"], row["status"], row["rule"],
        ))
    quotes: dict[str, tuple] = {}
    for row in rows(QUOTES_QUERY):
        quotes.setdefault(row["quote"], (row["quote"], row["speaker"], row["speakerName"], row["kind"], row["text"],
                                         row["article"], row["start"], row["cue"], row["addressee"]))
    aliases = defaultdict(list)
    for row in rows(ALIASES_QUERY):
        aliases[row["node"]].append(row["alias"])
    entities: dict[str, tuple] = {}
    for row in rows(ENTITIES_QUERY):
        node, cls = row["node"], row["class"]
        entities.setdefault(node, (
            node,
            row["label"] or local_name(node),
            local_name(cls) if cls is not None else "Thing",
            sorted(aliases[node]),
            int(row["mentions"]) or 1,
        ))
    return _entity_graph(articles, list(assertions.values()), list(entities.values()), list(quotes.values()))


def _entity_graph(
    articles: dict[str, tuple[str, str | None, str | None, str | None]],
    assertions: list[tuple[str | None, str | None, str | None, str | None, float | None, str, str | None, str | None,
                           str | None]],
    entities: list[tuple[str, str, str, list[str], int]],
    quotes: list[tuple] = (),
) -> nx.MultiDiGraph:
    """The graph of :func:`to_networkx` from what it read, all as strings.

    ``articles`` maps an article IRI to its title, URL, date and outlet; ``assertions`` are (subject,
    predicate, object, article, confidence, sentence, date, status, extractor); ``entities`` are (IRI, label,
    class, aliases, mentions); ``quotes`` are (IRI, speaker, speaker name, kind, text, article,
    start, cue, addressee), kept in ``graph.graph["quotes"]`` as dicts. Sorted throughout, so
    the same facts give the same graph whatever order they were read in.
    """
    evidence: dict[tuple, list[dict]] = defaultdict(list)
    for s, p, o, article, confidence, sentence, date, status, rule in assertions:
        outlet = articles[article][3] if article in articles else None
        evidence[(s, p, o)].append(
            {
                **({"outlet": outlet} if outlet else {}),  # only when known: a corpus page carries thousands
                "sentence": sentence,
                "article": articles[article][0] if article in articles else (local_name(article) if article else ""),
                "url": articles[article][1] if article in articles else None,
                "confidence": confidence,
                "date": date,
                "status": status,
                "quote": rule is not None and local_name(rule) in QUOTE_RULES,
            }
        )
    g = nx.MultiDiGraph()
    g.graph["quotes"] = sorted((_quote_dict(q, articles) for q in quotes),
                               key=lambda q: (q["articleId"] or "", q["start"], q["kind"] or "", q["id"]))
    for node, label, cls, aliases, mentions in sorted(entities):  # sorted: same input, same node order
        g.add_node(node, label=label, cls=cls, aliases=aliases, mentions=mentions)
    for (s, p, o), items in sorted(evidence.items(), key=lambda item: tuple(t or "" for t in item[0])):
        if s is None or o is None:
            continue
        for end in (s, o):
            if end not in g:
                g.add_node(end, label=articles[end][0] if end in articles else local_name(end), cls=Cls.NewsArticle,
                           aliases=[], mentions=1)
                if end in articles and articles[end][3]:
                    g.nodes[end]["outlet"] = articles[end][3]
        items.sort(key=lambda e: (-(e["confidence"] or 0), e["article"], e["sentence"], e["url"] or "", e["date"] or "",
                                  e["status"] or "", e["quote"], e.get("outlet") or ""))
        g.add_edge(s, o, key=local_name(p), relation=local_name(p), evidence=items)
    return g


def _quote_dict(quote: tuple, articles: dict[str, tuple[str, str | None, str | None, str | None]]) -> dict:
    """One quote as the explorer lists it: who, what, how, in which article (title, URL, date)."""
    node, speaker, speaker_name, kind, text, article, start, cue, addressee = quote
    title, url, date, _ = articles.get(article, (local_name(article) if article else "", None, None, None))
    return {
        "id": node, "speaker": speaker, "speakerName": speaker_name or (local_name(speaker) if speaker else None),
        "kind": kind, "text": text or "", "articleId": article, "article": title, "url": url, "date": date,
        "start": int(start) if start is not None else 0, "cue": cue, "addressee": addressee,
    }
