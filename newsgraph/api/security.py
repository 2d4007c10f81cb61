"""Who may do what, and from where: tokens, hosts, origins and body sizes.

- Writes (posting or deleting articles, cancelling jobs, SPARQL Update) need the write
  token as `Authorization: Bearer TOKEN` (the scheme in any case). Without a configured
  token, the first `serve` generates one and keeps it in `STORE/write_token` (mode 0600),
  where the command line on the same machine finds it. Reads are open unless a read
  token is set; then they need it (or the write token).
- `Guard`, an ASGI middleware in front of everything, answers at once:
  421 for a Host header the server does not answer to (DNS rebinding),
  403 for a cross-site write (an Origin that is neither this server nor an allowed one),
  413 for a body larger than the limit, whether its length is declared or streamed.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.core.errors import Unauthorized

_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
# Routes any client may read even when reads need a token: liveness and the docs.
OPEN_PATHS = frozenset({"/health", "/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"})


def bearer(request: Request) -> str | None:
    """The bearer token of a request; the scheme is matched in any case."""
    scheme, _, token = request.headers.get("authorization", "").strip().partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def _matches(given: str | None, *tokens: str | None) -> bool:
    return given is not None and any(
        t is not None and hmac.compare_digest(given.encode(), t.encode()) for t in tokens
    )


@dataclass(frozen=True)
class Tokens:
    """The tokens a server checks."""

    write: str
    read: str | None = None

    def require_write(self, request: Request) -> None:
        """Refuse a write without the write token."""
        given = bearer(request)
        if given is None:
            raise Unauthorized(
                "this request changes the store and needs the write token (Authorization: Bearer)"
            )
        if not _matches(given, self.write):
            raise Unauthorized("the bearer token is not this server's write token")

    def require_read(self, request: Request) -> None:
        """Refuse a read without a token, when reads need one."""
        if self.read is None or request.url.path in OPEN_PATHS:
            return
        if not _matches(bearer(request), self.read, self.write):
            raise Unauthorized("this server needs a read token (Authorization: Bearer)")


# ---------------------------------------------------------------- the middleware


@dataclass(frozen=True)
class Boundaries:
    """What the middleware lets through."""

    hosts: frozenset[str] | None  # None: any Host header
    origins: frozenset[str]  # besides the server's own; "*" for any
    max_body: int


def boundaries(
    bind_host: str, allowed_hosts: Iterable[str], cors: Iterable[str], max_body: int
) -> Boundaries:
    """The boundaries for a server bound to `bind_host`, from the settings."""
    named = {h.strip().lower() for h in allowed_hosts if h.strip()}
    hosts: set[str] | None = named
    if "*" in named or (not named and _is_wildcard(bind_host)):
        hosts = None
    elif not named:
        hosts = {*_LOOPBACK_NAMES, bind_host.strip("[]").lower()}
    return Boundaries(
        frozenset(hosts) if hosts is not None else None,
        frozenset(o.strip().rstrip("/").lower() for o in cors if o.strip()),
        max_body,
    )


def _is_wildcard(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


class Guard:
    """ASGI middleware: refuses unknown hosts, cross-site writes and oversized bodies."""

    def __init__(self, app: ASGIApp, limits: Boundaries) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        problem = self._host_problem(host) or self._origin_problem(scope["method"], host, headers)
        if problem is not None:
            await _refuse(send, *problem)
            return
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limits.max_body:
            await _refuse(send, 413, self._too_large())
            return
        await self._with_capped_body(scope, receive, send)

    def _host_problem(self, host: str) -> tuple[int, str] | None:
        if self.limits.hosts is None:
            return None
        name = _host_name(host)
        if name in self.limits.hosts:
            return None
        shown = host[:80] or "(none)"
        return 421, f"this server does not answer to the Host {shown!r}; NEWSGRAPH_ALLOWED_HOSTS names them"

    def _origin_problem(self, method: str, host: str, headers: dict[str, str]) -> tuple[int, str] | None:
        origin = headers.get("origin")
        if method not in _UNSAFE_METHODS or origin is None:
            return None
        origin = origin.strip().rstrip("/").lower()
        if "*" in self.limits.origins or origin in self.limits.origins:
            return None
        if urlsplit(origin).netloc == host.lower():
            return None  # the server's own pages
        return 403, f"cross-site request from {origin[:80]!r} refused; NEWSGRAPH_CORS_ORIGINS allows origins"

    def _too_large(self) -> str:
        return f"the request body is larger than {self.limits.max_body:,} bytes, the most this server reads"

    async def _with_capped_body(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Read the body first, answering 413 as soon as it passes the limit; then run the app.

        Every route reads its body whole anyway, so holding it here costs nothing more.
        """
        chunks: list[bytes] = []
        seen = 0
        more = scope["method"] in _UNSAFE_METHODS or scope["method"] == "GET"
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.limits.max_body:
                await _refuse(send, 413, self._too_large())
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _host_name(host: str) -> str:
    """The name in a Host header, without the port: "[::1]:8000" -> "::1"."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


async def _refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"detail": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
