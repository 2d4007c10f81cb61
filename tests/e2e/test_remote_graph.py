"""The graph, ask and SPARQL endpoint tests again, with the graph in a real Oxigraph server.

The tests are the embedded store's own, imported; this module only changes where each test
store keeps its graph (the `graph_store` fixture): in a fresh `oxigraph serve` on 127.0.0.1,
reached over the SPARQL 1.1 Protocol (NEWSGRAPH_GRAPH_URL).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from newsgraph.core.errors import GraphError
from newsgraph.core.settings import Settings
from newsgraph.service.facade import Newsgraph
from tests.e2e.test_sparql_endpoint import *  # noqa: F403  (the same endpoint tests)
from tests.helpers import EXPORTS, MEMORY
from tests.helpers.server import free_port, oxigraph_server
from tests.integration.test_ask import *  # noqa: F403  (the same questions)
from tests.integration.test_graph import *  # noqa: F403  (the same graph tests)


@pytest.fixture(scope="module")
def graph_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[Path], str | None]]:
    """A fresh Oxigraph server for each store a test opens, all stopped at the module's end."""
    with ExitStack() as servers:
        yield lambda folder: servers.enter_context(oxigraph_server(folder / "oxigraph"))


def test_the_graph_is_in_the_remote_store_and_the_folder_holds_none(
    settings: Settings, graph_store: Callable[[Path], str | None]
) -> None:
    assert settings.graph_url
    with Newsgraph(settings) as service:
        service.ingest_articles([MEMORY, EXPORTS])
        articles = service.stats().articles
    assert articles == 2
    assert not (settings.store / "graph").exists()
    counted = httpx.post(
        f"{settings.graph_url}/query",
        content="SELECT (COUNT(DISTINCT ?g) AS ?n)"
        " WHERE { GRAPH ?g { ?s a <https://schema.org/NewsArticle> } }",
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    ).json()
    assert counted["results"]["bindings"][0]["n"]["value"] == "2"
    with Newsgraph(settings) as reopened:  # another process would see the same graph
        assert reopened.stats().articles == 2
        exported = reopened.graph.export("nquads").decode()  # read through the Graph Store Protocol
    typed = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/NewsArticle> <https://w3id.org/newsgraph/id/article/"
    assert exported.count(typed) == 2


def test_a_store_that_does_not_answer_is_one_clear_error(tmp_path: Path) -> None:
    nobody = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(
        GraphError, match=r"^the graph store at http://127\.0\.0\.1:\d+/query cannot be reached: "
    ):
        Newsgraph(Settings(store=tmp_path / "store", graph_url=nobody))
    with pytest.raises(GraphError, match="not an http"):
        Newsgraph(Settings(store=tmp_path / "store", graph_url="file:///etc/passwd"))
