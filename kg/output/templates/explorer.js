// kg graph explorer: draws the graph data of the page with vis-network and wires the
// search box, the filters and the evidence panel. Every string from the data is written
// with textContent, never parsed as markup; only http(s) URLs become links.
"use strict";
(function () {
  const timings = (window.kgTimings = { script: performance.now() });
  const DATA = JSON.parse(document.getElementById("kg-data").textContent);
  const status = document.getElementById("status");
  const panel = document.getElementById("panel");
  const slider = document.getElementById("min-confidence");

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

  function evidenceShown(ev, minimum) {
    return confidenceOf(ev.confidence) >= minimum && inDateRange(ev);
  }

  function nodeTip(n) {
    const box = el("div", null, "tip");
    box.appendChild(el("strong", n.name));
    box.appendChild(el("div", n.cls + " · " + n.mentions + " mention" + (n.mentions === 1 ? "" : "s"), "muted"));
    box.appendChild(el("div", n.aliases.length ? "Also called: " + n.aliases.join(", ") : "No other names"));
    return box;
  }

  function edgeTip(e) {
    const box = el("div", null, "tip");
    box.appendChild(el("strong", e.relation));
    box.appendChild(el("div", e.evidence.length + " source sentence" + (e.evidence.length === 1 ? "" : "s"), "muted"));
    if (e.evidence.length) box.appendChild(el("q", e.evidence[0].sentence));
    return box;
  }

  const nodes = new vis.DataSet(DATA.nodes.map((n) => ({ ...n, title: nodeTip(n) })));
  const edges = new vis.DataSet(DATA.edges.map((e) => ({ ...e, title: edgeTip(e) })));
  // Name -> entity, as `kg viz --focus` resolves names: a label beats an alias, then the most mentioned wins.
  const byName = new Map();
  for (const pass of [(n) => [n.name], (n) => n.aliases]) {
    const found = new Map();
    for (const n of DATA.nodes) {
      for (const name of pass(n)) {
        const key = name.toLowerCase();
        if (byName.has(key)) continue;
        if (!found.has(key) || nodes.get(found.get(key)).mentions < n.mentions) found.set(key, n.id);
      }
    }
    for (const [key, id] of found) byName.set(key, id);
  }
  const names = document.getElementById("names");
  for (const name of [...new Set(DATA.nodes.flatMap((n) => [n.name, ...n.aliases]))].sort()) {
    const option = document.createElement("option");
    option.value = name;
    names.appendChild(option);
  }

  // Filters: the network draws DataViews over the data sets; a filter change recomputes
  // the visible ids and refreshes the views (vis-network's documented filtering pattern).
  const shownNodes = new Set(nodes.getIds());
  const shownEdges = new Set(edges.getIds());
  const nodeView = new vis.DataView(nodes, { filter: (n) => shownNodes.has(n.id) });
  const edgeView = new vis.DataView(edges, { filter: (e) => shownEdges.has(e.id) });

  function checked(name) {
    return new Set([...document.querySelectorAll('input[name="' + name + '"]:checked')].map((i) => i.value));
  }

  function applyFilters() {
    const classes = checked("class");
    const relations = checked("relation");
    const quoteFacts = checked("quote-facts").size > 0;
    const minimum = Number(slider.value);
    document.getElementById("min-confidence-value").textContent = minimum.toFixed(2);
    const classOk = new Set(DATA.nodes.filter((n) => classes.has(n.cls)).map((n) => n.id));
    shownEdges.clear();
    const dated = Boolean(dateFrom.value || dateTo.value);
    for (const e of DATA.edges) {
      if (!quoteFacts && e.fromQuotes) continue; // every sentence of this fact is a quote's attribution
      if (relations.has(e.relation) && confidenceOf(e.confidence) >= minimum && classOk.has(e.from) && classOk.has(e.to) &&
          (!dated || e.evidence.some((ev) => evidenceShown(ev, minimum)))) {
        shownEdges.add(e.id);
      }
    }
    // Same rule as `kg viz --relation/--min-confidence`: asking for facts hides entities without any.
    const factFilter = minimum > 0 || dated || !quoteFacts || document.querySelectorAll('input[name="relation"]:not(:checked)').length > 0;
    const touched = new Set();
    for (const id of shownEdges) {
      const e = edges.get(id);
      touched.add(e.from);
      touched.add(e.to);
    }
    shownNodes.clear();
    for (const id of classOk) if (!factFilter || touched.has(id)) shownNodes.add(id);
    nodeView.refresh();
    edgeView.refresh();
    document.getElementById("counts").textContent =
      shownNodes.size === DATA.nodes.length && shownEdges.size === DATA.edges.length
        ? DATA.nodes.length + " entities, " + DATA.edges.length + " facts"
        : "Showing " + shownNodes.size + " of " + DATA.nodes.length + " entities, " + shownEdges.size + " of " + DATA.edges.length + " facts";
  }

  function resetFilters() {
    for (const input of document.querySelectorAll('#filters input[type="checkbox"]')) input.checked = true;
    slider.value = "0";
    dateFrom.value = "";
    dateTo.value = "";
    applyFilters();
  }

  for (const input of document.querySelectorAll("#filters input")) input.addEventListener("input", applyFilters);
  document.getElementById("reset-filters").addEventListener("click", resetFilters);

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
      // Positions come laid out from kg (networkx, one layout per connected part, packed),
      // so the page draws once and nothing moves: no physics simulation, no jiggle.
      physics: { enabled: false },
      interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: DATA.edges.length > 500 },
    }
  );

  // Laid out by kg, so drawn once and still; ready (for users and tests) after the first drawing.
  function settled() {
    if (timings.ready !== undefined) return;
    timings.ready = performance.now();
    status.textContent = "";
    document.documentElement.dataset.kgReady = "1";
    if (DATA.focus) focusNode(DATA.focus);
  }
  network.once("afterDrawing", () => {
    timings.firstDraw = performance.now();
    settled();
  });
  if (!DATA.nodes.length) {
    panel.replaceChildren(el("p", "Nothing to show: the graph has no entities.", "muted"));
    settled();
  }

  function entityButton(id) {
    const n = nodes.get(id);
    const button = el("button", n ? n.name : id, "entity");
    button.type = "button";
    button.addEventListener("click", () => focusNode(id));
    return button;
  }

  function evidenceList(box, evidence) {
    const minimum = Number(slider.value);
    const quoteFacts = checked("quote-facts").size > 0;
    for (const ev of evidence) {
      if (!evidenceShown(ev, minimum) || (ev.quote && !quoteFacts)) continue;
      box.appendChild(el("q", ev.sentence));
      const source = el("div", null, "muted source");
      source.appendChild(document.createTextNode("Source: "));
      const url = ev.url ? safeUrl(ev.url) : null;
      if (url) {
        const link = el("a", ev.article);
        link.href = url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        source.appendChild(link);
      } else {
        source.appendChild(el("span", ev.article));
      }
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
    const n = nodes.get(id);
    panel.replaceChildren(el("h2", n.name));
    panel.appendChild(el("div", n.cls + " · " + n.mentions + " mention" + (n.mentions === 1 ? "" : "s"), "muted"));
    if (n.aliases.length) panel.appendChild(el("div", "Also called: " + n.aliases.join(", ")));
    panel.appendChild(el("div", n.id, "iri"));
    const facts = edges.get({ filter: (e) => shownEdges.has(e.id) && (e.from === id || e.to === id) });
    panel.appendChild(el("h2", facts.length ? "Facts (" + facts.length + ")" : "No facts shown"));
    for (const e of facts) panel.appendChild(factBox(e));
    quoteList(id);
  }

  function articleLine(q) {
    const line = el("div", null, "muted source");
    const url = q.url ? safeUrl(q.url) : null;
    if (url) {
      const link = el("a", q.article);
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      line.appendChild(link);
    } else {
      line.appendChild(el("span", q.article));
    }
    if (q.date) line.appendChild(el("span", " · " + q.date));
    const how = [q.kind === "according_to" ? "according to" : q.kind, q.cue && q.cue !== "according to" ? q.cue : null,
                 q.addressee ? "to " + q.addressee : null].filter(Boolean);
    line.appendChild(el("span", " · " + how.join(", ")));
    return line;
  }

  // The quotes a person or organization said, and the sources an article quotes (issue 12).
  function quoteList(id) {
    const said = DATA.quotes.filter((q) => q.speaker === id);
    if (said.length) {
      panel.appendChild(el("h2", "Quotes (" + said.length + ")"));
      for (const q of said) {
        const box = el("div", null, "quote");
        box.appendChild(el("q", q.text));
        box.appendChild(articleLine(q));
        panel.appendChild(box);
      }
    }
    const quoted = DATA.quotes.filter((q) => q.articleId === id && q.speaker);
    if (quoted.length) {
      const sources = new Map();
      for (const q of quoted) sources.set(q.speaker, (sources.get(q.speaker) || []).concat([q]));
      panel.appendChild(el("h2", "Sources quoted (" + sources.size + ")"));
      for (const [speaker, list] of sources) {
        const box = el("div", null, "quote");
        const line = el("div");
        line.append(nodes.get(speaker) ? entityButton(speaker) : el("strong", list[0].speakerName),
                    " ", el("span", list.length + " quote" + (list.length === 1 ? "" : "s"), "muted"));
        box.appendChild(line);
        box.appendChild(el("q", list[0].text));
        panel.appendChild(box);
      }
    }
  }

  function showEdge(id) {
    panel.replaceChildren(el("h2", "Fact"));
    panel.appendChild(factBox(edges.get(id)));
  }

  function focusNode(id) {
    if (!shownNodes.has(id)) resetFilters();
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }

  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  function find(text, partial) {
    const wanted = text.trim().toLowerCase();
    if (!wanted) return null;
    if (byName.has(wanted)) return byName.get(wanted);
    if (!partial) return null;
    const hits = DATA.nodes.filter((n) => [n.name, ...n.aliases].some((a) => a.toLowerCase().includes(wanted)));
    hits.sort((a, b) => b.mentions - a.mentions);
    return hits.length ? hits[0].id : null;
  }

  const search = document.getElementById("search");
  document.getElementById("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const id = find(search.value, true);
    if (id) {
      status.textContent = "";
      focusNode(id);
    } else {
      status.textContent = "No entity is called “" + search.value.trim() + "”.";
    }
  });
  search.addEventListener("input", () => {
    const id = find(search.value, false); // a full name picked from the list: go there at once
    if (id) focusNode(id);
  });

  window.kg = { network, nodes, edges, nodeView, edgeView, focusNode, applyFilters, timings };
})();
