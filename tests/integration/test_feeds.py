"""RSS and Atom feeds: entries, dedupe keys, page fetching through a real local server."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from newsgraph.core.errors import IngestError, UnsupportedFormat
from newsgraph.core.types import Article
from newsgraph.ingest.feeds import FeedEntry, fetch, fetch_page, html_paragraphs, page_fetcher, parse_feed
from newsgraph.ingest.fetch import Fetcher
from newsgraph.ingest.loaders import Overrides, article_id, load_file, load_paths
from tests.helpers.site import LOCAL, NOT_FOUND, LocalSite, Reply


class Site(LocalSite):
    """Serves `pages`: path -> (content type, body)."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, bytes]] = {}
        super().__init__()

    def route(self, path: str) -> Reply:
        return (200, *self.pages[path]) if path in self.pages else NOT_FOUND


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site()
    yield server
    server.close()


def rss(base: str) -> str:
    """An RSS 2.0 feed: full content, summary only (page at /story), no text at all."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Chip Wire</title>
<link>{base}/</link>
<item>
  <title>TSMC raises its forecast</title>
  <link>{base}/tsmc?utm_source=rss</link>
  <guid isPermaLink="false">chipwire-101</guid>
  <pubDate>Tue, 15 Apr 2025 10:00:00 GMT</pubDate>
  <description>TSMC expects more.</description>
  <content:encoded><![CDATA[<p>TSMC raised its revenue forecast on Thursday.</p>
<p>Demand for AI chips <b>remains</b> strong,<br/>the company said.</p>
<!-- ad slot --><script>track()</script>]]></content:encoded>
</item>
<item>
  <title>Samsung wins HBM approval</title>
  <link>{base}/story</link>
  <guid isPermaLink="false">chipwire-102</guid>
  <pubDate>Wed, 16 Apr 2025 08:30:00 GMT</pubDate>
  <description>&lt;p&gt;Samsung &amp;amp; Nvidia agree.&lt;/p&gt;</description>
</item>
<item>
  <title>A headline with nothing under it</title>
  <guid isPermaLink="false">chipwire-103</guid>
</item>
</channel>
</rss>
"""


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Semi Atom</title>
  <id>urn:uuid:feed</id>
  <updated>2025-05-02T09:00:00Z</updated>
  <entry>
    <title>ASML ships more tools</title>
    <id>urn:uuid:asml-1</id>
    <link rel="alternate" href="https://semi.example/asml"/>
    <updated>2025-05-02T09:00:00Z</updated>
    <content type="html">&lt;h2&gt;Orders&lt;/h2&gt;&lt;p&gt;ASML shipped 40 EUV tools.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Intel delays Ohio</title>
    <id>urn:uuid:intel-1</id>
    <published>2025-05-01T12:00:00Z</published>
    <updated>2025-05-03T12:00:00Z</updated>
    <summary type="text">Intel pushed its Ohio fab to 2030.</summary>
  </entry>
</feed>
"""

STORY_HTML = """<!doctype html>
<html><head><title>Samsung wins HBM approval | Chip Wire</title><meta charset="utf-8"></head>
<body>
<nav><a href="/">Home</a></nav>
<article>
<h1>Samsung wins HBM approval</h1>
<p>Samsung Electronics has won Nvidia's approval for its fifth-generation HBM3E memory chips,
three people familiar with the matter said on Wednesday.</p>
<p>The approval clears a hurdle for the world's biggest memory chipmaker, which has been
struggling to catch up with SK Hynix in supplying the memory for AI processors.</p>
</article>
<footer>Copyright Chip Wire</footer>
</body></html>
"""
STORY_TEXT = (
    "Samsung Electronics has won Nvidia's approval for its fifth-generation HBM3E memory chips, "
    "three people familiar with the matter said on Wednesday.\n\n"
    "The approval clears a hurdle for the world's biggest memory chipmaker, which has been "
    "struggling to catch up with SK Hynix in supplying the memory for AI processors."
)
TSMC_TEXT = (
    "TSMC raised its revenue forecast on Thursday.\n\nDemand for AI chips remains strong,\nthe company said."
)


def digest(title: str, text: str) -> str:
    return "hash:" + hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()


def rss_entries(base: str, origin: str, samsung_text: str) -> list[FeedEntry]:
    """What parse_feed gives for `rss(base)`, with the Samsung story's text as given."""
    tsmc_url = f"{base}/tsmc?utm_source=rss"
    story_url = f"{base}/story"
    return [
        FeedEntry(
            Article(
                id=article_id(tsmc_url, None, ""),
                text=TSMC_TEXT,
                title="TSMC raises its forecast",
                url=tsmc_url,
                source="Chip Wire",
                published=date(2025, 4, 15),
                origin=origin,
            ),
            (f"id:{origin}#chipwire-101", f"url:{base}/tsmc", digest("TSMC raises its forecast", TSMC_TEXT)),
        ),
        FeedEntry(
            Article(
                id=article_id(story_url, None, ""),
                text=samsung_text,
                title="Samsung wins HBM approval",
                url=story_url,
                source="Chip Wire",
                published=date(2025, 4, 16),
                origin=origin,
            ),
            # The hash is of the feed's own text, whatever the page gave.
            (
                f"id:{origin}#chipwire-102",
                f"url:{story_url}",
                digest("Samsung wins HBM approval", "Samsung & Nvidia agree."),
            ),
        ),
    ]


def test_rss_without_page_fetching_uses_content_or_summary() -> None:
    base = "http://news.test"
    entries = parse_feed(rss(base).encode(), "feed.rss")
    assert entries == rss_entries(base, "feed.rss", "Samsung & Nvidia agree.")


def test_atom_entries() -> None:
    entries = parse_feed(ATOM.encode(), "https://semi.example/atom")
    origin = "https://semi.example/atom"
    assert entries == [
        FeedEntry(
            Article(
                id=article_id("https://semi.example/asml", None, ""),
                text="Orders\n\nASML shipped 40 EUV tools.",
                title="ASML ships more tools",
                url="https://semi.example/asml",
                source="Semi Atom",
                published=date(2025, 5, 2),  # no <published>: the updated date
                origin=origin,
            ),
            (
                "id:urn:uuid:asml-1",
                "url:https://semi.example/asml",
                digest("ASML ships more tools", "Orders\n\nASML shipped 40 EUV tools."),
            ),
        ),
        FeedEntry(
            Article(
                id=article_id(None, "Intel delays Ohio", "Intel pushed its Ohio fab to 2030."),
                text="Intel pushed its Ohio fab to 2030.",
                title="Intel delays Ohio",
                url=None,
                source="Semi Atom",
                published=date(2025, 5, 1),
                origin=origin,
            ),
            ("id:urn:uuid:intel-1", digest("Intel delays Ohio", "Intel pushed its Ohio fab to 2030.")),
        ),
    ]


def test_summary_only_entry_takes_the_text_of_its_page(site: Site) -> None:
    site.pages["/story"] = ("text/html; charset=utf-8", STORY_HTML.encode())
    entries = parse_feed(rss(site.base).encode(), site.base + "/feed", page_fetcher(LOCAL))
    assert entries == rss_entries(site.base, site.base + "/feed", STORY_TEXT)
    assert site.requests == ["/story"]  # the entry with full content fetches nothing


def test_failed_page_fetch_falls_back_to_the_summary(site: Site) -> None:
    entries = parse_feed(rss(site.base).encode(), "feed", page_fetcher(LOCAL))  # /story is a 404
    assert entries == rss_entries(site.base, "feed", "Samsung & Nvidia agree.")
    assert site.requests == ["/story"]


def test_page_without_article_text_falls_back_to_the_summary() -> None:
    entries = parse_feed(rss("http://x.test").encode(), "feed", lambda url: "<html><body></body></html>")
    assert entries[1].article.text == "Samsung & Nvidia agree."


def test_skip_leaves_out_known_entries_before_fetching_pages() -> None:
    fetched: list[str] = []

    def page(url: str) -> str | None:
        fetched.append(url)
        return None

    entries = parse_feed(
        rss("http://x.test").encode(), "feed", page, skip=lambda keys: "id:feed#chipwire-102" in keys
    )
    assert [e.article.title for e in entries] == ["TSMC raises its forecast"]
    assert fetched == []


def test_overrides_win_over_the_feed() -> None:
    overrides = Overrides(published=date(2024, 1, 2), source="Desk")
    entries = parse_feed(ATOM.encode(), "atom", overrides=overrides)
    assert {(e.article.source, e.article.published) for e in entries} == {("Desk", date(2024, 1, 2))}


def test_feed_entry_and_file_article_share_an_id(tmp_path: Path) -> None:
    story = tmp_path / "story.json"
    story.write_text(
        json.dumps({"url": "https://semi.example/asml/", "text": "Another copy."}), encoding="utf-8"
    )
    (from_file,) = load_file(story)
    assert parse_feed(ATOM.encode(), "atom")[0].article.id == from_file.id


@pytest.mark.parametrize(
    ("html", "paragraphs"),
    [
        ("<p>One.</p><p>Two &amp; <i>three</i>.</p>", ["One.", "Two & three."]),
        ("Loose text<br>next line<div>Block</div>tail", ["Loose text\nnext line", "Block", "tail"]),
        ("<ul><li>a</li><li>b</li></ul>", ["a", "b"]),
        ("<p>Kept</p><style>p {}</style><!-- note -->", ["Kept"]),
        ("<p>  spread\n   over   lines </p>", ["spread over lines"]),
        ("   ", []),
    ],
)
def test_html_paragraphs(html: str, paragraphs: list[str]) -> None:
    assert html_paragraphs(html) == paragraphs


@pytest.mark.parametrize(
    "document",
    [
        b"<html><head><title>Hi</title></head><body><p>A page.</p></body></html>",
        b"<urlset><url><loc>https://x.test/</loc></url></urlset>",
        b"not xml at all {",
    ],
)
def test_not_a_feed(document: bytes) -> None:
    with pytest.raises(UnsupportedFormat, match=r"^not an RSS or Atom feed") as caught:
        parse_feed(document, "page")
    assert "\n" not in str(caught.value)


def test_fetch_errors_are_one_line(site: Site) -> None:
    site.pages["/feed"] = ("application/rss+xml", rss(site.base).encode())
    assert fetch(site.base + "/feed", LOCAL) == rss(site.base).encode()
    with pytest.raises(IngestError, match=r"/missing: HTTP 404 Not Found$"):
        fetch(site.base + "/missing", LOCAL)
    closed = Site()
    closed.close()
    with pytest.raises(IngestError, match=r"^http://127\.0\.0\.1:\d+/feed: ConnectError: ") as caught:
        fetch(closed.base + "/feed", Fetcher(allow_private=True, timeout=2))
    assert "\n" not in str(caught.value)
    assert fetch_page(closed.base + "/story", LOCAL) is None


@pytest.mark.parametrize("suffix", [".xml", ".rss", ".atom"])
def test_feed_files_load_without_fetching_pages(tmp_path: Path, site: Site, suffix: str) -> None:
    site.pages["/story"] = ("text/html", STORY_HTML.encode())
    path = tmp_path / f"feed{suffix}"
    path.write_text(rss(site.base), encoding="utf-8")
    overrides = Overrides(source="Desk")
    expected = [e.article for e in rss_entries(site.base, str(path), "Samsung & Nvidia agree.")]
    assert load_file(path, overrides) == [
        Article(**{**vars(a), "source": "Desk"})
        for a in expected  # type: ignore[arg-type]
    ]
    assert site.requests == []


def test_feed_file_errors_name_the_file(tmp_path: Path) -> None:
    page = tmp_path / "page.xml"
    page.write_text("<urlset><url><loc>https://x.test/</loc></url></urlset>", encoding="utf-8")
    empty = tmp_path / "empty.rss"
    empty.write_text('<rss version="2.0"><channel><title>T</title></channel></rss>', encoding="utf-8")
    with pytest.raises(UnsupportedFormat, match=f"^{page}: not an RSS or Atom feed$"):
        load_file(page)
    _, failures = load_paths([empty])
    assert [(f.origin, f.message) for f in failures] == [(str(empty), "no feed entries with text")]


def test_a_body_that_names_a_file_is_not_opened(tmp_path: Path) -> None:
    local = tmp_path / "local.rss"
    local.write_text(rss("http://x.test"), encoding="utf-8")
    with pytest.raises(UnsupportedFormat):
        parse_feed(str(local).encode(), "https://evil.test/feed")
