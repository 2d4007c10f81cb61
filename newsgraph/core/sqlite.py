"""SQLite files beside the store (the passage catalog, the kept parses), opened for reading only."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def open_read_only(path: Path, table: str) -> sqlite3.Connection | None:
    """A database for reading only, with the writes its WAL file still holds; None where it
    cannot be read (`table` is read once to know).

    A database closed cleanly has no WAL file and is opened as immutable: nothing is
    written beside it. One a killed process left needs read-only mode, which reads the WAL
    through a shared-memory file; where that is missing and cannot be made (a read-only
    folder), it is read as it was last checkpointed.
    """
    if not path.exists():
        return None
    has_wal = path.with_name(path.name + "-wal").exists()
    for flags in ("mode=ro", "immutable=1") if has_wal else ("immutable=1",):
        db = sqlite3.connect(
            f"{path.resolve().as_uri()}?{flags}", uri=True, isolation_level=None, check_same_thread=False
        )
        try:
            db.execute(f"SELECT count(*) FROM {table}").fetchone()
        except sqlite3.Error:
            db.close()
            continue
        return db
    return None
