"""The demo tells one story, written around 2 December 2026. Its dates move along with today's date (in whole
weeks, so a meeting stays on its weekday), so `make demo` always shows last year's meetings, the next meeting and
running terms around today."""

from __future__ import annotations

import datetime

from django.utils import timezone

STORY_TODAY = datetime.date(2026, 12, 2)


def story_day(day: datetime.date) -> datetime.date:
    """``day`` of the story, moved to where it falls relative to today."""
    weeks = (timezone.localdate() - STORY_TODAY).days // 7
    return day + datetime.timedelta(weeks=weeks)
