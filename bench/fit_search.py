"""Fit the search's fusion weights on the development splits: `newsgraph/search/data/fusion.json`.

For every development question with evidence (RealTimeQA 2022 and MultiHop-RAG dev from
../shared/eval, the dev split of corpus/questions.jsonl), every candidate passage of the
search (the top 100 of the dense and of the lexical ranking) gets its named features
(newsgraph/search/fusion.py FITTED_FEATURES) and a label: is it from an evidence article.
A logistic regression over the features gives the weights. Printed side by side, in
5-fold cross-validation by question: recall@5/@10 by evidence article for the fitted
weights, the convex fusion with its boosts, and plain reciprocal rank fusion.

    .venv/bin/python bench/fit_search.py --eval-store DIR --corpus-store DIR [--features FILE]

realtimeqa-2024 is never read.
"""

from __future__ import annotations

import argparse
import random
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from questions import cached_rows, corpus_service, fitting_arguments, load_questions  # bench/questions.py
from sklearn.linear_model import LogisticRegression

from newsgraph.core.settings import Settings
from newsgraph.qa import evaluation
from newsgraph.search.fusion import FITTED_FEATURES, MODEL_FILE, FusionModel
from newsgraph.service.facade import Newsgraph

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
DEVELOPMENT = {
    "realtimeqa-2022": EVAL / "realtimeqa-2022.questions.jsonl",
    "multihop-rag.dev": EVAL / "multihop-rag.dev.questions.jsonl",
}
RRF_K = 60


def _rows(
    service: Newsgraph, name: str, questions: list[tuple[str, str, str | None, list[str]]]
) -> list[Any]:
    rows = []
    for number, (qid, question, asked_on, evidence) in enumerate(questions, 1):
        as_of = date.fromisoformat(asked_on) if asked_on else None
        candidates = service.search_candidates(question, as_of)
        rows.append(
            {
                "set": name,
                "id": qid,
                "evidence": evidence,
                "candidates": [
                    {"article": p.article_id, "features": {k: round(v, 5) for k, v in f.items()}}
                    for p, f in candidates
                ],
            }
        )
        if number % 100 == 0:
            print(f"  {name}: {number}/{len(questions)}")
    return rows


def extract(args: argparse.Namespace) -> list[Any]:
    rows: list[Any] = []
    with Newsgraph(Settings(store=args.eval_store, fusion="convex")) as service:
        for name, path in DEVELOPMENT.items():
            asked = [
                (q.id, q.question, q.asked_on, list(q.evidence))
                for q in evaluation.load_questions(path)
                if q.evidence
            ]
            rows += _rows(service, name, asked)
    with corpus_service(args.corpus_store, args.corpus_store.parent) as service:
        asked = [
            (q["id"], q["question"], None, q["article_ids"])
            for q in load_questions("dev")
            if q.get("article_ids")
        ]
        rows += _rows(service, "corpus-dev", asked)
    return rows


def _recall(row: dict[str, Any], scores: list[float], k: int) -> float:
    order = sorted(range(len(scores)), key=lambda i: -scores[i])[:k]
    top = {row["candidates"][i]["article"] for i in order}
    return len(top & set(row["evidence"])) / len(set(row["evidence"]))


def _rrf(row: dict[str, Any]) -> list[float]:
    def part(value: float) -> float:
        # The rank features are 1 / (1 + zero-based rank), so 1 / value is the one-based rank.
        return 1.0 / (RRF_K + 1.0 / value) if value else 0.0

    return [
        part(c["features"]["dense_rank"]) + part(c["features"]["lexical_rank"]) for c in row["candidates"]
    ]


def main() -> None:
    args = fitting_arguments(__doc__.splitlines()[0])
    rows = cached_rows(args.features, lambda: extract(args))
    rows = [r for r in rows if r["candidates"]]
    order = list(range(len(rows)))
    random.Random(0).shuffle(order)
    fold = {q: i % 5 for i, q in enumerate(order)}

    def matrix(indices: list[int]) -> tuple[np.ndarray, np.ndarray]:
        x = [[c["features"][f] for f in FITTED_FEATURES] for i in indices for c in rows[i]["candidates"]]
        y = [int(c["article"] in rows[i]["evidence"]) for i in indices for c in rows[i]["candidates"]]
        return np.array(x), np.array(y)

    fitted_scores: dict[int, list[float]] = {}
    for f in range(5):
        train = [i for i in range(len(rows)) if fold[i] != f]
        model = LogisticRegression(C=1.0, max_iter=3000).fit(*matrix(train))
        for i in (i for i in range(len(rows)) if fold[i] == f):
            x = np.array([[c["features"][name] for name in FITTED_FEATURES] for c in rows[i]["candidates"]])
            fitted_scores[i] = list(model.decision_function(x))
    print(
        f"{'set':18} {'questions':>9} "
        + " ".join(f"{h:>8}" for h in ("fitted@5", "@10", "convex@5", "@10", "rrf@5", "@10"))
    )
    for name in dict.fromkeys(r["set"] for r in rows):
        mine = [i for i, r in enumerate(rows) if r["set"] == name]
        convex = {i: [c["features"]["fused"] for c in rows[i]["candidates"]] for i in mine}
        boosted = {
            i: [
                s + 0.2 * c["features"]["entities"] + 1.0 * c["features"]["period"]
                for s, c in zip(convex[i], rows[i]["candidates"], strict=True)
            ]
            for i in mine
        }
        cells = []
        for scores in (fitted_scores, boosted, {i: _rrf(rows[i]) for i in mine}):
            cells += [np.mean([_recall(rows[i], scores[i], k) for i in mine]) for k in (5, 10)]
        print(f"{name:18} {len(mine):>9} " + " ".join(f"{c:>8.3f}" for c in cells))
    final = LogisticRegression(C=1.0, max_iter=3000).fit(*matrix(list(range(len(rows)))))
    model = FusionModel.fitted(
        FITTED_FEATURES, [float(w) for w in final.coef_[0]], trained_on=dict.fromkeys(r["set"] for r in rows)
    )
    print(model.weights_table())
    model.save(MODEL_FILE)
    print(f"saved {MODEL_FILE}")


if __name__ == "__main__":
    main()
