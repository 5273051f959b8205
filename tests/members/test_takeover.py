"""H1 of the security probe (2026-12): a secretary must never end up able to log in as someone else.

Each test follows the probe's reproduction steps and failed on the old main (commit 7e0d01b).
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from inspraak.accounts import services as account_services
from inspraak.accounts.models import LoginCode, Role, RoleAssignment
from inspraak.audit.models import AuditEvent
from inspraak.members import permissions, selectors
from inspraak.members.models import Membership, Status
from tests.factories import UserFactory, invited_membership, paper_member

pytestmark = pytest.mark.django_db


def _url(world, name, **extra):
    return reverse(f"members:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, **extra})


def _new(world, email, name="Ex Lid Tweede"):
    return {
        "name": name,
        "email": email,
        "status": "actief",
        "body_role": "lid",
        "category": "client",
        "municipality": world.municipality.pk,
        "term_start": "2026-12-01",
        "contact_phone": "0600000000",
    }


def _ex_member_elsewhere(world):
    """The probe's user 28: an ex-member of the other region, no roles left, with an address and needs there."""
    victim = UserFactory(email="exlid2@example.org", name="Ex Lid Tweede", created_in_region=world.other_region)
    Membership.objects.create(
        body=world.other_body,
        user=victim,
        body_role="lid",
        category="client",
        term_start=datetime.date(2024, 1, 1),
        term_end=datetime.date(2027, 12, 31),
        status=Status.ENDED,
        ended_on=datetime.date(2026, 6, 30),
        end_reason="Verhuisd",
        contact_phone="0612345678",
        contact_address="Geheimstraat 12, Tweedorp",
        needs_other="Ik heb schulden en een uitkering",
    )
    return victim


def _code_login(client, code):
    return client.post(reverse("accounts:code_login"), {"code": code})


def test_h1_secretary_cannot_take_over_a_role_less_account_of_another_region(client, world):
    victim = _ex_member_elsewhere(world)
    client.force_login(world.user("secretary"))
    # Step 2: adding the member with the victim's email.
    response = client.post(_url(world, "new"), _new(world, victim.email, name="Wie Dan Ook"))
    assert response.status_code == 302
    membership = Membership.objects.get(user=victim, body=world.body)
    assert membership.status == Status.INVITED
    assert not RoleAssignment.objects.filter(user=victim).exists()
    # Step 3: no code letter.
    detail = client.get(response["Location"]).content.decode()
    assert _url(world, "code_letter", pk=membership.pk) not in detail
    assert client.post(_url(world, "code_letter", pk=membership.pk)).status_code == 403
    assert not LoginCode.objects.filter(user=victim).exists()
    # Steps 4-5: nothing to log in with, and nothing of the other region (nor the real name) on the page.
    for secret in ("Ex Lid Tweede", "Geheimstraat", "schulden", "0612345678"):
        assert secret not in detail


def test_h1_secretary_cannot_take_over_a_member_of_another_body_of_the_region(client, world):
    # The probe's lidpolder / lidp3: a member of the municipal body only, with email and password.
    victim = UserFactory(email="lidpolder@example.org", name="Lid Polder", created_in_region=world.region)
    RoleAssignment.objects.create(user=victim, role=Role.MEMBER, region=world.region, body=world.municipal_body)
    client.force_login(world.user("secretary"))
    response = client.post(_url(world, "new"), _new(world, victim.email, name="Lid Polder"))
    membership = Membership.objects.get(user=victim, body=world.body)
    assert response.status_code == 302 and membership.status == Status.INVITED
    assert client.post(_url(world, "code_letter", pk=membership.pk)).status_code == 403
    assert set(victim.role_assignments.values_list("body_id", flat=True)) == {world.municipal_body.pk}
    # The victim's own password keeps working, and the victim decides.
    client.logout()
    response = client.post(reverse("accounts:login"), {"username": victim.email, "password": "geheim-wachtwoord-123"})
    assert response.status_code == 302


def test_h1_no_code_letter_for_a_paper_member_who_also_sits_in_another_body(client, world):
    member = paper_member(world)
    RoleAssignment.objects.create(user=member.user, role=Role.MEMBER, region=world.region, body=world.municipal_body)
    client.force_login(world.user("secretary"))
    assert client.post(_url(world, "code_letter", pk=member.pk)).status_code == 403
    assert not LoginCode.objects.filter(user=member.user).exists()


def test_h1_no_code_letter_for_an_account_made_in_another_region(client, world):
    member = paper_member(world)
    member.user.created_in_region = world.other_region
    member.user.save()
    client.force_login(world.user("secretary"))
    assert client.post(_url(world, "code_letter", pk=member.pk)).status_code == 403


def test_h1_no_code_letter_when_another_region_holds_data(client, world):
    member = paper_member(world)
    Membership.objects.create(
        body=world.other_body,
        user=member.user,
        body_role="lid",
        category="client",
        term_start=datetime.date(2024, 1, 1),
        term_end=datetime.date(2027, 12, 31),
        status=Status.ENDED,
        ended_on=datetime.date(2026, 6, 30),
        contact_address="Geheimstraat 12",
    )
    client.force_login(world.user("secretary"))
    assert client.post(_url(world, "code_letter", pk=member.pk)).status_code == 403
    assert not permissions.can_print_code_letter(world.user("admin"), selectors.with_account_scope(member))


def test_code_letter_for_a_paper_member_of_the_own_body_still_works(client, world):
    member = paper_member(world)
    client.force_login(world.user("secretary"))
    assert _url(world, "code_letter", pk=member.pk) in client.get(_url(world, "detail", pk=member.pk)).content.decode()
    response = client.post(_url(world, "code_letter", pk=member.pk))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert LoginCode.objects.filter(user=member.user, revoked_at__isnull=True).count() == 1


def _printed_code(world, membership) -> str:
    return account_services.login_code_issue(
        person=membership.user, region=world.region, by=world.user("secretary")
    ).code


def test_h1_covering_tracks_ending_the_membership_stops_the_code(client, world):
    member = paper_member(world)
    code = _printed_code(world, member)
    client.force_login(world.user("secretary"))
    response = client.post(_url(world, "end", pk=member.pk), {"reason": "Gestopt", "ended_on": "2026-12-01"})
    assert response.status_code == 302
    client.logout()
    response = _code_login(client, code)
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert not LoginCode.objects.filter(user=member.user, revoked_at__isnull=True).exists()
    event = AuditEvent.objects.get(action="login_code.revoke")
    assert event.actor == world.user("secretary") and "lidmaatschap beëindigd" in event.target_label


def test_h1_escalation_a_higher_role_stops_the_code(client, world):
    member = paper_member(world)
    code = _printed_code(world, member)
    client.force_login(world.user("admin"))
    url = reverse("accounts:role_grant", kwargs={"region": world.region.slug, "pk": member.user_id})
    assert client.post(url, {"role": "beheerder"}).status_code == 302
    client.logout()
    assert _code_login(client, code).status_code == 200
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login_code.revoke", actor=world.user("admin")).count() == 1


def test_a_secretary_role_through_a_membership_stops_the_code(world):
    member = paper_member(world)
    _printed_code(world, member)
    from inspraak.members import services

    services.membership_update(membership=member, by=world.user("admin"), body_role="secretaris")
    assert not LoginCode.objects.filter(user=member.user, revoked_at__isnull=True).exists()


def test_a_role_in_another_region_stops_the_code(world):
    member = paper_member(world)
    _printed_code(world, member)
    account_services.role_grant(
        person=member.user, role=Role.MEMBER, region=world.other_region, body=world.other_body, by=None
    )
    assert not LoginCode.objects.filter(user=member.user, revoked_at__isnull=True).exists()


def test_another_member_role_in_the_same_region_keeps_the_code(world):
    member = paper_member(world)
    _printed_code(world, member)
    account_services.role_grant(
        person=member.user, role=Role.MEMBER, region=world.region, body=world.municipal_body, by=None
    )
    assert LoginCode.objects.filter(user=member.user, revoked_at__isnull=True).exists()


def test_the_code_backend_refuses_a_person_who_no_longer_fits(client, world):
    member = paper_member(world)
    code = _printed_code(world, member)
    # A role in another region written without the services (nothing revoked the code).
    assignment = RoleAssignment.objects.create(
        user=member.user, role=Role.MEMBER, region=world.other_region, body=world.other_body
    )
    assert _code_login(client, code).status_code == 200
    assignment.delete()
    assert _code_login(client, code).status_code == 302
    client.logout()
    # An email address (so a reset link) makes the code pointless: refused too.
    member.user.email = "nu-met-mail@example.org"
    member.user.save()
    assert _code_login(client, code).status_code == 200


# ---------------------------------------------------------------- the invitation page


def test_the_invited_person_says_yes(client, world):
    person = world.user("plain")
    membership = invited_membership(world, person)
    client.force_login(person)
    dashboard = client.get(reverse("dashboards:dashboard")).content.decode()
    url = reverse("members:invitation", kwargs={"pk": membership.pk})
    assert url in dashboard
    page = client.get(url).content.decode()
    assert "Doet u mee met Cliëntenpanel Noordkust?" in page
    response = client.post(url, {"answer": "ja"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == Status.ACTIVE
    assert RoleAssignment.objects.filter(user=person, body=world.body, role=Role.MEMBER).exists()
    assert client.get(url).status_code == 404  # answered: gone


def test_the_invited_person_says_no(client, world):
    person = world.user("plain")
    membership = invited_membership(world, person)
    client.force_login(person)
    response = client.post(reverse("members:invitation", kwargs={"pk": membership.pk}), {"answer": "nee"})
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert not RoleAssignment.objects.filter(user=person).exists()


def test_an_answer_is_required_and_nobody_else_answers(client, world):
    person = world.user("plain")
    membership = invited_membership(world, person)
    url = reverse("members:invitation", kwargs={"pk": membership.pk})
    client.force_login(person)
    response = client.post(url, {"answer": "misschien"})
    assert response.status_code == 200 and "Kies ja of nee." in response.content.decode()
    for actor in ("secretary", "admin", "member"):
        client.force_login(world.user(actor))
        assert client.post(url, {"answer": "ja"}).status_code == 404
    membership.refresh_from_db()
    assert membership.status == Status.INVITED


def test_invited_members_are_listed_by_the_typed_name(client, world):
    person = UserFactory(email="aaa@example.org", name="Aaaa Echte Naam")
    invited_membership(world, person)
    client.force_login(world.user("secretary"))
    html = client.get(_url(world, "list")).content.decode()
    assert "Getypte Naam" in html and "Aaaa Echte Naam" not in html
    assert "Wacht op bevestiging" in html
    assert "Getypte Naam" in client.get(_url(world, "list") + "?status=wacht").content.decode()


def test_the_secretary_withdraws_an_unanswered_invitation(client, world):
    person = UserFactory(email="aaa@example.org", name="Aaaa Echte Naam")
    membership = invited_membership(world, person)
    client.force_login(world.user("secretary"))
    url = _url(world, "end", pk=membership.pk)
    page = client.get(url).content.decode()
    assert "Uitnodiging intrekken" in page and "Aaaa Echte Naam" not in page
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == _url(world, "list")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(action="membership.withdraw", actor=world.user("secretary")).count() == 1


def test_l8_the_region_sees_the_same_for_a_new_address_and_one_with_an_account_elsewhere(client, world):
    elsewhere = world.user("other_region_admin")
    client.force_login(world.user("secretary"))

    def region_log_of(email, name):
        last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        assert client.post(_url(world, "new"), _new(world, email, name=name)).status_code == 302
        rows = AuditEvent.objects.filter(region=world.region, pk__gt=last).order_by("pk")
        return list(rows.values_list("action", "target_type"))

    # The region's audit log gets the same rows for both ...
    assert region_log_of("nieuw-adres@example.org", "Naam Een") == region_log_of(elsewhere.email, "Naam Twee")
    # ... and its people list shows neither.
    client.force_login(world.user("admin"))
    people = client.get(reverse("accounts:people", args=[world.region.slug])).content.decode()
    assert "Naam Een" not in people and "Naam Twee" not in people and elsewhere.name not in people
    assert Membership.objects.get(invited_name="Naam Een").user.created_in_region is None


def test_a_new_account_joins_the_region_on_yes_and_is_erased_on_no(world):
    from inspraak.members import services

    def invite(email):
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

    yes = invite("ja@example.org")
    services.invitation_accept(membership=yes, by=yes.user)
    yes.user.refresh_from_db()
    assert yes.user.created_in_region == world.region
    no = invite("nee@example.org")
    services.invitation_decline(membership=no, by=no.user)
    no.user.refresh_from_db()
    assert no.user.email is None and no.user.erased_at is not None and no.user.name != "Getypte Naam"
    taken_back = invite("terug@example.org")
    services.invitation_withdraw(membership=taken_back, by=world.user("secretary"))
    taken_back.user.refresh_from_db()
    assert taken_back.user.erased_at is not None
    # An account that existed before the invitation is never erased by a no.
    existing = UserFactory(email="bestaat@example.org")
    old = invite(existing.email)
    services.invitation_decline(membership=old, by=existing)
    existing.refresh_from_db()
    assert existing.erased_at is None and existing.email == "bestaat@example.org"
