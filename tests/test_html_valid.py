"""Every GET page of the matrix (and a form with errors) is valid HTML according to the W3C Nu validator."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.quality.html import assert_valid_html
from tests.quality.pages import PAGES


@pytest.mark.django_db
def test_all_pages_are_valid_html(world, tmp_path):
    pages: dict[str, bytes] = {}
    for spec in PAGES:
        client = Client()
        user = world.user(spec.actor)
        if user is not None:
            client.force_login(user)
        response = client.get(spec.url(world))
        assert response.status_code == 200, f"{spec.id}: {response.status_code}"
        pages[spec.id] = response.content
    pages["login form with errors"] = Client().post("/inloggen/", {"username": "geen-email", "password": ""}).content
    assert_valid_html(pages, tmp_path)
