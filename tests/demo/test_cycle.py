"""The demo's meeting cycle: meetings in every state, topics in every status, idempotent."""

from __future__ import annotations

import pytest

from inspraak.accounts.models import User
from inspraak.demo.cycle import load_cycle
from inspraak.demo.generator import load_demo
from inspraak.meetings.models import Meeting
from inspraak.regions.models import Body
from inspraak.topics.models import Topic, TopicVote

pytestmark = pytest.mark.django_db


def _run():
    load_demo()
    panel = Body.objects.get(name="Cliëntenpanel Waterland-Oost")
    council = Body.objects.get(name="Adviesraad Sociaal Domein Havenstad")
    people = {u.name: u for u in User.objects.all()}
    load_cycle(
        panel=panel,
        council=council,
        secretary=people["Ingrid Bakker"],
        facilitator=people["Samir Haddou"],
        members=[people["Anouk de Vries"], people["Kees Jansen"], people["Yasmina Ouali"], people["Tom Visser"]],
    )


def test_meetings_and_topics_in_every_state_and_twice_the_same():
    _run()
    statuses = set(Meeting.objects.values_list("status", flat=True))
    assert statuses == {"gepland", "agenda_gepubliceerd", "gehouden", "verslag_vastgesteld", "geannuleerd"}
    topic_statuses = set(Topic.objects.values_list("status", flat=True))
    assert topic_statuses == {
        "ingediend",
        "geagendeerd",
        "besproken",
        "afgehandeld",
        "doorgestuurd",
        "niet_geagendeerd",
    }
    counts = (Meeting.objects.count(), Topic.objects.count(), TopicVote.objects.count())
    _run()
    assert (Meeting.objects.count(), Topic.objects.count(), TopicVote.objects.count()) == counts


def test_the_demo_has_a_late_and_a_timely_document_minutes_agreements_and_feedback():
    from inspraak.agenda.selectors import late_documents
    from inspraak.records.models import Agreement, FeedbackReport, Minutes

    load_demo()
    load_demo()
    panel = Body.objects.get(name="Cliëntenpanel Waterland-Oost")
    late = late_documents(panel, 2026)
    assert len(late) == 1
    assert Minutes.objects.filter(meeting__body=panel).count() == 3
    assert Agreement.objects.filter(body=panel).count() == 2
    assert FeedbackReport.objects.get(meeting__title="Na de zomer").sent_on is not None
