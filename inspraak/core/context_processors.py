"""Template context for every page: the region in view and the navigation for the person's roles."""

from __future__ import annotations

from inspraak.core.navigation import nav_items_for


def site(request):
    return {
        "site_region": getattr(request, "site_region", None),
        "nav_items": nav_items_for(request),
    }
