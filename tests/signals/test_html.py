"""Every signals page, and the error states of its forms, is valid HTML (the W3C Nu validator, one Java call)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.quality.html import assert_valid_html
from tests.signals.data import signal_data


@pytest.mark.browser
@pytest.mark.django_db
def test_signals_pages_and_their_errors_are_valid_html(client, world, tmp_path):
    data = signal_data(world)
    region = world.region.slug
    body = [region, world.body.slug]
    pages = {"public": client.get(reverse("signals:public", args=[region])).content}
    client.force_login(world.user("admin"))
    gets = {
        "staff": reverse("signals:staff", args=[region]),
        "enter": reverse("signals:enter", args=[region]) + "?gemeente=zeedorp&jaar=2026&kwartaal=3",
        "import": reverse("signals:import_csv", args=[region]),
        "themes": reverse("signals:themes", args=[region]),
        "theme edit": reverse("signals:theme_edit", args=[region, data.themes["brieven"].pk]),
        "settings": reverse("signals:settings", args=[region]),
        "follow up": reverse("signals:follow_up", args=[region, data.link.pk]),
        "body": reverse("signals:body", args=body),
        "make topic": reverse("signals:make_topic", args=[*body, "bezwaren", "alle", 2026, 3]),
    }
    for name, url in gets.items():
        response = client.get(url)
        assert response.status_code == 200, name
        pages[name] = response.content
    response = client.post(
        reverse("signals:enter", args=[region]),
        {"municipality": world.municipality.pk, "year": "2026", "quarter": "3", "kto_brieven_score": "12"},
    )
    assert response.status_code == 200
    pages["enter with errors"] = response.content
    bad = b"gemeente;jaar;kwartaal;soort\nAtlantis;1999;9;koffie\n"
    response = client.post(
        reverse("signals:import_csv", args=[region]),
        {"bestand": SimpleUploadedFile("s.csv", bad, content_type="text/csv")},
    )
    assert response.status_code == 400
    pages["import with errors"] = response.content
    response = client.post(reverse("signals:themes", args=[region]), {"label": "Brieven en uitleg"})
    assert response.status_code == 400
    pages["theme taken"] = response.content
    assert_valid_html(pages, tmp_path)
