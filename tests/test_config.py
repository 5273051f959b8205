"""Settings: one registry of environment variables, a clean deploy check, Dutch by default."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings

from config.env import REGISTRY


def test_every_environment_variable_has_a_default_and_help():
    assert {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "SITE_URL", "EMAIL_HOST", "EMAIL_MODE"} <= set(REGISTRY)
    for var in REGISTRY.values():
        assert var.help.strip(), f"{var.name} has no help text"


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "INSPRAAK_PRODUCTION": "true",
        "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-for-the-check-0123456789",
        "ALLOWED_HOSTS": "inspraak.example.nl",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _start_in_production(**env_vars) -> subprocess.CompletedProcess:
    env = {**os.environ, "INSPRAAK_PRODUCTION": "true", "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("SECRET_KEY", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(env_vars)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_the_development_secret():
    result = _start_in_production()
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    "secret",
    ["short", "a" * 60, "abab" * 20, "django-insecure-" + "k3j4h5g6f7d8s9a0" * 4],
    ids=["short", "one-character", "two-characters", "django-dev-key"],
)
def test_production_refuses_a_weak_secret(secret):
    result = _start_in_production(SECRET_KEY=secret)
    assert result.returncode != 0 and "SECRET_KEY is too weak" in result.stderr


def test_production_refuses_debug():
    result = _start_in_production(SECRET_KEY="k3j4h5g6f7d8s9a0" * 4, INSPRAAK_DEBUG="true")
    assert result.returncode != 0 and "INSPRAAK_DEBUG must be off" in result.stderr


def test_a_strong_secret_is_accepted():
    from config.env import weak_secret_key

    assert weak_secret_key("k3j4h5g6f7d8s9a0" * 4) == ""
    assert _start_in_production(SECRET_KEY="k3j4h5g6f7d8s9a0" * 4).returncode == 0


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from config import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_dutch_by_default_even_for_an_english_browser(client):
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl"' in response.content.decode()


@pytest.mark.django_db
def test_english_when_chosen(client):
    response = client.post("/taal/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    response = client.get("/")
    assert response["Content-Language"] == "en"
    assert '<html lang="en"' in response.content.decode()


@pytest.mark.django_db
def test_blank_choices_are_dutch():
    from inspraak.accounts.forms import RoleGrantForm
    from inspraak.regions.selectors import body_choices, municipality_choices
    from tests.factories import RegionFactory

    region = RegionFactory()
    html = str(RoleGrantForm(municipalities=municipality_choices(region), bodies=body_choices(region)))
    assert "Select an option" not in html and "— Kies —" in html


def test_a_refused_request_is_logged_once_as_a_warning_without_a_traceback(rf, caplog):
    import logging

    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.core.handlers.exception import response_for_exception

    request = rf.get("/orgaan/geheim/")
    request.user = AnonymousUser()
    with caplog.at_level(logging.INFO):
        response = response_for_exception(request, PermissionDenied())
    records = [r for r in caplog.records if r.name == "django.request"]
    assert response.status_code == 403
    assert [(r.levelno, r.exc_info) for r in records] == [(logging.WARNING, None)]


def test_a_server_error_is_still_logged_with_its_traceback(rf, caplog):
    from django.http import HttpResponseServerError
    from django.utils.log import log_response

    try:
        raise ValueError("stuk")
    except ValueError as exc:
        with caplog.at_level("INFO"):
            log_response(
                "Server error: %s", "/kapot/", response=HttpResponseServerError(), request=rf.get("/"), exception=exc
            )
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1 and records[0].exc_info is not None


def test_every_log_line_is_written_once_in_development():
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('django.tasks').warning('een-regel'); "
        "logging.getLogger('inspraak.core').warning('twee-regel')"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "INSPRAAK_DEBUG": "true"}
    env.pop("INSPRAAK_PRODUCTION", None)
    result = subprocess.run(  # noqa: S603 -- fixed argv: this interpreter and a literal
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert output.count("een-regel") == 1 and output.count("twee-regel") == 1, output
