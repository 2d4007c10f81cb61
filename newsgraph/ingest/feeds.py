"""RSS and Atom feeds: fetch them, and turn each entry into an `Article` with dedupe keys.

An entry's text is its full content when the feed carries it, else the page its link points
to (when a `fetch_page` is given and the page yields text), else its summary. Ids come from
`loaders.article_id`, so an entry and the same story loaded from a file share one id when
their URLs match. Feeds and pages are fetched through a `fetch.Fetcher`, which refuses
loopback and private addresses unless it is told otherwise.
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import feedparser
import lxml.html
from lxml import etree

from newsgraph.core.errors import IngestError, NewsgraphError, UnsupportedFormat
from newsgraph.core.records import LoadFailure
from newsgraph.core.text import one_line
from newsgraph.core.types import Article
from newsgraph.ingest.fetch import Fetcher, has_scheme
from newsgraph.ingest.loaders import (
    NO_OVERRIDES,
    Overrides,
    _build_article,
    _load_html,
    _normalise_text,
    _normalise_url,
    load_paths,
)

log = logging.getLogger(__name__)


# Returns a page's HTML, or None when it cannot be had.
PageFetcher = Callable[[str], str | None]
# Says whether any of an entry's keys is already known.
SeenKeys = Callable[[tuple[str, ...]], bool]


@dataclass(frozen=True)
class FeedEntry:
    """One feed entry as an article, with the keys that recognise it in a later poll."""

    article: Article
    keys: tuple[str, ...]  # "id:<guid>", "url:<normalised link>", "hash:<sha256>"


# ---------------------------------------------------------------- fetching


def fetch(url: str, fetcher: Fetcher | None = None) -> bytes:
    """The body at `url`; a refused address or any HTTP or network error is an `IngestError`."""
    return (fetcher or Fetcher()).get(url).content


def fetch_page(url: str, fetcher: Fetcher | None = None) -> str | None:
    """The HTML of a web page, or None when it cannot be fetched."""
    try:
        return (fetcher or Fetcher()).get(url).text
    except IngestError as error:
        log.info("page not fetched, keeping the summary: %s", error)
        return None


def page_fetcher(fetcher: Fetcher) -> PageFetcher:
    """`fetch_page` through `fetcher`, as `parse_feed` takes it."""
    return functools.partial(fetch_page, fetcher=fetcher)


# ---------------------------------------------------------------- parsing


def parse_feed(
    data: bytes | str,
    origin: str,
    fetch_page: PageFetcher | None = None,
    *,
    overrides: Overrides = NO_OVERRIDES,
    skip: SeenKeys | None = None,
) -> list[FeedEntry]:
    """The entries of an RSS or Atom document that have text, in feed order.

    `data` as bytes may be in any encoding the document declares; a `str` is already
    decoded. Entries whose keys `skip` accepts are left out before any page is fetched.
    Raises `UnsupportedFormat` when the document is not a feed.
    """
    # A stream, because feedparser would open bytes or a str that names a file or URL.
    if isinstance(data, str):
        # The caller decoded it: the HTTP-style charset overrides the XML declaration.
        headers = {"content-type": "application/xml; charset=utf-8"}
        parsed = feedparser.parse(io.BytesIO(data.encode("utf-8")), response_headers=headers)
    else:
        parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries and not parsed.version and not parsed.feed.get("title"):
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
        detail = f" ({one_line(problem)})" if problem else ""
        raise UnsupportedFormat(f"not an RSS or Atom feed{detail}")
    source = _plain(parsed.feed.get("title_detail")) or parsed.feed.get("title")
    entries = []
    for entry in parsed.entries:
        found = _read_entry(entry, origin, source, overrides, skip, fetch_page)
        if found is not None:
            entries.append(found)
    return entries


def _read_entry(
    entry: Any,
    origin: str,
    source: str | None,
    overrides: Overrides,
    skip: SeenKeys | None,
    fetch_page: PageFetcher | None,
) -> FeedEntry | None:
    """One entry as a `FeedEntry`, or None when it has no text or `skip` knows it."""
    title = _plain(entry.get("title_detail")) or entry.get("title")
    link = _web_link(entry.get("link"))
    content = _plain(entry["content"][0]) if entry.get("content") else ""
    summary = _plain(entry.get("summary_detail")) or _normalise_text(entry.get("summary") or "")
    own_text = content or summary
    if not own_text:
        return None
    # Keys come from the feed's own text, so a page that fetches one poll and not the next
    # does not make the entry look new.
    keys = _keys(origin, entry.get("id"), link, title, own_text)
    if skip is not None and skip(keys):
        return None
    text = own_text
    if not content and link and fetch_page is not None:
        text = _page_text(link, fetch_page) or summary
    article = _build_article(
        origin,
        overrides,
        text=text,
        title=title,
        url=link,
        source=source,
        published=_entry_date(entry),
    )
    return FeedEntry(article, keys)


def _web_link(link: str | None) -> str | None:
    # feedparser falls back to the entry id for the link, and an id may be a "urn:uuid:...".
    link = (link or "").strip()
    return link if re.match(r"https?://", link, re.IGNORECASE) else None


def _keys(
    origin: str, entry_id: str | None, link: str | None, title: str | None, text: str
) -> tuple[str, ...]:
    keys = []
    if entry_id and entry_id.strip():
        # A guid such as "101" is unique only within its feed; a URI-like one everywhere.
        guid = entry_id.strip()
        keys.append(f"id:{guid}" if ":" in guid else f"id:{origin}#{guid}")
    if link:
        keys.append(f"url:{_normalise_url(link)}")
    digest = hashlib.sha256(f"{' '.join((title or '').split())}\n{text}".encode()).hexdigest()
    keys.append(f"hash:{digest}")
    return tuple(keys)


def _entry_date(entry: Any) -> date | None:
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def _page_text(url: str, fetch_page: PageFetcher) -> str | None:
    """The main text of the page at `url`, extracted as for an .html file; None on failure."""
    html = fetch_page(url)
    if not html:
        return None
    try:
        return _load_html(html, url, NO_OVERRIDES)[0].text
    except IngestError as error:
        log.info("no text extracted from %s, keeping the summary: %s", url, error)
        return None


# ---------------------------------------------------------------- HTML to plain text

# Elements that start and end a paragraph; everything else flows inline.
_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li ol p pre section table td th tr ul".split()
)
_SKIPPED = frozenset({"script", "style", "template", "noscript"})
_SPACE = re.compile(r"\s+")


def _plain(detail: Any) -> str:
    """The text of a feedparser text construct (`title_detail`, `content[i]` ...), normalised."""
    if not detail or not detail.get("value"):
        return ""
    value: str = detail["value"]
    if "html" in (detail.get("type") or ""):
        return "\n\n".join(html_paragraphs(value))
    return _normalise_text(value)


def html_paragraphs(html: str) -> list[str]:
    """An HTML fragment as plain-text paragraphs; a <br> becomes a line break."""
    if not html.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return [_normalise_text(html)]
    parts: list[str] = []
    _flatten(root, parts)
    paragraphs = []
    for block in re.split(r"\n{2,}", "".join(parts)):
        lines = [line.strip() for line in block.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return paragraphs


def _flatten(element: etree._Element, parts: list[str]) -> None:
    """Append an element's text, marking paragraph ends with "\\n\\n" and <br> with "\\n"."""
    tag = element.tag if isinstance(element.tag, str) else ""  # comments have a function as tag
    if tag and tag not in _SKIPPED:
        block = tag in _BLOCKS
        parts.append("\n\n" if block else "\n" if tag == "br" else "")
        parts.append(_SPACE.sub(" ", element.text or ""))
        for child in element:
            _flatten(child, parts)
        parts.append("\n\n" if block else "")
    parts.append(_SPACE.sub(" ", element.tail or ""))


# ---------------------------------------------------------------- sources on the command line


def is_url(source: str | Path) -> bool:
    """Whether a command-line source is a URL rather than a path (the fetcher refuses all but http(s))."""
    return isinstance(source, str) and has_scheme(source)


def load_sources(
    sources: Sequence[str | Path], overrides: Overrides = NO_OVERRIDES, fetcher: Fetcher | None = None
) -> tuple[list[Article], list[LoadFailure]]:
    """Files, folders and feed URLs: each feed is fetched, and pages of summary-only entries too."""
    fetcher = fetcher or Fetcher()
    articles: list[Article] = []
    failures: list[LoadFailure] = []
    for source in sources:
        if is_url(source):
            try:
                data = fetch(str(source), fetcher)
                entries = parse_feed(data, str(source), page_fetcher(fetcher), overrides=overrides)
            except IngestError as error:
                failures.append(feed_failure(str(source), error))
                continue
            articles += [entry.article for entry in entries]
        else:
            loaded, failed = load_paths([Path(source)], overrides)
            articles += loaded
            failures += failed
    return articles, failures


def feed_failure(source: str, error: NewsgraphError) -> LoadFailure:
    """A feed that could not be read, its message on one line and not repeating the source."""
    return LoadFailure(source, one_line(error).removeprefix(f"{source}: "))
