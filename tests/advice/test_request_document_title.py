"""Documents of an advice request need a title that members understand: a file name ("kto.pdf") is never shown as
the title (walkthrough B15). Both on the request form (one title for the files chosen) and when a document is added
to a request later."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inspraak.advice.models import AdviceRequest
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


def _ask(client, world, documents, title):
    data = policy(world)
    client.force_login(world.user("officer_municipality"))
    url = reverse("advice:request_new", args=[world.region.slug, data.proposal.pk])
    fields = {
        "bodies": [world.municipal_body.pk],
        "questions": "Wat vindt u ervan?",
        "requested_on": timezone.localdate().isoformat(),
        "deadline": "",
        "documents": documents,
        "documents_title": title,
    }
    return data, client.post(url, fields)


def test_documents_sent_with_a_request_need_a_title_and_the_typed_text_is_kept(client, world):
    data, response = _ask(client, world, [SimpleUploadedFile("kto.pdf", TINY_PDF)], "")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_documents_title_error">Geef de stukken een titel die de leden begrijpen.' in html
    assert "Wat vindt u ervan?" in html
    assert "(verplicht als u stukken kiest)" in html
    assert not AdviceRequest.objects.filter(proposal=data.proposal, body=world.municipal_body).exists()


def test_one_document_sent_with_a_request_gets_the_typed_title(client, world):
    data, response = _ask(client, world, [SimpleUploadedFile("kto.pdf", TINY_PDF)], "Klanttevredenheidsonderzoek")

    assert response.status_code == 302
    new = AdviceRequest.objects.get(proposal=data.proposal, body=world.municipal_body)
    assert list(new.documents.values_list("title", flat=True)) == ["Klanttevredenheidsonderzoek"]


def test_a_request_without_documents_needs_no_title(client, world):
    data, response = _ask(client, world, [], "")

    assert response.status_code == 302
    assert not AdviceRequest.objects.get(proposal=data.proposal, body=world.municipal_body).documents.exists()
