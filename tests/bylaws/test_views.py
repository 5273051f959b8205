"""The pages of the verordening register: what they show, their errors, the stale edit, the import, the scope and a
fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspraak.bylaws.models import Bylaw, BylawEvent
from tests.bylaws.data import TINY_PDF, bylaw_data, make_bylaw
from tests.factories import BodyFactory, MunicipalityFactory
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def login(client, world, actor):
    client.force_login(world.user(actor))
    return client


def url(name, world, **kwargs):
    return reverse(f"bylaws:{name}", kwargs={"region": world.region.slug, **kwargs})


def form_data(world, bylaw=None, **changes):
    data = {
        "municipality": world.municipality.pk,
        "title": "Verordening cliëntenparticipatie 2026",
        "adopted_by": "gemeenteraad",
        "adopted_on": "2025-12-10",
        "in_force_from": "2026-01-01",
        "legal_basis": "participatiewet",
        "target_group": "art_7_1_7a",
        "element_a": "on",
        "element_a_article": "art. 3",
        "min_meetings_per_year": "4",
    }
    if bylaw is not None:
        data["version"] = str(bylaw.version)
    data.update(changes)
    return data


def text(response) -> str:
    return response.content.decode()


# ---------------------------------------------------------------- the register and a text's pages


def test_the_register_shows_every_municipality_with_its_check_and_every_text(client, world):
    data = bylaw_data(world)
    page = text(login(client, world, "admin").get(url("register", world)))
    assert "Zeedorp" in page and "Duinstad" in page and "De regio zelf (GR)" in page
    assert data.zeedorp.title in page and data.duinstad.title in page and data.gr.title in page
    assert "Verouderd" in page  # Duinstad's WWB text
    assert "Voldoet niet" in page and "Voldoet" in page
    assert url("new", world) in page and url("import_csv", world) in page
    assert data.other.title not in page


def test_a_municipality_without_any_text_shows_geen_verordening(client, world):
    MunicipalityFactory(region=world.region, name="Kaaldorp", slug="kaaldorp", cbs_code="GM9003")
    bylaw_data(world)
    page = text(client.get(url("public_index", world)))
    assert "Kaaldorp" in page and "geen verordening" in page


def test_an_officer_sees_the_register_without_the_import_button(client, world):
    bylaw_data(world)
    page = text(login(client, world, "officer_municipality").get(url("register", world)))
    assert url("new", world) in page and url("import_csv", world) not in page
    assert f"{url('new', world)}?gemeente=zeedorp" in page
    assert "?gemeente=duinstad" not in page


def test_the_staff_page_of_a_text_shows_facts_findings_and_history(client, world):
    data = bylaw_data(world)
    login(client, world, "admin").post(
        url("edit", world, pk=data.duinstad.pk),
        form_data(
            world,
            data.duinstad,
            municipality=world.municipality_2.pk,
            title=data.duinstad.title,
            legal_basis="wwb",
            target_group="art_7_1",
            in_force_from="2009-01-01",
            adopted_on="2008-12-01",
            in_force_until="2026-12-31",
            element_a="",
            element_a_article="",
        ),
    )
    page = text(client.get(url("detail", world, pk=data.duinstad.pk)))
    assert "Verouderd" in page and "art. 7a" in page
    assert "regelt a niet" in page and "regelt b niet" in page
    assert "Vastgelegd" in page and "Einddatum vastgelegd" in page
    assert "geldt tot en met" in page  # the changed field in plain Dutch
    assert url("edit", world, pk=data.duinstad.pk) in page


def test_the_public_page_of_a_text_links_its_bodies_the_official_text_and_the_pdf(client, world):
    data = bylaw_data(world)
    page = text(client.get(url("public_detail", world, pk=data.zeedorp.pk)))
    assert world.municipal_body.get_absolute_url() in page
    assert "https://lokaleregelgeving.overheid.nl/CVDR700001" in page and "CVDR700001" in page
    assert url("public_pdf", world, pk=data.zeedorp.pk) in page
    assert "De adviesraad adviseert gevraagd en ongevraagd" in page
    assert "Geregeld" in page and "Niet geregeld" not in page
    assert "Voldoet niet" not in page
    assert "heeft geen actieve leden" in page  # the designated adviesraad has no members yet: an aandachtspunt
    assert url("edit", world, pk=data.zeedorp.pk) not in page  # no staff links on the public page


def test_the_public_page_of_the_old_wwb_text_says_what_is_wrong_in_plain_dutch(client, world):
    data = bylaw_data(world)
    page = text(client.get(url("public_detail", world, pk=data.duinstad.pk)))
    assert "Voldoet niet" in page and "Niet geregeld" in page
    assert "Cliëntenraad WWB Duinstad" in page and "staat niet in Inspraak" in page


def test_the_pdf_is_served_as_a_pdf_that_the_browser_must_not_sniff(client, world):
    data = bylaw_data(world)
    response = client.get(url("public_pdf", world, pk=data.zeedorp.pk))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == TINY_PDF


# ---------------------------------------------------------------- recording and editing


def test_a_new_text_is_recorded_and_its_page_shown(client, world):
    response = login(client, world, "officer_municipality").post(
        url("new", world), form_data(world, designated_bodies=[world.municipal_body.pk])
    )
    bylaw = Bylaw.objects.get(title="Verordening cliëntenparticipatie 2026")
    assert response.status_code == 302 and response["Location"] == url("detail", world, pk=bylaw.pk)
    assert bylaw.created_by == world.user("officer_municipality")
    assert bylaw.events.get().kind == BylawEvent.Kind.CREATED


def test_a_pdf_upload_is_checked_on_its_content(client, world):
    login(client, world, "admin")
    fake = SimpleUploadedFile("verordening.pdf", b"<html>geen pdf</html>", content_type="application/pdf")
    response = client.post(url("new", world), {**form_data(world), "pdf": fake})
    assert response.status_code == 200 and "Dit is geen PDF-bestand" in text(response)
    real = SimpleUploadedFile("v.pdf", TINY_PDF, content_type="application/pdf")
    client.post(url("new", world), {**form_data(world), "pdf": real})
    assert Bylaw.objects.get(title="Verordening cliëntenparticipatie 2026").file_size == len(TINY_PDF)


def test_errors_are_shown_next_to_their_fields_and_what_was_typed_stays(client, world):
    login(client, world, "admin")
    response = client.post(
        url("new", world),
        form_data(
            world,
            title="",
            in_force_until="2025-01-01",
            cvdr_id="12345",
            element_a="",
            element_a_article="art. 9",
            official_url="geen link",
        ),
    )
    page = text(response)
    assert response.status_code == 200
    assert "Vul de titel van de verordening in." in page
    assert "Deze datum ligt vóór ‘geldt vanaf’" in page
    assert "CVDR645123" in page
    assert "Vink dan ook aan dat de verordening dit regelt" in page
    assert "begint met https://" in page
    assert 'value="art. 9"' in page and 'value="12345"' in page
    assert not Bylaw.objects.filter(element_a_article="art. 9").exists()


def test_new_preselects_the_municipality_from_the_link(client, world):
    page = text(login(client, world, "admin").get(url("new", world) + "?gemeente=duinstad"))
    assert f'<option value="{world.municipality_2.pk}" selected>' in page


def test_a_municipal_officer_can_only_choose_their_own_municipality(client, world):
    page = text(login(client, world, "officer_municipality").get(url("new", world)))
    assert f'<option value="{world.municipality.pk}"' in page
    assert f'<option value="{world.municipality_2.pk}"' not in page
    assert "De regio zelf (GR)" not in page


def test_a_gr_officer_can_only_record_a_text_of_the_gr(client, world):
    client = login(client, world, "officer_region")
    page = text(client.get(url("new", world)))
    assert "De regio zelf (GR)" in page and f'<option value="{world.municipality.pk}"' not in page
    assert client.post(url("new", world), form_data(world)).status_code == 403


def test_a_municipal_officer_cannot_edit_another_municipalitys_text(client, world):
    data = bylaw_data(world)
    client = login(client, world, "officer_municipality")
    assert client.get(url("edit", world, pk=data.duinstad.pk)).status_code == 403
    response = client.post(url("edit", world, pk=data.duinstad.pk), form_data(world, data.duinstad, title="Weg"))
    assert response.status_code == 403
    # nor move their own text to another municipality
    response = client.post(
        url("edit", world, pk=data.zeedorp.pk), form_data(world, data.zeedorp, municipality=world.municipality_2.pk)
    )
    assert response.status_code == 403
    assert Bylaw.objects.get(pk=data.zeedorp.pk).municipality == world.municipality


def test_a_beheerder_of_another_region_gets_404(client, world):
    data = bylaw_data(world)
    client = login(client, world, "other_region_admin")
    for name, kwargs in (("register", {}), ("detail", {"pk": data.zeedorp.pk}), ("edit", {"pk": data.zeedorp.pk})):
        assert client.get(url(name, world, **kwargs)).status_code == 404
    # and a text of their own region under our region's address does not exist either
    assert login(client, world, "admin").get(url("detail", world, pk=data.other.pk)).status_code == 404


def test_a_stale_save_is_refused_and_the_form_keeps_what_was_typed(client, world):
    data = bylaw_data(world)
    bylaw = data.zeedorp
    client = login(client, world, "admin")
    opened = form_data(world, bylaw, in_force_from="2024-01-01")
    first = client.post(url("edit", world, pk=bylaw.pk), {**opened, "title": "Eerst opgeslagen"})
    assert first.status_code == 302
    response = client.post(url("edit", world, pk=bylaw.pk), {**opened, "title": "Later getypt"})
    page = text(response)
    assert response.status_code == 200
    assert "Iemand anders heeft dit net opgeslagen" in page
    assert 'value="Later getypt"' in page
    assert "Nu opgeslagen: Eerst opgeslagen" in page
    assert Bylaw.objects.get(pk=bylaw.pk).title == "Eerst opgeslagen"
    # the form is now based on the stored version: saving again works
    again = client.post(url("edit", world, pk=bylaw.pk), {**opened, "title": "Later getypt", "version": "2"})
    assert again.status_code == 302
    assert Bylaw.objects.get(pk=bylaw.pk).title == "Later getypt"


# ---------------------------------------------------------------- import


def upload(content: str, encoding="utf-8"):
    return {"bestand": SimpleUploadedFile("verordeningen.csv", content.encode(encoding), content_type="text/csv")}


def test_an_import_with_errors_shows_every_error_with_its_line_and_writes_nothing(client, world):
    before = Bylaw.objects.count()
    content = (
        "gemeente;titel;vastgesteld_door;vastgesteld_op;geldt_vanaf;grondslag;doelgroep;a\n"
        "GM9001;Goed;gemeenteraad;10-12-2025;01-01-2026;participatiewet;art_7_1_7a;ja\n"
        "Atlantis;Fout;gemeenteraad;10-12-2025;01-01-2026;participatiewet;art_7_1_7a;ja\n"
        "GM9002;Ook fout;gemeenteraad;10-12-2025;1 januari;participatiewet;art_7_1_7a;ja\n"
    )
    response = login(client, world, "admin").post(url("import_csv", world), upload(content))
    page = text(response)
    assert response.status_code == 400
    assert "Er is niets ingelezen: het bestand heeft 2 fouten" in page
    assert "Regel 3, kolom gemeente: Deze gemeente hoort niet bij de regio" in page
    assert "Regel 4, kolom geldt_vanaf: “1 januari” is geen datum" in page
    assert Bylaw.objects.count() == before


def test_a_good_import_is_read_and_reported(client, world):
    content = (
        "\ufeffgemeente;titel;vastgesteld_door;vastgesteld_op;geldt_vanaf;grondslag;doelgroep\n"
        "Zeedorp;Ingelezen;gemeenteraad;10-12-2025;01-01-2026;participatiewet;art_7_1_7a\n"
    )
    client = login(client, world, "admin")
    response = client.post(url("import_csv", world), upload(content), follow=True)
    assert "1 verordening is ingelezen." in text(response)
    assert Bylaw.objects.get(title="Ingelezen").events.get().kind == BylawEvent.Kind.IMPORTED


def test_the_example_csv_downloads_and_reads_in_as_it_is(client, world):
    client = login(client, world, "admin")
    response = client.get(url("example_csv", world))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith("\ufeffgemeente;titel".encode())
    result = client.post(
        url("import_csv", world),
        {"bestand": SimpleUploadedFile("voorbeeld.csv", response.content, content_type="text/csv")},
    )
    assert result.status_code == 302
    assert Bylaw.objects.filter(title="Reglement cliëntenpanel").exists()


def test_an_officer_may_not_import(client, world):
    assert login(client, world, "officer_municipality").get(url("import_csv", world)).status_code == 403


# ---------------------------------------------------------------- a fixed number of queries


def _grow(world, n=5):
    def grow():
        for i in range(n):
            municipality = MunicipalityFactory(region=world.region, cbs_code=f"GM8{i:03d}{len(str(n))}"[:6])
            body = BodyFactory(region=world.region, municipality=municipality, level="gemeente")
            for year in (2010, 2020):
                bylaw = make_bylaw(
                    world,
                    municipality=municipality,
                    in_force_from=datetime.date(year, 1, 1),
                    in_force_until=datetime.date(year + 9, 12, 31),
                    bodies=[body, world.body],
                    other_bodies="Een raad\nNog een raad",
                )
                BylawEvent.objects.create(bylaw=bylaw, kind=BylawEvent.Kind.EDITED, changed_fields=["title"])

    return grow


@pytest.mark.parametrize("actor", ["admin", "officer_municipality"])
def test_the_register_runs_a_fixed_number_of_queries(client, world, actor):
    bylaw_data(world)
    login(client, world, actor)
    assert_constant_queries(client, url("register", world), _grow(world))


def test_the_public_overview_runs_a_fixed_number_of_queries(client, world):
    from django.core.cache import cache

    bylaw_data(world)

    def grow():
        _grow(world)()
        cache.clear()  # written without a service (no audit row): compute the overview again

    assert_constant_queries(client, url("public_index", world), grow, expected=6)


@pytest.mark.parametrize("name", ["detail", "edit"])
def test_a_texts_staff_pages_run_a_fixed_number_of_queries(client, world, name):
    data = bylaw_data(world)
    login(client, world, "admin")

    def grow():
        _grow(world)()
        bodies = [BodyFactory(region=world.region) for _ in range(4)]
        data.zeedorp.designated_bodies.add(*bodies)
        for _ in range(5):
            BylawEvent.objects.create(bylaw=data.zeedorp, kind=BylawEvent.Kind.EDITED, by=world.user("admin"))

    assert_constant_queries(client, url(name, world, pk=data.zeedorp.pk), grow)


def test_a_texts_public_page_runs_a_fixed_number_of_queries(client, world):
    data = bylaw_data(world)

    def grow():
        bodies = [BodyFactory(region=world.region) for _ in range(4)]
        data.zeedorp.designated_bodies.add(*bodies)

    assert_constant_queries(client, url("public_detail", world, pk=data.zeedorp.pk), grow)


def test_two_people_editing_one_text_the_second_save_is_refused_with_the_form_kept(world):
    from django.test import Client

    from tests.quality.forms import assert_second_save_refused

    bylaw = bylaw_data(world).zeedorp
    client_a, client_b = Client(), Client()
    client_a.force_login(world.user("admin"))
    client_b.force_login(world.user("officer_municipality"))
    page = assert_second_save_refused(
        client_a,
        client_b,
        url("edit", world, pk=bylaw.pk),
        change_a={"title": "Door de beheerder"},
        change_b={"element_b_article": "art. 99"},
        stored=lambda: Bylaw.objects.values_list("title", "element_b_article", "version").get(pk=bylaw.pk),
    )
    assert "Nu opgeslagen: Door de beheerder" in page


def test_the_public_overview_counts_first_and_holds_25_municipalities_a_page(client, world):
    bylaw_data(world)
    for k in range(30):
        MunicipalityFactory(
            region=world.region, name=f"Gemeente {k:02d}", slug=f"gemeente-{k:02d}", cbs_code=f"GM7{k:03d}"
        )
    page = text(client.get(url("public_index", world)))
    cards = page.count('<li class="inspraak-card">')
    assert cards == 25
    assert "Gemeente 1 tot en met 25 van 33" in page and "pagina=2" in page
    assert "Bij 1 van de 33 voldoet de verordening. Bij 32 voldoet die niet." in page
    assert "30 gemeenten hebben geen verordening die geldt." in page
    second = text(client.get(url("public_index", world), {"pagina": "2"}))
    assert second.count('<li class="inspraak-card">') == 8 and "Vorige" in second


def test_the_public_overview_shows_only_the_municipalities_whose_verordening_does_not_meet(client, world):
    bylaw_data(world)
    page = text(client.get(url("public_index", world), {"voldoet": "nee"}))
    assert "U ziet alleen de gemeenten waar de verordening niet voldoet." in page
    assert "Voldoet</span>" not in page and "Voldoet niet" in page


def test_the_public_overview_once_computed_costs_two_queries(client, world):
    from tests.quality.queries import count_queries

    bylaw_data(world)
    count_queries(client, url("public_index", world))
    assert count_queries(client, url("public_index", world)) == 2  # the region and its newest audit row
