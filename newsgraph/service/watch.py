"""Arriving news becomes inbox jobs; a worker drains the inbox into the service.

- `FolderWatcher` enqueues the files of a folder as they are added or changed.
- `FeedPoller` reads an RSS or Atom feed every so often and enqueues the entries not seen.
- `Worker` takes jobs one at a time and runs them against the service.

Each runs in the caller's thread (`scan`, `poll`, `run_once`) or in a background thread
(`start` ... `stop`). None of them lets one bad file, feed or job stop it: the problem is
logged on one line (and, for a job, recorded in the inbox) and the next one is taken.
`look` is `scan` or `poll` that returns the failures instead of logging them, for a caller
that reports them itself (`newsgraph watch --once`).

Feeds and their entries' pages are fetched through the `Fetcher` a poller is given, which
refuses loopback and private addresses unless it allows them.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import watchfiles

from newsgraph.core.errors import NewsgraphError, NotFound
from newsgraph.core.records import LoadFailure
from newsgraph.core.text import one_line
from newsgraph.core.types import Article
from newsgraph.ingest import feeds
from newsgraph.ingest.fetch import Fetcher, has_scheme
from newsgraph.ingest.loaders import NO_OVERRIDES, SUPPORTED_SUFFIXES, Overrides, iter_files, load_paths
from newsgraph.service.inbox import Inbox, Job

log = logging.getLogger(__name__)

_IDLE_WAIT = 0.5  # seconds a background worker waits for a job before checking for stop
_WATCH_TIMEOUT_MS = 500  # how long watchfiles waits before yielding "no changes"


class IngestResult(Protocol):
    """What the worker reads from an ingest report (the service's `IngestReport`)."""

    articles: int
    sentences: int
    mentions: int
    entities: int
    article_ids: list[str]
    failures: list[LoadFailure]
    stopped: str | None  # why the rest of the batch was not ingested, if it was not


class Service(Protocol):
    """The part of the service the worker drives."""

    def ingest_articles(
        self, articles: Sequence[Article], progress: None = None, deadline: float | None = None
    ) -> IngestResult:
        """Extract and store articles until the deadline, reporting the ones that failed."""
        ...

    def delete(self, article_id: str) -> None:
        """Remove an article and everything it brought."""
        ...


@dataclass(frozen=True)
class Arrivals:
    """What one look at a folder or a feed found: jobs put in the inbox, sources that failed."""

    jobs: int
    failures: tuple[LoadFailure, ...] = ()


class Background(ABC):
    """A `run(stop_event)` loop that can also run in a daemon thread."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @abstractmethod
    def run(self, stop_event: threading.Event) -> None:
        """Work until `stop_event` is set."""

    def start(self) -> None:
        """Run in a background thread until `stop`."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(
            target=self.run, args=(self._stop,), name=type(self).__name__, daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the background thread to stop and wait for it."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None


# ---------------------------------------------------------------- the worker


class Worker(Background):
    """Takes jobs from the inbox and runs them against the service, one at a time."""

    def __init__(self, service: Service, inbox: Inbox, job_seconds: float = 900.0) -> None:
        super().__init__()
        self.service = service
        self.inbox = inbox
        self.job_seconds = job_seconds

    def run_once(self, timeout: float) -> Job | None:
        """Run the next job, waiting up to `timeout` seconds for one; the job as it ended."""
        job = self.inbox.next_job(timeout)
        if job is None:
            return None
        started = time.perf_counter()
        try:
            result = self._ingest(job) if job.kind == "ingest" else self._delete(job)
        except NewsgraphError as error:
            log.warning("job %d (%s from %s) failed: %s", job.id, job.kind, job.origin, one_line(error))
            self.inbox.fail(job.id, one_line(error))
        except Exception as error:  # a bug must not stop the worker: record it, keep going
            message = f"{type(error).__name__}: {one_line(error)}"
            log.error("job %d (%s from %s) crashed: %s", job.id, job.kind, job.origin, message)
            log.debug("traceback of job %d", job.id, exc_info=True)
            self.inbox.fail(job.id, message)
        else:
            # Done only now that the service has written it: a crash before this re-runs the job.
            result = {**result, "seconds": round(time.perf_counter() - started, 3)}
            stopped = result.pop("stopped", None)
            if stopped:  # past its time budget: what was written stays, the rest is not retried
                log.warning("job %d (%s from %s) stopped: %s", job.id, job.kind, job.origin, stopped)
                self.inbox.fail(job.id, stopped, result)
            else:
                self.inbox.finish(job.id, result)
        return self.inbox.get(job.id)

    def _ingest(self, job: Job) -> dict[str, Any]:
        report = self.service.ingest_articles(job.articles(), deadline=time.monotonic() + self.job_seconds)
        return {
            "stopped": report.stopped,
            "articles": report.articles,
            "article_ids": list(report.article_ids),
            "sentences": report.sentences,
            "mentions": report.mentions,
            "entities": report.entities,
            "failures": [{"origin": f.origin, "message": f.message} for f in report.failures],
        }

    def _delete(self, job: Job) -> dict[str, Any]:
        try:
            self.service.delete(job.article_id)
        except NotFound:
            if job.attempts <= 1:
                raise
            # A re-run after a crash: the first attempt already deleted it.
        return {"deleted": job.article_id}

    def run(self, stop_event: threading.Event) -> None:
        """Run jobs until `stop_event` is set."""
        while not stop_event.is_set():
            try:
                self.run_once(_IDLE_WAIT)
            except Exception as error:  # the inbox itself failed (disk full ...): wait, retry
                log.error("worker: %s: %s", type(error).__name__, one_line(error))
                stop_event.wait(_IDLE_WAIT)


# ---------------------------------------------------------------- a watched folder


class FolderWatcher(Background):
    """Enqueues each supported file of a folder when it appears or its content changes.

    Write files elsewhere and move them in: a file caught half-written is enqueued as it
    stands, then again once complete.
    """

    def __init__(self, inbox: Inbox, folder: Path, overrides: Overrides | None = None) -> None:
        super().__init__()
        self.inbox = inbox
        self.folder = folder.resolve()
        self.overrides = overrides or NO_OVERRIDES

    def scan(self) -> int:
        """Enqueue every file whose content was not enqueued before; how many jobs were put."""
        return _logged(self.look())

    def look(self) -> Arrivals:
        """`scan`, returning the files that could not be read or loaded instead of logging them."""
        return self._enqueue(self._files())

    def run(self, stop_event: threading.Event) -> None:
        """Scan, then enqueue files as they are added or modified until `stop_event` is set."""
        scanned = False
        # The scan waits for the first yield, when the watcher is live, so that a file
        # arriving between the scan and the start of watching is not missed.
        for changes in watchfiles.watch(
            self.folder, stop_event=stop_event, yield_on_timeout=True, rust_timeout=_WATCH_TIMEOUT_MS
        ):
            try:
                if not scanned:
                    self.scan()
                    scanned = True
                elif changes:
                    self._enqueue_changed(changes)
            except Exception as error:  # the inbox itself failed: keep watching
                log.error("watching %s: %s: %s", self.folder, type(error).__name__, one_line(error))

    def _enqueue_changed(self, changes: set[tuple[watchfiles.Change, str]]) -> int:
        """Enqueue the added or modified files among `changes`; deletions are ignored."""
        changed = {Path(path).resolve() for change, path in changes if change != watchfiles.Change.deleted}
        # Filtered through iter_files so hidden and .newsgraphignore'd files stay out.
        return _logged(self._enqueue(path for path in self._files() if path in changed))

    def _files(self) -> list[Path]:
        """The supported files of the folder, as a folder ingest would load them."""
        return [
            path.resolve()
            for path in iter_files([self.folder])
            if path.suffix.lower() in SUPPORTED_SUFFIXES and path.is_file()
        ]

    def _enqueue(self, paths: Iterable[Path]) -> Arrivals:
        put = 0
        failures: list[LoadFailure] = []
        for path in paths:
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as error:  # gone or unreadable since it was listed
                failures.append(LoadFailure(str(path), f"not read: {error.strerror}"))
                continue
            key = f"file:{path}:{digest}"
            if self.inbox.seen([key]):
                continue
            articles, failed = load_paths([path], self.overrides)
            failures += failed
            if articles:
                job_id = self.inbox.put_articles(articles, str(path), keys=[key])
                log.info("%s: job %d, %d articles", path, job_id, len(articles))
                put += 1
        return Arrivals(put, tuple(failures))


# ---------------------------------------------------------------- a polled feed


class FeedPoller(Background):
    """Reads a feed every `every` seconds and enqueues one job per entry not seen before.

    A URL is fetched through `fetcher` (default: one that refuses loopback and private
    addresses), and so are the pages of summary-only entries unless `fetch_pages` is off.
    """

    def __init__(
        self,
        inbox: Inbox,
        url_or_path: str,
        every: float,
        fetcher: Fetcher | None = None,
        *,
        fetch_pages: bool = True,
        overrides: Overrides | None = None,
    ) -> None:
        super().__init__()
        self.inbox = inbox
        self.url = url_or_path
        self.every = every
        self.fetcher = fetcher or Fetcher()
        self.fetch_page = feeds.page_fetcher(self.fetcher) if fetch_pages else None
        self.overrides = overrides or NO_OVERRIDES

    def poll(self) -> int:
        """Read the feed once and enqueue its new entries; how many there were."""
        return _logged(self.look(), "feed ")

    def look(self) -> Arrivals:
        """`poll`, returning a failure to read the feed instead of logging it."""
        try:
            entries = feeds.parse_feed(
                self._read(),
                self.url,
                self.fetch_page,
                overrides=self.overrides,
                skip=self.inbox.seen,  # known entries: no page fetch for them
            )
        except NewsgraphError as error:
            return Arrivals(0, (feeds.feed_failure(self.url, error),))
        put = 0
        for entry in entries:
            # Checked again: two entries of one feed may share a link.
            if not self.inbox.seen(entry.keys):
                self.inbox.put_articles([entry.article], self.url, keys=entry.keys)
                put += 1
        if put:
            log.info("feed %s: %d new entries", self.url, put)
        return Arrivals(put)

    def _read(self) -> bytes:
        if has_scheme(self.url):  # the fetcher refuses file:, ftp: and the like
            return self.fetcher.get(self.url).content
        try:
            return Path(self.url).read_bytes()
        except OSError as error:
            raise NewsgraphError(f"cannot read feed file ({error.strerror})") from error

    def run(self, stop_event: threading.Event) -> None:
        """Poll now and then every `every` seconds until `stop_event` is set."""
        while not stop_event.is_set():
            try:
                self.poll()
            except Exception as error:  # the inbox itself failed: try again next time
                log.error("feed %s: %s: %s", self.url, type(error).__name__, one_line(error))
            stop_event.wait(self.every)


# ---------------------------------------------------------------- helpers


def _logged(arrivals: Arrivals, prefix: str = "") -> int:
    """Log each failure on one line; how many jobs were put."""
    for failure in arrivals.failures:
        log.warning("%s%s: %s", prefix, failure.origin, failure.message)
    return arrivals.jobs


_EVERY = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([smh]?)\s*", re.IGNORECASE)
_UNIT_SECONDS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_every(text: str) -> float:
    """Seconds from an interval such as "30s", "5m", "2h" or "90" (seconds)."""
    match = _EVERY.fullmatch(text)
    seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()] if match else 0.0
    if seconds <= 0:
        raise ValueError(
            f"invalid interval {text!r}: give a positive number of seconds, or one ending in "
            "s, m or h, e.g. '30s', '5m', '2h'"
        )
    return seconds
