"""Strict scoring of external question sets, and the days a question's words point at."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.qa.scoring import Question, is_correct, is_findable, normalize, recall
from newsgraph.search.query import relative_periods

SQUID = Question("q1", "Which show was green lit?", ("“Squid Game”",), ("“Game of Thrones”", "Friends"))
YES = Question("q2", "Did it rise?", ("yes",))
NULL = Question("q3", "Which network?", ())


def test_normalize_keeps_money_percent_and_decimal_points() -> None:
    assert normalize("“Squid  Game”!") == "squid game"
    assert normalize("Costs rose 2.5% to $3.9 billion.") == "costs rose 2.5% to $3.9 billion"
    assert normalize("U.S. and the E.U.") == "u s and the e u"


@pytest.mark.parametrize(
    ("question", "answered", "answer", "correct"),
    [
        (SQUID, True, "Squid Game", True),
        (SQUID, True, "Netflix's 'Squid Game' season two", True),
        (SQUID, True, "Squid Games", False),  # whole words only
        (SQUID, True, "Squid Game, not Friends", False),  # a wrong choice spoils it
        (SQUID, False, "Squid Game", False),  # a declined answer never counts
        (YES, True, "Yes, it rose by 4%", True),
        (YES, True, "No", False),
        (YES, True, "Yesterday", False),
        (NULL, False, "No answer found in the articles.", True),
        (NULL, True, "CNN", False),
    ],
)
def test_strict_rules(question: Question, answered: bool, answer: str, correct: bool) -> None:
    assert is_correct(question, answered, answer) is correct


def test_findable_and_recall() -> None:
    assert is_findable(SQUID, ["Netflix said “ Squid Game “ is coming back."])
    assert not is_findable(SQUID, ["Netflix renewed its hit show."])
    assert not is_findable(YES, ["yes"])  # yes/no golds are never findable
    assert recall(["a", "b"], ["x", "a", "a", "y", "z", "b"], 5) == 0.5
    assert recall(["a", "b"], ["x", "a", "a", "y", "z", "b"], 10) == 1.0
    assert recall([], ["a"], 5) is None


def test_relative_periods_end_on_the_day_asked() -> None:
    asked = date(2022, 6, 24)
    assert relative_periods("Who was elected this week?", asked) == ((date(2022, 6, 17), asked),)
    assert relative_periods("Who won on Sunday?", asked) == ((date(2022, 6, 17), asked),)
    assert relative_periods("What happened last month?", asked) == ((date(2022, 4, 23), asked),)
    assert relative_periods("Which company recently cut jobs?", asked) == ((date(2022, 5, 24), asked),)
    assert relative_periods("Which company cut jobs in 2021?", asked) == ()
