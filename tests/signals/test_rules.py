"""The pure rules of the signals: quarters, adding up municipalities, the notable-change rule, small numbers."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from inspraak.signals import rules
from inspraak.signals.rules import Quarter, Value

Q = Quarter(2026, 3)


def series(kind, counts=None, scores=None, respondents=40):
    quarters = rules.quarters_up_to(Q, 5)
    if scores is not None:
        values = [None if s is None else Value(count=respondents, score=Decimal(s)) for s in scores]
    else:
        values = [None if c is None else Value(count=c) for c in counts]
    return list(zip(quarters, values, strict=True))


def test_quarters_count_back_over_the_turn_of_the_year():
    assert rules.quarters_up_to(Quarter(2026, 1), 3) == [Quarter(2025, 3), Quarter(2025, 4), Quarter(2026, 1)]
    assert Quarter.of(datetime.date(2026, 12, 2)) == Quarter(2026, 4)
    assert rules.last_complete(datetime.date(2026, 12, 2)) == Quarter(2026, 3)
    assert rules.is_future(Quarter(2027, 1), datetime.date(2026, 12, 2))
    assert not rules.is_future(Quarter(2026, 4), datetime.date(2026, 12, 2))
    assert Quarter(2026, 3).label == "K3 2026"


def test_a_quarter_is_one_to_four():
    with pytest.raises(ValueError):
        Quarter(2026, 5)


def test_a_rise_of_a_quarter_on_ten_cases_is_notable():
    found = rules.notable(rules.COMPLAINTS, series(rules.COMPLAINTS, [20, 20, 20, 20, 28]))
    assert found is not None and found.change == Decimal(40) and found.average == Decimal(20) and found.cases == 28


def test_a_rise_of_exactly_25_percent_is_notable_and_just_under_is_not():
    assert rules.notable(rules.COMPLAINTS, series(rules.COMPLAINTS, [8, 8, 8, 8, 10])) is not None
    assert rules.notable(rules.COMPLAINTS, series(rules.COMPLAINTS, [9, 8, 8, 8, 10])) is None  # 21 %


def test_a_big_rise_on_fewer_than_ten_cases_is_not_notable():
    assert rules.notable(rules.OBJECTIONS, series(rules.OBJECTIONS, [2, 2, 2, 2, 9])) is None


def test_without_enough_history_nothing_is_compared():
    assert rules.notable(rules.COMPLAINTS, series(rules.COMPLAINTS, [None, None, None, 10, 30])) is None
    assert rules.notable(rules.COMPLAINTS, series(rules.COMPLAINTS, [None, None, 10, 10, 30])) is not None


def test_cases_after_quarters_without_any_are_notable_without_a_percentage():
    found = rules.notable(rules.COMPLAINTS, series(rules.COMPLAINTS, [0, 0, 0, 0, 12]))
    assert found is not None and found.change is None


def test_a_drop_of_half_a_point_in_satisfaction_is_notable():
    found = rules.notable(rules.KTO, series(rules.KTO, scores=["7.0", "7.2", "6.8", "7.0", "6.5"]))
    assert found is not None and found.change == Decimal("0.5") and found.average == Decimal("7.0")
    assert rules.notable(rules.KTO, series(rules.KTO, scores=["7.0", "7.0", "7.0", "7.0", "6.6"])) is None
    assert (
        rules.notable(rules.KTO, series(rules.KTO, scores=["7.0", "7.0", "7.0", "7.0", "5.0"], respondents=9)) is None
    )


def test_a_rise_in_satisfaction_is_never_notable():
    assert rules.notable(rules.KTO, series(rules.KTO, scores=["6.0", "6.0", "6.0", "6.0", "8.0"])) is None


def test_municipalities_add_up_and_scores_weigh_by_respondents():
    counts = rules.combine(rules.OBJECTIONS, [Value(count=10, upheld=2), Value(count=5, upheld=None)])
    assert counts.count == 15 and counts.upheld == 2
    score = rules.combine(rules.KTO, [Value(count=100, score=Decimal("6.0")), Value(count=300, score=Decimal("8.0"))])
    assert score.score == Decimal("7.5") and score.count == 400
    assert rules.combine(rules.COMPLAINTS, []) is None


def test_small_numbers_and_outcomes():
    assert rules.is_small(4) and not rules.is_small(5) and not rules.is_small(0) and not rules.is_small(None)
    assert rules.outcome_problem(10, 5, 4, 2)
    assert not rules.outcome_problem(10, 5, 4, 1)
    assert rules.outcome_problem(None, 1, None, None)
    assert rules.valid_score(Decimal("6.5")) and not rules.valid_score(Decimal("6.55"))
    assert not rules.valid_score(Decimal("0.9")) and not rules.valid_score(Decimal("10.1"))
