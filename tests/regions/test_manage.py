"""The beheerder's screens: regions, municipalities, bodies, deleting. Scoping, messages, query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inspraak.accounts.models import Role, User
from inspraak.audit.models import AuditEvent
from inspraak.regions.models import Body, Municipality, Region
from tests.factories import BodyFactory, MunicipalityFactory, RegionFactory, RoleAssignmentFactory, UserFactory
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.user("admin"))
    return client


def _url(name, w=None, **kwargs):
    if w is not None:
        kwargs = {"region": w.region.slug, **kwargs}
    return reverse(f"regions:{name}", kwargs=kwargs)


def _body_data(**overrides):
    data = {
        "name": "Participatieraad Noordkust",
        "kind": Body.Kind.PARTICIPATION_COUNCIL,
        "level": Body.Level.REGION,
        "municipality": "",
        "covers_participatiewet": "on",
        "topic_scope": Body.TopicScope.BOTH,
        "description": "Wij geven advies.",
        "audience": "",
        "how_to_join": "",
        "contact_email": "",
        "contact_phone": "",
        "min_meetings_per_year": 4,
        "min_clients": 12,
        "balanced_over_municipalities": "on",
        "documents_days_before": 7,
        "advice_period_weeks": 6,
        "response_period_weeks": 6,
        "facilitator_required": "on",
        "min_seats_per_municipality": 1,
        "experienced_count_as_clients": "on",
        "term_years": 4,
        "max_terms": 2,
        "term_reminder_months": 3,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _region_data(**overrides):
    data = {
        "name": "Regio Noordkust",
        "description": "Samen voor werk en inkomen.",
        "min_meetings_per_year": 3,
        "min_clients": 12,
        "balanced_over_municipalities": "on",
        "documents_days_before": 7,
        "advice_period_weeks": 6,
        "response_period_weeks": 6,
        "facilitator_required": "on",
        "min_seats_per_municipality": 1,
        "experienced_count_as_clients": "on",
        "term_years": 4,
        "max_terms": 2,
        "term_reminder_months": 3,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _superuser():
    return User.objects.create_superuser(email="root@example.org", password="heel-geheim-123")


# ---------------------------------------------------------------- start page and regions


def test_manage_home_lists_only_the_regions_one_manages(admin_client, world):
    html = admin_client.get(reverse("dashboards:manage_home")).content.decode()
    assert "Regio Noordkust" in html
    assert "Regio Binnenland" not in html
    assert _url("region_new") not in html


def test_manage_home_superuser_sees_all_and_can_create(client, world):
    client.force_login(_superuser())
    html = client.get(reverse("dashboards:manage_home")).content.decode()
    assert "Regio Noordkust" in html and "Regio Binnenland" in html
    assert _url("region_new") in html


def test_manage_home_query_count_is_fixed(client, world):
    client.force_login(_superuser())

    def grow():
        for _ in range(5):
            region = RegionFactory()
            MunicipalityFactory(region=region)
            BodyFactory(region=region)

    # the session with the person and their roles (navigation), regions with counts
    assert_constant_queries(client, reverse("dashboards:manage_home"), grow, expected=2)


def test_region_new_creates_region_with_slug_and_audit_row(client, world):
    root = _superuser()
    client.force_login(root)
    RegionFactory(name="Regio Noordkust", slug="regio-noordkust")
    response = client.post(_url("region_new"), {"name": "Regio Noordkust", "description": "Tweede"})
    region = Region.objects.get(description="Tweede")
    assert region.slug == "regio-noordkust-2"  # the first slug is taken
    assert response.status_code == 302
    assert response["Location"] == _url("manage_region", region=region.slug)
    event = AuditEvent.objects.get(action="region.create")
    assert event.actor == root and event.region == region and event.target_label == "Regio Noordkust"


def test_region_new_without_name_keeps_input_and_says_why(client, world):
    client.force_login(_superuser())
    response = client.post(_url("region_new"), {"name": "", "description": "Mijn tekst"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mijn tekst" in html
    assert 'id="id_name_error"' in html
    assert not Region.objects.filter(description="Mijn tekst").exists()


def test_region_new_is_for_the_superuser_only(admin_client, world):
    assert admin_client.get(_url("region_new")).status_code == 403


def test_manage_region_shows_municipalities_bodies_and_links(admin_client, world):
    html = admin_client.get(_url("manage_region", world)).content.decode()
    for text in ("Zeedorp", "GM9001", "Duinstad", "Cliëntenpanel Noordkust", "Adviesraad Sociaal Domein Zeedorp"):
        assert text in html
    assert reverse("accounts:people", kwargs={"region": world.region.slug}) in html
    assert reverse("regions:audit_log", kwargs={"region": world.region.slug}) in html
    assert _url("region_edit", world) in html
    assert "Heidedorp" not in html


def test_manage_region_counts_members_not_names(admin_client, world):
    html = admin_client.get(_url("manage_region", world)).content.decode()
    assert world.client.name not in html
    # Two members in the world's panel: the member actor and the client.
    assert '<td class="utrecht-table__cell" data-label="Leden">2</td>' in html


def test_manage_region_query_count_is_fixed(admin_client, world):
    def grow():
        for _ in range(5):
            municipality = MunicipalityFactory(region=world.region)
            body = BodyFactory(
                region=world.region, level=Body.Level.MUNICIPALITY, municipality=municipality, covers_wmo=True
            )
            RoleAssignmentFactory(user=UserFactory(), role=Role.MEMBER, region=world.region, body=body)

    # the session with the person and their roles, region, municipalities, bodies
    assert_constant_queries(admin_client, _url("manage_region", world), grow, expected=4)


def test_superuser_appoints_people_but_does_not_read_the_audit_log(client, world):
    """The platform operator sets up a new region and its first beheerder; the log is for the beheerder."""
    client.force_login(_superuser())
    response = client.get(_url("manage_region", world))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("accounts:people", kwargs={"region": world.region.slug}) in html
    assert reverse("regions:audit_log", kwargs={"region": world.region.slug}) not in html


def test_region_edit_saves_and_records_changed_fields(admin_client, world):
    response = admin_client.post(
        _url("region_edit", world), _region_data(name="Regio Noordkust-West", min_meetings_per_year=5)
    )
    assert response.status_code == 302
    world.region.refresh_from_db()
    assert world.region.name == "Regio Noordkust-West"
    assert world.region.slug == "noordkust"  # links keep working
    assert world.region.min_meetings_per_year == 5
    event = AuditEvent.objects.get(action="region.update")
    assert set(event.changed_fields) == {"name", "description", "min_meetings_per_year"}


def test_region_edit_bad_number_keeps_input(admin_client, world):
    response = admin_client.post(_url("region_edit", world), _region_data(name="Nieuw", min_meetings_per_year=99))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Nieuw"' in html and 'id="id_min_meetings_per_year_error"' in html
    world.region.refresh_from_db()
    assert world.region.name == "Regio Noordkust"
    assert not AuditEvent.objects.exists()


# ---------------------------------------------------------------- municipalities


def test_municipality_new_creates_with_slug_and_audit(admin_client, world):
    response = admin_client.post(
        _url("municipality_new", world),
        {"name": "Zeedorp", "cbs_code": "gm 0363", "client_group_size": "1200", "client_group_date": "2026-01-01"},
    )
    assert response.status_code == 302
    municipality = Municipality.objects.get(cbs_code="GM0363")
    assert municipality.slug == "zeedorp-2"
    assert municipality.region == world.region
    event = AuditEvent.objects.get(action="municipality.create")
    assert event.target_id == str(municipality.pk) and event.region == world.region


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "X", "cbs_code": "AB1234"}, "cbs_code", "Een CBS-code bestaat uit GM en vier cijfers"),
        ({"name": "X", "cbs_code": "GM12"}, "cbs_code", "Een CBS-code bestaat uit GM en vier cijfers"),
        ({"name": "X", "cbs_code": "GM9002"}, "cbs_code", "al een gemeente met deze CBS-code"),
        ({"name": "X", "cbs_code": "GM0001", "client_group_size": "100"}, "client_group_date", "Vul ook de peildatum"),
        ({"name": "X", "cbs_code": "GM0001", "client_group_date": "2026-01-01"}, "client_group_size", "Vul ook het"),
        ({"name": "X", "cbs_code": "GM0001", "client_group_size": "veel"}, "client_group_size", "heel getal"),
        ({"name": "X", "cbs_code": "GM0001", "client_group_size": "-5"}, "client_group_size", ""),
        ({"name": "", "cbs_code": "GM0001"}, "name", ""),
    ],
)
def test_municipality_new_bad_input(admin_client, world, data, field, message):
    before = Municipality.objects.count()
    response = admin_client.post(_url("municipality_new", world), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field])
    assert not form.non_field_errors()
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    if data["name"]:
        assert f'value="{data["name"]}"' in html
    assert Municipality.objects.count() == before


def test_same_cbs_code_is_fine_in_another_region(admin_client, world):
    response = admin_client.post(_url("municipality_new", world), {"name": "Heidedorp", "cbs_code": "GM9101"})
    assert response.status_code == 302
    assert Municipality.objects.filter(cbs_code="GM9101").count() == 2


def test_municipality_edit_saves_and_keeps_own_code(admin_client, world):
    response = admin_client.post(
        _url("municipality_edit", world, municipality="zeedorp"),
        {"name": "Zeedorp aan Zee", "cbs_code": "GM9001", "client_group_size": "", "client_group_date": ""},
    )
    assert response.status_code == 302
    world.municipality.refresh_from_db()
    assert world.municipality.name == "Zeedorp aan Zee"
    assert world.municipality.client_group_size is None
    event = AuditEvent.objects.get(action="municipality.update")
    assert set(event.changed_fields) == {"name", "client_group_size", "client_group_date"}


def test_municipality_edit_refuses_code_of_a_neighbour(admin_client, world):
    response = admin_client.post(
        _url("municipality_edit", world, municipality="zeedorp"), {"name": "Zeedorp", "cbs_code": "GM9002"}
    )
    assert response.status_code == 200
    assert "al een gemeente met deze CBS-code" in response.content.decode()
    world.municipality.refresh_from_db()
    assert world.municipality.cbs_code == "GM9001"


def test_municipality_of_another_region_is_404(admin_client, world):
    url = _url("municipality_edit", world, municipality=world.other_municipality.slug)
    assert admin_client.get(url).status_code == 404
    url = _url("municipality_edit", region=world.other_region.slug, municipality=world.other_municipality.slug)
    assert admin_client.get(url).status_code == 404


# ---------------------------------------------------------------- bodies


def test_body_new_form_is_prefilled_with_the_region_defaults(admin_client, world):
    world.region.min_meetings_per_year = 8
    world.region.documents_days_before = 10
    world.region.facilitator_required = False
    world.region.save()
    form = admin_client.get(_url("body_new", world)).context["form"]
    assert form["min_meetings_per_year"].value() == 8
    assert form["documents_days_before"].value() == 10
    assert form["facilitator_required"].value() is False
    # Only this region's municipalities to choose from.
    assert set(form.fields["municipality"].queryset) == {world.municipality, world.municipality_2}


def test_body_new_creates_with_unique_slug_and_audit(admin_client, world):
    BodyFactory(region=world.region, name="Participatieraad Noordkust", slug="participatieraad-noordkust")
    response = admin_client.post(_url("body_new", world), _body_data())
    assert response.status_code == 302
    body = Body.objects.get(region=world.region, slug="participatieraad-noordkust-2")
    assert body.min_meetings_per_year == 4
    event = AuditEvent.objects.get(action="body.create")
    assert event.target_label == "Participatieraad Noordkust" and "name" in event.changed_fields


def test_body_new_for_one_municipality(admin_client, world):
    data = _body_data(name="Raad Duinstad", level=Body.Level.MUNICIPALITY, municipality=world.municipality_2.pk)
    assert admin_client.post(_url("body_new", world), data).status_code == 302
    assert Body.objects.get(slug="raad-duinstad").municipality == world.municipality_2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"level": "gemeente", "municipality": ""}, "municipality", "Kies de gemeente"),
        ({"level": "regio", "municipality": "MUNI"}, "municipality", "hoort niet bij één gemeente"),
        ({"level": "gemeente", "municipality": "OTHER"}, "municipality", "Kies een gemeente uit de lijst"),
        ({"covers_participatiewet": None}, "covers_participatiewet", "minstens één wet"),
        ({"kind": ""}, "kind", ""),
        ({"kind": "onzin"}, "kind", ""),
        ({"contact_email": "geen-mail"}, "contact_email", "e-mailadres"),
        ({"advice_period_weeks": 0}, "advice_period_weeks", ""),
        ({"min_meetings_per_year": "drie"}, "min_meetings_per_year", ""),
    ],
)
def test_body_new_bad_input(admin_client, world, overrides, field, message):
    if overrides.get("municipality") == "MUNI":
        overrides["municipality"] = world.municipality.pk
    if overrides.get("municipality") == "OTHER":
        overrides["municipality"] = world.other_municipality.pk
    before = Body.objects.count()
    response = admin_client.post(_url("body_new", world), _body_data(description="Mijn uitleg", **overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field])
    assert not form.non_field_errors()
    html = response.content.decode()
    assert "Mijn uitleg" in html  # input kept
    assert 'id="foutmeldingen"' in html  # error summary
    assert "Municipality" not in html  # every label in Dutch
    assert Body.objects.count() == before


def test_body_edit_changes_fields_not_slug_and_records_them(admin_client, world):
    url = _url("body_edit", world, body=world.body.slug)
    data = _body_data(name="Panel Noordkust", kind=Body.Kind.CLIENT_PANEL, covers_wmo="on")
    assert admin_client.post(url, data).status_code == 302
    world.body.refresh_from_db()
    assert world.body.name == "Panel Noordkust" and world.body.slug == "clientenpanel"
    event = AuditEvent.objects.get(action="body.update")
    assert {"name", "covers_wmo", "min_meetings_per_year"} <= set(event.changed_fields)
    assert "kind" not in event.changed_fields


def test_body_edit_without_changes_writes_no_audit_row(admin_client, world):
    body = world.municipal_body
    form = admin_client.get(_url("body_edit", world, body=body.slug)).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    assert admin_client.post(_url("body_edit", world, body=body.slug), data).status_code == 302
    assert not AuditEvent.objects.exists()


def test_body_of_another_region_is_404(admin_client, world):
    assert admin_client.get(_url("body_edit", world, body=world.other_body.slug)).status_code == 404
    url = _url("body_edit", region=world.other_region.slug, body=world.other_body.slug)
    assert admin_client.get(url).status_code == 404


def test_other_region_admin_gets_404_on_every_screen(client, world):
    client.force_login(world.user("other_region_admin"))
    for url in (
        _url("manage_region", world),
        _url("region_edit", world),
        _url("municipality_new", world),
        _url("body_new", world),
        _url("body_edit", world, body=world.body.slug),
        _url("municipality_delete", world, municipality="duinstad"),
    ):
        assert client.get(url).status_code == 404, url


def test_people_of_the_region_without_admin_role_get_403(client, world):
    client.force_login(world.user("secretary"))
    assert client.get(_url("manage_region", world)).status_code == 403
    assert client.get(reverse("dashboards:manage_home")).status_code == 403


# ---------------------------------------------------------------- deleting


def test_delete_free_municipality_after_confirmation(admin_client, world):
    url = _url("municipality_delete", world, municipality="duinstad")
    html = admin_client.get(url).content.decode()
    assert "Duinstad verwijderen?" in html and "Ja, verwijderen" in html
    assert Municipality.objects.filter(pk=world.municipality_2.pk).exists()  # GET changes nothing
    response = admin_client.post(url, follow=True)
    assert not Municipality.objects.filter(pk=world.municipality_2.pk).exists()
    assert "Duinstad is verwijderd." in response.content.decode()
    event = AuditEvent.objects.get(action="municipality.delete")
    assert event.target_id == str(world.municipality_2.pk) and event.target_label == "Duinstad"


def test_delete_municipality_with_bodies_and_roles_is_refused(admin_client, world):
    url = _url("municipality_delete", world, municipality="zeedorp")
    html = admin_client.get(url).content.decode()
    assert "kan niet worden verwijderd" in html
    assert "1 groep werkt voor deze gemeente." in html
    assert "1 persoon heeft hier een rol." in html  # the municipal policy officer
    assert "Ja, verwijderen" not in html
    response = admin_client.post(url, follow=True)
    assert Municipality.objects.filter(pk=world.municipality.pk).exists()
    assert "Zeedorp is niet verwijderd" in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_delete_body_with_people_is_refused(admin_client, world):
    url = _url("body_delete", world, body=world.body.slug)
    assert "4 personen hebben hier een rol." in admin_client.get(url).content.decode()
    admin_client.post(url)
    assert Body.objects.filter(pk=world.body.pk).exists()
    assert world.body.role_assignments.count() == 4


def test_delete_free_body(admin_client, world):
    url = _url("body_delete", world, body=world.municipal_body.slug)
    response = admin_client.post(url)
    assert response.status_code == 302 and response["Location"] == _url("manage_region", world)
    assert not Body.objects.filter(pk=world.municipal_body.pk).exists()
    assert AuditEvent.objects.get(action="body.delete").target_label == "Adviesraad Sociaal Domein Zeedorp"


def test_bad_input_does_not_change_the_page_title_or_breadcrumb(admin_client, world):
    response = admin_client.post(_url("region_edit", world), _region_data(name=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Instellingen van de regio – Regio Noordkust</title>" in html
    response = admin_client.post(
        _url("body_edit", world, body=world.body.slug), _body_data(name="", covers_participatiewet=None)
    )
    assert "Cliëntenpanel Noordkust bewerken" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("region_edit", {}),
        ("municipality_edit", {"municipality": "zeedorp"}),
        ("body_edit", {"body": "clientenpanel"}),
    ],
)
def test_edit_pages_query_count(admin_client, world, name, kwargs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert admin_client.get(_url(name, world, **kwargs)).status_code == 200
    # the session with the person and their roles, region; then the municipality or body; for a body also the
    # municipality choices
    assert len(ctx.captured_queries) == {"region_edit": 2, "municipality_edit": 3, "body_edit": 4}[name]


def test_old_bewerken_addresses_lead_to_the_wijzigen_pages(admin_client, world):
    region = world.region.slug
    for old, new in (
        (
            f"/beheer/{region}/organen/{world.body.slug}/bewerken/",
            reverse("regions:body_edit", args=[region, world.body.slug]),
        ),
        (
            f"/beheer/{region}/gemeenten/{world.municipality.slug}/bewerken/",
            reverse("regions:municipality_edit", args=[region, world.municipality.slug]),
        ),
    ):
        response = admin_client.get(old, follow=True)
        assert response.redirect_chain == [(new, 301)]
        assert response.status_code == 200
