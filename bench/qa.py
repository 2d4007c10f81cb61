"""Question answering on corpus/questions.jsonl: accuracy per answer type, declines, latency.

An answer is correct when it contains a gold string (case-insensitive); list answers are
scored by the share of gold members they contain. Unanswerable questions count as
right when the answer is declined.

The questions split three ways. The first 296 (ids q001-q296) alternate: `dev` (odd id
numbers) is for looking at failures while developing; `heldout` (even id numbers) only
confirms that a change generalises. `fresh` (ids h001-h090) was written later, blind, with
20 new articles; its failures were later looked at for three fixes, so `fresh2` (ids
f001-f060, with 12 articles of 2026) was written blind again, by someone who had not read
the answering code, and measures generalisation.

    .venv/bin/python bench/qa.py [--split dev|heldout|fresh|fresh2|all] [--store DIR] [--dump FILE] [--curve]

`--curve` answers without the confidence threshold and prints, for a range of thresholds,
the accuracy on answerable questions and the share of unanswerable ones declined.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from questions import SPLITS, corpus_service, load_questions  # bench/questions.py

from newsgraph.core.records import DECLINED
from newsgraph.qa import answer as answering


def score(answer: str, gold: list[str], answer_type: str) -> float:
    text = answer.casefold()
    if answer_type == "list":
        return sum(1 for g in gold if g.casefold() in text) / len(gold)
    return 1.0 if any(g.casefold() in text for g in gold) else 0.0


def print_curve(records: list[dict[str, Any]]) -> None:
    """Accuracy and declines had answers below each confidence threshold been declined."""
    answerable = [r for r in records if r["type"] != "unanswerable"]
    unanswerable = [r for r in records if r["type"] == "unanswerable"]
    print(f"{'threshold':>9} {'accuracy':>9} {'declined':>9} {'right lost':>10}")
    for threshold in (0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        kept = [r for r in answerable if r["confidence"] >= threshold]
        accuracy = sum(r["score"] for r in kept) / len(answerable)
        lost = sum(r["score"] for r in answerable if r["confidence"] < threshold)
        declined = sum(
            1 for r in unanswerable if r["confidence"] < threshold or r["answer"] == DECLINED
        ) / max(len(unanswerable), 1)
        print(f"{threshold:>9.2f} {accuracy:>9.3f} {declined:>9.3f} {lost:>10.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, default="all")
    parser.add_argument("--store", type=Path, help="build the corpus store here once and reuse it")
    parser.add_argument("--dump", type=Path, help="write every question's answer and score as JSONL")
    parser.add_argument("--curve", action="store_true", help="print the decline threshold trade-off")
    args = parser.parse_args()
    if args.curve:
        answering.DECLINE_BELOW = -1.0  # answer everything; thresholds are applied below
    questions = load_questions(args.split)
    with tempfile.TemporaryDirectory() as folder, corpus_service(args.store, Path(folder)) as service:
        service.ask("warm-up question about Nvidia")
        by_type: dict[str, list[float]] = defaultdict(list)
        declined: list[bool] = []
        timings: list[float] = []
        records = []
        for q in questions:
            started = time.perf_counter()
            answer = service.ask(q["question"])
            timings.append((time.perf_counter() - started) * 1000)
            if not q["answerable"]:
                right = float(answer.answer == DECLINED)
                declined.append(bool(right))
            else:
                right = score(answer.answer, q["answers"], q["answer_type"])
                by_type[q["answer_type"]].append(right)
            records.append(
                {
                    "id": q["id"],
                    "question": q["question"],
                    "type": q["answer_type"] if q["answerable"] else "unanswerable",
                    "predicted_type": answer.answer_type,
                    "gold": q.get("answers"),
                    "answer": answer.answer,
                    "confidence": answer.confidence,
                    "score": right,
                    "evidence": q.get("evidence"),
                    "cited": [c.text for c in answer.citations[:3]],
                    "sparql": answer.sparql is not None,
                }
            )
    if args.dump:
        args.dump.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    print(f"split: {args.split}")
    print(f"{'answer type':<12} {'questions':>9} {'accuracy':>9}")
    every = []
    for kind in sorted(by_type):
        every += by_type[kind]
        print(f"{kind:<12} {len(by_type[kind]):>9} {statistics.mean(by_type[kind]):>9.3f}")
    print(f"{'overall':<12} {len(every):>9} {statistics.mean(every):>9.3f}")
    print(
        f"unanswerable declined: {sum(declined)}/{len(declined)}"
        f" = {sum(declined) / max(len(declined), 1):.3f}"
    )
    if args.curve:
        print_curve(records)
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"latency per question: p50 {statistics.median(timings):.0f} ms  p95 {p95:.0f} ms")


if __name__ == "__main__":
    main()
