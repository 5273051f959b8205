"""AVG art. 15: the person and the beheerder see and download everything Inspraak holds about the person."""

import datetime
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts import services as account_services
from inspraak.accounts.models import LoginCode, LoginLink, Role
from inspraak.audit.models import AuditEvent
from inspraak.core import privacy_registry as registry
from inspraak.members import services as member_services
from inspraak.privacy import services
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.privacy.conftest import (
    ADDRESS,
    CONTACT_EMAIL,
    EMAIL,
    NAME,
    NEED,
    OLD_REASON,
    PHONE,
    grow_data,
    membership,
    other_person,
)
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _export(person, by=None):
    return json.loads(json.dumps(services.person_export(person=person, by=by or person), cls=DjangoJSONEncoder))


def _person_url(name, world, person):
    return reverse(f"privacy:{name}", kwargs={"region": world.region.slug, "pk": person.pk})


# ---------------------------------------------------------------- content


def test_export_has_a_section_for_every_registered_part(fenna, restore_registry):
    restore_registry.register(
        "extra", title="Extra", exporter=lambda user: {"number": user.pk}, eraser=lambda user: None, order=90
    )
    data = _export(fenna)
    assert list(data["sections"]) == [part.name for part in registry.parts()]
    assert {"accounts", "members", "extra"} <= set(data["sections"])
    assert data["sections"]["extra"] == {"number": fenna.pk}
    assert data["person"] == f"persoon #{fenna.pk}"


def test_account_section_has_name_roles_and_credential_times_but_no_hashes(fenna, world):
    account = _export(fenna)["sections"]["accounts"]
    assert account["name"] == NAME
    assert account["email"] == EMAIL
    assert account["is_active"] is True
    scopes = {(r["role"], r["scope"]) for r in account["roles"]}
    assert scopes == {("Lid", world.body.name), ("Lid", world.municipal_body.name)}
    assert len(account["login_codes"]) == 1 and account["login_codes"][0]["expires_at"]
    assert len(account["login_links"]) == 1 and account["login_links"][0]["used_at"] is None
    text = json.dumps(account)
    for code in LoginCode.objects.filter(user=fenna):
        assert code.code_hash not in text
    for link in LoginLink.objects.filter(user=fenna):
        assert link.token_hash not in text
    assert fenna.password not in text and "argon2" not in text
    # What others did to her account is listed without who did it.
    assert "Persoon toegevoegd" in {e["action"] for e in account["actions_about_me"]}
    assert all(set(e) == {"at", "action"} for e in account["actions_about_me"])


def test_account_section_lists_own_actions_without_labels(fenna):
    services.person_export(person=fenna, by=fenna)  # her own export is an action of hers
    actions = _export(fenna)["sections"]["accounts"]["own_actions"]
    assert {"at", "action", "target_type"} == set(actions[-1])
    assert any(a["target_type"] == "Lidmaatschap" for a in actions)  # the consent she gave herself


def test_members_section_has_every_membership_with_consent_and_history(fenna, world):
    memberships = _export(fenna)["sections"]["members"]
    assert [m["body"] for m in memberships] == [world.body.name, world.municipal_body.name]  # by term start
    ended, active = memberships
    assert ended["status"] == "Beëindigd" and ended["end_reason"] == OLD_REASON and ended["ended_on"] == "2024-06-01"
    assert ended["category"] == "Ervaringsdeskundige"
    assert active["status"] == "Actief"
    assert active["municipality"] == world.municipality.name
    assert (active["contact_email"], active["contact_phone"], active["contact_address"]) == (
        CONTACT_EMAIL,
        PHONE,
        ADDRESS,
    )
    assert active["under_27"] is True and active["under_27_until"] == "2027-05-01"
    assert NEED in active["needs"] and "toegankelijke plek" in active["needs"]
    assert active["consent_named_to_members"] is True and active["consent_named_publicly"] is True
    assert active["sms_consent"] is True
    records = active["consent_records"]
    assert [(r["granted"], r["source"]) for r in records][-1] == (True, "Door de persoon zelf, in Inspraak")
    assert len(records) == 4  # two at the start, one when she gave public consent, one for SMS reminders
    kinds = [e["kind"] for e in active["history"]]
    assert kinds == ["Aangemaakt", "Toestemming gewijzigd", "Toestemming gewijzigd"]
    assert active["history"][1]["changed_fields"] == ["naam zichtbaar op openbare pagina's"]
    assert active["history"][2]["changed_fields"] == ["herinneringen per sms"]
    assert [e["to_status"] for e in ended["history"]] == ["Actief", "Beëindigd"]


def test_export_holds_nothing_of_other_people(fenna, world):
    admin = world.user("admin")
    secretary = world.user("secretary")
    neighbour = other_person(
        world.region, world.municipal_body, name="Buurvrouw Klaproos", email="klaproos@example.org"
    )
    membership(neighbour, world.municipal_body, admin, contact_phone="0699999999", consent_named_to_members=True)
    active = fenna.memberships.get(status="actief")
    member_services.consent_set(membership=active, kind="leden", granted=False, source="vastgelegd", by=secretary)
    text = json.dumps(_export(fenna), ensure_ascii=False)
    for person in (admin, secretary, neighbour, world.client):
        assert person.name not in text
        assert person.email not in text
    assert "0699999999" not in text
    assert f"#{neighbour.pk}" not in text


def test_a_person_without_anything_gets_empty_sections(world):
    plain = world.user("plain")
    sections = _export(plain)["sections"]
    assert sections["members"] == []
    assert sections["accounts"]["roles"] == [] and sections["accounts"]["login_codes"] == []


# ---------------------------------------------------------------- the person themself


def test_my_data_page_shows_everything_in_dutch_and_is_audited(client, fenna, world):
    client.force_login(fenna)
    response = client.get(reverse("privacy:my_data"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    for text in (NAME, EMAIL, world.body.name, world.municipal_body.name, PHONE, NEED, OLD_REASON):
        assert text in html
    for label in ("Uw account", "Lidmaatschappen", "Toestemmingen", "Geschiedenis", "Inlogcodes op papier"):
        assert label in html
    assert "ja" in html and "True" not in html and "None" not in html
    assert reverse("privacy:my_data_download") in html
    event = AuditEvent.objects.get(action="person.export")
    assert event.actor == fenna and event.target_id == str(fenna.pk) and event.region is None
    assert event.target_label == f"persoon #{fenna.pk}: bekeken"
    assert NAME not in event.target_label


def test_my_data_download_is_a_json_attachment_that_is_not_cached(client, fenna):
    client.force_login(fenna)
    response = client.post(reverse("privacy:my_data_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="inspraak-gegevens-{today}.json"'
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["sections"]["accounts"]["name"] == NAME
    assert len(data["sections"]["members"]) == 2
    assert NAME in response.content.decode()  # real characters, not \u escapes
    event = AuditEvent.objects.get(action="person.export")
    assert event.target_label == f"persoon #{fenna.pk}: download"


def test_download_needs_post(client, fenna):
    client.force_login(fenna)
    assert client.get(reverse("privacy:my_data_download")).status_code == 405
    assert not AuditEvent.objects.filter(action="person.export").exists()


def test_mijn_account_links_to_my_data(client, fenna):
    client.force_login(fenna)
    html = client.get(reverse("accounts:account")).content.decode()
    assert reverse("privacy:my_data") in html
    assert "Mijn gegevens bekijken / downloaden" in html


def test_my_data_page_query_count_does_not_grow(client, fenna, world):
    client.force_login(fenna)
    assert_constant_queries(client, reverse("privacy:my_data"), grow_data(world, fenna))


# ---------------------------------------------------------------- the beheerder


def test_person_page_links_to_data_and_erasure(admin_client, fenna, world):
    html = admin_client.get(reverse("accounts:person", args=[world.region.slug, fenna.pk])).content.decode()
    assert _person_url("person_data", world, fenna) in html
    assert _person_url("person_erase", world, fenna) in html


def test_beheerder_sees_and_downloads_a_persons_data(admin_client, fenna, world):
    response = admin_client.get(_person_url("person_data", world, fenna))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert NAME in html and PHONE in html and world.municipal_body.name in html
    download = admin_client.post(_person_url("person_data_download", world, fenna))
    assert download["Content-Disposition"].startswith('attachment; filename="inspraak-gegevens-')
    assert download["Cache-Control"] == "no-store"
    assert json.loads(download.content)["sections"]["accounts"]["email"] == EMAIL
    events = AuditEvent.objects.filter(action="person.export").order_by("id")
    assert [(e.actor, e.region, e.target_id) for e in events] == [
        (world.user("admin"), world.region, str(fenna.pk))
    ] * 2
    assert all(NAME not in e.target_label and EMAIL not in e.target_label for e in events)


def test_beheerder_of_another_region_gets_404(client, fenna, world):
    client.force_login(world.user("other_region_admin"))
    other = {"region": world.other_region.slug, "pk": fenna.pk}
    assert client.get(reverse("privacy:person_data", kwargs=other)).status_code == 404
    assert client.get(_person_url("person_data", world, fenna)).status_code == 404


def test_no_export_of_someone_with_a_role_in_another_region(admin_client, fenna, world):
    RoleAssignmentFactory(user=fenna, role=Role.MEMBER, region=world.other_region, body=world.other_body)
    assert admin_client.get(_person_url("person_data", world, fenna)).status_code == 403
    assert admin_client.post(_person_url("person_data_download", world, fenna)).status_code == 403
    html = admin_client.get(reverse("accounts:person", args=[world.region.slug, fenna.pk])).content.decode()
    assert _person_url("person_data", world, fenna) not in html
    assert not AuditEvent.objects.filter(action="person.export").exists()


def test_no_export_of_someone_with_an_ended_membership_in_another_region(admin_client, fenna, world):
    admin_b = world.user("other_region_admin")
    ended = membership(fenna, world.other_body, admin_b, term_start=datetime.date(2020, 1, 1))
    member_services.membership_end(membership=ended, by=admin_b, reason="Klaar", ended_on=datetime.date(2023, 1, 1))
    assert not fenna.role_assignments.filter(region=world.other_region).exists()
    assert admin_client.get(_person_url("person_data", world, fenna)).status_code == 403


def test_no_export_of_staff_accounts(admin_client, world):
    staff = UserFactory(name="Tech Beheer", is_staff=True)
    RoleAssignmentFactory(user=staff, role=Role.MEMBER, region=world.region, body=world.body)
    assert admin_client.get(_person_url("person_data", world, staff)).status_code == 403


def test_beheerder_exports_someone_without_roles_created_in_the_region(admin_client, world):
    person = account_services.person_create(
        name="Nog Geen Rol", email=None, region=world.region, by=world.user("admin")
    )
    response = admin_client.get(_person_url("person_data", world, person))
    assert response.status_code == 200 and "Nog Geen Rol" in response.content.decode()


def test_person_data_page_query_count_does_not_grow(admin_client, fenna, world):
    assert_constant_queries(admin_client, _person_url("person_data", world, fenna), grow_data(world, fenna))
