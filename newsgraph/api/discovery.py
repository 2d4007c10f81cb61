"""How processes on one machine find each other: a running server and its write token.

A server leaves `server.json` (its URL and pid) and `write_token` (mode 0600) in the store
folder; a command line pointed at the same store reads them and sends its work to the
server instead of fighting it for the store's lock. This module imports nothing heavy, so
commands that only talk to a server start fast.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

import httpx

TOKEN_FILE = "write_token"


def write_token(store: Path, configured: str | None) -> tuple[str, bool]:
    """The write token: the configured one, else the store's, else a new one.

    It is kept in `STORE/write_token` (mode 0600), where commands on this machine that
    go through the server find it. Returns the token and whether it was created now.
    """
    path = store / TOKEN_FILE
    saved = saved_token(store)
    token = configured or saved or secrets.token_urlsafe(32)
    if token != saved:
        store.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(token + "\n")
        os.chmod(path, 0o600)
    return token, not configured and not saved


def saved_token(store: Path) -> str | None:
    """The write token kept in a store folder, if this user may read it."""
    try:
        return (store / TOKEN_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


SERVER_FILE = "server.json"


def write_server_file(store: Path, url: str) -> None:
    """Tell other processes that this one serves the store, and where."""
    (store / SERVER_FILE).write_text(json.dumps({"url": url, "pid": os.getpid()}) + "\n", encoding="utf-8")


def remove_server_file(store: Path) -> None:
    """The store is free again."""
    path = store / SERVER_FILE
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError):
        pass


def running_server(store: Path) -> str | None:
    """The URL of the live server that holds this store, if any."""
    try:
        info = json.loads((store / SERVER_FILE).read_text(encoding="utf-8"))
        url, pid = str(info["url"]), int(info["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, owned by someone else
    try:
        httpx.get(f"{url}/health", timeout=5.0).raise_for_status()
    except httpx.HTTPError:
        return None
    return url
