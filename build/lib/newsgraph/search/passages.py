"""Passages: sentence windows of an article, the unit the search indexes hold."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from newsgraph.core.types import Passage, Sentence


def windows(
    article_id: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[tuple[int, str]],  # (sentence index, entity id)
    *,
    title: str | None,
    source: str | None,
    published: date | None,
    size: int = 3,
    overlap: int = 1,
) -> list[Passage]:
    """Overlapping windows of `size` sentences, each stepping `size - overlap` forward."""
    if not sentences:
        return []
    step = max(size - overlap, 1)
    ordered = sorted(sentences, key=lambda s: s.index)
    passages: list[Passage] = []
    for first in range(0, len(ordered), step):
        chunk = ordered[first : first + size]
        indexes = {s.index for s in chunk}
        passages.append(
            Passage(
                id=passage_key(article_id, first),
                article_id=article_id,
                text=" ".join(s.text for s in chunk),
                start=chunk[0].start,
                end=chunk[-1].end,
                title=title,
                source=source,
                published=published,
                entity_ids=tuple(sorted({e for i, e in mentions if i in indexes})),
            )
        )
        if first + size >= len(ordered):
            break
    return passages


def passage_key(article_id: str, first_sentence: int) -> str:
    """A passage's stable key: its article and its first sentence."""
    return f"{article_id}#{first_sentence}"
