"""`newsgraph serve`: the HTTP API, the SPARQL endpoint and the pages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph.api.cli.common import (
    StoreOption,
    app,
    err,
    open_service,
    settings_for,
)
from newsgraph.api.discovery import write_token
from newsgraph.core.settings import Settings

if TYPE_CHECKING:
    from newsgraph.service.facade import Newsgraph


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
    import uvicorn

    from newsgraph.api.app import create_app
    from newsgraph.service.watch import parse_every

    settings = settings_for(store)
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
    with open_service(store, settings) as service:
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
