"""A synthetic entity graph of the size and shape of a built news corpus, for tests and benchmarks of the explorer.

Building the 2,225 BBC articles takes several minutes on two cores, too slow for the test
suite, so the browser tests draw a graph made here instead: the networkx graph that
:func:`kg.output.entitygraph.load_graph` returns for a build, with the counts measured on
the BBC build of 2026-12-03 (``kg build .../bbc-news/articles.jsonl -o /work/big/bbc``):
13,368 entities (4,547 with a fact) and 1,828 articles as fact ends; 4,286 ``cited_by``
facts and 2,342 others; between entities, 3,154 entities and 2,518 pairs in 722 connected
parts, the most connected entities at 129, 128, 77, 56 ... facts; 1.45 evidence sentences
per fact. Hubs (countries, cities, outlets) take most facts; the rest fall in small topical
groups. Three people share a name, as in the corpus: "George W Bush" (also "Bush"),
"Bush" and "George Bush".

Example::

    graph = corpus_graph(2225)   # about 15,000 nodes and 6,600 facts, the same every time
"""

from __future__ import annotations

import random

import networkx as nx

RESOURCE = "https://w3id.org/kg-news/resource/"
BBC_ARTICLES = 2225
# Measured on the BBC build (per 2,225 articles).
ENTITY_CLASSES = [
    ("Person", 6501), ("Organization", 3848), ("Place", 1326), ("Company", 438), ("GovernmentOrganization", 283),
    ("MediaOrganization", 243), ("City", 217), ("Country", 147), ("ResearchOrganization", 95),
    ("EducationalOrganization", 88), ("Region", 65), ("SportsTeam", 62), ("PoliticalParty", 26), ("MilitaryUnit", 16),
    ("InternationalOrganization", 13),
]
RELATIONS = [
    ("works_for", 781), ("based_in", 503), ("heads", 289), ("lives_in", 252), ("citizen_of", 201), ("located_in", 188),
    ("leader_of", 52), ("member_of", 40), ("owns", 18), ("acquired", 9), ("killed", 5), ("part_of", 4),
]
CITED_BY = 4286
CITED_ARTICLES = 1828
ENTITIES_WITH_FACTS = 4547
HUBS = 40
FIRST = ["Anna", "Ben", "Clara", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "James", "Kate", "Luis", "Maria",
         "Nina", "Omar", "Paul", "Rosa", "Sam", "Tara", "Victor", "Wei", "Yusuf", "Zoe", "Alan", "Bridget", "Carlos"]
LAST = ["Adams", "Brown", "Chen", "Dixon", "Evans", "Fischer", "Garcia", "Hughes", "Ivanov", "Jones", "Khan", "Lopez",
        "Morgan", "Nakamura", "Owen", "Patel", "Quinn", "Rossi", "Singh", "Taylor", "Usman", "Vance", "Walker", "Young"]
WORDS = ["North", "Global", "United", "First", "Capital", "Royal", "Pacific", "Atlantic", "Central", "Western",
         "Eastern", "National", "Metro", "Union", "Standard", "Digital", "General", "Allied", "Premier", "Summit"]
KINDS = {"Organization": "Group", "Company": "plc", "GovernmentOrganization": "Ministry", "MediaOrganization": "News",
         "ResearchOrganization": "Institute", "EducationalOrganization": "University", "SportsTeam": "FC",
         "PoliticalParty": "Party", "MilitaryUnit": "Brigade", "InternationalOrganization": "Council",
         "Place": "Valley", "City": "City", "Country": "Land", "Region": "Province"}


def _iri(cls: str, name: str) -> str:
    kind = "person" if cls == "Person" else "place" if cls in ("Place", "City", "Country", "Region") else "organization"
    return RESOURCE + kind + "/" + name.replace(" ", "_")


def corpus_graph(articles: int = BBC_ARTICLES, seed: int = 7) -> nx.MultiDiGraph:
    """An entity graph shaped like a kg build of ``articles`` news articles (counts scale with it)."""
    rng = random.Random(seed)
    scale = articles / BBC_ARTICLES
    g = nx.MultiDiGraph()
    names: set[str] = set()

    def name_for(cls: str, i: int) -> str:
        while True:
            if cls == "Person":
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            else:
                name = f"{rng.choice(WORDS)} {rng.choice(LAST)} {KINDS[cls]}"
            if name not in names:
                names.add(name)
                return name
            if rng.random() < 0.3:
                name = f"{name} {i}"
                if name not in names:
                    names.add(name)
                    return name

    entities: list[str] = []
    for cls, count in ENTITY_CLASSES:
        for i in range(max(1, round(count * scale))):
            label = name_for(cls, i)
            node = _iri(cls, label)
            aliases = [label.split()[-1]] if cls == "Person" and rng.random() < 0.12 else []
            mentions = 1 + int(rng.paretovariate(1.6)) - 1
            g.add_node(node, label=label, cls=cls, aliases=aliases, mentions=mentions)
            entities.append(node)
    bush = {}
    for label, aliases, mentions in (("George W Bush", ["Bush"], 120), ("Bush", [], 14), ("George Bush", [], 3)):
        bush[label] = _iri("Person", label)
        g.add_node(bush[label], label=label, cls="Person", aliases=aliases, mentions=mentions)
    rng.shuffle(entities)
    active = entities[: max(10, round(ENTITIES_WITH_FACTS * scale))]
    places = [n for n in active if g.nodes[n]["cls"] in ("Country", "City", "Place", "Region")]
    outlets = [n for n in active if g.nodes[n]["cls"] in ("MediaOrganization", "Company", "GovernmentOrganization")]
    hubs = (places[: HUBS * 2 // 3] + outlets[: HUBS // 3])[:HUBS]
    for rank, hub in enumerate(hubs):
        g.nodes[hub]["mentions"] = 400 // (rank + 1) + 20
    hub_weights = [130 / (rank + 1) ** 0.9 for rank in range(len(hubs))]
    others = [n for n in active if n not in set(hubs)]
    article_ids = [f"{RESOURCE}article/bbc-{i:04d}" for i in range(max(1, round(CITED_ARTICLES * scale)))]
    titles = {a: f"Report {i}: {rng.choice(WORDS)} {rng.choice(LAST)} {rng.choice(['talks', 'profits', 'deal', 'vote', 'strike'])}"
              for i, a in enumerate(article_ids)}

    def evidence(relation: str, a: str, b: str) -> list[dict]:
        out = []
        for _ in range(1 if rng.random() < 0.65 else 2):
            article = rng.choice(article_ids)
            out.append({
                "sentence": f"{g.nodes[a]['label']} ({relation.replace('_', ' ')}) {g.nodes[b]['label']}, the report said.",
                "article": titles[article],
                "url": None,
                "confidence": round(rng.uniform(0.45, 0.98), 2),
            })
        out.sort(key=lambda e: (-e["confidence"], e["article"], e["sentence"]))
        return out

    def add_fact(a: str, b: str, relation: str) -> bool:
        if a == b or g.has_edge(a, b, key=relation):
            return False
        g.add_edge(a, b, key=relation, relation=relation, evidence=evidence(relation, a, b))
        return True

    relations = [r for r, _ in RELATIONS]
    relation_weights = [w for _, w in RELATIONS]
    wanted = round(sum(relation_weights) * scale)
    fresh = iter(others)
    used: list[str] = []
    made = 0
    while made < wanted:
        relation = rng.choices(relations, relation_weights)[0]
        # Mostly a name seen once, tied to a hub or to another new name (the corpus's many pairs); sometimes a known one.
        subject = next(fresh, None) if rng.random() < 0.8 else None
        subject = subject or rng.choice(used or others)
        roll = rng.random()
        if roll < 0.45:
            obj = rng.choices(hubs, hub_weights)[0]
        elif roll < 0.9:
            obj = next(fresh, None) or rng.choice(others)
        else:
            obj = rng.choice(used or others)
        if add_fact(subject, obj, relation):
            made += 1
            used += [n for n in (subject, obj) if n not in hubs]
    for subject, obj, relation in ((bush["George W Bush"], hubs[0], "leader_of"), (bush["George W Bush"], hubs[1], "citizen_of"),
                                   (bush["Bush"], hubs[0], "citizen_of"), (bush["George Bush"], hubs[2], "lives_in")):
        add_fact(subject, obj, relation)
    for article in article_ids:
        g.add_node(article, label=titles[article], cls="NewsArticle", aliases=[], mentions=1)
    cited = 0
    sources = others + hubs[:5] + [bush["George W Bush"]]
    while cited < round(CITED_BY * scale):
        cited += add_fact(rng.choice(sources), rng.choice(article_ids), "cited_by")
    return g
