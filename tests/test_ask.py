"""Questions answered end to end on the real store, indexes and models."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.api.cli import app
from newsgraph.core.errors import QueryError
from newsgraph.qa.answer import DECLINED
from newsgraph.qa.service import Newsgraph
from tests.conftest import EXPORTS, MEMORY, article

GAUDI = article(
    "gaudi",
    "Intel finds buyers for Gaudi 3",
    "Buyers of the Gaudi 3 include Tencent and Baidu, people familiar with the matter said. "
    "Intel said on Monday it expects Gaudi 3 revenue of $500 million in 2025.",
    published="2025-02-20",
)


@pytest.fixture
def loaded(service: Newsgraph) -> Newsgraph:
    service.ingest_articles([MEMORY, EXPORTS, GAUDI])
    return service


def test_list_answers_come_from_the_graph_with_sparql(loaded: Newsgraph) -> None:
    answer = loaded.ask("Which companies buy the Gaudi 3?")
    assert answer.answer_type == "list"
    assert "Tencent" in answer.answer and "Baidu" in answer.answer
    assert answer.sparql is not None and "ng:Claim" in answer.sparql
    assert answer.facts and answer.citations[0].article_id == "gaudi"


def test_money_answers_carry_their_period(loaded: Newsgraph) -> None:
    answer = loaded.ask("How much Gaudi 3 revenue does Intel expect?")
    assert answer.answer_type == "money"
    assert answer.answer.startswith("$500 million") and "2025" in answer.answer
    assert "Gaudi 3 revenue" in answer.citations[0].text


def test_unanswerable_questions_are_declined_with_closest_passages(loaded: Newsgraph) -> None:
    answer = loaded.ask("What revenue did Cerebras report for its wafer-scale engines?")
    assert answer.answer == DECLINED
    assert answer.citations  # the closest sentences are still shown


def test_empty_question_is_an_error(loaded: Newsgraph) -> None:
    with pytest.raises(QueryError):
        loaded.ask("  ")


def test_cli_ask_json_shape(settings) -> None:  # type: ignore[no-untyped-def]
    with Newsgraph(settings) as service:
        service.ingest_articles([GAUDI])
    result = CliRunner().invoke(
        app, ["ask", "Which companies buy the Gaudi 3?", "--json", "--store", str(settings.store)]
    )
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == {"question", "answer", "answer_type", "confidence", "citations", "facts", "sparql"}
    assert set(payload["citations"][0]) == {"article_id", "title", "text", "start", "end", "score"}
