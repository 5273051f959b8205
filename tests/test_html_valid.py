"""Every GET page of the matrix (and error states) is valid HTML according to the W3C Nu validator, in one Java call."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.quality.html import assert_valid_html
from tests.quality.pages import PAGES


@pytest.mark.browser  # what a browser gets; independent of the database (CI runs it once, on SQLite)
@pytest.mark.django_db
def test_all_pages_are_valid_html(world, tmp_path):
    pages: dict[str, bytes] = {}
    wrong: list[str] = []
    for spec in PAGES:
        client = Client()
        user = world.user(spec.actor)
        if user is not None:
            client.force_login(user)
        response = client.get(spec.url(world))
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            wrong.append(f"{spec.id}: HTTP {response.status_code} {response['Content-Type']}")
            continue
        pages[spec.id] = response.content
    assert not wrong, "Pages that did not render as HTML:\n" + "\n".join(wrong)

    anonymous = Client()
    form_errors = anonymous.post(reverse("accounts:login"), {"username": "geen-email", "password": ""})
    assert form_errors.status_code == 200 and b"utrecht-form-field-error-message" in form_errors.content
    pages["login form with errors"] = form_errors.content
    not_found = anonymous.get("/deze-pagina-bestaat-niet/")
    assert not_found.status_code == 404
    pages["404 page"] = not_found.content
    assert_valid_html(pages, tmp_path)
