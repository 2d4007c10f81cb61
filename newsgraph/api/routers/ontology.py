"""The vocabulary for researchers at /ontology: every class, property and relation of the graph
with its label and comment, and example queries; a page for browsers, RDF for programs.

The terms are the ontology (graph/ontology.ttl) and the relation vocabulary the server runs
with, the same triples the store keeps in its ontology graph.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.term import Node

from newsgraph.api.common import PROBLEM, problem, server_state
from newsgraph.api.negotiation import prefers_html, wanted
from newsgraph.core.errors import QueryError
from newsgraph.graph.examples import EXAMPLES
from newsgraph.graph.rdf import vocabulary
from newsgraph.graph.vocab import NG

router = APIRouter(tags=["sparql"])

# rdflib's name for each media type a graph is served in.
_RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}


@router.get(
    "/ontology",
    response_class=Response,
    responses={
        200: {
            "description": "The vocabulary: an HTML page, or RDF",
            "content": {m: {"schema": {"type": "string"}} for m in ["text/html", *_RDFLIB_FORMATS]},
        },
        406: {"description": "No acceptable format", "content": PROBLEM},
    },
)
async def ontology(
    request: Request,
    format: Annotated[str | None, Query(description="turtle, ntriples, json-ld or rdf+xml")] = None,
) -> Response:
    """The graph's vocabulary: an HTML page for a browser, else RDF by negotiation."""
    terms = vocabulary(server_state(request).service.vocabulary.relations.values())
    accept = request.headers.get("accept")
    if format is None and prefers_html(accept):
        return HTMLResponse(_page(terms))
    try:
        media = wanted(accept, format).media(graph_result=True)
    except QueryError as exc:
        return problem(406, str(exc))
    return Response(terms.serialize(format=_RDFLIB_FORMATS[media], encoding="utf-8"), media_type=media)


def _page(graph: Graph) -> str:
    """Classes, properties, relations and every other labelled term in tables, then the example queries."""
    relations = set(graph.subjects(RDF.type, NG.Relation))
    classes = sorted(
        set(graph.subjects(RDF.type, OWL.Class)) | set(graph.subjects(RDF.type, RDFS.Class)), key=str
    )
    properties = sorted(
        {
            p
            for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)
            for p in graph.subjects(RDF.type, kind)
        }
        - relations,
        key=str,
    )
    others = sorted(
        {t for t in graph.subjects(RDFS.label, None) if isinstance(t, URIRef)}
        - set(classes)
        - set(properties)
        - relations
        - {URIRef(str(NG).rstrip("#"))},  # the ontology itself, described at the top
        key=str,
    )
    sections = [
        _table(graph, "Classes", classes, [("subclass of", RDFS.subClassOf)]),
        _table(graph, "Properties", properties, [("domain", RDFS.domain), ("range", RDFS.range)]),
        _table(
            graph,
            "Relations (the claims' ng:relation)",
            sorted(relations, key=str),
            [("inverse", OWL.inverseOf)],
        ),
        _table(graph, "Other terms (datatypes, stances, named values)", others, [("a", RDF.type)]),
    ]
    examples = "".join(f"<h3>{escape(e.title)}</h3><pre>{escape(e.about('Nvidia'))}</pre>" for e in EXAMPLES)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Newsgraph vocabulary</title>"
        "<style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}"
        "td,th{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}"
        "code{white-space:nowrap}pre{background:#f4f4f4;padding:1em;overflow:auto}</style></head><body>"
        "<h1>Newsgraph vocabulary</h1><p>Every class and property of the graph, with its label and comment."
        " The same as RDF: <code>curl -H 'Accept: text/turtle' .../ontology</code>. Query it at"
        " <a href='/sparql'>/sparql</a>; the prefixes below are predeclared there.</p>"
        + "".join(sections)
        + "<h2>Example queries</h2>"
        + examples
        + "</body></html>"
    )


def _table(graph: Graph, title: str, terms: Sequence[Node], extra: list[tuple[str, URIRef]]) -> str:
    head = "".join(
        f"<th>{escape(name)}</th>" for name in ["term", "label", *[n for n, _ in extra], "comment"]
    )
    rows = []
    for term in terms:
        name = escape(_compact(graph, term))
        cells = [
            f"<code id='{name}'>{name}</code>",
            escape(str(graph.value(term, RDFS.label) or "")),
            *(escape(", ".join(_compact(graph, o) for o in graph.objects(term, p))) for _, p in extra),
            escape(str(graph.value(term, RDFS.comment) or "")),
        ]
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    return f"<h2>{escape(title)}</h2><table><tr>{head}</tr>{''.join(rows)}</table>"


def _compact(graph: Graph, term: Node) -> str:
    try:
        return graph.namespace_manager.normalizeUri(term) if isinstance(term, URIRef) else str(term)
    except ValueError:
        return str(term)
