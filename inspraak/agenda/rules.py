"""Pure rules of the agenda (no ORM): when a meeting reminder is due. Document kinds: inspraak.core.documents."""

from __future__ import annotations

import datetime

REMINDER_DAYS_BEFORE = 2


def reminder_due(*, meeting_on: datetime.date, today: datetime.date, days_before: int = REMINDER_DAYS_BEFORE) -> bool:
    """A reminder goes out from ``days_before`` days before the meeting day until the day itself."""
    return today <= meeting_on <= today + datetime.timedelta(days=days_before)
