"""Content negotiation for SPARQL results, at the edges (the HTTP route and the CLI).

A client names the formats it takes in its Accept header (q-values honoured) or in a
`format=` parameter; which one is served depends on the kind of result, so both are chosen
here, before the query runs, and the query is run with the pair (graph/endpoint.py's Wanted).
"""

from __future__ import annotations

from newsgraph.graph.endpoint import GRAPH_MEDIA, GRAPH_TYPES, SOLUTION_MEDIA, SOLUTION_TYPES, Wanted


def wanted(accept: str | None, fmt: str | None = None) -> Wanted:
    """The media types to answer a request with, for each kind of result."""
    return Wanted(_negotiate(accept, fmt, False), _negotiate(accept, fmt, True), accept or "*/*")


# Short names clients put in `format=` (SPARQLWrapper sends them beside its Accept header).
FORMAT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "n3": "text/turtle",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
    "json-ld": "application/ld+json",
    "jsonld": "application/ld+json",
    "rdf+xml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
}


def _negotiate(accept: str | None, fmt: str | None, graph_result: bool) -> str | None:
    """The media type to answer with: a type the Accept header names (q-values honoured),
    else the `format=` parameter, else the default the header's wildcard allows; None when
    the client takes no type of this kind of result."""
    offered = GRAPH_TYPES if graph_result else SOLUTION_TYPES
    ranges = _media_ranges(accept or "*/*")
    for media, _ in ranges:
        if media in offered:
            return _served(media, graph_result)
    if fmt:
        wanted = FORMAT_NAMES.get(fmt.strip().lower(), fmt.strip().lower())
        if wanted in offered:
            return _served(wanted, graph_result)
    for media, _ in ranges:
        # A wildcard gets the first (default) type it covers: JSON results, Turtle graphs.
        family = "" if media == "*/*" else media.removesuffix("*") if media.endswith("/*") else None
        covered = [t for t in offered if family is not None and t.startswith(family)]
        if covered:
            return _served(covered[0], graph_result)
    return None


def _served(media: str, graph_result: bool) -> str:
    return GRAPH_MEDIA[GRAPH_TYPES[media]] if graph_result else SOLUTION_MEDIA[SOLUTION_TYPES[media]]


def _media_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranges.append((media.lower(), quality, position))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(media, quality) for media, quality, _ in ranges]


# The formats a whole dataset (its named graphs) can be downloaded in, by the media types
# clients ask for; TriG is the default.
DATASET_TYPES = {
    "application/trig": "application/trig",
    "application/n-quads": "application/n-quads",
    "text/x-nquads": "application/n-quads",
    "application/ld+json": "application/ld+json",
}


def wanted_dataset(accept: str | None) -> str | None:
    """The media type a whole dataset is written in for this Accept header, or None."""
    for media, _ in _media_ranges(accept or "*/*"):
        if media in DATASET_TYPES:
            return DATASET_TYPES[media]
        if media in ("*/*", "application/*"):
            return "application/trig"
    return None


def prefers_html(accept: str | None) -> bool:
    """Whether a client asks for an HTML page before any other type (a browser does)."""
    ranges = _media_ranges(accept or "")
    return bool(ranges) and ranges[0][0] == "text/html"
