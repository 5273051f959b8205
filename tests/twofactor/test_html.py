"""The states of the second step that the matrix does not reach, and the CSRF page, are valid HTML."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.quality.html import assert_valid_html

pytestmark = [pytest.mark.django_db, pytest.mark.second_factor]


def test_second_step_pages_and_the_csrf_page_are_valid_html(world, tmp_path):
    admin = world.user("admin")
    client = Client()
    client.force_login(admin)
    pages = {"set up, with an error": client.post(reverse("twofactor:setup"), {"code": "12"}).content}
    device = TOTPDevice.objects.create(user=admin, name="app", confirmed=True)
    pages["code, with an error"] = client.post(reverse("twofactor:verify"), {"code": "abc"}).content
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id  # the second step passed
    session["twofactor_new_codes"] = ["abcd2345", "efgh6723"]
    session.save()
    manage = client.get(reverse("twofactor:manage"))
    assert manage.status_code == 200 and b"abcd 2345" in manage.content
    pages["new recovery codes"] = manage.content
    csrf = Client(enforce_csrf_checks=True).post(
        reverse("accounts:login"), {}, headers={"referer": "http://testserver/"}
    )
    assert csrf.status_code == 403
    pages["CSRF failure"] = csrf.content
    assert_valid_html(pages, tmp_path)


def test_the_pages_to_switch_the_second_step_on_and_off_are_valid_html(world, tmp_path):
    secretary = world.user("secretary")
    client = Client()
    client.force_login(secretary)
    pages = {
        "account, second step off": client.get(reverse("accounts:account")).content,
        "set up by choice, with an error": client.post(reverse("twofactor:setup"), {"code": "12"}).content,
    }
    device = TOTPDevice.objects.create(user=secretary, name="app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id  # the second step passed
    session.save()
    pages["account, second step on"] = client.get(reverse("accounts:account")).content
    pages["manage, with switching off"] = client.get(reverse("twofactor:manage")).content
    wrong = client.post(reverse("twofactor:switch_off"), {"password": "fout"})
    assert wrong.status_code == 200 and "Dit wachtwoord klopt niet" in wrong.content.decode()
    pages["switch off, with an error"] = wrong.content
    assert_valid_html(pages, tmp_path)
