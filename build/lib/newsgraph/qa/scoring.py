"""Strict scoring of answers against question sets nobody here wrote (../shared/eval's rules).

- An answerable question counts only when it is answered (not declined) and: a gold
  "yes"/"no" equals the answer's first word; any other gold appears in the answer as
  whole words (case, quotes and punctuation ignored, except `%`, `$` and decimal points),
  and no wrong choice does.
- A question with no gold counts when it is declined.
- A question is findable when one of its golds appears, the same way, in an evidence article.
- Retrieval: the share of the evidence articles among the distinct articles of the top hits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_QUOTES = str.maketrans({c: " " for c in "\"'“”‘’«»`´"})
# Punctuation between digits is kept when it is a decimal point ("2.5"); "%" and "$" always.
_DROP = re.compile(r"(?<!\d)\.|\.(?!\d)|[^\w\s.%$]")


def normalize(text: str) -> str:
    """Lowercase words and numbers, separated by single spaces, for whole-word matching."""
    text = text.casefold().translate(_QUOTES)
    text = _DROP.sub(" ", text)
    return " ".join(text.replace("_", " ").split())


def says(text: str, phrase: str) -> bool:
    """Whether `phrase` appears in `text` as whole words, under `normalize`."""
    wanted = normalize(phrase)
    return bool(wanted) and f" {wanted} " in f" {normalize(text)} "


@dataclass(frozen=True)
class Question:
    """One question of an external set, as its questions file gives it."""

    id: str
    question: str
    answers: tuple[str, ...]
    wrong: tuple[str, ...] = ()
    kind: str = ""
    asked_on: str | None = None
    evidence: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        """Whether some article answers it."""
        return bool(self.answers)

    @property
    def yes_no(self) -> bool:
        """Whether its gold is "yes" or "no"."""
        return bool(self.answers) and normalize(self.answers[0]) in ("yes", "no")


@dataclass(frozen=True)
class Scored:
    """How one answer scores."""

    correct: bool
    declined: bool
    findable: bool
    recall5: float | None = None
    recall10: float | None = None
    baseline5: float | None = None
    baseline10: float | None = None
    extra: dict[str, object] = field(default_factory=dict)


def is_correct(question: Question, answered: bool, answer: str) -> bool:
    """The strict rule: see the module docstring."""
    if not question.answerable:
        return not answered
    if not answered:
        return False
    if question.yes_no:
        first = normalize(answer).split(" ", 1)[0] if normalize(answer) else ""
        return any(first == normalize(gold) for gold in question.answers)
    if any(says(answer, wrong) for wrong in question.wrong):
        return False
    return any(says(answer, gold) for gold in question.answers)


def is_findable(question: Question, evidence_texts: Sequence[str]) -> bool:
    """Whether a gold answer (not yes/no) appears word for word in an evidence article."""
    if not question.answerable or question.yes_no:
        return False
    return any(says(text, gold) for text in evidence_texts for gold in question.answers)


def recall(evidence: Sequence[str], hit_articles: Sequence[str], k: int) -> float | None:
    """The share of evidence articles among the articles of the top-k hits (`hit_articles`
    gives each hit's article, best hit first); None for a question without evidence."""
    if not evidence:
        return None
    return len(set(evidence) & set(hit_articles[:k])) / len(set(evidence))
