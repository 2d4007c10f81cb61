"""The `newsgraph` command line: parse arguments, call the service, render the result."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsgraph.api.app import create_app
from newsgraph.api.client import ServerClient
from newsgraph.api.security import saved_token, write_token
from newsgraph.api.server import running_server
from newsgraph.core.errors import IngestError, NewsgraphError
from newsgraph.core.records import Answer, Citation, FactReport, Filters, IngestReport, LoadFailure
from newsgraph.core.settings import Settings
from newsgraph.graph.results import serialize
from newsgraph.ingest.feeds import load_sources
from newsgraph.ingest.fetch import Fetcher, check_url, fetcher_from, has_scheme
from newsgraph.ingest.loaders import Overrides, load_paths, parse_date
from newsgraph.qa import evaluation
from newsgraph.search.hybrid import MODES
from newsgraph.service.facade import Newsgraph, stats_dict
from newsgraph.service.inbox import Inbox, Job
from newsgraph.service.watch import FeedPoller, FolderWatcher, Worker, parse_every

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


# Articles per POST when the command line ingests through a running server.
_POST_BATCH = 16
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


def _date_option(name: str, value: str | None) -> date | None:
    """An option's date, None when not given; a usage error (exit 2) when unreadable."""
    if value is None or not value.strip():
        return None
    parsed = parse_date(value)
    if parsed is None:
        err.print(f"[red]error:[/red] {name}: cannot read {value!r} as a date")
        raise typer.Exit(2)
    return parsed


def _settings(store: Path | None) -> Settings:
    settings = Settings()
    return settings.model_copy(update={"store": store}) if store is not None else settings


@contextmanager
def _errors() -> Iterator[None]:
    """A domain error anywhere inside becomes one line and exit code 1."""
    try:
        yield
    except NewsgraphError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    except OSError as exc:  # a store folder that cannot be read, a full disk ...
        err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


@contextmanager
def _service(store: Path | None, settings: Settings | None = None) -> Iterator[Newsgraph]:
    """Open the store, unless a running server holds it; errors become one line."""
    settings = settings or _settings(store)
    url = running_server(settings.store)
    if url is not None:
        err.print(
            f"[red]error:[/red] the store {settings.store} is held by the Newsgraph server at {url}; "
            "stop the server or use its API",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(1)
    with _errors(), Newsgraph(settings) as service:
        yield service


@contextmanager
def _server(store: Path | None) -> Iterator[ServerClient | None]:
    """The running server that holds the store, if any: commands then go through its API."""
    settings = _settings(store)
    url = running_server(settings.store)
    if url is None:
        yield None
        return
    # The server's token: configured, or the one it saved in the store (this user can read it).
    client = ServerClient(url, settings.write_token or saved_token(settings.store))
    try:
        with _errors():
            yield client
    finally:
        client.close()


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursively), feed files or feed URLs")],
    published: Annotated[
        str | None, typer.Option(help="Publication date for these articles (YYYY-MM-DD)")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Publisher name for these articles")] = None,
    store: StoreOption = None,
) -> None:
    """Ingest news articles; re-ingesting an article replaces it."""
    overrides = Overrides(_date_option("--published", published), source)
    fetcher = fetcher_from(_settings(store))
    with _server(store) as server:
        if server is not None:
            report = _ingest_through(server, paths, overrides, fetcher)
            _print_report(report)
            raise typer.Exit(1 if report.failures else 0)
    with _service(store) as service, _progress("ingest") as advance:
        report = service.ingest_paths(paths, overrides, advance, fetcher)
    _print_report(report)
    if report.failures:
        raise typer.Exit(1)


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int, str], None]]:
    """A progress bar on stderr; yields the callback that moves it."""
    with Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("loading", total=None)

        def advance(done: int, total: int, title: str) -> None:
            bar.update(task, completed=done, total=total, description=title[:50])

        yield advance


def _ingest_through(
    server: ServerClient, paths: list[str], overrides: Overrides, fetcher: Fetcher
) -> IngestReport:
    """Load the files here and post them to the server that owns the store, a batch at a time."""
    articles, failures = load_sources(paths, overrides, fetcher)
    report = IngestReport(failures=list(failures))
    started = time.perf_counter()
    with _progress(f"ingest via {server.url}") as advance:
        for first in range(0, len(articles), _POST_BATCH):
            batch = articles[first : first + _POST_BATCH]
            done = server.ingest(batch)
            report.articles += done["articles"]
            report.sentences += done["sentences"]
            report.mentions += done["mentions"]
            report.entities += done["entities"]
            report.article_ids += done["article_ids"]
            report.failures += [LoadFailure(f["origin"], f["message"]) for f in done["failures"]]
            if done["state"] != "done":
                err.print(f"queued as job {done['job_id']} ({done['state']})")
            advance(first + len(batch), len(articles), batch[-1].title or batch[-1].id)
    report.seconds = time.perf_counter() - started
    return report


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
    with _server(store) as server:
        if server is not None:
            server.delete(article_id)
            out.print(f"deleted {article_id}")
            return
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
    with _server(store) as server:
        if server is not None:
            data = server.sparql(query, _ACCEPT.get(fmt or "", _ACCEPT[""]))
            sys.stdout.buffer.write(data if data.endswith(b"\n") else data + b"\n")
            return
    with _service(store) as service:
        data = serialize(service.sparql(query), fmt)
    sys.stdout.buffer.write(data if data.endswith(b"\n") else data + b"\n")


@app.command()
def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    store: StoreOption = None,
) -> None:
    """Count articles, sentences, mentions, entities and triples, and check the indexes agree."""
    with _server(store) as server:
        if server is not None:
            counts: dict[str, object] = server.stats()
    if server is None:
        with _service(store) as service:
            counts = dict(stats_dict(service.stats()))
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
    bounds = [_date_option("--since", since), _date_option("--until", until)]
    with _server(store) as server:
        if server is not None:
            params = {"q": query, "k": k, "source": source, "since": since, "until": until, "mode": mode}
            hits = server.search(params)["hits"]
    if server is None:
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
                "source": h.passage.source,
                "published": h.passage.published.isoformat() if h.passage.published else None,
            }
            for h in result.hits
        ]
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
    day = _date_option("--as-of", as_of) or date.today()
    with _server(store) as server:
        if server is not None:
            answer = _answer_from(server.ask(question, day))
    if server is None:
        with _service(store) as service:
            answer = service.ask(question, day)
    if as_json:
        print(json.dumps(asdict(answer), indent=2, default=str))
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


@app.command("eval")
def eval_command(
    questions: Annotated[
        list[Path], typer.Argument(help="Question files (JSON Lines, ../shared/eval format)")
    ],
    articles: Annotated[
        list[Path], typer.Option("--articles", help="Articles files the questions are asked over")
    ],
    dump: Annotated[Path | None, typer.Option(help="Write every answer here, one JSON line each")] = None,
    without_as_of: Annotated[
        bool, typer.Option("--without-as-of", help="Also ask every question without its day")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="Only the first N questions of each file")] = None,
    store: StoreOption = None,
) -> None:
    """Ask every question of question sets over their articles and score the answers strictly."""
    for path in [*questions, *articles]:
        if not path.is_file():
            err.print(f"[red]error:[/red] not a file: {path}")
            raise typer.Exit(2)
    with _errors():
        sets = {evaluation.set_name(p): evaluation.load_questions(p)[:limit] for p in questions}
    texts = evaluation.article_texts(articles)
    with _service(store) as service:
        missing = sorted(set(texts) - set(service.graph.article_ids()))
        if missing:
            loaded, _ = load_paths(articles)
            wanted = [a for a in loaded if a.id in set(missing)]
            with _progress("ingest") as advance:
                report = service.ingest_articles(wanted, advance)
            _print_report(report)
        records: list[evaluation.Record] = []
        runs = (True, False) if without_as_of else (True,)
        for with_as_of in runs:
            for name, asked in sets.items():
                label = f"{name}{'' if with_as_of else ' (no as_of)'}"
                with _progress(label) as advance:
                    records += evaluation.evaluate(
                        service, name, asked, texts, with_as_of, lambda d, t: advance(d, t, "")
                    )
    _print_evaluation(evaluation.summarize(records))
    if dump is not None:
        evaluation.dump(records, dump)
        err.print(f"wrote {len(records)} answers to {dump}")


def _print_evaluation(summaries: list[evaluation.Summary]) -> None:
    table = Table(
        "set",
        "kind",
        "as_of",
        "n",
        "accuracy",
        "findable",
        "declined",
        "answered null",
        "R@5",
        "R@10",
        "RRF R@5",
        "RRF R@10",
        "p50 ms",
        "p95 ms",
        box=None,
    )

    def cell(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    for s in summaries:
        findable = "-" if s.findable_accuracy is None else f"{s.findable_accuracy:.3f} ({s.findable})"
        table.add_row(
            s.set,
            s.kind,
            "yes" if s.with_as_of else "no",
            str(s.questions),
            cell(s.accuracy),
            findable,
            cell(s.declined_answerable),
            cell(s.answered_unanswerable),
            cell(s.recall5),
            cell(s.recall10),
            cell(s.rrf_recall5),
            cell(s.rrf_recall10),
            f"{s.p50_ms:.0f}",
            f"{s.p95_ms:.0f}",
        )
    # A table this wide is cut to 80 columns when written to a file or pipe: give it room.
    (out if out.is_terminal else Console(width=200)).print(table)


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
        report = service.browse.facts(entity)
    _print_facts(report, as_json, f"Facts about {report.entity.label} ({report.entity.type})")


@app.command()
def timeline(
    entity: Annotated[str, typer.Argument(help="An entity's name or alias")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    store: StoreOption = None,
) -> None:
    """An entity's dated claims and figures in time order."""
    with _service(store) as service:
        report = service.browse.timeline(entity)
    _print_facts(report, as_json, f"Timeline of {report.entity.label}")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind [default: 127.0.0.1]")] = None,
    port: Annotated[int | None, typer.Option(help="Port [default: 8000]")] = None,
    watch: Annotated[
        list[Path] | None, typer.Option("--watch", help="Also ingest files arriving in this folder")
    ] = None,
    feed: Annotated[list[str] | None, typer.Option("--feed", help="Also poll this RSS/Atom feed")] = None,
    every: Annotated[str, typer.Option(help="Time between feed polls: 30s, 5m, 2h")] = "5m",
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Serve queries only; refuse every write (403)")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Serve the HTTP API, the SPARQL endpoint and the docs; the server becomes the store's one writer."""
    settings = _settings(store)
    try:
        interval = parse_every(every)
    except ValueError as exc:
        err.print(f"[red]error:[/red] --every: {exc}")
        raise typer.Exit(2) from None
    settings = settings.model_copy(
        update={
            "host": host or settings.host,
            "port": settings.port if port is None else port,
            "watch_folders": [*settings.watch_folders, *(watch or [])],
            "watch_feeds": [*settings.watch_feeds, *(feed or [])],
            "watch_every": interval if feed else settings.watch_every,
            "read_only": settings.read_only or read_only,
        }
    )
    url = f"http://{settings.host}:{settings.port}"
    with _service(store, settings) as service:
        _announce_token(service, settings)
        err.print(f"serving {settings.store} at {url} (docs at {url}/docs)", highlight=False, soft_wrap=True)
        uvicorn.run(
            create_app(settings, service, url), host=settings.host, port=settings.port, log_level="warning"
        )


def _announce_token(service: Newsgraph, settings: Settings) -> None:
    """Say where writes stand: read-only, or the token they need (printed once, when it is new)."""
    if service.read_only:
        err.print(f"{settings.store} is open read-only: writes are refused", highlight=False, soft_wrap=True)
        return
    token, created = write_token(settings.store, settings.write_token)
    kept = settings.store / "write_token"
    if created:
        err.print(f"write token (kept in {kept}, mode 0600): {token}", highlight=False, soft_wrap=True)
    elif not settings.write_token:
        err.print(f"writes need the token in {kept}", highlight=False, soft_wrap=True)


@app.command("watch")
def watch_command(
    folders: Annotated[list[Path] | None, typer.Argument(help="Folders to watch for new files")] = None,
    feed: Annotated[list[str] | None, typer.Option("--feed", help="RSS/Atom feed URL or file")] = None,
    every: Annotated[str, typer.Option(help="Time between feed polls: 30s, 5m, 2h")] = "5m",
    once: Annotated[bool, typer.Option(help="Look once, ingest what is new, and stop")] = False,
    store: StoreOption = None,
) -> None:
    """Ingest news as it arrives: new and changed files in folders, new entries of feeds.

    With --once, exits 1 when a folder, a feed or a job had a failure, one line each.
    """
    if not folders and not feed:
        err.print("[red]error:[/red] give a folder to watch or --feed URL")
        raise typer.Exit(2)
    for url in feed or []:
        if has_scheme(url):
            try:
                check_url(url)
            except IngestError as exc:
                err.print(
                    f"[red]error:[/red] --feed {escape(str(exc))} (give a feed file as a plain path)",
                    highlight=False,
                    soft_wrap=True,
                )
                raise typer.Exit(1) from None
    for folder in folders or []:
        if not folder.is_dir():
            err.print(f"[red]error:[/red] not a folder: {folder}")
            raise typer.Exit(2)
    try:
        interval = parse_every(every)
    except ValueError as exc:
        err.print(f"[red]error:[/red] --every: {exc}")
        raise typer.Exit(2) from None
    with _service(store) as service, Inbox(service.settings.store / "inbox.sqlite") as inbox:
        fetcher = fetcher_from(service.settings)
        watchers: list[FolderWatcher | FeedPoller] = [FolderWatcher(inbox, f) for f in folders or []]
        watchers += [FeedPoller(inbox, url, interval, fetcher) for url in feed or []]
        worker = Worker(service, inbox)  # type: ignore[arg-type]
        if once:
            failed = 0
            for watcher in watchers:
                arrivals = watcher.look()
                if isinstance(watcher, FolderWatcher):
                    err.print(f"{watcher.folder}: {arrivals.jobs} new or changed files", highlight=False)
                elif not arrivals.failures:
                    err.print(f"{watcher.url}: {arrivals.jobs} new entries", highlight=False)
                for failure in arrivals.failures:
                    _print_failure(failure.origin, failure.message)
                failed += len(arrivals.failures)
            while (job := worker.run_once(timeout=0)) is not None:
                failed += _print_job(job)
            if failed:
                raise typer.Exit(1)
            return
        err.print("watching; Ctrl-C stops", highlight=False)
        for watcher in watchers:
            watcher.start()
        try:
            while True:
                job = worker.run_once(timeout=1.0)
                if job is not None:
                    _print_job(job)
        except KeyboardInterrupt:
            pass
        finally:
            for watcher in watchers:
                watcher.stop()


def _print_job(job: Job) -> int:
    """One line per finished job: what came in, from where; how many failures it had."""
    if job.state == "failed":
        _print_failure(job.origin, job.error or "")
        return 1
    result = job.result or {}
    stamp = time.strftime("%H:%M:%S")
    if job.kind == "delete":
        out.print(f"{stamp} deleted {result.get('article_id', '')}", highlight=False)
        return 0
    out.print(
        f"{stamp} ingested {result.get('articles', 0)} article(s) from {job.origin}"
        f" ({result.get('sentences', 0)} sentences, {result.get('entities', 0)} entities)",
        highlight=False,
        soft_wrap=True,
    )
    failures = result.get("failures", [])
    for failure in failures:
        _print_failure(failure["origin"], failure["message"])
    return len(failures)


def _print_failure(origin: str, message: str) -> None:
    err.print(f"[red]failed:[/red] {escape(origin)}: {escape(message)}", highlight=False, soft_wrap=True)


def main() -> None:
    """Console-script entry point."""
    app()
