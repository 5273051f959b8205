"""Issue 4's "done when", as new users would try it, through the pages where people click and the services
where they write."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.accounts.services import login_code_issue
from inspraak.agenda import selectors as agenda_selectors
from inspraak.agenda import services as agenda
from inspraak.agenda.models import Invitation, MeetingDocument
from inspraak.meetings import services as meetings
from inspraak.records import services as records
from inspraak.records.models import Agreement, FeedbackReport, Minutes
from inspraak.topics import services as topics
from inspraak.topics.models import Topic
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_meeting_cycle_from_topic_to_feedback(client, world, mailoutbox, django_capture_on_commit_callbacks):
    body, secretary, facilitator = world.body, world.user("secretary"), world.user("facilitator")
    # A client without email, who logs in with a printed code.
    kees = UserFactory(email=None, name="Kees Zonder Mail", created_in_region=world.region)
    RoleAssignment.objects.create(user=kees, role=Role.MEMBER, region=world.region, body=body)
    MembershipFactory(body=body, user=kees, municipality=world.municipality)
    code = login_code_issue(person=kees, region=world.region, by=secretary).code
    assert client.post(reverse("accounts:code_login"), {"code": code}).status_code == 302

    topics_url = reverse("topics:list", args=[world.region.slug, body.slug])
    client.post(
        reverse("topics:new", args=[world.region.slug, body.slug]), {"title": "Brieven", "description": "Te moeilijk."}
    )
    mine = Topic.objects.get(title="Brieven")
    client.post(reverse("topics:vote", args=[world.region.slug, body.slug, mine.pk]))
    assert mine.votes.filter(user=kees).exists()
    other = topics.topic_submit(body=body, title="Wachttijden", description="Lang.", by=world.user("member"))
    local = topics.topic_submit(body=body, title="Stadspas", description="Gemeentelijk.", by=world.user("member"))

    start = timezone.now() + datetime.timedelta(days=10)
    meeting = meetings.meeting_schedule(
        body=body, starts_at=start, ends_at=start + datetime.timedelta(hours=2), by=secretary, place_name="Stadhuis"
    )
    topics.topic_forward(topic=local, to_body=world.municipal_body, by=facilitator, note="Dit is voor de gemeente.")
    first = agenda.item_add_topic(meeting=meeting, topic=mine, by=facilitator, summary="Over moeilijke brieven.")
    agenda.item_add_topic(meeting=meeting, topic=other, by=facilitator, summary="Over wachttijden.")
    agenda.document_add(
        item=first, title="Voorbeeldbrief", by=secretary, data=b"%PDF-1.4\n%\xe2\xe3\n", summary="Een brief."
    )
    late = agenda.document_add(item=first, title="Nagekomen", by=secretary, page_text="Later.", summary="Later stuk.")
    MeetingDocument.objects.filter(pk=late.pk).update(available_at=start - datetime.timedelta(days=2))
    flagged = agenda_selectors.late_documents(body, start.year)
    assert [(d.document.title if hasattr(d, "document") else d.title) for d in flagged] == ["Nagekomen"]

    with django_capture_on_commit_callbacks(execute=True):
        agenda.agenda_publish(meeting=meeting, by=secretary)
    channels = dict(Invitation.objects.filter(meeting=meeting).values_list("user__name", "channel"))
    assert channels["Kees Zonder Mail"] == "brief" and channels["Test member"] == "email"
    invite = next(m for m in mailoutbox if m.to == [world.user("member").email])
    assert invite.attachments and invite.attachments[0][2] == "text/calendar; method=REQUEST"
    letters = client_letters = agenda.letters_print(meeting=meeting, by=secretary)
    assert any(letter.person == kees for letter in client_letters) and letters
    agenda.reply_save(meeting=meeting, user=kees, answer="komt", needs_travel_costs=True)

    # The meeting takes place.
    meeting.starts_at = timezone.now() - datetime.timedelta(hours=3)
    meeting.ends_at = timezone.now() - datetime.timedelta(hours=1)
    meeting.save(update_fields=["starts_at", "ends_at"])
    meetings.meeting_set_status(meeting=meeting, status="gehouden", by=secretary)
    records.attendance_record(meeting=meeting, presences={kees.pk: "aanwezig"}, by=secretary)
    records.minutes_save(
        meeting=meeting, text="Verslag.", public_text="Openbaar verslag.", approve_by=None, version=None, by=secretary
    )
    records.agreement_create(
        body=body, description="Brieven herschrijven", owner="Werkplein", by=secretary, meeting=meeting
    )
    topics.topic_mark_discussed(topic=mine, by=facilitator)
    topics.topic_close(topic=mine, answer="De brieven worden in gewone taal herschreven.", by=facilitator)
    report = records.feedback_save(
        meeting=meeting,
        topics_text="Brieven, wachttijden.",
        views_text="Cliënten vinden brieven moeilijk.",
        recommendations=["Herschrijf de brieven."],
        by=facilitator,
    )
    records.feedback_send(report=report, to="gr@example.org", by=facilitator)
    assert Minutes.objects.filter(meeting=meeting).exists() and Agreement.objects.filter(meeting=meeting).exists()
    assert FeedbackReport.objects.get(meeting=meeting).sent_on is not None

    html = client.get(reverse("topics:detail", args=[world.region.slug, body.slug, mine.pk])).content.decode()
    assert "De brieven worden in gewone taal herschreven." in html
    assert "Brieven" in client.get(topics_url).content.decode()
