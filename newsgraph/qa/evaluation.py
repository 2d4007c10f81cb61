"""Question sets nobody here wrote: ask every question, score it strictly, measure retrieval.

The format is `../shared/eval`'s: a questions file (JSON Lines of `id`, `question`,
`answers`, `wrong`, `kind`, `asked_on`, `evidence`) and articles files in Newsgraph's own
JSON Lines input. Every question is asked through the service as an analyst would ask
it, scored by `scoring.py`'s strict rules, and its evidence articles looked for in the
top search hits, by Newsgraph's search and, side by side, by plain reciprocal rank
fusion of its own dense and lexical rankings.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from newsgraph.core.errors import IngestError
from newsgraph.core.records import Answer
from newsgraph.core.types import Hit
from newsgraph.qa.scoring import Question, is_correct, is_findable, recall
from newsgraph.search.fusion import reciprocal_rank

DEPTH = 10  # hits looked at for retrieval recall
RRF_K = 60
RRF_DEPTH = 100  # each ranking's length before plain fusion


class Asked(Protocol):
    """What the evaluation needs of the service."""

    def ask(self, question: str, as_of: date | None = None) -> Answer:
        """Answer a question as asked on `as_of`."""
        ...

    def search_hits(self, query: str, k: int, mode: str, as_of: date | None = None) -> list[Hit]:
        """The top-k passages for a query by one mode: hybrid, dense or lexical."""
        ...


@dataclass(frozen=True)
class Record:
    """One question asked and scored."""

    set: str
    id: str
    kind: str
    question: str
    answerable: bool
    findable: bool
    with_as_of: bool
    answered: bool
    correct: bool
    answer: str
    confidence: float
    reason: str | None
    seconds: float
    recall5: float | None
    recall10: float | None
    rrf_recall5: float | None
    rrf_recall10: float | None


def load_questions(path: Path) -> list[Question]:
    """The questions of one file; a bad line is an IngestError naming the file and line."""
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            questions.append(
                Question(
                    id=str(raw["id"]),
                    question=str(raw["question"]),
                    answers=tuple(str(a) for a in raw.get("answers") or ()),
                    wrong=tuple(str(w) for w in raw.get("wrong") or ()),
                    kind=str(raw.get("kind") or ""),
                    asked_on=raw.get("asked_on"),
                    evidence=tuple(str(e) for e in raw.get("evidence") or ()),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise IngestError(f"{path}:{number}: not a question ({type(exc).__name__}: {exc})") from None
    return questions


def set_name(path: Path) -> str:
    """A questions file's set: "realtimeqa-2022.questions.jsonl" -> "realtimeqa-2022"."""
    return path.name.removesuffix(".jsonl").removesuffix(".questions")


def article_texts(paths: Iterable[Path]) -> dict[str, str]:
    """Article id -> text, from articles files in Newsgraph's JSON Lines input."""
    texts = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                texts[str(record["id"])] = str(record.get("text") or "")
    return texts


def plain_rrf(service: Asked, query: str, k: int = DEPTH) -> list[str]:
    """The articles of the top-k passages by plain reciprocal rank fusion of dense and lexical."""
    dense = service.search_hits(query, RRF_DEPTH, "dense")
    lexical = service.search_hits(query, RRF_DEPTH, "lexical")
    by_id = {h.passage.id: h.passage.article_id for h in [*dense, *lexical]}
    keys = {key: number for number, key in enumerate(by_id)}
    fused = reciprocal_rank(
        [(keys[h.passage.id], h.score) for h in dense],
        [(keys[h.passage.id], h.score) for h in lexical],
        RRF_K,
    )
    ranked = sorted(fused, key=lambda i: -fused[i])[:k]
    articles = list(by_id.values())
    return [articles[i] for i in ranked]


def evaluate(
    service: Asked,
    name: str,
    questions: Sequence[Question],
    texts: dict[str, str],
    with_as_of: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> list[Record]:
    """Ask and score every question of one set."""
    records = []
    for number, q in enumerate(questions, start=1):
        as_of = date.fromisoformat(q.asked_on) if with_as_of and q.asked_on else None
        started = time.perf_counter()
        answer = service.ask(q.question, as_of)
        seconds = time.perf_counter() - started
        hits = [h.passage.article_id for h in service.search_hits(q.question, DEPTH, "hybrid", as_of)]
        baseline = plain_rrf(service, q.question) if q.evidence else []
        records.append(
            Record(
                set=name,
                id=q.id,
                kind=q.kind,
                question=q.question,
                answerable=q.answerable,
                findable=is_findable(q, [texts.get(e, "") for e in q.evidence]),
                with_as_of=as_of is not None,
                answered=answer.answered,
                correct=is_correct(q, answer.answered, answer.answer),
                answer=answer.answer,
                confidence=answer.confidence,
                reason=answer.reason,
                seconds=seconds,
                recall5=recall(q.evidence, hits, 5),
                recall10=recall(q.evidence, hits, 10),
                rrf_recall5=recall(q.evidence, baseline, 5),
                rrf_recall10=recall(q.evidence, baseline, 10),
            )
        )
        if progress is not None:
            progress(number, len(questions))
    return records


@dataclass(frozen=True)
class Summary:
    """The figures of one set (and kind) of records."""

    set: str
    kind: str
    with_as_of: bool
    questions: int
    accuracy: float
    findable: int
    findable_accuracy: float | None
    declined_answerable: float | None
    answered_unanswerable: float | None
    recall5: float | None
    recall10: float | None
    rrf_recall5: float | None
    rrf_recall10: float | None
    p50_ms: float
    p95_ms: float


def summarize(records: Sequence[Record]) -> list[Summary]:
    """One summary per set and run (with or without as_of), then one per kind within it."""
    groups: dict[tuple[str, bool, str], list[Record]] = {}
    for r in records:
        groups.setdefault((r.set, r.with_as_of, "all"), []).append(r)
        groups.setdefault((r.set, r.with_as_of, r.kind or "-"), []).append(r)
    return [_summary(key, group) for key, group in groups.items()]


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _summary(key: tuple[str, bool, str], group: Sequence[Record]) -> Summary:
    name, with_as_of, kind = key
    answerable = [r for r in group if r.answerable]
    unanswerable = [r for r in group if not r.answerable]
    findable = [r for r in group if r.findable]
    seconds = sorted(r.seconds for r in group)
    return Summary(
        set=name,
        kind=kind,
        with_as_of=with_as_of,
        questions=len(group),
        accuracy=sum(r.correct for r in group) / len(group),
        findable=len(findable),
        findable_accuracy=_mean(float(r.correct) for r in findable),
        declined_answerable=_mean(float(not r.answered) for r in answerable),
        answered_unanswerable=_mean(float(r.answered) for r in unanswerable),
        recall5=_mean(r.recall5 for r in group),
        recall10=_mean(r.recall10 for r in group),
        rrf_recall5=_mean(r.rrf_recall5 for r in group),
        rrf_recall10=_mean(r.rrf_recall10 for r in group),
        p50_ms=statistics.median(seconds) * 1000,
        p95_ms=seconds[min(len(seconds) - 1, int(0.95 * len(seconds)))] * 1000,
    )


def dump(records: Sequence[Record], path: Path) -> None:
    """Every record as one JSON line."""
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(asdict(record), ensure_ascii=False) + "\n")
