"""News as it arrives, end to end: a growing feed, a watched folder, a queue that survives a kill."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import httpx
import pytest

from tests.helpers.server import AUTH, NEWSGRAPH, Server, serve, wait_for
from tests.helpers.site import NOT_FOUND, LocalSite, Reply

CLOUDS = ["Qorvana", "Beltrix", "Mavenor", "Calderon", "Ostrava", "Tenvik", "Lumora", "Spirefold"]
SUFFIXES = ["Cloud", "Compute", "Data", "Networks"]
# The feed site is on 127.0.0.1, which fetches refuse unless told otherwise.
FETCH_LOCAL = {"NEWSGRAPH_FETCH_PRIVATE": "true"}


def story(i: int) -> tuple[str, str]:
    """A distinct short article per number: a made-up cloud firm orders accelerators."""
    buyer = f"{CLOUDS[i % len(CLOUDS)]} {SUFFIXES[i // len(CLOUDS) % len(SUFFIXES)]}"
    units = 1_000 * (i + 2)
    title = f"{buyer} orders Ascend accelerators"
    text = (
        f"{buyer} ordered {units:,} Ascend 910C accelerators from Huawei, the company said on Monday. "
        f"The order is worth about ${i + 1} million, according to people familiar with the deal."
    )
    return title, text


class FeedSite(LocalSite):
    """A local news site: an RSS feed whose entry count tests can raise, and article pages."""

    def __init__(self) -> None:
        self.entries = 0
        super().__init__()
        self.url = self.base

    def route(self, path: str) -> Reply:
        if path == "/feed.xml":
            return (200, "application/rss+xml", self.feed().encode())
        if path.startswith("/story/"):
            title, text = story(int(path.rsplit("/", 1)[-1].removesuffix(".html")))
            page = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            page += f"<p>{escape(text)}</p></article></body></html>"
            return (200, "text/html", page.encode())
        return NOT_FOUND

    def feed(self) -> str:
        items = []
        for i in range(self.entries):
            title, text = story(i)
            # Odd entries carry only a summary: their page must be fetched.
            body = (
                f"<description>{escape(title)}.</description>"
                if i % 2
                else f"<description>{escape(text)}</description>"
            )
            items.append(
                f"<item><title>{escape(title)}</title><link>{self.url}/story/{i}.html</link>"
                f"<guid isPermaLink='false'>story-{i}</guid>"
                f"<pubDate>Mon, 0{1 + i % 9} Sep 2025 08:00:00 GMT</pubDate>{body}</item>"
            )
        return (
            "<?xml version='1.0'?><rss version='2.0'><channel><title>Compute Ledger</title>"
            f"<link>{self.url}</link><description>Test feed</description>{''.join(items)}</channel></rss>"
        )


@pytest.fixture
def site() -> Iterator[FeedSite]:
    running = FeedSite()
    yield running
    running.close()


def _articles(server: Server) -> list[dict]:
    return httpx.get(f"{server.url}/articles", params={"limit": 500}, timeout=60).json()["articles"]


def test_a_feed_that_grows_by_ten_yields_exactly_ten_new_articles(site: FeedSite, tmp_path: Path) -> None:
    site.entries = 5
    with serve(
        tmp_path / "store", "--feed", f"{site.url}/feed.xml", "--every", "1s", env=FETCH_LOCAL
    ) as server:
        wait_for(lambda: len(_articles(server)) == 5, timeout=120)
        site.entries = 15
        wait_for(lambda: len(_articles(server)) == 15, timeout=180)
        polls = site.requests.count("/feed.xml")
        wait_for(lambda: site.requests.count("/feed.xml") >= polls + 3, timeout=60)
        articles = _articles(server)
        assert len(articles) == 15 and len({a["id"] for a in articles}) == 15
        assert {a["source"] for a in articles} == {"Compute Ledger"}
        # Each page was fetched once at most: seen entries are skipped before any fetch.
        pages = [r for r in site.requests if r.startswith("/story/")]
        assert len(pages) == len(set(pages))
        # A new entry whose feed item was a bare summary: searchable and answerable now.
        title, _ = story(13)
        buyer = title.removesuffix(" orders Ascend accelerators")
        hits = httpx.get(f"{server.url}/search", params={"q": f"{buyer} Ascend order", "k": 3}).json()["hits"]
        assert hits[0]["title"] == title and "15,000 Ascend 910C" in hits[0]["text"]
        answer = httpx.get(
            f"{server.url}/ask", params={"q": f"How many Ascend accelerators did {buyer} order?"}, timeout=60
        ).json()
        assert answer["citations"] and answer["citations"][0]["title"] == title
        assert "15,000" in answer["answer"]


def test_a_watched_folder_is_ingested_as_files_arrive(tmp_path: Path) -> None:
    inbox = tmp_path / "incoming"
    inbox.mkdir()
    (inbox / "first.md").write_text(
        "---\ntitle: First story\nid: first\n---\nNvidia shipped chips to Japan.\n"
    )
    with serve(tmp_path / "store", "--watch", str(inbox)) as server:
        wait_for(lambda: [a["id"] for a in _articles(server)] == ["first"], timeout=120)
        # Write elsewhere, then move in: the watcher sees a complete file.
        draft = tmp_path / "second.md"
        draft.write_text("---\ntitle: Second story\nid: second\n---\nAMD shipped chips to Korea.\n")
        draft.rename(inbox / "second.md")
        wait_for(lambda: {a["id"] for a in _articles(server)} == {"first", "second"}, timeout=120)


def test_queued_work_survives_a_killed_server_and_runs_exactly_once(tmp_path: Path) -> None:
    store = tmp_path / "store"
    records = [{"id": f"queued-{i}", "title": story(i)[0], "text": story(i)[1]} for i in range(8)]
    with serve(store) as server:
        queued = httpx.post(
            f"{server.url}/articles", json=records, params={"wait": "false"}, headers=AUTH, timeout=60
        )
        assert queued.status_code == 202
        job_id = queued.json()["job_id"]
        server.kill()  # acknowledged, then the process dies at once
    with serve(store) as server:
        job = wait_for(
            lambda: (j := httpx.get(f"{server.url}/jobs/{job_id}").json())["state"] == "done" and j,
            timeout=180,
        )
        assert job["result"]["articles"] == 8
        assert sorted(a["id"] for a in _articles(server)) == sorted(r["id"] for r in records)
        stats = httpx.get(f"{server.url}/stats").json()
        assert stats["queued"] == 0 and stats["search"]["consistent"]
        assert stats["search"]["passages"] == stats["search"]["dense_passages"]


def test_watch_once_from_the_command_line(site: FeedSite, tmp_path: Path) -> None:
    site.entries = 3
    store = tmp_path / "store"
    command = [NEWSGRAPH, "watch", "--feed", f"{site.url}/feed.xml", "--once", "--store", str(store)]
    env = {**os.environ, **FETCH_LOCAL}
    first = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert first.returncode == 0, first.stderr
    assert "3 new entries" in first.stderr and first.stdout.count("ingested 1 article") == 3
    again = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert "0 new entries" in again.stderr and "ingested" not in again.stdout
    bad = subprocess.run([NEWSGRAPH, "watch", "--store", str(store)], capture_output=True, text=True)
    assert bad.returncode == 2 and "folder" in bad.stderr


def test_ingest_takes_a_feed_url(site: FeedSite, tmp_path: Path) -> None:
    site.entries = 4
    store = tmp_path / "store"
    done = subprocess.run(
        [NEWSGRAPH, "ingest", f"{site.url}/feed.xml", "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **FETCH_LOCAL},
    )
    assert done.returncode == 0, done.stderr
    assert "articles      4" in done.stdout
    # The summary-only entries were read from their pages.
    assert {"/story/1.html", "/story/3.html"} <= set(site.requests)
    missing = subprocess.run(
        [NEWSGRAPH, "ingest", f"{site.url}/no-feed.xml", "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **FETCH_LOCAL},
    )
    assert missing.returncode == 1
    assert "404" in missing.stderr and "Traceback" not in missing.stderr


def test_a_feed_added_over_http_is_polled_and_listed(site: FeedSite, tmp_path: Path) -> None:
    site.entries = 3
    with serve(tmp_path / "store", env=FETCH_LOCAL) as server:
        feed = f"{site.url}/feed.xml"
        refused = httpx.post(f"{server.url}/feeds", json={"url": feed})
        assert refused.status_code == 401  # a write: the token is needed
        added = httpx.post(f"{server.url}/feeds", json={"url": feed, "every": "1s"}, headers=AUTH)
        assert added.status_code == 201 and added.json()["queued"] == 3, added.text
        wait_for(lambda: len(_articles(server)) == 3, timeout=120)
        site.entries = 5
        wait_for(lambda: len(_articles(server)) == 5, timeout=120)
        listed = httpx.get(f"{server.url}/feeds").json()["feeds"]
        assert [f["url"] for f in listed] == [feed] and listed[0]["every_seconds"] == 1.0
        again = httpx.post(f"{server.url}/feeds", json={"url": feed}, headers=AUTH)
        assert again.status_code == 409
        for bad in ("file:///etc/passwd", "/etc/passwd", "ftp://example.test/feed.xml"):
            response = httpx.post(f"{server.url}/feeds", json={"url": bad + "x" * 8}, headers=AUTH)
            assert response.status_code == 400 and "http" in response.json()["detail"]
        # A host no URL parser agrees on: one line, never a server error.
        odd = httpx.post(f"{server.url}/feeds", json={"url": "http://[abc/feed.xml"}, headers=AUTH)
        assert odd.status_code == 400 and "\n" not in odd.json()["detail"]
        unread = httpx.post(f"{server.url}/feeds", json={"url": f"{site.url}/missing.xml"}, headers=AUTH)
        assert unread.status_code == 400 and "cannot read the feed" in unread.json()["detail"]


def test_a_feed_on_a_private_address_is_refused_by_default(tmp_path: Path) -> None:
    with serve(tmp_path / "store") as server:
        response = httpx.post(
            f"{server.url}/feeds", json={"url": "http://127.0.0.1:9/feed.xml"}, headers=AUTH, timeout=60
        )
        assert response.status_code == 400 and "private" in response.json()["detail"].lower()
        assert httpx.get(f"{server.url}/feeds").json()["feeds"] == []
