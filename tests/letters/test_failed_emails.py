"""Issue 12, nothing is silently skipped: an email to a member that failed for good can be sent again on paper."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from inspraak.audit.models import AuditEvent
from inspraak.core.models import OutgoingEmail
from inspraak.letters import selectors, services
from inspraak.letters.models import Letter
from inspraak.members.models import Membership, Status
from tests.factories import MembershipFactory, UserFactory
from tests.letters.data import FAILED_SUBJECT, failed_email, letters_data
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _post_url(world):
    return reverse("letters:body", args=[world.region.slug, world.body.slug])


def _send_url(world):
    return reverse("letters:failed_emails", args=[world.region.slug, world.body.slug])


def _offered(world):
    return [email.pk for email in selectors.failed_member_emails(world.body)]


def test_a_failed_email_to_a_member_is_listed_and_becomes_exactly_one_letter(client, world):
    data = letters_data(world)
    client.force_login(world.user("secretary"))
    page = client.get(_post_url(world)).content.decode()
    assert "E-mails die niet aankwamen (1)" in page
    assert "Test member" in page and FAILED_SUBJECT in page and "Zet deze in de stapel als brief" in page
    audits = AuditEvent.objects.count()

    response = client.post(_send_url(world), follow=True)

    made = Letter.objects.get(from_email=data.failed)
    assert made.user == world.user("member") and made.body == world.body and made.is_pending
    assert made.kind == Letter.Kind.OTHER and made.subject == FAILED_SUBJECT
    assert made.created_by == world.user("secretary")
    assert AuditEvent.objects.count() == audits + 1
    assert AuditEvent.objects.latest("pk").action == "failed_emails_to_letters"
    # The email keeps its status: the beheerder's page of failed emails still shows it.
    assert OutgoingEmail.objects.get(pk=data.failed.pk).status == OutgoingEmail.Status.FAILED
    page = response.content.decode()
    assert "1 e-mail staat nu als brief in de stapel." in page
    assert "E-mails die niet aankwamen" not in page  # it is a letter now, not offered again


def test_a_second_post_makes_no_second_letter(client, world):
    data = letters_data(world)
    client.force_login(world.user("secretary"))
    client.post(_send_url(world))
    letters, audits = Letter.objects.count(), AuditEvent.objects.count()

    response = client.post(_send_url(world), follow=True)

    assert Letter.objects.filter(from_email=data.failed).count() == 1
    assert (Letter.objects.count(), AuditEvent.objects.count()) == (letters, audits)
    assert "Er zijn geen e-mails meer om als brief te sturen." in response.content.decode()


def test_two_clicks_at_once_make_one_letter(world, monkeypatch):
    """The second click read the list before the first one wrote its letter: the unique email link stops it."""
    data = letters_data(world)
    stale = selectors.failed_member_emails(world.body)
    services.failed_emails_to_letters(body=world.body, by=world.user("secretary"))
    monkeypatch.setattr(selectors, "failed_member_emails", lambda body: stale)

    with pytest.raises(services.LetterError):
        services.failed_emails_to_letters(body=world.body, by=world.user("facilitator"))

    assert Letter.objects.filter(from_email=data.failed).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Letter.objects.create(
            region=world.region, body=world.body, user=world.user("member"), kind="overig", subject="x", text="x",
            from_email=data.failed,
        )  # fmt: skip


def test_invitations_non_members_and_other_emails_are_not_offered(world):
    data = letters_data(world)
    member = world.user("member").email
    invitation = failed_email(world, member, purpose="invitation")  # its letter is printed from the meeting page
    stranger = failed_email(world, UserFactory(email="stranger@example.org").email)
    unknown = failed_email(world, "nobody@example.org")
    other_region = failed_email(world, member, region=world.other_region)
    sent = failed_email(world, member)
    OutgoingEmail.objects.filter(pk=sent.pk).update(status=OutgoingEmail.Status.SENT)
    old = failed_email(world, member)
    OutgoingEmail.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=91))
    shouting = failed_email(world, member.upper())  # the address is matched whatever its case

    offered = _offered(world)

    assert data.failed.pk in offered and shouting.pk in offered
    for email in (invitation, stranger, unknown, other_region, sent, old):
        assert email.pk not in offered


def test_an_ended_membership_is_not_offered(world):
    letters_data(world)
    Membership.objects.filter(pk=world.member_membership.pk).update(status=Status.ENDED, ended_on=timezone.localdate())
    assert _offered(world) == []


def test_the_letter_text_has_no_web_address_and_says_to_call(world):
    data = letters_data(world)
    world.body.contact_phone = "0511 123 456"
    world.body.save()

    services.failed_emails_to_letters(body=world.body, by=world.user("secretary"))

    text = Letter.objects.get(from_email=data.failed).text
    assert "http" not in text and "inspraak.example" not in text and "Lees het hier" in text
    assert text.startswith("Beste Test member,") and "Het verslag van de bijeenkomst van 1 december" in text
    assert text.endswith("Heeft u vragen? Bel ons dan: 0511 123 456.")
    assert "\n\n\n" not in text


def test_a_letter_text_without_a_phone_number_still_says_what_to_do():
    text = services.email_as_letter_text("Kijk op www.example.org\n\nTot ziens", phone="")
    assert text.startswith("Tot ziens") and "www" not in text and "vraag het op de volgende bijeenkomst" in text


def test_the_post_page_reads_failed_emails_in_a_fixed_number_of_queries(client, world):
    letters_data(world)
    client.force_login(world.user("secretary"))

    def grow():
        for n in range(3):
            person = UserFactory(email=f"lid{n}@example.org", name=f"Lid {n}")
            MembershipFactory(body=world.body, user=person)
            failed_email(world, person.email)
            failed_email(world, person.email, subject="Nog een bericht")

    assert_constant_queries(client, _post_url(world), grow)
    assert len(_offered(world)) == 7
