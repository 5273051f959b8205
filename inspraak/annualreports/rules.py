"""Pure rules of the annual report (no ORM; the clock is passed in)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from statistics import mean


def year_range(first_year: int, today: datetime.date) -> list[int]:
    """The years a report can be started for, newest first: from the first year with data up to this year."""
    first = min(first_year, today.year)
    return list(range(today.year, first - 1, -1))


def year_allowed(year: int, *, first_year: int, today: datetime.date) -> bool:
    return year in year_range(first_year, today)


def counted_until(year: int, today: datetime.date) -> datetime.date:
    """The last day the numbers of ``year`` cover: 31 December, or today while the year is not over."""
    end = datetime.date(year, 12, 31)
    return min(end, today)


def year_over(year: int, today: datetime.date) -> bool:
    return datetime.date(year, 12, 31) < today


def member_on(*, term_start: datetime.date, ended_on: datetime.date | None, day: datetime.date) -> bool:
    """A membership counts on ``day`` when it had started and had not ended yet."""
    return term_start <= day and (ended_on is None or ended_on > day)


def share(part: int, whole: int) -> int | None:
    """``part`` of ``whole`` as a whole percentage; None when there is nothing to divide."""
    if not whole:
        return None
    return round(100 * part / whole)


def average(values: Iterable[int]) -> int | None:
    """The rounded average; None for no values."""
    values = list(values)
    if not values:
        return None
    return round(mean(values))
