"""The write journal: which articles a write is changing, on disk until it completes."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from newsgraph.core.errors import InvalidId
from newsgraph.core.types import is_article_id

log = logging.getLogger(__name__)


class Journal:
    """Articles whose write is under way, on disk until graph and indexes both have it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def begin(self, article_ids: list[str]) -> None:
        """Record the articles about to change, durably; only well-formed ids are recorded."""
        bad = next((a for a in article_ids if not is_article_id(a)), None)
        if bad is not None:
            raise InvalidId(f"no article with id {bad[:80]!r}")
        partial = self.path.with_suffix(".partial")
        with partial.open("w", encoding="utf-8") as handle:
            json.dump(article_ids, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, self.path)

    def pending(self) -> list[str]:
        """Articles an interrupted run left half-written; entries that are no article id are skipped."""
        if not self.path.exists():
            return []
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("journal %s cannot be read (%s); nothing to repair from it", self.path, exc)
            return []
        entries = entries if isinstance(entries, list) else []
        valid = [a for a in entries if isinstance(a, str) and is_article_id(a)]
        if len(valid) < len(entries):
            skipped = len(entries) - len(valid)
            log.warning("journal %s: %d entries are no article id; skipped", self.path, skipped)
        return valid

    def clear(self) -> None:
        """The write is complete."""
        self.path.unlink(missing_ok=True)
