"""Outbound HTTP for feeds and pages, only where it is meant to go.

Anyone who can name a feed (a server's client, a command line) would otherwise make
Newsgraph call addresses it should not: the loopback, the private network, a cloud's
metadata service. A `Fetcher` therefore

- takes http and https URLs only;
- resolves the host, checks every address it resolves to, and connects to one of those
  checked addresses, never to a name resolved again later (no DNS-rebinding gap);
- follows redirects itself, at most `max_redirects`, each hop checked the same way;
- gives up on a connect or a read that takes longer than `timeout` seconds, and on a
  body larger than `max_bytes` (counted after decompression).

How the check sits at connect time: httpx sends through `_VettedTransport`, an httpcore
connection pool whose network backend is `_VettedBackend`. httpcore asks that backend to
`connect_tcp(host, port)` for every new connection; it resolves `host` itself, refuses
the whole request if any address is refused, then opens the socket to an address it just
checked. TLS still verifies the certificate against the host name in the URL.

Every failure is an `IngestError` whose one-line message names the URL and the reason.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

import httpcore
import httpx

from newsgraph.core.errors import IngestError
from newsgraph.core.text import one_line

if TYPE_CHECKING:
    from newsgraph.core.settings import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# Why an address is refused ("a loopback address"), or None when it may be reached.
AddressPolicy = Callable[[IPAddress], str | None]

SCHEMES = ("http", "https")
_PRIVATE_HINT = "set NEWSGRAPH_FETCH_PRIVATE=true to allow"
_SIZE_HINT = "NEWSGRAPH_FETCH_MAX_BYTES raises the limit"
# IPv4 hosts as an IPv6-only network's DNS64 returns them (RFC 6052).
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _user_agent() -> str:
    try:
        return f"Newsgraph/{version('newsgraph')}"
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "Newsgraph/dev"


USER_AGENT = _user_agent()


def non_public(address: IPAddress) -> str | None:
    """Why an address is not to be fetched from (loopback, private ...), or None if it is public."""
    if isinstance(address, ipaddress.IPv6Address):
        # An IPv4 address wrapped in IPv6 is judged as itself: ::ffff:127.0.0.1 is the loopback.
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
        if embedded is not None:
            return non_public(embedded)
    # Most specific first: 127.0.0.1 and 169.254.169.254 are also "private".
    for kind, matches in (
        ("a loopback", address.is_loopback),
        ("an unspecified", address.is_unspecified),
        ("a link-local", address.is_link_local),
        ("a multicast", address.is_multicast),
        ("a reserved", address.is_reserved),
        ("a private", address.is_private),
    ):
        if matches:
            return f"{kind} address"
    if not address.is_global:  # e.g. 100.64.0.0/10, shared address space behind carrier NAT
        return "not a global address"
    return None


def has_scheme(text: str) -> bool:
    """Whether `text` starts like a URL ("file:", "ftp://" ...) rather than a path (C:\\ is a path)."""
    scheme, colon, _ = text.partition(":")
    return (
        bool(colon)
        and len(scheme) > 1
        and scheme[0].isalpha()
        and all(c.isalnum() or c in "+.-" for c in scheme)
    )


@dataclass(frozen=True)
class Fetched:
    """A fetched body, the URL it finally came from and how its server described it."""

    content: bytes
    url: str
    content_type: str | None
    charset: str | None

    @property
    def text(self) -> str:
        """The body decoded by its declared charset, else as UTF-8; bad bytes are replaced."""
        try:
            return self.content.decode(self.charset or "utf-8", errors="replace")
        except LookupError:  # a charset Python does not know
            return self.content.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Fetcher:
    """GETs http(s) URLs whose every address `refuses` accepts, unless `allow_private`."""

    allow_private: bool = False
    timeout: float = 20.0  # seconds to connect, and for each read or write
    max_bytes: int = 20_000_000
    max_redirects: int = 5
    refuses: AddressPolicy = non_public

    def get(self, url: str) -> Fetched:
        """The body at `url`, after at most `max_redirects` checked redirects."""
        policy = None if self.allow_private else self.refuses
        transport = _VettedTransport(
            httpcore.ConnectionPool(ssl_context=_ssl_context(), network_backend=_VettedBackend(policy))
        )
        # An explicit transport also keeps httpx from taking a proxy from the environment,
        # which would resolve and connect past the check.
        with httpx.Client(
            transport=transport, timeout=self.timeout, trust_env=False, headers={"User-Agent": USER_AGENT}
        ) as client:
            target = url
            for hop in range(self.max_redirects + 1):
                where = url if hop == 0 else f"{url}: redirected to {target}"
                try:
                    result = self._get_once(client, target)
                except _Problem as problem:
                    raise IngestError(f"{where}: {problem}") from None
                except _TRANSFER_ERRORS as error:
                    raise IngestError(f"{where}: {type(error).__name__}: {one_line(error)}") from error
                if isinstance(result, Fetched):
                    return result
                target = result
        raise IngestError(f"{url}: refused: more than {self.max_redirects} redirects (last to {target})")

    def _get_once(self, client: httpx.Client, url: str) -> Fetched | str:
        """One request: the body, or the URL a redirect points to."""
        _check_url(url)
        with client.stream("GET", url) as response:
            if response.next_request is not None:  # a redirect with a Location
                return str(response.next_request.url)
            if not response.is_success:
                raise _Problem(f"HTTP {response.status_code} {response.reason_phrase}")
            return Fetched(
                self._body(response),
                str(response.url),
                response.headers.get("content-type"),
                response.charset_encoding,
            )

    def _body(self, response: httpx.Response) -> bytes:
        too_big = f"refused: the body is larger than {self.max_bytes:,} bytes ({_SIZE_HINT})"
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise _Problem(too_big)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():  # decompressed, so a gzip bomb is cut off too
            size += len(chunk)
            if size > self.max_bytes:
                raise _Problem(too_big)
            chunks.append(chunk)
        return b"".join(chunks)


def check_url(url: str) -> None:
    """Raise `IngestError` unless `url` is one a `Fetcher` would try (http or https, with a host)."""
    try:
        _check_url(url)
    except _Problem as problem:
        raise IngestError(f"{url}: {problem}") from None


def fetcher_from(settings: Settings) -> Fetcher:
    """The fetcher the settings describe; for the CLI and the server, which read settings."""
    return Fetcher(
        allow_private=settings.fetch_private,
        timeout=settings.fetch_timeout,
        max_bytes=settings.fetch_max_bytes,
    )


# ---------------------------------------------------------------- internals


class _Problem(Exception):
    """Why one request failed, without its URL: `Fetcher.get` names the URL."""


# What a request may raise besides `_Problem`: httpx's errors, and httpcore's, which httpx
# maps to its own only in its own transport.
_TRANSFER_ERRORS: tuple[type[Exception], ...] = (
    httpx.HTTPError,
    httpx.InvalidURL,
    httpcore.TimeoutException,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.UnsupportedProtocol,
    httpcore.ProxyError,
)


def url_problem(url: str) -> str | None:
    """Why a URL is never fetched (not a URL, not http or https, no host), or None."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as error:
        return f"not a valid URL ({one_line(error)})"
    if parsed.scheme not in SCHEMES:
        return "refused: only http and https URLs are fetched"
    if not parsed.host:
        return "refused: the URL names no host"
    return None


def _check_url(url: str) -> None:
    problem = url_problem(url)
    if problem is not None:
        raise _Problem(problem)


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    # Loading the CA bundle takes a while; one context serves every fetch and thread.
    return httpx.create_ssl_context(trust_env=False)


class _VettedBackend(httpcore.NetworkBackend):
    """Opens TCP connections only to addresses that the policy accepts (None: any address)."""

    def __init__(self, policy: AddressPolicy | None) -> None:
        self._policy = policy
        self._sockets = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        """Resolve `host`, check every address, connect to the first checked one that answers."""
        addresses = _resolve(host, port)
        if self._policy is not None:
            for address in addresses:
                reason = self._policy(ipaddress.ip_address(address))
                if reason is not None:
                    raise _Problem(f"refused: {address} is {reason} ({_PRIVATE_HINT})")
        failure: Exception | None = None
        for address in addresses:
            try:
                # An address literal: the socket layer resolves nothing more.
                return self._sockets.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error
        assert failure is not None  # _resolve returns at least one address
        raise failure

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        """Never: fetches go over TCP only."""
        raise _Problem("refused: unix sockets are not fetched from")

    def sleep(self, seconds: float) -> None:
        """Wait, as httpcore does between retries."""
        self._sockets.sleep(seconds)


def _resolve(host: str, port: int) -> list[str]:
    """The distinct addresses of `host`, in the resolver's order of preference."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise _Problem(f"cannot resolve {host} ({one_line(error)})") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    if not addresses:
        raise _Problem(f"cannot resolve {host} (no addresses)")
    return addresses


class _VettedTransport(httpx.BaseTransport):
    """httpx over an httpcore pool of our choosing: httpx's own transport takes no network backend."""

    def __init__(self, pool: httpcore.ConnectionPool) -> None:
        self._pool = pool

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send one request through the pool (as httpx's `HTTPTransport` does)."""
        assert isinstance(request.stream, httpx.SyncByteStream)
        sent = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        received = self._pool.handle_request(sent)
        assert isinstance(received.stream, Iterable)
        return httpx.Response(
            status_code=received.status,
            headers=received.headers,
            stream=_Body(received.stream),
            extensions=received.extensions,
        )

    def close(self) -> None:
        """Close the pool's connections."""
        self._pool.close()


class _Body(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes]) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        yield from self._stream

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()
