"""What a running server holds, and how other processes find it.

A server owns its store: the service, the persistent inbox, the one worker that writes,
the watchers and the SPARQL endpoint. It leaves `server.json` in the store folder while
it runs, so that a command line pointed at the same store sends its work to the server
instead of fighting it for the store's lock.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.api.discovery import remove_server_file, saved_token, write_server_file, write_token
from newsgraph.api.security import Tokens
from newsgraph.core.settings import Settings
from newsgraph.graph.guard import Policy
from newsgraph.graph.sandbox import Endpoint, PoolLimits, Snapshots, SnapshotSource, Unchanging
from newsgraph.graph.store import RemoteSparqlBackend
from newsgraph.ingest.fetch import fetcher_from
from newsgraph.service.facade import Newsgraph
from newsgraph.service.inbox import Inbox
from newsgraph.service.watch import Background, FeedPoller, FolderWatcher, Worker

log = logging.getLogger(__name__)


@dataclass
class ServerState:
    """The open store and the background threads of one server."""

    settings: Settings
    service: Newsgraph
    inbox: Inbox
    endpoint: Endpoint
    worker: Worker
    tokens: Tokens
    watchers: list[Background] = field(default_factory=list)
    owns_service: bool = True
    url: str | None = None

    @classmethod
    def start(
        cls, settings: Settings, service: Newsgraph | None = None, url: str | None = None
    ) -> ServerState:
        """Open the store (unless given), resume the queued work, start the watchers."""
        owns = service is None
        # The server embeds on one thread unless told: its answers must not wait for an ingest.
        service = service or Newsgraph(
            settings.model_copy(update={"embed_threads": settings.embed_threads or 1})
        )
        endpoint = _endpoint(settings, service)
        watchers: list[Background] = []
        if service.read_only:
            # Nothing is written: no queue on disk, no token file, nothing watched.
            inbox = Inbox(Path(":memory:"), settings.job_attempts)
            token = settings.write_token or saved_token(settings.store) or secrets.token_urlsafe(32)
            if settings.watch_folders or settings.watch_feeds:
                log.warning("the store is read-only: folders and feeds are not watched")
        else:
            inbox = Inbox(settings.store / "inbox.sqlite", settings.job_attempts)
            token, created = write_token(settings.store, settings.write_token)
            if created:
                log.warning("write token generated and saved in %s", settings.store / "write_token")
            watchers += [FolderWatcher(inbox, folder) for folder in settings.watch_folders]
            watchers += [
                FeedPoller(inbox, feed, settings.watch_every, fetcher=fetcher_from(settings))
                for feed in settings.watch_feeds
            ]
        worker = Worker(service, inbox, settings.job_seconds)
        tokens = Tokens(token, settings.read_token)
        state = cls(settings, service, inbox, endpoint, worker, tokens, watchers, owns, url)
        worker.start()
        for watcher in watchers:
            watcher.start()
        if url is not None and not service.read_only:
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


def _endpoint(settings: Settings, service: Newsgraph) -> Endpoint:
    """The researchers' SPARQL endpoint over the service's embedded store."""
    backend = service.graph.backend
    remote = backend.answer if isinstance(backend, RemoteSparqlBackend) else None
    snapshots: SnapshotSource | None = (
        None  # a remote store's own server answers
        if remote is not None
        else Unchanging(backend.path)
        if backend.read_only
        else Snapshots(settings.store / "snapshots", backend.snapshot, lambda: backend.generation)
    )
    limits = PoolLimits(
        settings.sparql_timeout,
        settings.sparql_max_rows,
        settings.sparql_workers,
        settings.sparql_queue,
        settings.sparql_memory_mb,
    )
    policy = Policy(
        settings.sparql_max_chars,
        settings.sparql_max_depth,
        settings.sparql_allow_service,
        tuple(settings.sparql_load_hosts),
    )
    return Endpoint(snapshots, backend.update, limits, policy, remote)
