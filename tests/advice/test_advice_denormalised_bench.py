"""The benchmark's bulk-built advice (bulk_create skips Advice.save and Response.save) stores where it applies and
the date of its response like any other."""

from __future__ import annotations

import pytest

from inspraak.advice.models import Advice, Response
from inspraak.demo.generator import NationalSize, build_national

pytestmark = pytest.mark.django_db


def test_bulk_built_advice_has_its_region_and_municipality():
    build_national(NationalSize.tiny())
    advices = list(Advice.objects.select_related("body", "proposal", "request__proposal"))
    assert advices
    stored = {a.pk: (a.region_id, a.municipality_id) for a in advices}
    for advice in advices:
        advice.set_place()
    assert stored == {a.pk: (a.region_id, a.municipality_id) for a in advices}
    assert any(m is None for _r, m in stored.values()) and any(m is not None for _r, m in stored.values())
    # the responses are bulk-created too: each advice carries its response's date, and only those
    dates = dict(Response.objects.values_list("advice_id", "responded_on"))
    assert dates
    assert {a.pk: a.responded_on for a in advices} == {a.pk: dates.get(a.pk) for a in advices}
