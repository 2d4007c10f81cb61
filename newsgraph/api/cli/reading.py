"""Commands that read the store: ask, search, sparql, facts, timeline, stats."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from newsgraph.api import render
from newsgraph.api.cli.common import (
    StoreOption,
    app,
    date_option,
    err,
    open_service,
    out,
    server_for,
)
from newsgraph.api.negotiation import wanted
from newsgraph.core.errors import QueryError
from newsgraph.core.records import MODES, Answer, Citation, FactReport, Filters
from newsgraph.graph.endpoint import NotAcceptable

# `sparql --format` as an Accept header, for a server's endpoint.
_ACCEPT = {
    "": "application/sparql-results+json, text/turtle",
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml, application/rdf+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
}


@app.command()
def sparql(
    query: Annotated[str, typer.Argument(help="A SPARQL 1.1 query, or @FILE to read it from a file")],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="SELECT/ASK: json, csv, tsv, xml [json]. "
            "CONSTRUCT/DESCRIBE: turtle, ntriples, jsonld [turtle]",
        ),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query over all graphs; results in the standard formats on stdout."""
    if query.startswith("@"):
        try:
            query = Path(query[1:]).read_text(encoding="utf-8")
        except OSError as exc:
            err.print(f"[red]error:[/red] cannot read query file: {exc.strerror}: {query[1:]}")
            raise typer.Exit(2) from None
    if (fmt or "") not in _ACCEPT:
        err.print(f"[red]error:[/red] --format must be one of {', '.join(f for f in _ACCEPT if f)}")
        raise typer.Exit(2)
    accept = _ACCEPT[fmt or ""]
    with server_for(store) as server:
        if server is not None:
            data = server.sparql(query, accept)
            sys.stdout.buffer.write(data if data.endswith(b"\n") else data + b"\n")
            return
    # Without a server, the same engine, formats and negotiation the endpoint uses.
    with open_service(store) as service:
        try:
            data = service.graph.backend.answer(query, wanted(accept), service.settings.sparql_max_rows).body
        except NotAcceptable as exc:
            raise QueryError(f"--format {fmt}: {exc}") from None
    sys.stdout.buffer.write(data if data.endswith(b"\n") else data + b"\n")


@app.command()
def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    store: StoreOption = None,
) -> None:
    """Count articles, sentences, mentions, entities and triples, and check the indexes agree."""
    with server_for(store) as server:
        if server is not None:
            counts: dict[str, object] = server.stats()
    if server is None:
        with open_service(store) as service:
            counts = dict(asdict(service.stats()))
            counts["search"] = service.consistency()
    if as_json:
        print(json.dumps(counts))
        return
    search = counts.pop("search")
    assert isinstance(search, dict)
    table = Table(show_header=False, box=None)
    for name, value in counts.items():
        table.add_row(name, f"{value:,}")
    for name in ("passages", "dense_passages", "lexical_passages"):
        table.add_row(name.replace("_", " "), f"{search[name]:,}")
    table.add_row("indexes", "consistent" if search["consistent"] else "[red]MISMATCH[/red]")
    out.print(table)
    for problem in search["problems"]:
        err.print(f"[red]mismatch:[/red] {problem} (run `newsgraph reindex`)", soft_wrap=True)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What to look for, in plain words")],
    k: Annotated[int, typer.Option("-k", help="How many passages")] = 10,
    source: Annotated[str | None, typer.Option(help="Only articles from this publisher")] = None,
    since: Annotated[
        str | None, typer.Option(help="Only articles published on or after (YYYY-MM-DD)")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only articles published on or before (YYYY-MM-DD)")
    ] = None,
    mode: Annotated[str, typer.Option(help="hybrid, dense or lexical")] = "hybrid",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    store: StoreOption = None,
) -> None:
    """Find passages by meaning, words and the entities the query names."""
    if mode not in MODES:
        err.print(f"[red]error:[/red] --mode must be one of {', '.join(MODES)}")
        raise typer.Exit(2)
    bounds = [date_option("--since", since), date_option("--until", until)]
    with server_for(store) as server:
        if server is not None:
            params = {"q": query, "k": k, "source": source, "since": since, "until": until, "mode": mode}
            hits = server.search(params)["hits"]
    if server is None:
        with open_service(store) as service:
            result = service.search(query, k, Filters(source, bounds[0], bounds[1]), mode)
        hits = [render.hit_out(h).model_dump(mode="json") for h in result.hits]
    if as_json:
        print(json.dumps({"query": query, "hits": hits}, indent=2))
        return
    if not hits:
        out.print("no passages found")
    for rank, hit in enumerate(hits, start=1):
        out.print(
            f"[bold]{rank}. {escape(str(hit['title'] or hit['article_id']))}[/bold]"
            f"  [dim]{escape(hit.get('source') or '')} {hit.get('published') or ''}"
            f" score {hit['score']:.4f}[/dim]"
        )
        out.print(f"   {escape(str(hit['text']))}\n", soft_wrap=True)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question in plain English")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="The day it is asked (YYYY-MM-DD) [default: today]")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Answer a question from the graph's facts and the passages, with citations."""
    day = date_option("--as-of", as_of) or date.today()
    with server_for(store) as server:
        if server is not None:
            answer = _answer_from(server.ask(question, day))
    if server is None:
        with open_service(store) as service:
            answer = service.ask(question, day)
    if as_json:
        print(render.answer_out(answer).model_dump_json(indent=2))
        return
    out.print(
        f"[bold]{escape(answer.answer)}[/bold]"
        f"  [dim]({answer.answer_type}, confidence {answer.confidence:.2f})[/dim]"
    )
    if answer.reason:
        out.print(f"  [dim]{escape(answer.reason)}[/dim]")
    for number, citation in enumerate(answer.citations, start=1):
        out.print(f"  [{number}] {escape(citation.text)}", soft_wrap=True)
        out.print(
            f"      [dim]{escape(citation.title or '')} [{citation.article_id}]"
            f" {citation.start}-{citation.end}[/dim]"
        )
    if answer.sparql:
        out.print("[dim]SPARQL:[/dim]")
        out.print(escape(answer.sparql.split("SELECT", 1)[-1].join(["SELECT", ""])), soft_wrap=True)


def _answer_from(payload: dict[str, Any]) -> Answer:
    citations = [Citation(**c) for c in payload.pop("citations")]
    payload.pop("answered", None)  # derived from the answer
    return Answer(**payload, citations=citations)


def _fact_rows(report: FactReport, title: str) -> None:
    table = Table(title=title, show_lines=False, expand=True)
    for column in ("when", "subject", "relation", "object", "source", "sentence", "article"):
        table.add_column(column, overflow="fold")
    for fact in report.facts:
        relation = ("not " if fact.negated else "") + fact.relation + (" (hedged)" if fact.hedged else "")
        source = f"{fact.source} ({fact.reporting_verb})" if fact.source else ""
        table.add_row(
            fact.when or fact.published or "",
            fact.subject or "?",
            relation,
            fact.object or "",
            source,
            escape(fact.sentence),
            escape(f"{fact.headline or ''} [{fact.article_id}]"),
        )
    out.print(table)


def _print_facts(report: FactReport, as_json: bool, title: str) -> None:
    if as_json:
        print(render.facts_out(report).model_dump_json(indent=2))
    elif not report.facts:
        out.print(f"no facts about {report.entity.label} yet")
    else:
        _fact_rows(report, title)


@app.command()
def facts(
    entity: Annotated[str, typer.Argument(help="An entity's name or alias, e.g. Nvidia or H20")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    store: StoreOption = None,
) -> None:
    """Every claim about an entity, newest first, with its sentence, article and source."""
    with open_service(store) as service:
        report = service.browse.facts(entity)
    _print_facts(report, as_json, f"Facts about {report.entity.label} ({report.entity.type})")


@app.command()
def timeline(
    entity: Annotated[str, typer.Argument(help="An entity's name or alias")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    store: StoreOption = None,
) -> None:
    """An entity's dated claims and figures in time order."""
    with open_service(store) as service:
        report = service.browse.timeline(entity)
    _print_facts(report, as_json, f"Timeline of {report.entity.label}")
