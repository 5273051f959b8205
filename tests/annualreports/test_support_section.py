"""The annual report's "Steun voor de leden" (art. 47 b) and "Signalen uit de praktijk" sections (issue 13)."""

from __future__ import annotations

import datetime
import html

import pytest
from django.test import Client
from django.urls import reverse

from inspraak.annualreports.models import AnnualReport, ReportStatus
from inspraak.claims.models import ClaimStatus, ExpenseClaim
from inspraak.signals.models import SignalSettings
from tests.annualreports.support import support_for
from tests.signals.data import signal_data

pytestmark = pytest.mark.django_db
YEAR = 2026


def _published(world, body=None):
    from django.utils import timezone

    return AnnualReport.objects.create(
        region=world.region, body=body, year=YEAR, status=ReportStatus.PUBLISHED, published_at=timezone.now()
    )


def _public_html(world, body=None) -> str:
    if body is None:
        url = reverse("annualreports:public_region", kwargs={"region": world.region.slug, "year": YEAR})
    else:
        url = reverse(
            "annualreports:public_body", kwargs={"region": world.region.slug, "body": body.slug, "year": YEAR}
        )
    response = Client().get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_report_shows_the_scheme_the_money_and_the_trainings_without_names(world):
    support_for(world.body, world.user("member"), day=datetime.date(YEAR, 3, 5))
    support_for(world.body, world.client, day=datetime.date(YEAR, 4, 5))
    ExpenseClaim.objects.filter(user=world.client).update(status=ClaimStatus.REJECTED, decision_reason="Reden-XYZ")
    _published(world, world.body)
    page = _public_html(world, world.body)
    assert "Steun voor de leden" in page
    assert "€\u00a035,00 per bijgewoonde bijeenkomst" in page
    assert "2 leden kregen een vrijwilligersvergoeding over 2026: samen €\u00a070,00." in page
    assert "Leden vroegen 2 keer kosten terug over 2026." in page
    assert "Goedgekeurd: 1 (samen €\u00a07,40). Afgewezen: 1." in page
    assert "Er waren 2 trainingen, met samen 2 deelnemers." in page
    assert "Geheime Cliënt" not in page and "Reden-XYZ" not in page


def test_a_group_without_a_scheme_says_so(world):
    _published(world, world.municipal_body)
    page = _public_html(world, world.municipal_body)
    assert "Voor 2026 is geen vergoedingsregeling vastgelegd." in page
    assert "Over 2026 vroeg geen lid kosten terug." in page


def test_the_region_report_lists_the_scheme_of_every_group(world):
    support_for(world.body, world.user("member"), day=datetime.date(YEAR, 3, 5))
    _published(world)
    page = _public_html(world)
    assert world.body.name in page and world.municipal_body.name in page
    assert "Voor 2026 is geen vergoedingsregeling vastgelegd." in page  # the adviesraad of Zeedorp


def test_signals_show_only_when_the_region_publishes_them(world):
    signal_data(world)  # public
    _published(world, world.municipal_body)
    page = _public_html(world, world.municipal_body)
    assert "Signalen uit de praktijk" in page
    # Zeedorp only (the adviesraad's municipality): complaints about letters (2026: K1-K3) and treatment (3 a quarter)
    assert "klachten" in page and "bezwaren: 6 gegrond" in page
    SignalSettings.objects.filter(region=world.region).update(public=False)
    assert "Signalen uit de praktijk" not in _public_html(world, world.municipal_body)
