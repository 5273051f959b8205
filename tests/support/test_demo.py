"""The support demo (inspraak/demo/support.py) on the test world: schemes, caps without 2026, two trainings."""

from __future__ import annotations

from decimal import Decimal

import pytest

from inspraak.demo.support import PAST, UPCOMING, load_support
from inspraak.letters.models import Letter
from inspraak.support import selectors
from inspraak.support.models import SupportScheme, VolunteerCap
from inspraak.training.models import Training, TrainingSignup
from tests.paper_members import paper_member
from tests.world import TODAY

pytestmark = pytest.mark.django_db


def _load(world, members):
    load_support(
        region=world.region,
        panel=world.body,
        beheerder=world.user("admin"),
        secretary=world.user("secretary"),
        members=members,
    )


def test_the_support_demo_shows_the_scheme_the_missing_caps_and_two_trainings_once(world):
    kees = paper_member(world)
    members = [world.user("member"), kees, world.client]
    _load(world, members)
    _load(world, members)  # idempotent
    scheme = selectors.scheme_for(body=world.body, year=2026)
    assert scheme.amount_per_meeting == Decimal("35.00") and scheme.amount_per_meeting_chair == Decimal("45.00")
    assert SupportScheme.objects.filter(body=world.body).count() == 2
    assert set(VolunteerCap.objects.filter(region=world.region).values_list("year", flat=True)) == {2024, 2025}
    assert 2026 in selectors.caps_missing(region=world.region, today=TODAY)
    past = Training.objects.get(body=world.body, title=PAST)
    assert TrainingSignup.objects.filter(training=past, attended=True).count() == 2
    upcoming = Training.objects.get(body=world.body, title=UPCOMING)
    assert set(upcoming.signups.values_list("user_id", flat=True)) == {world.user("member").pk, kees.pk}
    assert Letter.objects.filter(user=kees, kind=Letter.Kind.TRAINING).count() == 1
    assert Training.objects.filter(body=world.body).count() == 2
