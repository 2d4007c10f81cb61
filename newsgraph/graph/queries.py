"""Named SPARQL templates over claims, figures and entities.

Each template is a function from parameters to SPARQL text, so callers can run it and
show it (answers carry the SPARQL that produced them). Parameters are IRIs minted by
Newsgraph or literals escaped through rdflib, never raw user text.
"""

from __future__ import annotations

from rdflib import URIRef

from newsgraph.graph.vocab import SPARQL_PREFIXES

# The columns every claim query returns, in order.
CLAIM_COLUMNS = (
    "claim",
    "subject",
    "subjectLabel",
    "relation",
    "relationLabel",
    "object",
    "objectLabel",
    "objectText",
    "value",
    "unit",
    "period",
    "source",
    "sourceLabel",
    "genericSource",
    "reportingVerb",
    "stance",
    "negated",
    "hedged",
    "validTime",
    "sentence",
    "start",
    "end",
    "article",
    "headline",
    "published",
)

_CLAIM_BODY = """
    ?claim a ng:Claim ; ng:relation ?relation ; prov:wasDerivedFrom ?s ; schema:isPartOf ?article ;
           ng:stance ?stanceIri ; ng:negated ?negated ; ng:hedged ?hedged .
    ?relation rdfs:label ?relationLabel .
    ?stanceIri rdfs:label ?stance .
    ?s schema:text ?sentence ; ng:startOffset ?start ; ng:endOffset ?end .
    OPTIONAL { ?article schema:headline ?headline }
    OPTIONAL { ?article schema:datePublished ?published }
    OPTIONAL { ?claim ng:subject ?subject . ?subject rdfs:label ?subjectLabel }
    OPTIONAL { ?claim ng:object ?object .
               OPTIONAL { ?object rdfs:label ?objectLabel }
               OPTIONAL { ?object ng:value ?value }
               OPTIONAL { ?object ng:unit ?unit }
               OPTIONAL { ?object ng:period ?period } }
    OPTIONAL { ?claim ng:objectText ?objectText }
    OPTIONAL { ?claim ng:attributedTo ?source . ?source rdfs:label ?sourceLabel }
    OPTIONAL { ?claim ng:attributedSource ?genericSource }
    OPTIONAL { ?claim ng:reportingVerb ?reportingVerb }
    OPTIONAL { ?claim ng:validTime ?validTime }
"""


def _select(where: str, order: str) -> str:
    columns = " ".join(f"?{c}" for c in CLAIM_COLUMNS)
    return f"{SPARQL_PREFIXES}SELECT DISTINCT {columns} WHERE {{{where}}}\nORDER BY {order}"


def facts_about(entity: URIRef) -> str:
    """Every claim whose subject, object or source is the entity, newest article first."""
    where = f"""
    VALUES ?e {{ {entity.n3()} }}
    {{ ?claim ng:subject ?e }} UNION {{ ?claim ng:object ?e }} UNION {{ ?claim ng:attributedTo ?e }}
    {_CLAIM_BODY}"""
    return _select(where, "DESC(?published) ?article ?start")


def timeline_of(entity: URIRef) -> str:
    """The entity's claims that carry a time (their own or their figure's), oldest first."""
    where = f"""
    VALUES ?e {{ {entity.n3()} }}
    {{ ?claim ng:subject ?e }} UNION {{ ?claim ng:object ?e }} UNION {{ ?claim ng:attributedTo ?e }}
    {_CLAIM_BODY}
    FILTER(BOUND(?validTime) || BOUND(?period))"""
    return _select(where, "?validTime ?period ?published ?start")


def who(relation: URIRef, target: URIRef) -> str:
    """Who <relation> <target>: subjects of asserted, non-negated claims, e.g. who buys the H20."""
    where = f"""
    VALUES (?relation ?object) {{ ({relation.n3()} {target.n3()}) }}
    ?claim ng:object ?object ; ng:stance ng:Asserts ; ng:negated false .
    {_CLAIM_BODY}"""
    return _select(where, "?subjectLabel ?published")


def what(subject: URIRef, relation: URIRef) -> str:
    """What <subject> <relation>: the objects of its claims, e.g. what Nvidia develops."""
    where = f"""
    VALUES (?subject ?relation) {{ ({subject.n3()} {relation.n3()}) }}
    ?claim ng:subject ?subject .
    {_CLAIM_BODY}"""
    return _select(where, "DESC(?published) ?start")
