"""A browser SPARQL editor on another origin: a page served from one 127.0.0.1 port queries the
Newsgraph server on another, as YASGUI or Sparnatural would, in Debian's chromium.

The server allows one origin (NEWSGRAPH_CORS_ORIGINS). From that origin the page's GET query,
its direct POST (a content type that makes the browser ask first, with a preflight) and its
download of an article's graph all work; from a second origin the browser blocks them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.helpers import MEMORY
from tests.helpers.chromium import chromium
from tests.helpers.server import Server, post_articles, serve
from tests.helpers.site import LocalSite, Reply

# The editor: three requests to the server named in the page's query string; each result, or
# the error the browser gave, is written into the page.
EDITOR = b"""<!doctype html><html><body>
<pre id="get">waiting</pre><pre id="post">waiting</pre><pre id="graph">waiting</pre>
<script>
const server = new URLSearchParams(location.search).get("server");
const ask = "ASK { ?claim a <https://w3id.org/newsgraph/ns#Claim> }";
const show = (id, promise) => promise
  .then(async r => { document.getElementById(id).textContent = r.status + " " + await r.text(); })
  .catch(e => { document.getElementById(id).textContent = "blocked " + e.name; });
show("get", fetch(server + "/sparql?query=" + encodeURIComponent(ask),
                  {headers: {"Accept": "application/sparql-results+json"}}));
show("post", fetch(server + "/sparql", {method: "POST", body: ask,
                  headers: {"Content-Type": "application/sparql-query",
                            "Accept": "application/sparql-results+json"}}));
show("graph", fetch(server + "/store?graph=" + encodeURIComponent("https://w3id.org/newsgraph/id/article/memory"),
                    {headers: {"Accept": "application/n-triples"}}));
</script></body></html>"""


class Editor(LocalSite):
    def route(self, path: str) -> Reply:
        return (200, "text/html", EDITOR) if path.startswith("/editor.html") else super().route(path)


@pytest.fixture(scope="module")
def sites() -> Iterator[tuple[Editor, Editor]]:
    allowed, other = Editor(), Editor()
    yield allowed, other
    allowed.close()
    other.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, sites: tuple[Editor, Editor]) -> Iterator[Server]:
    env = {"NEWSGRAPH_CORS_ORIGINS": json.dumps([sites[0].base])}
    with serve(Path(tmp_path_factory.mktemp("cors")) / "store", env=env) as running:
        post_articles(running, [MEMORY])
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def _results(browser: Browser, site: Editor, server: Server) -> dict[str, str]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site.base}/editor.html?server={server.url}")
    for box in ("get", "post", "graph"):
        page.wait_for_function(f"document.getElementById('{box}').textContent !== 'waiting'", timeout=60_000)
    results = {box: page.inner_text(f"#{box}") for box in ("get", "post", "graph")}
    context.close()
    return results


def test_an_editor_on_an_allowed_origin_queries_and_downloads(
    browser: Browser, sites: tuple[Editor, Editor], server: Server
) -> None:
    results = _results(browser, sites[0], server)
    assert results["get"].startswith("200 ") and json.loads(results["get"][4:])["boolean"] is True
    assert results["post"].startswith("200 ") and json.loads(results["post"][4:])["boolean"] is True
    assert results["graph"].startswith("200 ")
    assert "<https://w3id.org/newsgraph/id/article/memory> <https://schema.org/headline>" in results["graph"]


def test_an_editor_on_another_origin_is_blocked_by_the_browser(
    browser: Browser, sites: tuple[Editor, Editor], server: Server
) -> None:
    results = _results(browser, sites[1], server)
    assert all(text.startswith("blocked") for text in results.values()), results
