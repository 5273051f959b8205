"""Reads of the API that no app below has: the list of regions with their municipalities and bodies (the entry
point). A fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch

from inspraak.regions.models import Body, Municipality, Region


def regions() -> list[Region]:
    """Every region by name with its municipalities and bodies by name. 3 queries."""
    return list(
        Region.objects.order_by("name", "pk").prefetch_related(
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.order_by("name", "pk").only("pk", "region_id", "name", "slug"),
            ),
            Prefetch(
                "bodies", queryset=Body.objects.order_by("name", "pk").only("pk", "region_id", "name", "slug", "level")
            ),
        )
    )
