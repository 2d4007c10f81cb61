"""Each article's spaCy parse as ingest made it, kept so that answering a question need not
parse the sentences it reads again.

The reader reads the twenty best sentences of a question's passages; parsing them took
200-300 ms an ask, the largest share of its time. The parse ingest already made is stored
here (spaCy's DocBin, compressed, one row an article, in SQLite beside the graph) and a
sentence is cut from it. It is only a cache: a sentence whose stored text differs, or an
article with no stored parse (a store written by an older release), is parsed afresh, and
`newsgraph reindex` fills in what is missing.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from newsgraph.core.sqlite import open_read_only

log = logging.getLogger(__name__)

RECENT_ARTICLES = 256  # parsed articles kept loaded, most recently read first

_SCHEMA = "CREATE TABLE IF NOT EXISTS parses (article_id TEXT PRIMARY KEY, parse BLOB NOT NULL)"


def serialized(doc: Doc) -> bytes:
    """A parsed article as stored: tokens, tags, lemmas, dependencies and entities."""
    return bytes(DocBin(docs=[doc]).to_bytes())


class ParseStore:
    """Parsed articles by id, in one SQLite file."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self._recent: OrderedDict[str, Doc | None] = OrderedDict()
        self._lock = threading.Lock()  # the server answers questions in several threads
        self._db: sqlite3.Connection | None = None
        if read_only:
            self._db = open_read_only(path, "parses")  # None: no kept parses, sentences are parsed
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(_SCHEMA)
        except sqlite3.Error as exc:  # a damaged cache: sentences are parsed, the store still opens
            log.warning("the kept parses in %s cannot be used (%s); sentences will be parsed", path, exc)
            self._db = None

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            self._db.close()

    def put(self, article_id: str, parse: bytes) -> None:
        """Keep an article's parse (see `serialized`), replacing any older one."""
        if self._db is None or not parse:
            return
        try:
            self._db.execute("INSERT OR REPLACE INTO parses VALUES (?, ?)", (article_id, parse))
        except sqlite3.Error as exc:  # a cache that cannot be written costs speed, not the article
            log.warning("cannot keep the parse of %s: %s", article_id, exc)
        with self._lock:
            self._recent.pop(article_id, None)

    def drop(self, article_ids: Iterable[str]) -> None:
        """Forget the parses of removed articles."""
        if self._db is None:
            return
        for article_id in article_ids:
            try:
                self._db.execute("DELETE FROM parses WHERE article_id = ?", (article_id,))
            except sqlite3.Error as exc:  # a stale parse is never read: its text is checked
                log.warning("cannot forget the parse of %s: %s", article_id, exc)
            with self._lock:
                self._recent.pop(article_id, None)

    def missing(self, article_ids: Sequence[str]) -> list[str]:
        """The articles among these with no stored parse."""
        if self._db is None:
            return list(article_ids)
        kept = {row[0] for row in self._db.execute("SELECT article_id FROM parses")}
        return [a for a in article_ids if a not in kept]

    def sentences(self, vocab: Vocab, wanted: Sequence[tuple[str, int, int, str]]) -> list[Doc | None]:
        """Each (article id, start, end, text) sentence as its own parsed Doc, cut from its
        article's stored parse; None where none is stored or the text there differs."""
        found: list[Doc | None] = []
        for article_id, start, end, text in wanted:
            article = self._article(vocab, article_id)
            span = article.char_span(start, end) if article is not None else None
            found.append(span.as_doc() if span is not None and span.text == text else None)
        return found

    def _article(self, vocab: Vocab, article_id: str) -> Doc | None:
        with self._lock:
            if article_id in self._recent:
                self._recent.move_to_end(article_id)
                return self._recent[article_id]
        try:
            row = (
                self._db.execute("SELECT parse FROM parses WHERE article_id = ?", (article_id,)).fetchone()
                if self._db is not None
                else None
            )
            doc = next(DocBin().from_bytes(row[0]).get_docs(vocab), None) if row else None
        except (sqlite3.Error, ValueError) as exc:  # a damaged cache is parsed around, not fatal
            log.warning("cannot read the kept parse of %s: %s", article_id, exc)
            doc = None
        with self._lock:
            self._recent[article_id] = doc
            while len(self._recent) > RECENT_ARTICLES:
                self._recent.popitem(last=False)
        return doc
