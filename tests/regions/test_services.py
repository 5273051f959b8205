"""Services: every write is validated, atomic, and leaves one audit row without personal data."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from inspraak.accounts.models import Role
from inspraak.audit.models import AuditEvent
from inspraak.regions import services
from inspraak.regions.models import Body, Municipality, Region
from tests.factories import BodyFactory, MunicipalityFactory, RegionFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder():
    return UserFactory(name="Bea Beheer", email="bea@example.org")


def _only_event():
    events = list(AuditEvent.objects.all())
    assert len(events) == 1, events
    return events[0]


def _no_personal_data(event, person):
    assert person.name not in event.target_label and person.email not in event.target_label


def test_region_create_generates_unique_slugs(beheerder):
    first = services.region_create(name="Werkplein Kust", description="", by=beheerder)
    second = services.region_create(name="Werkplein Kust", description="Ook", by=beheerder)
    third = services.region_create(name="Werkplein Kust", by=beheerder)
    assert (first.slug, second.slug, third.slug) == ("werkplein-kust", "werkplein-kust-2", "werkplein-kust-3")
    event = AuditEvent.objects.filter(action="region.create").first()
    assert event.actor == beheerder and event.target_type == "region"
    assert set(event.changed_fields) == {"name", "description"}
    _no_personal_data(event, beheerder)


def test_region_create_with_rules(beheerder):
    region = services.region_create(name="R", description="", by=beheerder, min_meetings_per_year=8)
    assert region.min_meetings_per_year == 8
    assert "min_meetings_per_year" in _only_event().changed_fields


def test_region_create_refuses_unknown_fields(beheerder):
    with pytest.raises(TypeError):
        services.region_create(name="R", description="", by=beheerder, slug="zelf-gekozen")
    assert not Region.objects.exists()


def test_region_create_validates(beheerder):
    with pytest.raises(ValidationError):
        services.region_create(name="R", description="", by=beheerder, min_meetings_per_year=500)
    assert not Region.objects.exists() and not AuditEvent.objects.exists()


def test_region_update_records_only_changed_fields(beheerder):
    region = RegionFactory(name="Oud")
    services.region_update(region=region, by=beheerder, name="Nieuw", description=region.description)
    event = _only_event()
    assert event.action == "region.update" and event.changed_fields == ["name"] and event.target_label == "Nieuw"


def test_region_update_without_change_writes_nothing(beheerder):
    region = RegionFactory()
    services.region_update(region=region, by=beheerder, name=region.name)
    assert not AuditEvent.objects.exists()


def test_municipality_create_and_update(beheerder):
    region = RegionFactory()
    municipality = services.municipality_create(
        region=region,
        name="Zeedorp",
        cbs_code="GM0001",
        by=beheerder,
        client_group_size=100,
        client_group_date=datetime.date(2026, 1, 1),
    )
    assert municipality.slug == "zeedorp"
    event = AuditEvent.objects.get(action="municipality.create")
    assert event.region == region and set(event.changed_fields) == {
        "name",
        "cbs_code",
        "client_group_size",
        "client_group_date",
    }
    services.municipality_update(municipality=municipality, by=beheerder, client_group_size=120)
    assert AuditEvent.objects.get(action="municipality.update").changed_fields == ["client_group_size"]
    again = services.municipality_create(region=region, name="Zeedorp", cbs_code="GM0002", by=beheerder)
    assert again.slug == "zeedorp-2"


@pytest.mark.parametrize(
    "fields",
    [
        {"cbs_code": "0001"},
        {"cbs_code": "GM0001", "client_group_size": 5},  # size without date
    ],
)
def test_municipality_create_validates(beheerder, fields):
    region = RegionFactory()
    with pytest.raises(ValidationError):
        services.municipality_create(region=region, name="X", by=beheerder, **fields)
    assert not Municipality.objects.exists() and not AuditEvent.objects.exists()


def test_municipality_create_refuses_duplicate_code_in_region(beheerder):
    existing = MunicipalityFactory(cbs_code="GM0005")
    with pytest.raises(services.CbsCodeTakenError) as refused:
        services.municipality_create(region=existing.region, name="X", cbs_code="GM0005", by=beheerder)
    assert refused.value.code == "cbs_code_taken"
    assert Municipality.objects.filter(region=existing.region).count() == 1


def test_municipality_update_refuses_the_code_of_another_municipality_but_keeps_its_own(beheerder):
    existing = MunicipalityFactory(cbs_code="GM0005")
    other = MunicipalityFactory(region=existing.region, cbs_code="GM0006")
    with pytest.raises(services.CbsCodeTakenError):
        services.municipality_update(municipality=other, by=beheerder, cbs_code="GM0005")
    services.municipality_update(municipality=other, by=beheerder, cbs_code="GM0006", name="Nieuwe naam")
    other.refresh_from_db()
    assert (other.cbs_code, other.name) == ("GM0006", "Nieuwe naam")


def test_body_create_takes_the_region_defaults(beheerder):
    region = RegionFactory(min_meetings_per_year=9, documents_days_before=14, facilitator_required=False)
    body = services.body_create(region=region, name="Panel", kind=Body.Kind.CLIENT_PANEL, by=beheerder)
    assert (body.min_meetings_per_year, body.documents_days_before, body.facilitator_required) == (9, 14, False)
    assert body.slug == "panel"
    event = _only_event()
    assert event.action == "body.create" and event.region == region and event.target_label == "Panel"


def test_body_create_own_rules_win_and_slugs_are_unique_per_region(beheerder):
    region = RegionFactory(min_meetings_per_year=9)
    BodyFactory(region=region, slug="panel")
    BodyFactory(region=region, slug="panel-2")
    BodyFactory(slug="panel-4")  # another region: does not matter
    body = services.body_create(
        region=region, name="Panel", kind=Body.Kind.CLIENT_PANEL, by=beheerder, min_meetings_per_year=2
    )
    assert body.min_meetings_per_year == 2 and body.slug == "panel-3"


@pytest.mark.parametrize(
    "fields",
    [
        {"level": Body.Level.MUNICIPALITY},  # no municipality
        {"covers_participatiewet": False},  # no law
    ],
)
def test_body_create_validates(beheerder, fields):
    region = RegionFactory()
    with pytest.raises(ValidationError):
        services.body_create(region=region, name="X", kind=Body.Kind.OTHER, by=beheerder, **fields)
    assert not Body.objects.exists() and not AuditEvent.objects.exists()


def test_body_update_records_changed_fields(beheerder):
    body = BodyFactory()
    municipality = MunicipalityFactory(region=body.region)
    services.body_update(body=body, by=beheerder, level=Body.Level.MUNICIPALITY, municipality=municipality)
    event = _only_event()
    assert event.action == "body.update" and event.changed_fields == ["level", "municipality"]
    body.refresh_from_db()
    assert body.municipality == municipality


def test_body_update_refuses_unknown_fields(beheerder):
    body = BodyFactory()
    with pytest.raises(TypeError):
        services.body_update(body=body, by=beheerder, region=RegionFactory())


def test_body_delete_refused_while_people_hold_roles(beheerder):
    body = BodyFactory()
    RoleAssignmentFactory(role=Role.MEMBER, region=body.region, body=body)
    with pytest.raises(services.InUseError) as info:
        services.body_delete(body=body, by=beheerder)
    assert info.value.dependents.roles == 1
    assert Body.objects.filter(pk=body.pk).exists() and not AuditEvent.objects.exists()


def test_body_delete(beheerder):
    body = BodyFactory(name="Weg")
    pk = body.pk
    services.body_delete(body=body, by=beheerder)
    assert not Body.objects.filter(pk=pk).exists()
    event = _only_event()
    assert event.action == "body.delete" and event.target_id == str(pk) and event.target_label == "Weg"


def test_municipality_delete_refused_while_bodies_depend_on_it(beheerder):
    municipality = MunicipalityFactory()
    BodyFactory(region=municipality.region, level=Body.Level.MUNICIPALITY, municipality=municipality)
    with pytest.raises(services.InUseError) as info:
        services.municipality_delete(municipality=municipality, by=beheerder)
    assert info.value.dependents.bodies == 1
    assert Municipality.objects.filter(pk=municipality.pk).exists()


def test_municipality_delete_refused_while_officers_work_for_it(beheerder):
    municipality = MunicipalityFactory()
    RoleAssignmentFactory(role=Role.POLICY_OFFICER, region=municipality.region, municipality=municipality)
    with pytest.raises(services.InUseError):
        services.municipality_delete(municipality=municipality, by=beheerder)


def test_municipality_delete(beheerder):
    municipality = MunicipalityFactory(name="Weg")
    services.municipality_delete(municipality=municipality, by=beheerder)
    assert not Municipality.objects.exists()
    assert _only_event().action == "municipality.delete"
