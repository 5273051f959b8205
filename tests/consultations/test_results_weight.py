"""The results pages stay light at national scale: 350 municipalities on one consultation keep the staff results
page and the public page within the first-load budget (HTML + CSS, gzip, 60 KiB), with a fixed number of queries,
and the per-question breakdown is shown for one chosen municipality only."""

from __future__ import annotations

import gzip
import re

import pytest
from django.urls import reverse

from bench.run import static_bytes
from inspraak.consultations.bench import build_consultation
from inspraak.consultations.models import Consultation
from inspraak.regions.models import Municipality
from tests.quality.browser import BUDGET_BYTES

MUNICIPALITIES = 350

pytestmark = pytest.mark.django_db


@pytest.fixture
def national(world):
    """The bench consultation on a region of 350 municipalities, with about 6 answers per municipality (a few with
    fewer than 5), so that it builds in a few seconds."""
    have = world.region.municipalities.count()
    Municipality.objects.bulk_create(
        Municipality(
            region=world.region, name=f"Gemeente {n:03d}", slug=f"gemeente-{n:03d}", cbs_code=f"GM{5000 + n:04d}"
        )
        for n in range(MUNICIPALITIES - have)
    )
    built = build_consultation(answers=MUNICIPALITIES * 6, municipalities=MUNICIPALITIES)
    assert built["municipalities"] == MUNICIPALITIES
    consultation = Consultation.objects.get(pk=built["consultation"])
    officer = consultation.created_by
    return consultation, officer


def _first_load(response) -> int:
    assert response.status_code == 200, response.status_code
    html = response.content
    return len(gzip.compress(html, 9)) + static_bytes(html.decode())["gzip"]


def _url(name, consultation, **query):
    path = reverse(f"consultations:{name}", kwargs={"region": consultation.region.slug, "pk": consultation.pk})
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_results_pages_of_350_municipalities_stay_within_60_kib(client, national):
    consultation, officer = national
    public = client.get(_url("public_detail", consultation))
    assert _first_load(public) <= BUDGET_BYTES
    html = public.content.decode()
    assert html.count('<tr><th scope="row">') >= MUNICIPALITIES - 10  # the response table per municipality
    assert "Bekijk de antwoorden per gemeente" in html
    client.force_login(officer)
    staff = client.get(_url("results", consultation))
    assert _first_load(staff) <= BUDGET_BYTES
    first_choice = re.search(r'<option value="([a-z0-9-]+)">', html).group(1)
    chosen = client.get(_url("results", consultation, gemeente=first_choice))
    assert _first_load(chosen) <= BUDGET_BYTES
    assert chosen.content.decode().count("Antwoorden uit") >= 8  # every choice and scale question
