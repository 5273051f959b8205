"""Meeting-record data on top of tests/world.py, built on first use and kept on the world object.

- ``held``: a meeting of the world's regional body ten days ago (status gehouden), with shared minutes whose day to
  react has passed, a draft feedback report and one open, overdue agreement;
- ``closed``: a meeting forty days ago with a published agenda (one item, one public document), approved public
  minutes, and a sent, public feedback report with two recommendations (one with the GR's reaction).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from inspraak.agenda.models import AgendaItem, ItemSource, MeetingDocument
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.records import services
from inspraak.records.models import Agreement, FeedbackReport, Minutes

MINUTES_TEXT = "Geheim verslag: Geheime Cliënt vertelde over de brieven."
PUBLIC_TEXT = "De groep sprak over de brieven van de gemeente. Die zijn te moeilijk."
VIEWS_TEXT = "Cliënten vinden de brieven te moeilijk. Ze willen een telefoonnummer dat werkt."


@dataclass
class RecordsData:
    held: Meeting
    closed: Meeting
    minutes: Minutes
    agreement: Agreement
    draft_report: FeedbackReport
    report: FeedbackReport


def past_meeting(world, *, days_ago: int, title: str, status: str = MeetingStatus.HELD, body=None) -> Meeting:
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(days=days_ago)
    meeting = Meeting.objects.create(
        body=body or world.body,
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place_name="Buurthuis De Schakel",
        status=status,
    )
    meeting.body = body or world.body
    return meeting


def records(world) -> RecordsData:
    existing = getattr(world, "_records", None)
    if existing is not None:
        return existing
    secretary, facilitator = world.user("secretary"), world.user("facilitator")
    today = timezone.localdate()

    closed = past_meeting(world, days_ago=40, title="Winterbijeenkomst")
    item = AgendaItem.objects.create(
        meeting=closed,
        position=1,
        title="Brieven van de gemeente",
        summary="Zijn de brieven duidelijk?",
        source=ItemSource.FACILITATOR,
        presenter="Geheime Cliënt",
    )
    MeetingDocument.objects.create(
        item=item, title="Voorbeeldbrief", page_text="Een brief.", public=True, available_at=closed.starts_at
    )
    MeetingDocument.objects.create(
        item=item, title="Interne notitie", page_text="Alleen voor leden.", public=False, available_at=closed.starts_at
    )
    old = services.minutes_save(
        meeting=closed,
        text=MINUTES_TEXT,
        public_text=PUBLIC_TEXT,
        approve_by=today - datetime.timedelta(days=20),
        version=None,
        by=secretary,
    )
    services.minutes_share(minutes=old, by=secretary)
    services.minutes_approve(minutes=old, by=secretary, today=today)
    services.minutes_set_public(minutes=old, public=True, by=secretary)
    report = services.feedback_save(
        meeting=closed,
        topics_text="1. Brieven van de gemeente",
        views_text=VIEWS_TEXT,
        recommendations=["Schrijf brieven op B1-niveau.", "Zet een telefoonnummer in elke brief."],
        public=True,
        by=facilitator,
    )
    services.feedback_send(report=report, to="beleid@gr.example.org", by=facilitator)
    first = report.recommendations.get(number=1)
    services.reaction_record(recommendation=first, reaction="overgenomen", by=world.user("officer_region"))

    held = past_meeting(world, days_ago=10, title="Voorjaarsoverleg")
    minutes = services.minutes_save(
        meeting=held,
        text=MINUTES_TEXT,
        public_text=PUBLIC_TEXT,
        approve_by=today - datetime.timedelta(days=1),
        version=None,
        by=secretary,
    )
    services.minutes_share(minutes=minutes, by=secretary)
    agreement = services.agreement_create(
        body=world.body,
        meeting=held,
        description="De GR stuurt een voorbeeldbrief.",
        owner="De GR",
        due_on=today - datetime.timedelta(days=2),
        by=secretary,
    )
    draft = services.feedback_save(
        meeting=held,
        topics_text="Brieven",
        views_text=VIEWS_TEXT,
        recommendations=["Maak brieven korter."],
        by=facilitator,
    )
    world._records = RecordsData(held, closed, minutes, agreement, draft, report)
    return world._records
