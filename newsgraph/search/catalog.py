"""The passage catalog: passages and their integer ids, in SQLite beside the indexes.

Both indexes store only integer ids; the catalog maps them back to passages and answers
the metadata filters (source, publication date, entities).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from newsgraph.core.errors import SearchError
from newsgraph.core.sqlite import open_read_only
from newsgraph.core.types import Passage

_SCHEMA = """
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT UNIQUE NOT NULL,
    article_id TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    title TEXT,
    source TEXT,
    published TEXT,
    entities TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_article ON passages (article_id);
CREATE INDEX IF NOT EXISTS passages_published ON passages (published);
CREATE INDEX IF NOT EXISTS passages_source ON passages (source COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS passage_entities (passage INTEGER NOT NULL, entity TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS passage_entities_entity ON passage_entities (entity);
CREATE INDEX IF NOT EXISTS passage_entities_passage ON passage_entities (passage);
"""
# user_version 1: passage_entities holds every passage's entities (catalogs written before
# it are filled in once, at their first writable opening).
_ENTITIES_INDEXED = 1


class Catalog:
    """Passages by integer id, in one SQLite file."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        if read_only:
            self._db = _open_read_only(path)
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            self._entities_indexed = version >= _ENTITIES_INDEXED  # not so in an older catalog
            return
        self._entities_indexed = True
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        if self._db.execute("PRAGMA user_version").fetchone()[0] < _ENTITIES_INDEXED:
            with self._db:
                self._db.execute("BEGIN")
                self._db.execute("DELETE FROM passage_entities")
                for pid, entities in self._db.execute("SELECT id, entities FROM passages").fetchall():
                    self._index_entities(pid, json.loads(entities))
                self._db.execute(f"PRAGMA user_version = {_ENTITIES_INDEXED}")

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def replace_article(self, article_id: str, passages: Sequence[Passage]) -> tuple[list[int], list[int]]:
        """Swap an article's passages in one transaction; returns (removed ids, new ids)."""
        with self._db:
            self._db.execute("BEGIN")
            removed = self.ids_of(article_id)
            self._db.execute(
                "DELETE FROM passage_entities WHERE passage IN"
                " (SELECT id FROM passages WHERE article_id = ?)",
                (article_id,),
            )
            self._db.execute("DELETE FROM passages WHERE article_id = ?", (article_id,))
            added = []
            for p in passages:
                cursor = self._db.execute(
                    'INSERT INTO passages (key, article_id, text, start, "end", title, source, published,'
                    " entities) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        p.id,
                        p.article_id,
                        p.text,
                        p.start,
                        p.end,
                        p.title,
                        p.source,
                        p.published.isoformat() if p.published else None,
                        json.dumps(list(p.entity_ids)),
                    ),
                )
                added.append(int(cursor.lastrowid or 0))
                self._index_entities(added[-1], p.entity_ids)
        return removed, added

    def _index_entities(self, passage: int, entity_ids: Iterable[str]) -> None:
        self._db.executemany(
            "INSERT INTO passage_entities VALUES (?, ?)", [(passage, e) for e in dict.fromkeys(entity_ids)]
        )

    def ids_by_key(self, keys: Iterable[str]) -> dict[str, int]:
        """The integer ids of passages given by key (missing keys are left out)."""
        wanted = list(keys)
        found: dict[str, int] = {}
        for chunk in range(0, len(wanted), 500):
            part = wanted[chunk : chunk + 500]
            marks = ",".join("?" * len(part))
            for pid, key in self._db.execute(f"SELECT id, key FROM passages WHERE key IN ({marks})", part):
                found[key] = pid
        return found

    def ids_of(self, article_id: str) -> list[int]:
        """Integer ids of an article's passages."""
        rows = self._db.execute("SELECT id FROM passages WHERE article_id = ?", (article_id,))
        return [row[0] for row in rows]

    def get_many(self, ids: Iterable[int]) -> dict[int, Passage]:
        """Passages by integer id (missing ids are left out)."""
        wanted = list(ids)
        found: dict[int, Passage] = {}
        for chunk in range(0, len(wanted), 500):
            part = wanted[chunk : chunk + 500]
            marks = ",".join("?" * len(part))
            for row in self._db.execute(
                'SELECT id, key, article_id, text, start, "end", title, source, published, entities'
                f" FROM passages WHERE id IN ({marks})",
                part,
            ):
                found[row[0]] = Passage(
                    id=row[1],
                    article_id=row[2],
                    text=row[3],
                    start=row[4],
                    end=row[5],
                    title=row[6],
                    source=row[7],
                    published=date.fromisoformat(row[8]) if row[8] else None,
                    entity_ids=tuple(json.loads(row[9])),
                )
        return found

    def ids_where(
        self,
        source: str | None = None,
        since: date | None = None,
        until: date | None = None,
        as_of: date | None = None,
        entity_ids: Sequence[str] = (),
        at_most: int | None = None,
    ) -> set[int] | None:
        """Ids of the passages from `source`, published between `since` and `until` (undated
        ones only without them), not after `as_of`, and naming one of `entity_ids`: the
        passages a filtered search may return, found without reading their text. None when
        more than `at_most` pass (a date filter alone is counted first, so the day a question
        is asked, which admits most of a store, builds no set of every id)."""
        clauses, values = [], []
        for bound, test in ((since, "published >= ?"), (until, "published <= ?")):
            if bound is not None:
                clauses.append(f"published IS NOT NULL AND {test}")
                values.append(bound.isoformat())
        if as_of is not None:
            clauses.append("(published IS NULL OR published <= ?)")
            values.append(as_of.isoformat())
        if source:  # the publisher's name in any case (SQLite folds ASCII letters only)
            clauses.append("source = ? COLLATE NOCASE")
            values.append(source)
        where = " AND ".join(clauses) or "1"
        if at_most is not None and not entity_ids:
            # Counted no further than the limit, through the indexes on date and source.
            ((count,),) = self._db.execute(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM passages WHERE {where} LIMIT ?)", [*values, at_most + 1]
            )
            if count > at_most:
                return None
        wanted = set(entity_ids)
        if wanted and self._entities_indexed:  # only the passages naming them are read
            where += (
                " AND id IN (SELECT passage FROM passage_entities WHERE entity IN"
                f" ({','.join('?' * len(wanted))}))"
            )
            values.extend(sorted(wanted))
            wanted = set()
        rows = self._db.execute(f"SELECT id, entities FROM passages WHERE {where}", values)
        found = {pid for pid, entities in rows if not wanted or wanted & set(json.loads(entities))}
        return found if at_most is None or len(found) <= at_most else None

    def all(self) -> list[tuple[int, Passage]]:
        """Every passage with its id, for rebuilding an index."""
        ids = [row[0] for row in self._db.execute("SELECT id FROM passages ORDER BY id")]
        passages = self.get_many(ids)
        return [(i, passages[i]) for i in ids]

    def article_ids(self) -> set[str]:
        """Articles that have passages."""
        return {row[0] for row in self._db.execute("SELECT DISTINCT article_id FROM passages")}

    def count(self) -> int:
        """Number of passages."""
        return int(self._db.execute("SELECT COUNT(*) FROM passages").fetchone()[0])


def _open_read_only(path: Path) -> sqlite3.Connection:
    """The catalog for reading only (core/sqlite.py says how)."""
    db = open_read_only(path, "passages")
    if db is None:
        raise SearchError(f"cannot read the passage catalog {path}")
    return db
