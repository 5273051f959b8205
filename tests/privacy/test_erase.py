"""AVG art. 17: the beheerder erases a person's data on request; the audit trail and the history stay."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from inspraak.accounts import services as account_services
from inspraak.accounts.models import LoginCode, LoginLink, Role, RoleAssignment, User
from inspraak.audit.models import AuditEvent
from inspraak.core.models import OutgoingSms
from inspraak.members.models import ConsentRecord, Membership, MembershipEvent, Status
from inspraak.privacy import services
from inspraak.privacy.contrib import ERASED_CONTACT, ERASED_NAME, ERASED_REASON
from tests.factories import RoleAssignmentFactory
from tests.privacy.conftest import (
    ADDRESS,
    CONTACT_EMAIL,
    EMAIL,
    NAME,
    NEED,
    OLD_REASON,
    PHONE,
    PHONE_E164,
    grow_data,
)
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _url(name, world, person):
    return reverse(f"privacy:{name}", kwargs={"region": world.region.slug, "pk": person.pk})


def _dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


def _erase(admin_client, world, person):
    return admin_client.post(_url("person_erase", world, person))


# ---------------------------------------------------------------- what is erased


def test_erasure_removes_the_personal_data_from_the_whole_database(admin_client, fenna, world):
    dump = _dump()
    for value in (NAME, EMAIL, CONTACT_EMAIL, PHONE, PHONE_E164, NEED, OLD_REASON):
        assert value in dump  # the test data really is there before
    assert ADDRESS.encode("unicode_escape").decode() in dump or ADDRESS in dump

    response = _erase(admin_client, world, fenna)
    assert response.status_code == 302

    dump = _dump()
    for value in (NAME, EMAIL, CONTACT_EMAIL, PHONE, PHONE_E164, NEED, OLD_REASON, ADDRESS, "Zwaluwstaart", "fenna"):
        assert value not in dump, f"{value!r} is still in the database"


def test_the_account_is_anonymised_and_locked(admin_client, fenna, world):
    _erase(admin_client, world, fenna)
    fenna.refresh_from_db()
    assert fenna.name == ERASED_NAME
    assert fenna.email is None
    assert not fenna.has_usable_password()
    assert fenna.is_active is False
    assert fenna.erased_at is not None
    assert not RoleAssignment.objects.filter(user=fenna).exists()
    assert not LoginCode.objects.filter(user=fenna).exists()
    assert not LoginLink.objects.filter(user=fenna).exists()


def test_memberships_end_and_lose_contact_needs_and_consent(admin_client, fenna, world):
    _erase(admin_client, world, fenna)
    memberships = list(Membership.objects.filter(user=fenna))
    assert len(memberships) == 2
    for m in memberships:
        assert m.status == Status.ENDED and m.ended_on is not None
        assert m.end_reason == ERASED_REASON
        assert (m.contact_email, m.contact_phone, m.contact_address) == ("", "", ERASED_CONTACT)
        assert m.needs == [] and not m.under_27 and m.under_27_until is None
        assert not m.consent_named_to_members and not m.consent_named_publicly and not m.sms_consent
    active = next(m for m in memberships if m.body == world.municipal_body)
    latest = {kind: active.consents.filter(kind=kind).latest("at", "id").granted for kind in ConsentRecord.Kind}
    assert latest == {
        ConsentRecord.Kind.NAMED_TO_MEMBERS: False,
        ConsentRecord.Kind.NAMED_PUBLICLY: False,
        ConsentRecord.Kind.SMS: False,
    }
    assert not OutgoingSms.objects.filter(person=fenna).exists()
    status_events = active.events.filter(kind=MembershipEvent.Kind.STATUS)
    assert [(e.from_status, e.to_status) for e in status_events] == [(Status.ACTIVE, Status.ENDED)]
    assert status_events[0].by == world.user("admin")


def test_audit_trail_and_history_stay_and_hold_no_names(admin_client, fenna, world):
    before = {
        "audit": set(AuditEvent.objects.values_list("pk", flat=True)),
        "events": set(MembershipEvent.objects.values_list("pk", flat=True)),
        "consents": set(ConsentRecord.objects.values_list("pk", flat=True)),
    }
    revokes = AuditEvent.objects.filter(action="role.revoke").count()
    _erase(admin_client, world, fenna)
    assert before["audit"] < set(AuditEvent.objects.values_list("pk", flat=True))
    assert before["events"] < set(MembershipEvent.objects.values_list("pk", flat=True))
    assert before["consents"] < set(ConsentRecord.objects.values_list("pk", flat=True))
    erase = AuditEvent.objects.get(action="person.erase")
    assert (erase.actor, erase.region, erase.target_id) == (world.user("admin"), world.region, str(fenna.pk))
    assert erase.target_label == f"persoon #{fenna.pk}"
    assert erase.changed_fields == sorted(services.ERASED_FIELDS)
    assert AuditEvent.objects.filter(action="role.revoke").count() == revokes + 2  # the member roles of both bodies
    assert AuditEvent.objects.filter(action="membership.end").count() == 2  # the earlier end and today's
    for event in AuditEvent.objects.all():
        assert NAME not in event.target_label and EMAIL not in event.target_label


def test_an_erased_person_cannot_log_in_any_way(admin_client, fenna, world):
    fenna.set_password("een-sterk-wachtwoord-1")
    fenna.save()
    code = account_services.login_code_issue(person=fenna, region=world.region, by=world.user("admin")).code
    client = Client()
    client.force_login(fenna)
    assert _erase(admin_client, world, fenna).status_code == 302

    # The open session ends.
    response = client.get(reverse("accounts:account"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    # No password, no code, no link.
    stranger = Client()
    stranger.post(reverse("accounts:login"), {"username": EMAIL, "password": "een-sterk-wachtwoord-1"})
    stranger.post(reverse("accounts:code_login"), {"code": code})
    assert "_auth_user_id" not in stranger.session
    assert not account_services.login_link_request(email=EMAIL)


def test_the_people_list_shows_an_erased_person_without_name(admin_client, fenna, world):
    _erase(admin_client, world, fenna)
    html = admin_client.get(reverse("accounts:people", args=[world.region.slug])).content.decode()
    assert NAME not in html
    assert ERASED_NAME in html  # created in this region, so still listed, without name
    person_page = admin_client.get(reverse("accounts:person", args=[world.region.slug, fenna.pk])).content.decode()
    assert "zijn verwijderd op" in person_page
    assert _url("person_erase", world, fenna) not in person_page
    assert reverse("accounts:person_activate", args=[world.region.slug, fenna.pk]) not in person_page
    assert reverse("accounts:role_grant", args=[world.region.slug, fenna.pk]) not in person_page


# ---------------------------------------------------------------- the pages


def test_confirmation_page_explains_in_plain_dutch(admin_client, fenna, world):
    response = admin_client.get(_url("person_erase", world, fenna))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Gegevens van {NAME} verwijderen?" in html
    assert "Dit kunt u niet ongedaan maken." in html
    assert "Het logboek en de geschiedenis van de lidmaatschappen blijven." in html
    assert _url("person_data", world, fenna) in html
    assert '<form method="post"' in html
    assert Membership.objects.filter(user=fenna, status=Status.ACTIVE).exists()  # GET changes nothing


def test_confirmation_page_query_count_does_not_grow(admin_client, fenna, world):
    assert_constant_queries(admin_client, _url("person_erase", world, fenna), grow_data(world, fenna))


def test_success_goes_to_the_people_list_with_a_message(admin_client, fenna, world):
    response = admin_client.post(_url("person_erase", world, fenna), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:people", args=[world.region.slug])
    html = response.content.decode()
    assert f"De gegevens van persoon #{fenna.pk} zijn verwijderd." in html


def test_erasing_twice_gets_a_clear_message_and_changes_nothing(admin_client, fenna, world):
    _erase(admin_client, world, fenna)
    count = AuditEvent.objects.count()
    response = admin_client.post(_url("person_erase", world, fenna), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "zijn al verwijderd. Dat kan maar één keer." in html
    assert "Gegevens al verwijderd" in html and "Ja, gegevens verwijderen" not in html
    assert AuditEvent.objects.count() == count
    with pytest.raises(services.AlreadyErasedError):
        services.person_erase(person=User.objects.get(pk=fenna.pk), region=world.region, by=world.user("admin"))


def test_nobody_erases_their_own_account(admin_client, world):
    admin = world.user("admin")
    assert admin_client.get(_url("person_erase", world, admin)).status_code == 403
    assert admin_client.post(_url("person_erase", world, admin)).status_code == 403
    admin.refresh_from_db()
    assert admin.erased_at is None and admin.is_active


def test_no_erasure_of_someone_with_a_role_in_another_region(admin_client, fenna, world):
    RoleAssignmentFactory(user=fenna, role=Role.MEMBER, region=world.other_region, body=world.other_body)
    assert admin_client.post(_url("person_erase", world, fenna)).status_code == 403
    fenna.refresh_from_db()
    assert fenna.name == NAME and fenna.erased_at is None


def test_beheerder_of_another_region_gets_404(client, fenna, world):
    client.force_login(world.user("other_region_admin"))
    assert client.post(_url("person_erase", world, fenna)).status_code == 404
    fenna.refresh_from_db()
    assert fenna.erased_at is None


def test_erasure_is_one_transaction(admin_client, fenna, world, restore_registry):
    def broken(user):
        raise RuntimeError("part failed")

    restore_registry.register("broken", exporter=lambda user: {}, eraser=broken, order=5)  # erased after members
    audit_rows = AuditEvent.objects.count()
    with pytest.raises(RuntimeError):
        services.person_erase(person=fenna, region=world.region, by=world.user("admin"))
    fenna.refresh_from_db()
    assert fenna.name == NAME and fenna.email == EMAIL and fenna.is_active and fenna.erased_at is None
    assert Membership.objects.filter(user=fenna, status=Status.ACTIVE).count() == 1
    assert Membership.objects.filter(user=fenna, contact_phone=PHONE).count() == 2
    assert AuditEvent.objects.count() == audit_rows


def test_every_registered_eraser_runs_with_the_acting_beheerder(admin_client, fenna, world, restore_registry):
    seen = []

    def eraser(user):
        # Runs before the account part: the person's email is still there to look things up with.
        seen.append((user.pk, user.email, restore_registry.acting_user()))

    restore_registry.register("extra", exporter=lambda user: {}, eraser=eraser, order=90)
    _erase(admin_client, world, fenna)
    assert seen == [(fenna.pk, EMAIL, world.user("admin"))]
    assert restore_registry.acting_user() is None
