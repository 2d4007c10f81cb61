"""A persistent work queue of ingest and delete jobs, in one SQLite file.

Exactly once: `put_articles` commits the job (and the dedupe keys that recognise its
articles, in the same transaction) with a synchronous write before it returns, so an
acknowledged job survives a crash. A worker marks a job done only after the service has
written it. A crash in between leaves the job "running", and a later `claim` hands it
out again; the job then runs twice, but re-ingesting an article replaces it, so each
article ends up ingested exactly once. A delete run again finds its article gone; the
worker counts that as done when the job's `attempts` says it is a re-run.

A job that was running when its process died more than `max_attempts` times in all
(say, an article that brings the server down) is not handed out again: it is marked
failed with the reason, so it cannot keep a restarted server from the jobs behind it.
A pending job can be cancelled; a running one cannot.

Job states:  pending --claim--> running --finish--> done
                |                       \\--fail----> failed
                +--cancel--> cancelled
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal, cast

from newsgraph.core.errors import Conflict, NotFound
from newsgraph.core.types import Article

JobKind = Literal["ingest", "delete"]
JobState = Literal["pending", "running", "done", "failed", "cancelled"]
JOB_STATES: tuple[JobState, ...] = ("pending", "running", "done", "failed", "cancelled")

# Another process (a CLI enqueueing while a server works) cannot notify our condition,
# so waiters also look at the file this often.
_POLL_SECONDS = 0.5
_KEYS_PER_QUERY = 500  # below SQLite's limit on bound parameters

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    origin TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    result TEXT,
    error TEXT,
    created TEXT NOT NULL,
    finished TEXT,
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs (state, id);
CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class Job:
    """One unit of work: articles to ingest, or an article to delete."""

    id: int
    kind: JobKind
    origin: str  # a file path, a feed URL, "http" ...
    state: JobState
    payload: str  # JSON: a list of article dicts, or an article id
    created: datetime
    result: dict[str, Any] | None = None
    error: str | None = None
    finished: datetime | None = None
    attempts: int = 0  # how many times it was claimed; above 1 after a crash

    def articles(self) -> list[Article]:
        """The articles of an ingest job."""
        return [article_from_dict(record) for record in json.loads(self.payload)]

    @property
    def article_id(self) -> str:
        """The article a delete job removes."""
        return str(json.loads(self.payload))


def article_to_dict(article: Article) -> dict[str, Any]:
    """An article as a JSON-ready dict; the date as an ISO string."""
    record = asdict(article)
    record["published"] = article.published.isoformat() if article.published else None
    return record


def article_from_dict(record: dict[str, Any]) -> Article:
    """The article `article_to_dict` wrote."""
    published = record.get("published")
    return Article(**{**record, "published": date.fromisoformat(published) if published else None})


class Inbox:
    """Jobs waiting to be done, and the keys of everything ever enqueued."""

    def __init__(self, path: Path, max_attempts: int = 2) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.max_attempts = max_attempts
        # One connection shared by threads: every statement runs under the lock.
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30.0)
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._claimed: set[int] = set()  # running jobs this instance handed out
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")  # a commit is on disk when it returns
            self._db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the file; the jobs stay in it."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Inbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ putting jobs

    def put_articles(self, articles: Sequence[Article], origin: str, keys: Iterable[str] = ()) -> int:
        """Enqueue articles to ingest and remember their keys; durable when it returns."""
        payload = json.dumps([article_to_dict(a) for a in articles], ensure_ascii=False)
        return self._put("ingest", origin, payload, keys)

    def put_delete(self, article_id: str, origin: str) -> int:
        """Enqueue the deletion of an article; durable when it returns."""
        return self._put("delete", origin, json.dumps(article_id), ())

    def _put(self, kind: JobKind, origin: str, payload: str, keys: Iterable[str]) -> int:
        with self._transaction():
            cursor = self._db.execute(
                "INSERT INTO jobs (kind, origin, payload, created) VALUES (?, ?, ?, ?)",
                (kind, origin, payload, _now()),
            )
            self._db.executemany("INSERT OR IGNORE INTO seen (key) VALUES (?)", ((k,) for k in keys))
            job_id = cursor.lastrowid
            self._changed.notify_all()
        assert job_id is not None  # an INSERT always sets it
        return job_id

    # ------------------------------------------------------------------ taking jobs

    def claim(self) -> Job | None:
        """The oldest job still to do, now marked running; None when there is none.

        A job another run left "running" (it crashed before finishing) is handed out
        again, unless it has already been started `max_attempts` times: then it fails.
        A job this inbox handed out is not handed out again.
        """
        with self._transaction():
            while True:
                claimed = sorted(self._claimed)  # few: the jobs under way in this process
                row = self._db.execute(
                    "SELECT id, attempts FROM jobs WHERE state IN ('pending', 'running') "
                    f"AND id NOT IN ({','.join('?' * len(claimed))}) ORDER BY id LIMIT 1",
                    claimed,
                ).fetchone()
                if row is None:
                    return None
                job_id, attempts = row
                if attempts < self.max_attempts:
                    break
                self._db.execute(
                    "UPDATE jobs SET state = 'failed', error = ?, finished = ? WHERE id = ?",
                    (
                        f"stopped {attempts} times before it could finish (the server was killed or "
                        "crashed while running it); not retried",
                        _now(),
                        job_id,
                    ),
                )
            self._db.execute(
                "UPDATE jobs SET state = 'running', attempts = attempts + 1 WHERE id = ?", (job_id,)
            )
            self._claimed.add(job_id)
            return self.get(job_id)

    def cancel(self, job_id: int) -> Job:
        """Cancel a pending job; Conflict when it is already running or over."""
        with self._transaction():
            job = self.get(job_id)
            if job.state != "pending":
                raise Conflict(f"job {job_id} is {job.state}; only a pending job can be cancelled")
            self._db.execute(
                "UPDATE jobs SET state = 'cancelled', finished = ? WHERE id = ?", (_now(), job_id)
            )
            self._changed.notify_all()
        return self.get(job_id)

    def next_job(self, timeout: float) -> Job | None:
        """Claim a job, waiting up to `timeout` seconds for one to be put."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while (job := self.claim()) is None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._changed.wait(min(remaining, _POLL_SECONDS))
            return job

    def finish(self, job_id: int, result: dict[str, Any]) -> None:
        """Mark a job done with what it did."""
        self._end(job_id, "done", json.dumps(result, ensure_ascii=False), None)

    def fail(self, job_id: int, message: str, result: dict[str, Any] | None = None) -> None:
        """Mark a job failed, with a one-line reason and what it did before it failed."""
        self._end(job_id, "failed", json.dumps(result, ensure_ascii=False) if result else None, message)

    def _end(self, job_id: int, state: JobState, result: str | None, error: str | None) -> None:
        with self._transaction():
            cursor = self._db.execute(
                "UPDATE jobs SET state = ?, result = ?, error = ?, finished = ? WHERE id = ?",
                (state, result, error, _now(), job_id),
            )
            if cursor.rowcount == 0:
                raise NotFound(f"no job {job_id} in the inbox")
            self._claimed.discard(job_id)
            self._changed.notify_all()

    # ------------------------------------------------------------------ reading

    def get(self, job_id: int) -> Job:
        """A job by id; `NotFound` when there is none."""
        with self._lock:
            row = self._db.execute(
                "SELECT id, kind, origin, state, payload, created, result, error, finished, attempts "
                "FROM jobs WHERE id = ?",
                (job_id,),
            ).fetchone()
        if row is None:
            raise NotFound(f"no job {job_id} in the inbox")
        return _job(row)

    def wait(self, job_id: int, timeout: float) -> Job:
        """The job once done or failed, or as it stands after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while (job := self.get(job_id)).state not in ("done", "failed", "cancelled"):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._changed.wait(min(remaining, _POLL_SECONDS))
            return job

    def jobs(self, state: JobState | None = None, offset: int = 0, limit: int = 50) -> tuple[int, list[Job]]:
        """A page of jobs, newest first, and how many there are in all (of that state)."""
        where, args = ("WHERE state = ?", [state]) if state else ("", [])
        with self._lock:
            (total,) = self._db.execute(f"SELECT count(*) FROM jobs {where}", args).fetchone()
            rows = self._db.execute(
                "SELECT id, kind, origin, state, payload, created, result, error, finished, attempts "
                f"FROM jobs {where} ORDER BY id DESC LIMIT ? OFFSET ?",
                [*args, limit, offset],
            ).fetchall()
        return int(total), [_job(row) for row in rows]

    def pending(self) -> int:
        """How many jobs are waiting or under way."""
        with self._lock:
            row = self._db.execute(
                "SELECT count(*) FROM jobs WHERE state IN ('pending', 'running')"
            ).fetchone()
        return int(row[0])

    def seen(self, keys: Iterable[str]) -> bool:
        """Whether any of these keys came with an earlier job."""
        wanted = list(dict.fromkeys(keys))
        with self._lock:
            for start in range(0, len(wanted), _KEYS_PER_QUERY):
                chunk = wanted[start : start + _KEYS_PER_QUERY]
                marks = ",".join("?" * len(chunk))
                if self._db.execute(f"SELECT 1 FROM seen WHERE key IN ({marks}) LIMIT 1", chunk).fetchone():
                    return True
        return False

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction under the lock, committed (and synced) or rolled back."""
        with self._lock:
            # IMMEDIATE takes the write lock up front, so another process cannot slip in
            # between our SELECT and UPDATE in `claim`.
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _job(row: tuple[Any, ...]) -> Job:
    job_id, kind, origin, state, payload, created, result, error, finished, attempts = row
    return Job(
        id=job_id,
        kind=cast(JobKind, kind),
        origin=origin,
        state=cast(JobState, state),
        payload=payload,
        created=datetime.fromisoformat(created),
        result=json.loads(result) if result is not None else None,
        error=error,
        finished=datetime.fromisoformat(finished) if finished else None,
        attempts=attempts,
    )
