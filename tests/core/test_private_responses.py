"""Logged-in pages are never cached, sessions end with the browser or after an idle hour, files are sandboxed,
and a failed form check (CSRF) explains itself in Dutch (security probe M4, L2, L9)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.http import FileResponse, HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts.models import LoginSession as Session
from inspraak.core.middleware import _SEEN_KEY, PrivateResponseMiddleware

pytestmark = pytest.mark.django_db


def _through_middleware(response, user=None):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return PrivateResponseMiddleware(lambda r: response)(request)


def test_every_page_for_a_logged_in_person_is_private_and_not_stored(client_for, world):
    client = client_for("secretary")
    pages = [
        reverse("dashboards:dashboard"),
        reverse("accounts:account"),
        reverse("members:list", args=[world.region.slug, world.body.slug]),
        reverse("dashboards:home"),  # a public page, but with the person's name in the header
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url


def test_a_public_cache_header_is_overruled_for_a_logged_in_person_but_kept_for_anonymous_visitors(world):
    public = HttpResponse("agenda")
    public["Cache-Control"] = "public, max-age=300"
    assert _through_middleware(public)["Cache-Control"] == "public, max-age=300"
    public = HttpResponse("agenda")
    public["Cache-Control"] = "public, max-age=300"
    assert _through_middleware(public, world.user("member"))["Cache-Control"] == "private, no-store"


def test_anonymous_public_pages_are_not_marked_private(client):
    response = client.get(reverse("dashboards:home"))
    assert "no-store" not in response.get("Cache-Control", "")


def test_session_ends_when_the_browser_closes_and_after_an_idle_hour(client, world, settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_IDLE_MINUTES == 60
    assert settings.SESSION_COOKIE_AGE == 60 * 60
    response = client.post(
        reverse("accounts:login"), {"username": world.user("member").email, "password": "geheim-wachtwoord-123"}
    )
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert not cookie["max-age"] and not cookie["expires"]  # a browser-session cookie
    expiry = Session.objects.get(session_key=cookie.value).expire_date
    assert abs(expiry - (timezone.now() + datetime.timedelta(minutes=60))) < datetime.timedelta(seconds=30)


def test_an_active_session_slides_with_at_most_one_write_a_minute(client_for, world):
    client = client_for("member")
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + datetime.timedelta(minutes=5))
    client.get(reverse("dashboards:dashboard"))
    # The idle clock started at login, less than a minute ago: no write, the expiry stays.
    soon = Session.objects.get(session_key=key).expire_date
    assert soon < timezone.now() + datetime.timedelta(minutes=6)
    session = client.session
    session[_SEEN_KEY] -= 120  # the last renewal was two minutes ago
    session.save()
    Session.objects.filter(session_key=key).update(expire_date=soon)
    client.get(reverse("dashboards:dashboard"))
    assert Session.objects.get(session_key=key).expire_date > timezone.now() + datetime.timedelta(minutes=59)


def test_an_idle_session_has_ended(client_for, world):
    client = client_for("member")
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(reverse("dashboards:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_every_page_switches_off_camera_microphone_and_location(client):
    policy = client.get(reverse("dashboards:home"))["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy


def test_files_are_served_in_a_sandbox(world, tmp_path):
    upload = FileResponse(ContentFile(b"%PDF-1.4 <script>alert(1)</script>", name="stuk.pdf"), as_attachment=False)
    assert _through_middleware(upload)["Content-Security-Policy"] == "default-src 'none'; sandbox"
    download = HttpResponse(b"BEGIN:VCALENDAR", content_type="text/calendar")
    download["Content-Disposition"] = 'attachment; filename="vergadering.ics"'
    assert "sandbox" in _through_middleware(download, world.user("member"))["Content-Security-Policy"]
    page = _through_middleware(HttpResponse("<p>pagina</p>"))
    assert "Content-Security-Policy" not in page  # pages keep the site-wide policy (set by Django's middleware)
    document_page = HttpResponse("<main>stuk</main>")
    document_page["Content-Disposition"] = 'inline; filename="stuk-1.html"'  # a document shown as our own page
    assert "Content-Security-Policy" not in _through_middleware(document_page)


def test_the_language_cookie_is_samesite_httponly_and_secure_in_production(client, settings):
    response = client.post("/taal/setlang/", {"language": "en", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["samesite"] == "Lax" and cookie["httponly"]
    settings.LANGUAGE_COOKIE_SECURE = True
    response = client.post("/taal/setlang/", {"language": "nl", "next": "/"}, secure=True)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME]["secure"]


# ---------------------------------------------------------------- L2: the CSRF failure page


def _production_like(settings):
    settings.DEBUG = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def test_a_form_without_a_valid_token_gets_a_dutch_page_in_the_site_layout(world, settings):
    _production_like(settings)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("member"))
    back = "https://testserver" + reverse("accounts:account")
    response = client.post(reverse("accounts:account"), {"new_password1": "x"}, secure=True, headers={"referer": back})
    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="nl"' in html
    assert "Uw formulier is niet verstuurd" in html
    assert "niet bewaard" in html  # what was typed is lost, and the page says so
    assert "ander tabblad" in html and "opnieuw" in html
    assert f'href="{back}"' in html  # the way back
    assert reverse("dashboards:dashboard") in html  # the site layout and navigation
    assert "CSRF" not in html and "DEBUG" not in html


def test_the_csrf_page_never_links_back_to_another_site(client, settings):
    _production_like(settings)
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {}, secure=True, headers={"referer": "https://evil.example/x"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "evil.example" not in html
    assert "knop Terug" in html


def test_an_uploaded_document_is_downloaded_sandboxed_and_private(client_for, world):
    from tests.agenda.data import agenda

    data = agenda(world)
    url = reverse("agenda:document", args=[world.region.slug, world.body.slug, data.member_doc.pk])
    response = client_for("member").get(url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"
    page = client_for("member").get(
        reverse("agenda:document", args=[world.region.slug, world.body.slug, data.page_doc.pk])
    )
    assert "sandbox" not in page["Content-Security-Policy"]  # a document written in Inspraak is one of our pages
