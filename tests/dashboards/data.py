"""Changes the dashboards' tests make through the services (each writes an audit row of the region, ADR 31)."""

from __future__ import annotations

import datetime


def add_client_member(world, *, name: str = "Nieuw Lid"):
    """A new client member of the world's regional body, added by its secretary."""
    from inspraak.members import services as member_services
    from inspraak.members.models import BodyRole, Category
    from tests.factories import UserFactory

    return member_services.membership_create(
        body=world.body,
        user=UserFactory(name=name),
        body_role=BodyRole.MEMBER,
        category=Category.CLIENT,
        term_start=datetime.date(2026, 1, 1),
        by=world.user("secretary"),
        contact_address="Dorpsstraat 1, 1234 AB Noordkust",
    )
