"""Data for the art. 47 matrix tests, on top of tests/world.py, built on first use and kept on the world.

Written straight to the models (the matrix only reads). This year (the world's clock: 2 December 2026):

- the regional panel (``world.body``) held two meetings (one with a member document on time, one with a late one)
  and has one cancelled; ``upcoming`` (tests/meetings/data.py) is planned;
- a member's topic submitted 70 days ago and put on the agenda 10 days later (answered in time);
- a Duinstad proposal decided 30 days ago that concerns the regional panel, asked on time and advised.

Helpers build more of each for the behaviour and query-count tests.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from inspraak.agenda.models import AgendaItem, ItemSource, MeetingDocument
from inspraak.bylaws.models import AdoptedBy, Bylaw, LegalBasis, TargetGroup
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.policy.models import Concern, ProposalStatus
from inspraak.topics.models import Topic, TopicEvent, TopicStatus
from tests.meetings.data import upcoming
from tests.register.data import ask, proposal


@dataclass
class ComplianceData:
    today: datetime.date
    year: int
    held: list[Meeting]
    cancelled: Meeting
    topic: Topic
    decided: object


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def at(day: datetime.date, hour: int = 19) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def meeting(body, *, on: datetime.date, status=MeetingStatus.HELD, title="Bijeenkomst") -> Meeting:
    start = at(on)
    return Meeting.objects.create(
        body=body,
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        status=status,
        place_name="Buurthuis De Schakel",
        cancel_reason="Te weinig aanmeldingen." if status == MeetingStatus.CANCELLED else "",
    )


def document(meeting: Meeting, *, available_on: datetime.date, title="Stuk", for_members=True) -> MeetingDocument:
    item = AgendaItem.objects.filter(meeting=meeting).first() or AgendaItem.objects.create(
        meeting=meeting, position=1, title="Agendapunt", source=ItemSource.SECRETARY
    )
    return MeetingDocument.objects.create(
        item=item,
        title=title,
        page_text="Tekst van het stuk.",
        for_members=for_members,
        available_at=at(available_on, 9),
    )


def topic(body, user, *, submitted_on: datetime.date, answered_on: datetime.date | None = None, title="Onderwerp"):
    """A topic submitted on ``submitted_on``; ``answered_on``: the day it left "ingediend" (answered, no item)."""
    found = Topic.objects.create(body=body, title=title, description="Uitleg.", submitted_by=user)
    Topic.objects.filter(pk=found.pk).update(submitted_at=at(submitted_on, 10))
    if answered_on is not None:
        event = TopicEvent.objects.create(
            topic=found, from_status=TopicStatus.SUBMITTED, to_status=TopicStatus.NOT_ON_AGENDA
        )
        TopicEvent.objects.filter(pk=event.pk).update(at=at(answered_on, 11))
        Topic.objects.filter(pk=found.pk).update(
            status=TopicStatus.NOT_ON_AGENDA, answer="Dit bespreken we met de gemeente zelf."
        )
    found.refresh_from_db()
    return found


def decided_proposal(world, *, municipality, decided_on: datetime.date, title="Besluit", concerns=(), asked=()):
    """A decided proposal; ``concerns`` bodies concerned, ``asked`` {body: requested_on} asked for advice."""
    found = proposal(
        world,
        municipality=municipality,
        title=title,
        planned_decision_date=decided_on,
        status=ProposalStatus.DECIDED,
        decided_on=decided_on,
    )
    for body in concerns:
        Concern.objects.get_or_create(proposal=found, body=body)
    for body, requested_on in dict(asked).items():
        ask(world, found, body, requested_on=requested_on)
    return found


def bylaw(world, municipality, *, regulates="abcde", legal_basis=LegalBasis.PARTICIPATIEWET, **extra) -> Bylaw:
    """A verordening of ``municipality``'s council, in force since 2020, regulating the elements in ``regulates``."""
    values = {
        "title": f"Verordening cliëntenparticipatie {municipality.name}",
        "adopted_by": AdoptedBy.COUNCIL,
        "adopted_on": datetime.date(2019, 12, 1),
        "in_force_from": datetime.date(2020, 1, 1),
        "legal_basis": legal_basis,
        "target_group": TargetGroup.ART_7_1_AND_7A,
        **{f"element_{letter}": letter in regulates for letter in "abcde"},
    }
    values.update(extra)
    found = Bylaw.objects.create(region=world.region, municipality=municipality, **values)
    found.designated_bodies.add(world.body)
    return found


def compliance_data(world) -> ComplianceData:
    existing = getattr(world, "_compliance", None)
    if existing is not None:
        return existing
    today = timezone.localdate()
    upcoming(world)
    first = meeting(world.body, on=days(-120), status=MeetingStatus.MINUTES_APPROVED, title="Voorjaar")
    second = meeting(world.body, on=days(-40), title="Najaar")
    cancelled = meeting(world.body, on=days(-80), status=MeetingStatus.CANCELLED, title="Zomer")
    document(first, available_on=days(-130), title="Op tijd")
    document(second, available_on=days(-41), title="Te laat")
    member_topic = topic(world.body, world.user("member"), submitted_on=days(-70), answered_on=days(-60))
    decided = decided_proposal(
        world,
        municipality=world.municipality_2,
        decided_on=days(-30),
        title="Werkplan Duinstad",
        concerns=[world.body],
        asked={world.body: days(-100)},
    )
    data = ComplianceData(
        today=today, year=today.year, held=[first, second], cancelled=cancelled, topic=member_topic, decided=decided
    )
    world._compliance = data
    return data
