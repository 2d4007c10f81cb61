"""The `newsgraph` command line: parse arguments, call the service, render the result."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsgraph.core.errors import NewsgraphError
from newsgraph.core.settings import Settings
from newsgraph.graph.results import serialize
from newsgraph.ingest.loaders import Overrides, parse_date
from newsgraph.qa.service import FactReport, IngestReport, Newsgraph, stats_dict
from newsgraph.search.hybrid import MODES, Filters

app = typer.Typer(
    help="Newsgraph: news articles in, a knowledge graph of who did what out.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

StoreOption = Annotated[
    Path | None,
    typer.Option("--store", help="Store folder [default: $NEWSGRAPH_STORE, else ./data/store]"),
]


def _settings(store: Path | None) -> Settings:
    settings = Settings()
    return settings.model_copy(update={"store": store}) if store is not None else settings


@contextmanager
def _service(store: Path | None) -> Iterator[Newsgraph]:
    """Open the store; a domain error anywhere inside becomes one line and exit code 1."""
    try:
        with Newsgraph(_settings(store)) as service:
            yield service
    except NewsgraphError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files, folders (recursively) or feeds")],
    published: Annotated[
        str | None, typer.Option(help="Publication date for these articles (YYYY-MM-DD)")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Publisher name for these articles")] = None,
    store: StoreOption = None,
) -> None:
    """Ingest news articles; re-ingesting an article replaces it."""
    published_date: date | None = None
    if published is not None:
        published_date = parse_date(published)
        if published_date is None:
            err.print(f"[red]error:[/red] --published: cannot read {published!r} as a date")
            raise typer.Exit(2)
    with (
        _service(store) as service,
        Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=err,
            transient=True,
        ) as bar,
    ):
        task = bar.add_task("loading", total=None)

        def advance(done: int, total: int, title: str) -> None:
            bar.update(task, completed=done, total=total, description=title[:50])

        report = service.ingest_paths(paths, Overrides(published_date, source), advance)
    _print_report(report)
    if report.failures:
        raise typer.Exit(1)


def _print_report(report: IngestReport) -> None:
    for failure in report.failures:
        err.print(f"[red]failed:[/red] {failure.origin}: {failure.message}", highlight=False, soft_wrap=True)
    table = Table(show_header=False, box=None)
    rate = report.articles / report.seconds if report.seconds else 0.0
    for name, value in [
        ("articles", report.articles),
        ("sentences", report.sentences),
        ("mentions", report.mentions),
        ("entities", report.entities),
        ("new entities", report.new_entities),
        ("failures", len(report.failures)),
        ("seconds", f"{report.seconds:.1f} ({rate:.1f} articles/s)"),
    ]:
        table.add_row(name, str(value))
    out.print(table)


@app.command()
def delete(
    article_id: Annotated[str, typer.Argument(help="The article's id")],
    store: StoreOption = None,
) -> None:
    """Delete an article, its sentences and the entities only it mentioned."""
    with _service(store) as service:
        service.delete(article_id)
    out.print(f"deleted {article_id}")


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
    with _service(store) as service:
        data = serialize(service.sparql(query), fmt)
    sys.stdout.buffer.write(data if data.endswith(b"\n") else data + b"\n")


@app.command()
def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    store: StoreOption = None,
) -> None:
    """Count articles, sentences, mentions, entities and triples, and check the indexes agree."""
    with _service(store) as service:
        counts: dict[str, object] = dict(stats_dict(service.stats()))
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
    bounds = []
    for name, value in (("--since", since), ("--until", until)):
        parsed = parse_date(value) if value else None
        if value and parsed is None:
            err.print(f"[red]error:[/red] {name}: cannot read {value!r} as a date")
            raise typer.Exit(2)
        bounds.append(parsed)
    with _service(store) as service:
        result = service.search(query, k, Filters(source, bounds[0], bounds[1]), mode)
    hits = [
        {
            "article_id": h.passage.article_id,
            "title": h.passage.title,
            "text": h.passage.text,
            "score": round(h.score, 6),
            "start": h.passage.start,
            "end": h.passage.end,
        }
        for h in result.hits
    ]
    if as_json:
        print(json.dumps({"query": query, "hits": hits}, indent=2))
        return
    if not hits:
        out.print("no passages found")
    for rank, (hit, found) in enumerate(zip(hits, result.hits, strict=True), start=1):
        when = found.passage.published.isoformat() if found.passage.published else ""
        out.print(
            f"[bold]{rank}. {escape(str(hit['title'] or hit['article_id']))}[/bold]"
            f"  [dim]{escape(found.passage.source or '')} {when} score {hit['score']:.4f}[/dim]"
        )
        out.print(f"   {escape(str(hit['text']))}\n", soft_wrap=True)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question in plain English")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    store: StoreOption = None,
) -> None:
    """Answer a question from the graph's facts and the passages, with citations."""
    with _service(store) as service:
        answer = service.ask(question)
    if as_json:
        print(json.dumps(asdict(answer), indent=2, default=str))
        return
    out.print(
        f"[bold]{escape(answer.answer)}[/bold]"
        f"  [dim]({answer.answer_type}, confidence {answer.confidence:.2f})[/dim]"
    )
    for number, citation in enumerate(answer.citations, start=1):
        out.print(f"  [{number}] {escape(citation.text)}", soft_wrap=True)
        out.print(
            f"      [dim]{escape(citation.title or '')} [{citation.article_id}]"
            f" {citation.start}-{citation.end}[/dim]"
        )
    if answer.sparql:
        out.print("[dim]SPARQL:[/dim]")
        out.print(escape(answer.sparql.split("SELECT", 1)[-1].join(["SELECT", ""])), soft_wrap=True)


@app.command()
def reindex(store: StoreOption = None) -> None:
    """Rebuild the passage indexes (dense and lexical) from the graph."""
    with _service(store) as service:
        with Progress(
            TextColumn("[bold]reindex"), BarColumn(), MofNCompleteColumn(), console=err, transient=True
        ) as bar:
            task = bar.add_task("reindex", total=None)
            count = service.reindex(lambda done, total, _: bar.update(task, completed=done, total=total))
        consistent = service.consistency()
    out.print(f"reindexed {count} articles, {consistent['passages']} passages")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="trig, nquads or jsonld")] = "trig",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write")] = None,
    store: StoreOption = None,
) -> None:
    """Export the whole store (every named graph) as TriG, N-Quads or JSON-LD."""
    with _service(store) as service:
        data = service.export(fmt)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)
        err.print(f"wrote {len(data):,} bytes to {output}")


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
        payload = {
            "entity": {"id": report.entity.id, "label": report.entity.label, "type": report.entity.type},
            "facts": [asdict(f) for f in report.facts],
            "sparql": report.sparql,
        }
        print(json.dumps(payload, indent=2))
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
    with _service(store) as service:
        report = service.facts(entity)
    _print_facts(report, as_json, f"Facts about {report.entity.label} ({report.entity.type})")


@app.command()
def timeline(
    entity: Annotated[str, typer.Argument(help="An entity's name or alias")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    store: StoreOption = None,
) -> None:
    """An entity's dated claims and figures in time order."""
    with _service(store) as service:
        report = service.timeline(entity)
    _print_facts(report, as_json, f"Timeline of {report.entity.label}")


def main() -> None:
    """Console-script entry point."""
    app()
