"""networkx graph -> one self-contained, offline HTML page (vis-network inlined).

The page comes from kg's own template (kg/output/templates/graph.html + explorer.js)
because pyvis's templates fetch Bootstrap and tom-select from CDNs even with
``cdn_resources="in_line"``. vis-network 9.1.2 (Apache-2.0/MIT) is inlined from the copy
pyvis ships, so the page makes no network request at all. The node and edge records are
the dicts pyvis would make, written here: pyvis's ``add_node``/``add_edge`` look each id up
in a list, which is quadratic on a corpus graph (15,331 nodes for the BBC corpus).

A large graph (over :data:`kg.output.overview.OVERVIEW_MIN_NODES` nodes) opens on its
overview (:mod:`kg.output.overview`): clusters of entities and the most connected entities,
with the articles hidden; the page expands clusters and opens focused views in place.

Safety: article strings reach the page only as JSON inside a non-executed
``<script type="application/json">`` block (with ``<``, ``>``, ``&`` escaped), the page
script writes them with ``textContent`` only, links only http(s) URLs, and the page's
Content-Security-Policy allows exactly the two inline scripts by their SHA-256 hash, so
an injected ``<script>`` or ``onerror=`` handler would not run even if it got through.

Example::

    write_html(to_networkx(load_dataset(Path("output"))), Path("graph.html"), max_nodes=200)
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache
from itertools import groupby
from importlib import resources
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pyvis
from jinja2 import Environment, PackageLoader, select_autoescape
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO

from kg.graph.index import EntityIndex
from kg.graph.namespace import KG
from kg.graph.triples import entity_iri
from kg.output import DEFAULT_MAX_NODES
from kg.output.files import atomic_write
from kg.output.entitygraph import local_name, oxigraph_to_networkx, to_networkx
from kg.output.layout import layout
from kg.output.style import class_colour, class_shape, relation_colour
from kg.output.views import keep_top_nodes
from kg.output.rdf import triples
from kg.output.overview import OVERVIEW_MIN_NODES, Overview, overview
from kg.vocab import Cls

VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
PIXELS_PER_UNIT = 80
"""Scale from :func:`kg.output.layout.layout` units (about one label apart) to vis-network canvas pixels."""
MAX_LABEL_CHARS = 40
"""Longer node labels (mostly article headlines) are cut on the canvas; the panel shows them whole."""


def _safe_json(value) -> str:
    """JSON that can sit inside a <script> element: no "</script>", no "<!--"."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def vis_script() -> str:
    """pyvis's vis-network.min.js without its trailing source-map comment (a file a DevTools window would fetch)."""
    text = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    return re.sub(r"\s*//# sourceMappingURL=\S+\s*$", "\n", text)


@cache
def _assets() -> dict[str, str]:
    templates = resources.files("kg.output.templates")
    return {
        "vis_js": vis_script(),
        "vis_css": (VIS_DIR / "vis-network.css").read_text(encoding="utf-8"),
        "app_js": templates.joinpath("explorer.js").read_text(encoding="utf-8"),
    }


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1].rstrip() + "…"


def _confidence(evidence: list[dict]) -> float | None:
    known = [e["confidence"] for e in evidence if e["confidence"] is not None]
    return max(known) if known else None


def vis_data(graph: nx.MultiDiGraph, plan: Overview | None = None) -> tuple[list[dict], list[dict]]:
    """The page's node and edge records for the networkx graph (explorer.js makes vis-network's of them).

    Nodes: id, name, class, aliases, mentions and a position from
    :func:`kg.output.layout.layout`, or from the overview ``plan`` when given (then each
    node also carries its ``cluster`` and, for the most connected entities, its ``top``
    rank). Computed here, so the page opens laid out and still. Edges: relation, evidence
    and best confidence; parallel edges between the same two entities get different
    curvatures so none hides another. Colours, shapes, labels and widths follow from the
    class and relation tables of the page (:func:`render_html`), so a corpus page carries
    each only once.
    """
    positions = plan.positions if plan is not None else layout(graph)
    top = {node: rank for rank, node in enumerate(plan.top)} if plan is not None else {}
    nodes = []
    for node, data in sorted(graph.nodes(data=True)):
        record = {"id": node, "name": data["label"], "cls": data["cls"], "mentions": data.get("mentions", 1)}
        if data.get("aliases"):
            record["aliases"] = data["aliases"]
        if data.get("outlet"):
            record["outlet"] = data["outlet"]
        if node in positions:
            x, y = positions[node]
            record["x"], record["y"] = round(x * PIXELS_PER_UNIT, 1), round(-y * PIXELS_PER_UNIT, 1)  # canvas y grows downwards
        if plan is not None:
            if node in plan.cluster_of:
                record["cluster"] = plan.cluster_of[node]
            if node in top:
                record["top"] = top[node]
        nodes.append(record)
    parallel = Counter()
    edges = []
    for source, target, _, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        pair = tuple(sorted((source, target)))
        rank = parallel[pair]
        parallel[pair] += 1
        record = {
            "id": f"e{len(edges)}",
            "from": source,
            "to": target,
            "relation": data["relation"],
            "evidence": data["evidence"],
            "confidence": _confidence(data["evidence"]),
        }
        if data["evidence"] and all(e.get("quote") for e in data["evidence"]):
            record["fromQuotes"] = True  # every sentence of this fact is a quote's attribution
        if rank:
            record["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.25 * rank}
        edges.append(record)
    return nodes, edges


def _clusters(plan: Overview) -> list[dict]:
    return [
        {"id": c.id, "label": c.label, "names": c.names, "size": c.size,
         "x": round(c.x * PIXELS_PER_UNIT, 1), "y": round(-c.y * PIXELS_PER_UNIT, 1),
         "radius": round(c.radius * PIXELS_PER_UNIT, 1)}
        for c in plan.clusters
    ]


def _styles(nodes: list[dict], edges: list[dict]) -> dict:
    """Colour and shape per class, colour per relation: what the page draws each record with."""
    return {
        "classes": {c: {"color": class_colour(c), "shape": class_shape(c)} for c in sorted({n["cls"] for n in nodes})},
        "relations": {r: relation_colour(r) for r in sorted({e["relation"] for e in edges})},
        "maxLabel": MAX_LABEL_CHARS,
        "article": Cls.NewsArticle,
    }


def _outlets(edges: list[dict]) -> list[dict]:
    """The outlet filter's choices: each outlet the facts' articles name, with how many facts it
    has a sentence for, and ``""`` for articles that name none; nothing when no article names one."""
    counts = Counter(outlet for e in edges for outlet in {ev.get("outlet") or "" for ev in e["evidence"]})
    if not any(counts.keys() - {""}):
        return []
    return [{"name": name, "count": k} for name, k in sorted(counts.items())]


def _legend(nodes: list[dict], edges: list[dict]) -> tuple[list[dict], list[dict]]:
    classes = Counter(n["cls"] for n in nodes)
    relations = Counter(e["relation"] for e in edges)
    return (
        [{"name": c, "count": k, "colour": class_colour(c), "shape": class_shape(c)} for c, k in sorted(classes.items())],
        [{"name": r, "count": k, "colour": relation_colour(r)} for r, k in sorted(relations.items())],
    )


EVIDENCE_BLOCK = "kg-evidence-{}"
"""Id of the page's block holding the evidence of one chunk of facts (parsed when one of them is first shown)."""
QUOTES_BLOCK, SOURCES_BLOCK = "kg-quotes", "kg-sources"
EVIDENCE_KEYS = ("sentence", "source", "confidence", "date", "status", "quote")
"""One evidence sentence in a chunk: a list of these, ``source`` an index into the sources table."""
QUOTE_KEYS = ("speaker", "speakerName", "kind", "text", "article", "start", "cue", "addressee")
"""One quote in the quotes block: ``speaker`` a node index (its IRI when not drawn: then with its name), ``article`` an
index into the articles table."""


def _chunk_of(plan: Overview | None, top: set[str]) -> Callable[[dict], str]:
    """Which evidence chunk a fact goes to: the one the page needs when the fact is first drawn.

    Facts between two top entities (drawn as the overview opens) go to ``top``; any other fact
    to the cluster of its first end not drawn on its own, which is expanded before the fact is
    drawn. A page without overview has one chunk.
    """
    if plan is None:
        return lambda edge: "all"

    def chunk(edge: dict) -> str:
        for end in (edge["from"], edge["to"]):
            if end not in top and end in plan.cluster_of:
                return plan.cluster_of[end]
        return "top"

    return chunk


NODE_FIELDS = ("id", "name", "cls", "mentions", "x", "y", "cluster", "top", "aliases", "outlet")
"""A node row of the packed page: ``cls`` an index into ``classes``, ``cluster`` into the overview's clusters, and
the id after the page's ``base``; a missing value is null, and trailing nulls are left off."""
EDGE_FIELDS = ("from", "to", "relation", "confidence", "n", "c", "fromQuotes", "curve")
"""A fact row: ends as node indices, ``relation`` an index into ``relations``, ``n`` its sentences, ``c`` the chunk
holding them, ``fromQuotes`` 1 when all are quote attributions, ``curve`` its rank among facts between the same two."""


def _row(values: list) -> list:
    while values and values[-1] is None:
        values.pop()
    return values


def pack(nodes: list[dict], edges: list[dict], quotes: list[dict], plan: Overview | None = None) -> tuple[dict, dict]:
    """The page's data: what the first view needs, and the blocks parsed only when something in them is shown.

    The first block (``kg-data``) holds the nodes and the facts as rows (:data:`NODE_FIELDS`,
    :data:`EDGE_FIELDS`), the facts without their sentences. Sentences are in one block per
    chunk (:func:`_chunk_of`; in the overview, chunk 0 holds the facts among the top
    entities and chunk ``i + 1`` those of cluster ``i``), each fact's in the chunk's order of
    facts; the articles they come from are in one table (``kg-sources``), and the quotes,
    with their own articles table, in ``kg-quotes``. A 3,000-article corpus page thus opens
    on a quarter of its data, and no title or URL is written more than once per table.
    :func:`page_data` reads it all back.
    """
    base = os.path.commonprefix([n["id"] for n in nodes]) if len(nodes) > 1 else ""
    base = base[: base.rfind("/") + 1]
    index = {n["id"]: i for i, n in enumerate(nodes)}
    classes = sorted({n["cls"] for n in nodes})
    relations = sorted({e["relation"] for e in edges})
    cluster_ids = [c.id for c in plan.clusters] if plan is not None else []
    node_rows = [
        _row([n["id"][len(base):], n["name"], classes.index(n["cls"]), n["mentions"], n.get("x"), n.get("y"),
              cluster_ids.index(n["cluster"]) if "cluster" in n else None, n.get("top"), n.get("aliases"), n.get("outlet")])
        for n in nodes
    ]
    top = {n["id"] for n in nodes if "top" in n}
    chunk_of = _chunk_of(plan, top)
    chunk_names = ["top", *cluster_ids] if plan is not None else ["all"]
    chunks: dict[str, list] = {name: [] for name in chunk_names}
    chunk_index = {name: i for i, name in enumerate(chunk_names)}
    sources: dict[tuple, int] = {}
    edge_rows = []
    for edge in edges:
        name = chunk_of(edge)
        chunks[name].append([
            [ev["sentence"], sources.setdefault((ev["article"], ev["url"], ev.get("outlet")), len(sources)),
             ev["confidence"], ev.get("date"), ev.get("status"), 1 if ev.get("quote") else 0]
            for ev in edge["evidence"]
        ])
        curve = round(edge["smooth"]["roundness"] / 0.25) if "smooth" in edge else None
        edge_rows.append(_row([index[edge["from"]], index[edge["to"]], relations.index(edge["relation"]),
                               edge["confidence"], len(edge["evidence"]), chunk_index[name],
                               1 if edge.get("fromQuotes") else 0, curve]))
    articles: dict[tuple, int] = {}
    quote_rows = [
        [index.get(q["speaker"], q["speaker"]), None if q["speaker"] in index else q["speakerName"], q["kind"], q["text"],
         articles.setdefault((q["articleId"], q["article"], q["url"], q["date"]), len(articles)), q["start"], q["cue"],
         q["addressee"]]
        for q in quotes
    ]
    blocks = {EVIDENCE_BLOCK.format(i): chunks[name] for i, name in enumerate(chunk_names)}
    blocks[SOURCES_BLOCK] = [list(key) for key in sources]
    blocks[QUOTES_BLOCK] = {"articles": [list(key) for key in articles], "quotes": quote_rows}
    data = {"base": base, "classes": classes, "relations": relations, "clusters": cluster_ids,
            "nodes": node_rows, "edges": edge_rows, "chunks": len(chunk_names)}
    return data, blocks


def page_data(html: str) -> dict:
    """The graph data of an explorer page, unpacked (:func:`pack`): nodes, edges with their evidence, quotes.

    Nodes and edges as :func:`vis_data` makes them (edge ids ``e0``, ``e1``...), quotes as
    :func:`kg.output.entitygraph._quote_dict` (without their ids), and the page's ``focus``,
    ``overview`` and ``styles``. For tests and tools that read a page back.
    """
    blocks = {m.group(1): json.loads(m.group(2)) for m in re.finditer(
        r'<script type="application/json" id="([\w-]+)">(.*?)</script>', html, re.S)}
    data = blocks["kg-data"]
    nodes = []
    for row in data["nodes"]:
        values = dict(zip(NODE_FIELDS, row))
        node = {"id": data["base"] + values["id"], "name": values["name"], "cls": data["classes"][values["cls"]],
                "mentions": values["mentions"]}
        for key in ("aliases", "outlet", "x", "y"):
            if values.get(key) is not None:
                node[key] = values[key]
        if values.get("cluster") is not None:
            node["cluster"] = data["clusters"][values["cluster"]]
        if values.get("top") is not None:
            node["top"] = values["top"]
        nodes.append(node)
    sources = blocks[SOURCES_BLOCK]
    position = Counter()
    edges = []
    for i, row in enumerate(data["edges"]):
        values = dict(zip(EDGE_FIELDS, row))
        chunk = values["c"]
        evidence = blocks[EVIDENCE_BLOCK.format(chunk)][position[chunk]]
        position[chunk] += 1
        edge = {"id": f"e{i}", "from": nodes[values["from"]]["id"], "to": nodes[values["to"]]["id"],
                "relation": data["relations"][values["relation"]], "confidence": values["confidence"], "evidence": []}
        if values.get("fromQuotes"):
            edge["fromQuotes"] = True
        if values.get("curve"):
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.25 * values["curve"]}
        for ev_values in evidence:
            ev = dict(zip(EVIDENCE_KEYS, ev_values))
            article, url, outlet = sources[ev.pop("source")]
            edge["evidence"].append({**({"outlet": outlet} if outlet else {}), **ev, "article": article, "url": url,
                                     "quote": bool(ev["quote"])})
        edges.append(edge)
    quoted = blocks[QUOTES_BLOCK]
    quotes = []
    for values in quoted["quotes"]:
        q = dict(zip(QUOTE_KEYS, values))
        q["articleId"], q["article"], q["url"], q["date"] = quoted["articles"][q.pop("article")]
        if isinstance(q["speaker"], int):
            q["speakerName"], q["speaker"] = nodes[q["speaker"]]["name"], nodes[q["speaker"]]["id"]
        quotes.append(q)
    return {"nodes": nodes, "edges": edges, "quotes": quotes,
            **{k: data[k] for k in ("focus", "overview", "styles")}}


def render_html(
    graph: nx.MultiDiGraph,
    *,
    title: str = "kg knowledge graph",
    max_nodes: int = DEFAULT_MAX_NODES,
    overview_mode: bool | None = None,
) -> str:
    """The explorer page for a graph, as a string.

    With ``overview_mode`` (by default: when the graph has more than
    :data:`~kg.output.overview.OVERVIEW_MIN_NODES` nodes and no focus) the page carries
    every node and fact and opens on the overview; otherwise it keeps at most
    ``max_nodes`` entities (see :func:`kg.output.views.keep_top_nodes`) and draws
    them all. The page says how many were left out, counting any cut made earlier
    (``graph.graph``). ``graph.graph["focus"]``, when set, is the entity the page selects on opening.
    """
    focus = graph.graph.get("focus")
    if overview_mode is None:
        overview_mode = focus is None and graph.number_of_nodes() > OVERVIEW_MIN_NODES
    if overview_mode:
        shown, plan = graph, overview(graph)
    else:
        shown, plan = keep_top_nodes(graph, max_nodes, pinned=[focus] if focus else ()), None
    nodes, edges = vis_data(shown, plan)
    class_legend, relation_legend = _legend(nodes, edges)
    # Quotes (with a speaker) said by a drawn entity or made in a drawn article: the side panel lists them.
    quotes = [q for q in graph.graph.get("quotes", ())
              if q["speaker"] is not None and (q["speaker"] in shown or q["articleId"] in shown)]
    dates = sorted({e["date"] for edge in edges for e in edge["evidence"] if e.get("date")})
    outlets, styles = _outlets(edges), _styles(nodes, edges)
    data, blocks = pack(nodes, edges, quotes, plan)
    data.update(focus=focus if focus in shown else None, styles=styles,
                overview={"clusters": _clusters(plan)} if plan is not None else None)
    assets = _assets()
    env = Environment(loader=PackageLoader("kg.output", "templates"), autoescape=select_autoescape(["html"]))
    return env.get_template("graph.html").render(
        title=title,
        vis_js=assets["vis_js"],
        vis_css=assets["vis_css"],
        app_js=assets["app_js"],
        script_hashes=" ".join(_csp_hash(assets[name]) for name in ("vis_js", "app_js")),
        data_json=_safe_json(data),
        lazy_blocks=[(name, _safe_json(value)) for name, value in blocks.items()],
        classes=class_legend,
        relations=relation_legend,
        node_count=len(nodes),
        edge_count=len(edges),
        quote_fact_count=sum(1 for e in edges if e.get("fromQuotes")),
        outlets=outlets,
        overview=plan is not None,
        left_out_nodes=shown.graph.get("left_out_nodes", 0),
        left_out_edges=shown.graph.get("left_out_edges", 0),
        # The date filter's bounds: the first day of the earliest and the last of the latest article date.
        date_min=_day(dates[0], first=True) if dates else "",
        date_max=_day(dates[-1], first=False) if dates else "",
    )


def _day(date: str, *, first: bool) -> str:
    """A full day for an ISO date of any precision (an <input type=date> takes days only)."""
    if len(date) >= 10:
        return date[:10]
    if len(date) == 7:
        return date + ("-01" if first else "-28")
    return date + ("-01-01" if first else "-12-31")


def write_html(graph: nx.MultiDiGraph, path: Path, **options) -> None:
    """Write :func:`render_html` of ``graph`` to ``path`` atomically (same options)."""
    html = render_html(graph, **options)
    atomic_write(Path(path), lambda tmp: tmp.write_text(html, encoding="utf-8"))


# --- graph.html of a build, streamed from the merged statements -------------------------------


def _skeleton(ntriples: Path, index: EntityIndex, relations: Iterable[str]) -> nx.MultiDiGraph:
    """Every node the full page would have (entities, plus articles that are fact ends) and
    one edge per distinct fact, and nothing else: small, yet the node budget chosen on it
    is exactly the one chosen on the whole graph."""
    predicates = {str(KG[r]): r for r in relations}
    skeleton = nx.MultiDiGraph()
    for ref in index.refs():
        skeleton.add_node(str(entity_iri(ref)), mentions=index.mentions[ref])
    for triple in triples(ntriples):
        relation = predicates.get(triple.predicate.value)
        if relation is not None:
            subject, obj = triple.subject.value, triple.object.value
            for end in (subject, obj):
                if end not in skeleton:
                    skeleton.add_node(end, mentions=1)
            skeleton.add_edge(subject, obj, key=relation)
    return skeleton


def _subgraph(ntriples: Path, kept: set[str]) -> list[ox.Triple]:
    """Statements about kept entities and the assertions (with their articles) linking them, and
    the quotes a kept entity said or a kept article holds (with their articles and speakers' names).

    The file is sorted, so each subject's statements are one run.
    """
    speaker, part_of = str(KG.speaker), str(SDO.isPartOf)
    ends = {str(RDF.subject), str(RDF.object), str(PROV.wasDerivedFrom), speaker, part_of}
    found: list[ox.Triple] = []
    articles: set[str] = set()
    speakers: set[str] = set()
    for subject, group in groupby(triples(ntriples), key=lambda t: t.subject.value):
        group = list(group)
        if subject in kept:
            found += group
            continue
        links = {t.predicate.value: t.object.value for t in group if t.predicate.value in ends}
        if links.get(str(RDF.subject)) in kept and links.get(str(RDF.object)) in kept:
            found += group
            articles.add(links.get(str(PROV.wasDerivedFrom)))
        elif links.get(speaker) in kept or (links.get(part_of) in kept and speaker in links):
            found += group
            articles.add(links.get(part_of))
            speakers.add(links.get(speaker))
    # Articles and speakers sort before assertions and quotes, so their titles and names need a second look.
    sentence, label = str(KG.sentence), str(RDFS.label)
    for subject, group in groupby(triples(ntriples), key=lambda t: t.subject.value):
        if subject in articles and subject not in kept:
            found += [t for t in group if t.predicate.value != sentence]
        elif subject in speakers and subject not in kept:
            found += [t for t in group if t.predicate.value == label]
    return found


def write_graph_html(
    ntriples: Path, index: EntityIndex, relations: Iterable[str], path: Path, max_nodes: int
) -> None:
    """graph.html of a build's merged statements (sorted N-Triples): the page ``kg viz`` draws of the build.

    A graph of more than :data:`~kg.output.OVERVIEW_MIN_NODES` nodes opens on its overview,
    which carries every entity and fact: the statements are then read whole into an
    embedded pyoxigraph store, as ``kg viz`` reads an output directory. A smaller graph gets
    the ``max_nodes`` best connected entities (:func:`kg.output.views.keep_top_nodes`,
    chosen on a skeleton of the facts), and only the drawn part is parsed; the entities and
    facts left out are counted on the skeleton and handed to the page in the graph's
    ``left_out_nodes``/``left_out_edges`` attributes, as the in-memory cut does.
    """
    skeleton = _skeleton(ntriples, index, relations)
    if skeleton.number_of_nodes() > OVERVIEW_MIN_NODES:
        del skeleton
        store = ox.Store()
        store.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES)
        write_html(oxigraph_to_networkx(store), path, max_nodes=max_nodes)
        return
    cut = keep_top_nodes(skeleton, max_nodes)
    kept, left_out_nodes, left_out_edges = set(cut.nodes), cut.graph.get("left_out_nodes", 0), cut.graph.get("left_out_edges", 0)
    graph = Graph()
    graph.parse(data="".join(f"{t} .\n" for t in _subgraph(ntriples, kept)), format="nt")
    drawn: nx.MultiDiGraph = to_networkx(graph)
    for node in sorted(kept - set(drawn.nodes)):  # an article whose facts all lead to entities left out
        title = graph.value(URIRef(node), SDO.headline) or graph.value(URIRef(node), DCTERMS.identifier)
        drawn.add_node(node, label=str(title or local_name(URIRef(node))), cls=Cls.NewsArticle, aliases=[], mentions=1)
    drawn.graph["left_out_nodes"], drawn.graph["left_out_edges"] = left_out_nodes, left_out_edges
    write_html(drawn, path, max_nodes=max_nodes)
