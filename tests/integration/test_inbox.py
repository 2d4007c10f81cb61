"""The inbox: a durable queue of ingest and delete jobs in one SQLite file."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from newsgraph.core.errors import Conflict, NotFound
from newsgraph.core.types import Article
from newsgraph.service.inbox import Inbox, article_from_dict, article_to_dict

NVIDIA = Article(
    id="a1",
    text="Nvidia said on Friday that new export rules would hit its sales in China.",
    title="Chip curbs",
    url="https://example.test/a1",
    source="Test Wire",
    published=date(2025, 4, 15),
    origin="a1.txt",
)
BARE = Article(id="a2", text="Just a body.")


@pytest.fixture
def inbox(tmp_path: Path) -> Iterator[Inbox]:
    with Inbox(tmp_path / "inbox.sqlite") as opened:
        yield opened


def test_article_dict_round_trip() -> None:
    assert article_to_dict(NVIDIA)["published"] == "2025-04-15"
    assert [article_from_dict(article_to_dict(a)) for a in (NVIDIA, BARE)] == [NVIDIA, BARE]


def test_jobs_run_in_order_from_pending_to_done(inbox: Inbox) -> None:
    first = inbox.put_articles([NVIDIA, BARE], "a1.txt")
    second = inbox.put_delete("a9", "http")
    assert (inbox.pending(), inbox.get(first).state) == (2, "pending")

    job = inbox.claim()
    assert job is not None
    assert (job.id, job.kind, job.origin, job.state, job.attempts) == (
        first,
        "ingest",
        "a1.txt",
        "running",
        1,
    )
    assert job.articles() == [NVIDIA, BARE]

    inbox.finish(first, {"articles": 2})
    done = inbox.get(first)
    assert (done.state, done.result, done.error) == ("done", {"articles": 2}, None)
    assert done.finished is not None and done.finished >= done.created

    job = inbox.claim()
    assert job is not None
    assert (job.id, job.kind, job.article_id) == (second, "delete", "a9")
    inbox.fail(second, "no article a9")
    failed = inbox.get(second)
    assert (failed.state, failed.result, failed.error) == ("failed", None, "no article a9")

    assert inbox.claim() is None
    assert inbox.pending() == 0


def test_a_running_job_is_not_handed_out_twice(inbox: Inbox) -> None:
    inbox.put_delete("a1", "http")
    assert inbox.claim() is not None
    assert inbox.claim() is None
    assert inbox.pending() == 1


def test_unknown_job(inbox: Inbox) -> None:
    with pytest.raises(NotFound, match="no job 42 in the inbox"):
        inbox.get(42)
    with pytest.raises(NotFound):
        inbox.finish(42, {})


def test_wait_returns_when_another_thread_finishes(inbox: Inbox) -> None:
    job_id = inbox.put_delete("a1", "http")

    def work() -> None:
        time.sleep(0.1)
        job = inbox.claim()
        assert job is not None
        inbox.finish(job.id, {"deleted": "a1"})

    worker = threading.Thread(target=work)
    started = time.monotonic()
    worker.start()
    job = inbox.wait(job_id, timeout=10)
    worker.join()
    assert job.state == "done"
    assert time.monotonic() - started < 2  # woken by the condition, not the timeout


def test_wait_times_out_with_the_job_as_it_stands(inbox: Inbox) -> None:
    job_id = inbox.put_delete("a1", "http")
    started = time.monotonic()
    assert inbox.wait(job_id, timeout=0.2).state == "pending"
    assert 0.2 <= time.monotonic() - started < 1.5


def test_next_job_wakes_when_a_job_is_put(inbox: Inbox) -> None:
    assert inbox.next_job(timeout=0.05) is None
    timer = threading.Timer(0.1, inbox.put_delete, args=("a1", "http"))
    started = time.monotonic()
    timer.start()
    job = inbox.next_job(timeout=10)
    timer.join()
    assert job is not None and job.article_id == "a1"
    assert time.monotonic() - started < 2


def test_next_job_sees_jobs_put_by_another_process(tmp_path: Path) -> None:
    # A second Inbox on the same file stands in for another process: it cannot notify us.
    with Inbox(tmp_path / "inbox.sqlite") as server, Inbox(tmp_path / "inbox.sqlite") as cli:
        timer = threading.Timer(0.1, cli.put_delete, args=("a1", "cli"))
        timer.start()
        job = server.next_job(timeout=5)
        timer.join()
        assert job is not None and job.origin == "cli"


def test_seen_keys(inbox: Inbox) -> None:
    assert not inbox.seen(["id:1"])
    assert not inbox.seen([])
    inbox.put_articles([BARE], "feed", keys=["id:1", "url:https://x.test/1"])
    assert inbox.seen(["id:1"])
    assert inbox.seen(["id:2", "url:https://x.test/1"])
    assert not inbox.seen(["id:2", "hash:0"])
    assert inbox.seen(iter([f"k{i}" for i in range(1200)] + ["id:1"]))  # more keys than one query binds


def test_jobs_and_keys_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "inbox.sqlite"
    with Inbox(path) as inbox:
        crashed = inbox.put_articles([NVIDIA], "a1.txt", keys=["url:https://example.test/a1"])
        waiting = inbox.put_delete("a2", "http")
        done = inbox.put_delete("a3", "http")
        assert inbox.claim() is not None  # `crashed` is left running, as by a crash
        assert inbox.claim() is not None  # `waiting` ...
        inbox.fail(waiting, "boom")  # ... failed
        assert (job := inbox.claim()) is not None and job.id == done
        inbox.finish(done, {"deleted": "a3"})
        pending = inbox.put_delete("a4", "http")

    with Inbox(path) as inbox:
        assert inbox.pending() == 2
        assert inbox.seen(["url:https://example.test/a1"])
        assert [inbox.get(i).state for i in (crashed, waiting, done, pending)] == [
            "running",
            "failed",
            "done",
            "pending",
        ]
        again = inbox.claim()
        assert again is not None
        assert (again.id, again.attempts, again.articles()) == (crashed, 2, [NVIDIA])
        assert (job := inbox.claim()) is not None and job.id == pending
        assert inbox.claim() is None


def test_concurrent_puts(inbox: Inbox) -> None:
    def put(thread: int) -> list[int]:
        return [inbox.put_articles([BARE], f"t{thread}", keys=[f"t{thread}:{i}"]) for i in range(25)]

    results: list[list[int]] = []
    threads = [threading.Thread(target=lambda n=n: results.append(put(n))) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    ids = [job_id for batch in results for job_id in batch]
    assert len(set(ids)) == 200
    assert inbox.pending() == 200
    assert all(inbox.seen([f"t{n}:24"]) for n in range(8))
    claimed = []
    while (job := inbox.claim()) is not None:
        claimed.append(job.id)
    assert claimed == sorted(ids)


def test_a_job_that_keeps_stopping_the_server_fails_instead_of_coming_back(tmp_path: Path) -> None:
    path = tmp_path / "inbox.sqlite"
    with Inbox(path, max_attempts=2) as first:
        poison = first.put_articles([NVIDIA], "http")
        after = first.put_articles([BARE], "http")
        assert first.claim() is not None  # the process dies while running it ...
    with Inbox(path, max_attempts=2) as second:
        job = second.claim()  # ... is handed out once more ...
        assert job is not None and (job.id, job.attempts) == (poison, 2)
    with Inbox(path, max_attempts=2) as third:
        job = third.claim()  # ... and after the second death, it is failed, not retried
        assert job is not None and job.id == after
        failed = third.get(poison)
        assert failed.state == "failed" and "stopped 2 times" in (failed.error or "")


def test_pending_jobs_can_be_cancelled_and_jobs_listed(inbox: Inbox) -> None:
    first = inbox.put_articles([NVIDIA], "http")
    second = inbox.put_articles([BARE], "http")
    assert inbox.cancel(second).state == "cancelled"
    claimed = inbox.claim()
    assert claimed is not None and claimed.id == first
    assert inbox.claim() is None  # the cancelled job is never handed out
    with pytest.raises(Conflict, match="running"):
        inbox.cancel(first)
    with pytest.raises(NotFound):
        inbox.cancel(999)
    total, jobs = inbox.jobs()
    assert total == 2 and [j.id for j in jobs] == [second, first]
    assert inbox.jobs("cancelled") == (1, [inbox.get(second)])
    assert inbox.wait(second, timeout=0).state == "cancelled"
