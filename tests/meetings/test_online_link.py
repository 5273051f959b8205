"""The link to join a meeting online is for invitees only: not on public pages, in the public calendar file or in
the open data; members and the body's staff still get it on their pages, in the invitation email and its .ics."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.urls import reverse

from inspraak.agenda import services as agenda_services
from inspraak.meetings.services import meeting_update
from tests.agenda.data import new_meeting

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.nl/geheim-123"
HINT = "Online meedoen? De link staat in de uitnodiging."


@pytest.fixture
def meeting(world, django_capture_on_commit_callbacks):
    meeting = new_meeting(world.body, days=25, title="Online bijeenkomst", online_url=LINK)
    secretary = world.user("secretary")
    agenda_services.item_add(meeting=meeting, title="Reiskosten", source="gr", summary="Kort.", by=secretary)
    with django_capture_on_commit_callbacks(execute=True):
        agenda_services.agenda_publish(meeting=meeting, by=secretary)
    return meeting


def _public_urls(world, meeting) -> dict[str, str]:
    region, body = world.region.slug, world.body.slug
    return {
        "calendar": reverse("publicmeetings:calendar", args=[region, body]),
        "meeting page": reverse("publicmeetings:meeting", args=[region, body, meeting.pk]),
        "agenda": reverse("publicmeetings:agenda", args=[region, body, meeting.pk]),
        "ics": reverse("publicmeetings:ics", args=[region, body, meeting.pk]),
        "json": reverse("api:meeting", args=[region, body, meeting.pk]),
    }


def _unfolded(content: bytes) -> str:
    """Text of a response with iCalendar line folding undone (a long line continues after CRLF and a space)."""
    return content.decode().replace("\r\n ", "")


def test_public_outputs_do_not_show_the_online_link(client, world, meeting):
    for name, url in _public_urls(world, meeting).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert "geheim-123" not in _unfolded(response.content), f"the online link is public on the {name}"
    for name in ("calendar", "meeting page", "agenda"):
        assert HINT in client.get(_public_urls(world, meeting)[name]).content.decode(), name


def test_the_open_data_says_one_can_join_online(client, world, meeting):
    data = json.loads(client.get(_public_urls(world, meeting)["json"]).content)
    assert data["meeting"]["online"] is True and "online_url" not in data["meeting"]


@pytest.mark.parametrize("actor", ["member", "secretary", "facilitator", "admin"])
def test_invitees_and_staff_see_the_link_on_their_pages(client, world, meeting, actor):
    client.force_login(world.user(actor))
    region, body = world.region.slug, world.body.slug
    agenda_page = client.get(reverse("agenda:agenda", args=[region, body, meeting.pk])).content.decode()
    assert f'href="{LINK}"' in agenda_page
    detail = client.get(reverse("meetings:detail", args=[region, body, meeting.pk])).content.decode()
    assert f'href="{LINK}"' in detail


def test_a_member_sees_the_link_where_they_reply(client, world, meeting):
    client.force_login(world.user("member"))
    page = client.get(reverse("agenda:reply", args=[world.region.slug, world.body.slug, meeting.pk])).content.decode()
    assert f'href="{LINK}"' in page


def test_a_policy_officer_who_may_read_the_agenda_is_not_given_the_link(client, world, meeting):
    client.force_login(world.user("officer_region"))
    response = client.get(reverse("agenda:agenda", args=[world.region.slug, world.body.slug, meeting.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert LINK not in page and HINT in page


def _calendar_of(message) -> str:
    (content,) = [content for name, content, mimetype in message.attachments if name.endswith(".ics")]
    return (content if isinstance(content, str) else content.decode()).replace("\r\n ", "")


def test_invitation_and_change_emails_carry_the_link(world, meeting, django_capture_on_commit_callbacks):
    member_email = world.user("member").email
    (invitation,) = [m for m in mail.outbox if member_email in m.to]
    assert LINK in invitation.body and LINK in _calendar_of(invitation)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(meeting=meeting, by=world.user("secretary"), place_name="Het Dorpshuis")
    (changed,) = [m for m in mail.outbox if member_email in m.to]
    assert LINK in changed.body and LINK in _calendar_of(changed)
