"""Views: public pages without personal data, the paper version as PDF, the supporters' screens, fixed query counts."""

from __future__ import annotations

import datetime
import hashlib
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from inspraak.core.pdf import NoNetworkFetcher, render_pdf
from inspraak.members.models import Membership
from inspraak.recruitment import services
from inspraak.recruitment.models import Application, Draw, Vacancy
from tests.quality.html import assert_valid_html
from tests.quality.queries import assert_constant_queries
from tests.recruitment.data import APPLICANT_EMAIL, APPLICANT_NAME, after_closing, apply, new_vacancy, recruitment

pytestmark = pytest.mark.django_db


def _public(world, vacancy, name="recruitment:vacancy_public"):
    return reverse(name, kwargs={"region": world.region.slug, "pk": vacancy.pk})


def _staff(world, name, pk=None):
    kwargs = {"region": world.region.slug, "body": world.body.slug}
    if pk is not None:
        kwargs["pk"] = pk
    return reverse(name, kwargs=kwargs)


def _apply_data(world, **changes):
    data = {
        "name": "Nieuwe Aanmelder",
        "contact_email": "nieuw@example.org",
        "municipality": world.municipality.pk,
        "situation": "organisatie",
        "motivation": "Ik spreek namens de cliëntenvereniging.",
        "consent_processing": "on",
        "consent_named_to_members": "on",
    }
    data.update(changes)
    return data


# ---------------------------------------------------------------- public


def test_public_pages_show_no_personal_data(client, world):
    data = recruitment(world)
    urls = [
        reverse("recruitment:region_vacancies", kwargs={"region": world.region.slug}),
        _public(world, data.vacancy),
        _public(world, data.vacancy, "recruitment:vacancy_thanks"),
        _public(world, data.vacancy, "recruitment:vacancy_paper"),
    ]
    for url in urls:
        html = client.get(url).content.decode()
        for secret in (APPLICANT_NAME, APPLICANT_EMAIL, "Piet Papier", "Chris Kandidaat", "Geheime Cliënt"):
            assert secret not in html, (url, secret)


def test_public_page_explains_the_call_in_plain_dutch(client, world):
    vacancy = recruitment(world).vacancy
    html = client.get(_public(world, vacancy)).content.decode()
    assert "Wij zoeken nieuwe leden" in html and "Vier keer per jaar een avond." in html
    assert "vrijwilligersvergoeding" in html and "Geef de vergoeding altijd door aan de gemeente" in html
    assert "€" not in html  # no amounts in code: the caps are data per year
    assert "1 persoon uit Zeedorp" in html and "1 persoon uit Duinstad" in html
    assert 'name="motivation"' in html and "Krijgt u nu een uitkering of hulp bij werk van de gemeente?" in html
    assert "<script" not in html


def test_applying_without_an_account(client, world):
    vacancy = recruitment(world).vacancy
    response = client.post(_public(world, vacancy), _apply_data(world))
    thanks = _public(world, vacancy, "recruitment:vacancy_thanks") + "?per=email"
    assert response.status_code == 302 and response["Location"] == thanks
    application = Application.objects.get(name="Nieuwe Aanmelder")
    assert (application.category, application.channel, application.consent_named_to_members) == (
        "clientenorganisatie",
        "online",
        True,
    )
    assert "Kijk in uw mail" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("how", ["status", "date"])
def test_a_closed_vacancy_says_so_and_has_no_form(client, world, how):
    vacancy = recruitment(world).vacancy
    if how == "status":
        Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.CLOSED)
    else:
        Vacancy.objects.filter(pk=vacancy.pk).update(closes_on=timezone.localdate() - datetime.timedelta(days=1))
    before = Application.objects.count()
    for response in (client.get(_public(world, vacancy)), client.post(_public(world, vacancy), _apply_data(world))):
        assert response.status_code == 200
        html = response.content.decode()
        assert "Deze vacature is gesloten" in html and 'name="motivation"' not in html
    assert Application.objects.count() == before
    listing = client.get(reverse("recruitment:region_vacancies", kwargs={"region": world.region.slug}))
    assert vacancy.title not in listing.content.decode()


def test_other_regions_vacancy_is_not_found_under_this_region(client, world):
    vacancy = new_vacancy(world, body=world.other_body, seats={world.other_municipality: 1})
    response = client.get(reverse("recruitment:vacancy_public", kwargs={"region": world.region.slug, "pk": vacancy.pk}))
    assert response.status_code == 404


def test_paper_version_as_pdf(client, world):
    vacancy = recruitment(world).vacancy
    response = client.get(_public(world, vacancy, "recruitment:vacancy_paper"), {"formaat": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert f'filename="vacature-{vacancy.pk}.pdf"' in response["Content-Disposition"]


def test_pdf_loads_nothing_from_the_network(monkeypatch):
    fetched = []
    for handler, method in (("HTTPHandler", "http_open"), ("HTTPSHandler", "https_open"), ("FileHandler", "file_open")):
        monkeypatch.setattr(f"urllib.request.{handler}.{method}", lambda self, req: fetched.append(req.full_url))
    with pytest.raises(ValueError):
        NoNetworkFetcher().fetch("https://fonts.example.net/font.woff2")
    assert NoNetworkFetcher().fetch("data:text/plain,hallo").read() == b"hallo"
    from django.template import engines

    template = engines["django"].from_string(
        '<html><head><link rel="stylesheet" href="https://cdn.example.net/x.css"></head>'
        '<body><img src="https://cdn.example.net/x.png" alt=""><p>{{ text }}</p></body></html>'
    )
    monkeypatch.setattr("inspraak.core.pdf.render_to_string", lambda name, ctx, request=None: template.render(ctx))
    assert render_pdf("ignored.html", {"text": "Hallo"}).startswith(b"%PDF-")
    assert fetched == []


# ---------------------------------------------------------------- supporters


def test_policy_officer_sees_numbers_not_applicants(client, world):
    data = recruitment(world)
    client.force_login(world.user("officer_region"))
    html = client.get(_staff(world, "recruitment:vacancy_detail", data.vacancy.pk)).content.decode()
    assert "Plaatsen per gemeente" in html
    for secret in (APPLICANT_NAME, APPLICANT_EMAIL, "Piet Papier", "Chris Kandidaat"):
        assert secret not in html
    assert client.get(_staff(world, "recruitment:application_detail", data.received.pk)).status_code == 403


def test_secretary_sees_applicants(client, world):
    data = recruitment(world)
    client.force_login(world.user("secretary"))
    html = client.get(_staff(world, "recruitment:vacancy_detail", data.vacancy.pk)).content.decode()
    assert APPLICANT_NAME in html and "Op papier" in html and "Piet Papier" in html


def test_new_vacancy_prefilled_from_the_body(client, world):
    client.force_login(world.user("secretary"))
    html = client.get(_staff(world, "recruitment:vacancy_new")).content.decode()
    assert world.body.description in html
    assert f'name="meetings_per_year" value="{world.body.min_meetings_per_year}"' in html
    assert f'name="plaatsen_{world.municipality.pk}"' in html


def test_new_vacancy_for_a_municipal_body_has_one_seat_line(client, world):
    client.force_login(world.user("admin"))
    url = reverse("recruitment:vacancy_new", kwargs={"region": world.region.slug, "body": world.municipal_body.slug})
    html = client.get(url).content.decode()
    assert f'name="plaatsen_{world.municipality.pk}"' in html
    assert f'name="plaatsen_{world.municipality_2.pk}"' not in html


def test_paper_application_is_marked_as_paper(client, world):
    vacancy = recruitment(world).vacancy
    client.force_login(world.user("secretary"))
    response = client.post(
        _staff(world, "recruitment:paper_application", vacancy.pk), _apply_data(world, contact_email="")
    )
    assert response.status_code == 200  # no contact route: the form again
    response = client.post(
        _staff(world, "recruitment:paper_application", vacancy.pk),
        _apply_data(world, contact_email="", contact_address="Kerkstraat 3"),
    )
    application = Application.objects.get(contact_address="Kerkstraat 3")
    assert response["Location"] == _staff(world, "recruitment:application_detail", application.pk)
    assert application.channel == "papier" and application.entered_by == world.user("secretary")


def test_status_form_errors_show_on_the_application_page(client, world):
    data = recruitment(world)
    client.force_login(world.user("facilitator"))
    response = client.post(
        _staff(world, "recruitment:application_status", data.received.pk), {"status": "niet_gekozen", "reason": ""}
    )
    assert response.status_code == 200
    assert "Schrijf op waarom deze persoon niet gekozen is." in response.content.decode()
    data.received.refresh_from_db()
    assert data.received.status == "ontvangen"


def _public_draw(world, draw):
    return reverse(
        "recruitment:draw_public", kwargs={"region": world.region.slug, "vacancy": draw.vacancy_id, "pk": draw.pk}
    )


def test_draw_from_the_screen_and_check_it(client, world):
    data = recruitment(world)
    client.force_login(world.user("secretary"))
    with after_closing(data.vacancy):
        response = client.post(
            _staff(world, "recruitment:draw_new", data.vacancy.pk),
            {"municipality": world.municipality_2.pk, "seats": 1, "others_not_chosen": "on"},
        )
        draw = Draw.objects.exclude(pk=data.draw.pk).get()
        assert response["Location"] == _public_draw(world, draw)
        html = client.get(response["Location"]).content.decode()
        assert draw.seed[:8] in html and "dezelfde uitslag" in html
        assert "random.Random(seed).sample(sorted(candidate_ids), seats)" in html
        for name in ("Geschikt 0", "Geschikt 1", "Geschikt 2"):
            assert name not in html
        # Nobody left to draw among: a clear message, no 500.
        response = client.post(
            _staff(world, "recruitment:draw_new", data.vacancy.pk),
            {"municipality": world.municipality_2.pk, "seats": 1},
        )
        assert response.status_code == 200 and "Loten is alleen nodig" in response.content.decode()


def test_draw_is_not_offered_before_the_closing_date_has_passed(client, world):
    """B7: while people can still apply (up to and including the closing date) there is no button, and a posted
    draw is refused with a message that says from when a draw is possible."""
    data = recruitment(world)  # the vacancy is open again after its first draw
    client.force_login(world.user("secretary"))
    draw_url = _staff(world, "recruitment:draw_new", data.vacancy.pk)
    detail_url = _staff(world, "recruitment:vacancy_detail", data.vacancy.pk)
    html = client.get(detail_url).content.decode()
    assert draw_url not in html and "Loten kan pas na de sluitingsdatum" in html
    before = Draw.objects.count()
    for method in (client.get, client.post):
        response = method(draw_url, {"municipality": world.municipality_2.pk, "seats": 1}, follow=True)
        assert response.redirect_chain == [(detail_url, 302)]
        assert "U kunt nog niet loten. Mensen kunnen zich aanmelden tot en met" in response.content.decode()
    assert Draw.objects.count() == before
    with after_closing(data.vacancy):
        assert draw_url in client.get(detail_url).content.decode()
        assert client.get(draw_url).status_code == 200


def test_draw_result_page_is_public_without_names(client, world):
    """B7: 'Iedereen kan deze loting opnieuw doen' holds: anyone can open the draw without logging in. It shows
    application numbers only, never names or who ran it."""
    data = recruitment(world)
    url = _public_draw(world, data.draw)
    assert url.startswith(f"/r/{world.region.slug}/")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Iedereen kan deze loting opnieuw doen" in html and "dezelfde uitslag" in html
    assert data.draw.seed in html and ", ".join(map(str, data.draw.candidate_ids)) in html
    for name in ("Geschikt 0", "Geschikt 1", "Geschikt 2", world.user("secretary").name):
        assert name not in html
    # The old address of the staff screen sends everyone to the public page.
    old = client.get(_staff(world, "recruitment:draw_detail", data.draw.pk))
    assert old.status_code == 301 and old["Location"] == url
    # The draw of another region's address is not found.
    other = reverse(
        "recruitment:draw_public",
        kwargs={"region": world.other_region.slug, "vacancy": data.vacancy.pk, "pk": data.draw.pk},
    )
    assert client.get(other).status_code == 404


def test_draw_seed_hash_is_public_before_the_draw_and_the_seed_after(client, world):
    """B7: the vacancy page shows the SHA-256 of the seed before the draw (never the seed); the draw page shows the
    seed and that its hash is the one published before."""
    vacancy = new_vacancy(world)
    for n in range(3):
        application = apply(vacancy, world.municipality, name=f"Kandidaat {n}")
        services.application_set_suitable(application=application, suitable=True, by=world.user("secretary"))
    html = client.get(_public(world, vacancy)).content.decode()
    published = set(re.findall(r"\b[0-9a-f]{64}\b", html))
    assert len(published) == 2  # one for each municipality with seats
    with after_closing(vacancy):
        draw = services.draw_run(vacancy=vacancy, municipality=world.municipality, seats=1, by=world.user("secretary"))
    assert draw.seed not in html
    assert hashlib.sha256(draw.seed.encode()).hexdigest() in published
    page = client.get(_public_draw(world, draw)).content.decode()
    assert draw.seed in page and draw.seed_hash in page and "De hash klopt" in page
    after = client.get(_public(world, vacancy)).content.decode()
    assert _public_draw(world, draw) in after  # the vacancy page links the draw next to its hash


def test_draw_check_shows_a_tampered_result(client, world):
    data = recruitment(world)
    Draw.objects.filter(pk=data.draw.pk).update(chosen_ids=[999], seed_hash="0" * 64)
    html = client.get(_public_draw(world, data.draw)).content.decode()
    assert "een andere uitslag" in html and "De hash klopt niet" in html


def test_outcome_letter_for_someone_without_email(client, world):
    data = recruitment(world)
    client.force_login(world.user("secretary"))
    response = client.post(_staff(world, "recruitment:outcome_send", data.decided.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dijk 1, Zeedorp" in html and "U bent gekozen" in html
    data.decided.refresh_from_db()
    assert data.decided.outcome_channel == "brief" and data.decided.outcome_sent_at
    assert client.get(_staff(world, "recruitment:outcome_letter", data.decided.pk)).status_code == 200
    assert client.get(_staff(world, "recruitment:outcome_letter", data.received.pk)).status_code == 404


def test_outcome_before_a_decision_is_refused_clearly(client, world):
    data = recruitment(world)
    client.force_login(world.user("secretary"))
    response = client.post(_staff(world, "recruitment:outcome_send", data.received.pk))
    assert response.status_code == 302
    assert "Kies eerst" in str(next(iter(get_messages(response.wsgi_request))))


def test_making_a_member_prints_a_code_letter_that_is_not_cached(client, world):
    data = recruitment(world)
    client.force_login(world.user("secretary"))
    response = client.post(_staff(world, "recruitment:application_convert", data.chosen.pk))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "Chris Kandidaat" in html and "inspraak-letter__code" in html
    assert Membership.objects.filter(user__name="Chris Kandidaat", body=world.body, status="actief").exists()
    # Once more: a clear message, not a second membership.
    response = client.post(_staff(world, "recruitment:application_convert", data.chosen.pk))
    assert response.status_code == 302
    assert "al lid gemaakt" in str(next(iter(get_messages(response.wsgi_request))))


def test_duplicate_membership_on_conversion_is_a_clear_message(client, world):
    vacancy = recruitment(world).vacancy
    application = apply(vacancy, world.municipality, contact_email=world.user("member").email)
    services.application_set_status(application=application, status="gekozen", by=world.user("secretary"))
    client.force_login(world.user("secretary"))
    response = client.post(_staff(world, "recruitment:application_convert", application.pk))
    assert response.status_code == 302
    assert "al lid of kandidaat" in str(next(iter(get_messages(response.wsgi_request))))


def test_member_with_email_gets_a_redirect_and_an_email(client, world, mailoutbox, django_capture_on_commit_callbacks):
    vacancy = recruitment(world).vacancy
    application = apply(vacancy, world.municipality, contact_email="welkom@example.org")
    services.application_set_status(application=application, status="gekozen", by=world.user("secretary"))
    client.force_login(world.user("admin"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_staff(world, "recruitment:application_convert", application.pk))
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["welkom@example.org"]]


# ---------------------------------------------------------------- fixed query counts


def _grow_applications(world, vacancy):
    def grow():
        for n in range(6):
            application = apply(vacancy, world.municipality_2 if n % 2 else world.municipality, name=f"Extra {n}")
            services.application_set_suitable(application=application, suitable=True, by=world.user("secretary"))
        with after_closing(vacancy):
            services.draw_run(vacancy=vacancy, municipality=world.municipality, seats=1, by=world.user("secretary"))

    return grow


def test_vacancy_detail_queries_do_not_grow_with_applications(client, world):
    vacancy = recruitment(world).vacancy
    client.force_login(world.user("secretary"))
    assert_constant_queries(
        client, _staff(world, "recruitment:vacancy_detail", vacancy.pk), _grow_applications(world, vacancy)
    )


def test_vacancy_detail_for_an_officer_has_fixed_queries(client, world):
    vacancy = recruitment(world).vacancy
    client.force_login(world.user("officer_region"))
    assert_constant_queries(
        client, _staff(world, "recruitment:vacancy_detail", vacancy.pk), _grow_applications(world, vacancy)
    )


def test_public_vacancy_and_draw_pages_have_fixed_queries(client, world):
    data = recruitment(world)
    assert_constant_queries(client, _public(world, data.vacancy), _grow_applications(world, data.vacancy))
    assert_constant_queries(client, _public_draw(world, data.draw), _grow_applications(world, data.vacancy))


def test_vacancy_list_and_public_list_have_fixed_queries(client, world):
    recruitment(world)

    def grow():
        for n in range(4):
            vacancy = new_vacancy(world, title=f"Vacature {n}")
            apply(vacancy, world.municipality)

    client.force_login(world.user("secretary"))
    assert_constant_queries(client, _staff(world, "recruitment:vacancy_list"), grow)
    client.logout()
    url = reverse("recruitment:region_vacancies", kwargs={"region": world.region.slug})
    assert_constant_queries(client, url, grow)


def test_application_detail_has_fixed_queries(client, world):
    data = recruitment(world)
    client.force_login(world.user("secretary"))

    def grow():
        for status in ("gesprek", "ontvangen", "gesprek"):
            services.application_set_status(application=data.received, status=status, by=world.user("facilitator"))

    assert_constant_queries(client, _staff(world, "recruitment:application_detail", data.received.pk), grow)


# ---------------------------------------------------------------- pages the matrix does not reach as a plain GET


def test_error_pages_letters_and_closed_pages_are_valid_html(client, world, tmp_path):
    data = recruitment(world)
    pages = {
        "public form with errors": client.post(
            _public(world, data.vacancy), _apply_data(world, contact_email="", motivation="x" * 2001)
        ),
    }
    client.force_login(world.user("secretary"))
    pages |= {
        "paper form with errors": client.post(
            _staff(world, "recruitment:paper_application", data.vacancy.pk), {"name": ""}
        ),
        "status form with errors": client.post(
            _staff(world, "recruitment:application_status", data.received.pk), {"status": "niet_gekozen"}
        ),
        "vacancy form with errors": client.post(_staff(world, "recruitment:vacancy_new"), {"title": ""}),
        "outcome letter": client.post(_staff(world, "recruitment:outcome_send", data.decided.pk)),
        "code letter": client.post(_staff(world, "recruitment:application_convert", data.chosen.pk)),
    }
    with after_closing(data.vacancy):
        pages["draw form with errors"] = client.post(
            _staff(world, "recruitment:draw_new", data.vacancy.pk), {"seats": "x"}
        )
    Vacancy.objects.filter(pk=data.vacancy.pk).update(status=Vacancy.Status.DONE)
    pages["closed vacancy"] = client.get(_public(world, data.vacancy))
    pages["application detail of a member"] = client.get(
        _staff(world, "recruitment:application_detail", data.chosen.pk)
    )
    for label, response in pages.items():
        assert response.status_code == 200, label
    assert_valid_html({label: response.content for label, response in pages.items()}, tmp_path)
