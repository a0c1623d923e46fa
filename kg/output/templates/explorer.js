// kg graph explorer: draws the graph data of the page with vis-network and wires the
// search box, the filters, the overview (clusters, expand, focus, breadcrumb) and the
// evidence panel. Every string from the data is written with textContent, never parsed
// as markup; only http(s) URLs become links.
//
// What is drawn is a "scene" computed from the data and the state (view, expanded
// clusters, focus, filters) and copied into the two data sets the network draws
// (kg.nodeView, kg.edgeView). Three views: "all" (a small graph, drawn whole),
// "overview" (clusters and the most connected entities, bundles of facts between them)
// and "focus" (one entity and its neighbourhood, on rings around it).
"use strict";
(function () {
  const timings = (window.kgTimings = { script: performance.now() });
  const DATA = JSON.parse(document.getElementById("kg-data").textContent);
  const status = document.getElementById("status");
  const panel = document.getElementById("panel");
  const slider = document.getElementById("min-confidence");
  const articlesBox = document.getElementById("show-articles");
  const crumbs = document.getElementById("breadcrumb");
  const OVERVIEW = DATA.overview;
  const clusters = new Map((OVERVIEW ? OVERVIEW.clusters : []).map((c) => [c.id, c]));
  const LABEL_PX = 14; // label size on screen when a view opens
  const BUNDLE_COLOUR = "rgba(90, 90, 110, 0.35)";

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function safeUrl(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function confidenceOf(value) {
    return value === null || value === undefined ? 1 : value;
  }

  // The date filter: article dates are ISO days, months or years; one counts as observed in
  // [from, to] when any day it can mean is in it. Empty bounds are open.
  const dateFrom = document.getElementById("date-from");
  const dateTo = document.getElementById("date-to");

  function firstDay(date) {
    return date.length >= 10 ? date.slice(0, 10) : date.length === 7 ? date + "-01" : date + "-01-01";
  }

  function lastDay(date) {
    return date.length >= 10 ? date.slice(0, 10) : date.length === 7 ? date + "-31" : date + "-12-31";
  }

  function inDateRange(ev) {
    if (!dateFrom.value && !dateTo.value) return true;
    if (!ev.date) return false;
    return (!dateFrom.value || lastDay(ev.date) >= dateFrom.value) && (!dateTo.value || firstDay(ev.date) <= dateTo.value);
  }

  // The outlet filter: the outlets whose box is unchecked ("" for articles that name none); set by filters().
  let hiddenOutlets = new Set();

  function evidenceShown(ev, minimum) {
    return confidenceOf(ev.confidence) >= minimum && inDateRange(ev) && !hiddenOutlets.has(ev.outlet || "");
  }

  function plural(n, word) {
    return n + " " + (n === 1 ? word : word.endsWith("y") ? word.slice(0, -1) + "ies" : word + "s");
  }

  function nodeTip(n) {
    const box = el("div", null, "tip");
    box.appendChild(el("strong", n.name));
    box.appendChild(el("div", n.cls + " · " + plural(n.mentions, "mention"), "muted"));
    box.appendChild(el("div", n.aliases.length ? "Also called: " + n.aliases.join(", ") : "No other names"));
    return box;
  }

  function edgeTip(e) {
    const box = el("div", null, "tip");
    box.appendChild(el("strong", e.relation));
    box.appendChild(el("div", plural(e.evidence.length, "source sentence"), "muted"));
    if (e.evidence.length) box.appendChild(el("q", e.evidence[0].sentence));
    return box;
  }

  // All entities and facts (the panel reads them); the network draws the scene's copies.
  timings.parsed = performance.now();
  // The records carry what is particular to each; what follows from class and relation is added here.
  const STYLES = DATA.styles;
  const short = (text) => (text.length <= STYLES.maxLabel ? text : text.slice(0, STYLES.maxLabel - 1).trimEnd() + "…");
  // The page's data is packed (kg/output/html.py pack): node ids after a common base, fact ends as node indices,
  // and the sentences, their articles and the quotes in blocks parsed the first time one of them is shown.
  const parsedBlocks = new Map();
  function block(name) {
    if (!parsedBlocks.has(name)) parsedBlocks.set(name, JSON.parse(document.getElementById(name).textContent));
    return parsedBlocks.get(name);
  }
  const evidenceOf = new Array(DATA.edges.length); // filled a chunk at a time
  const chunkFacts = Array.from({ length: DATA.chunks }, () => []);
  function loadChunk(chunk) {
    const sources = block("kg-sources");
    const lists = block("kg-evidence-" + chunk);
    chunkFacts[chunk].forEach((e, i) => {
      evidenceOf[e.index] = lists[i].map(([sentence, source, confidence, date, status, quote]) => {
        const [article, url, outlet] = sources[source];
        const ev = { sentence: sentence, article: article, url: url, confidence: confidence, date: date, status: status, quote: quote === 1 };
        if (outlet) ev.outlet = outlet;
        return ev;
      });
    });
    parsedBlocks.delete("kg-evidence-" + chunk);
    loadedChunks.add(chunk);
  }
  const loadedChunks = new Set(); // which chunks of sentences were read (a test checks the overview opens on few)
  let quoteList_ = null;
  function allQuotes() {
    if (quoteList_ === null) {
      const { articles, quotes } = block("kg-quotes");
      quoteList_ = quotes.map(([speaker, speakerName, kind, text, article, start, cue, addressee]) => {
        const [articleId, title, url, date] = articles[article];
        const who = typeof speaker === "number" ? DATA.nodes[speaker] : null;
        return {
          speaker: who ? who.id : speaker, speakerName: who ? who.name : speakerName, kind: kind, text: text,
          articleId: articleId, article: title, url: url, date: date, start: start, cue: cue, addressee: addressee,
        };
      });
    }
    return quoteList_;
  }
  // Rows (kg/output/html.py NODE_FIELDS, EDGE_FIELDS) to records; a record's style follows from its class or relation.
  DATA.nodes = DATA.nodes.map(([id, name, cls, mentions, x, y, cluster, top, aliases, outlet]) => {
    const n = { id: DATA.base + id, name: name, cls: DATA.classes[cls], mentions: mentions, aliases: aliases || [] };
    if (x !== undefined && x !== null) {
      n.x = x;
      n.y = y;
    }
    if (cluster !== undefined && cluster !== null) n.cluster = DATA.clusters[cluster];
    if (top !== undefined && top !== null) n.top = top;
    if (outlet) n.outlet = outlet;
    const look = STYLES.classes[n.cls];
    n.label = short(name);
    n.shape = look.shape;
    n.color = look.color;
    n.value = mentions;
    return n;
  });
  // A fact's evidence is read from its chunk when first asked for: a getter on the prototype, so the scene's
  // copies of a fact ({...e}) leave it where it is.
  const factProto = {
    get evidence() {
      if (evidenceOf[this.index] === undefined) loadChunk(this.c);
      return evidenceOf[this.index];
    },
  };
  DATA.edges = DATA.edges.map(([from, to, relation, confidence, n, c, fromQuotes, curve], i) => {
    const e = Object.create(factProto);
    e.id = "e" + i;
    e.index = i;
    e.from = DATA.nodes[from].id;
    e.to = DATA.nodes[to].id;
    e.relation = DATA.relations[relation];
    e.confidence = confidence;
    e.c = c;
    if (fromQuotes) e.fromQuotes = true;
    e.label = e.relation;
    e.color = STYLES.relations[e.relation];
    e.arrows = "to";
    e.value = n;
    e.smooth = curve ? { enabled: true, type: "curvedCW", roundness: 0.25 * curve } : { enabled: false };
    chunkFacts[c].push(e);
    return e;
  });
  const nodeById = new Map(DATA.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(DATA.edges.map((e) => [e.id, e]));
  // Read-only views of all records, shaped like vis.DataSet's get/getIds/length (a DataSet of a corpus is slow to build).
  const store = (list, byId) => ({
    get: (id) => (id === undefined ? list : byId.get(id) || null),
    getIds: () => list.map((item) => item.id),
    length: list.length,
  });
  const nodes = store(DATA.nodes, nodeById);
  const edges = store(DATA.edges, edgeById);
  const ARTICLE = STYLES.article; // the article class's name
  const isArticle = (id) => nodeById.get(id).cls === ARTICLE;
  const factsOf = new Map(DATA.nodes.map((n) => [n.id, []]));
  for (const e of DATA.edges) {
    factsOf.get(e.from).push(e);
    if (e.to !== e.from) factsOf.get(e.to).push(e);
  }

  // --- names: search and ambiguity, as `kg viz --focus` resolves them --------------------------

  const words = (text) => text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) || [];
  function containsWords(name, wanted) {
    for (let i = 0; i + wanted.length <= name.length; i++) {
      if (wanted.every((w, j) => name[i + j] === w)) return true;
    }
    return false;
  }
  // Every entity a name may mean, best first: exact label, exact alias, then (not articles) the name as whole words.
  function candidates(text) {
    const wanted = text.trim().split(/\s+/).join(" ").toLowerCase();
    if (!wanted) return { exact: [], partial: [] };
    if (nodeById.has(text.trim())) return { exact: [text.trim()], partial: [] };
    const want = words(wanted);
    const exact = [];
    const partial = [];
    for (const n of DATA.nodes) {
      const names = [n.name, ...n.aliases].map((a) => a.toLowerCase());
      const at = names.indexOf(wanted);
      if (at >= 0) exact.push([at > 0 ? 1 : 0, n]);
      else if (want.length && n.cls !== ARTICLE && names.some((a) => containsWords(words(a), want))) partial.push([0, n]);
    }
    const order = (a, b) => a[0] - b[0] || b[1].mentions - a[1].mentions || (a[1].id < b[1].id ? -1 : 1);
    return { exact: exact.sort(order).map((x) => x[1].id), partial: partial.sort(order).map((x) => x[1].id) };
  }
  function substringHits(text) {
    const wanted = text.trim().toLowerCase();
    const hits = DATA.nodes.filter((n) => [n.name, ...n.aliases].some((a) => a.toLowerCase().includes(wanted)));
    hits.sort((a, b) => b.mentions - a.mentions || (a.id < b.id ? -1 : 1));
    return hits.map((n) => n.id);
  }

  timings.indexed = performance.now();
  // The name list offers the names that contain what is typed (a corpus has too many names for one list).
  const names = document.getElementById("names");
  const allNames = [...new Set(DATA.nodes.flatMap((n) => [n.name, ...n.aliases]))].sort();
  function offerNames(text) {
    const wanted = text.trim().toLowerCase();
    const offered = wanted ? allNames.filter((a) => a.toLowerCase().includes(wanted)).slice(0, 50) : allNames.length <= 200 ? allNames : [];
    names.replaceChildren(...offered.map((name) => {
      const option = document.createElement("option");
      option.value = name;
      return option;
    }));
  }
  offerNames("");
  timings.names = performance.now();
  const state = {
    view: OVERVIEW ? "overview" : "all",
    expanded: new Set(),
    focus: null,
    trail: [], // breadcrumb: ids of the entities focused before the current one
  };

  function checked(name) {
    return new Set([...document.querySelectorAll('input[name="' + name + '"]:checked')].map((i) => i.value));
  }
  function unchecked(name) {
    return [...document.querySelectorAll('input[name="' + name + '"]:not(:checked)')].map((i) => i.value);
  }

  function filters() {
    const relations = checked("relation");
    const classes = checked("class");
    const quoteFacts = checked("quote-facts").size > 0;
    const minimum = Number(slider.value);
    const articles = articlesBox.checked;
    const dated = Boolean(dateFrom.value || dateTo.value);
    hiddenOutlets = new Set(unchecked("outlet"));
    const bySource = dated || hiddenOutlets.size > 0; // then a fact needs a sentence of a shown article
    // Same rule as `kg viz --relation/--min-confidence`: asking for facts hides entities without any.
    const factFilter = minimum > 0 || bySource || !quoteFacts || unchecked("relation").length > 0;
    const shownNode = (n) => classes.has(n.cls) && !(hiddenOutlets.size && n.cls === ARTICLE && hiddenOutlets.has(n.outlet || ""));
    const nodeOk = (id) => shownNode(nodeById.get(id)) && (articles || !isArticle(id));
    const kept = (e) => (quoteFacts || !e.fromQuotes) && relations.has(e.relation) && confidenceOf(e.confidence) >= minimum
      && shownNode(nodeById.get(e.from)) && shownNode(nodeById.get(e.to))
      && (!bySource || e.evidence.some((ev) => evidenceShown(ev, minimum)));
    const factOk = (e) => kept(e) && (articles || (!isArticle(e.from) && !isArticle(e.to)));
    // Around one entity (its focused view), an article at the centre keeps its facts.
    const factOkAround = (e, id) => kept(e) && (articles || ((e.from === id || !isArticle(e.from)) && (e.to === id || !isArticle(e.to))));
    return { relations, classes, minimum, quoteFacts, articles, factFilter, nodeOk, factOk, factOkAround, kept };
  }

  function writeFragment() {
    const params = new URLSearchParams();
    params.set("view", state.view);
    if (state.view === "overview" && state.expanded.size) params.set("open", [...state.expanded].join(","));
    if (state.view === "focus") {
      params.set("focus", state.focus);
      if (state.trail.length) params.set("trail", state.trail.join(" "));
    }
    if (articlesBox.checked !== !OVERVIEW) params.set("articles", articlesBox.checked ? "1" : "0");
    for (const kind of ["relation", "class"]) {
      const off = unchecked(kind);
      if (off.length) params.set("hide-" + kind, off.join(","));
    }
    for (const outlet of unchecked("outlet")) params.append("hide-outlet", outlet); // names may hold commas
    if (!document.getElementById("quote-facts").checked) params.set("quote-facts", "0");
    if (Number(slider.value) > 0) params.set("min", slider.value);
    if (dateFrom.value) params.set("from", dateFrom.value);
    if (dateTo.value) params.set("to", dateTo.value);
    const hash = "#" + params.toString();
    if (location.hash !== hash) history.replaceState(null, "", hash);
  }

  function readFragment() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (!params.has("view")) return false;
    if (params.has("articles")) articlesBox.checked = params.get("articles") === "1";
    for (const kind of ["relation", "class"]) {
      const off = new Set((params.get("hide-" + kind) || "").split(",").filter(Boolean));
      for (const input of document.querySelectorAll('input[name="' + kind + '"]')) input.checked = !off.has(input.value);
    }
    const offOutlets = new Set(params.getAll("hide-outlet"));
    for (const input of document.querySelectorAll('input[name="outlet"]')) input.checked = !offOutlets.has(input.value);
    if (params.has("quote-facts")) document.getElementById("quote-facts").checked = params.get("quote-facts") !== "0";
    if (params.has("min")) slider.value = params.get("min");
    if (params.has("from")) dateFrom.value = params.get("from");
    if (params.has("to")) dateTo.value = params.get("to");
    const view = params.get("view");
    if (view === "focus" && nodeById.has(params.get("focus"))) {
      state.view = "focus";
      state.focus = params.get("focus");
      state.trail = (params.get("trail") || "").split(" ").filter((id) => nodeById.has(id));
    } else if (view === "overview" && OVERVIEW) {
      state.view = "overview";
      state.expanded = new Set((params.get("open") || "").split(",").filter((id) => clusters.has(id)));
    } else if (view === "all" && !OVERVIEW) {
      state.view = "all";
    }
    return true;
  }

  // --- scenes --------------------------------------------------------------------------------

  function entityRecord(n, extra) {
    return { ...n, title: nodeTip(n), ...extra };
  }
  function factRecord(e) {
    return { ...e, title: edgeTip(e) };
  }

  function sceneAll(f) {
    const shownEdges = DATA.edges.filter(f.factOk);
    const touched = new Set(shownEdges.flatMap((e) => [e.from, e.to]));
    const shown = DATA.nodes.filter((n) => f.nodeOk(n.id) && (!f.factFilter || touched.has(n.id)));
    return { nodes: shown.map((n) => entityRecord(n)), edges: shownEdges.map(factRecord), scaled: true };
  }

  function unitOf(id) {
    const n = nodeById.get(id);
    if (n.top !== undefined) return id;
    if (!n.cluster) return null;
    return state.expanded.has(n.cluster) ? id : n.cluster;
  }

  function bundleTip(count, tally, a, b) {
    const box = el("div", null, "tip");
    box.appendChild(el("strong", plural(count, "fact") + " between " + unitName(a) + " and " + unitName(b)));
    box.appendChild(el("div", [...tally].sort((x, y) => y[1] - x[1]).map(([r, k]) => r + " " + k).join(", "), "muted"));
    return box;
  }

  function unitName(id) {
    return clusters.has(id) ? clusters.get(id).label : nodeById.get(id).name;
  }

  function sceneOverview(f) {
    const bundles = new Map();
    const drawnFacts = [];
    const touched = new Set();
    for (const e of DATA.edges) {
      if (!f.factOk(e)) continue;
      touched.add(e.from);
      touched.add(e.to);
      const a = unitOf(e.from);
      const b = unitOf(e.to);
      if (a === null || b === null || (a === b && clusters.has(a))) continue;
      if (!clusters.has(a) && !clusters.has(b)) {
        // Between two entities drawn on their own, a fact is a line (hover names it); inside an expanded cluster it is labelled.
        const record = factRecord(e);
        if (a === e.from && !state.expanded.has(nodeById.get(e.from).cluster) || b === e.to && !state.expanded.has(nodeById.get(e.to).cluster)) delete record.label;
        drawnFacts.push(record);
        continue;
      }
      const key = a < b ? a + "\u0000" + b : b + "\u0000" + a;
      if (!bundles.has(key)) bundles.set(key, { from: a < b ? a : b, to: a < b ? b : a, count: 0, tally: new Map(), facts: [] });
      const bundle = bundles.get(key);
      bundle.count += 1;
      bundle.facts.push(e.id);
      bundle.tally.set(e.relation, (bundle.tally.get(e.relation) || 0) + 1);
    }
    const visible = (id) => f.nodeOk(id) && (!f.factFilter || touched.has(id));
    const shownNodes = [];
    const members = new Map();
    for (const n of DATA.nodes) {
      const unit = unitOf(n.id);
      if (unit === null || !visible(n.id)) continue;
      if (unit === n.id) shownNodes.push(entityRecord(n, n.top !== undefined ? { value: undefined, size: 18 + 12 * (1 - n.top / 30) } : {}));
      else members.set(unit, (members.get(unit) || 0) + (isArticle(n.id) ? 0 : 1));
    }
    for (const [id, count] of members) {
      const c = clusters.get(id);
      const tip = el("div", null, "tip");
      tip.appendChild(el("strong", c.label));
      tip.appendChild(el("div", plural(c.size, "entity") + " · click to expand", "muted"));
      shownNodes.push({
        id: id, label: c.label, name: c.label, cluster: id, isCluster: true, shape: "dot",
        size: Math.min(60, 10 + 4 * Math.sqrt(count)), x: c.x, y: c.y, title: tip,
        color: { background: "#eef1f6", border: "#8793a8", highlight: { background: "#dde4f0", border: "#4e5d78" } },
        borderWidth: 2, font: { color: "#2b3445" },
      });
    }
    const drawnEdges = [...bundles.values()].map((b) => ({
      id: "bundle:" + b.from + "\u0000" + b.to, from: b.from, to: b.to, isBundle: true, facts: b.facts,
      value: b.count, color: { color: BUNDLE_COLOUR, highlight: "rgba(60, 60, 90, 0.8)" }, arrows: "",
      smooth: { enabled: false }, title: bundleTip(b.count, b.tally, b.from, b.to),
    }));
    // Cluster discs first, so they are drawn under the entities: an expanded cluster's member that lies under another
    // cluster's disc stays on top, where a click or double-click finds it.
    const discsFirst = [...shownNodes.filter((n) => n.isCluster), ...shownNodes.filter((n) => !n.isCluster)];
    return { nodes: discsFirst, edges: [...drawnFacts, ...drawnEdges], scaled: false };
  }

  // One entity and its neighbours: the focus in the middle, neighbours on rings around it.
  function sceneFocus(f) {
    const id = state.focus;
    const facts = factsOf.get(id).filter((e) => f.factOkAround(e, id));
    const around = [...new Set(facts.flatMap((e) => [e.from, e.to]))].filter((n) => n !== id);
    around.sort((a, b) => (nodeById.get(a).cls < nodeById.get(b).cls ? -1 : nodeById.get(a).cls > nodeById.get(b).cls ? 1 : 0)
      || (nodeById.get(a).name < nodeById.get(b).name ? -1 : 1));
    const shown = new Set([id, ...around]);
    const positions = new Map([[id, [0, 0]]]);
    let ring = 0;
    let placed = 0;
    while (placed < around.length) {
      const radius = 260 + 170 * ring;
      const room = Math.max(6, Math.floor((2 * Math.PI * radius) / 170));
      const here = around.slice(placed, placed + room);
      here.forEach((n, i) => {
        const angle = -Math.PI / 2 + (2 * Math.PI * i) / here.length + ring * 0.3;
        positions.set(n, [radius * Math.cos(angle), radius * Math.sin(angle)]);
      });
      placed += here.length;
      ring += 1;
    }
    const drawnFacts = new Map();
    for (const n of shown) {
      for (const e of factsOf.get(n)) if (f.factOkAround(e, id) && shown.has(e.from) && shown.has(e.to)) drawnFacts.set(e.id, factRecord(e));
    }
    const shownNodes = [...shown].map((n) => {
      const [x, y] = positions.get(n);
      return entityRecord(nodeById.get(n), { x: x, y: y, value: undefined, size: n === id ? 24 : 12 });
    });
    return { nodes: shownNodes, edges: [...drawnFacts.values()], scaled: false };
  }

  // --- drawing --------------------------------------------------------------------------------

  const nodeView = new vis.DataSet();
  const edgeView = new vis.DataSet();

  function sync(set, items) {
    const keep = new Set(items.map((i) => i.id));
    set.remove(set.getIds().filter((id) => !keep.has(id)));
    set.remove(items.filter((i) => set.get(i.id) !== null).map((i) => i.id)); // replace, so removed keys go too
    set.add(items);
  }

  const network = new vis.Network(
    document.getElementById("graph"),
    { nodes: nodeView, edges: edgeView },
    {
      nodes: {
        borderWidth: 1,
        scaling: { min: 8, max: 40, label: { enabled: true, min: 12, max: 24, drawThreshold: 7 } },
        font: { size: 14, strokeWidth: 3, strokeColor: "#ffffff" },
      },
      edges: {
        scaling: { min: 1, max: 6, label: { enabled: false } },
        font: { size: 10, align: "horizontal", strokeWidth: 3, strokeColor: "#ffffff" },
        arrows: { to: { enabled: true, scaleFactor: 0.6 } },
        selectionWidth: 2,
      },
      // Positions come laid out from kg (networkx: clusters and their members, or one layout per
      // connected part), or on rings around a focus: nothing moves, no physics simulation.
      physics: { enabled: false },
      interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: DATA.edges.length > 500 },
    }
  );

  let drawn = { nodes: [], edges: [] };

  // Draw the scene of the state; ``fit`` zooms to show all of it.
  function render(fit) {
    const f = filters();
    const scene = state.view === "focus" ? sceneFocus(f) : state.view === "overview" ? sceneOverview(f) : sceneAll(f);
    for (const item of [...scene.nodes, ...scene.edges]) item.fullLabel = item.label;
    drawn = scene;
    showCrumbs(); // first: the breadcrumb may change the header's height, and so the graph's
    network.setOptions({ nodes: { scaling: { label: { enabled: scene.scaled } } } });
    sync(nodeView, scene.nodes);
    sync(edgeView, scene.edges);
    if (fit) {
      network.fit({ animation: false });
      // vis fits the nodes; leave room for the labels at the edges.
      if (!scene.scaled) network.moveTo({ scale: network.getScale() * 0.92, animation: false });
    }
    relabel();
    showCounts(f);
    writeFragment();
  }

  // In the overview and focused views labels keep one size on screen (LABEL_PX) at any zoom, and so
  // do the discs of the entities drawn on their own; then the labels are decluttered for this zoom.
  function relabel() {
    const scene = drawn;
    const px = 1 / network.getScale();
    const selected = network.getSelectedNodes();
    for (const item of [...scene.nodes, ...scene.edges]) {
      if (item.fullLabel === undefined) delete item.label;
      else item.label = item.fullLabel;
      if (item.font) delete item.font.vadjust;
    }
    if (!scene.scaled) {
      for (const n of scene.nodes) {
        n.font = { ...(n.font || {}), size: LABEL_PX * px };
        if (n.isCluster) n.size = Math.min(30, 8 + 2.5 * Math.sqrt(clusters.get(n.id).size)) * px; // kg/output/overview.py cluster_px
        else if (n.top !== undefined || n.id === state.focus) n.size = (12 - 4 * Math.min(1, (n.top || 0) / 30)) * px; // overview.py DISC_PX
        else n.size = 8 * px;
        delete n.value; // a value would size the node by vis's scaling instead
      }
      for (const e of scene.edges) e.font = { ...(e.font || {}), size: LABEL_PX * 0.8 * px };
    }
    sync(nodeView, scene.nodes);
    sync(edgeView, scene.edges);
    network.redraw();
    network.redraw(); // the first drawing after new data sizes the nodes; label boxes are right from the second
    declutter(scene);
    const still = selected.filter((id) => nodeView.get(id) !== null);
    if (still.length) network.selectNodes(still);
  }

  let relabelTimer = null;
  // The graph's box changed size (the window, or the header wrapping): labels are decluttered for the new view.
  network.on("resize", () => {
    clearTimeout(relabelTimer);
    relabelTimer = setTimeout(relabel, 120);
  });
  network.on("zoom", () => {
    if (drawn.scaled) return;
    clearTimeout(relabelTimer);
    relabelTimer = setTimeout(relabel, 120);
  });
  network.on("dragEnd", (params) => {
    if (!drawn.scaled && !params.nodes.length) {
      clearTimeout(relabelTimer);
      relabelTimer = setTimeout(relabel, 120);
    }
  });

  // Labels never collide: after drawing, keep labels greedily by importance (the focus, top entities,
  // big clusters, much mentioned entities, then fact labels); a fact label that meets a kept label is
  // moved up or down, and if it still meets one it is dropped (hovering still names it).
  function importance(n) {
    if (n.id === state.focus) return 1e9;
    if (n.top !== undefined) return 1e8 - n.top;
    if (n.isCluster) return 1e7 + clusters.get(n.id).size;
    return n.mentions || 0;
  }
  function boxOf(item, kind) {
    const body = kind === "node" ? network.body.nodes[item.id] : network.body.edges[item.id];
    if (!body || !body.labelModule || !body.labelModule.size || item.label === undefined || item.label === "") return null;
    const s = body.labelModule.size;
    const pad = 2 / network.getScale(); // two screen pixels between labels, so neighbours do not touch
    return s.width > 0 ? { left: s.left - pad, top: s.top - pad, right: s.left + s.width + pad, bottom: s.top + s.height + pad } : null;
  }
  const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  function declutter(scene) {
    const kept = [];
    const dropNodes = [];
    const dropEdges = [];
    const moved = [];
    for (const n of [...scene.nodes].sort((a, b) => importance(b) - importance(a) || (a.id < b.id ? -1 : 1))) {
      const box = boxOf(n, "node");
      if (!box) continue;
      const shift = kept.some((k) => meets(k, box)) ? undefined : 0;
      if (shift === undefined) dropNodes.push(n);
      else {
        kept.push({ ...box, top: box.top + shift, bottom: box.bottom + shift });
        if (shift) moved.push([n, shift]);
      }
    }
    for (const e of scene.edges) {
      const box = boxOf(e, "edge");
      if (!box) continue;
      const h = box.bottom - box.top;
      const shift = [0, -h, h, -2 * h, 2 * h].find((dy) => !kept.some((k) => meets(k, { ...box, top: box.top + dy, bottom: box.bottom + dy })));
      if (shift === undefined) dropEdges.push(e);
      else {
        kept.push({ ...box, top: box.top + shift, bottom: box.bottom + shift });
        if (shift) moved.push([e, shift]);
      }
    }
    for (const n of dropNodes) delete n.label;
    for (const e of dropEdges) delete e.label;
    for (const [e, dy] of moved) e.font = { ...(e.font || {}), vadjust: dy };
    if (dropNodes.length || moved.some(([item]) => !item.from)) sync(nodeView, scene.nodes);
    if (dropEdges.length || moved.some(([item]) => item.from)) sync(edgeView, scene.edges);
    timings.hiddenLabels = dropNodes.length + dropEdges.length;
    if (dropNodes.length || dropEdges.length || moved.length) network.redraw();
  }

  function showCounts(f) {
    const counts = document.getElementById("counts");
    const entities = DATA.nodes.filter((n) => n.cls !== ARTICLE).length;
    if (state.view === "overview") {
      const shownClusters = drawn.nodes.filter((n) => n.isCluster).length;
      counts.textContent = entities + " entities, " + DATA.edges.length + " facts · overview: " + plural(shownClusters, "cluster") + ", "
        + (drawn.nodes.length - shownClusters) + " entities drawn on their own";
    } else if (state.view === "focus") {
      counts.textContent = plural(drawn.nodes.length - 1, "neighbour") + ", " + plural(drawn.edges.length, "fact");
    } else {
      counts.textContent = drawn.nodes.length === DATA.nodes.length && drawn.edges.length === DATA.edges.length
        ? DATA.nodes.length + " entities, " + DATA.edges.length + " facts"
        : "Showing " + drawn.nodes.length + " of " + DATA.nodes.length + " entities, " + drawn.edges.length + " of " + DATA.edges.length + " facts";
    }
  }

  function crumb(text, action, current) {
    const item = el(current ? "span" : "button", text, current ? "crumb current" : "crumb");
    if (!current) {
      item.type = "button";
      item.addEventListener("click", action);
    }
    return item;
  }
  function showCrumbs() {
    crumbs.replaceChildren();
    if (state.view === "all" && !state.trail.length) return;
    const parts = [crumb(OVERVIEW ? "Overview" : "Whole graph", showOverview, state.view !== "focus" && !state.expanded.size)];
    if (state.view === "overview") {
      for (const id of state.expanded) parts.push(crumb(clusters.get(id).label, () => collapse(id), false));
    } else if (state.view === "focus") {
      state.trail.forEach((id, i) => parts.push(crumb(nodeById.get(id).name, () => openFocus(id, state.trail.slice(0, i)), false)));
      parts.push(crumb(nodeById.get(state.focus).name, null, true));
    }
    parts.forEach((p, i) => {
      if (i) crumbs.appendChild(el("span", "›", "sep"));
      crumbs.appendChild(p);
    });
  }

  function showOverview() {
    state.view = OVERVIEW ? "overview" : "all";
    state.focus = null;
    state.trail = [];
    network.unselectAll();
    render(true);
    panel.replaceChildren(el("p", OVERVIEW
      ? "Overview: each grey disc is a cluster of entities linked by facts (click to expand it); the most connected entities are drawn on their own. Double-click an entity to see its neighbourhood."
      : "Click an entity or a fact to see its evidence.", "muted"));
  }

  function expand(id) {
    state.expanded.add(id);
    render(false);
    const members = drawn.nodes.filter((n) => n.cluster === id && !n.isCluster && n.top === undefined).map((n) => n.id);
    if (members.length) {
      network.fit({ nodes: members, animation: false });
      relabel();
    }
    showCluster(id);
  }

  function collapse(id) {
    state.expanded.delete(id);
    render(false);
  }

  function openFocus(id, trail) {
    state.trail = trail;
    state.view = "focus";
    state.focus = id;
    render(true);
    network.selectNodes([id]);
    showNode(id);
  }

  function showCluster(id) {
    const c = clusters.get(id);
    panel.replaceChildren(el("h2", c.label));
    panel.appendChild(el("div", plural(c.size, "entity") + " in this cluster", "muted"));
    const list = el("div");
    const inside = DATA.nodes.filter((n) => n.cluster === id && n.cls !== ARTICLE)
      .sort((a, b) => factsOf.get(b.id).length - factsOf.get(a.id).length || b.mentions - a.mentions || (a.id < b.id ? -1 : 1));
    for (const n of inside.slice(0, 25)) {
      const line = el("div");
      line.append(entityButton(n.id), " ", el("span", plural(factsOf.get(n.id).length, "fact"), "count"));
      list.appendChild(line);
    }
    panel.appendChild(list);
    if (state.expanded.has(id)) {
      const button = el("button", "Collapse this cluster");
      button.type = "button";
      button.id = "collapse";
      button.addEventListener("click", () => collapse(id));
      panel.appendChild(button);
    }
  }

  // --- ready ------------------------------------------------------------------------------------

  function settled() {
    if (timings.ready !== undefined) return;
    timings.ready = performance.now();
    status.textContent = "";
    document.documentElement.dataset.kgReady = "1";
  }
  network.once("afterDrawing", () => {
    timings.firstDraw = performance.now();
  });

  // --- the panel --------------------------------------------------------------------------------

  function entityButton(id) {
    const n = nodeById.get(id);
    const button = el("button", n ? n.name : id, "entity");
    button.type = "button";
    button.addEventListener("click", () => focusNode(id));
    return button;
  }

  // An article's name, a link opening in a new tab when its URL is a safe http(s) address.
  function articleLink(article, address) {
    const url = address ? safeUrl(address) : null;
    if (!url) return el("span", article);
    const link = el("a", article);
    link.href = url;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    return link;
  }

  function evidenceList(box, evidence) {
    const minimum = Number(slider.value);
    const quoteFacts = checked("quote-facts").size > 0;
    for (const ev of evidence) {
      if (!evidenceShown(ev, minimum) || (ev.quote && !quoteFacts)) continue;
      box.appendChild(el("q", ev.sentence));
      const source = el("div", null, "muted source");
      source.appendChild(document.createTextNode("Source: "));
      source.appendChild(articleLink(ev.article, ev.url));
      if (ev.outlet) source.appendChild(el("span", " · " + ev.outlet, "outlet"));
      if (ev.date) source.appendChild(el("span", " · " + ev.date, "date"));
      if (ev.status) source.appendChild(el("span", " · " + ev.status, "status"));
      if (ev.confidence !== null) source.appendChild(el("span", " · confidence " + Number(ev.confidence).toFixed(2)));
      box.appendChild(source);
    }
  }

  function factBox(e) {
    const box = el("div", null, "fact");
    const line = el("div");
    line.append(entityButton(e.from), " ", el("span", e.relation, "relation"), " ", entityButton(e.to));
    box.appendChild(line);
    evidenceList(box, e.evidence);
    return box;
  }

  function showNode(id) {
    const n = nodeById.get(id);
    const f = filters();
    panel.replaceChildren(el("h2", n.name));
    panel.appendChild(el("div", n.cls + " · " + plural(n.mentions, "mention"), "muted"));
    if (n.aliases.length) panel.appendChild(el("div", "Also called: " + n.aliases.join(", ")));
    panel.appendChild(el("div", n.id, "iri"));
    const facts = factsOf.get(id).filter(f.kept); // the articles toggle only thins the drawing
    panel.appendChild(el("h2", facts.length ? "Facts (" + facts.length + ")" : "No facts shown"));
    for (const e of facts) panel.appendChild(factBox(e));
    quoteList(id);
  }

  function articleLine(q) {
    const line = el("div", null, "muted source");
    line.appendChild(articleLink(q.article, q.url));
    if (q.date) line.appendChild(el("span", " · " + q.date));
    const how = [q.kind === "according_to" ? "according to" : q.kind, q.cue && q.cue !== "according to" ? q.cue : null,
                 q.addressee ? "to " + q.addressee : null].filter(Boolean);
    line.appendChild(el("span", " · " + how.join(", ")));
    return line;
  }

  // A titled list in the panel ("Quotes (3)"), one box per item drawn by ``render``; nothing when empty.
  function listSection(title, items, render) {
    if (!items.length) return;
    panel.appendChild(el("h2", title + " (" + items.length + ")"));
    for (const item of items) {
      const box = el("div", null, "quote");
      render(box, item);
      panel.appendChild(box);
    }
  }

  // The quotes a person or organization said, and the sources an article quotes (issue 12).
  function quoteList(id) {
    listSection("Quotes", allQuotes().filter((q) => q.speaker === id), (box, q) => {
      box.append(el("q", q.text), articleLine(q));
    });
    const sources = new Map();
    for (const q of allQuotes()) {
      if (q.articleId === id && q.speaker) sources.set(q.speaker, (sources.get(q.speaker) || []).concat([q]));
    }
    listSection("Sources quoted", [...sources], (box, [speaker, said]) => {
      const line = el("div");
      line.append(nodes.get(speaker) ? entityButton(speaker) : el("strong", said[0].speakerName),
                  " ", el("span", plural(said.length, "quote"), "muted"));
      box.append(line, el("q", said[0].text));
    });
  }

  function showEdge(id) {
    panel.replaceChildren(el("h2", "Fact"));
    panel.appendChild(factBox(edges.get(id)));
  }

  function showBundle(id) {
    const bundle = edgeView.get(id);
    panel.replaceChildren(el("h2", plural(bundle.facts.length, "fact") + " between " + unitName(bundle.from) + " and " + unitName(bundle.to)));
    for (const factId of bundle.facts.slice(0, 50)) panel.appendChild(factBox(edges.get(factId)));
    if (bundle.facts.length > 50) panel.appendChild(el("p", "… and " + (bundle.facts.length - 50) + " more: expand the clusters to see them.", "muted"));
  }

  // Select an entity and show its evidence: where it is drawn, else in its focused view (a small
  // graph drawn whole shows everything again instead).
  function focusNode(id) {
    if (nodeView.get(id) === null) {
      if (state.view === "all") resetFilters(true);
      else openFocus(id, state.view === "focus" ? [...state.trail, state.focus] : []);
    }
    network.selectNodes([id]);
    // A small graph zooms in on the entity; the other views keep their zoom (their labels are sized for it).
    const scale = drawn.scaled ? 1.3 : network.getScale();
    network.focus(id, { scale: scale, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }

  network.on("click", (params) => {
    if (params.nodes.length) {
      const id = params.nodes[0];
      if (clusters.has(id)) expand(id);
      else showNode(id);
    } else if (params.edges.length) {
      const id = params.edges[0];
      if (String(id).startsWith("bundle:")) showBundle(id);
      else showEdge(id);
    }
  });
  // The browser's own dblclick, not vis-network's "doubleClick": vis (hammer.js) times the two taps when it
  // gets round to them, so on a busy page (a corpus redrawing after the first click) it saw two clicks.
  const graphBox = document.getElementById("graph");
  graphBox.addEventListener("dblclick", (event) => {
    const box = graphBox.getBoundingClientRect();
    const id = network.getNodeAt({ x: event.clientX - box.left, y: event.clientY - box.top });
    if (id !== undefined && !clusters.has(id)) {
      openFocus(id, state.view === "focus" && id !== state.focus ? [...state.trail, state.focus] : state.trail);
    }
  });

  // --- filters ------------------------------------------------------------------------------------

  function applyFilters() {
    document.getElementById("min-confidence-value").textContent = Number(slider.value).toFixed(2);
    render(false);
  }

  function resetFilters(draw) {
    for (const input of document.querySelectorAll('#filters input[type="checkbox"]')) input.checked = input !== articlesBox || !OVERVIEW;
    slider.value = "0";
    dateFrom.value = "";
    dateTo.value = "";
    document.getElementById("min-confidence-value").textContent = "0.00";
    if (draw !== false) render(false);
  }

  for (const input of document.querySelectorAll("#filters input")) input.addEventListener("input", applyFilters);
  document.getElementById("reset-filters").addEventListener("click", () => resetFilters(true));

  // --- search -------------------------------------------------------------------------------------

  function choose(text, ids) {
    panel.replaceChildren(el("h2", "“" + text.trim() + "” names " + ids.length + " entities: which one?"));
    const list = el("ul", null, "chooser");
    for (const id of ids.slice(0, 30)) {
      const n = nodeById.get(id);
      const item = el("li");
      item.append(entityButton(id), " ", el("span", n.cls + " · " + plural(n.mentions, "mention") + " · " + plural(factsOf.get(id).length, "fact"), "count"));
      list.appendChild(item);
    }
    panel.appendChild(list);
    if (ids.length > 30) panel.appendChild(el("p", "… and " + (ids.length - 30) + " more; type more of the name.", "muted"));
  }

  function alsoNamed(text, ids) {
    if (!ids.length) return;
    const note = el("div", "Also named like “" + text.trim() + "”: ", "note also");
    ids.slice(0, 8).forEach((id, i) => {
      if (i) note.append(", ");
      note.appendChild(entityButton(id));
    });
    panel.insertBefore(note, panel.children[1] || null);
  }

  const search = document.getElementById("search");
  document.getElementById("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const { exact, partial } = candidates(search.value);
    status.textContent = "";
    if (exact.length === 1) {
      focusNode(exact[0]);
      alsoNamed(search.value, partial);
    } else if (exact.length > 1 || partial.length > 1) {
      choose(search.value, [...exact, ...partial]);
    } else if (partial.length === 1) {
      focusNode(partial[0]);
    } else {
      const hits = search.value.trim() ? substringHits(search.value) : [];
      if (hits.length === 1) focusNode(hits[0]);
      else if (hits.length > 1) choose(search.value, hits);
      else status.textContent = "No entity is called “" + search.value.trim() + "”.";
    }
  });
  search.addEventListener("input", () => {
    offerNames(search.value);
    const { exact, partial } = candidates(search.value); // a full name picked from the list: go there at once
    if (exact.length === 1) {
      focusNode(exact[0]);
      alsoNamed(search.value, partial);
    } else if (exact.length > 1) {
      choose(search.value, [...exact, ...partial]);
    }
  });

  // --- open -------------------------------------------------------------------------------------------

  if (OVERVIEW) articlesBox.checked = false;
  const fontsAtOpen = document.fonts.status; // "loaded": the labels are measured in their final fonts from the start
  const restored = readFragment();
  document.getElementById("min-confidence-value").textContent = Number(slider.value).toFixed(2);
  if (!DATA.nodes.length) {
    render(true);
    panel.replaceChildren(el("p", "Nothing to show: the graph has no entities.", "muted"));
  } else if (state.view === "focus") {
    openFocus(state.focus, state.trail);
  } else {
    render(true);
    if (!restored && DATA.focus) focusNode(DATA.focus);
  }
  timings.opened = performance.now();
  // Label boxes measured before the page's fonts are ready may be too wide or narrow: declutter again then.
  document.fonts.ready.then(() => {
    timings.fonts = performance.now();
    if (drawn.nodes.length && fontsAtOpen !== "loaded") relabel();
    settled();
  });

  window.kg = {
    network, nodes, edges, nodeView, edgeView, focusNode, applyFilters, timings, state, expand, collapse,
    openFocus, showOverview, candidates, render, loadedChunks,
  };
})();
