"""The pure status decisions of the art. 47 matrix: facts in, status out (ADR 17)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from inspraak.compliance import rules
from inspraak.compliance.rules import FAILS, MEETS, NO_DATA, PARTLY, Thresholds

DEFAULTS = Thresholds()
DAY = datetime.date(2026, 3, 1)


def test_the_defaults_are_eight_weeks_ninety_and_fifty_percent():
    assert (DEFAULTS.topic_answer_weeks, DEFAULTS.full_share, DEFAULTS.partial_share) == (8, 90, 50)


@pytest.mark.parametrize(
    ("decided", "on_time", "late", "not_asked", "status"),
    [
        (0, 0, 0, 0, NO_DATA),
        (2, 3, 0, 0, MEETS),
        (2, 2, 1, 0, PARTLY),
        (2, 2, 1, 1, FAILS),
        (1, 0, 0, 1, FAILS),
        (1, 0, 0, 0, MEETS),  # a decision that concerned no body asked nothing late
    ],
)
def test_advice_is_asked_on_time_late_or_not_at_all(decided, on_time, late, not_asked, status):
    assert rules.advice_status(decided=decided, on_time=on_time, late=late, not_asked=not_asked) == status


def test_the_verordening_minimum_counts_when_it_is_higher_than_the_body_setting():
    assert rules.meeting_minimum(4, 6) == 6
    assert rules.meeting_minimum(4, 2) == 4
    assert rules.meeting_minimum(4, None) == 4


def test_planned_meetings_count_only_in_the_current_year():
    assert rules.meets_minimum(held=2, planned=2, minimum=4, current_year=True)
    assert not rules.meets_minimum(held=2, planned=2, minimum=4, current_year=False)
    assert rules.meets_minimum(held=4, planned=0, minimum=4, current_year=False)


@pytest.mark.parametrize(
    ("bodies", "meeting_minimum", "status"),
    [(0, 0, FAILS), (2, 0, FAILS), (2, 1, PARTLY), (2, 2, MEETS)],
)
def test_meetings_need_every_serving_body_to_meet_its_minimum(bodies, meeting_minimum, status):
    assert rules.meetings_status(bodies=bodies, meeting_minimum=meeting_minimum) == status


@pytest.mark.parametrize(
    ("counted", "ok", "status"),
    [(0, 0, NO_DATA), (10, 9, MEETS), (10, 10, MEETS), (10, 8, PARTLY), (10, 5, PARTLY), (10, 4, FAILS), (3, 0, FAILS)],
)
def test_shares_use_the_full_and_partial_thresholds(counted, ok, status):
    assert rules.share_status(counted=counted, ok=ok, thresholds=DEFAULTS) == status


def test_other_thresholds_change_the_share_status():
    strict = Thresholds(topic_answer_weeks=8, full_share=100, partial_share=95)
    assert rules.share_status(counted=10, ok=9, thresholds=strict) == FAILS
    lenient = Thresholds(topic_answer_weeks=8, full_share=50, partial_share=10)
    assert rules.share_status(counted=10, ok=5, thresholds=lenient) == MEETS


def test_a_topic_answered_within_the_weeks_is_in_time_and_later_is_late():
    last_day = DAY + datetime.timedelta(weeks=8)
    today = DAY + datetime.timedelta(days=200)
    outcome = rules.topic_outcome
    assert outcome(submitted_on=DAY, answered_on=last_day, weeks=8, today=today) == rules.ANSWERED_IN_TIME
    late = last_day + datetime.timedelta(days=1)
    assert outcome(submitted_on=DAY, answered_on=late, weeks=8, today=today) == rules.ANSWERED_LATE


def test_an_open_topic_counts_only_once_its_weeks_have_passed():
    outcome = rules.topic_outcome
    young = DAY + datetime.timedelta(weeks=8)
    assert outcome(submitted_on=DAY, answered_on=None, weeks=8, today=young) == rules.NOT_COUNTED
    old = young + datetime.timedelta(days=1)
    assert outcome(submitted_on=DAY, answered_on=None, weeks=8, today=old) == rules.OPEN_TOO_LONG


def test_an_element_not_regulated_fails_whatever_the_practice():
    for practice in rules.STATUSES:
        assert rules.element_status(regulated=False, practice=practice) == FAILS
        assert rules.element_status(regulated=True, practice=practice) == practice
        assert rules.element_status(regulated=None, practice=practice) == practice  # the GR row: practice only


def test_the_verordening_column_meets_fails_or_has_no_data_for_the_gr():
    assert rules.bylaw_status(meets=True) == MEETS
    assert rules.bylaw_status(meets=False) == FAILS
    assert rules.bylaw_status(meets=None) == NO_DATA


def test_a_group_of_fewer_than_five_people_is_small():
    assert rules.is_small(0) and rules.is_small(4)
    assert not rules.is_small(5)


def test_the_median_of_days_and_a_percentage():
    assert rules.median_days([]) is None
    assert rules.median_days([3, 1, 10]) == 3
    assert rules.percent(1, 3) == 33
    assert rules.percent(1, 0) is None


def test_every_status_has_a_label_and_every_column_a_name():
    assert [rules.status_label(s) for s in rules.STATUSES] == ["Voldoet", "Deels", "Voldoet niet", "Geen gegevens"]
    assert all(rules.column_label(c) for c in rules.COLUMNS)


def test_the_short_verordening_text_names_the_worst_failure_and_outdated():
    assert rules.bylaw_short(["no_bylaw"], outdated=False) == "geen verordening"
    assert rules.bylaw_short(["element_missing"], outdated=True) == "regelt niet alles, verouderd"
    assert rules.bylaw_short([], outdated=False) == "van de gemeenteraad"


@pytest.mark.parametrize(
    "values", [[], [5], [1, 2], [3, 1, 2], [4, 4, 9, 1], [1, 1, 1, 2, 30, 30], [0, 7, 7, 7, 8, 100, 2, 2]]
)
def test_the_median_of_counted_values_is_the_median_of_the_values(values):
    from collections import Counter

    assert rules.median_days_counted(dict(Counter(values))) == rules.median_days(values)


def test_texts_asked_within_one_language_keep_the_language_it_began_with_and_follow_the_active_one_after():
    with translation.override("en"), rules.one_language():
        assert rules.status_label(rules.MEETS) == "Complies"
    with translation.override("nl"):
        assert rules.status_label(rules.MEETS) == "Voldoet"
        with rules.one_language():
            assert rules.status_label(rules.MEETS) == "Voldoet"
    with translation.override("en"):
        assert rules.status_label(rules.MEETS) == "Complies"
