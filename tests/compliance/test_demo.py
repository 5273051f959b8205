"""The done-when of issue 11 on the demo region: Havenstad meets, the municipality with the 2009 text fails a and b
and is "verouderd", the third has no verordening; a proposal decided without advice turns its column red."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from inspraak.compliance import selectors
from inspraak.compliance.rules import FAILS, MEETS
from inspraak.demo.generator import REGION_NAME, load_demo
from inspraak.policy.models import Concern, DecidingBody, Proposal, ProposalStatus
from inspraak.regions.models import Body, Region

pytestmark = pytest.mark.django_db


def _rows():
    region = Region.objects.get(name=REGION_NAME)
    today = timezone.localdate()
    matrix = selectors.region_matrix(region, year=today.year, today=today)
    return region, {row.label: row for row in matrix.rows}


def test_the_demo_matrix_shows_the_three_states():
    load_demo()
    _region, rows = _rows()
    assert rows["Havenstad"].cells["verordening"].status == MEETS
    polderveen = rows["Polderveen"]
    assert polderveen.cells["a"].status == FAILS and polderveen.cells["b"].status == FAILS
    assert "niet geregeld in de verordening" in polderveen.cells["a"].notes
    assert "verouderd" in polderveen.cells["verordening"].short
    assert rows["Kreekdorp"].cells["verordening"].short == "geen verordening"


def test_a_demo_proposal_decided_without_advice_turns_havenstad_red_with_a_link():
    load_demo()
    region, rows = _rows()
    havenstad = rows["Havenstad"].municipality
    today = timezone.localdate()
    proposal = Proposal.objects.create(
        region=region,
        municipality=havenstad,
        title="Besloten zonder advies",
        description="Nieuwe regels.",
        deciding_body=DecidingBody.COLLEGE,
        planned_decision_date=today,
        status=ProposalStatus.DECIDED,
        decided_on=today,
    )
    Concern.objects.create(proposal=proposal, body=Body.objects.get(region=region, municipality=havenstad))
    _region, rows = _rows()
    cell = rows["Havenstad"].cells["a"]
    assert cell.status == FAILS
    assert reverse("register:proposal", kwargs={"region": region.slug, "pk": proposal.pk}) in [
        link.url for link in cell.evidence
    ]
