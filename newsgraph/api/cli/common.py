"""What every command shares: the app, the consoles, the store and server they work on,
error handling and progress bars.

Nothing heavy is imported here: a command that only talks to a running server, or asks
for --help, starts without loading the language and embedding models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsgraph.api.client import ServerClient
from newsgraph.api.discovery import running_server, saved_token
from newsgraph.core.errors import NewsgraphError
from newsgraph.core.records import IngestReport
from newsgraph.core.settings import Settings
from newsgraph.ingest.loaders import parse_date

if TYPE_CHECKING:
    from newsgraph.service.facade import Newsgraph

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


def date_option(name: str, value: str | None) -> date | None:
    """An option's date, None when not given; a usage error (exit 2) when unreadable."""
    if value is None or not value.strip():
        return None
    parsed = parse_date(value)
    if parsed is None:
        err.print(f"[red]error:[/red] {name}: cannot read {value!r} as a date")
        raise typer.Exit(2)
    return parsed


def settings_for(store: Path | None) -> Settings:
    settings = Settings()
    return settings.model_copy(update={"store": store}) if store is not None else settings


@contextmanager
def errors() -> Iterator[None]:
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
def open_service(store: Path | None, settings: Settings | None = None) -> Iterator[Newsgraph]:
    """Open the store, unless a running server holds it; errors become one line."""
    settings = settings or settings_for(store)
    url = running_server(settings.store)
    if url is not None:
        err.print(
            f"[red]error:[/red] the store {settings.store} is held by the Newsgraph server at {url}; "
            "stop the server or use its API",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(1)
    from newsgraph.service.facade import Newsgraph  # the models: loaded only by commands that open the store

    with errors(), Newsgraph(settings) as service:
        yield service


@contextmanager
def server_for(store: Path | None) -> Iterator[ServerClient | None]:
    """The running server that holds the store, if any: commands then go through its API."""
    settings = settings_for(store)
    url = running_server(settings.store)
    if url is None:
        yield None
        return
    # The server's token: configured, or the one it saved in the store (this user can read it).
    client = ServerClient(url, settings.write_token or saved_token(settings.store))
    try:
        with errors():
            yield client
    finally:
        client.close()


@contextmanager
def progress(label: str) -> Iterator[Callable[[int, int, str], None]]:
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


def print_report(report: IngestReport) -> None:
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


def print_failure(origin: str, message: str) -> None:
    err.print(f"[red]failed:[/red] {escape(origin)}: {escape(message)}", highlight=False, soft_wrap=True)
