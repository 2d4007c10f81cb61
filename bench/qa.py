"""Question answering on corpus/questions.jsonl: accuracy per answer type, declines, latency.

An answer is correct when it contains a gold string (case-insensitive); list answers are
scored by the share of gold members they contain. Unanswerable questions count as
right when the answer is declined.

    .venv/bin/python bench/qa.py
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from newsgraph.core.settings import Settings
from newsgraph.qa.answer import DECLINED
from newsgraph.qa.service import Newsgraph

ROOT = Path(__file__).resolve().parent.parent


def score(answer: str, gold: list[str], answer_type: str) -> float:
    text = answer.casefold()
    if answer_type == "list":
        return sum(1 for g in gold if g.casefold() in text) / len(gold)
    return 1.0 if any(g.casefold() in text for g in gold) else 0.0


def main() -> None:
    lines = (ROOT / "corpus" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line) for line in lines if line.strip()]
    with (
        tempfile.TemporaryDirectory() as folder,
        Newsgraph(Settings(store=Path(folder) / "store")) as service,
    ):
        report = service.ingest_paths([ROOT / "corpus"])
        assert not report.failures, report.failures
        service.ask("warm-up question about Nvidia")
        by_type: dict[str, list[float]] = defaultdict(list)
        declined: list[bool] = []
        timings: list[float] = []
        for q in questions:
            started = time.perf_counter()
            answer = service.ask(q["question"])
            timings.append((time.perf_counter() - started) * 1000)
            if not q["answerable"]:
                declined.append(answer.answer == DECLINED)
            else:
                by_type[q["answer_type"]].append(score(answer.answer, q["answers"], q["answer_type"]))
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
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"latency per question: p50 {statistics.median(timings):.0f} ms  p95 {p95:.0f} ms")


if __name__ == "__main__":
    main()
