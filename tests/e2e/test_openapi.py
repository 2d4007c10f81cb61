"""Contract test: schemathesis fuzzes every route of the OpenAPI schema on a real server."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.helpers import MEMORY
from tests.helpers.server import AUTH, Server, serve

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serve(tmp_path_factory.mktemp("openapi") / "store") as running:
        record = {"id": MEMORY.id, "title": MEMORY.title, "text": MEMORY.text, "published": "2025-03-14"}
        posted = httpx.post(f"{running.url}/articles", json=record, headers=AUTH, timeout=300)
        assert posted.status_code == 201
        yield running


@pytest.fixture(scope="module")
def api_schema(server: Server) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{server.url}/openapi.json")


# Every operation the API documents; the last test keeps this list equal to the schema's.
OPERATIONS = [
    "GET /health",
    "GET /stats",
    "GET /ask",
    "POST /ask",
    "GET /search",
    "POST /articles",
    "GET /articles",
    "GET /articles/{article_id}",
    "DELETE /articles/{article_id}",
    "GET /jobs",
    "GET /jobs/{job_id}",
    "DELETE /jobs/{job_id}",
    "GET /feeds",
    "POST /feeds",
    "GET /entities",
    "GET /entities/{entity_id}",
    "GET /neighbourhood/{entity_id}",
    "GET /overview",
    "GET /sparql",
    "POST /sparql",
    "GET /store",
    "PUT /store",
    "POST /store",
    "DELETE /store",
    "GET /ontology",
]


@pytest.mark.parametrize("label", OPERATIONS)
def test_every_route_keeps_its_contract(api_schema: schemathesis.BaseSchema, label: str) -> None:
    """No 5xx, only documented statuses and media types, bodies that match their schemas."""
    operation = api_schema.find_operation_by_label(label)
    assert operation is not None, label

    @given(case=operation.as_strategy())
    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def fuzz(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=CHECKS, timeout=120, headers=AUTH)

    fuzz()


def test_the_schema_documents_every_route(api_schema: schemathesis.BaseSchema) -> None:
    labels = {result.ok().label for result in api_schema.get_all_operations()}
    assert labels == set(OPERATIONS)
