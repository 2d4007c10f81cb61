"""The web workspace in a real browser: Debian's chromium driven by Playwright, against a real
`newsgraph serve` over a store of corpus/.

Every test watches its page: no console error, no uncaught exception, no request to any host
but the server's. Screenshots of each view go to tests/artifacts/; with
NEWSGRAPH_README_SHOTS=1, the three the README shows are written again into docs/screenshots/.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Page

from tests.helpers import CORPUS, REPO
from tests.helpers.chromium import chromium
from tests.helpers.server import NEWSGRAPH, TOKEN, Server, serve

ARTIFACTS = REPO / "tests" / "artifacts"
SCREENSHOTS = REPO / "docs" / "screenshots"
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 800, "height": 900}
# A question of corpus/questions.jsonl the service answers from a fact, with a graph query.
QUESTION_ID = "q033"
MS = 1000


def corpus_question(question_id: str) -> dict:  # type: ignore[type-arg]
    for line in (CORPUS / "questions.jsonl").read_text().splitlines():
        record = json.loads(line)
        if record["id"] == question_id:
            return record  # type: ignore[no-any-return]
    raise LookupError(question_id)


# What the pages are shown over: the 2023 articles (with QUESTION_ID's evidence) and the
# article on resumed H20 sales; the whole corpus when the README's pictures are taken.
PAGE_ARTICLES = [CORPUS / "2023", CORPUS / "2025" / "2025-07-16-nvidia-to-resume-h20-sales.json"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server over part of corpus/ (all of it for the README's pictures), ingested once."""
    store = tmp_path_factory.mktemp("pages") / "store"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    paths = [CORPUS] if os.environ.get("NEWSGRAPH_README_SHOTS") else PAGE_ARTICLES
    done = subprocess.run(
        [NEWSGRAPH, "ingest", *map(str, paths), "--store", str(store)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    with serve(store) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@dataclass
class Watched:
    """A page and what it did: console errors, uncaught exceptions and every URL it asked for."""

    page: Page
    base: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def open(self, hash_: str) -> None:
        self.page.goto(f"{self.base}/{hash_}")

    def shot(self, name: str, *, readme_until: str | None = None) -> None:
        """A full-page screenshot into tests/artifacts/; with `readme_until` (and
        NEWSGRAPH_README_SHOTS set), also the page from its top to the bottom of that element
        into docs/screenshots/, for the README."""
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        if readme_until and os.environ.get("NEWSGRAPH_README_SHOTS"):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            bottom = self.page.eval_on_selector(
                readme_until, "element => element.getBoundingClientRect().bottom + window.scrollY + 16"
            )
            width = (self.page.viewport_size or WIDE)["width"]
            clip = {"x": 0, "y": 0, "width": width, "height": bottom}
            self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True, clip=clip)

    def assert_clean(self, expected_errors: int = 0) -> None:
        """No console error (beyond those a test provokes), and nothing fetched from elsewhere."""
        assert len(self.errors) == expected_errors, self.errors
        elsewhere = [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != "127.0.0.1"
        ]
        assert elsewhere == []


def watch(browser: Browser, server: Server, viewport: dict[str, int]) -> Iterator[Watched]:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(60 * MS)
    watched = Watched(page, server.url)
    page.on("console", lambda message: message.type == "error" and watched.errors.append(message.text))
    page.on("pageerror", lambda error: watched.errors.append(f"uncaught: {error}"))
    page.on("request", lambda request: watched.requests.append(request.url))
    yield watched
    context.close()


@pytest.fixture
def tab(browser: Browser, server: Server) -> Iterator[Watched]:
    """A fresh browser tab (its own storage) 1280 px wide."""
    yield from watch(browser, server, WIDE)


@pytest.fixture
def narrow(browser: Browser, server: Server) -> Iterator[Watched]:
    """A fresh browser tab 800 px wide."""
    yield from watch(browser, server, NARROW)


def test_overview_shows_the_counts_and_links_onwards(tab: Watched, server: Server) -> None:
    articles = httpx.get(f"{server.url}/health").json()["articles"]
    tab.open("#/")
    page = tab.page
    assert page.inner_text("[data-count=articles]") == f"{articles:,}"
    assert "agree with the graph" in page.inner_text("#consistency")
    assert page.locator("#newest a").count() == 10
    page.click("#top-entities a >> text=Nvidia")
    page.wait_for_selector(".entity-header h1:text('Nvidia')")
    tab.open("#/")
    page.fill("#entity-q", "hynix")
    page.press("#entity-q", "Enter")
    page.wait_for_selector("#entity-found a:text('SK Hynix')")
    tab.shot("overview")
    tab.assert_clean()


def test_ask_shows_the_answer_highlighted_citations_facts_and_sparql(tab: Watched) -> None:
    question = corpus_question(QUESTION_ID)
    tab.open("#/ask")
    page = tab.page
    page.fill("#ask-q", question["question"])
    page.click("#ask-go")
    answer = page.wait_for_selector("#answer .answer-text").inner_text()
    assert all(expected in answer for expected in question["answers"]), answer
    marked = page.locator(".citation mark").all_inner_texts()
    assert set(question["answers"]) <= set(marked)
    assert page.locator(".citation a[href*='?at=']").count() >= 1
    assert page.locator("#facts tbody tr").count() >= 1
    sparql = page.inner_text("pre#answer-sparql")
    assert "SELECT" in sparql
    assert question["question"] in page.inner_text("#recent-questions")
    tab.shot("ask", readme_until="#open-sparql")

    page.click("#open-sparql")
    page.wait_for_selector("#yasgui .CodeMirror")
    editor = page.evaluate("document.querySelector('#yasgui .CodeMirror').CodeMirror.getValue()")
    assert editor.strip() == sparql.strip()
    tab.assert_clean()


def test_a_citation_opens_its_sentence_with_mentions_and_facts(tab: Watched, server: Server) -> None:
    claim = httpx.get(f"{server.url}/entities/company/nvidia").json()["claims"][0]
    tab.open(f"#/article/{quote(claim['article_id'])}?at={claim['start']}")
    page = tab.page
    current = page.wait_for_selector(".sentence.current")
    assert current.get_attribute("data-start") == str(claim["start"])
    assert current.evaluate("element => document.activeElement === element")
    assert page.locator(".sentence.current .fact").count() >= 1
    assert page.locator("a.mention[href^='#/entity/']").count() >= 3
    tab.shot("article")
    tab.assert_clean()


def test_entity_page_draws_the_graph_and_the_timeline(tab: Watched) -> None:
    tab.open(f"#/entity/{quote('company/nvidia', safe='')}")
    page = tab.page
    page.wait_for_function("Number(document.querySelector('#entity-graph')?.dataset.nodes) >= 10")
    assert page.locator("#entity-graph canvas").count() >= 1
    page.wait_for_selector("#entity-timeline .vis-item")
    assert page.locator("#entity-timeline .vis-item").count() >= 10
    assert page.inner_text(".entity-header .wikidata") == "Wikidata Q182477"
    tab.shot("entity", readme_until="#entity-timeline")

    page.fill("#graph-find", "h20")
    page.wait_for_selector("#graph-found:text('found H20')")
    # Claims sort by a header click, newest first on the second.
    header = page.locator("#claims-table th:has-text('Published')")
    header.locator("button").click()
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"

    drawn = int(page.get_attribute("#entity-graph", "data-nodes") or 0)
    page.select_option("#graph-depth", "2")
    page.wait_for_function(f"Number(document.querySelector('#entity-graph').dataset.nodes) > {drawn}")
    assert "depth=2" in page.url
    tab.assert_clean()


def test_search_with_dates_keeps_to_the_range(tab: Watched) -> None:
    since, until = "2023-01-01", "2023-12-31"
    tab.open("#/search")
    page = tab.page
    page.fill("#search-q", "Nvidia export restrictions on China")
    page.fill("#search-since", since)
    page.fill("#search-until", until)
    page.select_option("#search-k", "50")
    page.click("#search-go")
    page.wait_for_selector(".hit")
    published = page.eval_on_selector_all(".hit", "hits => hits.map(h => h.dataset.published)")
    assert published and all(since <= day <= until for day in published), published
    assert page.locator(".hit mark").count() >= 1
    assert page.locator(".hit").count() == 10
    page.click(".pager button:has-text('Next')")
    page.wait_for_selector(".hits[start='11']")
    assert page.inner_text(".pager-where").startswith("11–20")
    later = page.eval_on_selector_all(".hit", "hits => hits.map(h => h.dataset.published)")
    assert later and all(since <= day <= until for day in later), later
    assert f"since={since}" in page.url and f"until={until}" in page.url
    tab.shot("search")
    tab.assert_clean()


def test_articles_and_search_filter_by_an_entity(tab: Watched, server: Server) -> None:
    naming = httpx.get(f"{server.url}/articles", params={"entity": "company/cxmt", "limit": 500}).json()
    expected = {a["id"] for a in naming["articles"]}
    assert expected and naming["total"] < httpx.get(f"{server.url}/articles").json()["total"]
    tab.open("#/articles")
    page = tab.page
    page.fill("#articles-entity", "company/cxmt")
    page.click("#articles-go")
    page.wait_for_selector("#articles-total")
    page.wait_for_function(
        "n => document.querySelector('#articles-total').textContent.startsWith(n)", arg=str(naming["total"])
    )
    shown = set(page.eval_on_selector_all(".article-row", "rows => rows.map(r => r.dataset.id)"))
    assert shown and shown <= expected
    tab.open("#/search")
    page.fill("#search-q", "memory chip output")
    page.fill("#search-entity", "company/cxmt")
    page.click("#search-go")
    page.wait_for_selector(".hit")
    found = set(page.eval_on_selector_all(".hit", "hits => hits.map(h => h.dataset.article)"))
    assert found and found <= expected, found
    tab.assert_clean()


def test_sparql_editor_runs_queries_with_a_table_and_a_chart(tab: Watched) -> None:
    tab.open("#/sparql")
    page = tab.page
    page.wait_for_selector("#yasgui .CodeMirror")
    page.click("button.example:has-text('Companies by articles')")
    page.wait_for_selector("#yasgui .yasr table tbody tr")
    assert "Nvidia" in page.inner_text("#yasgui .yasr table tbody tr")
    assert page.locator("#sparql-chart svg rect").count() >= 5
    tab.shot("sparql", readme_until="#sparql-chart")

    # A query of one's own, typed over the editor's text and run with its button.
    page.click("#yasgui .CodeMirror")
    page.keyboard.press("Control+A")
    page.keyboard.type(
        "SELECT ?headline WHERE { ?a a <https://schema.org/NewsArticle> ; <https://schema.org/headline> "
        '?headline FILTER(CONTAINS(?headline, "H20")) } LIMIT 5'
    )
    page.click("#yasgui .yasqe_queryButton")
    page.wait_for_selector("#yasgui .yasr table thead th:has-text('headline')")
    rows = page.locator("#yasgui .yasr table tbody tr").all_inner_texts()
    assert 1 <= len(rows) <= 5 and all("H20" in row for row in rows), rows
    assert page.locator("#sparql-chart svg").count() == 0
    posts = [url for url in tab.requests if urlsplit(url).path == "/sparql"]
    assert len(posts) == 2
    tab.assert_clean()


def test_ingest_upload_and_paste_reach_done_and_the_article_list(tab: Watched) -> None:
    upload = (
        "---\ntitle: Quillon Semiconductor opens a wafer plant in Ohio\nsource: Pages Test Wire\n"
        "published: 2030-01-02\n---\n\nQuillon Semiconductor said on Monday it had opened a wafer plant in "
        "Ohio. Nvidia will buy chips from the plant, the company said.\n"
    )
    tab.open("#/ingest")
    page = tab.page
    page.set_input_files(
        "#ingest-files",
        files=[{"name": "quillon.md", "mimeType": "text/markdown", "buffer": upload.encode()}],
    )
    page.click("#ingest-upload")
    page.wait_for_selector("#token-dialog[open]")
    page.fill("#token-input", TOKEN)
    page.click("#token-save")
    done = page.wait_for_selector(".job[data-state=done]", timeout=180 * MS)
    assert "1 article," in done.inner_text() and "null" not in done.inner_text()
    done.wait_for_selector(".new-articles a:text('Quillon Semiconductor opens a wafer plant in Ohio')")

    # Pasted text: the token is kept for the tab, so no dialog this time.
    page.fill("#ingest-text", "Orbelin Labs said on Tuesday it would design chips with Samsung Electronics.")
    page.fill("#ingest-title", "Orbelin Labs picks Samsung")
    page.fill("#ingest-source", "Pages Test Wire")
    page.fill("#ingest-published", "2030-01-01")
    page.click("#ingest-go")
    page.wait_for_function(
        "document.querySelectorAll('.job[data-state=done]').length === 2", timeout=180 * MS
    )
    assert not page.is_visible("#token-dialog")
    tab.shot("ingest")

    tab.open("#/articles?source=Pages%20Test%20Wire")
    page.wait_for_selector(".article-row")
    rows = page.locator(".article-row a").all_inner_texts()
    assert rows == ["Quillon Semiconductor opens a wafer plant in Ohio", "Orbelin Labs picks Samsung"]
    tab.shot("articles")

    # Both go again, through the article page's delete button and its confirm dialog.
    for title in rows:
        page.click(f".article-row a:text('{title}')")
        page.click("#article-delete")
        page.click("#confirm-yes")
        page.wait_for_selector(f"#flash:has-text('{title}')")
        tab.open("#/articles?source=Pages%20Test%20Wire")
        page.wait_for_selector("#articles-total")
    assert page.locator(".article-row").count() == 0
    tab.assert_clean()


def test_an_api_error_is_one_line_in_the_page(tab: Watched) -> None:
    tab.open(f"#/entity/{quote('company/no-such-company', safe='')}")
    error = tab.page.wait_for_selector("p.error[role=alert]").inner_text()
    assert "\n" not in error and "no-such-company" in error
    tab.assert_clean(expected_errors=1)  # the browser's own "404" line for the failed request


def test_a_feed_the_server_may_not_fetch_is_refused_in_one_line(tab: Watched) -> None:
    tab.open("#/ingest")
    page = tab.page
    page.wait_for_selector("#feeds li")
    page.fill("#feed-url", "http://127.0.0.1:9/feed.xml")  # a private address: refused
    page.click("#feed-add")
    page.wait_for_selector("#token-dialog[open]")
    page.fill("#token-input", TOKEN)
    page.click("#token-save")
    error = page.wait_for_selector("#feed-note .error").inner_text()
    assert "\n" not in error and "private" in error.lower()
    assert page.inner_text("#feeds") == "No feed is polled."
    tab.assert_clean(expected_errors=1)  # the browser's own line for the refused request


def test_the_nav_works_from_the_keyboard(tab: Watched) -> None:
    tab.open("#/")
    page = tab.page
    page.wait_for_selector("#counts")
    page.focus("nav a[href='#/search']")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'search-q'")
    assert page.get_attribute("nav a[href='#/search']", "aria-current") == "page"
    page.keyboard.type("HBM supply")
    page.keyboard.press("Enter")
    page.wait_for_selector(".hit")
    tab.assert_clean()


@pytest.mark.parametrize(
    "hash_",
    [
        "#/",
        "#/ask",
        "#/search",
        f"#/entity/{quote('company/nvidia', safe='')}",
        "#/articles",
        "#/article/ssr-2025-07-16-h20",  # corpus/2025/2025-07-16-nvidia-to-resume-h20-sales.json
        "#/ingest",
        "#/sparql",
    ],
)
def test_every_view_fits_800_pixels(narrow: Watched, hash_: str) -> None:
    narrow.open(hash_)
    page = narrow.page
    page.wait_for_selector("#view h1")
    page.wait_for_load_state("networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"]
    name = hash_.strip("#/").split("/")[0] or "overview"
    narrow.shot(f"{name}-800")
    narrow.assert_clean()


def test_the_page_modules_read_times_figures_and_results(tab: Watched) -> None:
    """The small pure functions of the page's modules, run in the browser as the views run them."""
    tab.open("#/articles")
    page = tab.page
    page.wait_for_selector("#articles-total")
    found = page.evaluate(
        """async () => {
          const facts = await import("./static/app/facts.js");
          const entity = await import("./static/app/views/entity.js");
          const chart = await import("./static/app/chart.js");
          const dom = await import("./static/app/dom.js");
          const days = ["2025", "2025-Q3", "2025-H2", "2025-03", "2025-03-14", "next year", null]
            .map((when) => facts.timeKey(when));
          const figure = (object, article_id, when = "2025-Q2") =>
            ({ subject: "Nvidia", relation: "projects", object, article_id, when });
          const conflicts = entity.conflictingFigures([
            figure("45,000,000,000 USD", "a"), figure("44,000,000,000 USD", "b"),
            figure("8,000,000,000 USD", "a"), figure("8,000,000,000 USD", "c", "2025-Q3"),
          ]).map((group) => group.map((f) => f.object));
          const term = (value, datatype) => ({ type: "literal", value, datatype });
          const bars = chart.chartData({
            head: { vars: ["company", "articles"] },
            results: { bindings: [
              { company: term("Nvidia"), articles: term("57", "http://www.w3.org/2001/XMLSchema#integer") },
              { company: term("AMD"), articles: term("20", "http://www.w3.org/2001/XMLSchema#integer") },
            ] },
          });
          const marked = dom.highlight("Nvidia banned the H20; a ban.", ["ban", "h20"], { wordStarts: true })
            .filter((part) => part instanceof Node).map((part) => part.textContent);
          return { days, conflicts, bars, marked, words: dom.keywords("Who buys the H20 in 2025?") };
        }"""
    )
    assert found["days"] == [
        "2025-01-01",
        "2025-07-01",
        "2025-07-01",
        "2025-03-01",
        "2025-03-14",
        "next year",
        "",
    ]
    assert found["conflicts"] == [["45,000,000,000 USD", "44,000,000,000 USD", "8,000,000,000 USD"]]
    assert found["bars"] == {
        "column": "articles",
        "bars": [{"label": "Nvidia", "value": 57}, {"label": "AMD", "value": 20}],
        "more": 0,
    }
    assert found["marked"] == ["banned", "H20", "ban"]
    assert found["words"] == ["buys", "H20", "2025"]
    tab.assert_clean()
