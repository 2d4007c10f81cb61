"""Outbound fetches go only where meant: real listeners on 127.0.0.1 and 127.0.0.2 tell.

127.0.0.1 stands for the internet and 127.0.0.2 for a private network: Linux routes the
whole of 127.0.0.0/8 to the loopback, and `GUARDED` refuses 127.0.0.2 alone through the
fetcher's address-policy seam. Each listener counts the connections it accepted, so a
test can say that a refused address was never even connected to.
"""

from __future__ import annotations

import gzip
import ipaddress
import os
import socket
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsgraph.core.errors import IngestError
from newsgraph.core.records import LoadFailure
from newsgraph.ingest.feeds import load_sources
from newsgraph.ingest.fetch import Fetched, Fetcher, IPAddress, non_public
from newsgraph.service.inbox import Inbox
from newsgraph.service.watch import Arrivals, FeedPoller
from tests.helpers.server import NEWSGRAPH

HINT = "(set NEWSGRAPH_FETCH_PRIVATE=true to allow)"
PRIVATE = ipaddress.IPv4Address("127.0.0.2")

# A route's answer: status, headers, body.
Route = tuple[int, dict[str, str], bytes]


def ok(body: bytes, content_type: str = "text/plain; charset=utf-8", length: bool = True) -> Route:
    headers = {"Content-Type": content_type}
    if length:  # without it the body runs until the server closes the connection
        headers["Content-Length"] = str(len(body))
    return (200, headers, body)


def redirect(location: str) -> Route:
    return (302, {"Location": location, "Content-Length": "0"}, b"")


class Listener:
    """An HTTP server on `host` answering from `routes`; counts connections, records paths."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        self.connections = 0
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                listener.requests.append(self.path)
                status, headers, body = listener.routes.get(self.path, (404, {}, b""))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output quiet

        class Server(ThreadingHTTPServer):
            def verify_request(self, request: Any, client_address: Any) -> bool:
                listener.connections += 1  # every accepted connection, before any request is read
                return True

        self.server = Server((host, port), Handler)
        self.port = int(self.server.server_address[1])
        self.base = f"http://{host}:{self.port}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def refuse_127_0_0_2(address: IPAddress) -> str | None:
    return "a test-only private address" if address == PRIVATE else None


GUARDED = Fetcher(refuses=refuse_127_0_0_2)
LOCAL = Fetcher(allow_private=True)


@pytest.fixture
def public() -> Iterator[Listener]:
    listener = Listener("127.0.0.1")
    yield listener
    listener.close()


@pytest.fixture
def private(public: Listener) -> Iterator[Listener]:
    """On 127.0.0.2, at the same port as `public`: the two differ by address only."""
    listener = Listener("127.0.0.2", public.port)
    yield listener
    listener.close()


# ---------------------------------------------------------------- addresses


@pytest.mark.parametrize(
    ("host", "shown", "kind"),
    [
        ("127.0.0.1", "127.0.0.1", "a loopback address"),
        ("2130706433", "127.0.0.1", "a loopback address"),  # 127.0.0.1 as one number
        ("[::ffff:127.0.0.1]", "::ffff:127.0.0.1", "a loopback address"),
        ("0.0.0.0", "0.0.0.0", "an unspecified address"),
    ],
)
def test_loopback_is_refused_before_connecting(public: Listener, host: str, shown: str, kind: str) -> None:
    public.routes["/feed"] = ok(b"<rss/>")
    url = f"http://{host}:{public.port}/feed"
    with pytest.raises(IngestError) as caught:
        Fetcher().get(url)
    assert str(caught.value) == f"{url}: refused: {shown} is {kind} {HINT}"
    assert public.connections == 0


def test_a_name_is_checked_after_resolving_it(public: Listener) -> None:
    url = f"http://localhost:{public.port}/feed"
    with pytest.raises(
        IngestError, match=r"^http://localhost:\d+/feed: refused: (127\.0\.0\.1|::1) is a loopback"
    ):
        Fetcher().get(url)
    assert public.connections == 0


def test_allow_private_reaches_the_loopback(public: Listener) -> None:
    public.routes["/feed"] = ok("Café".encode("latin-1"), "text/plain; charset=latin-1")
    fetched = Fetcher(allow_private=True).get(public.base + "/feed")
    assert fetched == Fetched(b"Caf\xe9", public.base + "/feed", "text/plain; charset=latin-1", "latin-1")
    assert fetched.text == "Café"
    assert public.requests == ["/feed"]


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("192.168.0.10", "a private address"),
        ("169.254.169.254", "a link-local address"),  # cloud metadata services
        ("100.100.100.200", "not a global address"),  # shared address space (carrier NAT)
        ("224.0.0.1", "a multicast address"),
        ("240.0.0.1", "a reserved address"),
        ("0.0.0.0", "an unspecified address"),
        ("::1", "a loopback address"),
        ("::", "an unspecified address"),
        ("fe80::1", "a link-local address"),
        ("fd00::1", "a private address"),
        ("::ffff:10.0.0.1", "a private address"),  # IPv4-mapped
        ("2002:7f00:1::", "a loopback address"),  # 6to4 of 127.0.0.1
        ("64:ff9b::a00:1", "a private address"),  # NAT64 of 10.0.0.1
        ("93.184.215.14", None),
        ("2606:4700::1111", None),
        ("::ffff:93.184.215.14", None),
        ("64:ff9b::5db8:d70e", None),
    ],
)
def test_non_public(address: str, reason: str | None) -> None:
    assert non_public(ipaddress.ip_address(address)) == reason


# ---------------------------------------------------------------- redirects


def test_a_redirect_to_a_refused_address_is_refused(public: Listener, private: Listener) -> None:
    public.routes["/go"] = redirect(private.base + "/secret")
    private.routes["/secret"] = ok(b"secret")
    with pytest.raises(IngestError) as caught:
        GUARDED.get(public.base + "/go")
    assert str(caught.value) == (
        f"{public.base}/go: redirected to {private.base}/secret: "
        f"refused: 127.0.0.2 is a test-only private address {HINT}"
    )
    assert (public.requests, private.connections) == (["/go"], 0)
    # The same hop is taken when the address is allowed: the refusal above was the check.
    assert LOCAL.get(public.base + "/go").content == b"secret"
    assert private.requests == ["/secret"]


def test_the_connection_goes_to_the_address_that_was_checked(
    public: Listener, private: Listener, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: the name answers 127.0.0.1 to the check, 127.0.0.2 ever after."""
    public.routes["/feed"] = ok(b"public")
    private.routes["/feed"] = ok(b"private")
    resolve = socket.getaddrinfo
    answers = iter(["127.0.0.1"])

    def rebinding(host: Any, *args: Any, **kwargs: Any) -> Any:
        return resolve(next(answers, "127.0.0.2") if host == "rebind.test" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    url = f"http://rebind.test:{public.port}/feed"
    assert GUARDED.get(url).content == b"public"
    assert private.connections == 0
    # A client that resolves the name again now reaches the private listener.
    assert httpx.get(url, trust_env=False).content == b"private"


@pytest.mark.parametrize(("redirects", "allowed"), [(3, True), (4, False)])
def test_at_most_max_redirects(public: Listener, redirects: int, allowed: bool) -> None:
    for n in range(redirects, 0, -1):
        public.routes[f"/r{n}"] = redirect(f"/r{n - 1}")  # relative, as servers often send
    public.routes["/r0"] = ok(b"arrived")
    fetcher = Fetcher(allow_private=True, max_redirects=3)
    url = f"{public.base}/r{redirects}"
    if allowed:
        assert fetcher.get(url) == Fetched(
            b"arrived", public.base + "/r0", "text/plain; charset=utf-8", "utf-8"
        )
    else:
        with pytest.raises(IngestError) as caught:
            fetcher.get(url)
        assert str(caught.value) == f"{url}: refused: more than 3 redirects (last to {public.base}/r0)"
        assert public.requests == ["/r4", "/r3", "/r2", "/r1"]


def test_a_redirect_loop_ends(public: Listener) -> None:
    public.routes["/loop"] = redirect("/loop")
    with pytest.raises(IngestError, match=r"refused: more than 5 redirects"):
        LOCAL.get(public.base + "/loop")
    assert len(public.requests) == 6


# ---------------------------------------------------------------- schemes


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1/feed.xml",
        "gopher://127.0.0.1:70/_GET",
        "data:text/plain,hello",
        "dict://127.0.0.1:11211/stats",
    ],
)
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(IngestError) as caught:
        LOCAL.get(url)  # even when private addresses are allowed
    assert str(caught.value) == f"{url}: refused: only http and https URLs are fetched"


def test_a_redirect_to_another_scheme_is_refused(public: Listener) -> None:
    public.routes["/go"] = redirect("file:///etc/passwd")
    with pytest.raises(
        IngestError, match=r"/go: redirected to file://.*/etc/passwd: refused: only http and https"
    ):
        LOCAL.get(public.base + "/go")


def test_load_sources_reports_a_refused_feed_url() -> None:
    assert load_sources(["file:///etc/passwd"]) == (
        [],
        [LoadFailure("file:///etc/passwd", "refused: only http and https URLs are fetched")],
    )


# ---------------------------------------------------------------- size and time


@pytest.mark.parametrize(
    ("route", "fits"),
    [
        (ok(b"x" * 1000), True),
        (ok(b"x" * 1001), False),  # refused on its Content-Length
        (ok(b"x" * 1001, length=False), False),  # cut off while streaming
        ((200, {"Content-Encoding": "gzip"}, gzip.compress(b"x" * 100_000)), False),  # counted unpacked
    ],
)
def test_body_size_cap(public: Listener, route: Route, fits: bool) -> None:
    public.routes["/body"] = route
    fetcher = Fetcher(allow_private=True, max_bytes=1000)
    url = public.base + "/body"
    if fits:
        assert fetcher.get(url).content == b"x" * 1000
    else:
        with pytest.raises(IngestError) as caught:
            fetcher.get(url)
        assert str(caught.value) == (
            f"{url}: refused: the body is larger than 1,000 bytes"
            " (NEWSGRAPH_FETCH_MAX_BYTES raises the limit)"
        )


def test_a_server_that_never_answers_times_out() -> None:
    with socket.socket() as silent:  # accepts connections (the backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/feed"
        with pytest.raises(IngestError) as caught:
            Fetcher(allow_private=True, timeout=0.5).get(url)
    assert str(caught.value) == f"{url}: ReadTimeout: timed out"


# ---------------------------------------------------------------- feeds, pages and the watcher


def test_an_entry_link_to_a_refused_address_keeps_its_summary(public: Listener, private: Listener) -> None:
    public.routes["/feed"] = ok(
        b'<rss version="2.0"><channel><title>Wire</title><item><title>Story</title>'
        + f"<link>{private.base}/story</link>".encode()
        + b"<guid>s1</guid><description>The summary.</description></item></channel></rss>",
        "application/rss+xml",
    )
    private.routes["/story"] = ok(b"<html><body><article><p>A private page.</p></article></body></html>")
    articles, failures = load_sources([public.base + "/feed"], fetcher=GUARDED)
    assert ([a.text for a in articles], failures) == (["The summary."], [])
    assert private.connections == 0


def test_poller_reports_a_refused_feed(tmp_path: Path, public: Listener) -> None:
    url = public.base + "/feed"
    with Inbox(tmp_path / "inbox.sqlite") as inbox:
        arrivals = FeedPoller(inbox, url, every=60).look()
        assert arrivals == Arrivals(
            0, (LoadFailure(url, f"refused: 127.0.0.1 is a loopback address {HINT}"),)
        )
        assert inbox.pending() == 0
    assert public.connections == 0


def _watch_once(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "NEWSGRAPH_FETCH_PRIVATE"}
    return subprocess.run(
        [NEWSGRAPH, "watch", *args, "--once", "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**env, "HF_HUB_OFFLINE": "1"},
    )


def test_watch_once_refuses_a_file_url(tmp_path: Path) -> None:
    done = _watch_once(tmp_path / "store", "--feed", "file:///etc/passwd")
    assert done.returncode == 1
    assert done.stderr == (
        "error: --feed file:///etc/passwd: refused: only http and https URLs are fetched"
        " (give a feed file as a plain path)\n"
    )


def test_watch_once_exits_1_on_a_refused_feed(tmp_path: Path, public: Listener) -> None:
    url = public.base + "/feed"
    done = _watch_once(tmp_path / "store", "--feed", url)
    assert done.returncode == 1, done.stderr
    failed = [line for line in done.stderr.splitlines() if line.startswith("failed:")]
    assert failed == [f"failed: {url}: refused: 127.0.0.1 is a loopback address {HINT}"]
    assert "Traceback" not in done.stderr
    assert public.connections == 0
