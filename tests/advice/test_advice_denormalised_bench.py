"""The benchmark's bulk-built advice (bulk_create skips Advice.save) stores where it applies like any other."""

from __future__ import annotations

import pytest

from inspraak.advice.models import Advice
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
