"""Example queries that answer analysts' questions over the graph, shown at /ontology and in the
README: each is a title, the question it answers, and SPARQL (Newsgraph's prefixes are
predeclared at /sparql), with NAME standing for an entity's label."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    title: str
    sparql: str

    def about(self, name: str) -> str:
        """The query about the entity labelled `name` (quotes and backslashes escaped)."""
        return self.sparql.replace("NAME", name.replace("\\", "\\\\").replace('"', '\\"'))


EXAMPLES = (
    Example(
        "Claims about an entity, with who says so and the sentence",
        """SELECT ?relation ?object ?source ?sentence WHERE {
  ?claim a ng:Claim ; ng:subject ?e ; ng:relation/rdfs:label ?relation ;
         prov:wasDerivedFrom/schema:text ?sentence .
  ?e rdfs:label "NAME" .
  OPTIONAL { ?claim ng:object/rdfs:label ?object }
  OPTIONAL { ?claim ng:attributedTo/rdfs:label ?source }
} LIMIT 20""",
    ),
    Example(
        "An entity's figures over time, with unit and period",
        """SELECT ?period ?value ?unit ?relation ?published WHERE {
  ?claim ng:subject ?e ; ng:relation/rdfs:label ?relation ; ng:object ?figure ;
         schema:isPartOf ?article .
  ?e rdfs:label "NAME" .
  ?figure a ng:Figure ; ng:value ?value ; ng:unit ?unit .
  OPTIONAL { ?figure ng:period ?period }
  OPTIONAL { ?article schema:datePublished ?published }
} ORDER BY ?period ?published""",
    ),
    Example(
        "Conflicting figures: one subject, relation, unit and period, other values from another source",
        """SELECT DISTINCT ?subject ?relation ?period ?unit ?value1 ?source1 ?value2 ?source2 WHERE {
  ?c1 ng:subject ?s ; ng:relation ?r ; ng:object ?f1 ; schema:isPartOf ?a1 .
  ?c2 ng:subject ?s ; ng:relation ?r ; ng:object ?f2 ; schema:isPartOf ?a2 .
  ?f1 a ng:Figure ; ng:value ?value1 ; ng:unit ?unit ; ng:period ?period .
  ?f2 a ng:Figure ; ng:value ?value2 ; ng:unit ?unit ; ng:period ?period .
  ?a1 schema:publisher/schema:name ?publisher1 .
  ?a2 schema:publisher/schema:name ?publisher2 .
  OPTIONAL { ?c1 ng:attributedTo/rdfs:label ?by1 }
  OPTIONAL { ?c2 ng:attributedTo/rdfs:label ?by2 }
  BIND(COALESCE(?by1, ?publisher1) AS ?source1)
  BIND(COALESCE(?by2, ?publisher2) AS ?source2)
  FILTER(?value1 < ?value2 && ?source1 != ?source2)
  ?s rdfs:label ?subject . ?r rdfs:label ?relation .
} ORDER BY ?subject ?period""",
    ),
)
