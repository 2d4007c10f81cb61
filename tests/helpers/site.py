"""A real web server on 127.0.0.1 for tests that fetch feeds and pages."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from newsgraph.ingest.fetch import Fetcher

# What a route answers: status, content type, body.
Reply = tuple[int, str, bytes]
NOT_FOUND: Reply = (404, "text/plain", b"not found")
# Fetches may reach this site: by default a fetcher refuses loopback addresses.
LOCAL = Fetcher(allow_private=True)


class LocalSite:
    """Serves what `route` answers for each path, and records every path asked for."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append(self.path)
                status, content_type, body = site.route(self.path)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output quiet

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def route(self, path: str) -> Reply:
        """The reply for a path; subclasses decide."""
        return NOT_FOUND

    def close(self) -> None:
        """Stop serving and free the port."""
        self.server.shutdown()
        self.server.server_close()
