"""Terms of the kg-news ontology as an rdflib DefinedNamespace, and the resource namespace.

Generated from ontology/kg.ttl by ``python scripts/gen_namespace.py``; do not edit by hand.
After changing the ontology, run that command again (``--check`` reports a stale file).
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["KG", "RES"]


class KG(DefinedNamespace):
    """kg-news ontology 1.0.0.

    Classes and relations for a knowledge graph of facts extracted from news articles:
    people, organizations and places, the relations between them that news text states
    (leadership, employment, membership, location, ownership, citation, conflict), and
    the provenance of every fact occurrence (article, evidence sentence, character span,
    extraction rule and confidence). Classes are aligned to schema.org and provenance to
    PROV-O.

    A misspelt term raises AttributeError instead of minting a new IRI.

    Generated from: ontology/kg.ttl
    """

    _fail = True
    _NS = Namespace("https://w3id.org/kg-news/ontology#")

    # Classes
    Assertion: URIRef  # assertion: One occurrence of a fact in one article, reified with rdf:subject, rdf:predicate and rdf:object.
    City: URIRef  # city: A city, town or village, such as Kyiv or Sudzha.
    Company: URIRef  # company: A business corporation, such as Tesla or Gazprom.
    Country: URIRef  # country: A sovereign state, such as Russia, Ukraine or the United States.
    EducationalOrganization: URIRef  # educational organization: A university, college or school, such as the London School of Economics.
    Extractor: URIRef  # extractor: A versioned extraction rule, named like title_appositive.v1, that produced assertions.
    Fact: URIRef  # fact over time: One fact (subject, relation, object) over every article that states it, in the merged graph: reified with rdf:subject, rdf:predicate and rdf:object, with the earliest and latest dates it was observed (kg:firstObserved, kg:lastObserved), the earliest and latest dates it was observed as current (kg:firstCurrent, kg:lastCurrent), and the union of its stated intervals (kg:heldDuring).
    GovernmentOrganization: URIRef  # government organization: A government, ministry, agency, parliament or other public body, such as the Kremlin or the US State Department.
    InternationalOrganization: URIRef  # international organization: An organization whose members are states, such as the EU, NATO or the UN.
    Interval: URIRef  # interval: A stretch of time a fact held, from kg:validFrom to kg:validUntil (either may be open).
    MediaOrganization: URIRef  # media organization: A news outlet, broadcaster, news agency or publisher, such as Bloomberg, Reuters or 24 Channel.
    MilitaryUnit: URIRef  # military unit: An armed force or one of its units, such as the Armed Forces of Ukraine or the Wagner Group.
    NewsArticle: URIRef  # news article: A news article that facts are extracted from; kg writes articles typed as schema:NewsArticle, which this class is equivalent to.
    Organization: URIRef  # organization: A company, government body, party, news outlet, armed force or any other organized group of people.
    Person: URIRef  # person: A human being named in a news article, such as a politician, executive, journalist or expert.
    Place: URIRef  # place: A geographical or political place, such as a country, region, city or territory.
    PoliticalParty: URIRef  # political party: A political party, such as Labour or the Christian Democratic Union.
    Quote: URIRef  # quote: Attributed speech in one article: the words in quotation marks (direct), a reported clause ("X said that ...", indirect) or a clause cited "according to X".
    Region: URIRef  # region: An administrative area within a country, such as a state, province or oblast (the Kursk region, Bavaria).
    ResearchOrganization: URIRef  # research organization: A think tank, research institute or laboratory, such as Chatham House or the Petersburg Politics Foundation.
    SportsTeam: URIRef  # sports team: A sports club or team, such as Shakhtar Donetsk.

    # Object properties
    acquired: URIRef  # acquired: Person or organization that bought or took over an organization; acquiring implies owning at the time of the acquisition, hence the sub-property of kg:owns, though the buyer may have sold it since.
    at_war_with: URIRef  # at war with: Country at war with another country; symmetric, so either side may be the subject.
    author_of: URIRef  # author of: Person who wrote a news article, as named in its byline; ?p kg:author_of ?a holds exactly when ?a schema:author ?p, so kg:author_of is the inverse of schema:author (which goes from article to person).
    based_in: URIRef  # based in: Organization whose headquarters or main base is in a place.
    cited_by: URIRef  # cited by: Source (person or organization) whose report is cited by a reporting outlet, person or article; the inverse of kg:cites.
    cites: URIRef  # cites: Reporting outlet, person or article that cites a source (person or organization); the inverse of kg:cited_by.
    citizen_of: URIRef  # citizen of: Person who is a citizen or national of a country, usually signalled by a demonym before a title.
    controls: URIRef  # controls: Country or organization (a government, armed force or armed group) that holds military or administrative control of a place.
    government_of: URIRef  # government of: The government of a country: the organization its ministers, ambassadors and officials work for.
    heads: URIRef  # heads: Person at the head of an organization, as head, chief executive, chairman or director; heading an organization implies working for it.
    killed: URIRef  # killed: Person who killed another person, as in assassinated, shot dead or executed, in active or passive voice.
    leader_of: URIRef  # leader of: Person who leads a country, government or party, as president, prime minister, king, dictator or party leader.
    lives_in: URIRef  # lives in: Person who lives in a place.
    located_in: URIRef  # located in: Place that lies within another place; transitive, so a city in a region of a country is in that country.
    member_of: URIRef  # member of: Person who is a member of an organization such as a party or parliament, or country that is a member state of an international organization.
    outlet: URIRef  # outlet: The news outlet that carried a quote: the outlet it was said to ("told the BBC") or the outlet whose report the article relays ("reported by 24 Channel with reference to Bloomberg").
    owns: URIRef  # owns: Person or organization that owns all of an organization or a stake in it.
    part_of: URIRef  # part of: Organization that is a subsidiary, division or unit of another organization; transitive.
    reported_from: URIRef  # reported from: News organization that filed an article from a place, as the article's wire dateline states.
    speaker: URIRef  # speaker: The person or organization who said a quote, resolved to the entity the article names ("he said" is the person just named; "a spokesman for X" is X).
    works_for: URIRef  # works for: Person employed by or serving an organization, such as an analyst, consultant, spokesman, correspondent or a minister of a government.

    # Datatype properties
    addressee: URIRef  # addressee: Who or what received a quote, as the article names it: an outlet ("told the BBC"), a medium ("in a statement", "on Twitter") or an audience ("told reporters").
    articleCount: URIRef  # article count: In how many articles of the corpus the entity is mentioned at least once; never negative.
    asOf: URIRef  # as of: The date the assertion was observed: its article's publication date (an xsd:date, or xsd:gYearMonth/xsd:gYear when only that much is certain).
    charEnd: URIRef  # character end: Offset just after the last character of the evidence sentence in the article body text (exclusive), so body[charStart:charEnd] is the sentence (of a quote: its words).
    charStart: URIRef  # character start: Offset of the first character of the evidence sentence (of a quote: of its words) in the article body text, counted from 0.
    confidence: URIRef  # confidence: How sure the extractor is of the assertion (of a quote: of its speaker), a decimal from 0 (a guess) to 1 (certain).
    cue: URIRef  # cue: The verb lemma or phrase that attributes a quote: say, tell, warn, deny, tweet, write, according to.
    firstCurrent: URIRef  # first observed current: The earliest article date on which a fact was stated as holding then (status current, acting or none).
    firstObserved: URIRef  # first observed: The earliest article date on which a fact was stated, whatever its status.
    lastCurrent: URIRef  # last observed current: The latest article date on which a fact was stated as holding then (status current, acting or none).
    lastObserved: URIRef  # last observed: The latest article date on which a fact was stated, whatever its status.
    mentionCount: URIRef  # mention count: How many times the entity is mentioned in the corpus, counting every alias; never negative.
    observations: URIRef  # observations: How many assertions (fact occurrences) of the corpus state a fact.
    quoteKind: URIRef  # quote kind: How a quote is given: "direct" (words in quotation marks), "indirect" (reported speech, "X said that ...") or "according_to" ("according to X, ...").
    sentence: URIRef  # sentence: The evidence sentence the assertion was extracted from, verbatim from the article body text.
    status: URIRef  # status: When the role an assertion states holds, relative to its article's date, as the text says: "current" ("outgoing Prime Minister", "since 2019"), "former" ("former", "ex-", "then-", "late", "who stepped down last year"), "future" ("president-elect", "incoming") or "acting" ("acting", "interim").
    validFrom: URIRef  # valid from: First year (xsd:gYear) or day (xsd:date) a fact held, on an assertion whose sentence states it ("since 2019", "from 2010 to 2014") or on a kg:Interval.
    validUntil: URIRef  # valid until: Last year (xsd:gYear) or day (xsd:date) a fact held, on an assertion whose sentence states it ("until 2004", "who stepped down last year") or on a kg:Interval.

    # Annotation properties
    displayColour: URIRef  # display colour: The colour (CSS hex) kg's explorer and pictures draw a class's entities or a relation's edges in.
    displayShape: URIRef  # display shape: The node shape (a vis-network shape name: dot, square, triangle, diamond) kg draws a top class's entities with; every subclass shares its top class's shape, so the shape tells the family and the colour the class.

    # Other terms
    heldDuring: URIRef  # held during: An interval a fact held, one per disjoint part of the union of the intervals its assertions state.


RES = Namespace("https://w3id.org/kg-news/resource/")
"""Namespace of the resources kg mints, one path segment per kind.

For example ``RES["person/Vladimir_Putin"]``, ``RES["country/Russia"]``,
``RES["article/000_bedcb93597ba2cf9"]``, ``RES["assertion/<hash>"]`` and
``RES["extractor/title_modifier.v1"]``. It is an open ``Namespace``: any name is allowed.
"""
