"""Pure rules of the meeting cycle (no ORM)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

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
