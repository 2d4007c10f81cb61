"""The command line's way to a running server: the same operations, over its HTTP API.

When a server holds a store, write commands must go through it (it is the one writer)
and read commands may, so that nobody waits for the store's lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import httpx

from newsgraph.core.errors import NewsgraphError, NotFound, QueryError
from newsgraph.core.types import Article

# An ingest through the server waits for the article to be in the graph and indexes.
_WRITE_TIMEOUT = 600.0


class ServerError(NewsgraphError):
    """The server refused a request or could not be reached."""


class ServerClient:
    """Calls one Newsgraph server; errors come back as Newsgraph errors with its message."""

    def __init__(self, url: str, token: str | None = None) -> None:
        self.url = url
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._http = httpx.Client(base_url=url, timeout=_WRITE_TIMEOUT, headers=headers)

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise ServerError(f"the server at {self.url} did not answer: {exc}") from exc
        if response.status_code >= 400:
            try:
                message = str(response.json()["detail"])
            except (ValueError, KeyError, TypeError):
                message = response.text.strip()[:200]
            kind = {404: NotFound, 400: QueryError}.get(response.status_code, ServerError)
            raise kind(f"{message} (server at {self.url})")
        return response

    def ingest(self, articles: Sequence[Article]) -> dict[str, Any]:
        """Post articles (ids kept) and return the server's ingest summary."""
        records = [
            {
                "id": a.id,
                "text": a.text,
                "title": a.title,
                "url": a.url,
                "source": a.source,
                "published": a.published.isoformat() if a.published else None,
            }
            for a in articles
        ]
        return _json(self._call("POST", "/articles", json=records))

    def delete(self, article_id: str) -> None:
        """Delete an article."""
        self._call("DELETE", f"/articles/{article_id}")

    def ask(self, question: str, as_of: date | None = None) -> dict[str, Any]:
        """The ask JSON for a question asked on `as_of`."""
        body = {"question": question, "as_of": as_of.isoformat() if as_of else None}
        return _json(self._call("POST", "/ask", json=body))

    def search(self, params: dict[str, Any]) -> dict[str, Any]:
        """The search JSON for a query and its filters."""
        clean = {k: v for k, v in params.items() if v is not None}
        return _json(self._call("GET", "/search", params=clean))

    def sparql(self, query: str, accept: str) -> bytes:
        """A query's results in the negotiated format."""
        response = self._call(
            "POST",
            "/sparql",
            content=query.encode(),
            headers={"content-type": "application/sparql-query", "accept": accept},
        )
        return response.content

    def export(self, media: str) -> bytes:
        """The whole dataset, downloaded through the Graph Store Protocol (GET /store)."""
        return self._call("GET", "/store", headers={"accept": media}).content

    def stats(self) -> dict[str, Any]:
        """The server's stats JSON."""
        return _json(self._call("GET", "/stats"))


def _json(response: httpx.Response) -> dict[str, Any]:
    """A response's JSON object."""
    body: dict[str, Any] = response.json()
    return body
