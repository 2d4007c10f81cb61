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
    OPTIONAL { ?claim ng:subject ?subject OPTIONAL { ?subject rdfs:label ?subjectLabel } }
    OPTIONAL { ?claim ng:object ?object .
               OPTIONAL { ?object rdfs:label ?objectLabel }
               OPTIONAL { ?object ng:value ?value }
               OPTIONAL { ?object ng:unit ?unit }
               OPTIONAL { ?object ng:period ?period } }
    OPTIONAL { ?claim ng:objectText ?objectText }
    OPTIONAL { ?claim ng:attributedTo ?source OPTIONAL { ?source rdfs:label ?sourceLabel } }
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


def facts_in(article: URIRef) -> str:
    """Every claim an article states, in reading order."""
    where = f"""
    VALUES ?article {{ {article.n3()} }}
    {_CLAIM_BODY}"""
    return _select(where, "?start ?claim")


def timeline_of(entity: URIRef) -> str:
    """The entity's claims that carry a time (their own or their figure's), oldest first."""
    where = f"""
    VALUES ?e {{ {entity.n3()} }}
    {{ ?claim ng:subject ?e }} UNION {{ ?claim ng:object ?e }} UNION {{ ?claim ng:attributedTo ?e }}
    {_CLAIM_BODY}
    FILTER(BOUND(?validTime) || BOUND(?period))"""
    return _select(where, "?validTime ?period ?published ?start")


def _within(articles: list[URIRef] | None) -> str:
    """A VALUES block that keeps a template to these articles (all of them when None)."""
    return "" if articles is None else f"VALUES ?article {{ {_graphs(articles)} }}"


def who(relation: URIRef, target: URIRef, articles: list[URIRef] | None = None) -> str:
    """Who <relation> <target>: subjects of asserted, non-negated claims, e.g. who buys the H20;
    in `articles` only, when given (the articles a question's search found)."""
    where = f"""
    VALUES (?relation ?object) {{ ({relation.n3()} {target.n3()}) }}
    {_within(articles)}
    ?claim ng:object ?object ; ng:stance ng:Asserts ; ng:negated false .
    {_CLAIM_BODY}"""
    return _select(where, "?subjectLabel ?published")


def subjects(relations: list[URIRef], target: URIRef) -> str:
    """The names of who <relation> <target> in any article (asserted, not negated), for one of
    several relations: who develops or manufactures a product. Only the names are read."""
    return f"""{SPARQL_PREFIXES}SELECT DISTINCT ?subjectLabel WHERE {{
    VALUES ?relation {{ {" ".join(r.n3() for r in relations)} }}
    ?claim a ng:Claim ; ng:relation ?relation ; ng:object {target.n3()} ; ng:stance ng:Asserts ;
           ng:negated false ; ng:subject ?subject .
    ?subject rdfs:label ?subjectLabel }}"""


def what(subject: URIRef, relation: URIRef, articles: list[URIRef] | None = None) -> str:
    """What <subject> <relation>: the objects of its claims, e.g. what Nvidia develops;
    in `articles` only, when given."""
    where = f"""
    VALUES (?subject ?relation) {{ ({subject.n3()} {relation.n3()}) }}
    {_within(articles)}
    ?claim ng:subject ?subject .
    {_CLAIM_BODY}"""
    return _select(where, "DESC(?published) ?start")


def sides(relation: URIRef, articles: list[URIRef]) -> str:
    """The subject and object of every claim of one relation in these articles: a quick look
    before the full templates (who, what), which run only where it finds the asked entity."""
    return f"""{SPARQL_PREFIXES}SELECT DISTINCT ?subject ?object WHERE {{
    VALUES ?article {{ {_graphs(articles)} }}
    ?claim schema:isPartOf ?article ; ng:relation {relation.n3()} .
    OPTIONAL {{ ?claim ng:subject ?subject }}
    OPTIONAL {{ ?claim ng:object ?object }} }}"""


def _graphs(articles: list[URIRef]) -> str:
    return " ".join(a.n3() for a in articles)


# The optional parts of the evidence queries are read from the union of the graphs, outside the
# GRAPH block: inside it, Oxigraph evaluates each OPTIONAL over every graph (46 ms against 7 ms
# for one question's figures). Nodes are IRIs of their own article, so the answers are the same.
def sentences_of(articles: list[URIRef]) -> str:
    """Every sentence of these articles, with the article's headline and publication date."""
    return f"""{SPARQL_PREFIXES}SELECT ?article ?sentence ?start ?end ?text ?headline ?published WHERE {{
    VALUES ?article {{ {_graphs(articles)} }}
    GRAPH ?article {{
        ?sentence a ng:Sentence ; ng:startOffset ?start ; ng:endOffset ?end ; schema:text ?text . }}
    OPTIONAL {{ ?article schema:headline ?headline }}
    OPTIONAL {{ ?article schema:datePublished ?published }} }}
ORDER BY ?article ?start"""


def mentions_in(articles: list[URIRef]) -> str:
    """The entity mentions of these articles: sentence, offsets and entity."""
    return f"""{SPARQL_PREFIXES}SELECT ?sentence ?start ?end ?entity WHERE {{
    VALUES ?article {{ {_graphs(articles)} }}
    GRAPH ?article {{ ?m ng:inSentence ?sentence ; ng:refersTo ?entity ;
                          ng:startOffset ?start ; ng:endOffset ?end }} }}"""


def members_listed(sentence: URIRef, first: int, last: int) -> str:
    """The entities mentioned in one stretch of a sentence: the members of a list it names."""
    return f"""{SPARQL_PREFIXES}SELECT DISTINCT ?entity ?label ?start WHERE {{
    ?m ng:inSentence {sentence.n3()} ; ng:refersTo ?entity ; ng:startOffset ?start .
    ?entity rdfs:label ?label .
    FILTER(?start >= {int(first)} && ?start < {int(last)}) }}
ORDER BY ?start"""


def figures_in(articles: list[URIRef]) -> str:
    """The figures of these articles: sentence, offsets, text, value, unit, measured thing, period."""
    return f"""{SPARQL_PREFIXES}SELECT ?sentence ?start ?end ?text ?value ?unit ?measured ?period WHERE {{
    VALUES ?article {{ {_graphs(articles)} }}
    GRAPH ?article {{
        ?f a ng:Figure ; prov:wasDerivedFrom ?sentence ; schema:text ?text ; ng:value ?value ;
           ng:startOffset ?start ; ng:endOffset ?end . }}
    OPTIONAL {{ ?f ng:unit ?unit }} OPTIONAL {{ ?f ng:measures ?measured }}
    OPTIONAL {{ ?f ng:period ?period }} }}
ORDER BY ?sentence ?start"""


def dates_in(articles: list[URIRef]) -> str:
    """The time expressions of these articles: sentence, offsets, text, value and precision."""
    return f"""{SPARQL_PREFIXES}SELECT ?sentence ?start ?end ?text ?value ?precision WHERE {{
    VALUES ?article {{ {_graphs(articles)} }}
    GRAPH ?article {{
        ?d a ng:TimeExpression ; ng:inSentence ?sentence ; schema:text ?text ; ng:timeValue ?value ;
           ng:startOffset ?start ; ng:endOffset ?end . }}
    OPTIONAL {{ ?d ng:precision ?precision }} }}
ORDER BY ?sentence ?start"""
