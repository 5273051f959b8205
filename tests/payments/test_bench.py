"""make bench: a national year of allowances and claims on a tiny data set, and the payments pages answer."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bench import run
from inspraak.claims.models import ClaimStatus, ExpenseClaim
from inspraak.demo.generator import NationalSize, build_national
from inspraak.payments import bench
from inspraak.payments.models import AllowancePayment, PaymentItem


@pytest.mark.django_db
def test_a_national_year_of_payments_is_built_and_its_pages_answer_with_constant_queries():
    build_national(NationalSize.tiny())
    counts = bench.build_payments_year(year=2026)
    assert counts["payments_allowances"] > 0 and counts["payments_claims"] > 0 and counts["payments_batches"] > 0
    assert PaymentItem.objects.count() == counts["payments_batch_items"]
    assert ExpenseClaim.objects.filter(status=ClaimStatus.PAID).exists()
    assert AllowancePayment.objects.filter(paid_on__isnull=False).exists()
    subject, _pages = run.key_pages()
    from inspraak.regions.models import Body, Region

    region = Region.objects.get(slug=subject["region"])
    panel = Body.objects.get(region=region, slug=subject["body"])
    secretary = next((user for label, _n, _k, user, *_ in _pages if label == "dashboard (secretaris)"), None)
    pages = bench.key_pages(region, panel, secretary)
    assert len(pages) == 5
    for label, url_name, kwargs, user in pages:
        client = Client()
        client.force_login(user)
        response = client.get(reverse(url_name, kwargs=kwargs))
        assert response.status_code == 200, label
