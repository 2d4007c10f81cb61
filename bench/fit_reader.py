"""Fit the reader's model on the development splits: `newsgraph/qa/data/reader.json`.

For every development question (RealTimeQA 2022 and MultiHop-RAG dev from ../shared/eval,
and the dev split of corpus/questions.jsonl), the graph and text route answers and the
reader lists its candidates with their named features (newsgraph/qa/reader.py). Each
candidate is labelled right or wrong by the strict rules (corpus questions: the answer
holds a gold string). A logistic regression over the features is fitted; the two decline
thresholds (where the graph and text route answered, and for overruling its decline) are
the pair that answers the most answerable questions right while declining at least
HONEST (0.80) of the unanswerable ones in each set that has them, in 5-fold
cross-validation by question (an honest "not found" is a requirement, not a weight to
trade away). The script prints the cross-validated accuracy per set, the reliability
table (confidence bin -> accuracy), the weights, and saves the model with its features,
threshold and version.

    .venv/bin/python bench/fit_reader.py --eval-store DIR --corpus-store DIR [--features FILE]

Both stores are built when missing (the eval store from every articles file of
../shared/eval, the corpus store from corpus/). --features caches the extracted
candidates, so that refitting after a change to the model only does not ask again.
realtimeqa-2024 is never read.
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from questions import cached_rows, corpus_service, fitting_arguments, load_questions  # bench/questions.py
from sklearn.linear_model import LogisticRegression

from newsgraph.core.settings import Settings
from newsgraph.ingest.loaders import load_paths
from newsgraph.qa import evaluation
from newsgraph.qa.reader import FEATURES, MODEL_FILE, ReaderModel
from newsgraph.qa.scoring import Question, is_correct
from newsgraph.qa.verdict import MODEL_FILE as VERDICT_FILE
from newsgraph.qa.verdict import VERDICT_FEATURES
from newsgraph.service.facade import Newsgraph

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
DEVELOPMENT = {
    "realtimeqa-2022": EVAL / "realtimeqa-2022.questions.jsonl",
    "multihop-rag.dev": EVAL / "multihop-rag.dev.questions.jsonl",
}


def _eval_service(store: Path) -> Newsgraph:
    service = Newsgraph(Settings(store=store, reader_model=None))
    present = set(service.graph.article_ids())
    articles, _ = load_paths(sorted(EVAL.glob("*.articles.jsonl")))
    missing = [a for a in articles if a.id not in present]
    if missing:
        print(f"ingesting {len(missing)} articles into {store}")
        service.ingest_articles(missing)
    return service


def _rows(service: Newsgraph, name: str, questions: list[Question]) -> list[dict[str, Any]]:
    """One row per question: its graph and text answer, and the reader's labelled candidates."""
    rows = []
    for number, q in enumerate(questions, 1):
        as_of = date.fromisoformat(q.asked_on) if q.asked_on else None
        answer, candidates = service.asker.readings(q.question, as_of)
        rows.append(
            {
                "set": name,
                "id": q.id,
                "answerable": q.answerable,
                "route_correct": is_correct(q, answer.answered, answer.answer),
                "read": candidates is not None,
                "candidates": [
                    {"text": c.text, "features": c.features, "right": is_correct(q, True, c.text)}
                    for c in candidates or []
                ],
            }
        )
        if number % 50 == 0:
            print(f"  {name}: {number}/{len(questions)}")
    return rows


def _verdict_rows(service: Newsgraph, name: str, questions: list[Question]) -> list[dict[str, Any]]:
    """One row per yes/no question: the yes/no model's features and the gold."""
    rows = []
    for q in questions:
        if not q.yes_no:
            continue
        as_of = date.fromisoformat(q.asked_on) if q.asked_on else None
        answer, checks = service.asker.verdict_readings(q.question, as_of)
        if checks is not None:
            yes = q.answers[0].casefold().startswith("yes")
            rows.append(
                {
                    "set": name,
                    "id": q.id,
                    "features": checks,
                    "yes": yes,
                    "route_correct": is_correct(q, answer.answered, answer.answer),
                }
            )
    return rows


def _corpus_questions() -> list[Question]:
    return [
        Question(
            q["id"], q["question"], tuple(q["answers"]) if q.get("answerable", True) else (), kind="corpus"
        )
        for q in load_questions("dev")
        if q.get("answer_type") not in ("list", "yesno")
    ]


def extract(args: argparse.Namespace) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with _eval_service(args.eval_store) as service:
        for name, path in DEVELOPMENT.items():
            rows += _rows(service, name, evaluation.load_questions(path))
    with corpus_service(args.corpus_store, args.corpus_store.parent) as service:
        rows += _rows(service, "corpus-dev", _corpus_questions())
    return rows


def extract_verdicts(args: argparse.Namespace) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with _eval_service(args.eval_store) as service:
        for name, path in DEVELOPMENT.items():
            rows += _verdict_rows(service, name, evaluation.load_questions(path))
    with corpus_service(args.corpus_store, args.corpus_store.parent) as service:
        corpus = [
            Question(q["id"], q["question"], tuple(q["answers"]), kind="corpus")
            for q in load_questions("dev")
            if q.get("answer_type") == "yesno" and q.get("answerable", True)
        ]
        rows += _verdict_rows(service, "corpus-dev", corpus)
    return rows


def fit_verdict(rows: list[dict[str, Any]]) -> None:
    """The yes/no model: the feature set and regularisation that cross-validate best (every
    feature at several strengths, or only the graph and text route's own yes/no), fitted on
    every row and saved."""
    y = np.array([int(r["yes"]) for r in rows])
    order = list(range(len(rows)))
    random.Random(0).shuffle(order)
    fold = np.array([order.index(i) % 5 for i in range(len(rows))])
    print(f"yes/no: {len(rows)} questions, {y.mean():.2f} of them yes")
    choices = {f"every feature, C={c}": (VERDICT_FEATURES, c) for c in (0.1, 0.3, 1.0, 3.0, 10.0)}
    choices["the route's yes/no only"] = (("route_yes",), 10.0)
    results = {}
    for label, (used, strength) in choices.items():
        x = np.array([[r["features"][f] for f in used] for r in rows])
        cv = np.zeros(len(rows))
        for f in range(5):
            model = LogisticRegression(C=strength, max_iter=5000).fit(x[fold != f], y[fold != f])
            cv[fold == f] = model.predict_proba(x[fold == f])[:, 1]
        results[label] = float(np.mean((cv >= 0.5) == y.astype(bool)))
        print(f"  {label}: cross-validated accuracy {results[label]:.3f}")
        for name in dict.fromkeys(r["set"] for r in rows):
            mine = [i for i, r in enumerate(rows) if r["set"] == name]
            right = np.mean([(cv[i] >= 0.5) == bool(y[i]) for i in mine])
            always = np.mean([y[i] for i in mine])
            route = np.mean([rows[i]["route_correct"] for i in mine])
            print(
                f"    {name:18} model {right:.3f}  always yes {always:.3f}  graph and text route {route:.3f}"
            )
    chosen = max(results, key=lambda label: results[label])
    used, strength = choices[chosen]
    x = np.array([[r["features"][f] for f in used] for r in rows])
    final = LogisticRegression(C=strength, max_iter=5000).fit(x, y)
    fitted = dict(zip(used, (float(w) for w in final.coef_[0]), strict=True))
    weights = [fitted.get(name, 0.0) for name in VERDICT_FEATURES]
    print(f"  kept: {chosen}")
    model = ReaderModel.fitted(
        VERDICT_FEATURES, weights, float(final.intercept_[0]), 0.5, dict.fromkeys(r["set"] for r in rows)
    )
    print(model.weights_table())
    model.save(VERDICT_FILE)
    print(f"saved {VERDICT_FILE}")


def _matrix(rows: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x, y, group = [], [], []
    for number, row in enumerate(rows):
        for c in row["candidates"]:
            x.append([c["features"].get(f, 0.0) for f in FEATURES])
            y.append(int(c["right"]))
            group.append(number)
    return np.array(x), np.array(y), np.array(group)


def _fit(x: np.ndarray, y: np.ndarray) -> LogisticRegression:
    return LogisticRegression(C=1.0, max_iter=2000).fit(x, y)


def _outcomes(
    rows: list[dict[str, Any]], probabilities: dict[int, list[float]], threshold: float, overrule: float
) -> list[bool]:
    """Per question: right under the strict rules, if the reader answers above `threshold`
    where the graph and text route answered and above `overrule` where it declined."""
    results = []
    for number, row in enumerate(rows):
        if not row["read"] or not row["candidates"]:
            results.append(row["route_correct"])
            continue
        scores = probabilities[number]
        best = int(np.argmax(scores))
        declined = row["candidates"][best]["features"].get("route_declined", 0.0)
        if scores[best] < (overrule if declined else threshold):
            results.append(not row["answerable"])
        else:
            results.append(bool(row["candidates"][best]["right"]))
    return results


# The share of unanswerable questions the reader must decline: the product says "not found"
# rather than guess (the development target for questions no article answers).
HONEST = 0.80


def _shares(rows: list[dict[str, Any]], outcomes: list[bool]) -> tuple[float, float]:
    """The answerable questions answered right, and the unanswerable ones declined in the
    set that declines fewest of them (each set with such questions must be honest)."""
    answerable = [o for r, o in zip(rows, outcomes, strict=True) if r["answerable"]]
    declined: dict[str, list[bool]] = defaultdict(list)
    for r, o in zip(rows, outcomes, strict=True):
        if not r["answerable"]:
            declined[r["set"]].append(o)
    return float(np.mean(answerable)), min(float(np.mean(d)) for d in declined.values())


def main() -> None:
    args = fitting_arguments(__doc__.splitlines()[0])
    verdict_cache = args.features.with_suffix(".verdicts.jsonl") if args.features else None
    fit_verdict(cached_rows(verdict_cache, lambda: extract_verdicts(args)))
    rows = cached_rows(args.features, lambda: extract(args))
    x, y, group = _matrix(rows)
    # Cross-validated probabilities, by question.
    folds = list(range(len(rows)))
    random.Random(0).shuffle(folds)
    fold_of = {q: i % 5 for i, q in enumerate(folds)}
    held = np.array([fold_of[g] for g in group])
    cv = np.zeros(len(y))
    for fold in range(5):
        model = _fit(x[held != fold], y[held != fold])
        cv[held == fold] = model.predict_proba(x[held == fold])[:, 1]
    probabilities: dict[int, list[float]] = defaultdict(list)
    for g, p in zip(group, cv, strict=True):
        probabilities[int(g)].append(float(p))
    grid = [t / 100 for t in range(0, 96, 2)]
    shares = {(t, o): _shares(rows, _outcomes(rows, probabilities, t, o)) for t in grid for o in grid}
    honest = [pair for pair, (_, declined) in shares.items() if declined >= HONEST]
    threshold, overrule = max(honest, key=lambda pair: (shares[pair][0], -sum(pair)))
    print("overruling a decline above -> answerable answered right, unanswerable declined (cross-validated)")
    for o in grid[::5]:
        right, declined = shares[threshold, o]
        print(f"  {o:.2f}  {right:.3f}  {declined:.3f}")
    outcomes = _outcomes(rows, probabilities, threshold, overrule)
    right, declined = shares[threshold, overrule]
    print(
        f"threshold {threshold:.2f}, overruling a decline {overrule:.2f}: cross-validated, answerable"
        f" questions answered right {right:.3f}, unanswerable declined {declined:.3f}"
        f" (at least {HONEST}), accuracy {np.mean(outcomes):.3f} over {len(rows)} questions"
    )
    for name in dict.fromkeys(r["set"] for r in rows):
        mine = [(r, o) for r, o in zip(rows, outcomes, strict=True) if r["set"] == name]
        route = np.mean([r["route_correct"] for r, _ in mine])
        declined = [o for r, o in mine if not r["answerable"]]
        print(
            f"  {name:18} reader {np.mean([o for _, o in mine]):.3f}   graph and text route alone {route:.3f}"
            + (f"   unanswerable declined {np.mean(declined):.3f}" if declined else "")
        )
    print("reliability (cross-validated): confidence -> accuracy of the answered")
    bins: dict[int, list[bool]] = defaultdict(list)
    for number, row in enumerate(rows):
        if row["read"] and row["candidates"]:
            scores = probabilities[number]
            best = int(np.argmax(scores))
            bins[min(int(scores[best] * 10), 9)].append(bool(row["candidates"][best]["right"]))
    for b in sorted(bins):
        print(f"  {b / 10:.1f}-{(b + 1) / 10:.1f}  {np.mean(bins[b]):.3f}  ({len(bins[b])})")
    final = _fit(x, y)
    model = ReaderModel.fitted(
        FEATURES,
        [float(w) for w in final.coef_[0]],
        float(final.intercept_[0]),
        threshold,
        dict.fromkeys(r["set"] for r in rows),
        {"route_declined": overrule},
    )
    print(model.weights_table())
    model.save(MODEL_FILE)
    print(f"saved {MODEL_FILE}")


if __name__ == "__main__":
    main()
