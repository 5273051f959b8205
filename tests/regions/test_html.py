"""Pages the matrix does not reach as a plain GET are valid HTML too: forms with errors, a refused delete."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.quality.html import assert_valid_html

pytestmark = pytest.mark.django_db


def test_error_and_refusal_pages_are_valid_html(client, world, tmp_path):
    client.force_login(world.user("admin"))
    r = world.region.slug
    pages = {
        "municipality form with errors": client.post(
            reverse("regions:municipality_new", kwargs={"region": r}), {"name": "", "cbs_code": "fout"}
        ),
        "body form with errors": client.post(
            reverse("regions:body_new", kwargs={"region": r}), {"name": "", "level": "gemeente"}
        ),
        "region form with errors": client.post(reverse("regions:region_edit", kwargs={"region": r}), {"name": ""}),
        "refused delete": client.get(
            reverse("regions:municipality_delete", kwargs={"region": r, "municipality": world.municipality.slug})
        ),
    }
    for label, response in pages.items():
        assert response.status_code == 200, label
    assert_valid_html({label: response.content for label, response in pages.items()}, tmp_path)
