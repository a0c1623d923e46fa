"""The HTML explorer in a real, headless Chromium driven by Playwright.

Debian's ``chromium`` is launched through Playwright's bundled driver with
``executable_path`` (no ``playwright install``, nothing downloaded). Without Chromium the
tests skip with the reason, unless ``KG_REQUIRE_BROWSER=1`` (set in .ci/run): then they fail.
Every page records its requests, console messages, page errors and dialogs; any request
that is not the page's own ``file://`` or a ``data:`` URL is recorded and aborted.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT, run_kg
from kg.output.entitygraph import to_networkx
from kg.output.html import write_html
from kg.output.store import load_dataset
from test_html import HOSTILE, PUTIN, hostile_graph

pytestmark = pytest.mark.browser


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    """One Chromium with a fresh user-data-dir for the session."""
    executable = chromium_path()
    if executable is None:
        reason = "Chromium is not installed (apt-get install chromium); browser tests need it"
        if os.environ.get("KG_REQUIRE_BROWSER") == "1":
            pytest.fail(f"KG_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 800},
            service_workers="block",
        )
        try:
            yield context
        finally:
            context.close()


@dataclass
class PageLog:
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def console_errors(self) -> list[str]:
        return [text for kind, text in self.console if kind == "error"] + self.errors


@pytest.fixture
def open_page(browser_context):
    """``open_page(path, fragment="")`` -> (page, log): the page (at that URL fragment) loaded and laid out."""
    pages = []

    def open_(path: Path, fragment: str = ""):
        page = browser_context.new_page()
        pages.append(page)
        log = PageLog()
        page.on("request", lambda request: log.requests.append(request.url))
        page.on("console", lambda message: log.console.append((message.type, message.text)))
        page.on("pageerror", lambda error: log.errors.append(str(error)))

        def on_dialog(dialog):
            log.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)

        def route(route):
            url = route.request.url
            if url.startswith(("file://", "data:")):
                route.continue_()
            else:
                log.blocked.append(url)
                route.abort()

        page.route("**/*", route)
        page.goto(Path(path).resolve().as_uri() + fragment)
        page.wait_for_selector("html[data-kg-ready]", timeout=60_000)
        return page, log

    yield open_
    for page in pages:
        page.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# --- helpers -------------------------------------------------------------------------------


def node_point(page, node_id: str, centre: bool = True) -> dict:
    """Where a node is drawn, in page coordinates, after centring it (without animation)."""
    return page.evaluate(
        """([id, centre]) => {
            if (centre) kg.network.focus(id, {scale: 1.4, animation: false});
            const p = kg.network.canvasToDOM(kg.network.getPosition(id));
            const box = document.getElementById("graph").getBoundingClientRect();
            return {x: box.left + p.x, y: box.top + p.y};
        }""",
        [node_id, centre],
    )


def panel_text(page) -> str:
    return page.inner_text("#panel")


def shown_counts(page) -> tuple[int, int]:
    return tuple(page.evaluate("[kg.nodeView.length, kg.edgeView.length]"))


def assert_quiet(log) -> None:
    """Nothing left the page, nothing failed, nothing popped up."""
    assert log.blocked == []
    assert all(url.startswith(("file://", "data:")) for url in log.requests), log.requests
    assert log.console_errors() == []
    assert log.dialogs == []


# --- the seed graph ----------------------------------------------------------------------------


def test_seed_page_opens_offline_and_shows_the_whole_graph(seed_build, open_page, artifacts):
    graph = to_networkx(load_dataset(seed_build))
    page, log = open_page(seed_build / "graph.html")
    assert shown_counts(page) == (graph.number_of_nodes(), graph.number_of_edges())
    assert page.evaluate("kg.network.body.data.nodes.length") == graph.number_of_nodes()
    assert page.evaluate("kg.network.body.data.edges.length") == graph.number_of_edges()
    assert page.inner_text("#counts") == f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} facts"
    # Laid out once, then still: physics is off and nothing moves.
    before = page.evaluate("kg.network.getPositions()")
    page.wait_for_timeout(300)
    assert page.evaluate("kg.network.getPositions()") == before
    assert page.evaluate("kg.network.physics.physicsEnabled") is False
    point = node_point(page, PUTIN, centre=False)  # as a user would: click an entity, read its evidence
    page.mouse.click(point["x"], point["y"])
    assert page.inner_text("#panel h2") == "Vladimir Putin"
    page.screenshot(path=str(artifacts / "seed-graph.png"))
    if os.environ.get("KG_UPDATE_SCREENSHOT") == "1":  # refresh the README picture: KG_UPDATE_SCREENSHOT=1 pytest
        page.screenshot(path=str(ROOT / "docs" / "seed-graph.png"))
    assert_quiet(log)


def test_search_finds_an_entity_by_any_name(seed_build, open_page):
    page, log = open_page(seed_build / "graph.html")
    page.fill("#search", "putin")  # an alias, any case: picked at once
    assert page.evaluate("kg.network.getSelectedNodes()") == [PUTIN]
    assert page.inner_text("#panel h2") == "Vladimir Putin"
    page.fill("#search", "chatham")  # part of a name: on Enter
    page.press("#search", "Enter")
    assert page.evaluate("kg.network.getSelectedNodes()") == ["https://w3id.org/kg-news/resource/organization/Chatham_House"]
    assert page.inner_text("#panel h2") == "Chatham House"
    page.fill("#search", "Nobody Atall")
    page.press("#search", "Enter")
    assert page.inner_text("#status") == "No entity is called “Nobody Atall”."
    assert_quiet(log)


def test_hover_shows_class_and_aliases(seed_build, open_page):
    page, log = open_page(seed_build / "graph.html")
    point = node_point(page, PUTIN)
    page.mouse.move(point["x"] + 3, point["y"] + 3)
    page.mouse.move(point["x"], point["y"])
    tip = page.wait_for_selector("div.vis-tooltip", state="visible")
    assert tip.inner_text().splitlines() == ["Vladimir Putin", "Person · 5 mentions", "Also called: Putin"]
    assert_quiet(log)


def test_clicking_a_node_shows_its_facts_with_evidence(seed_build, open_page):
    page, log = open_page(seed_build / "graph.html")
    point = node_point(page, PUTIN)
    page.mouse.click(point["x"], point["y"])
    text = panel_text(page)
    assert text.startswith("Vladimir Putin\nPerson · 5 mentions\nAlso called: Putin\n" + PUTIN + "\nFacts (1)\n")
    assert "Vladimir Putin leader_of Russia" in text
    assert "dictator Vladimir Putin declared that the main task of the country's defense department" in text
    assert "Source: Bloomberg named what brings Russia closer to peace talks · confidence 0.60" in text
    page.click("#panel button.entity >> text=Russia")  # follow the fact to the other entity
    assert page.evaluate("kg.network.getSelectedNodes()") == ["https://w3id.org/kg-news/resource/place/Russia"]
    assert_quiet(log)


def test_clicking_an_edge_shows_the_fact(seed_build, open_page):
    page, log = open_page(seed_build / "graph.html")
    prisma, london = (f"https://w3id.org/kg-news/resource/{p}" for p in ("organization/Prisma", "place/London"))
    page.evaluate("id => kg.network.focus(id, {scale: 1.2, animation: false})", prisma)
    a, b = (page.evaluate(
        """id => { const p = kg.network.canvasToDOM(kg.network.getPosition(id));
                   const box = document.getElementById("graph").getBoundingClientRect();
                   return [box.left + p.x, box.top + p.y]; }""", n) for n in (prisma, london))
    page.mouse.click(a[0] + 0.4 * (b[0] - a[0]), a[1] + 0.4 * (b[1] - a[1]))
    text = panel_text(page)
    assert text.startswith("Fact\nPrisma based_in London\n")
    assert "a senior analyst at the London-based strategic intelligence company Prisma." in text
    assert_quiet(log)


def test_filters_by_relation_class_and_confidence(seed_build, open_page):
    graph = to_networkx(load_dataset(seed_build))
    page, log = open_page(seed_build / "graph.html")
    total = (graph.number_of_nodes(), graph.number_of_edges())
    page.uncheck('input[name="relation"][value="cited_by"]')
    rest = [(u, v) for u, v, k in graph.edges(keys=True) if k != "cited_by"]
    assert shown_counts(page) == (len({n for e in rest for n in e}), len(rest))
    assert page.inner_text("#counts") == f"Showing {len({n for e in rest for n in e})} of {total[0]} entities, {len(rest)} of {total[1]} facts"
    page.click("#reset-filters")
    assert shown_counts(page) == total
    page.uncheck('input[name="class"][value="Person"]')
    people = {n for n, d in graph.nodes(data=True) if d["cls"] == "Person"}
    assert shown_counts(page) == (
        total[0] - len(people),
        sum(1 for u, v in graph.edges() if u not in people and v not in people),
    )
    page.click("#reset-filters")
    page.evaluate("""() => { const s = document.getElementById("min-confidence");
                             s.value = "0.9"; s.dispatchEvent(new Event("input")); }""")
    sure = [(u, v) for u, v, d in graph.edges(data=True) if max(e["confidence"] for e in d["evidence"]) >= 0.9]
    assert shown_counts(page) == (len({n for e in sure for n in e}), len(sure))
    assert page.inner_text("#min-confidence-value") == "0.90"
    page.fill("#search", "Vladimir Putin")  # hidden by the filter: search shows everything again
    assert shown_counts(page) == total and page.evaluate("kg.network.getSelectedNodes()") == [PUTIN]
    assert_quiet(log)


def test_focus_page_opens_on_the_focus(seed_build, open_page, tmp_path):
    out = tmp_path / "putin.html"
    run_kg("viz", str(seed_build), "--focus", "Vladimir Putin", "--depth", "2", "-o", str(out))
    page, log = open_page(out)
    page.wait_for_function("kg.network.getSelectedNodes().length === 1")
    assert page.evaluate("kg.network.getSelectedNodes()") == [PUTIN]
    assert page.inner_text("#panel h2") == "Vladimir Putin"
    assert_quiet(log)


# --- hostile input ---------------------------------------------------------------------------


def exercise_everything(page) -> None:
    """Hover and click every node, click every edge, open every panel, follow every link button."""
    for node_id in page.evaluate("kg.nodes.getIds()"):
        point = node_point(page, node_id)
        page.mouse.move(point["x"] + 2, point["y"] + 2)
        page.mouse.move(point["x"], point["y"])
        page.wait_for_timeout(250)  # let the tooltip open
        page.mouse.click(point["x"], point["y"])
        page.evaluate("id => kg.focusNode(id)", node_id)
    for edge_id in page.evaluate("kg.edges.getIds()"):
        page.evaluate("id => kg.network.emit('click', {nodes: [], edges: [id]})", edge_id)
    page.wait_for_timeout(200)


def assert_nothing_ran(page, log) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert log.dialogs == []
    assert log.console_errors() == []  # a payload blocked by the CSP would be reported here
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed, #panel svg, #panel script').length") == 0
    assert page.evaluate("[...document.querySelectorAll('a')].every(a => a.protocol === 'https:' || a.protocol === 'http:')")
    assert log.blocked == []


def test_hostile_articles_execute_nothing(open_page, tmp_path):
    """Articles whose title, author, URL and text carry markup: the page shows it as text."""
    articles = tmp_path / "evil.jsonl"
    articles.write_text(
        json.dumps({
            "id": "evil-1",
            "title": "<script>window.__pwned='title'</script> Putin </script><img src=x onerror=\"window.__pwned='t';alert(1)\">",
            "author": "<img src=x onerror=\"window.__pwned='author'\"> John Smith",
            "url": "javascript:window.__pwned='url'",
            "text": "Russian President Vladimir Putin <img src=x onerror=\"window.__pwned='text'\"> met the press in Moscow. "
                    "\"The talks are over,\" said Dmitry Peskov, a spokesman for the Kremlin <script>window.__pwned='s'</script>. "
                    "According to Reuters </script><script>alert('x')</script>, the German Chancellor Olaf Scholz was not invited.",
        }) + "\n" + json.dumps({
            "id": "evil-2",
            "title": "Second <b onmouseover=alert(1)>report</b>",
            "author": "Jane Doe",
            "url": "https://example.org/news/2?a=<script>&b=\"onerror=",
            "text": "US President Donald Trump <svg onload=\"window.__pwned='svg'\"> spoke to reporters in Washington. "
                    "The BBC reported that Microsoft chief executive Satya Nadella "
                    "<iframe src=\"javascript:window.__pwned='iframe'\"></iframe> was present.",
        }) + "\n",
        encoding="utf-8",
    )
    run_kg("build", str(articles), "-o", str(tmp_path / "out"))
    page, log = open_page(tmp_path / "out" / "graph.html")
    assert page.evaluate("kg.nodes.length") >= 10  # the facts were extracted, markup and all
    exercise_everything(page)
    assert_nothing_ran(page, log)
    sentences = page.evaluate("kg.edges.get().flatMap(e => e.evidence.map(v => v.sentence))")
    assert any("<img src=x onerror=" in s for s in sentences)
    page.evaluate("id => kg.focusNode(id)", PUTIN)
    assert "Vladimir Putin <img src=x onerror=\"window.__pwned='text'\"> met the press in Moscow." in panel_text(page)
    page.evaluate("id => kg.focusNode(id)", "https://w3id.org/kg-news/resource/person/Satya_Nadella")
    link = page.query_selector("#panel a")
    assert link.get_attribute("href").startswith("https://example.org/news/2?a=%3Cscript%3E")
    assert link.get_attribute("target") == "_blank" and link.get_attribute("rel") == "noopener noreferrer"


def test_hostile_strings_everywhere_execute_nothing(open_page, tmp_path):
    """Markup in every field the page shows, and a javascript: URL: shown as text, never linked."""
    path = tmp_path / "hostile.html"
    write_html(hostile_graph(), path, title=HOSTILE["label"])
    page, log = open_page(path)
    exercise_everything(page)
    assert_nothing_ran(page, log)
    page.evaluate("() => kg.focusNode('https://example.org/evil')")
    text = panel_text(page)
    for key in ("label", "alias", "sentence", "article", "relation"):
        assert HOSTILE[key] in text, key
    links = page.evaluate("[...document.querySelectorAll('#panel a')].map(a => [a.textContent, a.href])")
    assert links == [["A real article", "https://example.org/a?x=%3Cb%3E&y=%22"]]  # the javascript: one is plain text
    assert page.title() == HOSTILE["label"]
    page.fill("#search", HOSTILE["alias"])
    assert page.evaluate("kg.network.getSelectedNodes()") == ["https://example.org/evil"]
    assert_nothing_ran(page, log)


# --- time: dates and status in the side panel, the date filter ---------------------------------------

DATED = [
    {"id": "d2013", "date": "2013-05-02", "text": "US President Barack Obama met the press on Thursday."},
    {"id": "d2018", "date": "2018-04-05", "text": "Former US President Barack Obama spoke in Chicago. US President Donald Trump tweeted."},
    {"id": "d2019", "date": "2019-08-02", "text": "US President Donald Trump met reporters."},
]


@pytest.fixture(scope="module")
def dated_build(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("dated")
    corpus = root / "dated.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in DATED), encoding="utf-8")
    run_kg("build", str(corpus), "-o", str(root / "out"))
    return root / "out"


def test_panel_shows_dates_and_status_and_the_date_filter_narrows_facts(dated_build, open_page):
    page, log = open_page(dated_build / "graph.html")
    obama = "https://w3id.org/kg-news/resource/person/Barack_Obama"
    page.evaluate("id => kg.focusNode(id)", obama)
    text = panel_text(page)
    assert "2013-05-02" in text and "2018-04-05 · former" in text
    all_nodes, all_edges = shown_counts(page)
    # Facts observed in 2019 only: Obama's facts (2013, 2018) leave the graph, Trump's stay.
    page.fill("#date-from", "2019-01-01")
    page.fill("#date-to", "2019-12-31")
    assert page.evaluate("kg.edgeView.get().map(e => e.relation + ':' + e.from.split('/').pop()).sort()") == [
        "citizen_of:Donald_Trump", "leader_of:Donald_Trump"]
    assert shown_counts(page) < (all_nodes, all_edges)
    assert page.inner_text("#counts").startswith("Showing ")
    # The panel shows only the evidence of the range.
    page.evaluate("id => kg.focusNode(id)", "https://w3id.org/kg-news/resource/person/Donald_Trump")
    text = panel_text(page)
    assert "2019-08-02" in text and "2018-04-05" not in text
    page.click("#reset-filters")
    assert shown_counts(page) == (all_nodes, all_edges)

# --- labels --------------------------------------------------------------------------------------

LABEL_BOXES = """() => {
    const out = [];
    const scale = kg.network.getScale();
    for (const [kind, set, body] of [["node", kg.nodeView, kg.network.body.nodes], ["edge", kg.edgeView, kg.network.body.edges]]) {
        for (const item of set.get()) {
            if (item.label === undefined || item.label === "") continue;
            const label = body[item.id].labelModule;
            const s = label.size;
            const dy = label.fontOptions.vadjust || 0; // vis draws the text moved by vadjust, its measured box not
            out.push({kind: kind, id: item.id, label: item.label, left: s.left, top: s.top + dy, right: s.left + s.width,
                      bottom: s.top + s.height + dy, px: label.fontOptions.size * scale});
        }
    }
    return out;
}"""


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    """Pairs of drawn labels whose boxes (canvas coordinates, as vis-network measured and drew them) overlap."""
    return [
        (a["label"], b["label"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]
    ]


def test_seed_labels_never_collide(seed_build, open_page):
    page, log = open_page(seed_build / "graph.html")
    boxes = page.evaluate(LABEL_BOXES)
    assert overlapping(boxes) == []
    heads = [b for b in boxes if b["kind"] == "edge" and b["label"] == "heads"]
    assert len(heads) == 1  # drawn, moved clear of "Petersburg Politics Foundation" rather than under it
    assert {b["label"] for b in boxes if b["kind"] == "node"} == {n["label"] for n in page.evaluate("kg.nodeView.get()")}
    assert_quiet(log)


# --- a corpus: the overview ---------------------------------------------------------------------
# The BBC build (2,225 articles) takes minutes; tests/corpus_shape.py makes a graph of its size and
# shape (15,199 nodes, 6,632 facts) in about a second, and the page is written once per session.


@pytest.fixture(scope="session")
def corpus_page(tmp_path_factory) -> Path:
    from corpus_shape import corpus_graph

    path = tmp_path_factory.mktemp("corpus") / "graph.html"
    write_html(corpus_graph(), path, title="A corpus of 2,225 articles")
    return path


def node_box(page, node_id: str) -> dict:
    return page.evaluate(
        """id => { const p = kg.network.canvasToDOM(kg.network.getPosition(id));
                   const box = document.getElementById("graph").getBoundingClientRect();
                   return {x: box.left + p.x, y: box.top + p.y}; }""",
        node_id,
    )


def test_corpus_opens_on_a_readable_overview(corpus_page, open_page, artifacts):
    page, log = open_page(corpus_page)
    assert page.evaluate("kg.state.view") == "overview"
    drawn = page.evaluate("kg.nodeView.get().map(n => [n.id, !!n.isCluster, n.top === undefined ? null : n.top, n.cls || null])")
    clusters = [n for n in drawn if n[1]]
    tops = [n for n in drawn if n[2] is not None]
    assert 10 <= len(clusters) <= 21 and len(tops) == 30 and len(drawn) == len(clusters) + len(tops)
    assert not any(cls == "NewsArticle" for *_, cls in drawn)  # articles hidden by default
    assert page.evaluate("kg.edgeView.get().filter(e => e.relation === 'cited_by').length") == 0
    boxes = page.evaluate(LABEL_BOXES)
    assert overlapping(boxes) == []
    # Every cluster is named, and the most connected entities are labelled at a legible size.
    named = {b["id"]: b for b in boxes}
    assert sum(c[0] in named for c in clusters) >= 0.7 * len(clusters)  # a label that would meet another is left to hover
    legible = [t for t in tops if t[0] in named and named[t[0]]["px"] >= 12]
    # The synthetic names are long (about 22 characters; BBC's top names are country and outlet names): on the BBC
    # build 5 to 6 labels in all are left to hover, here about 15, most of them among the 30.
    assert len(legible) >= 18, f"{30 - len(legible)} of the 30 top entities lost their label"
    assert page.evaluate("kg.edgeView.get().filter(e => e.isBundle).length") >= len(clusters)
    # The page read the sentences of the facts among the top entities only (chunk 0): no cluster's.
    assert page.evaluate("[...kg.loadedChunks]") in ([], [0])
    page.screenshot(path=str(artifacts / "corpus-overview.png"))
    assert_quiet(log)


def test_cluster_expands_and_an_entity_opens_in_place(corpus_page, open_page, artifacts):
    page, log = open_page(corpus_page)
    cluster = page.evaluate("kg.nodeView.get().filter(n => n.isCluster && n.id !== 'cluster:small').sort((a, b) => b.size - a.size)[0]")
    point = node_box(page, cluster["id"])
    page.mouse.click(point["x"], point["y"])
    assert page.evaluate("[...kg.state.expanded]") == [cluster["id"]]
    number = int(cluster["id"].split(":")[1]) if cluster["id"] != "cluster:small" else None
    assert number + 1 in page.evaluate("[...kg.loadedChunks]")  # the cluster's sentences, read as it opened
    members = page.evaluate("id => kg.nodeView.get().filter(n => n.cluster === id && !n.isCluster && n.top === undefined).map(n => n.id)", cluster["id"])
    assert len(members) >= 5
    assert page.inner_text("#breadcrumb").split("\n") == ["Overview", "›", cluster["name"]]
    assert page.inner_text("#panel h2") == cluster["name"]
    # Double-click a member: its neighbourhood, in the same page, with the way back.
    member = page.evaluate("ids => ids.map(id => kg.nodes.get(id)).sort((a, b) => b.mentions - a.mentions)[0]", members)
    page.evaluate("id => kg.network.focus(id, {animation: false})", member["id"])
    point = node_box(page, member["id"])
    page.mouse.dblclick(point["x"], point["y"])
    assert page.evaluate("[kg.state.view, kg.state.focus]") == ["focus", member["id"]]
    assert page.inner_text("#breadcrumb").split("\n") == ["Overview", "›", member["name"]]
    assert page.inner_text("#panel h2") == member["name"]
    assert overlapping(page.evaluate(LABEL_BOXES)) == []
    page.screenshot(path=str(artifacts / "corpus-focus.png"))
    fragment = page.evaluate("location.hash")
    assert "view=focus" in fragment
    page.click("#breadcrumb button >> text=Overview")
    assert page.evaluate("[kg.state.view, [...kg.state.expanded]]") == ["overview", [cluster["id"]]]
    page.click("#breadcrumb button >> text=" + cluster["name"])  # the cluster crumb folds it again
    assert page.evaluate("kg.state.expanded.size") == 0
    # The fragment is the view: opened as a link, the page shows the same neighbourhood.
    again, log2 = open_page(corpus_page, fragment)
    assert again.evaluate("[kg.state.view, kg.state.focus]") == ["focus", member["id"]]
    assert again.inner_text("#panel h2") == member["name"]
    assert_quiet(log)
    assert_quiet(log2)


def test_search_shows_the_choice_when_a_name_is_shared(corpus_page, open_page):
    page, log = open_page(corpus_page)
    page.fill("#search", "Bush")
    page.press("#search", "Enter")
    assert page.inner_text("#panel h2") == "“Bush” names 3 entities: which one?"
    assert page.eval_on_selector_all("#panel .chooser button.entity", "bs => bs.map(b => b.textContent)") == [
        "Bush", "George W Bush", "George Bush"]
    assert page.evaluate("kg.state.view") == "overview"  # nothing picked
    page.click("#panel .chooser button.entity >> text=George W Bush")
    assert page.inner_text("#panel h2") == "George W Bush"
    assert page.evaluate("kg.network.getSelectedNodes()") == ["https://w3id.org/kg-news/resource/person/George_W_Bush"]
    name = page.evaluate("kg.nodes.get().find(n => n.cls === 'Company' && !n.top && !n.aliases.length).name")
    page.fill("#search", name.lower())  # a unique name: straight to its neighbourhood
    assert page.evaluate("kg.state.view") == "focus" and page.inner_text("#panel h2") == name
    assert_quiet(log)


# The facts the overview's bundles between clusters stand for.
BUNDLED_FACTS = "kg.edgeView.get().filter(e => e.isBundle).reduce((s, e) => s + e.value, 0)"


def test_articles_toggle_brings_articles_back(corpus_page, open_page):
    page, log = open_page(corpus_page)
    before = page.evaluate(BUNDLED_FACTS)
    page.check("#show-articles")
    after = page.evaluate(BUNDLED_FACTS)
    assert after > before
    assert "articles=1" in page.evaluate("location.hash")
    cluster = page.evaluate("kg.nodeView.get().filter(n => n.isCluster).sort((a, b) => b.size - a.size)[0].id")
    page.evaluate("id => kg.expand(id)", cluster)
    assert page.evaluate("kg.nodeView.get().filter(n => n.cls === 'NewsArticle').length") > 0
    assert page.evaluate("kg.edgeView.get().filter(e => e.relation === 'cited_by').length") > 0
    assert_quiet(log)


def test_filters_thin_the_overview(corpus_page, open_page):
    page, log = open_page(corpus_page)
    total = page.evaluate(BUNDLED_FACTS)
    page.uncheck('input[name="relation"][value="works_for"]')
    fewer = page.evaluate(BUNDLED_FACTS)
    assert 0 < fewer < total
    assert "hide-relation=works_for" in page.evaluate("location.hash")
    assert overlapping(page.evaluate(LABEL_BOXES)) == []
    assert_quiet(log)


# --- quotes (issue 12) -----------------------------------------------------------------------


def test_side_panel_lists_quotes_and_sources_and_the_quote_filter(open_page, tmp_path):
    """A person's quotes (text, article, date), an article's sources, and the filter of quote-derived facts."""
    corpus = tmp_path / "quotes.jsonl"
    corpus.write_text(json.dumps({
        "id": "mayor-1", "title": "Mayor speaks", "date": "2024-05-01",
        "text": "“We will not back down from this fight,” said Maria Lopez, the mayor of Springfield. "
                "The council meets on Monday in Springfield.",
    }) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run_kg("build", str(corpus), "-o", str(out))
    graph = to_networkx(load_dataset(out))
    from_quotes = [(u, v) for u, v, d in graph.edges(data=True) if all(e["quote"] for e in d["evidence"])]
    assert from_quotes, "the mayor's cited_by fact is read from her quote"
    page, log = open_page(out / "graph.html")
    page.fill("#search", "Maria Lopez")
    text = panel_text(page)
    assert "Quotes (1)\nWe will not back down from this fight,\nMayor speaks · 2024-05-01 · direct, say" in text
    page.evaluate("id => kg.focusNode(id)", "https://w3id.org/kg-news/resource/article/mayor-1")
    assert "Sources quoted (1)\nMaria Lopez 1 quote\nWe will not back down from this fight," in panel_text(page)
    total = shown_counts(page)
    page.uncheck("#quote-facts")
    assert shown_counts(page)[1] == total[1] - len(from_quotes)
    page.check("#quote-facts")
    assert shown_counts(page) == total
    assert_quiet(log)


# --- a built corpus: kg build's own page (the allsides gold build, 234 articles) -------


def test_built_corpus_page_is_the_overview(allsides_build, open_page, tmp_path):
    """Over 400 nodes, `kg build` writes the page `kg viz OUT` draws: the overview, labels clear of each other."""
    page_file = allsides_build / "graph.html"
    run_kg("viz", str(allsides_build), "-o", str(tmp_path / "viz.html"))
    assert page_file.read_bytes() == (tmp_path / "viz.html").read_bytes()
    page, log = open_page(page_file)
    assert page.evaluate("kg.nodes.length") > 400 and page.evaluate("kg.state.view") == "overview"
    drawn = page.evaluate("kg.nodeView.get().map(n => [!!n.isCluster, n.top === undefined ? null : n.top, n.cls || null])")
    assert sum(1 for cluster, *_ in drawn if cluster) >= 3 and sum(1 for _, top, _ in drawn if top is not None) == 30
    assert not any(cls == "NewsArticle" for *_, cls in drawn)  # articles hidden by default
    assert overlapping(page.evaluate(LABEL_BOXES)) == []
    assert_quiet(log)


MOST_SOURCED = """x => {
    const facts = new Map();
    for (const e of kg.edges.get()) for (const id of new Set([e.from, e.to])) facts.set(id, (facts.get(id) || []).concat([e]));
    let best = null;
    for (const [id, list] of facts) {
        if (kg.nodes.get(id).cls === "NewsArticle") continue;
        const mine = list.filter(e => e.evidence.some(ev => ev.outlet === x)).length;
        const other = list.filter(e => e.evidence.some(ev => ev.outlet !== x)).length;
        if (mine && other && (best === null || mine + other > best[1])) best = [id, mine + other];
    }
    return best && best[0];
}"""


def test_outlet_filter_on_a_built_corpus(allsides_build, open_page):
    """Unchecking an outlet hides the evidence it published (facts left without any go), and the link keeps it."""
    page, log = open_page(allsides_build / "graph.html")
    labels = page.eval_on_selector_all('#outlet-filter label', "ls => ls.map(l => [l.querySelector('input').value, +l.querySelector('.count').textContent])")
    assert len(labels) >= 10, labels
    outlet = max(labels, key=lambda item: (item[1], item[0]))[0]
    entity = page.evaluate(MOST_SOURCED, outlet)
    assert entity is not None
    page.evaluate("id => kg.focusNode(id)", entity)
    sources = page.eval_on_selector_all("#panel .outlet", "els => els.map(e => e.textContent)")
    assert " · " + outlet in sources and any(s != " · " + outlet for s in sources)
    page.evaluate("kg.showOverview()")
    before = page.evaluate(BUNDLED_FACTS)
    page.uncheck(f'#outlet-filter input[value="{outlet}"]')
    assert 0 < page.evaluate(BUNDLED_FACTS) < before
    page.evaluate("id => kg.focusNode(id)", entity)
    sources = page.eval_on_selector_all("#panel .outlet", "els => els.map(e => e.textContent)")
    assert sources and " · " + outlet not in sources
    fragment = page.evaluate("location.hash")
    assert "hide-outlet=" in fragment
    again, log2 = open_page(allsides_build / "graph.html", fragment)
    assert not again.is_checked(f'#outlet-filter input[value="{outlet}"]')
    assert again.evaluate("document.querySelectorAll('#outlet-filter input:not(:checked)').length") == 1
    again.click("#reset-filters")
    assert again.is_checked(f'#outlet-filter input[value="{outlet}"]')
    assert_quiet(log)
    assert_quiet(log2)
