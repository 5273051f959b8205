"""SMS reminders two days before a meeting: for members who asked for them and have a mobile number (with or without
email), once per invitation, apart from the email reminder, and never to someone who said they will not come."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.agenda import services
from inspraak.agenda.models import Invitation
from inspraak.audit.models import AuditEvent
from inspraak.core import sms
from inspraak.core.models import OutgoingSms, ShortLink
from inspraak.members.models import Category, Membership
from tests.agenda.data import new_meeting
from tests.factories import UserFactory
from tests.world import term_end, term_start

pytestmark = pytest.mark.django_db

PAPER_NUMBER = "+31611112222"


def _paper_member(world, *, phone="06 1111 2222", consent=True, name="Kees Papier"):
    """A member without email, with a phone number and (by default) consent for SMS reminders."""
    person = UserFactory(email=None, password=None, name=name, created_in_region=world.region)
    RoleAssignment.objects.create(user=person, role=Role.MEMBER, region=world.region, body=world.body)
    Membership.objects.create(
        body=world.body,
        user=person,
        body_role="lid",
        category=Category.CLIENT,
        term_start=term_start(),
        term_end=term_end(),
        contact_phone=phone,
        contact_address="Dorpsstraat 2, Zeedorp",
        sms_consent=consent,
    )
    return person


def _published(world, *, days=1):
    secretary = world.user("secretary")
    meeting = new_meeting(world.body, days=days, title="Bijeenkomst")
    services.item_add(meeting=meeting, title="Punt", source="secretaris", by=secretary)
    services.agenda_publish(meeting=meeting, by=secretary)
    return meeting


def _send(capture, **kwargs) -> int:
    with capture(execute=True):
        return services.reminders_send(**kwargs)


def test_a_paper_member_who_asked_for_it_gets_one_short_sms_with_a_short_link(
    world, smsoutbox, mailoutbox, django_capture_on_commit_callbacks
):
    paper = _paper_member(world)
    meeting = _published(world)
    mailoutbox.clear()
    assert _send(django_capture_on_commit_callbacks) == 3  # emails to the two members with email, one SMS
    assert [m.to for m in smsoutbox] == [PAPER_NUMBER]
    text = smsoutbox[0].text
    assert sms.segments(text) == 1 and sms.is_gsm7(text) and len(text) <= 160
    assert text.startswith("Herinnering:") and "Kunt u niet? Laat het weten:" in text
    path = reverse("agenda:reply", args=[world.region.slug, world.body.slug, meeting.pk])
    link = ShortLink.objects.get(path=path)
    assert text.endswith(f"/k/{link.code}") or f"/k/{link.code} " in text
    invitation = Invitation.objects.get(meeting=meeting, user=paper)
    assert invitation.channel == Invitation.Channel.LETTER and invitation.sms_reminder_sent_at is not None
    row = OutgoingSms.objects.get()
    assert (row.person, row.purpose, row.object_id, row.region_id, row.status) == (
        paper,
        Invitation.SMS_PURPOSE,
        invitation.pk,
        world.region.pk,
        "sent",
    )
    audit = AuditEvent.objects.get(action="agenda.sms_reminder")
    assert audit.target_id == str(invitation.pk) and "Kees" not in audit.target_label


def test_the_text_leaves_out_the_place_when_it_would_not_fit_in_one_message(
    world, smsoutbox, django_capture_on_commit_callbacks
):
    _paper_member(world)
    meeting = _published(world)
    meeting.place_name = "Wijkcentrum De Lange Naam Met Heel Veel Woorden Aan De Overkant Van De Haven"
    meeting.save(update_fields=["place_name"])
    _send(django_capture_on_commit_callbacks)
    text = smsoutbox[0].text
    assert sms.segments(text) == 1 and "Wijkcentrum" not in text


def test_email_and_sms_are_each_sent_once(world, smsoutbox, mailoutbox, django_capture_on_commit_callbacks):
    member = world.user("member")
    Membership.objects.filter(pk=world.member_membership.pk).update(contact_phone="0633334444", sms_consent=True)
    meeting = _published(world)
    invitation = Invitation.objects.get(meeting=meeting, user=member)
    # The email reminder went out before (e.g. before this member asked for SMS): the SMS still goes, once.
    Invitation.objects.filter(pk=invitation.pk).update(reminder_sent_at=timezone.now())
    mailoutbox.clear()
    _send(django_capture_on_commit_callbacks)
    assert [m.to for m in smsoutbox] == ["+31633334444"]
    assert member.email not in [m.to[0] for m in mailoutbox]
    assert _send(django_capture_on_commit_callbacks) == 0
    assert len(smsoutbox) == 1


def test_no_sms_without_consent_without_a_mobile_number_or_for_someone_who_will_not_come(
    world, smsoutbox, django_capture_on_commit_callbacks
):
    _paper_member(world, consent=False, name="Zonder Toestemming")
    _paper_member(world, phone="0299 123456", name="Vaste Lijn")
    declined = _paper_member(world, phone="0655556666", name="Komt Niet")
    far = _published(world, days=10)
    meeting = _published(world)
    services.reply_save(meeting=meeting, user=declined, answer="komt_niet")
    _send(django_capture_on_commit_callbacks)
    assert smsoutbox == []
    assert not Invitation.objects.filter(sms_reminder_sent_at__isnull=False).exists()
    assert Invitation.objects.filter(meeting=far).exists()


def test_no_sms_is_queued_while_sms_is_switched_off(world, settings, smsoutbox, django_capture_on_commit_callbacks):
    paper = _paper_member(world)
    meeting = _published(world)
    settings.SMS_BACKEND = "inspraak.core.sms.DisabledBackend"
    _send(django_capture_on_commit_callbacks)
    assert not OutgoingSms.objects.exists()
    # Switched on later (still within two days): the reminder goes then.
    settings.SMS_BACKEND = "inspraak.core.sms.LocmemBackend"
    _send(django_capture_on_commit_callbacks)
    assert [m.to for m in smsoutbox] == [PAPER_NUMBER]
    assert Invitation.objects.get(meeting=meeting, user=paper).sms_reminder_sent_at is not None


def test_two_runs_at_the_same_time_send_one_sms(world, smsoutbox, django_capture_on_commit_callbacks):
    _paper_member(world)
    _published(world)
    numbers = services.member_selectors.sms_numbers
    inner_sent = []

    def other_run_first(body_ids):
        # The first run has read its candidates; the second run (another worker) claims and sends everything now.
        with mock.patch.object(services.member_selectors, "sms_numbers", numbers):
            inner_sent.append(services.reminders_send())
        return numbers(body_ids)

    with (
        django_capture_on_commit_callbacks(execute=True),
        mock.patch.object(services.member_selectors, "sms_numbers", side_effect=other_run_first),
    ):
        outer = services.reminders_send()
    assert inner_sent == [3] and outer == 0
    assert len(smsoutbox) == 1 and OutgoingSms.objects.count() == 1
    assert AuditEvent.objects.filter(action="agenda.sms_reminder").count() == 1


def test_a_run_that_breaks_off_leaves_the_reminder_for_the_next_run(
    world, smsoutbox, django_capture_on_commit_callbacks
):
    paper = _paper_member(world)
    meeting = _published(world)
    with (
        mock.patch("inspraak.core.sms.queue_sms", side_effect=RuntimeError("database away")),
        pytest.raises(RuntimeError),
    ):
        _send(django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get(meeting=meeting, user=paper)
    assert invitation.sms_reminder_sent_at is None  # the claim was rolled back with the failed step
    _send(django_capture_on_commit_callbacks)
    assert [m.to for m in smsoutbox] == [PAPER_NUMBER]


def test_a_gateway_that_is_away_delays_the_sms_but_it_goes_once(world, smsoutbox, django_capture_on_commit_callbacks):
    _paper_member(world)
    _published(world)
    with mock.patch.object(sms.LocmemBackend, "send", side_effect=sms.TemporarySmsError("HTTP 503")):
        _send(django_capture_on_commit_callbacks)
    row = OutgoingSms.objects.get()
    assert (row.status, row.attempts) == ("queued", 1)
    assert _send(django_capture_on_commit_callbacks) == 0  # the reminder itself is not queued again
    later = row.next_attempt_at + datetime.timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert sms.send_due() == 1
    row.refresh_from_db()
    assert row.status == "sent" and len(smsoutbox) == 1 and OutgoingSms.objects.count() == 1
