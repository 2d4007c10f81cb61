"""What a running server holds, and how other processes find it.

A server owns its store: the service, the persistent inbox, the one worker that writes,
the watchers and the SPARQL endpoint. It leaves `server.json` in the store folder while
it runs, so that a command line pointed at the same store sends its work to the server
instead of fighting it for the store's lock.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from newsgraph.core.settings import Settings
from newsgraph.graph.endpoint import Endpoint, Limits
from newsgraph.qa.inbox import Inbox
from newsgraph.qa.service import Newsgraph
from newsgraph.qa.watch import Background, FeedPoller, FolderWatcher, Worker

log = logging.getLogger(__name__)

SERVER_FILE = "server.json"


@dataclass
class ServerState:
    """The open store and the background threads of one server."""

    settings: Settings
    service: Newsgraph
    inbox: Inbox
    endpoint: Endpoint
    worker: Worker
    watchers: list[Background] = field(default_factory=list)
    owns_service: bool = True
    url: str | None = None

    @classmethod
    def start(
        cls, settings: Settings, service: Newsgraph | None = None, url: str | None = None
    ) -> ServerState:
        """Open the store (unless given), resume the queued work, start the watchers."""
        owns = service is None
        service = service or Newsgraph(settings)
        inbox = Inbox(settings.store / "inbox.sqlite")
        endpoint = Endpoint(
            service.graph.backend.store,  # type: ignore[attr-defined]
            Limits(settings.sparql_timeout, settings.sparql_max_rows, settings.sparql_allow_service),
        )
        worker = Worker(service, inbox)  # type: ignore[arg-type]
        watchers: list[Background] = [FolderWatcher(inbox, folder) for folder in settings.watch_folders]
        watchers += [FeedPoller(inbox, feed, settings.watch_every) for feed in settings.watch_feeds]
        state = cls(settings, service, inbox, endpoint, worker, watchers, owns, url)
        worker.start()
        for watcher in watchers:
            watcher.start()
        if url is not None:
            write_server_file(settings.store, url)
        return state

    def stop(self) -> None:
        """Stop the watchers, let the worker finish its job, release the store."""
        if self.url is not None:
            remove_server_file(self.settings.store)
        for watcher in self.watchers:
            watcher.stop()
        self.worker.stop()
        self.endpoint.close()
        self.inbox.close()
        if self.owns_service:
            self.service.close()


def write_server_file(store: Path, url: str) -> None:
    """Tell other processes that this one serves the store, and where."""
    (store / SERVER_FILE).write_text(json.dumps({"url": url, "pid": os.getpid()}) + "\n", encoding="utf-8")


def remove_server_file(store: Path) -> None:
    """The store is free again."""
    path = store / SERVER_FILE
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError):
        pass


def running_server(store: Path) -> str | None:
    """The URL of the live server that holds this store, if any."""
    try:
        info = json.loads((store / SERVER_FILE).read_text(encoding="utf-8"))
        url, pid = str(info["url"]), int(info["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, owned by someone else
    try:
        httpx.get(f"{url}/health", timeout=5.0).raise_for_status()
    except httpx.HTTPError:
        return None
    return url
