"""The claims demo (inspraak/demo/claims.py) on top of the demo region: every state, a paper claim for Kees Jansen,
a photo receipt; idempotent."""

from __future__ import annotations

import pytest
import time_machine

from inspraak.accounts.models import User
from inspraak.claims.models import ClaimStatus, ExpenseClaim
from inspraak.demo.claims import PAID_LATER, load_claims
from inspraak.demo.generator import PANEL_NAME, load_demo
from inspraak.regions.models import Body
from tests.world import NOW

pytestmark = pytest.mark.django_db


def test_the_demo_has_claims_in_every_state_and_loads_twice_without_adding(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(NOW, tick=True):
        load_demo()  # calls load_claims
        panel = Body.objects.get(name=PANEL_NAME)
        people = {u.name: u for u in User.objects.filter(role_assignments__body=panel).distinct()}
        secretary = people["Ingrid Bakker"]
        assert ExpenseClaim.objects.filter(body=panel).count() == 5
        assert load_claims(panel=panel, secretary=secretary, members=people) == 0
    claims = ExpenseClaim.objects.filter(body=panel)
    statuses = set(claims.values_list("status", flat=True))
    assert {ClaimStatus.SUBMITTED, ClaimStatus.REJECTED} <= statuses
    # approved, then paid in the payments demo's batch
    assert claims.filter(status__in=(ClaimStatus.APPROVED, ClaimStatus.PAID), description__in=PAID_LATER).count() == 2
    kees = claims.get(user__name="Kees Jansen")
    assert kees.channel == "brief" and kees.entered_by == secretary and kees.meeting_id
    assert claims.exclude(receipt="").get().receipt_content_type == "image/png"
    assert claims.get(status=ClaimStatus.REJECTED).decision_reason
