"""Demo data for the meeting cycle: a year of meetings of the panel in every state, and topics in every status.

Written through the services (validated, with history and audit rows), keyed by date and title, so running the
demo twice gives the same state. Dates are written around the story's "today" (2 December 2026) and move along
with the real date (demo/story.py), so the demo tells one story around today.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from inspraak.accounts.models import User
from inspraak.demo.story import story_day
from inspraak.meetings import services as meetings
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.regions.models import Body
from inspraak.topics import services as topics
from inspraak.topics.models import Topic, TopicStatus, TopicVote

AMS = ZoneInfo("Europe/Amsterdam")
PLACE = {
    "place_name": "Werkplein Havenstad, zaal 2",
    "address": "Stationsplein 4\n1234 AB Havenstad",
    "accessibility": "Rolstoeltoegankelijk, lift en invalidentoilet. Ringleiding in de zaal. Parkeren voor de deur.",
}
# day, title, final status (with the cancel reason for a cancelled meeting)
PANEL_MEETINGS = [
    (datetime.date(2026, 2, 12), "Voorjaarsbijeenkomst", MeetingStatus.MINUTES_APPROVED, ""),
    (datetime.date(2026, 5, 14), "Bijeenkomst mei", MeetingStatus.MINUTES_APPROVED, ""),
    (datetime.date(2026, 9, 10), "Na de zomer", MeetingStatus.HELD, ""),
    (datetime.date(2026, 10, 15), "Extra bijeenkomst", MeetingStatus.CANCELLED, "De zaal was niet beschikbaar."),
    (datetime.date(2026, 12, 10), "Decemberbijeenkomst", MeetingStatus.AGENDA_PUBLISHED, ""),
    (datetime.date(2027, 3, 11), "Voorjaar 2027", MeetingStatus.PLANNED, ""),
]
STEPS = [MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD]
# Minutes approved at the next meeting (load_record): only approving the minutes gives "verslag vastgesteld".
APPROVED_AT = {"Voorjaarsbijeenkomst": "Bijeenkomst mei", "Bijeenkomst mei": "Na de zomer"}


def _meeting(body: Body, day: datetime.date, title: str, status: str, reason: str, by: User) -> Meeting:
    start = datetime.datetime.combine(story_day(day), datetime.time(14, 0), tzinfo=AMS)
    meeting = Meeting.objects.filter(body=body, title=title).first()
    if meeting is None:
        meeting = meetings.meeting_schedule(
            body=body, starts_at=start, ends_at=start + datetime.timedelta(hours=2), by=by, title=title, **PLACE
        )
    if status == MeetingStatus.CANCELLED:
        if meeting.status != MeetingStatus.CANCELLED:
            meetings.meeting_cancel(meeting=meeting, reason=reason, by=by)
        return meeting
    if status == MeetingStatus.MINUTES_APPROVED:
        status = MeetingStatus.HELD  # the rest through the minutes (load_record)
    for step in STEPS[: STEPS.index(status) + 1] if status in STEPS else []:
        if meeting.status != step and step in _later(meeting.status):
            meetings.meeting_set_status(meeting=meeting, status=step, by=by)
    return meeting


def approve_minutes(minutes, *, at_meeting: Meeting, by: User) -> None:
    """Share and approve minutes at a later meeting, the one way to "verslag vastgesteld". Idempotent."""
    from inspraak.records import services as records
    from inspraak.records.models import MinutesStatus

    if minutes.status == MinutesStatus.DRAFT:
        minutes = records.minutes_share(minutes=minutes, by=by)
    if minutes.status == MinutesStatus.SHARED:
        records.minutes_approve(minutes=minutes, at_meeting=at_meeting, by=by)


def _later(status: str) -> list[str]:
    order = [MeetingStatus.PLANNED, *STEPS]
    return order[order.index(status) + 1 :] if status in order else []


def load_cycle(*, panel: Body, council: Body, secretary: User, facilitator: User, members: list[User]) -> None:
    """Meetings of the panel, and topics from its members in every status."""
    by_title = {
        title: _meeting(panel, day, title, status, reason, secretary) for day, title, status, reason in PANEL_MEETINGS
    }
    anouk, kees, *others = members
    plan = [
        # title, description, submitter, on behalf of, what happens
        (
            "Brieven zijn moeilijk te lezen",
            "Ik snap de brieven over mijn uitkering vaak niet. Er staan lange zinnen en moeilijke woorden in.",
            anouk,
            None,
            ("done", "Na de zomer", "De brieven over de uitkering zijn herschreven in gewone taal. Het panel las mee."),
        ),
        (
            "Lang wachten op een afspraak",
            "Het duurt weken voordat ik een afspraak krijg met mijn klantmanager.",
            kees,
            None,
            ("agenda", "Decemberbijeenkomst", ""),
        ),
        (
            "Bus naar het Werkplein",
            "Vanuit Kreekdorp rijdt er geen bus naar het Werkplein op de ochtend.",
            secretary,
            kees,
            ("open", "", ""),
        ),
        (
            "Armoedebeleid Havenstad",
            "De regels voor de stadspas in Havenstad zijn streng.",
            anouk,
            None,
            ("forward", "", "Dit is beleid van de gemeente Havenstad. De adviesraad van Havenstad gaat erover."),
        ),
        (
            "Koffie in de wachtruimte",
            "Er is geen koffie of water in de wachtruimte.",
            others[0] if others else anouk,
            None,
            ("decline", "", "Dit is al geregeld: sinds oktober staat er een waterkoeler."),
        ),
        (
            "Bejegening aan de balie",
            "Niet iedereen aan de balie is even vriendelijk.",
            others[1] if len(others) > 1 else kees,
            None,
            ("discussed", "Na de zomer", ""),
        ),
        (
            "Uitleg over bijverdienen",
            "Ik wil weten hoeveel ik mag bijverdienen naast mijn uitkering.",
            anouk,
            None,
            ("open", "", ""),
        ),
    ]
    for title, description, by, on_behalf_of, (action, meeting_title, answer) in plan:
        topic = Topic.objects.filter(body=panel, title=title).first()
        if topic is None:
            topic = topics.topic_submit(
                body=panel, title=title, description=description, by=by, on_behalf_of=on_behalf_of
            )
        if topic.status != TopicStatus.SUBMITTED:
            continue
        meeting = by_title.get(meeting_title) or by_title.get("Na de zomer")
        if action in ("done", "discussed"):
            _force_on_agenda(topic, meeting, facilitator)
            topics.topic_mark_discussed(topic=topic, by=facilitator)
            if action == "done":
                topics.topic_close(topic=topic, answer=answer, by=facilitator)
        elif action == "agenda":
            topics.topic_put_on_agenda(topic=topic, meeting=by_title[meeting_title], by=facilitator)
        elif action == "forward":
            topics.topic_forward(topic=topic, to_body=council, by=facilitator, note=answer)
        elif action == "decline":
            topics.topic_decline(topic=topic, reason=answer, by=facilitator)
    # Votes of the members on the open topics (idempotent).
    open_topics = list(Topic.objects.filter(body=panel, status=TopicStatus.SUBMITTED).order_by("pk"))
    for k, member in enumerate([anouk, kees, *others]):
        for topic in open_topics[k % 2 :][:1] + open_topics[:1]:
            if not TopicVote.objects.filter(topic=topic, user=member).exists():
                TopicVote.objects.create(topic=topic, user=member)


def _force_on_agenda(topic: Topic, meeting: Meeting, by: User) -> None:
    """Past meetings no longer accept topics through the screens; the demo writes the history the same way."""
    from inspraak.topics.models import TopicEvent

    topic.meeting = meeting
    topic.status = TopicStatus.ON_AGENDA
    topic.save(update_fields=["meeting", "status"])
    TopicEvent.objects.create(topic=topic, by=by, from_status=TopicStatus.SUBMITTED, to_status=TopicStatus.ON_AGENDA)


def load_record(*, panel: Body, secretary: User, facilitator: User, members: list[User]) -> None:
    """The December agenda with a document on time and one late, minutes and agreements of the held meetings, and a
    feedback report to the GR with the GR's reaction. Idempotent."""
    from inspraak.agenda import services as agenda
    from inspraak.agenda.models import AgendaItem, MeetingDocument
    from inspraak.records import services as records
    from inspraak.records.models import Agreement, FeedbackReport, Minutes

    december = Meeting.objects.get(body=panel, title="Decemberbijeenkomst")
    if not AgendaItem.objects.filter(meeting=december).exists():
        topic = Topic.objects.filter(body=panel, meeting=december).first()
        if topic is not None:
            first = agenda.item_add_topic(
                meeting=december,
                topic=topic,
                by=facilitator,
                summary="Waarom duurt het zo lang voor u een afspraak krijgt?",
            )
        else:
            first = agenda.item_add(meeting=december, title="Wachttijden", source="gespreksleider", by=facilitator)
        agenda.document_add(
            item=first,
            title="Cijfers wachttijden 2026",
            by=secretary,
            page_text="In 2026 wachtten mensen gemiddeld 3 weken op een eerste afspraak.",
            summary="Hoe lang mensen wachten op een afspraak.",
        )
        late = agenda.document_add(
            item=first,
            title="Reactie van het Werkplein",
            by=secretary,
            page_text="Het Werkplein neemt meer klantmanagers aan.",
            summary="Wat het Werkplein eraan doet.",
        )
        # The demo tells that this one came 3 days before the meeting: later than the 7 days the rules ask.
        MeetingDocument.objects.filter(pk=late.pk).update(available_at=december.starts_at - datetime.timedelta(days=3))
        MeetingDocument.objects.filter(item=first).exclude(pk=late.pk).update(
            available_at=december.starts_at - datetime.timedelta(days=14)
        )
    # The invitations of the published agenda: email with .ics, or a letter (each member once).
    agenda.invitations_send(meeting=december, by=secretary)
    for title in ("Voorjaarsbijeenkomst", "Bijeenkomst mei", "Na de zomer"):
        meeting = Meeting.objects.get(body=panel, title=title)
        if not Minutes.objects.filter(meeting=meeting).exists():
            records.minutes_save(
                meeting=meeting,
                text=f"Verslag van de bijeenkomst '{title}'. Aanwezig: de leden van het panel.",
                public_text=f"Verslag van de bijeenkomst '{title}'. Het panel sprak over de brieven en de wachttijden.",
                approve_by=None,
                version=None,
                by=secretary,
            )
    for title, later in APPROVED_AT.items():
        minutes = Minutes.objects.get(meeting__body=panel, meeting__title=title)
        approve_minutes(minutes, at_meeting=Meeting.objects.get(body=panel, title=later), by=secretary)
    na_de_zomer = Meeting.objects.get(body=panel, title="Na de zomer")
    if not Agreement.objects.filter(body=panel).exists():
        records.agreement_create(
            body=panel,
            meeting=na_de_zomer,
            description="Het Werkplein laat de nieuwe brieven eerst aan het panel lezen.",
            owner="Werkplein Waterland-Oost",
            due_on=story_day(datetime.date(2026, 11, 1)),
            by=secretary,
        )
        records.agreement_create(
            body=panel,
            meeting=na_de_zomer,
            description="De secretaris zoekt uit of er een bus naar het Werkplein kan komen.",
            owner="Ingrid Bakker",
            due_on=story_day(datetime.date(2027, 2, 1)),
            by=secretary,
        )
    if not FeedbackReport.objects.filter(meeting=na_de_zomer).exists():
        report = records.feedback_save(
            meeting=na_de_zomer,
            topics_text="De brieven over de uitkering. De bejegening aan de balie.",
            views_text=(
                "Cliënten vinden de brieven te lang en te moeilijk. Aan de balie voelen sommigen zich niet welkom."
            ),
            recommendations=[
                "Schrijf de brieven in gewone taal, en laat cliënten meelezen.",
                "Geef de medewerkers aan de balie een training in bejegening.",
            ],
            agreements_text="Het Werkplein laat de nieuwe brieven eerst aan het panel lezen.",
            public=True,
            by=facilitator,
        )
        records.feedback_send(report=report, to="bestuur@waterland-oost.example", by=facilitator)
