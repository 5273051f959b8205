"""Support data for the matrix and page tests, on top of tests/world.py, built on first use and kept on the world.

The client panel (``world.body``) has a scheme for 2025 and 2026 (€ 35 per meeting, the chair € 45); region A has
the caps of 2025 only, so 2026's are missing (the warning shows). Written straight to the models.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from inspraak.support.models import AllowanceMode, SupportScheme, VolunteerCap
from tests.paper_members import paper_member


@dataclass
class SupportData:
    scheme: SupportScheme  # 2026
    last_year: SupportScheme  # 2025
    cap: VolunteerCap  # 2025


SCHEME = {
    "allowance_mode": AllowanceMode.PER_MEETING,
    "amount_per_meeting": Decimal("35.00"),
    "amount_per_meeting_chair": Decimal("45.00"),
    "travel_public_transport": True,
    "travel_km_rate": Decimal("0.23"),
    "childcare": True,
    "childcare_max": Decimal("40.00"),
    "other_costs": True,
    "training_offered": "Training vergaderen en een cursus beleidsstukken lezen.",
}


def support_data(world) -> SupportData:
    cached = getattr(world, "_support_data", None)
    if cached is not None:
        return cached
    last_year, _ = SupportScheme.objects.get_or_create(body=world.body, year=2025, defaults=SCHEME)
    scheme, _ = SupportScheme.objects.get_or_create(body=world.body, year=2026, defaults=SCHEME)
    cap, _ = VolunteerCap.objects.get_or_create(
        region=world.region,
        year=2025,
        defaults={"month_max": Decimal("210"), "year_max": Decimal("2100"), "source": "Regeling van de minister"},
    )
    world._support_data = SupportData(scheme=scheme, last_year=last_year, cap=cap)
    return world._support_data


def support_paper_member(world):
    """A member of the client panel without email (for the letter of "Wat krijgt u?"), made once."""
    found = getattr(world, "_support_paper_member", None)
    if found is None:
        found = world._support_paper_member = paper_member(world, name="Kees Vergoeding")
    return found
