"""A document added to an advice request needs a title that members understand: the file name ("kto.pdf") is never
shown as its title (walkthrough B15)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.policy.data import TINY_PDF, policy


def test_a_document_without_a_title_is_refused_with_a_message_next_to_the_title(client, world):
    data = policy(world)
    client.force_login(world.user("officer_municipality"))
    url = reverse("advice:officer_request", args=[world.region.slug, data.request.pk])
    before = data.request.documents.count()

    response = client.post(url, {"title": "  ", "file": SimpleUploadedFile("kto.pdf", TINY_PDF)})

    assert response.status_code == 200
    assert 'id="id_title_error">Geef het stuk een titel die de leden begrijpen.' in response.content.decode()
    assert data.request.documents.count() == before
    assert not data.request.documents.filter(title="kto").exists()


def test_a_document_keeps_the_title_typed_for_it(client, world):
    data = policy(world)
    client.force_login(world.user("officer_municipality"))
    url = reverse("advice:officer_request", args=[world.region.slug, data.request.pk])

    response = client.post(
        url, {"title": "Klanttevredenheidsonderzoek 2026", "file": SimpleUploadedFile("kto.pdf", TINY_PDF)}
    )

    assert response.status_code == 302
    assert data.request.documents.filter(title="Klanttevredenheidsonderzoek 2026").exists()
