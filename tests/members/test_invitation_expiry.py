"""An invitation nobody answers expires after rules.INVITATION_DAYS: it can no longer be accepted, the secretary
sees "Uitnodiging verlopen" and can invite again, and the daily clean-up removes it as a withdrawal does."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts.models import RoleAssignment
from inspraak.audit.models import AuditEvent
from inspraak.members import rules, services
from inspraak.members.models import Membership, Status
from tests.factories import UserFactory, invited_membership

pytestmark = pytest.mark.django_db


def _age(membership, days):
    Membership.objects.filter(pk=membership.pk).update(created_at=timezone.now() - datetime.timedelta(days=days))
    membership.refresh_from_db()
    return membership


def _url(world, name, **extra):
    return reverse(f"members:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, **extra})


def test_an_invitation_expires_after_the_set_number_of_days():
    made = timezone.now()
    assert rules.INVITATION_DAYS == 30
    assert not rules.invitation_expired(made, made + datetime.timedelta(days=29, hours=23))
    assert rules.invitation_expired(made, made + datetime.timedelta(days=30))


def test_an_expired_invitation_cannot_be_accepted(client, world):
    person = world.user("plain")
    membership = _age(invited_membership(world, person), rules.INVITATION_DAYS + 1)
    url = reverse("members:invitation", kwargs={"pk": membership.pk})
    client.force_login(person)
    page = client.get(url).content.decode()
    assert "Deze uitnodiging is verlopen." in page and "Vraag de secretaris" in page
    assert "Antwoord versturen" not in page
    response = client.post(url, {"answer": "ja"})
    assert response.status_code == 200 and "Deze uitnodiging is verlopen." in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == Status.INVITED
    assert not RoleAssignment.objects.filter(user=person).exists()
    with pytest.raises(services.MembersError):
        services.invitation_accept(membership=membership, by=person)


def test_an_invitation_within_the_days_can_still_be_accepted(client, world):
    person = world.user("plain")
    membership = _age(invited_membership(world, person), rules.INVITATION_DAYS - 1)
    client.force_login(person)
    assert client.post(reverse("members:invitation", kwargs={"pk": membership.pk}), {"answer": "ja"}).status_code == 302
    membership.refresh_from_db()
    assert membership.status == Status.ACTIVE


def test_the_secretary_sees_an_expired_invitation_and_invites_again(client, world):
    person = UserFactory(email="laat@example.org")
    membership = _age(invited_membership(world, person), rules.INVITATION_DAYS + 1)
    client.force_login(world.user("secretary"))
    listing = client.get(_url(world, "list")).content.decode()
    assert "Uitnodiging verlopen" in listing
    detail = client.get(_url(world, "detail", pk=membership.pk)).content.decode()
    assert "Uitnodiging verlopen" in detail and "Opnieuw uitnodigen" in detail
    again = _url(world, "end", pk=membership.pk)
    assert again in detail
    assert "Oude uitnodiging verwijderen" in client.get(again).content.decode()
    response = client.post(again)
    assert response.status_code == 302 and response["Location"] == _url(world, "new")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(action="membership.withdraw", region=world.region).count() == 1


def test_an_open_invitation_is_not_shown_as_expired(client, world):
    membership = invited_membership(world, UserFactory(email="vers@example.org"))
    client.force_login(world.user("secretary"))
    assert "Uitnodiging verlopen" not in client.get(_url(world, "detail", pk=membership.pk)).content.decode()
    assert "Uitnodiging verlopen" not in client.get(_url(world, "list")).content.decode()


def _invite(world, email):
    return services.member_invite(
        body=world.body,
        name="Getypte Naam",
        email=email,
        term_start=datetime.date(2026, 1, 1),
        by=world.user("secretary"),
        body_role="lid",
        category="client",
        municipality=world.municipality,
        contact_phone="0612345678",
    )


def test_the_daily_run_removes_long_expired_invitations_like_a_withdrawal(world):
    days = rules.INVITATION_DAYS + rules.INVITATION_REMOVE_AFTER_DAYS
    new_account = _age(_invite(world, "nooit-geantwoord@example.org"), days + 1)
    existing = UserFactory(email="had-al-een-account@example.org")
    old_account = _age(_invite(world, existing.email), days + 1)
    just_expired = _age(_invite(world, "net-verlopen@example.org"), rules.INVITATION_DAYS + 1)
    out = StringIO()
    call_command("send_term_reminders", stdout=out)
    assert "2 verlopen uitnodigingen verwijderd" in out.getvalue()
    assert not Membership.objects.filter(pk__in=[new_account.pk, old_account.pk]).exists()
    assert Membership.objects.filter(pk=just_expired.pk, status=Status.INVITED).exists()
    rows = AuditEvent.objects.filter(action="membership.expire", region=world.region, actor=None)
    assert sorted(rows.values_list("target_id", flat=True)) == sorted([str(new_account.pk), str(old_account.pk)])
    # The account made only for the invitation is erased; one that existed before is left alone.
    new_account.user.refresh_from_db()
    assert new_account.user.erased_at is not None and new_account.user.email is None
    existing.refresh_from_db()
    assert existing.erased_at is None and existing.email == "had-al-een-account@example.org"
    assert services.invitations_expire() == 0


def test_the_pages_of_an_expired_invitation_are_valid_html(client, world, tmp_path):
    from inspraak.recruitment import services as recruitment_services
    from tests.quality.html import assert_valid_html
    from tests.recruitment.data import apply, recruitment

    person = world.user("plain")
    membership = _age(invited_membership(world, person), rules.INVITATION_DAYS + 1)
    application = apply(recruitment(world).vacancy, world.municipality, contact_email="nog-niet@example.org")
    recruitment_services.application_set_status(application=application, status="gekozen", by=world.user("secretary"))
    invited = recruitment_services.applicant_make_member(application=application, by=world.user("secretary"))
    client.force_login(person)
    pages = {"invitation": client.get(reverse("members:invitation", kwargs={"pk": membership.pk})).content}
    client.force_login(world.user("secretary"))
    application_url = reverse(
        "recruitment:application_detail",
        kwargs={"region": world.region.slug, "body": world.body.slug, "pk": application.pk},
    )
    pages["application, invited"] = client.get(application_url).content
    _age(invited.membership, rules.INVITATION_DAYS + 1)
    pages["application, expired"] = client.get(application_url).content
    pages["member detail"] = client.get(_url(world, "detail", pk=membership.pk)).content
    pages["member list"] = client.get(_url(world, "list")).content
    pages["invite again"] = client.get(_url(world, "end", pk=membership.pk)).content
    assert b"Uitgenodigd: wacht op bevestiging" in pages["application, invited"]
    assert_valid_html(pages, tmp_path)


def test_the_invitation_email_says_how_long_the_person_has(world, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(world, "termijn@example.org")
    assert "U hebt 30 dagen om ja te zeggen. Daarna vervalt de uitnodiging." in mailoutbox[-1].body


def test_the_overview_says_an_invitation_expired(client, world):
    person = world.user("plain")
    _age(invited_membership(world, person), rules.INVITATION_DAYS + 1)
    client.force_login(person)
    html = client.get(reverse("dashboards:dashboard")).content.decode()
    assert "Uitnodiging van Cliëntenpanel Noordkust is verlopen" in html and "Zeg ja of nee" not in html
