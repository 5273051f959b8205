"""Pure rules of the agenda (no ORM): when a meeting reminder is due. Document kinds: inspraak.core.documents."""

from __future__ import annotations

import datetime

REMINDER_DAYS_BEFORE = 2


def reminder_due(*, meeting_on: datetime.date, today: datetime.date, days_before: int = REMINDER_DAYS_BEFORE) -> bool:
    """A reminder goes out from ``days_before`` days before the meeting day until the day itself."""
    return today <= meeting_on <= today + datetime.timedelta(days=days_before)


NOT_COMING = "komt_niet"  # Reply.Answer.NO


def has_needs(answer: str, flags: list[bool], other: str) -> bool:
    """A reply asks for something to be arranged: the member comes (or may come) and ticked a need or wrote one."""
    return answer != NOT_COMING and (any(flags) or bool(other.strip()))


def needs_changed(before: dict, after: dict) -> bool:
    """The needs of a reply changed (any need ticked or unticked, or the free text changed): what was arranged no
    longer fits, so it has to be arranged again."""
    return any(before.get(name) != after.get(name) for name in after)
