"""Member pages: bad input keeps what was typed, names only with consent, fixed query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inspraak.members.models import ConsentRecord, Membership
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory, paper_only
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _url(world, name, **extra):
    return reverse(f"members:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, **extra})


def _new_data(world, **overrides):
    data = {
        "name": "Fatima Nieuw",
        "email": "",
        "status": "actief",
        "body_role": "lid",
        "category": "client",
        "municipality": world.municipality.pk,
        "term_start": "2026-01-01",
        "term_end": "",
        "contact_phone": "0612345678",
    }
    data.update(overrides)
    return data


def _login(client, world, actor="secretary"):
    client.force_login(world.user(actor))


def test_secretary_adds_a_member_without_email(client, world):
    _login(client, world)
    response = client.post(_url(world, "new"), _new_data(world, consent_named_to_members="on"))
    membership = Membership.objects.get(user__name="Fatima Nieuw")
    assert response.status_code == 302 and response["Location"] == _url(world, "detail", pk=membership.pk)
    assert membership.user.email is None and membership.term_end.isoformat() == "2029-12-31"
    assert ConsentRecord.objects.filter(membership=membership, kind="leden", granted=True).exists()
    detail = client.get(response["Location"]).content.decode()
    assert "Brief met nieuwe inlogcode maken" in detail


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"contact_phone": ""}, "contact_email", "Vul minstens één manier in om dit lid te bereiken"),
        ({"term_end": "2025-06-01"}, "term_end", "Het einde van de termijn moet na het begin liggen."),
        ({"term_start": "31-31-2026"}, "term_start", "Vul een datum in"),
        ({"municipality": "other"}, "municipality", "Kies een gemeente uit deze regio."),
        ({"municipality": ""}, "municipality", "Kies de woongemeente van dit lid"),
        ({"email": "geheime.client@example.org"}, "email", "Deze persoon is al lid of kandidaat van deze groep."),
        ({"email": "geen-adres"}, "email", "Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        ({"under_27_until": "2027-03-01"}, "under_27_until", "Vul dit alleen in als het lid jonger is dan 27."),
    ],
)
def test_bad_input_gets_a_dutch_message_next_to_the_field_and_keeps_the_input(client, world, overrides, field, message):
    if overrides.get("municipality") == "other":
        overrides = {**overrides, "municipality": world.other_municipality.pk}
    _login(client, world)
    before = Membership.objects.count()
    response = client.post(_url(world, "new"), _new_data(world, **overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert message in html
    assert 'value="Fatima Nieuw"' in html
    assert Membership.objects.count() == before


def _added(client, world, email, name):
    """Add a member with ``email`` and return what the secretary sees afterwards: the message and the detail page
    with everything that could differ per person (name, number, dates) replaced."""
    response = client.post(_url(world, "new"), _new_data(world, email=email, name=name), follow=True)
    assert response.status_code == 200
    membership = Membership.objects.filter(body=world.body).latest("pk")
    html = response.content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    for varying in (email, f"/{membership.pk}/", name):
        main = main.replace(varying, "X")
    return main


def test_an_email_with_or_without_an_account_anywhere_looks_the_same_to_the_secretary(client, world):
    # Changed behaviour (L8): this used to answer "hoort bij iemand die u hier niet kunt toevoegen".
    _login(client, world)
    elsewhere = _added(client, world, world.user("other_region_admin").email, "Naam Een")
    unknown = _added(client, world, "niemand-nog@example.org", "Naam Twee")
    assert elsewhere == unknown
    assert "Wacht op bevestiging" in elsewhere and "niet kunt toevoegen" not in elsewhere
    assert "Test other_region_admin" not in client.get(_url(world, "list")).content.decode()


def test_members_see_only_names_that_may_be_shown(client, world):
    _login(client, world, "member")
    html = client.get(_url(world, "list")).content.decode()
    assert "Test member" in html  # consented
    assert world.client.name not in html and world.client.email not in html
    assert "En 1 lid dat de naam niet laat zien." in html


def test_supporters_see_everyone_with_details(client, world):
    _login(client, world, "facilitator")
    html = client.get(_url(world, "list")).content.decode()
    assert world.client.name in html
    assert _url(world, "new") not in html  # the facilitator does not manage members


def test_needs_are_shown_to_the_facilitator_only(client, world):
    membership = world.client_membership
    membership.needs_interpreter = True
    membership.save()
    _login(client, world, "facilitator")
    assert "tolk" in client.get(_url(world, "detail", pk=membership.pk)).content.decode()
    _login(client, world, "member")
    assert client.get(_url(world, "detail", pk=membership.pk)).status_code == 403
    assert "tolk" not in client.get(_url(world, "list")).content.decode()


def test_end_needs_a_reason_and_a_date_not_before_the_start(client, world):
    _login(client, world)
    url = _url(world, "end", pk=world.client_membership.pk)
    response = client.post(url, {"reason": "", "ended_on": "2020-01-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_reason_error"' in html and "Deze dag ligt voor het begin van het lidmaatschap." in html
    response = client.post(url, {"reason": "Verhuisd", "ended_on": "2026-06-30"})
    assert response.status_code == 302
    world.client_membership.refresh_from_db()
    assert world.client_membership.status == "beeindigd"


def test_member_changes_own_consent_and_contact(client, world):
    _login(client, world, "member")
    response = client.post(
        _url(world, "own"),
        {"gegevens-contact_email": "", "gegevens-contact_phone": "", "gegevens-contact_address": ""},
    )
    assert response.status_code == 200
    assert "Vul minstens één manier in" in response.content.decode()
    response = client.post(
        _url(world, "own"),
        {"gegevens-contact_phone": "0611111111", "toestemming-consent_named_publicly": "on"},
    )
    assert response.status_code == 302
    membership = world.member_membership
    membership.refresh_from_db()
    assert membership.contact_phone == "0611111111"
    assert membership.consent_named_publicly and not membership.consent_named_to_members
    sources = set(ConsentRecord.objects.filter(membership=membership).values_list("source", flat=True))
    assert sources == {"zelf"}


def test_secretary_prints_a_code_letter_for_a_member(client, world):
    paper_only(world.client, world.region)
    _login(client, world)
    response = client.post(_url(world, "code_letter", pk=world.client_membership.pk))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "Terug naar het lid" in response.content.decode()


def test_member_list_query_count_is_fixed(client, world):
    _login(client, world)

    def grow():
        for _ in range(10):
            MembershipFactory(body=world.body, municipality=MunicipalityFactory(region=world.region))

    assert_constant_queries(client, _url(world, "list"), grow)
    _login(client, world, "member")
    assert_constant_queries(client, _url(world, "list"), grow)


def test_member_detail_query_count_is_fixed(client, world):
    from inspraak.members import services

    _login(client, world)
    url = _url(world, "detail", pk=world.client_membership.pk)

    def grow():
        for phone in ("1", "2", "3"):
            services.membership_update(membership=world.client_membership, by=UserFactory(), contact_phone=phone)

    assert_constant_queries(client, url, grow)


def test_composition_json_public_and_internal(client, world):
    url = reverse("api:composition", kwargs={"region": world.region.slug, "body": world.body.slug})  # ADR 19
    data = client.get(url).json()
    assert data["counts"]["clients"] == 2
    assert {f["code"] for f in data["findings"]} >= {"too_few_clients", "no_facilitator"}
    assert [m["name"] for m in data["allocation"]["municipalities"]] == ["Duinstad", "Zeedorp"]
    assert "memberships" not in data
    assert world.client.name not in str(data)
    _login(client, world, "officer_region")
    data = client.get(url).json()
    assert len(data["memberships"]) == 2 and world.client.name not in str(data)


def test_public_body_page_shows_findings_without_names(client, world):
    html = client.get(world.body.get_absolute_url()).content.decode()
    assert "2 cliënten, minimaal 12" in html
    assert world.client.name not in html and "Test member" not in html
