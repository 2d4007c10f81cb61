"""Researchers' queries run in worker processes that a deadline can kill.

The server never parses or evaluates a researcher's query itself. Each query goes to one
of a few child processes (`python -m newsgraph.graph.sandbox`), which reads a snapshot of
the store: a RocksDB checkpoint of hard links, taken when the store has changed since
the last one, so a query sees every write acknowledged before it. A query that runs past
its deadline has its process killed, so the work really stops and the slot is free at
once; a query that crashes the engine takes only its worker with it. Workers run at a
lower CPU priority than the server, with a cap on their memory.

Admission: a query waits for a free worker at most as long as it may run, and when
`queue` queries are already waiting the next one is refused at once (`Busy`).

    server thread --request--> QueryPool --pipe--> worker process (snapshot, read-only)
                  <--Reply----           <--pipe--
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

from newsgraph.core.errors import GraphError, QueryError
from newsgraph.graph.endpoint import (
    Dataset,
    NotAcceptable,
    QueryTimeout,
    Reply,
    TooManyRows,
    Wanted,
    graph_iri,
)
from newsgraph.graph.guard import (
    Operation,
    Policy,
    QueryRefused,
    QueryTooLarge,
    check_shape,
    expand_escapes,
    with_dataset,
)
from newsgraph.graph.vocab import sparql_iri

log = logging.getLogger(__name__)

_WORKER_STACK = 256 * 1024 * 1024  # virtual: only the pages a deep parse touches are used
_WORKER_RECURSION = 50_000
_WARM_SECONDS = 60.0  # for a new worker to open a snapshot and answer its first query
WORKER_START_SECONDS = 30.0  # for a new worker process to start and say it is ready
_NICENESS = 19  # the server's own threads (questions, writes) come first
# Errors a worker may send back, by class name.
_ERRORS: dict[str, type[QueryError]] = {
    cls.__name__: cls for cls in (QueryError, QueryRefused, QueryTooLarge, TooManyRows, NotAcceptable)
}


class Busy(QueryError):
    """Every query worker is taken and the waiting line is full: try again shortly."""


@dataclass(frozen=True)
class PoolLimits:
    """How many workers, how long a query may run, what it may return and use."""

    seconds: float = 30.0
    rows: int = 100_000
    workers: int = 2
    queue: int = 16
    memory_mb: int = 4096


@dataclass(frozen=True)
class Request:
    """One piece of work for a worker: a query to answer, or a text to check only."""

    operation: Operation
    text: str
    policy: Policy
    snapshot: str = ""
    dataset: Dataset = field(default_factory=Dataset)
    wanted: Wanted = field(default_factory=Wanted)
    rows: int = 100_000
    evaluate: bool = True
    base: str | None = None  # the IRI relative IRIs in the query resolve against


# ---------------------------------------------------------------- snapshots


class Snapshots:
    """Read-only checkpoints of a store, taken when the store changed since the last one.

    A snapshot is leased while a request or a worker reads it, and removed once nothing
    reads it and a newer one exists.
    """

    def __init__(self, folder: Path, take: Callable[[Path], None], generation: Callable[[], int]) -> None:
        self.folder = folder
        self._take = take
        self._generation = generation
        self._lock = threading.Lock()
        self._current: tuple[int, str] | None = None
        self._leases: dict[str, int] = {}
        self._count = 0
        shutil.rmtree(folder, ignore_errors=True)  # what a killed server left
        folder.mkdir(parents=True, exist_ok=True)

    def lease(self) -> str:
        """A snapshot holding every write made so far (taken now if the store changed), leased."""
        with self._lock:
            generation = self._generation()
            if self._current is None or self._current[0] != generation:
                self._count += 1
                path = self.folder / f"{self._count:06d}"
                self._take(path)
                previous, self._current = self._current, (generation, str(path))
                if previous is not None and not self._leases.get(previous[1]):
                    self._remove(previous[1])
            path_text = self._current[1]
            self._leases[path_text] = self._leases.get(path_text, 0) + 1
            return path_text

    def release(self, path: str) -> None:
        """One reader less; the snapshot goes when it was the last and a newer one exists."""
        with self._lock:
            left = self._leases.get(path, 0) - 1
            if left > 0:
                self._leases[path] = left
                return
            self._leases.pop(path, None)
            if self._current is None or self._current[1] != path:
                self._remove(path)

    def _remove(self, path: str) -> None:
        self._leases.pop(path, None)
        shutil.rmtree(path, ignore_errors=True)

    def close(self) -> None:
        """Remove every snapshot."""
        with self._lock:
            shutil.rmtree(self.folder, ignore_errors=True)
            self._current = None
            self._leases.clear()


class Unchanging:
    """A store nobody writes (opened read-only) is its own snapshot."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)

    def lease(self) -> str:
        """The store itself."""
        return self.path

    def release(self, path: str) -> None:
        """Nothing to remove."""

    def close(self) -> None:
        """Nothing to remove."""


class SnapshotSource(Protocol):
    """Where the workers read: snapshots of a changing store, or a store that does not change."""

    def lease(self) -> str:
        """A path to read, held until released."""
        ...

    def release(self, path: str) -> None:
        """One reader of `path` less."""
        ...

    def close(self) -> None:
        """Remove what was made."""
        ...


# ---------------------------------------------------------------- the parent's side


class _Worker:
    """One child process and the two pipe ends that talk to it."""

    def __init__(self, memory_mb: int) -> None:
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        # Lower its priority before it imports anything: a worker starting up must not take
        # the CPU from the server or from a worker answering a query.
        start = f"import os, runpy; os.nice({_NICENESS}); runpy.run_module({__name__!r}, run_name='__main__')"
        self.process = subprocess.Popen(
            [sys.executable, "-c", start, str(to_child_r), str(from_child_w), str(memory_mb)],
            pass_fds=(to_child_r, from_child_w),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            close_fds=True,
            # Few malloc arenas: each reserves 64 MiB of address space, which the cap counts.
            env={**os.environ, "MALLOC_ARENA_MAX": "2"},
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._send = Connection(to_child_w, readable=False)
        self._receive = Connection(from_child_r, writable=False)
        self.snapshot = ""

    def ask(self, request: Request, seconds: float) -> tuple[Any, ...] | None:
        """The worker's answer, or None when it did not answer in time or died."""
        try:
            self._send.send(request)
            if not self._receive.poll(seconds):
                return None
            answer: tuple[Any, ...] = self._receive.recv()
        except (EOFError, OSError):
            return ("died",)
        return answer

    def kill(self) -> None:
        """Stop the process now; its work is lost."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self._send.close()
        self._receive.close()


class QueryPool:
    """A few worker processes; each request gets one of them or is refused.

    Each worker is idle, busy with one request, or starting (in the background, opening
    the current snapshot). A request waits only while some worker is starting or, when
    all are busy, if fewer than `queue` requests already wait.
    """

    def __init__(self, limits: PoolLimits, snapshots: SnapshotSource | None = None) -> None:
        self.limits = limits
        self.snapshots = snapshots
        self._idle: list[_Worker] = []
        self._busy = 0
        self._starting = 0
        self._waiting = 0
        self._ready = threading.Condition()
        self._closed = False

    def start(self) -> None:
        """Start every worker now, in the background, so that no query waits for one to start."""
        with self._ready:
            missing = self.limits.workers - self._busy - self._starting - len(self._idle)
        for _ in range(missing):
            self._start_one()

    def run(self, request: Request) -> Reply | None:
        """Evaluate (or only check) a request in a worker within the time limit.

        Raises Busy when no worker frees up in time, QueryTimeout when the work runs past
        the limit (its worker is killed), and the worker's own QueryError otherwise.
        """
        try:
            worker, queued = self._acquire(self.limits.seconds)
        except QueryError:
            if self.snapshots is not None and request.snapshot:
                self.snapshots.release(request.snapshot)
            raise
        answer: tuple[Any, ...] | None = None
        try:
            # The time limit covers the wait for a busy worker, not for one being started.
            answer = worker.ask(request, max(self.limits.seconds - queued, 0.01))
        finally:
            healthy = answer is not None and answer[0] != "died"
            self._hand_over(worker, request.snapshot, healthy)
            self._release(worker, healthy)
        if answer is None:
            raise QueryTimeout(
                f"the query ran longer than {self.limits.seconds:g} s and was stopped; "
                "narrow it or add a LIMIT"
            )
        if answer[0] == "died":
            raise QueryError(
                "the query stopped the query engine (it ran out of memory or stack) and was abandoned"
            )
        if answer[0] == "error":
            raise _ERRORS.get(answer[1], QueryError)(answer[2])
        return answer[1] if request.evaluate else None

    def close(self) -> None:
        """Kill every idle worker; busy and starting ones are killed when they come back."""
        with self._ready:
            self._closed = True
            idle, self._idle = self._idle, []
            self._ready.notify_all()
        for worker in idle:
            self._kill(worker)

    def _acquire(self, seconds: float) -> tuple[_Worker, float]:
        """An idle worker, and how long the request waited for busy ones.

        Waiting for busy workers ends at the query's time limit; waiting for one that is
        starting may take longer on a loaded machine, and is no reason to refuse.
        """
        deadline = time.monotonic() + seconds
        start_deadline = time.monotonic() + max(seconds, WORKER_START_SECONDS)
        queued = 0.0
        with self._ready:
            if self._closed:
                raise Busy("the SPARQL endpoint is shutting down")
            all_busy = not self._idle and not self._starting and self._busy >= self.limits.workers
            if all_busy and self._waiting >= self.limits.queue:
                raise Busy(f"all {self.limits.workers} query workers are busy and the waiting line is full")
            self._waiting += 1
            try:
                while not self._idle:
                    if self._busy + self._starting < self.limits.workers:
                        self._start_one_locked()
                    starting = self._starting > 0
                    remaining = (start_deadline if starting else deadline) - time.monotonic()
                    if remaining <= 0 or self._closed:
                        raise Busy(f"no query worker was free within {seconds:g} s")
                    waited = time.monotonic()
                    self._ready.wait(remaining)
                    queued += 0.0 if starting else time.monotonic() - waited
            finally:
                self._waiting -= 1
            self._busy += 1
            return self._idle.pop(), queued

    def _release(self, worker: _Worker, healthy: bool) -> None:
        with self._ready:
            self._busy -= 1
            keep = healthy and not self._closed and worker.process.poll() is None
            if keep:
                self._idle.append(worker)
            self._ready.notify()
        if not keep:
            self._kill(worker)
            self._start_one()

    def _hand_over(self, worker: _Worker, snapshot: str, healthy: bool) -> None:
        """The request's lease on its snapshot passes to the worker that now holds it open."""
        if self.snapshots is None or not snapshot:
            return
        if healthy and worker.snapshot != snapshot:
            if worker.snapshot:
                self.snapshots.release(worker.snapshot)
            worker.snapshot = snapshot
            return
        self.snapshots.release(snapshot)

    def _kill(self, worker: _Worker) -> None:
        worker.kill()
        if self.snapshots is not None and worker.snapshot:
            self.snapshots.release(worker.snapshot)
            worker.snapshot = ""

    def _start_one(self) -> None:
        """Start a worker in the background (in place of a killed one, or one more)."""
        with self._ready:
            self._start_one_locked()

    def _start_one_locked(self) -> None:
        if self._closed:
            return
        self._starting += 1
        threading.Thread(target=self._starter, name="sparql-worker-start", daemon=True).start()

    def _starter(self) -> None:
        worker: _Worker | None = None
        try:
            worker = _Worker(self.limits.memory_mb)
            if not self._warm(worker):
                self._kill(worker)
                worker = None
        except Exception as exc:  # the pool must learn that this start is over, whatever happened
            log.error("cannot start a query worker: %s: %s", type(exc).__name__, exc)
            if worker is not None:
                self._kill(worker)
                worker = None
        with self._ready:
            self._starting -= 1
            if worker is not None and not self._closed:
                self._idle.append(worker)
                worker = None
            self._ready.notify_all()
        if worker is not None:
            self._kill(worker)

    def _warm(self, worker: _Worker) -> bool:
        """Have a new worker open the current snapshot and parse once, as its first query would."""
        if self.snapshots is None:
            return True
        snapshot = self.snapshots.lease()
        answer = worker.ask(Request("query", "ASK {}", Policy(), snapshot), _WARM_SECONDS)
        healthy = answer is not None and answer[0] == "ok"
        self._hand_over(worker, snapshot, healthy)
        return healthy


# ---------------------------------------------------------------- the endpoint


# How a remote store answers a checked query: text, client's types, row cap, seconds, dataset, base IRI.
RemoteAnswer = Callable[[str, Wanted, int, float, Dataset, str | None], Reply]


class Endpoint:
    """Researchers' SPARQL over a store: checked in the server, run in the workers, or, for a
    remote store (`remote`), checked in the workers and answered by that store's server."""

    def __init__(
        self,
        snapshots: SnapshotSource | None,
        update: Callable[[str], None],
        limits: PoolLimits,
        policy: Policy,
        remote: RemoteAnswer | None = None,
    ) -> None:
        self.snapshots = snapshots
        self.limits = limits
        self.policy = policy
        self._update = update
        self._remote = remote
        self.pool = QueryPool(limits, snapshots)
        self.pool.start()

    def query(self, query: str, dataset: Dataset, wanted: Wanted, base: str | None = None) -> Reply:
        """Check, then run one query on a snapshot of the store, within the limits; relative
        IRIs resolve against `base`."""
        text = self._checked(query)
        if self._remote is not None:
            self.pool.run(Request("query", text, self.policy, evaluate=False))
            return self._remote(text, wanted, self.limits.rows, self.limits.seconds, dataset, base)
        assert self.snapshots is not None, "an endpoint reads snapshots unless a remote store answers"
        snapshot = self.snapshots.lease()  # the pool hands the lease on or releases it
        request = Request("query", text, self.policy, snapshot, dataset, wanted, self.limits.rows, base=base)
        reply = self.pool.run(request)
        assert reply is not None
        return reply

    def update(self, update: str, base: str | None = None, using: Dataset | None = None) -> None:
        """Check an update in a worker (parsing is the risky part), then apply it to the store;
        relative IRIs resolve against `base` (a BASE the update states comes later and wins), and
        `using` is the Protocol's dataset for its WHERE clauses (using-graph-uri and
        using-named-graph-uri)."""
        text = self._checked(update)
        if using is not None:
            text = with_dataset(text, using.default_graphs, using.named_graphs)
        if base is not None:
            text = f"BASE {sparql_iri(graph_iri(base))}\n{text}"
        self.pool.run(Request("update", text, self.policy, evaluate=False))
        try:
            self._update(text)
        except GraphError as exc:
            raise QueryError(str(exc)) from exc

    def _checked(self, text: str) -> str:
        check_shape(text, self.policy)
        expanded = expand_escapes(text)
        check_shape(expanded, self.policy)
        return expanded

    def close(self) -> None:
        """Stop the workers and remove the snapshots."""
        self.pool.close()
        if self.snapshots is not None:
            self.snapshots.close()


# ---------------------------------------------------------------- the worker's side


def _serve(receive: Connection, send: Connection) -> None:
    """Answer requests until the server closes the pipe."""
    import gc

    import pyoxigraph as ox
    from rdflib.plugins.sparql import parser  # noqa: F401  (builds the grammar before the first query)

    from newsgraph.graph.endpoint import evaluate
    from newsgraph.graph.guard import check_permissions

    store: ox.Store | None = None
    opened = ""
    while True:
        try:
            request: Request = receive.recv()
        except (EOFError, OSError):
            return  # the server is gone
        answer: tuple[Any, ...]
        try:
            check_permissions(request.text, request.operation, request.policy)
            if request.evaluate and request.snapshot != opened:
                store = None
                gc.collect()  # release the old snapshot's files before opening the new one
                store = ox.Store.read_only(request.snapshot)
                opened = request.snapshot
            if request.evaluate:
                assert store is not None
                reply = evaluate(
                    store, request.text, request.dataset, request.wanted, request.rows, request.base
                )
                answer = ("ok", reply)
            else:
                answer = ("ok", None)
        except QueryError as exc:
            answer = ("error", type(exc).__name__, str(exc))
        except OSError as exc:
            answer = ("error", "QueryError", f"the store snapshot could not be read: {exc}")
        try:
            send.send(answer)
        except OSError:
            return  # the server stopped waiting (a deadline) or is gone


def main(argv: Sequence[str]) -> None:
    """Worker entry point: `python -m newsgraph.graph.sandbox READ_FD WRITE_FD MEMORY_MB`."""
    import resource

    receive = Connection(int(argv[0]), writable=False)
    send = Connection(int(argv[1]), readable=False)
    memory = int(argv[2]) * 1024 * 1024
    sys.setrecursionlimit(_WORKER_RECURSION)
    threading.stack_size(_WORKER_STACK)
    thread = threading.Thread(target=_serve, args=(receive, send), name="sparql-worker")
    thread.start()
    if memory > 0:  # on top of the stack just reserved: the cap is for the query's own data
        resource.setrlimit(resource.RLIMIT_AS, (memory + _WORKER_STACK, memory + _WORKER_STACK))
    thread.join()


if __name__ == "__main__":
    main(sys.argv[1:])
