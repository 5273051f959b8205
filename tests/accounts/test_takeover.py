"""M1 and L8 of the security probe (2026-12): the beheerder's account actions use the data export's region rule,
and confirming an address never tells staff whether it has an account. The M1 tests failed on the old main."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import signing
from django.urls import reverse

from inspraak.accounts import services
from inspraak.accounts.models import LoginCode, Role, RoleAssignment, User
from inspraak.audit.models import AuditEvent
from inspraak.members.models import Membership, Status
from tests.factories import paper_member

pytestmark = pytest.mark.django_db


def _person_url(name, world, person):
    return reverse(f"accounts:{name}", kwargs={"region": world.region.slug, "pk": person.pk})


def _data_elsewhere(world):
    """The probe's user 28: roles only in our region, but an ended membership with an address in the other one."""
    person = paper_member(world).user
    Membership.objects.create(
        body=world.other_body,
        user=person,
        body_role="lid",
        category="client",
        term_start=datetime.date(2024, 1, 1),
        term_end=datetime.date(2027, 12, 31),
        status=Status.ENDED,
        ended_on=datetime.date(2026, 6, 30),
        contact_address="Geheimstraat 12, Tweedorp",
        needs_other="tolk",
    )
    return person


def test_m1_no_account_takeover_of_someone_with_data_in_another_region(admin_client, world):
    person = _data_elsewhere(world)
    # The export is refused, as designed ...
    assert admin_client.get(reverse("privacy:person_data", args=[world.region.slug, person.pk])).status_code == 403
    # ... and so is every way into the account.
    assert admin_client.get(_person_url("person_edit", world, person)).status_code == 403
    edit = admin_client.post(_person_url("person_edit", world, person), {"name": "X", "email": "mij@example.org"})
    assert edit.status_code == 403
    assert admin_client.post(_person_url("login_code_issue", world, person)).status_code == 403
    assert admin_client.post(_person_url("person_deactivate", world, person)).status_code == 403
    assert admin_client.post(_person_url("person_activate", world, person)).status_code == 403
    assert not LoginCode.objects.filter(user=person).exists()
    person.refresh_from_db()
    assert person.pending_email == "" and person.is_active
    page = admin_client.get(_person_url("person", world, person)).content.decode()
    assert _person_url("login_code_issue", world, person) not in page
    assert _person_url("person_edit", world, person) not in page
    assert "Geheimstraat" not in page


def test_beheerder_prints_a_code_only_for_a_paper_only_person_of_the_region(admin_client, world):
    person = paper_member(world).user
    page = admin_client.get(_person_url("person", world, person)).content.decode()
    assert _person_url("login_code_issue", world, person) in page
    assert admin_client.post(_person_url("login_code_issue", world, person)).status_code == 200
    # Someone with email (and a password) logs in themself: no letter, and no button.
    assert admin_client.post(_person_url("login_code_issue", world, world.client)).status_code == 403
    page = admin_client.get(_person_url("person", world, world.client)).content.decode()
    assert _person_url("login_code_issue", world, world.client) not in page


def test_beheerder_prints_no_code_for_an_account_made_elsewhere(admin_client, world):
    person = paper_member(world).user
    person.created_in_region = world.other_region
    person.save()
    assert admin_client.post(_person_url("login_code_issue", world, person)).status_code == 403


# ---------------------------------------------------------------- confirming an address (L8)


def _token_url(person, email):
    token = signing.dumps({"p": person.pk, "e": email}, salt=services.EMAIL_CONFIRM_SALT)
    return reverse("accounts:email_confirm", args=[token])


def test_a_free_address_is_confirmed_by_its_owner(client, world, mailoutbox, django_capture_on_commit_callbacks):
    person = services.person_create(name="Nieuw", email=None, region=world.region, by=world.user("admin"))
    with django_capture_on_commit_callbacks(execute=True):
        services.person_email_propose(person=person, email="Nieuw@Example.org", region=world.region, by=None)
    url = re.search(r"http://\S+(/e-mailadres-bevestigen/\S+/)", mailoutbox[0].body).group(1)
    assert "Ja, dit is mijn e-mailadres" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:link_request")
    person.refresh_from_db()
    assert person.email == "nieuw@example.org" and person.pending_email == ""
    assert AuditEvent.objects.filter(action="person.email_confirm").count() == 1
    assert client.get(url).status_code == 404  # used


def test_an_address_with_an_account_is_only_linked_by_its_owner(client, world):
    owner = world.user("other_region_admin")
    person = services.person_create(name="Placeholder", email=None, region=world.region, by=world.user("admin"))
    services.person_email_propose(person=person, email=owner.email, region=world.region, by=world.user("admin"))
    services.role_grant(person=person, role=Role.POLICY_OFFICER, region=world.region, by=world.user("admin"))
    url = _token_url(person, owner.email)
    # Not logged in, or logged in as someone else (the beheerder who typed it): asked to log in, nothing changes.
    for actor in (None, "admin"):
        if actor:
            client.force_login(world.user(actor))
        assert "Log eerst in" in client.get(url).content.decode()
        assert client.post(url).status_code == 200
    assert not RoleAssignment.objects.filter(user=owner, region=world.region).exists()
    # The owner, logged in as themself, says yes: the roles move to their own account.
    client.force_login(owner)
    assert client.post(url).status_code == 302
    assert RoleAssignment.objects.filter(user=owner, region=world.region, role=Role.POLICY_OFFICER).exists()
    person.refresh_from_db()
    assert not person.is_active and person.pending_email == "" and not person.role_assignments.exists()
    assert AuditEvent.objects.filter(action="person.link", actor=owner).count() == 1


def test_a_replaced_or_tampered_link_does_nothing(client, world):
    person = services.person_create(name="Nieuw", email=None, region=world.region, by=None)
    services.person_email_propose(person=person, email="eerste@example.org", region=world.region, by=None)
    old = _token_url(person, "eerste@example.org")
    services.person_email_propose(person=person, email="tweede@example.org", region=world.region, by=None)
    assert client.post(old).status_code == 404
    assert client.post(_token_url(person, "tweede@example.org")[:-3] + "xx/").status_code == 404
    assert User.objects.get(pk=person.pk).email is None
