"""SPARQL results in the standard formats: JSON, XML, CSV, TSV; graphs in RDF syntaxes."""

from __future__ import annotations

import csv
import io

from rdflib.query import Result

from newsgraph.core.errors import QueryError

SOLUTION_FORMATS = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"}
GRAPH_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "xml": "xml"}


def is_graph_result(result: Result) -> bool:
    """CONSTRUCT and DESCRIBE give graphs; SELECT and ASK give solutions."""
    return result.type in ("CONSTRUCT", "DESCRIBE")


def serialize(result: Result, fmt: str | None = None) -> bytes:
    """Serialize a query result; the default is JSON for solutions and Turtle for graphs."""
    if is_graph_result(result):
        fmt = fmt or "turtle"
        if fmt not in GRAPH_FORMATS:
            raise QueryError(f"format {fmt!r} does not fit a graph result (use {', '.join(GRAPH_FORMATS)})")
        assert result.graph is not None
        data = result.graph.serialize(format=GRAPH_FORMATS[fmt])
        return data.encode() if isinstance(data, str) else data
    fmt = fmt or "json"
    if fmt not in SOLUTION_FORMATS:
        raise QueryError(
            f"format {fmt!r} does not fit a {result.type} result (use {', '.join(SOLUTION_FORMATS)})"
        )
    if result.type == "ASK" and fmt in ("csv", "tsv"):
        return b"true\n" if result.askAnswer else b"false\n"
    if fmt == "tsv":
        return _tsv(result)
    if fmt == "csv":
        return _csv(result)
    solutions = result.serialize(format=SOLUTION_FORMATS[fmt])
    assert solutions is not None
    return solutions


def _csv(result: Result) -> bytes:
    # SPARQL 1.1 CSV: plain lexical forms, CRLF line ends.
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    variables = result.vars or []
    writer.writerow([str(v) for v in variables])
    for row in result:
        writer.writerow(["" if value is None else str(value) for value in row])  # type: ignore[union-attr]
    return out.getvalue().encode()


def _tsv(result: Result) -> bytes:
    # SPARQL 1.1 TSV: ?-prefixed header, terms in N-Triples/Turtle syntax.
    variables = result.vars or []
    lines = ["\t".join(f"?{v}" for v in variables)]
    for row in result:
        lines.append("\t".join("" if value is None else value.n3() for value in row))  # type: ignore[union-attr]
    return ("\n".join(lines) + "\n").encode()
