"""DaysBetween counts whole days in the database as Python's ``(later - earlier).days`` does, on both databases."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import DateField, Value

from inspraak.core.sqldates import DaysBetween
from inspraak.regions.models import Region

pytestmark = pytest.mark.django_db

D = datetime.date
PAIRS = [
    (D(2026, 12, 2), D(2026, 12, 2)),  # the same day
    (D(2026, 3, 1), D(2026, 2, 28)),  # over the end of February
    (D(2024, 3, 1), D(2024, 2, 28)),  # a leap year
    (D(2027, 1, 1), D(2026, 12, 31)),  # over the end of a year
    (D(2026, 3, 30), D(2026, 3, 28)),  # over the change to summer time (dates have none)
    (D(2026, 1, 10), D(2026, 2, 20)),  # later before earlier: negative
    (D(2026, 12, 2), D(2025, 10, 21)),  # more than a year
]


def _days(later, earlier):
    return (
        Region.objects.annotate(
            days=DaysBetween(Value(later, output_field=DateField()), Value(earlier, output_field=DateField()))
        )
        .values_list("days", flat=True)
        .first()
    )


@pytest.mark.parametrize(("later", "earlier"), PAIRS)
def test_days_between_two_dates_are_counted_as_python_counts_them(world, later, earlier):
    assert _days(later, earlier) == (later - earlier).days


def test_days_between_a_date_and_no_date_is_none(world):
    assert _days(D(2026, 12, 2), None) is None
    assert _days(None, D(2026, 12, 2)) is None
