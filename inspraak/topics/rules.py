"""Pure rules for topics and votes (no ORM)."""

from __future__ import annotations

import datetime

MAX_VOTES = 3


def cycle_days(min_meetings_per_year: int) -> int:
    """How long one meeting cycle of the body lasts, in days (a year divided by its minimum number of meetings)."""
    return 365 // max(min_meetings_per_year, 1)


def is_stale(*, submitted_on: datetime.date, min_meetings_per_year: int, today: datetime.date) -> bool:
    """An open topic older than one cycle has waited too long for an answer."""
    return (today - submitted_on).days > cycle_days(min_meetings_per_year)


def votes_left(used: int) -> int:
    return max(MAX_VOTES - used, 0)
