"""Pure rules of the meeting cycle (no ORM)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import ngettext

PLANNED = "gepland"
AGENDA_PUBLISHED = "agenda_gepubliceerd"
HELD = "gehouden"
MINUTES_APPROVED = "verslag_vastgesteld"
CANCELLED = "geannuleerd"

# Which status may follow which. Cancelling is possible until the meeting was held.
TRANSITIONS: dict[str, frozenset[str]] = {
    PLANNED: frozenset({AGENDA_PUBLISHED, HELD, CANCELLED}),
    AGENDA_PUBLISHED: frozenset({HELD, CANCELLED}),
    HELD: frozenset({MINUTES_APPROVED}),
    MINUTES_APPROVED: frozenset(),
    CANCELLED: frozenset(),
}

# "Verslag vastgesteld" is never a plain status step: only approving the minutes (inspraak.records) sets it, so the
# calendar never says the minutes are approved while they are not.
SET_BY_MINUTES = frozenset({MINUTES_APPROVED})

# Time, place and title change only before the meeting is held (and never once cancelled).
CHANGEABLE = frozenset({PLANNED, AGENDA_PUBLISHED})


def can_move(current: str, new: str) -> bool:
    return new in TRANSITIONS.get(current, frozenset())


def can_step(current: str, new: str) -> bool:
    """A status someone may set directly (not cancelling, not "verslag vastgesteld": those have their own way)."""
    return new not in SET_BY_MINUTES and new != CANCELLED and can_move(current, new)


def next_statuses(current: str, *, started: bool) -> list[str]:
    """The statuses a supporter may choose now (held only once the meeting has started; cancel handled apart;
    "verslag vastgesteld" only by approving the minutes)."""
    options = [s for s in (AGENDA_PUBLISHED, HELD) if can_step(current, s)]
    if not started and HELD in options:
        options.remove(HELD)
    return options


def year_plan_warning(
    *, min_per_year: int, year: int, statuses: Iterable[tuple[str, datetime.date]], today: datetime.date
) -> str:
    """A plain Dutch warning when fewer meetings are planned or held in ``year`` than the body's minimum, else ""."""
    counted = [day for status, day in statuses if status != CANCELLED and day.year == year]
    if len(counted) >= min_per_year:
        return ""
    held = sum(1 for status, day in statuses if status in (HELD, MINUTES_APPROVED) and day.year == year)
    if year < today.year:
        return ngettext(
            "In %(year)s is %(n)s bijeenkomst gehouden, minimaal %(min)s",
            "In %(year)s zijn %(n)s bijeenkomsten gehouden, minimaal %(min)s",
            held,
        ) % {"year": year, "n": held, "min": min_per_year}
    return ngettext(
        "Voor %(year)s is %(n)s bijeenkomst gepland of gehouden, minimaal %(min)s",
        "Voor %(year)s zijn %(n)s bijeenkomsten gepland of gehouden, minimaal %(min)s",
        len(counted),
    ) % {"year": year, "n": len(counted), "min": min_per_year}


def document_timeliness(
    *, available_on: datetime.date, meeting_on: datetime.date, days_before: int
) -> tuple[bool, int]:
    """(on time, days late): a document is on time when members could see it at least ``days_before`` days before
    the meeting day."""
    latest = meeting_on - datetime.timedelta(days=days_before)
    late = (available_on - latest).days
    return late <= 0, max(late, 0)


# ---------------------------------------------------------------- a series of meetings ("4 bijeenkomsten in 2027")

EVERY_WEEKS = "weken"  # every N weeks on the same weekday
MONTHLY = "maandelijks"  # every month on the same weekday: the 1st-4th or the last Tuesday, ...
SERIES_MAX = 24
SERIES_MAX_WEEKS = 52


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    """The ``nth`` (1-4) ``weekday`` of the month, or the last one for ``nth`` 5."""
    if nth == 5:
        following = datetime.date(year + month // 12, month % 12 + 1, 1)
        day = following - datetime.timedelta(days=1)
        return day - datetime.timedelta(days=(day.weekday() - weekday) % 7)
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def month_position(day: datetime.date) -> int:
    """Which one of its weekday in the month ``day`` is: 1-4, or 5 for "the last" (a 5th is always the last)."""
    return min((day.day - 1) // 7 + 1, 5)


def series_dates(*, first: datetime.date, frequency: str, count: int, every_weeks: int = 1) -> list[datetime.date]:
    """The days of a series starting on ``first``: every ``every_weeks`` weeks, or monthly on the same weekday at the
    same place in the month (the 2nd Tuesday; a 5th Tuesday becomes the last Tuesday of each month)."""
    if count < 1:
        return []
    if frequency == EVERY_WEEKS:
        return [first + datetime.timedelta(weeks=every_weeks * n) for n in range(count)]
    if frequency != MONTHLY:
        raise ValueError(f"unknown frequency {frequency!r}")
    nth = month_position(first)
    days = []
    for n in range(count):
        months = first.month - 1 + n
        days.append(_nth_weekday(first.year + months // 12, months % 12 + 1, first.weekday(), nth))
    return days


def clock_time_exists(day: datetime.date, time: datetime.time, zone: datetime.tzinfo) -> bool:
    """False for a clock time skipped when summer time starts (Amsterdam: 02:00-03:00 on the last Sunday of March)."""
    moment = datetime.datetime.combine(day, time, tzinfo=zone)
    back = moment.astimezone(datetime.UTC).astimezone(zone)
    return back.replace(tzinfo=None) == moment.replace(tzinfo=None)


@dataclass(frozen=True)
class SeriesMeeting:
    day: datetime.date
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    problem: str = ""  # "" | "gap" | "past" | "too_far" | "clash"


def series_check(
    *,
    days: Iterable[datetime.date],
    start: datetime.time,
    end: datetime.time,
    zone: datetime.tzinfo,
    now: datetime.datetime,
    latest: datetime.date,
    taken: Iterable[tuple[datetime.datetime, datetime.datetime]] = (),
) -> list[SeriesMeeting]:
    """Each day of a series with its start and end, and what is wrong with it: a clock time that does not exist that
    day (``gap``), a start before ``now`` (``past``), a day after ``latest`` (``too_far``, ten years ahead), or an
    overlap with a meeting of the body that is already planned (``taken``: its start and end; ``clash``)."""
    taken = [(a.astimezone(datetime.UTC), b.astimezone(datetime.UTC)) for a, b in taken]
    result = []
    for day in days:
        starts_at = datetime.datetime.combine(day, start, tzinfo=zone)
        ends_at = datetime.datetime.combine(day, end, tzinfo=zone)
        a, b = starts_at.astimezone(datetime.UTC), ends_at.astimezone(datetime.UTC)
        if not (clock_time_exists(day, start, zone) and clock_time_exists(day, end, zone)):
            problem = "gap"
        elif day > latest:
            problem = "too_far"
        elif a < now.astimezone(datetime.UTC):
            problem = "past"
        elif any(a < other_end and other_start < b for other_start, other_end in taken):
            problem = "clash"
        else:
            problem = ""
        result.append(SeriesMeeting(day=day, starts_at=starts_at, ends_at=ends_at, problem=problem))
    return result
