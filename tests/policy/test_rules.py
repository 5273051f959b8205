"""Timeliness and the other pure rules of the advice cycle."""

from __future__ import annotations

import datetime

from inspraak.policy.rules import (
    LATE,
    NOT_ASKED,
    NOT_YET_ASKED,
    ON_TIME,
    BodyFacts,
    Timeliness,
    concern_timeliness,
    decision_date,
    default_deadline,
    request_timeliness,
    response_due,
    response_overdue,
    suggest_bodies,
)

D = datetime.date


def test_on_time_when_the_window_fits_exactly():
    # 6 weeks from 1 March is 12 April: a decision on 12 April is still on time.
    assert request_timeliness(D(2026, 3, 1), 6, D(2026, 4, 12)).code == ON_TIME
    assert request_timeliness(D(2026, 3, 1), 6, D(2026, 5, 1)).ok


def test_late_with_the_days_short():
    result = request_timeliness(D(2026, 3, 1), 6, D(2026, 4, 2))
    assert result.code == LATE and result.days_short == 10
    assert result.message == "Te laat gevraagd: 10 dagen te weinig om advies te geven"
    assert Timeliness(LATE, days_short=1).message == "Te laat gevraagd: 1 dag te weinig om advies te geven"


def test_a_decision_moved_earlier_makes_the_request_late():
    requested = D(2026, 3, 1)
    assert request_timeliness(requested, 6, D(2026, 5, 1)).code == ON_TIME
    assert request_timeliness(requested, 6, D(2026, 4, 1)).code == LATE


def test_the_real_decision_date_counts_once_decided():
    assert decision_date(D(2026, 6, 1), None) == D(2026, 6, 1)
    assert decision_date(D(2026, 6, 1), D(2026, 5, 1)) == D(2026, 5, 1)


def test_not_asked_and_not_yet_asked():
    decided = concern_timeliness(
        requested_on=None, advice_period_weeks=6, decision_on=D(2026, 5, 1), decided=True, today=D(2026, 5, 2)
    )
    assert decided.code == NOT_ASKED and decided.message == "Niet gevraagd: besloten zonder advies te vragen"
    pending = concern_timeliness(
        requested_on=None, advice_period_weeks=6, decision_on=D(2026, 5, 1), decided=False, today=D(2026, 3, 1)
    )
    # The last day to ask in time is 20 March: 19 days left.
    assert pending.code == NOT_YET_ASKED and pending.days_left == 19
    too_late = concern_timeliness(
        requested_on=None, advice_period_weeks=6, decision_on=D(2026, 5, 1), decided=False, today=D(2026, 4, 1)
    )
    assert too_late.days_left < 0 and "al te laat" in too_late.message
    asked = concern_timeliness(
        requested_on=D(2026, 3, 1), advice_period_weeks=6, decision_on=D(2026, 5, 1), decided=True, today=D(2026, 6, 1)
    )
    assert asked.code == ON_TIME


def test_deadlines_and_overdue_responses():
    assert default_deadline(D(2026, 3, 1), 6) == D(2026, 4, 12)
    due = response_due(D(2026, 4, 12), 6)
    assert due == D(2026, 5, 24)
    assert response_overdue(due, None, D(2026, 5, 24)) == 0
    assert response_overdue(due, None, D(2026, 5, 31)) == 7
    assert response_overdue(due, D(2026, 5, 26), D(2026, 7, 1)) == 2
    assert response_overdue(None, None, D(2026, 7, 1)) == 0


def test_suggested_bodies():
    bodies = [
        BodyFacts("panel", "regio", None, True, "uitvoering"),
        BodyFacts("raad", "regio", None, True, "beide"),
        BodyFacts("asd-a", "gemeente", "A", True, "beleid"),
        BodyFacts("asd-b", "gemeente", "B", True, "beleid"),
        BodyFacts("wmo", "gemeente", "A", False, "beleid"),
    ]
    assert suggest_bodies(municipality_key=None, bodies=bodies) == ["panel", "raad"]
    assert suggest_bodies(municipality_key="A", bodies=bodies) == ["raad", "asd-a"]
