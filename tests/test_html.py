"""Tests for the HTML explorer and the pictures: `kg viz` on real output, views, offline and safe pages.

What the page does in a browser is tested in tests/browser/; here the files themselves.
"""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import networkx as nx
import pytest
from rdflib import OWL, RDF, RDFS, Graph

from conftest import run_kg
from kg.output.entitygraph import load_graph, local_name, to_networkx
from kg.output.layout import QUICK_SPRING_NODES, layout
from kg.output.style import CLASS_COLOURS, CLASS_FAMILY, class_colour, class_shape, relation_colour
from kg.vocab import RELATIONS
from kg.output.views import SelectionError, filter_graph, find_entity, keep_top_nodes, select_view
from kg.output.html import VIS_DIR, page_data as unpack_page, render_html
from kg.graph.namespace import KG
from kg.output.store import load_dataset

PUTIN = "https://w3id.org/kg-news/resource/person/Vladimir_Putin"


class PageParser(HTMLParser):
    """Every start tag with its attributes, and the text of each <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.styles: list[str] = []
        self._open: tuple[str, dict] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag in ("script", "style"):
            self._open = (tag, attrs)
            (self.scripts if tag == "script" else self.styles).append((attrs, "") if tag == "script" else "")

    def handle_data(self, data):
        if self._open is None:
            return
        if self._open[0] == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        else:
            self.styles[-1] += data

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._open = None


def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_data(path: Path) -> dict:
    """The graph data a page carries (its <script type="application/json"> blocks, unpacked)."""
    return unpack_page(path.read_text(encoding="utf-8"))


def seed_graph(seed_build: Path) -> nx.MultiDiGraph:
    return to_networkx(load_dataset(seed_build))


# --- the page is one offline file -------------------------------------------------------

# http(s) addresses that occur as plain strings inside vis-network's minified code (a
# licence string, an error message, the SVG namespace); none is ever fetched.
VIS_STRINGS_WITH_URLS = {
    "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE",
    "https://github.com/zloirock/core-js",
    "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
    "http://www.w3.org/2000/svg",
}
URL = re.compile(r"""https?://[^\s"'`)<>\\]+""")


def test_build_writes_an_offline_page(seed_build):
    page = seed_build / "graph.html"
    parsed = parse_page(page)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"link", "img", "iframe", "object", "embed", "base", "video", "audio", "source", "frame"}
    for tag, attrs in parsed.tags:
        for name in ("src", "href", "action", "srcset", "poster", "data", "formaction"):
            assert name not in attrs, f"<{tag} {name}=...> in {page}"
    csp = [a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0] and "'unsafe-inline'" not in csp[0].split("script-src")[1].split(";")[0]
    for css in parsed.styles:
        assert "@import" not in css
        assert all(u.startswith("data:") for u in re.findall(r"url\(\s*[\"']?([^\"')]*)", css))
    vis, app = (text for attrs, text in parsed.scripts if attrs.get("type") != "application/json")
    pinned = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    assert vis.rstrip() == pinned[: pinned.index("//# sourceMappingURL")].rstrip()  # the pinned copy, less its map comment
    assert "sourceMappingURL" not in vis
    licence, code = vis.split("*/", 1)
    assert "@license" in licence and "Apache" in licence and "MIT" in licence
    assert set(URL.findall(code)) <= VIS_STRINGS_WITH_URLS
    assert not re.search(r"\b(fetch|XMLHttpRequest|WebSocket|EventSource|importScripts|sendBeacon)\b", app)
    assert not URL.findall(app)
    assert "innerHTML" not in app and "insertAdjacentHTML" not in app and "document.write" not in app


def test_page_holds_the_whole_seed_graph(seed_build):
    graph = seed_graph(seed_build)
    data = page_data(seed_build / "graph.html")
    assert {n["id"] for n in data["nodes"]} == set(graph.nodes)
    assert len(data["edges"]) == graph.number_of_edges()
    assert {(e["from"], e["to"], e["relation"]) for e in data["edges"]} == set(graph.edges(keys=True))
    putin = next(n for n in data["nodes"] if n["id"] == PUTIN)
    assert putin["name"] == "Vladimir Putin" and putin["aliases"] == ["Putin"] and putin["cls"] == "Person"
    assert putin["mentions"] == graph.nodes[PUTIN]["mentions"] and data["styles"]["classes"]["Person"]["shape"] == "dot"
    leader = next(e for e in data["edges"] if e["from"] == PUTIN and e["relation"] == "leader_of")
    assert data["styles"]["relations"]["leader_of"] == "#1f3a93"
    assert leader["evidence"][0]["sentence"].startswith("After the start of the Kursk operation")
    assert 0 < leader["confidence"] <= 1
    evidence = {(u, v, k): d["evidence"] for u, v, k, d in graph.edges(keys=True, data=True)}
    assert {(e["from"], e["to"], e["relation"]): e["evidence"] for e in data["edges"]} == evidence  # packed, read back whole
    quotes = [{k: v for k, v in q.items() if k != "id"} for q in graph.graph["quotes"] if q["speaker"] is not None]
    assert quotes and data["quotes"] == quotes
    html = (seed_build / "graph.html").read_text(encoding="utf-8")
    assert f'id="counts">{graph.number_of_nodes()} entities, {graph.number_of_edges()} facts</span>' in html
    assert "left out" not in html


def test_same_graph_gives_the_same_page(seed_build, tmp_path):
    run_kg("viz", str(seed_build), "-o", str(tmp_path / "a.html"))
    run_kg("viz", str(seed_build), "-o", str(tmp_path / "b.html"))
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_output_directory_and_rdf_file_give_the_same_view(seed_build, tmp_path, monkeypatch):
    """An output directory is read from graph.nq with pyoxigraph, an RDF file with rdflib: same graph, same page."""
    from_trig = to_networkx(load_dataset(seed_build / "graph.trig"))
    from kg.output import entitygraph

    with monkeypatch.context() as patched:
        patched.setattr(entitygraph, "load_dataset", lambda path: pytest.fail(f"rdflib parsed {path}"))
        from_nquads = load_graph(seed_build)
    assert list(from_nquads.nodes(data=True)) == list(from_trig.nodes(data=True))
    assert list(from_nquads.edges(keys=True, data=True)) == list(from_trig.edges(keys=True, data=True))
    assert from_nquads.number_of_nodes() > 20 and from_nquads.number_of_edges() > 10  # not two empty graphs
    run_kg("viz", str(seed_build), "-o", str(tmp_path / "directory.html"))
    run_kg("viz", str(seed_build / "graph.trig"), "-o", str(tmp_path / "trig.html"))
    assert (tmp_path / "directory.html").read_bytes() == (tmp_path / "trig.html").read_bytes()


# --- classes, legend and colours --------------------------------------------------------


def test_class_families_follow_the_ontology():
    onto = Graph().parse(data=resources.files("kg.ontology").joinpath("kg.ttl").read_text(encoding="utf-8"), format="turtle")
    kg_classes = {c for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(str(KG._NS))}
    for cls in kg_classes - {KG.Assertion, KG.Extractor, KG.Fact, KG.Interval, KG.Quote}:  # not entity classes
        top = cls
        while parents := [p for p in onto.objects(top, RDFS.subClassOf) if str(p).startswith(str(KG._NS))]:
            top = parents[0]
        assert CLASS_FAMILY[local_name(cls)] == local_name(top)
        assert local_name(cls) in CLASS_COLOURS
        # The colour key is the ontology's: the class's own kg:displayColour, else its nearest superclass's.
        own = onto.value(cls, KG.displayColour) or onto.value(onto.value(cls, RDFS.subClassOf), KG.displayColour)
        assert class_colour(local_name(cls)) == str(own)
        assert class_shape(local_name(cls)) == str(onto.value(top, KG.displayShape))


def test_every_relation_has_its_colour_from_the_ontology():
    onto = Graph().parse(data=resources.files("kg.ontology").joinpath("kg.ttl").read_text(encoding="utf-8"), format="turtle")
    for name in RELATIONS:
        colour = onto.value(KG[name], KG.displayColour)
        assert colour is not None, f"kg:{name} has no kg:displayColour"
        assert relation_colour(name) == str(colour)


def test_legend_lists_each_class_and_relation(seed_build):
    html = (seed_build / "graph.html").read_text(encoding="utf-8")
    graph = seed_graph(seed_build)
    for cls in {d["cls"] for _, d in graph.nodes(data=True)}:
        assert f'name="class" value="{cls}" checked>' in html
    for relation in {k for *_, k in graph.edges(keys=True)}:
        assert f'name="relation" value="{relation}" checked>' in html


# --- views: filters, ego graph, node budget ---------------------------------------------


def star_graph() -> nx.MultiDiGraph:
    """A hub with four spokes, a separate pair, and two entities without facts."""
    g = nx.MultiDiGraph()
    for name, mentions in [("hub", 1), ("a", 1), ("b", 1), ("c", 1), ("d", 1), ("p", 5), ("q", 5), ("lone", 50), ("x", 1)]:
        g.add_node(name, label=name.title(), cls="Person", aliases=[f"{name} alias"], mentions=mentions)
    ev = [{"sentence": "s", "article": "t", "url": None, "confidence": 0.5}]
    for spoke in "abcd":
        g.add_edge("hub", spoke, key="knows", relation="knows", evidence=ev)
    g.add_edge("p", "q", key="works_for", relation="works_for", evidence=[{**ev[0], "confidence": 0.9}])
    return g


def test_node_budget_keeps_the_facts_between_kept_entities():
    kept = keep_top_nodes(star_graph(), 5)
    assert "hub" in kept and all(kept.degree(n) > 0 for n in kept)  # names without facts go first
    assert kept.graph == {"left_out_nodes": 4, "left_out_edges": 5 - kept.number_of_edges()}
    assert kept.number_of_edges() >= 3
    assert keep_top_nodes(kept, 4).graph["left_out_nodes"] == 5  # cuts add up
    assert keep_top_nodes(star_graph(), 3, pinned=["lone"]).has_node("lone")
    assert keep_top_nodes(star_graph(), 100).graph == {}


def test_layout_places_a_part_of_500_or_more_entities():
    """networkx lays out 500+ connected nodes with scipy: the BBC page at --max-nodes 1000 has such a part."""
    graph = nx.relabel_nodes(nx.MultiDiGraph(nx.path_graph(520)), lambda i: f"n{i:03d}")
    positions = layout(graph)
    assert sorted(positions) == sorted(graph) and len(set(positions.values())) == 520


def test_quick_layout_sets_the_trees_of_a_large_part_around_the_nodes_they_hang_from():
    """The overview's layout of a big cluster: entities linked among themselves, each cited by articles only it has."""
    graph = nx.MultiDiGraph()
    hubs = [f"hub{i:02d}" for i in range(40)]
    for a, b in zip(hubs, hubs[1:] + hubs[:1]):  # a ring of entities, so the core keeps a cycle
        graph.add_edge(a, b)
    for i, hub in enumerate(hubs):
        for j in range(i % 9 + 1):
            graph.add_edge(hub, f"article{i:02d}-{j}")  # a leaf hanging from its hub
            if j == 0:
                graph.add_edge(f"article{i:02d}-{j}", f"quoted{i:02d}")  # a tree two deep
    assert graph.number_of_nodes() > QUICK_SPRING_NODES
    positions = layout(graph, quick=True)
    assert sorted(positions) == sorted(graph) and len(set(positions.values())) == graph.number_of_nodes()
    assert positions == layout(graph, quick=True)  # seeded: the same graph, the same picture
    for i, hub in enumerate(hubs):  # articles citing only the hub on a small disc around it; article 0 cites two
        leaves = i % 9
        assert all(0 < math.dist(positions[f"article{i:02d}-{j}"], positions[hub]) <= 0.75 * math.sqrt(leaves) + 1e-9
                   for j in range(1, leaves + 1))
        assert 0 < math.dist(positions[f"quoted{i:02d}"], positions[f"article{i:02d}-0"]) <= 0.75 + 1e-9


def test_filter_graph_by_relation_class_and_confidence():
    g = star_graph()
    assert set(filter_graph(g, relations=["works_for"])) == {"p", "q"}
    assert set(filter_graph(g, min_confidence=0.8)) == {"p", "q"}
    assert filter_graph(g, classes=["Person"]).number_of_nodes() == g.number_of_nodes()
    with pytest.raises(SelectionError, match="no relation leads in the graph; it has: knows, works_for"):
        filter_graph(g, relations=["leads"])


def test_find_entity_by_label_or_alias():
    g = star_graph()
    assert find_entity(g, "HUB") == "hub"
    assert find_entity(g, "  p   alias ") == "p"
    with pytest.raises(SelectionError, match="did you mean 'Hub'"):
        find_entity(g, "Hubb")


def test_focus_keeps_the_ego_graph_and_the_focus_under_a_budget():
    view = select_view(star_graph(), focus="a alias", depth=2, max_nodes=3)
    assert view.graph["focus"] == "a" and "a" in view and "hub" in view and len(view) == 3
    assert set(select_view(star_graph(), focus="Hub", depth=1)) == {"hub", "a", "b", "c", "d"}


def test_viz_focus_writes_the_ego_graph(seed_build, tmp_path):
    out = tmp_path / "putin.html"
    proc = run_kg("viz", str(seed_build), "--focus", "Vladimir Putin", "--depth", "2", "-o", str(out))
    graph = seed_graph(seed_build)
    expected = set(nx.ego_graph(graph, PUTIN, radius=2, undirected=True))
    data = page_data(out)
    assert {n["id"] for n in data["nodes"]} == expected and data["focus"] == PUTIN
    assert "<title>Vladimir Putin and its connections</title>" in out.read_text(encoding="utf-8")
    assert b"wrote" in proc.stderr
    by_alias = tmp_path / "alias.html"
    run_kg("viz", str(seed_build), "--focus", "putin", "-o", str(by_alias))
    assert page_data(by_alias)["focus"] == PUTIN


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--focus", "Vladimir Putinn"], "error: no entity named 'Vladimir Putinn' in the graph; did you mean 'Vladimir Putin'?"),
        (["--focus", "Nobody Atall"], "error: no entity named 'Nobody Atall' in the graph"),
        (["--relation", "leads"], "error: no relation leads in the graph; it has: author_of, based_in, cited_by,"),
        (["--class", "Planet"], "error: no class Planet in the graph; it has: City, Company, Country,"),
        (["--png", "picture.jpg"], "error: picture.jpg: a picture must end in .png or .svg"),
    ],
)
def test_viz_bad_selection_is_one_clear_line(seed_build, tmp_path, args, message):
    proc = run_kg("viz", str(seed_build), "-o", str(tmp_path / "x.html"), *args, check=False)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.startswith(message) and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "x.html").exists()


def test_viz_missing_graph_is_one_clear_line(tmp_path):
    proc = run_kg("viz", str(tmp_path / "nothing"), check=False)
    assert proc.returncode == 1 and proc.stderr.decode() == f"error: {tmp_path / 'nothing'}: no such file or directory\n"


def test_viz_broken_nquads_is_one_clear_line(tmp_path):
    (tmp_path / "graph.nq").write_text('<https://example.org/a> <https://example.org/b> "open .\n', encoding="utf-8")
    proc = run_kg("viz", str(tmp_path), "-o", str(tmp_path / "x.html"), check=False)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.startswith(f"error: {tmp_path / 'graph.nq'}: not valid nquads: ")
    assert err.count("\n") == 1 and not (tmp_path / "x.html").exists()


def test_viz_max_nodes_says_how_many_were_left_out(seed_build, tmp_path):
    out = tmp_path / "small.html"
    run_kg("viz", str(seed_build), "--max-nodes", "5", "-o", str(out))
    data = page_data(out)
    assert len(data["nodes"]) == 5 and len(data["edges"]) >= 3  # the budget keeps facts, not lone names
    html = out.read_text(encoding="utf-8")
    graph = seed_graph(seed_build)
    left_edges = graph.number_of_edges() - len(data["edges"])
    assert f"{graph.number_of_nodes() - 5} less connected entities and {left_edges} facts left out" in html


def test_viz_relation_filter(seed_build, tmp_path):
    out = tmp_path / "leaders.html"
    run_kg("viz", str(seed_build), "--relation", "leader_of", "--relation", "works_for", "-o", str(out))
    data = page_data(out)
    assert {e["relation"] for e in data["edges"]} == {"leader_of", "works_for"}
    assert {n["id"] for n in data["nodes"]} == {e[k] for e in data["edges"] for k in ("from", "to")}


# --- pictures ----------------------------------------------------------------------------


def test_viz_writes_png_and_svg_of_the_same_view(seed_build, tmp_path):
    png, svg = tmp_path / "putin.png", tmp_path / "putin.svg"
    run_kg("viz", str(seed_build), "--focus", "Vladimir Putin", "--png", str(png), "--svg", str(svg))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    texts = {t.text for t in ET.parse(svg).iter() if t.tag.endswith("text") and t.text}
    assert {"Vladimir Putin", "Russia", "leader_of"} <= texts
    assert not any(t in texts for t in ("Ukraine", "Donald Trump"))  # only the ego graph
    again = tmp_path / "again.svg"
    run_kg("viz", str(seed_build), "--focus", "Vladimir Putin", "--svg", str(again))
    assert again.read_bytes() == svg.read_bytes()


def test_picture_alone_writes_no_page(seed_build, tmp_path):
    import os
    import subprocess
    import sys

    script = Path(sys.executable).parent / "kg"
    proc = subprocess.run([str(script), "viz", str(seed_build), "--png", "seed.png"], cwd=tmp_path,
                          capture_output=True, env={**os.environ, "CI": "1"}, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seed.png"]


# --- hostile strings ---------------------------------------------------------------------

HOSTILE = {
    "label": "<script>window.__pwned='label'</script>",
    "alias": "</script><img src=x onerror=\"window.__pwned='alias'\">",
    "cls": "Person\"><img src=x onerror=alert(1)>",
    "sentence": "Said <img src=x onerror=\"window.__pwned='sentence';alert(1)\"> and </script><script>alert(2)</script>",
    "article": "<b onmouseover=\"window.__pwned='title'\">Title</b><!--",
    "url": "javascript:window.__pwned='url'",
    "relation": "<svg onload=alert(3)>",
}


def hostile_graph() -> nx.MultiDiGraph:
    """Every string the page shows carries markup; one fact has a javascript: URL, one a real one."""
    g = nx.MultiDiGraph()
    g.add_node("https://example.org/evil", label=HOSTILE["label"], cls=HOSTILE["cls"], aliases=[HOSTILE["alias"]], mentions=3)
    g.add_node("https://example.org/other", label="Plain Name", cls="Person", aliases=[], mentions=1)
    evidence = [
        {"sentence": HOSTILE["sentence"], "article": HOSTILE["article"], "url": HOSTILE["url"], "confidence": 0.9},
        {"sentence": "A calm sentence.", "article": "A real article", "url": "https://example.org/a?x=<b>&y=\"", "confidence": 0.5},
    ]
    g.add_edge("https://example.org/evil", "https://example.org/other", key=HOSTILE["relation"], relation=HOSTILE["relation"], evidence=evidence)
    return g


def test_hostile_strings_in_pictures_are_text(tmp_path):
    from kg.output.image import write_image

    graph = hostile_graph()
    graph.nodes["https://example.org/other"]["label"] = r"Costs $5bn, not $\frac{1}{0}"  # no mathtext
    write_image(graph, tmp_path / "h.svg", title="<script>alert(1)</script> $x")
    write_image(graph, tmp_path / "h.png")
    svg = ET.parse(tmp_path / "h.svg")  # well-formed: every string was XML-escaped
    assert not [e for e in svg.iter() if e.tag.rsplit("}", 1)[-1] in ("script", "foreignObject", "a")]
    texts = {t.text for t in svg.iter() if t.tag.endswith("text") and t.text}
    assert HOSTILE["label"][:27] + "…" in texts and r"Costs $5bn, not $\frac{1}{0}" in texts


def test_hostile_strings_stay_data(tmp_path):
    html = render_html(hostile_graph(), title="<script>alert('title')</script>")
    path = tmp_path / "hostile.html"
    path.write_text(html, encoding="utf-8")
    parsed = parse_page(path)
    # Data blocks (the first view's, the sentences of each chunk of facts, their articles, the quotes), then the two scripts.
    assert [attrs for attrs, _ in parsed.scripts] == [{"type": "application/json", "id": name} for name in (
        "kg-data", "kg-evidence-0", "kg-sources", "kg-quotes")] + [{}, {}]
    assert not {tag for tag, _ in parsed.tags} & {"img", "b", "a", "iframe"}
    assert sum(tag == "svg" for tag, _ in parsed.tags) == 3  # legend swatches: two classes, one relation
    assert all(not any(k.startswith("on") for k in attrs) for _, attrs in parsed.tags)
    assert "<title>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</title>" in html
    data = page_data(path)  # the strings survive, as data
    assert data["nodes"][0]["name"] == HOSTILE["label"] and data["edges"][0]["evidence"][0]["url"] == HOSTILE["url"]
