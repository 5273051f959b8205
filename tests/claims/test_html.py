"""The claim pages are valid HTML (W3C Nu validator), also a form shown again with errors."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.claims.data import claims_data
from tests.quality.html import assert_valid_html

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
WORLD_DATA = (claims_data,)


def test_claim_pages_are_valid_html(world, tmp_path):
    data = claims_data(world)

    def url(name, **extra):
        return reverse(f"claims:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, **extra})

    pages = {}
    for actor, name, target in [
        ("member", "new", url("new")),
        ("member", "mine", url("mine")),
        ("member", "own", url("detail", pk=data.own.pk)),
        ("member", "edit", url("edit", pk=data.own.pk)),
        ("secretary", "list", url("list")),
        ("secretary", "decide", url("detail", pk=data.client.pk)),
        ("secretary", "paper", url("paper")),
        ("finance", "region", reverse("claims:region_list", args=[world.region.slug])),
    ]:
        client = Client()
        client.force_login(world.user(actor))
        response = client.get(target)
        assert response.status_code == 200, name
        pages[f"{actor} {name}"] = response.content
    client = Client()
    client.force_login(world.user("member"))
    errors = client.post(url("new"), {"amount": "vier"})
    assert b"utrecht-form-field-error-message" in errors.content
    pages["member new with errors"] = errors.content
    assert_valid_html(pages, tmp_path)
