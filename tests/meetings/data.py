"""Meetings the matrix and page tests need: one upcoming, planned meeting of the world's regional body."""

from __future__ import annotations

import datetime

from django.utils import timezone

from inspraak.meetings.models import Meeting


def upcoming(world) -> Meeting:
    meeting = Meeting.objects.filter(body=world.body, title="Voorjaarsbijeenkomst").first()
    if meeting is None:
        start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=20)
        meeting = Meeting.objects.create(
            body=world.body,
            title="Voorjaarsbijeenkomst",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            place_name="Buurthuis De Schakel",
            address="Dorpsstraat 1, Zeedorp",
            accessibility="Rolstoeltoegankelijk, ringleiding.",
        )
    return meeting
