"""The public vacancy PDF is rendered once per version and cached: a cheap page for visitors, not a CPU sink."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from inspraak.core import pdf
from inspraak.recruitment.models import Vacancy
from tests.quality.spy import count_calls
from tests.recruitment.data import recruitment

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch) -> list[tuple]:
    """Counts WeasyPrint renders (each costs about 200 ms of CPU)."""
    cache.clear()
    yield count_calls(monkeypatch, pdf, "html_to_pdf")
    cache.clear()


def _pdf_url(world, vacancy):
    return reverse("recruitment:vacancy_paper", kwargs={"region": world.region.slug, "pk": vacancy.pk}) + "?formaat=pdf"


def test_the_second_request_does_not_render_again(client, world, renders):
    url = _pdf_url(world, recruitment(world).vacancy)
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content.startswith(b"%PDF-") and second.content == first.content
    assert len(renders) == 1
    assert second["Cache-Control"] == "public, max-age=600"
    assert second["ETag"] == first["ETag"] and second["ETag"].startswith('"')
    assert "Cookie" in second["Vary"]


def test_a_browser_that_has_this_version_gets_a_304_without_a_render(client, world, renders):
    url = _pdf_url(world, recruitment(world).vacancy)
    etag = client.get(url)["ETag"]
    renders.clear()
    cache.clear()  # even when another worker rendered it: the ETag comes from the HTML, not from the PDF
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304 and response.content == b""
    assert renders == []


def test_a_changed_vacancy_gives_a_new_pdf(client, world, renders):
    vacancy = recruitment(world).vacancy
    url = _pdf_url(world, vacancy)
    first = client.get(url)
    Vacancy.objects.filter(pk=vacancy.pk).update(title="Een nieuwe titel voor de vacature")
    second = client.get(url, headers={"if-none-match": first["ETag"]})
    assert second.status_code == 200 and second["ETag"] != first["ETag"]
    assert len(renders) == 2


def test_each_language_has_its_own_pdf(client, world, renders, settings):
    url = _pdf_url(world, recruitment(world).vacancy)
    dutch = client.get(url)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url)
    assert english["ETag"] != dutch["ETag"] and len(renders) == 2
