"""Issue 12: a reply, the needs given by phone, on paper or in person, recorded for the member by the secretary or
facilitator (with the channel and who recorded it), and needs marked "geregeld" with a note the member gets by email
or by letter."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inspraak.agenda import selectors, services
from inspraak.agenda.models import NEEDS_TO_ARRANGE, Reply
from inspraak.audit.models import AuditEvent
from inspraak.core.models import OutgoingEmail
from inspraak.letters.models import Letter
from inspraak.meetings.models import MeetingStatus
from inspraak.privacy import activity
from tests.agenda.data import LETTER_MEMBER, agenda, new_meeting
from tests.factories import UserFactory
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

NOTE = "Een taxi haalt u om 13:15 op."


def _url(name, world, meeting, **extra):
    return reverse(name, kwargs={"region": world.region.slug, "body": world.body.slug, "meeting": meeting.pk, **extra})


def _record_url(world, meeting, person):
    return _url("agenda:reply_record", world, meeting, member=person.pk)


def _arrange_url(world, reply):
    return _url("agenda:reply_arrange", world, reply.meeting, pk=reply.pk)


def _reply_audit(reply):
    return list(
        AuditEvent.objects.filter(target_type="reply", target_id=str(reply.pk))
        .order_by("at", "pk")
        .values_list("action", "actor_id", "changed_fields", "target_label")
    )


# ---------------------------------------------------------------- recording a reply


def test_the_secretary_records_a_reply_given_by_phone_and_the_overview_shows_how(client, world):
    data = agenda(world)
    secretary = world.user("secretary")
    client.force_login(secretary)
    overview = client.get(_url("agenda:replies", world, data.published)).content.decode()
    record_url = _record_url(world, data.published, data.letter_member)
    assert LETTER_MEMBER in overview and f'href="{record_url}"' in overview  # "Nog geen antwoord" → vastleggen
    form = client.get(record_url).content.decode()
    assert "Antwoord vastleggen voor Kees Zonder Mail" in form and "Hoe gaf het lid dit door?" in form
    response = client.post(
        record_url,
        {"channel": "telefoon", "answer": "komt", "needs_travel_costs": "on", "needs_other": "Een taxi"},
    )
    assert response.status_code == 302 and response["Location"] == _url("agenda:replies", world, data.published)
    reply = Reply.objects.get(meeting=data.published, user=data.letter_member)
    assert (reply.answer, reply.channel, reply.recorded_by, reply.needs_travel_costs, reply.needs_other) == (
        "komt",
        "telefoon",
        secretary,
        True,
        "Een taxi",
    )
    overview = client.get(_url("agenda:replies", world, data.published)).content.decode()
    assert "doorgegeven per telefoon, vastgelegd door Test secretary" in overview
    assert "Nog regelen" in overview
    [(action, actor, _fields, label)] = _reply_audit(reply)
    assert action == "agenda.reply_record" and actor == secretary.pk and label.endswith("– telefoon")
    assert LETTER_MEMBER not in label  # audit labels never hold names


def test_the_facilitator_records_too_and_the_form_keeps_what_was_typed(client, world):
    data = agenda(world)
    client.force_login(world.user("facilitator"))
    url = _record_url(world, data.published, data.letter_member)
    page = client.post(url, {"answer": "komt", "needs_other": "Een rustige plek"}).content.decode()
    assert "Kies hoe het lid dit doorgaf: telefoon, brief of persoonlijk." in page
    assert 'value="Een rustige plek"' in page
    assert not Reply.objects.filter(user=data.letter_member).exists()
    client.post(url, {"answer": "weet_niet", "channel": "persoonlijk"})
    reply = Reply.objects.get(user=data.letter_member, meeting=data.published)
    assert reply.channel == "persoonlijk" and reply.recorded_by == world.user("facilitator")
    # Shown again with the answer recorded now, and changed by letter.
    page = client.get(url).content.decode()
    assert "persoonlijk doorgegeven, vastgelegd door Test facilitator" in page
    client.post(url, {"answer": "komt_niet", "channel": "brief"})
    reply.refresh_from_db()
    assert (reply.answer, reply.channel) == ("komt_niet", "brief")


def test_a_later_online_reply_replaces_the_recorded_one_and_the_audit_log_keeps_both(client, world):
    data = agenda(world)
    member, secretary = world.user("member"), world.user("secretary")
    services.reply_record(
        meeting=data.planned, member=member, answer="weet_niet", channel="telefoon", by=secretary, needs_childcare=True
    )
    client.force_login(member)
    page = client.get(_url("agenda:reply", world, data.planned)).content.decode()
    assert "U hebt dit doorgegeven per telefoon." in page
    client.post(_url("agenda:reply", world, data.planned), {"answer": "komt", "needs_childcare": "on"})
    reply = Reply.objects.get(meeting=data.planned, user=member)
    assert (reply.answer, reply.channel, reply.recorded_by) == ("komt", "online", None)
    history = _reply_audit(reply)
    assert [(action, actor) for action, actor, _f, _l in history] == [
        ("agenda.reply_record", secretary.pk),
        ("agenda.reply_change", member.pk),
    ]
    assert set(history[1][2]) == {"answer", "channel", "recorded_by"}


def test_only_the_secretary_and_facilitator_record_and_only_for_members_of_the_body(client, world):
    data = agenda(world)
    # A member never records for another member (403), nor for themself through this page.
    client.force_login(world.user("member"))
    assert client.get(_record_url(world, data.published, data.letter_member)).status_code == 403
    response = client.post(
        _record_url(world, data.published, data.letter_member), {"answer": "komt", "channel": "brief"}
    )
    assert response.status_code == 403
    assert not Reply.objects.filter(user=data.letter_member).exists()
    # Someone who is not a member of the body: not found.
    client.force_login(world.user("secretary"))
    for person in (world.user("facilitator"), world.user("other_region_admin"), UserFactory(email="x@example.org")):
        assert client.get(_record_url(world, data.published, person)).status_code == 404
    with pytest.raises(services.AgendaError) as error:
        services.reply_record(
            meeting=data.published,
            member=world.user("facilitator"),
            answer="komt",
            channel="brief",
            by=world.user("secretary"),
        )
    assert error.value.code == "not_member"
    with pytest.raises(services.AgendaError) as error:
        services.reply_record(
            meeting=data.published,
            member=data.letter_member,
            answer="komt",
            channel="online",
            by=world.user("secretary"),
        )
    assert error.value.code == "channel"


def test_recording_for_a_held_meeting_is_refused(client, world):
    agenda(world)
    held = new_meeting(world.body, days=-3, title="Geweest", status=MeetingStatus.HELD)
    client.force_login(world.user("secretary"))
    url = _record_url(world, held, world.user("member"))
    assert "Deze bijeenkomst is al geweest." in client.get(url).content.decode()
    client.post(url, {"answer": "komt", "channel": "telefoon"})
    assert not Reply.objects.filter(meeting=held).exists()


def test_the_reply_forms_put_the_needs_under_their_own_heading(client, world):
    data = agenda(world)
    client.force_login(world.user("member"))
    page = client.get(_url("agenda:reply", world, data.planned)).content.decode()
    assert "Wat hebt u nodig om te komen?</legend>" in page
    # The answer first, then the needs in their own group.
    assert page.index('name="answer"') < page.index("Wat hebt u nodig om te komen?") < page.index("needs_travel_costs")
    client.force_login(world.user("secretary"))
    page = client.get(_record_url(world, data.published, data.letter_member)).content.decode()
    assert "Wat heeft het lid nodig om te komen?</legend>" in page and "Komt het lid?" in page


# ---------------------------------------------------------------- needs "geregeld"


def test_arranged_needs_reach_a_member_without_email_as_a_letter(client, world):
    data = agenda(world)
    secretary = world.user("secretary")
    reply = services.reply_record(
        meeting=data.published,
        member=data.letter_member,
        answer="komt",
        channel="telefoon",
        by=secretary,
        needs_accessible_venue=True,
    )
    assert Reply.objects.filter(NEEDS_TO_ARRANGE, pk=reply.pk).exists()
    client.force_login(secretary)
    page = client.get(_arrange_url(world, reply)).content.decode()
    assert "Een plek zonder trappen" in page and "Er komt een brief klaar te staan om te printen." in page
    response = client.post(_arrange_url(world, reply), {"note": f"  {NOTE}  "}, follow=True)
    assert "De brief voor Kees Zonder Mail staat klaar om te printen." in response.content.decode()
    reply.refresh_from_db()
    assert (reply.arranged_note, reply.arranged_by) == (NOTE, secretary) and reply.arranged_at is not None
    assert not Reply.objects.filter(NEEDS_TO_ARRANGE, pk=reply.pk).exists()
    [letter] = Letter.objects.filter(user=data.letter_member, kind=Letter.Kind.NEEDS)
    assert NOTE in letter.text and letter.batch is None and letter.object_id == reply.pk
    assert "http" not in letter.text  # the printed letter adds the short code itself
    overview = client.get(_url("agenda:replies", world, data.published)).content.decode()
    assert f"Geregeld:</strong> {NOTE}" in overview
    # The member sees it on their reply page.
    client.force_login(data.letter_member)
    assert f"Geregeld:</strong> {NOTE}" in client.get(_url("agenda:reply", world, data.published)).content.decode()


def test_arranged_needs_reach_a_member_with_email_by_email(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    data = agenda(world)  # Geheime Cliënt replied online: travel costs and an interpreter
    reply = Reply.objects.get(meeting=data.published, user=world.client)
    client.force_login(world.user("facilitator"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_arrange_url(world, reply), {"note": "Er is een tolk. Uw reiskosten krijgt u terug."})
    assert response.status_code == 302
    [mail] = [m for m in mailoutbox if m.to == [world.client.email]]
    assert "Geregeld voor de bijeenkomst" in mail.subject and "Er is een tolk." in mail.body
    assert OutgoingEmail.objects.filter(purpose=services.NEEDS_PURPOSE, object_id=reply.pk).exists()
    assert not Letter.objects.filter(user=world.client).exists()


def test_a_changed_need_after_arranging_is_to_arrange_again(world):
    data = agenda(world)
    reply = Reply.objects.get(meeting=data.published, user=world.client)
    services.reply_arrange(reply=reply, note=NOTE, by=world.user("secretary"))
    # Only the answer changes: still arranged.
    services.reply_save(
        meeting=data.published, user=world.client, answer="weet_niet", needs_travel_costs=True, needs_interpreter=True
    )
    reply.refresh_from_db()
    assert reply.arranged_note == NOTE
    # A need changes: not arranged any more, and counted again.
    services.reply_save(meeting=data.published, user=world.client, answer="komt", needs_travel_costs=True)
    reply.refresh_from_db()
    assert (reply.arranged_at, reply.arranged_by, reply.arranged_note) == (None, None, "")
    assert selectors.reply_overview(data.published, with_names=False)["to_arrange"] == 1
    assert "arranged_note" in _reply_audit(reply)[-1][2]


def test_arranging_needs_a_note_and_needs_to_arrange(client, world):
    data = agenda(world)
    reply = Reply.objects.get(meeting=data.published, user=world.client)
    client.force_login(world.user("secretary"))
    page = client.post(_arrange_url(world, reply), {"note": "   "}).content.decode()
    assert "Schrijf wat er geregeld is. Het lid leest dit." in page
    plain = services.reply_record(
        meeting=data.published, member=data.letter_member, answer="komt", channel="brief", by=world.user("secretary")
    )
    page = client.get(_arrange_url(world, plain)).content.decode()
    assert "Er is niets te regelen." in page and "Opslaan als geregeld" not in page
    client.post(_arrange_url(world, plain), {"note": NOTE})
    with pytest.raises(services.AgendaError) as error:
        services.reply_arrange(reply=plain, note=NOTE, by=world.user("secretary"))
    assert error.value.code == "no_needs"
    assert not Reply.objects.filter(arranged_at__isnull=False).exists()
    # A reply of another meeting is not found through this meeting.
    other = _url("agenda:reply_arrange", world, data.planned, pk=reply.pk)
    assert client.get(other).status_code == 404


# ---------------------------------------------------------------- privacy


def test_the_members_data_shows_how_the_reply_came_and_what_was_arranged_and_erasure_removes_it(world):
    from inspraak.core import privacy_registry as registry

    data = agenda(world)
    reply = services.reply_record(
        meeting=data.published,
        member=data.letter_member,
        answer="komt",
        channel="telefoon",
        by=world.user("secretary"),
        needs_childcare=True,
    )
    services.reply_arrange(reply=reply, note=NOTE, by=world.user("secretary"))
    [exported] = activity.export_agenda(data.letter_member)["replies"]
    assert exported["channel"] == "doorgegeven per telefoon" and exported["recorded_for_you"]
    assert exported["arranged_note"] == NOTE and exported["arranged_at"] is not None
    assert "Test secretary" not in str(exported)  # never other people's names
    registry.erase(data.letter_member, by=world.user("admin"))
    assert not Reply.objects.filter(arranged_note=NOTE).exists()


# ---------------------------------------------------------------- queries


def test_the_replies_overview_has_a_fixed_number_of_queries(client, world):
    from inspraak.accounts.models import Role, RoleAssignment

    data = agenda(world)
    secretary = world.user("secretary")
    client.force_login(secretary)

    def grow():
        for n in range(12):
            person = UserFactory(email=None, password=None, name=f"Lid {n}")
            RoleAssignment.objects.create(user=person, role=Role.MEMBER, region=world.region, body=world.body)
            if n % 3:
                reply = services.reply_record(
                    meeting=data.published,
                    member=person,
                    answer="komt",
                    channel="telefoon",
                    by=secretary,
                    needs_interpreter=True,
                )
                if n % 2:
                    services.reply_arrange(reply=reply, note=NOTE, by=secretary)

    assert_constant_queries(client, _url("agenda:replies", world, data.published), grow)
