"""The demo's signals: eight quarters, one notable rise in complaints about letters, public, and loading twice adds
nothing."""

from __future__ import annotations

import pytest

from inspraak.demo.signals import load_signals
from inspraak.signals import selectors
from inspraak.signals.models import Figure, SignalEntry
from tests.world import TODAY

pytestmark = pytest.mark.django_db


def test_the_demo_signals_show_one_notable_rise_in_letters_and_load_once(world):
    municipalities = {"Havenstad": world.municipality, "Polderveen": world.municipality_2}
    made = load_signals(region=world.region, municipalities=municipalities, by=world.user("admin"))
    assert made == 2 * 8 * 11
    assert load_signals(region=world.region, municipalities=municipalities, by=world.user("admin")) == 0
    assert Figure.objects.filter(region=world.region).count() == made
    assert SignalEntry.objects.filter(region=world.region).count() == 16
    assert selectors.is_public(world.region)
    notable = selectors.notable_for_body(body=world.body, today=TODAY)
    assert [(s.kind, s.theme.key) for s in notable] == [("klachten", "brieven")]
    assert notable[0].notable.quarter.label == "K3 2026"
