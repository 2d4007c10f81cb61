"""SPARQL 1.1 queries as the Protocol serves them: dataset choice, formats, limits.

The researcher's endpoint runs queries straight on an Oxigraph store (not through
rdflib) so that `default-graph-uri` and `named-graph-uri` work and every result format is
written as the standards say; a result past the row cap is refused. The default graph is
the union of every graph unless the request names its graphs. Where queries run, and
how long, is newsgraph/graph/sandbox.py's business; what they may do, guard.py's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from newsgraph.core.errors import QueryError
from newsgraph.core.text import one_line
from newsgraph.graph.vocab import PREFIXES

# ng:, schema:, prov:, rdfs: ... need no PREFIX line, as in `newsgraph sparql`.
PREFIX_IRIS = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"

# Media types each kind of result can be written in; the first is the default.
SOLUTION_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "text/n3": ox.RdfFormat.TURTLE,  # Turtle is N3, and the clients that ask for N3 read it
    "text/rdf+n3": ox.RdfFormat.TURTLE,
    "application/n3": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/x-json+ld": ox.RdfFormat.JSON_LD,
    "application/json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/xml": ox.RdfFormat.RDF_XML,
}
# The default graph as queries see it, the union of the named graphs, as triples.
UNION_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
# The served media type for each graph format.
GRAPH_MEDIA = {
    ox.RdfFormat.TURTLE: "text/turtle",
    ox.RdfFormat.N_TRIPLES: "application/n-triples",
    ox.RdfFormat.JSON_LD: "application/ld+json",
    ox.RdfFormat.RDF_XML: "application/rdf+xml",
}
SOLUTION_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}


class NotAcceptable(QueryError):
    """The client accepts no format this kind of result can be written in."""


class QueryTimeout(QueryError):
    """The query ran past the deadline."""


class TooManyRows(QueryError):
    """The result has more rows than the endpoint serves."""


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset of one request: named default graphs and named graphs, or the whole store."""

    default_graphs: Sequence[str] = ()
    named_graphs: Sequence[str] = ()


@dataclass(frozen=True)
class Wanted:
    """The media types a client takes, as the edge negotiated them (newsgraph/api/negotiation.py):
    one for solutions (SELECT, ASK) and one for graphs (CONSTRUCT, DESCRIBE), None where it
    takes none of that kind; `asked` is what it asked for, for the error."""

    solutions: str | None = "application/sparql-results+json"
    graph: str | None = "text/turtle"
    asked: str = "*/*"

    def media(self, graph_result: bool) -> str:
        """The media type to write a result of this kind in, or NotAcceptable."""
        media = self.graph if graph_result else self.solutions
        if media is None:
            kinds = "graph (CONSTRUCT/DESCRIBE)" if graph_result else "solutions (SELECT/ASK)"
            offered = GRAPH_TYPES if graph_result else SOLUTION_TYPES
            raise NotAcceptable(
                f"cannot write {kinds} as {self.asked}; use one of {', '.join(sorted(offered))}"
            )
        return media


@dataclass(frozen=True)
class Reply:
    """A serialized result and its media type."""

    body: bytes
    media_type: str
    rows: int = 0
    extra: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- running


def evaluate(
    store: ox.Store, query: str, dataset: Dataset, wanted: Wanted, rows: int, base: str | None = None
) -> Reply:
    """Run one query on a store and serialize its result in the format the client takes.

    The query must have passed the guard (newsgraph/graph/guard.py): this runs whatever
    it is given. More than `rows` rows (or triples) is a TooManyRows error. Relative IRIs
    in the query resolve against `base` (the endpoint's URL, as the Protocol allows).
    """
    try:
        result = store.query(
            query,
            base_iri=base,
            prefixes=PREFIX_IRIS,
            use_default_graph_as_union=not dataset.default_graphs,
            default_graph=[ox.NamedNode(graph_iri(g)) for g in dataset.default_graphs] or None,
            named_graphs=[ox.NamedNode(graph_iri(g)) for g in dataset.named_graphs] or None,
        )
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {one_line(exc, 160)}") from exc
    except (ValueError, OSError) as exc:
        raise QueryError(f"SPARQL query failed: {one_line(exc, 160)}") from exc
    return written(result, wanted, rows)


def written(
    result: ox.QueryBoolean | ox.QuerySolutions | Iterable[ox.Triple], wanted: Wanted, rows: int
) -> Reply:
    """A query's result (a boolean, solutions, or triples) in the format the client takes; more
    than `rows` rows (or triples) is a TooManyRows error."""
    if isinstance(result, ox.QueryBoolean):
        media = wanted.media(graph_result=False)
        return Reply(_boolean(bool(result), SOLUTION_TYPES[media]), media, 1)
    if not isinstance(result, ox.QuerySolutions):  # triples: a CONSTRUCT or DESCRIBE
        media = wanted.media(graph_result=True)
        triples = list(_capped(result, rows))
        body = ox.serialize(triples, format=GRAPH_TYPES[media]) or b""
        return Reply(body, media, len(triples))
    media = wanted.media(graph_result=False)
    names = [v.value for v in result.variables]
    solutions = list(_capped(result, rows))
    return Reply(_solutions(names, solutions, SOLUTION_TYPES[media]), media, len(solutions))


def _capped(rows: Iterable[Any], cap: int) -> Iterator[Any]:
    count = 0
    try:
        for row in rows:
            count += 1
            if count > cap:
                raise TooManyRows(
                    f"the result has more than {cap:,} rows, the most this endpoint returns; "
                    "add a LIMIT or page with OFFSET"
                )
            yield row
    except (ValueError, OSError) as exc:
        raise QueryError(f"SPARQL query failed: {one_line(exc, 160)}") from exc


def graph_iri(value: str) -> str:
    """A graph IRI a client named, checked; QueryError when it is none."""
    try:
        return ox.NamedNode(value).value
    except ValueError as exc:
        raise QueryError(f"not a graph IRI: {value!r}") from exc


# ---------------------------------------------------------------- result formats


def _boolean(answer: bool, fmt: str) -> bytes:
    word = "true" if answer else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer}).encode()
    if fmt == "xml":
        return (
            f'<?xml version="1.0"?>\n<sparql xmlns="{SPARQL_RESULTS_NS}"><head/>'
            f"<boolean>{word}</boolean></sparql>\n"
        ).encode()
    return f"{word}\n".encode()


Row = ox.QuerySolution


def _solutions(names: list[str], rows: list[Row], fmt: str) -> bytes:
    if fmt == "json":
        bindings = [{name: _json_term(row[name]) for name in names if row[name] is not None} for row in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}).encode()
    if fmt == "xml":
        return _xml_solutions(names, rows)
    if fmt == "csv":
        lines = [",".join(names)] + [",".join(_csv_cell(row[n]) for n in names) for row in rows]
        return ("\r\n".join(lines) + "\r\n").encode()
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join("" if row[n] is None else str(row[n]) for n in names) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}  # a quoted triple: its N-Triples text


def _xml_solutions(names: list[str], rows: list[Row]) -> bytes:
    parts = [f'<?xml version="1.0"?>\n<sparql xmlns="{SPARQL_RESULTS_NS}">\n<head>']
    parts += [f"<variable name={quoteattr(n)}/>" for n in names]
    parts.append("</head>\n<results>")
    for row in rows:
        parts.append("<result>")
        for name in names:
            term = row[name]
            if term is not None:
                parts.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        parts.append("</result>")
    parts.append("</results>\n</sparql>\n")
    return "".join(parts).encode()


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _csv_cell(term: object) -> str:
    if term is None:
        return ""
    value = f"_:{term.value}" if isinstance(term, ox.BlankNode) else getattr(term, "value", str(term))
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value
