"""The API docs load nothing from the network: /docs and /redoc use the files vendored in the package."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newsgraph.api.app import create_app
from newsgraph.api.docs import VENDOR
from newsgraph.core.settings import Settings

SWAGGER = "/static/vendor/swagger-ui-dist"
REDOC = "/static/vendor/redoc/bundles"
# What each page loads, in page order.
ASSETS = {
    "/docs": [f"{SWAGGER}/swagger-ui.css", f"{SWAGGER}/favicon-32x32.png", f"{SWAGGER}/swagger-ui-bundle.js"],
    "/redoc": [f"{SWAGGER}/favicon-32x32.png", f"{REDOC}/redoc.standalone.js"],
}
# The schema link: a JS string in Swagger UI's page, an attribute of <redoc> in ReDoc's.
SCHEMA_LINK = {"/docs": re.compile(r"url: '([^']*)'"), "/redoc": re.compile(r'spec-url="([^"]*)"')}
CONTENT_TYPES = {
    ".js": ("text/javascript", "application/javascript"),
    ".css": ("text/css",),
    ".png": ("image/png",),
}
SMALLEST = {".js": 500_000, ".css": 100_000, ".png": 500}  # bytes; a stub or an error page is far smaller


class Links(HTMLParser):
    """Every src= and href= of a page, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value or "" for name, value in attrs if name in ("src", "href")]


def links(page: str) -> list[str]:
    parser = Links()
    parser.feed(page)
    return parser.urls


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    return create_app(Settings(store=tmp_path_factory.mktemp("docs") / "store"))


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://localhost") as running:  # the lifespan opens the store
        yield running


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_doc_page_loads_only_local_assets(client: TestClient, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert links(response.text) == ASSETS[page]
    assert "http://" not in response.text and "https://" not in response.text


@pytest.mark.parametrize("url", sorted({url for urls in ASSETS.values() for url in urls}))
def test_every_asset_is_served_from_the_package(client: TestClient, url: str) -> None:
    response = client.get(url)
    suffix = Path(url).suffix
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] in CONTENT_TYPES[suffix]
    assert len(response.content) > SMALLEST[suffix]
    assert response.content == (VENDOR / url.removeprefix("/static/vendor/")).read_bytes()


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_doc_page_reads_the_local_schema(client: TestClient, page: str) -> None:
    found = SCHEMA_LINK[page].search(client.get(page).text)
    assert found is not None and found.group(1) == "/openapi.json"
    schema = client.get(found.group(1))
    assert schema.status_code == 200 and schema.json()["info"]["title"] == "Newsgraph"


def test_swagger_oauth2_redirect_is_served(client: TestClient) -> None:
    response = client.get("/docs/oauth2-redirect")
    assert response.status_code == 200 and "oauth2" in response.text


def test_docs_and_their_files_stay_out_of_the_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert not [p for p in paths if p.startswith(("/docs", "/redoc", "/static"))]


def test_doc_pages_keep_the_prefix_of_a_proxy(app: FastAPI) -> None:
    """Behind a proxy mounted at /api, the pages ask for /api/static/... and /api/openapi.json."""
    behind = TestClient(app, root_path="/api", base_url="http://localhost")  # the pages need no store
    assert links(behind.get("/docs").text) == ["/api" + url for url in ASSETS["/docs"]]
    assert links(behind.get("/redoc").text) == ["/api" + url for url in ASSETS["/redoc"]]
    assert "url: '/api/openapi.json'" in behind.get("/docs").text


def test_versions_file_lists_every_vendored_file_with_its_hash() -> None:
    """VERSIONS, written by scripts/vendor.sh, matches the files in the package byte for byte."""
    listed: dict[str, str] = {}
    packages: list[str] = []
    for line in (VENDOR / "VERSIONS").read_text().splitlines():
        if line.startswith("  "):
            digest, path = line.split()
            listed[path] = digest
        elif line and not line.startswith("#"):
            packages.append(line.split()[0])
    on_disk = {
        str(path.relative_to(VENDOR)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in VENDOR.rglob("*")
        if path.is_file() and path.name != "VERSIONS"
    }
    assert listed == on_disk
    assert [p.rsplit("@", 1)[0] for p in packages] == [
        "swagger-ui-dist",
        "redoc",
        "graphology",
        "sigma",
        "vis-timeline",
        "@zazuko/yasgui",
    ]
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", p.rsplit("@", 1)[1]) for p in packages)
