"""Researchers' queries in worker processes: snapshots, deadlines that kill, crashes contained."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from newsgraph.core.errors import QueryError
from newsgraph.graph.endpoint import Dataset, QueryTimeout, Wanted
from newsgraph.graph.guard import Policy, QueryRefused
from newsgraph.graph.sandbox import Busy, Endpoint, PoolLimits, Snapshots

EX = "http://e.test/"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
# Minutes of work on 2,000 triples: a four-way cross join.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


class Store:
    """A real on-disk store and its write generation, as the server's backend keeps it."""

    def __init__(self, path: Path) -> None:
        self.store = ox.Store(str(path))
        self.generation = 0

    def add(self, first: int, count: int) -> None:
        graph, predicate = ox.NamedNode(f"{EX}g"), ox.NamedNode(f"{EX}p")
        self.store.extend(
            ox.Quad(ox.NamedNode(f"{EX}s{i}"), predicate, ox.Literal(f"v{i}"), graph)
            for i in range(first, first + count)
        )
        self.generation += 1

    def update(self, text: str) -> None:
        self.store.update(text)
        self.generation += 1


@pytest.fixture
def store(tmp_path: Path) -> Store:
    data = Store(tmp_path / "graph")
    data.add(0, 2000)
    return data


def _endpoint(store: Store, folder: Path, **limits: float) -> Endpoint:
    def take(path: Path) -> None:
        store.store.backup(str(path))

    snapshots = Snapshots(folder / "snapshots", take, lambda: store.generation)
    return Endpoint(snapshots, store.update, PoolLimits(**limits), Policy())  # type: ignore[arg-type]


@pytest.fixture
def endpoint(store: Store, tmp_path: Path) -> Iterator[Endpoint]:
    running = _endpoint(store, tmp_path, seconds=2.0, workers=1, queue=4)
    yield running
    running.close()


def _ready_within(endpoint: Endpoint, seconds: float) -> bool:
    """Whether an idle worker, and no other, is waiting within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pool = endpoint.pool
        idle = pool._idle
        if pool._busy == pool._starting == 0 and len(idle) == 1 and idle[0].process.poll() is None:
            return True
        time.sleep(0.02)
    return False


def _count(endpoint: Endpoint) -> int:
    body = json.loads(endpoint.query(COUNT, Dataset(), Wanted()).body)
    return int(body["results"]["bindings"][0]["n"]["value"])


def test_queries_see_every_write_made_before_them(store: Store, endpoint: Endpoint, tmp_path: Path) -> None:
    assert _count(endpoint) == 2000
    store.add(2000, 5)
    assert _count(endpoint) == 2005
    endpoint.update(f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}x> <{EX}p> 'x' }} }}")
    assert _count(endpoint) == 2006
    # Only the snapshot in use remains on disk.
    assert len(list((tmp_path / "snapshots").iterdir())) == 1


def test_a_runaway_query_is_killed_at_its_deadline_and_frees_its_slot(endpoint: Endpoint) -> None:
    # The time limit is the query's own run: time it from a ready worker.
    assert _ready_within(endpoint, 30)
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="longer than 2 s"):
        endpoint.query(RUNAWAY, Dataset(), Wanted())
    stopped = time.monotonic() - started
    assert 2.0 <= stopped < 3.0
    # The runaway's process is gone; a fresh worker is soon ready.
    assert _ready_within(endpoint, 5.0)
    assert _count(endpoint) == 2000


def test_a_full_pool_refuses_at_once(store: Store, tmp_path: Path) -> None:
    endpoint = _endpoint(store, tmp_path, seconds=3.0, workers=1, queue=0)
    try:
        _count(endpoint)  # the worker is up
        outcome: list[Exception] = []

        def run_away() -> None:
            try:
                endpoint.query(RUNAWAY, Dataset(), Wanted())
            except QueryTimeout as exc:
                outcome.append(exc)

        runaway = threading.Thread(target=run_away)
        runaway.start()
        time.sleep(0.5)
        asked = time.monotonic()
        with pytest.raises(Busy, match="busy"):
            endpoint.query(COUNT, Dataset(), Wanted())
        assert time.monotonic() - asked < 0.5
        runaway.join()
        assert len(outcome) == 1 and _ready_within(endpoint, 1.0) and _count(endpoint) == 2000
    finally:
        endpoint.close()


def test_a_query_that_kills_its_worker_does_not_reach_the_server(store: Store, tmp_path: Path) -> None:
    # 400 MiB for the query's data: one that builds a string of four million values runs out.
    endpoint = _endpoint(store, tmp_path, seconds=60.0, workers=1, memory_mb=400)
    try:
        hungry = (
            "SELECT (STRLEN(GROUP_CONCAT(CONCAT(STR(?a), STR(?b), STR(?o), STR(?r)))) AS ?n) "
            "WHERE { ?a ?p ?o . ?b ?q ?r }"
        )
        with pytest.raises(QueryError, match="stopped the query engine"):
            endpoint.query(hungry, Dataset(), Wanted())
        assert _count(endpoint) == 2000
    finally:
        endpoint.close()


def test_permissions_and_parsing_happen_in_the_worker(endpoint: Endpoint) -> None:
    with pytest.raises(QueryRefused, match="SERVICE"):
        endpoint.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", Dataset(), Wanted())
    # 60 levels parse there (this thread's recursion limit would not allow it).
    deep = "SELECT * WHERE " + "{" * 60 + " ?s ?p 'v1' " + "}" * 60
    body = json.loads(endpoint.query(deep, Dataset(), Wanted()).body)
    assert len(body["results"]["bindings"]) == 1
