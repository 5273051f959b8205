"""The public application form cannot be flooded or used in someone else's name (probe M7): an online application
counts only once confirmed (email link, or the secretary's phone call), the form is rate-limited per client address,
per vacancy and per email address, and a honeypot catches robots."""

from __future__ import annotations

import datetime
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts.services import RESET_REQUESTS_PER_EMAIL
from inspraak.audit.models import AuditEvent
from inspraak.core.ratelimit import Limit
from inspraak.recruitment import rules, selectors, services
from inspraak.recruitment.models import Application, ApplicationEvent
from tests.quality.html import assert_valid_html
from tests.recruitment.data import CONFIRM_TOKEN, close, new_vacancy, recruitment

pytestmark = pytest.mark.django_db


def _url(world, vacancy, name="recruitment:vacancy_public"):
    return reverse(name, kwargs={"region": world.region.slug, "pk": vacancy.pk})


def _data(world, **changes):
    data = {
        "name": "Nieuwe Aanmelder",
        "contact_email": "nieuw@example.org",
        "municipality": world.municipality.pk,
        "situation": "nu",
        "motivation": "Ik weet hoe het is.",
        "consent_processing": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _apply(client, world, vacancy, callbacks, **changes):
    with callbacks(execute=True):
        return client.post(_url(world, vacancy), _data(world, **changes))


def _link_path():
    return re.search(r"https?://[^/\s]+(/r/\S+/aanmelding-bevestigen/\S+/)", mail.outbox[-1].body).group(1)


def _counted(vacancy):
    return selectors.vacancy_overview(vacancy, with_applicants=True)["total_applications"]


def test_an_application_with_email_counts_only_after_the_link(client, world, django_capture_on_commit_callbacks):
    vacancy = new_vacancy(world)
    response = _apply(client, world, vacancy, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Kijk in uw mail" in page and "Klik op de link in de e-mail" in page
    application = Application.objects.get()
    assert application.confirmed_at is None
    assert _counted(vacancy) == 0
    assert selectors.vacancy_overview(vacancy, with_applicants=True)["applications"] == []
    assert mail.outbox[0].to == ["nieuw@example.org"]
    assert "Bevestig uw aanmelding" in mail.outbox[0].subject

    path = _link_path()
    # Opening the link (or a mail scanner doing so) changes nothing: it shows a button.
    response = client.get(path)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert "Ja, ik heb mij aangemeld" in response.content.decode()
    application.refresh_from_db()
    assert application.confirmed_at is None

    response = client.post(path)
    assert response.status_code == 200
    assert "Uw aanmelding is bevestigd" in response.content.decode()
    application.refresh_from_db()
    assert application.confirmed_at is not None and application.confirm_token_hash == ""
    assert _counted(vacancy) == 1
    assert ApplicationEvent.objects.filter(application=application, kind="bevestigd", note="e-mail").exists()
    assert AuditEvent.objects.filter(action="application.confirm", actor=None).count() == 1

    # The link works once; a used, an expired and an unknown link look the same.
    used = client.post(path)
    unknown = client.get(path.replace("aanmelding-bevestigen/", "aanmelding-bevestigen/x"))
    assert used.status_code == unknown.status_code == 404
    assert "Deze link werkt niet" in used.content.decode() and "Deze link werkt niet" in unknown.content.decode()


def test_the_confirmation_link_expires(client, world, django_capture_on_commit_callbacks):
    vacancy = new_vacancy(world)
    _apply(client, world, vacancy, django_capture_on_commit_callbacks)
    days = rules.CONFIRM_LINK_DAYS
    Application.objects.update(submitted_at=timezone.now() - datetime.timedelta(days=days, minutes=1))
    assert client.get(_link_path()).status_code == 404
    assert client.post(_link_path()).status_code == 404
    assert Application.objects.get().confirmed_at is None


def test_the_link_only_works_in_its_own_region(client, world, django_capture_on_commit_callbacks):
    vacancy = new_vacancy(world)
    _apply(client, world, vacancy, django_capture_on_commit_callbacks)
    other = _link_path().replace(f"/r/{world.region.slug}/", f"/r/{world.other_region.slug}/")
    assert client.post(other).status_code == 404
    assert Application.objects.get().confirmed_at is None


def test_without_email_the_secretary_confirms_by_phone(client, world, django_capture_on_commit_callbacks):
    vacancy = new_vacancy(world)
    response = _apply(
        client, world, vacancy, django_capture_on_commit_callbacks, contact_email="", contact_phone="0612345678"
    )
    page = client.get(response["Location"]).content.decode()
    assert "belt of schrijft de secretaris u eerst" in page
    assert mail.outbox == []
    application = Application.objects.get()
    assert _counted(vacancy) == 0
    # The secretary sees it, marked as not yet confirmed.
    secretary = world.user("secretary")
    client.force_login(secretary)
    detail = reverse(
        "recruitment:vacancy_detail", kwargs={"region": world.region.slug, "body": world.body.slug, "pk": vacancy.pk}
    )
    assert "nog niet bevestigd" in client.get(detail).content.decode()
    kwargs = {"region": world.region.slug, "body": world.body.slug, "pk": application.pk}
    html = client.get(reverse("recruitment:application_detail", kwargs=kwargs)).content.decode()
    assert "Bel of schrijf de persoon" in html and "Status opslaan" not in html
    response = client.post(reverse("recruitment:application_confirm_by_phone", kwargs=kwargs))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.confirmed_at is not None
    assert _counted(vacancy) == 1
    assert AuditEvent.objects.get(action="application.confirm").actor == secretary


def test_unconfirmed_applications_cannot_be_decided_on_or_drawn(client, world):
    vacancy = new_vacancy(world, seats={world.municipality: 1})
    secretary = world.user("secretary")
    applications = [
        services.application_submit(
            vacancy=vacancy,
            name=f"Aanmelder {n}",
            municipality=world.municipality,
            situation="nu",
            motivation="Graag.",
            consent_processing=True,
            contact_phone="06",
        )
        for n in range(3)
    ]
    with pytest.raises(services.RecruitmentError, match=r"^not_confirmed$"):
        services.application_set_suitable(application=applications[2], suitable=True, by=secretary)
    with pytest.raises(services.RecruitmentError, match=r"^not_confirmed$"):
        services.application_set_status(application=applications[2], status="gekozen", by=secretary)
    # Even when marked suitable some other way, an unconfirmed application is not drawn.
    Application.objects.filter(pk=applications[2].pk).update(suitable=True)
    for application in applications[:2]:
        services.application_confirm_by_phone(application=application, by=secretary)
        services.application_set_suitable(application=application, suitable=True, by=secretary)
    close(vacancy)
    draw = services.draw_run(vacancy=vacancy, municipality=world.municipality, seats=1, by=secretary)
    assert draw.candidate_ids == sorted([applications[0].pk, applications[1].pk])
    # The buttons say what to do first.
    client.force_login(secretary)
    kwargs = {"region": world.region.slug, "body": world.body.slug, "pk": applications[2].pk}
    response = client.post(reverse("recruitment:application_status", kwargs=kwargs), {"status": "gekozen"}, follow=True)
    assert "nog niet bevestigd. Bevestig haar eerst" in response.content.decode()
    response = client.post(reverse("recruitment:application_suitable", kwargs=kwargs), {"geschikt": "ja"}, follow=True)
    assert "nog niet bevestigd. Bevestig haar eerst" in response.content.decode()
    assert Application.objects.get(pk=applications[2].pk).status == "ontvangen"


def test_unconfirmed_applications_expire(world):
    vacancy = new_vacancy(world)
    common = {
        "vacancy": vacancy,
        "municipality": world.municipality,
        "situation": "nu",
        "motivation": "Graag.",
        "consent_processing": True,
    }
    with_email = services.application_submit(name="Mail", contact_email="a@example.org", **common)
    phone = services.application_submit(name="Telefoon", contact_phone="06", **common)
    confirmed = services.application_submit(name="Bevestigd", contact_phone="06", **common)
    services.application_confirm_by_phone(application=confirmed, by=world.user("secretary"))
    Application.objects.update(submitted_at=timezone.now() - datetime.timedelta(days=rules.CONFIRM_LINK_DAYS + 1))
    out = StringIO()
    call_command("prune_unconfirmed_applications", stdout=out)
    assert "Deleted 1 unconfirmed applications." in out.getvalue()
    assert set(Application.objects.values_list("pk", flat=True)) == {phone.pk, confirmed.pk}
    Application.objects.update(
        submitted_at=timezone.now() - datetime.timedelta(days=rules.UNCONFIRMED_WITHOUT_EMAIL_DAYS + 1)
    )
    assert services.applications_prune_unconfirmed() == 1
    assert list(Application.objects.values_list("pk", flat=True)) == [confirmed.pk]
    assert with_email.pk not in Application.objects.values_list("pk", flat=True)


# ---------------------------------------------------------------- limits and the honeypot


def test_ten_applications_an_hour_per_client_address(client, world, settings):
    settings.PROXY_COUNT = 1
    vacancy = new_vacancy(world)
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for n in range(services.APPLICATIONS_PER_ADDRESS.count):
        data = _data(world, contact_email=f"a{n}@example.org")
        response = client.post(_url(world, vacancy), data, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
        assert response.status_code == 302
    data = _data(world, contact_email="nog.een@example.org", name="Getypte Naam")
    response = client.post(_url(world, vacancy), data, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7", **proxy)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Probeer het over een uur opnieuw" in html
    assert 'value="Getypte Naam"' in html  # the typed input is kept
    assert Application.objects.count() == services.APPLICATIONS_PER_ADDRESS.count
    # Someone else (another address behind the same proxy) can still apply.
    response = client.post(_url(world, vacancy), data, HTTP_X_FORWARDED_FOR="192.0.2.55", **proxy)
    assert response.status_code == 302


def test_three_applications_a_day_per_email_address(client, world):
    vacancy = new_vacancy(world)
    answers = [client.post(_url(world, vacancy), _data(world)).status_code for _ in range(4)]
    assert answers == [302, 302, 302, 429]
    assert Application.objects.count() == 3


def test_applications_per_vacancy_are_limited(client, world, monkeypatch):
    monkeypatch.setattr(services, "APPLICATIONS_PER_VACANCY", Limit("application:vacancy", 2))
    vacancy, other = new_vacancy(world), new_vacancy(world)
    answers = [
        client.post(
            _url(world, vacancy), _data(world, contact_email=f"a{n}@example.org"), REMOTE_ADDR=f"192.0.2.{n}"
        ).status_code
        for n in range(3)
    ]
    assert answers == [302, 302, 429]
    assert client.post(_url(world, other), _data(world), REMOTE_ADDR="192.0.2.9").status_code == 302


def test_the_honeypot_is_hidden_and_a_filled_one_stores_nothing(client, world, django_capture_on_commit_callbacks):
    vacancy = new_vacancy(world)
    html = client.get(_url(world, vacancy)).content.decode()
    trap = re.search(r'<div class="inspraak-honeypot" aria-hidden="true">.*?</div>', html, re.S).group(0)
    assert 'name="homepage"' in trap and 'tabindex="-1"' in trap and "style=" not in trap
    assert html.count('name="homepage"') == 1
    response = _apply(client, world, vacancy, django_capture_on_commit_callbacks, homepage="http://spam.example")
    assert response.status_code == 302 and "bedankt" in response["Location"]
    assert not Application.objects.exists()
    assert mail.outbox == []


def test_the_paper_form_has_no_honeypot(client, world):
    vacancy = new_vacancy(world)
    client.force_login(world.user("secretary"))
    url = reverse(
        "recruitment:paper_application",
        kwargs={"region": world.region.slug, "body": world.body.slug, "pk": vacancy.pk},
    )
    assert 'name="homepage"' not in client.get(url).content.decode()
    response = client.post(url, _data(world, contact_email="", contact_address="Kerkstraat 3"))
    assert response.status_code == 302
    assert Application.objects.get().confirmed_at is not None  # entered from paper: confirmed


def test_new_pages_are_valid_html(client, world, tmp_path, monkeypatch):
    data = recruitment(world)
    vacancy = data.vacancy
    pages = {}
    pages["thanks without email"] = client.get(_url(world, vacancy, "recruitment:vacancy_thanks") + "?per=telefoon")
    link = reverse("recruitment:application_confirm", kwargs={"region": world.region.slug, "token": CONFIRM_TOKEN})
    pages["confirmed"] = client.post(link)
    pages["link no longer works"] = client.post(link)
    monkeypatch.setattr(services, "APPLICATIONS_PER_VACANCY", Limit("application:vacancy", 0))
    pages["form over the limit"] = client.post(_url(world, vacancy), _data(world))
    for _ in range(RESET_REQUESTS_PER_EMAIL.count + 1):
        pages["too many reset requests"] = client.post(
            reverse("accounts:password_reset"), {"email": "x@example.org"}, REMOTE_ADDR="192.0.2.1"
        )
    client.force_login(world.user("secretary"))
    kwargs = {"region": world.region.slug, "body": world.body.slug, "pk": data.unconfirmed.pk}
    pages["unconfirmed application"] = client.get(reverse("recruitment:application_detail", kwargs=kwargs))
    statuses = {label: response.status_code for label, response in pages.items()}
    assert statuses == {
        "thanks without email": 200,
        "confirmed": 200,
        "link no longer works": 404,
        "form over the limit": 429,
        "too many reset requests": 429,
        "unconfirmed application": 200,
    }
    assert_valid_html({label: response.content for label, response in pages.items()}, tmp_path)
