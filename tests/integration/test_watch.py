"""Folder watching, feed polling and the worker that drains the inbox."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from newsgraph.core.errors import IngestError, NotFound
from newsgraph.core.records import LoadFailure
from newsgraph.core.types import Article
from newsgraph.ingest.loaders import Overrides
from newsgraph.service.inbox import Inbox, Job
from newsgraph.service.watch import FeedPoller, FolderWatcher, Worker, parse_every
from tests.helpers.site import LOCAL, NOT_FOUND, LocalSite, Reply


@pytest.fixture
def inbox(tmp_path: Path) -> Iterator[Inbox]:
    with Inbox(tmp_path / "inbox.sqlite") as opened:
        yield opened


def all_jobs(inbox: Inbox) -> list[Job]:
    jobs = []
    while (job := inbox.claim()) is not None:
        jobs.append(job)
    return jobs


def eventually(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


# ---------------------------------------------------------------- FolderWatcher


def test_scan_enqueues_new_and_changed_files_once(
    tmp_path: Path, inbox: Inbox, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "news"
    (folder / "gold").mkdir(parents=True)
    (folder / "a.txt").write_text("Chip curbs\n\nNvidia said sales would fall.", encoding="utf-8")
    (folder / "b.md").write_text("# Memory\n\nSK Hynix sold out.", encoding="utf-8")
    (folder / "gold" / "labels.jsonl").write_text('{"text": "not an article"}\n', encoding="utf-8")
    (folder / ".newsgraphignore").write_text("gold\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (folder / "paper.pdf").write_bytes(b"%PDF")
    (folder / "broken.json").write_text("{", encoding="utf-8")
    watcher = FolderWatcher(inbox, folder, Overrides(source="Desk"))

    with caplog.at_level(logging.WARNING, logger="newsgraph.service.watch"):
        assert watcher.scan() == 2
    assert [r.getMessage() for r in caplog.records] == [
        f"{(folder / 'broken.json').resolve()}: invalid JSON at line 1 column 2: Expecting property name "
        "enclosed in double quotes"
    ]
    jobs = all_jobs(inbox)
    assert [(j.origin, [(a.title, a.source) for a in j.articles()]) for j in jobs] == [
        (str((folder / "a.txt").resolve()), [("Chip curbs", "Desk")]),
        (str((folder / "b.md").resolve()), [("Memory", "Desk")]),
    ]
    assert watcher.scan() == 0  # nothing changed

    (folder / "a.txt").write_text("Chip curbs\n\nNvidia said sales would fall by half.", encoding="utf-8")
    (folder / "c.txt").write_text("A third story.", encoding="utf-8")
    (folder / "b.md").touch()  # a new mtime, the same content
    assert watcher.scan() == 2
    assert [(j.origin, j.articles()[0].text) for j in all_jobs(inbox)] == [
        (str((folder / "a.txt").resolve()), "Nvidia said sales would fall by half."),
        (str((folder / "c.txt").resolve()), "A third story."),
    ]
    assert watcher.scan() == 0


def test_watcher_thread_picks_up_new_files(tmp_path: Path, inbox: Inbox) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "first.txt").write_text("Already here.", encoding="utf-8")
    watcher = FolderWatcher(inbox, folder)
    watcher.start()
    try:
        assert eventually(lambda: inbox.pending() == 1)
        (folder / "second.txt").write_text("Arrived later.", encoding="utf-8")
        (folder / ".partial.txt").write_text("Hidden while being written.", encoding="utf-8")
        assert eventually(lambda: inbox.pending() == 2)
        (folder / "second.txt").unlink()  # deletions are not jobs
        time.sleep(0.5)
    finally:
        watcher.stop()
    assert [[a.text for a in j.articles()] for j in all_jobs(inbox)] == [
        ["Already here."],
        ["Arrived later."],
    ]


# ---------------------------------------------------------------- FeedPoller


class NewsSite(LocalSite):
    """An RSS feed of summary-only entries and their pages."""

    def __init__(self) -> None:
        self.entries = 0
        self.feed_status = 200
        super().__init__()

    def route(self, path: str) -> Reply:
        if path == "/feed":
            if self.feed_status != 200:
                return (self.feed_status, "text/plain", b"unavailable")
            return (200, "application/rss+xml", self.feed().encode())
        if path.startswith("/story/"):
            return (200, "text/html; charset=utf-8", self.page(int(path.rsplit("/", 1)[1])).encode())
        return NOT_FOUND

    def feed(self) -> str:
        items = "".join(
            f"<item><title>Story {n}</title><link>{self.base}/story/{n}</link><guid>story-{n}</guid>"
            f"<pubDate>Tue, 15 Apr 2025 10:00:00 GMT</pubDate><description>Summary {n}.</description></item>"
            for n in range(self.entries, 0, -1)  # newest first, as feeds are
        )
        return f'<rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'

    def page(self, n: int) -> str:
        return (
            f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
            f"<p>Story {n} is the full text of the page, longer than its summary in the feed, "
            f"so that the extractor finds an article here and keeps it.</p>"
            f"<p>A second paragraph of story {n} says more about the chips and the companies.</p>"
            "</article></body></html>"
        )

    def pages_fetched(self) -> list[str]:
        fetched = [path for path in self.requests if path.startswith("/story/")]
        self.requests.clear()
        return fetched


@pytest.fixture
def news_site() -> Iterator[NewsSite]:
    site = NewsSite()
    yield site
    site.close()


def test_poller_enqueues_each_new_entry_once(inbox: Inbox, news_site: NewsSite) -> None:
    url = news_site.base + "/feed"
    poller = FeedPoller(inbox, url, every=60, fetcher=LOCAL, overrides=Overrides(published=date(2025, 1, 1)))

    news_site.entries = 5
    assert poller.poll() == 5
    assert sorted(news_site.pages_fetched()) == sorted(f"/story/{n}" for n in range(1, 6))

    news_site.entries = 15
    assert poller.poll() == 10
    assert sorted(news_site.pages_fetched()) == sorted(f"/story/{n}" for n in range(6, 16))  # only new

    assert poller.poll() == 0
    assert news_site.pages_fetched() == []

    jobs = all_jobs(inbox)
    assert len(jobs) == 15
    assert {j.origin for j in jobs} == {url}
    articles = [a for j in jobs for a in j.articles()]
    assert sorted(a.title or "" for a in articles) == sorted(f"Story {n}" for n in range(1, 16))
    story = next(a for a in articles if a.title == "Story 7")
    assert story.text.startswith("Story 7 is the full text of the page")
    assert (story.url, story.source, story.published) == (
        f"{news_site.base}/story/7",
        "Wire",
        date(2025, 1, 1),
    )


def test_poller_logs_a_failed_fetch_and_counts_nothing(
    inbox: Inbox, news_site: NewsSite, caplog: pytest.LogCaptureFixture
) -> None:
    news_site.feed_status = 503
    poller = FeedPoller(inbox, news_site.base + "/feed", every=60, fetcher=LOCAL)
    with caplog.at_level(logging.WARNING, logger="newsgraph.service.watch"):
        assert poller.poll() == 0
    assert [r.getMessage() for r in caplog.records] == [
        f"feed {news_site.base}/feed: HTTP 503 Service Unavailable"
    ]
    assert inbox.pending() == 0


def test_poller_reads_a_local_feed_file(
    tmp_path: Path, inbox: Inbox, caplog: pytest.LogCaptureFixture
) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<rss version="2.0"><channel><title>Local</title>'
        "<item><title>One</title><guid>1</guid><description>First.</description></item>"
        "<item><title>Dup</title><guid>1</guid><description>Same guid.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    poller = FeedPoller(inbox, str(feed), every=60, fetch_pages=False)
    assert poller.poll() == 1  # the second entry repeats the first one's guid
    assert poller.poll() == 0
    missing = FeedPoller(inbox, str(tmp_path / "gone.xml"), every=60)
    with caplog.at_level(logging.WARNING, logger="newsgraph.service.watch"):
        assert missing.poll() == 0
    assert caplog.records[0].getMessage().endswith("cannot read feed file (No such file or directory)")


def test_poller_thread_polls_until_stopped(inbox: Inbox, news_site: NewsSite) -> None:
    news_site.entries = 2
    poller = FeedPoller(inbox, news_site.base + "/feed", every=0.1, fetcher=LOCAL)
    poller.start()
    try:
        assert eventually(lambda: inbox.pending() == 2)
        news_site.entries = 3
        assert eventually(lambda: inbox.pending() == 3)
    finally:
        poller.stop()


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30s", 30.0), ("5m", 300.0), ("2h", 7200.0), ("90", 90.0), (" 1.5M ", 90.0), ("0.5", 0.5)],
)
def test_parse_every(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "5d", "0", "-5m", "5 minutes", "1e3"])
def test_parse_every_refuses(text: str) -> None:
    with pytest.raises(ValueError, match=r"invalid interval .*e\.g\. '30s', '5m', '2h'"):
        parse_every(text)


# ---------------------------------------------------------------- Worker


@dataclass
class Report:
    """The fields of the service's `Report` that the worker reads."""

    articles: int = 0
    sentences: int = 0
    mentions: int = 0
    entities: int = 0
    article_ids: list[str] = field(default_factory=list)
    failures: list[LoadFailure] = field(default_factory=list)
    stopped: str | None = None


class FakeService:
    """Stands in for `Newsgraph`: articles titled "bad" fail, text "crash" raises."""

    def __init__(self) -> None:
        self.stored: dict[str, Article] = {}

    def ingest_articles(
        self, articles: Sequence[Article], progress: None = None, deadline: float | None = None
    ) -> Report:
        report = Report()
        for article in articles:
            if article.text == "crash":
                raise RuntimeError("disk\non fire")
            if article.title == "bad":
                report.failures.append(LoadFailure(article.origin or article.id, "graph refused it"))
                continue
            self.stored[article.id] = article
            report.articles += 1
            report.article_ids.append(article.id)
            report.sentences += 2
            report.mentions += 3
        report.entities = 4
        return report

    def delete(self, article_id: str) -> None:
        if self.stored.pop(article_id, None) is None:
            raise NotFound(f"no article {article_id}")


GOOD = Article(id="good", text="Fine.", title="good", origin="feed")
BAD = Article(id="bad", text="Refused.", title="bad", origin="feed#2")
CRASH = Article(id="crash", text="crash")


def test_worker_records_results_and_failures(inbox: Inbox) -> None:
    service = FakeService()
    worker = Worker(service, inbox)
    ingest = inbox.put_articles([GOOD, BAD], "feed")
    crash = inbox.put_articles([CRASH], "http")
    delete = inbox.put_delete("good", "http")
    missing = inbox.put_delete("nothing", "http")

    jobs = [worker.run_once(timeout=1) for _ in range(4)]
    assert worker.run_once(timeout=0.05) is None

    assert [(j.id, j.state, j.error) for j in jobs if j is not None] == [
        (ingest, "done", None),
        (crash, "failed", "RuntimeError: disk on fire"),
        (delete, "done", None),
        (missing, "failed", "no article nothing"),
    ]
    result = inbox.get(ingest).result
    assert result is not None
    assert result.pop("seconds") >= 0
    assert result == {
        "articles": 1,
        "article_ids": ["good"],
        "sentences": 2,
        "mentions": 3,
        "entities": 4,
        "failures": [{"origin": "feed#2", "message": "graph refused it"}],
    }
    assert service.stored == {}


def test_worker_rerun_of_a_delete_after_a_crash_is_done(tmp_path: Path) -> None:
    path = tmp_path / "inbox.sqlite"
    with Inbox(path) as inbox:
        inbox.put_delete("gone", "http")
        assert inbox.claim() is not None  # the service deleted it, then the process died
    with Inbox(path) as inbox:
        job = Worker(FakeService(), inbox).run_once(timeout=1)
        assert job is not None and (job.state, job.attempts) == ("done", 2)


def test_worker_thread_drains_the_inbox(inbox: Inbox) -> None:
    worker = Worker(FakeService(), inbox)
    worker.start()
    try:
        first = inbox.put_articles([CRASH], "http")
        second = inbox.put_articles([GOOD], "http")
        assert inbox.wait(second, timeout=10).state == "done"
        assert inbox.get(first).state == "failed"
    finally:
        worker.stop()


def test_ingest_error_fails_the_job(inbox: Inbox) -> None:
    class Refusing(FakeService):
        def ingest_articles(
            self, articles: Sequence[Article], progress: None = None, deadline: float | None = None
        ) -> Report:
            raise IngestError("model not installed")

    job_id = inbox.put_articles([GOOD], "http")
    job = Worker(Refusing(), inbox).run_once(timeout=1)
    assert job is not None and (job.id, job.state, job.error) == (job_id, "failed", "model not installed")


def test_a_job_past_its_time_budget_fails_with_what_it_did_and_the_next_job_runs(inbox: Inbox) -> None:
    class Slow(FakeService):
        def ingest_articles(
            self, articles: Sequence[Article], progress: None = None, deadline: float | None = None
        ) -> Report:
            assert deadline is not None and deadline - time.monotonic() <= 0.5
            report = super().ingest_articles(articles[:1])
            if len(articles) > 1:
                report.stopped = f"past its time budget; {len(articles) - 1} articles were not ingested"
            return report

    slow = inbox.put_articles([GOOD, Article(id="late", text="Late.", title="late")], "http")
    after = inbox.put_articles([Article(id="next", text="Next.", title="next")], "http")
    worker = Worker(Slow(), inbox, job_seconds=0.5)
    first, second = worker.run_once(timeout=1), worker.run_once(timeout=1)
    assert first is not None and first.state == "failed"
    assert "1 articles were not ingested" in (first.error or "")
    assert first.result is not None and first.result["article_ids"] == ["good"]
    assert second is not None and (second.id, second.state) == (after, "done")
    assert slow == first.id
