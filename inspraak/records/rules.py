"""Pure rules of the meeting record (no ORM)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from inspraak.core import names as core_names

_LIST_MARK = re.compile(r"^\s*(?:\d{1,3}\s*[.)]|[-*•])\s*")


def mentions_any(text: str, names: Iterable[str]) -> bool:
    """True when ``text`` names one of ``names`` (inspraak.core.names: variants, case, diacritics, hidden marks)."""
    return core_names.mentions_any(text, names)


def is_overdue(*, status: str, due_on: datetime.date | None, today: datetime.date) -> bool:
    """An open agreement whose date has passed."""
    return status == "open" and due_on is not None and due_on < today


def status_on(*, status_then: str | None, status_now: str, done_on: datetime.date | None, day: datetime.date) -> str:
    """An agreement's status on ``day``: the last status step before that day (``status_then``); without one (an
    agreement entered afterwards for an earlier meeting, or older than its history) the status now, except that one
    marked done on or after ``day`` was still open then."""
    if status_then:
        return status_then
    if status_now == "gedaan" and done_on is not None and done_on >= day:
        return "open"
    return status_now


def deadline_passed(approve_by: datetime.date | None, today: datetime.date) -> bool:
    """Minutes may be approved without a meeting once the day to react (``approve_by``) is over."""
    return approve_by is not None and today > approve_by


def split_recommendations(text: str) -> list[str]:
    """One recommendation per line; a leading "1." / "2)" / "-" is dropped (they are numbered again)."""
    result = []
    for line in text.splitlines():
        line = _LIST_MARK.sub("", line, count=1).strip()
        if line:
            result.append(line)
    return result
