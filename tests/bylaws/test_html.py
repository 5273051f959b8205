"""The error states of the verordening forms (not reached by the matrix's GET pages) are valid HTML too."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.bylaws.data import bylaw_data
from tests.quality.html import assert_valid_html


@pytest.mark.browser
@pytest.mark.django_db
def test_forms_with_errors_stale_and_import_errors_are_valid_html(client, world, tmp_path):
    data = bylaw_data(world)
    client.force_login(world.user("admin"))
    region = world.region.slug
    pages = {}
    response = client.post(reverse("bylaws:new", args=[region]), {"title": "", "element_b_article": "art. 2"})
    assert response.status_code == 200
    pages["new with errors"] = response.content
    edit = reverse("bylaws:edit", args=[region, data.zeedorp.pk])
    typed = {
        "municipality": world.municipality.pk,
        "title": "Getypt",
        "adopted_by": "gemeenteraad",
        "adopted_on": "2023-12-14",
        "in_force_from": "2024-01-01",
        "legal_basis": "participatiewet",
        "target_group": "art_7_1_7a",
        "version": "0",
    }
    response = client.post(edit, typed)
    assert b"Iemand anders" in response.content
    pages["stale edit"] = response.content
    bad = b"gemeente;titel\nAtlantis;\n"
    response = client.post(
        reverse("bylaws:import_csv", args=[region]),
        {"bestand": SimpleUploadedFile("v.csv", bad, content_type="text/csv")},
    )
    assert response.status_code == 400
    pages["import errors"] = response.content
    assert_valid_html(pages, tmp_path)
