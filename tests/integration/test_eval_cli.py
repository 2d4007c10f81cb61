"""`newsgraph eval` end to end: a question file of the ../shared/eval format over its articles."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsgraph.api.cli import app

ARTICLES = [
    {
        "id": "wire-1",
        "title": "Lumeno prices its Vyra accelerator",
        "text": "Lumeno, a chip designer based in Oslo, said on Tuesday that its Vyra accelerator would "
        "cost between $8,000 and $9,000. Customers of the Vyra include Norbank and Ostra Cloud.",
        "published": "2025-05-06",
        "source": "Test Wire",
    },
    {
        "id": "wire-2",
        "title": "Norfab opens a plant in Bergen",
        "text": "Norfab opened a packaging plant in Bergen on Monday, the company said. "
        "The plant will employ 400 people.",
        "published": "2025-05-05",
        "source": "Test Wire",
    },
]
QUESTIONS = [
    {"id": "q1", "question": "In which city is the chip designer Lumeno based?", "answers": ["Oslo"],
     "wrong": ["Bergen", "Paris", "Rome"], "kind": "realtimeqa", "asked_on": "2025-05-07",
     "evidence": ["wire-1"]},
    {"id": "q2", "question": "How many people will Norfab's new plant employ?", "answers": ["400"],
     "wrong": [], "kind": "inference", "asked_on": None, "evidence": ["wire-2"]},
    {"id": "q3", "question": "Which bank did Zentrix buy in 2019?", "answers": [],
     "wrong": [], "kind": "null", "asked_on": None, "evidence": []},
]  # fmt: skip


def _files(tmp_path: Path) -> tuple[Path, Path]:
    articles = tmp_path / "mine.articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    questions = tmp_path / "mine.questions.jsonl"
    questions.write_text("".join(json.dumps(q) + "\n" for q in QUESTIONS), encoding="utf-8")
    return questions, articles


def test_eval_ingests_asks_scores_and_dumps(tmp_path: Path) -> None:
    questions, articles = _files(tmp_path)
    dump = tmp_path / "answers.jsonl"
    store = tmp_path / "store"
    args = ["eval", str(questions), "--articles", str(articles), "--store", str(store), "--dump", str(dump)]
    result = CliRunner().invoke(app, [*args, "--without-as-of"])
    assert result.exit_code == 0, result.stderr
    assert "mine" in result.stdout and "R@10" in result.stdout and "RRF R@10" in result.stdout
    assert "new entities" in result.stdout  # the articles were ingested
    records = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines()]
    # Asked on their day (where they have one), then again without it (only those with a day).
    first = records[: len(QUESTIONS)]
    assert [r["with_as_of"] for r in first] == [True, False, False]
    assert [(r["id"], r["with_as_of"]) for r in records[len(QUESTIONS) :]] == [("q1", False)]
    null = first[2]
    assert null["answerable"] is False and null["correct"] is (not null["answered"])
    for record in records:
        # The strict rules: right only when answered with the gold (or declined when there is none).
        gold = next(q["answers"] for q in QUESTIONS if q["id"] == record["id"])
        if gold and record["correct"]:
            assert record["answered"] and any(g.lower() in record["answer"].lower() for g in gold)
    # The store is reused: a second run ingests nothing and answers the same.
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0, again.stderr
    assert "new entities" not in again.stdout
    second = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["answer"]) for r in second] == [(r["id"], r["answer"]) for r in first]


def test_eval_refuses_bad_files_in_one_line(tmp_path: Path) -> None:
    questions, articles = _files(tmp_path)
    missing = CliRunner().invoke(app, ["eval", str(tmp_path / "none.jsonl"), "--articles", str(articles)])
    assert missing.exit_code == 2 and "not a file" in missing.stderr
    questions.write_text('{"id": "q1"}\nnot json\n', encoding="utf-8")
    store = str(tmp_path / "store")
    bad = CliRunner().invoke(app, ["eval", str(questions), "--articles", str(articles), "--store", store])
    assert bad.exit_code != 0
    assert "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    assert "mine.questions.jsonl:1:" in bad.stderr
