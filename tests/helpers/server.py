"""A real `newsgraph serve` process on a free port of 127.0.0.1, started and stopped by tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from newsgraph.core.types import Article

NEWSGRAPH = str(Path(sys.executable).with_name("newsgraph"))
# The write token every test server is started with, and the header that carries it.
TOKEN = "test-write-token"
AUTH = {"authorization": f"Bearer {TOKEN}"}


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """A running server: its URL, store and process."""

    url: str
    store: Path
    process: subprocess.Popen[bytes]
    log: Path

    def kill(self) -> None:
        """SIGKILL: no clean shutdown at all."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 120.0) -> None:
    """Poll /health until the server answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{url}/health", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"server did not come up in {timeout} s: {log.read_text()[-2000:]}")


@contextmanager
def serve(store: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[Server]:
    """Run `newsgraph serve --store STORE` with extra args until the block ends."""
    port = free_port()
    log = store.parent / f"server-{port}.log"
    store.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [NEWSGRAPH, "serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(port), *args],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={**os.environ, "HF_HUB_OFFLINE": "1", "NEWSGRAPH_WRITE_TOKEN": TOKEN, **(env or {})},
        )
        server = Server(f"http://127.0.0.1:{port}", store, process, log)
        try:
            wait_until_up(server.url, process, log)
            yield server
        finally:
            stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process this test started, by its pid: SIGTERM, then SIGKILL after 30 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(30)


def wait_for(condition, timeout: float = 60.0, every: float = 0.3):  # type: ignore[no-untyped-def]
    """Poll until condition() is truthy; its value, or AssertionError on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"condition not met within {timeout} s")


def post_articles(server: Server, articles: Sequence[Article]) -> None:
    """Store test articles through the server's API, with the write token; they must go in."""
    records = [
        {"id": a.id, "title": a.title, "text": a.text, "source": a.source, "published": str(a.published)}
        for a in articles
    ]
    posted = httpx.post(f"{server.url}/articles", json=records, headers=AUTH, timeout=300)
    assert posted.status_code == 201, posted.text


OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))  # the `oxigraph` package's server


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    """A real Oxigraph SPARQL server (in memory, the union of graphs as default graph) on a
    free port of 127.0.0.1 until the block ends; yields its base URL. Stopped by its pid."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / f"oxigraph-{port}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [OXIGRAPH, "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                if process.poll() is not None:
                    raise RuntimeError(
                        f"oxigraph exited with {process.returncode}: {log.read_text()[-2000:]}"
                    )
                try:
                    if httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=2.0).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph did not come up in 30 s: {log.read_text()[-2000:]}")
                time.sleep(0.1)
            yield url
        finally:
            stop(process)
