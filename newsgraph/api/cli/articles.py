"""Commands that change the store: ingest, delete, reindex, export, watch."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from newsgraph.api.cli.common import (
    StoreOption,
    app,
    date_option,
    err,
    open_service,
    out,
    print_failure,
    print_report,
    progress,
    server_for,
    settings_for,
)
from newsgraph.api.client import ServerClient
from newsgraph.core.errors import IngestError
from newsgraph.core.records import IngestReport, LoadFailure
from newsgraph.ingest.fetch import Fetcher, check_url, fetcher_from, has_scheme
from newsgraph.ingest.loaders import Overrides
from newsgraph.service.inbox import Inbox, Job

# `export --format` names, by the media type the server's Graph Store Protocol writes them in.
EXPORT_MEDIA = {"trig": "application/trig", "nquads": "application/n-quads", "jsonld": "application/ld+json"}

# Articles per POST when the command line ingests through a running server.
_POST_BATCH = 16


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
    overrides = Overrides(date_option("--published", published), source)
    fetcher = fetcher_from(settings_for(store))
    with server_for(store) as server:
        if server is not None:
            report = _ingest_through(server, paths, overrides, fetcher)
            print_report(report)
            raise typer.Exit(1 if report.failures else 0)
    with open_service(store) as service, progress("ingest") as advance:
        report = service.ingest_paths(paths, overrides, advance, fetcher)
    print_report(report)
    if report.failures:
        raise typer.Exit(1)


def _ingest_through(
    server: ServerClient, paths: list[str], overrides: Overrides, fetcher: Fetcher
) -> IngestReport:
    """Load the files here and post them to the server that owns the store, a batch at a time."""
    from newsgraph.ingest.feeds import load_sources

    articles, failures = load_sources(paths, overrides, fetcher)
    report = IngestReport(failures=list(failures))
    started = time.perf_counter()
    with progress(f"ingest via {server.url}") as advance:
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


@app.command()
def delete(
    article_id: Annotated[str, typer.Argument(help="The article's id")],
    store: StoreOption = None,
) -> None:
    """Delete an article, its sentences and the entities only it mentioned."""
    with server_for(store) as server:
        if server is not None:
            server.delete(article_id)
            out.print(f"deleted {article_id}")
            return
    with open_service(store) as service:
        service.delete(article_id)
    out.print(f"deleted {article_id}")


@app.command()
def reindex(store: StoreOption = None) -> None:
    """Rebuild the passage indexes (dense and lexical) from the graph."""
    with open_service(store) as service:
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
    """Export the whole store (every named graph) as TriG, N-Quads or JSON-LD; through the
    server's Graph Store Protocol when a server holds the store."""
    with server_for(store) as server:
        if server is not None:
            if fmt not in EXPORT_MEDIA:
                err.print(f"[red]error:[/red] unknown export format {fmt!r} (use {', '.join(EXPORT_MEDIA)})")
                raise typer.Exit(1)
            data = server.export(EXPORT_MEDIA[fmt])
    if server is None:
        with open_service(store) as service:
            data = service.export(fmt)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)
        err.print(f"wrote {len(data):,} bytes to {output}")


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
    from newsgraph.service.watch import FeedPoller, FolderWatcher, Worker, parse_every

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
    with open_service(store) as service, Inbox(service.settings.store / "inbox.sqlite") as inbox:
        fetcher = fetcher_from(service.settings)
        watchers: list[FolderWatcher | FeedPoller] = [FolderWatcher(inbox, f) for f in folders or []]
        watchers += [FeedPoller(inbox, url, interval, fetcher) for url in feed or []]
        worker = Worker(service, inbox)
        if once:
            failed = 0
            for watcher in watchers:
                arrivals = watcher.look()
                if isinstance(watcher, FolderWatcher):
                    err.print(f"{watcher.folder}: {arrivals.jobs} new or changed files", highlight=False)
                elif not arrivals.failures:
                    err.print(f"{watcher.url}: {arrivals.jobs} new entries", highlight=False)
                for failure in arrivals.failures:
                    print_failure(failure.origin, failure.message)
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
        print_failure(job.origin, job.error or "")
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
        print_failure(failure["origin"], failure["message"])
    return len(failures)
