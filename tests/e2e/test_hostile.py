"""Hostile input against a real server: every request is refused cleanly, nothing changes.

One server holds two articles. Every case sends one hostile request and checks its
status, that the error is one JSON line, and that the server still answers. At the end,
the store holds exactly the quads it held before, and the listener this module started
on 127.0.0.1 (the address every SERVICE, LOAD, feed and link below points at) was never
contacted: no request made the server call out.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from tests.helpers import EXPORTS, MEMORY
from tests.helpers.server import AUTH, TOKEN, Server, post_articles, serve

MAX_BODY = 2_000_000
QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


class Listener:
    """A TCP port on 127.0.0.1 that counts every connection made to it (any protocol)."""

    def __init__(self) -> None:
        self.connections = 0
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(64)
        self.port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._socket.close()


@dataclass(frozen=True)
class Case:
    """One hostile request and the statuses it may get."""

    name: str
    method: str
    path: str
    expect: tuple[int, ...]
    params: dict[str, Any] | list[tuple[str, str]] | None = None
    content: bytes | None = None
    json_body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    says: str = ""  # a phrase the error must contain


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    running = Listener()
    yield running
    running.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, listener: Listener) -> Iterator[Server]:
    env = {
        "NEWSGRAPH_SPARQL_TIMEOUT": "3",
        "NEWSGRAPH_SPARQL_UPDATE": "true",
        "NEWSGRAPH_MAX_BODY_BYTES": str(MAX_BODY),
    }
    store = tmp_path_factory.mktemp("hostile") / "store"
    # The server also polls a feed on the listener: a loopback address, refused by default.
    with serve(store, "--feed", f"{listener.url}/feed.rss", "--every", "1s", env=env) as running:
        post_articles(running, [MEMORY, EXPORTS])
        yield running


def _quads(server: Server) -> int:
    reply = httpx.post(
        f"{server.url}/sparql", data={"query": QUADS}, headers={"accept": "application/sparql-results+json"}
    )
    return int(reply.json()["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def quads_before(server: Server) -> int:
    return _quads(server)


def _deep(opening: str, closing: str, n: int, inner: str = "") -> str:
    return opening * n + inner + closing * n


INJECTIONS = [
    "a3a6> { ?s ?p ?o } } #",
    "x> } SERVICE <{listener}/x> { ?a ?b ?c } #",
    'memory" . ?s ?p ?o #',
    "../../etc/passwd",
    "memory%00",
    "memory\n",
    "' OR 1=1 --",
    "x" * 300,
]


def _cases(base: str) -> list[Case]:
    """The hostile requests; `base` is the listener's URL, where any outbound request would land."""
    svc = f"{base}/sparql"
    service_spellings = [
        f"SELECT * WHERE {{ SERVICE <{svc}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{svc}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<http://x/\\u0041#> AS ?z) SERVICE <{svc}> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ BIND(<http://x/\u00a0> AS ?z) SERVICE <{svc}> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ BIND(1 AS ?z) \\u0053ERVICE <{svc}> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{svc}> {{ ?s ?q ?r }} }} }}",
        f"SELECT * WHERE {{ FILTER EXISTS {{ SERVICE <{svc}> {{ ?a ?b ?c }} }} }}",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{svc}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ BIND(<{svc}> AS ?e) SERVICE ?e {{ ?a ?b ?c }} }}",
        f'SELECT * WHERE {{ BIND("\\u0022" AS ?z) SERVICE <{svc}> {{ ?a ?b ?c }} }}',
        f"PREFIX x: <{base}/> SELECT * WHERE {{ SERVICE x:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o }} # }}\nSERVICE <{svc}> {{ }}",
    ]
    cases = [
        # 1. queries built to overflow a parser's stack
        Case(
            "deep braces",
            "POST",
            "/sparql",
            (400,),
            content=_deep("{", "}", 3000).join(["SELECT * WHERE ", ""]).encode(),
            headers={"content-type": "application/sparql-query"},
            says="nests",
        ),
        Case(
            "deep parentheses",
            "GET",
            "/sparql",
            (400,),
            params={"query": "SELECT * WHERE { FILTER(" + _deep("(", ")", 5000, "1") + ") }"},
            says="nests",
        ),
        Case(
            "long ! chain",
            "POST",
            "/sparql",
            (400,),
            params=None,
            content=("SELECT * WHERE { FILTER(" + "!" * 10_000 + "true) }").encode(),
            headers={"content-type": "application/sparql-query"},
        ),
        Case(
            "long + path",
            "POST",
            "/sparql",
            (400,),
            content=("SELECT * WHERE { ?s <http://x/p>" + "/<http://x/p>" * 20_000 + " ?o }").encode(),
            headers={"content-type": "application/sparql-query"},
            says="characters",
        ),
        Case(
            "deep lists",
            "GET",
            "/sparql",
            (400,),
            params={"query": "SELECT * { ?s ?p " + _deep("(", ")", 500) + " }"},
        ),
        Case(
            "deep exists",
            "GET",
            "/sparql",
            (400,),
            params={"query": "SELECT * { " + _deep("FILTER EXISTS {", "}", 300) + " }"},
        ),
        Case(
            "deep update",
            "POST",
            "/sparql",
            (400,),
            headers={**AUTH, "content-type": "application/sparql-update"},
            content=(
                "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> " + _deep("(", ")", 3000) + " } }"
            ).encode(),
        ),
        # 3. injection through every path and query parameter
        *[
            Case(
                f"article id {i}", "GET", f"/articles/{quote(p.replace('{listener}', base), safe='')}", (404,)
            )
            for i, p in enumerate(INJECTIONS)
        ],
        *[
            Case(
                f"delete id {i}",
                "DELETE",
                f"/articles/{quote(p.replace('{listener}', base), safe='')}",
                (404,),
                headers=AUTH,
            )
            for i, p in enumerate(INJECTIONS[:4])
        ],
        *[
            Case(
                f"entity id {i}", "GET", f"/entities/{quote(p.replace('{listener}', base), safe='/')}", (404,)
            )
            for i, p in enumerate(INJECTIONS[:4])
        ],
        Case("entity search", "GET", "/entities", (200,), params={"q": 'x" } SERVICE <' + svc + "> { }"}),
        Case(
            "article source",
            "GET",
            "/articles",
            (200,),
            params={"source": '") } SERVICE <' + svc + "> { } #"},
        ),
        Case("article dates", "GET", "/articles", (422,), params={"since": "2025-01-01'}"}),
        Case("search filters", "GET", "/search", (200,), params={"q": "HBM } SERVICE", "source": "'\"><{}"}),
        Case("search mode", "GET", "/search", (422,), params={"q": "HBM", "mode": "hybrid' OR 1=1"}),
        Case("job id", "GET", "/jobs/1%20OR%201=1", (422,)),
        Case(
            "graph uri",
            "GET",
            "/sparql",
            (400,),
            params={"query": "ASK {}", "default-graph-uri": f"urn:x> }} SERVICE <{svc}> {{ }} #"},
        ),
        Case(
            "named graph uri",
            "GET",
            "/sparql",
            (400,),
            params={"query": "SELECT * { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": "not an iri"},
        ),
        Case("ask injection", "GET", "/ask", (200,), params={"q": f"Who buys H20? }} SERVICE <{svc}> {{ }}"}),
        # 2. SERVICE in every spelling, by every method
        *[
            Case(f"service {i}", "GET", "/sparql", (400,), params={"query": q})
            for i, q in enumerate(service_spellings)
        ],
        Case(
            "service by form",
            "POST",
            "/sparql",
            (400,),
            params=None,
            content=f"query={quote(service_spellings[0])}".encode(),
            headers={"content-type": "application/x-www-form-urlencoded"},
        ),
        Case(
            "service in update",
            "POST",
            "/sparql",
            (403,),
            headers={**AUTH, "content-type": "application/sparql-update"},
            content=f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{svc}> {{ ?s ?p ?o }} }}".encode(),
            says="SERVICE",
        ),
        # 12. LOAD from anywhere the allow-list does not name
        Case(
            "load loopback",
            "POST",
            "/sparql",
            (403,),
            headers={**AUTH, "content-type": "application/sparql-update"},
            content=f"LOAD <{base}/data.ttl>".encode(),
            says="not allowed",
        ),
        Case(
            "load file",
            "POST",
            "/sparql",
            (403,),
            headers={**AUTH, "content-type": "application/sparql-update"},
            content=b"LOAD <file:///etc/passwd> INTO GRAPH <urn:x>",
            says="only http and https",
        ),
        # 7. writes without the token, cross-site writes, foreign hosts
        Case("post no token", "POST", "/articles", (401,), json_body={"text": "Nvidia sells chips."}),
        Case(
            "post wrong token",
            "POST",
            "/articles",
            (401,),
            json_body={"text": "Nvidia sells chips."},
            headers={"authorization": "Bearer nope"},
        ),
        Case(
            "post basic auth",
            "POST",
            "/articles",
            (401,),
            json_body={"text": "x"},
            headers={"authorization": f"Basic {TOKEN}"},
        ),
        Case(
            "post empty bearer",
            "POST",
            "/articles",
            (401,),
            json_body={"text": "x"},
            headers={"authorization": "Bearer"},
        ),
        Case(
            "post text/plain cross-site",
            "POST",
            "/articles",
            (403,),
            content=b"Nvidia sells chips to China.",
            headers={"content-type": "text/plain", "origin": "http://evil.example"},
        ),
        Case(
            "post cross-site with token",
            "POST",
            "/articles",
            (403,),
            json_body={"text": "x"},
            headers={**AUTH, "origin": "http://evil.example"},
        ),
        Case("delete cross-site", "DELETE", "/articles/memory", (403,), headers={**AUTH, "origin": "null"}),
        Case("delete no token", "DELETE", "/articles/memory", (401,)),
        Case("cancel no token", "DELETE", "/jobs/1", (401,)),
        Case(
            "update no token",
            "POST",
            "/sparql",
            (401,),
            content=b"CLEAR ALL",
            headers={"content-type": "application/sparql-update"},
        ),
        Case(
            "update form no token",
            "POST",
            "/sparql",
            (401,),
            content=b"update=CLEAR%20ALL",
            headers={"content-type": "application/x-www-form-urlencoded"},
        ),
        Case("rebinding host", "GET", "/stats", (421,), headers={"host": "evil.example"}),
        Case("rebinding host with port", "GET", "/health", (421,), headers={"host": "attacker.test:8000"}),
        # 6, 11. oversized input, refused before it is read or queued
        Case(
            "declared huge body",
            "POST",
            "/articles",
            (413,),
            content=b"x" * 1000,
            headers={**AUTH, "content-type": "text/plain", "content-length": str(100_000_000)},
        ),
        Case(
            "streamed huge body",
            "POST",
            "/ask",
            (413,),
            content=None,
            headers={"content-type": "application/json"},
        ),
        Case(
            "huge article",
            "POST",
            "/articles",
            (422,),
            headers=AUTH,
            json_body={"title": "Flood", "text": "A b c. " * 100_000},
            says="limit",
        ),
        Case(
            "many sentences",
            "POST",
            "/articles",
            (422,),
            headers=AUTH,
            json_body={"title": "Flood", "text": "Go. " * 5000},
            says="sentences",
        ),
        Case("huge question", "GET", "/ask", (422,), params={"q": "why " * 4_000}),
        Case("huge question post", "POST", "/ask", (422,), json_body={"question": "why " * 17_500}),
        Case(
            "huge sparql",
            "POST",
            "/sparql",
            (400,),
            headers={"content-type": "application/sparql-query"},
            content=("SELECT * WHERE { ?s ?p ?o } # " + "x" * 200_000).encode(),
            says="characters",
        ),
        # 10. junk questions decline; they get no confident answer
        *[
            Case(f"junk question {q!r}", "GET", "/ask", (200,), params={"q": q})
            for q in ("?", ".", "\x00", "😀", "?!?")
        ],
        # bad bodies
        Case(
            "bad json",
            "POST",
            "/articles",
            (422,),
            content=b"{not json",
            headers={**AUTH, "content-type": "application/json"},
        ),
        Case(
            "wrong media type",
            "POST",
            "/articles",
            (415,),
            content=b"x",
            headers={**AUTH, "content-type": "image/png"},
        ),
        Case(
            "binary text",
            "POST",
            "/articles",
            (415, 422),
            content=b"\xff\xfe\x00\x01" * 100,
            headers={**AUTH, "content-type": "text/plain"},
        ),
        Case(
            "non-utf8 sparql",
            "POST",
            "/sparql",
            (400,),
            content="ASK {}".encode("utf-16"),
            headers={"content-type": "application/sparql-query"},
        ),
        Case("empty id list", "POST", "/articles", (422,), json_body=[], headers=AUTH),
        Case("null bytes in query", "GET", "/sparql", (400,), params={"query": "ASK \x00 {}"}),
        Case("unknown route", "GET", "/admin", (404,)),
        Case("wrong method", "PUT", "/articles", (405,)),
    ]
    return cases


def _raw(server: Server, case: Case) -> httpx.Response:
    """Send a request whose headers lie (httpx will not), and read the answer off the socket."""
    host, port = server.url.removeprefix("http://").split(":")
    head = f"{case.method} {case.path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in case.headers.items())
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(head.encode() + b"\r\n" + (case.content or b""))
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    status_line, _, rest = received.partition(b"\r\n")
    _, _, body = rest.partition(b"\r\n\r\n")
    return httpx.Response(int(status_line.split()[1]), content=body)


def _send(server: Server, case: Case) -> httpx.Response:
    if "content-length" in case.headers:
        return _raw(server, case)
    if case.name == "streamed huge body":

        def chunks() -> Iterator[bytes]:
            for _ in range(40):
                yield b" " * 100_000

        return httpx.request(
            case.method, f"{server.url}{case.path}", content=chunks(), headers=case.headers, timeout=60
        )
    headers = dict(case.headers)
    url = f"{server.url}{case.path}"
    if "host" in headers:  # httpx sets Host from the URL; a raw header overrides it
        return httpx.request(case.method, url, headers=headers, timeout=60)
    return httpx.request(
        case.method,
        url,
        params=case.params,
        content=case.content,
        json=case.json_body,
        headers=headers,
        timeout=60,
    )


CASES = len(_cases("http://127.0.0.1:9"))


def test_at_least_sixty_hostile_requests() -> None:
    assert CASES >= 60


@pytest.mark.parametrize("index", range(CASES))
def test_hostile_request_is_refused_cleanly(
    server: Server, listener: Listener, quads_before: int, index: int
) -> None:
    case = _cases(listener.url)[index]
    response = _send(server, case)
    assert response.status_code in case.expect, (case.name, response.status_code, response.text[:300])
    body = response.json()
    if response.status_code >= 400:
        assert set(body) == {"detail"} and isinstance(body["detail"], str), case.name
        assert "\n" not in body["detail"] and len(body["detail"]) <= 400, case.name
        assert case.says in body["detail"], (case.name, body["detail"])
    if case.path == "/ask" and response.status_code == 200:
        assert body["answered"] is False or "SERVICE" in case.name.upper() or "injection" in case.name
    assert httpx.get(f"{server.url}/health", timeout=30).status_code == 200


def test_nothing_changed_and_nothing_called_out(
    server: Server, listener: Listener, quads_before: int
) -> None:
    assert _quads(server) == quads_before
    assert listener.connections == 0
    jobs = httpx.get(f"{server.url}/jobs").json()
    assert jobs["total"] == 1  # the fixture's post; every hostile post was refused before the queue
