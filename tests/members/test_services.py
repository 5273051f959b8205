"""Membership services: history, consent records, audit rows and the access role kept in step."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.accounts.roles import roles_of
from inspraak.audit.models import AuditEvent
from inspraak.members import services
from inspraak.members.models import ConsentRecord, Membership, MembershipEvent, Status
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 1)


def _join(world, user=None, **extra):
    fields = {
        "body": world.body,
        "user": user or UserFactory(name="Nieuw Lid"),
        "body_role": "lid",
        "category": "client",
        "municipality": world.municipality,
        "term_start": START,
        "contact_phone": "0612345678",
        "by": world.user("secretary"),
    }
    fields.update(extra)
    return services.membership_create(**fields)


def test_create_sets_the_default_term_grants_the_role_and_records_consent(world):
    membership = _join(world, consent_named_to_members=True)
    assert membership.term_end == datetime.date(2029, 12, 31)
    assert RoleAssignment.objects.filter(user=membership.user, body=world.body, role=Role.MEMBER).exists()
    assert Role.MEMBER in roles_of(membership.user).roles_in_body(world.body.pk)
    consents = {c.kind: c.granted for c in ConsentRecord.objects.filter(membership=membership)}
    assert consents == {"leden": True}  # nobody asked about "openbaar": no "nee" is made up (B14)
    assert MembershipEvent.objects.filter(membership=membership, kind="aangemaakt", to_status="actief").exists()
    event = AuditEvent.objects.get(action="membership.create")
    assert "Nieuw Lid" not in event.target_label


def test_a_candidate_gets_no_access_until_activated(world):
    membership = _join(world, status=Status.CANDIDATE)
    assert not RoleAssignment.objects.filter(user=membership.user, body=world.body).exists()
    services.membership_activate(membership=membership, by=world.user("secretary"))
    assert RoleAssignment.objects.filter(user=membership.user, body=world.body, role=Role.MEMBER).exists()
    with pytest.raises(services.MembersError):
        services.membership_activate(membership=membership, by=world.user("secretary"))


def test_duplicate_open_membership_is_refused(world):
    membership = _join(world)
    with pytest.raises(services.MembersError):
        _join(world, user=membership.user)
    # After it ended, the person can join again.
    services.membership_end(membership=membership, by=None, reason="Verhuisd", ended_on=datetime.date(2026, 6, 1))
    assert _join(world, user=membership.user).status == Status.ACTIVE


def test_municipality_of_another_region_is_refused(world):
    with pytest.raises(ValueError):
        _join(world, municipality=world.other_municipality)


def test_ending_takes_the_role_away_and_keeps_history(world):
    membership = _join(world)
    services.membership_end(membership=membership, by=world.user("secretary"), reason="Wil stoppen", ended_on=START)
    assert not RoleAssignment.objects.filter(user=membership.user, body=world.body).exists()
    events = list(MembershipEvent.objects.filter(membership=membership).values_list("kind", "from_status", "to_status"))
    assert events == [("aangemaakt", "", "actief"), ("status", "actief", "beeindigd")]
    with pytest.raises(services.MembersError):
        services.membership_end(membership=membership, by=None, reason="x", ended_on=START)


def test_ending_leaves_a_role_that_another_membership_or_the_beheerder_gave(world):
    # The world's member actor has a role from the beheerder and a membership: ending keeps a role only
    # while another active membership needs it.
    member = world.member_membership
    services.membership_end(membership=member, by=None, reason="Verhuisd", ended_on=START)
    assert not RoleAssignment.objects.filter(user=member.user, body=world.body, role=Role.MEMBER).exists()
    # The secretary role of world.users["secretary"] has no membership: nothing touches it.
    assert RoleAssignment.objects.filter(user=world.user("secretary"), role=Role.SECRETARY).exists()


def test_changing_the_body_role_swaps_the_access_role(world):
    membership = _join(world)
    services.membership_update(membership=membership, by=world.user("admin"), body_role="secretaris")
    roles = set(RoleAssignment.objects.filter(user=membership.user, body=world.body).values_list("role", flat=True))
    assert roles == {Role.SECRETARY}


def test_update_records_field_names_never_values(world):
    membership = _join(world)
    services.membership_update(
        membership=membership, by=world.user("secretary"), contact_phone="0699999999", under_27=True
    )
    kinds = dict(MembershipEvent.objects.filter(membership=membership).values_list("kind", "changed_fields"))
    assert kinds["gegevens"] == ["contact_phone"] and kinds["onder_27"] == ["under_27"]
    audit = AuditEvent.objects.filter(action="membership.update").get()
    assert set(audit.changed_fields) == {"contact_phone", "under_27"}
    assert "0699999999" not in str(audit.__dict__)


def test_renew_once_then_no_more_terms(world):
    membership = _join(world)
    services.membership_renew(membership=membership, by=world.user("secretary"))
    assert membership.term_number == 2 and membership.term_end == datetime.date(2033, 12, 31)
    with pytest.raises(services.MembersError):
        services.membership_renew(membership=membership, by=world.user("secretary"))


def test_consent_withdrawal_is_appended(world):
    membership = _join(world, consent_named_publicly=True)
    services.consent_set(
        membership=membership, kind=ConsentRecord.Kind.NAMED_PUBLICLY, granted=False, source="zelf", by=membership.user
    )
    membership.refresh_from_db()
    assert membership.consent_named_publicly is False
    history = list(
        ConsentRecord.objects.filter(membership=membership, kind="openbaar").values_list("granted", "source")
    )
    assert history == [(True, "vastgelegd"), (False, "zelf")]
    assert AuditEvent.objects.filter(action="consent.withdraw").count() == 1
    # The same answer again adds nothing.
    services.consent_set(membership=membership, kind="openbaar", granted=False, source="zelf", by=membership.user)
    assert ConsentRecord.objects.filter(membership=membership, kind="openbaar").count() == 2


def _member_join(world, email, name="Getypte Naam", **extra):
    fields = {
        "body": world.body,
        "name": name,
        "email": email,
        "term_start": START,
        "by": world.user("secretary"),
        "body_role": "lid",
        "category": "client",
        "municipality": world.municipality,
        "contact_phone": "0611111111",
    }
    fields.update(extra)
    return services.member_join(**fields)


def test_join_with_an_email_of_an_account_invites_it_without_access(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="bestaand@example.org", name="Bestaand")
    with django_capture_on_commit_callbacks(execute=True):
        membership = _member_join(world, "Bestaand@Example.org", contact_email="bestaand@example.org")
    # Changed behaviour (H1): the account is not attached with access; it waits for the person's yes.
    assert membership.user == existing and membership.status == Status.INVITED
    assert membership.invited_status == Status.ACTIVE and membership.display_name == "Getypte Naam"
    assert not RoleAssignment.objects.filter(user=existing).exists()
    assert [m.to for m in mailoutbox] == [["bestaand@example.org"]]
    assert f"/mijn-uitnodigingen/{membership.pk}/" in mailoutbox[0].body
    fresh = _member_join(world, None, name="Zonder Mail")
    assert fresh.user.email is None and fresh.user.created_in_region == world.region
    assert fresh.status == Status.ACTIVE


def test_join_with_an_email_of_another_region_invites_too(world):
    # Changed behaviour (L8): no "you cannot add this person" error that tells the address has an account.
    admin2 = world.user("other_region_admin")
    membership = _member_join(world, admin2.email)
    assert membership.status == Status.INVITED and membership.display_name == "Getypte Naam"
    assert set(admin2.role_assignments.values_list("role", flat=True)) == {Role.ADMIN}


def test_accepting_an_invitation_gives_the_chosen_status_and_role(world):
    person = UserFactory(email="uitgenodigd@example.org", name="Echte Naam")
    membership = _member_join(world, person.email, status=Status.CANDIDATE)
    services.invitation_accept(membership=membership, by=person)
    membership.refresh_from_db()
    assert membership.status == Status.CANDIDATE and membership.invited_name == ""
    assert membership.display_name == "Echte Naam"
    assert AuditEvent.objects.filter(action="membership.confirm", actor=person).count() == 1
    active = _member_join(world, person.email, body=world.municipal_body)
    services.invitation_accept(membership=active, by=person)
    assert RoleAssignment.objects.filter(user=person, body=world.municipal_body, role=Role.MEMBER).exists()


def test_only_the_invited_person_answers(world):
    person = UserFactory(email="uitgenodigd@example.org")
    membership = _member_join(world, person.email)
    with pytest.raises(services.MembersError):
        services.invitation_accept(membership=membership, by=world.user("secretary"))
    with pytest.raises(services.MembersError):
        services.invitation_decline(membership=membership, by=world.user("secretary"))
    assert Membership.objects.get(pk=membership.pk).status == Status.INVITED


def test_declining_removes_the_membership_and_what_was_typed(world):
    person = UserFactory(email="uitgenodigd@example.org")
    membership = _member_join(world, person.email, contact_address="Geheimstraat 1")
    pk = membership.pk
    services.invitation_decline(membership=membership, by=person)
    assert not Membership.objects.filter(pk=pk).exists()
    assert not ConsentRecord.objects.filter(membership_id=pk).exists()
    assert AuditEvent.objects.filter(action="membership.decline", target_id=str(pk)).count() == 1


def test_term_reminders_are_due_once_per_term_end(world, mailoutbox, django_capture_on_commit_callbacks):
    soon = _join(world, term_start=datetime.date(2023, 2, 1))  # ends 31-1-2027
    later = _join(world, user=UserFactory(), term_start=START)
    due = services.term_reminders_due(today=datetime.date(2026, 11, 23))
    assert soon in due and later not in due
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.term_reminders_send(today=datetime.date(2026, 11, 23))
    assert sent == 1
    [mail] = mailoutbox
    assert mail.to == [world.user("secretary").email]
    assert "de termijn van 1 lid loopt bijna af" in mail.subject
    assert "31 januari 2027" in mail.body and "/leden/?status=actief" in mail.body
    assert "Nieuw Lid" not in mail.body
    assert services.term_reminders_due(today=datetime.date(2026, 11, 23)) == []


def test_the_under_27_mark_ends_in_its_month(world):
    membership = _join(world, under_27=True, under_27_until=datetime.date(2027, 3, 1))
    assert services.under_27_expire(today=datetime.date(2027, 2, 28)) == 0
    assert services.under_27_expire(today=datetime.date(2027, 3, 1)) == 1
    membership.refresh_from_db()
    assert membership.under_27 is False
    assert MembershipEvent.objects.filter(membership=membership, kind="onder_27").exists()
    assert services.under_27_expire(today=datetime.date(2027, 3, 2)) == 0


def test_adding_a_member_without_ticking_consent_records_no_refusal_nobody_gave(world, client):
    membership = _join(world)
    assert not ConsentRecord.objects.filter(membership=membership).exists()
    assert not AuditEvent.objects.filter(action__startswith="consent.").exists()
    client.force_login(world.user("secretary"))
    url = reverse("members:detail", kwargs={"region": world.region.slug, "body": world.body.slug, "pk": membership.pk})
    html = client.get(url).content.decode()
    assert html.count("nog niet gevraagd") == 3 and "Vastgelegd door de secretaris" not in html
    # When the member then says no, that answer is recorded.
    services.consent_set(
        membership=membership, kind=ConsentRecord.Kind.NAMED_PUBLICLY, granted=False, source="zelf", by=membership.user
    )
    assert list(ConsentRecord.objects.filter(membership=membership).values_list("kind", "granted", "source")) == [
        ("openbaar", False, "zelf")
    ]
    assert client.get(url).content.decode().count("nog niet gevraagd") == 2


def test_a_member_who_applies_and_says_no_has_that_no_recorded(world):
    membership = _join(world, consent_source=ConsentRecord.Source.APPLICATION)
    assert set(ConsentRecord.objects.filter(membership=membership).values_list("kind", "granted")) == {
        ("leden", False),
        ("openbaar", False),
    }
