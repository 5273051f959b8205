"""Template context for every page: the person's region (for the header) and the navigation for their roles."""

from __future__ import annotations

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from inspraak.accounts.roles import roles_of
from inspraak.dashboards.navigation import nav_items_for
from inspraak.dashboards.selectors import home_region


def _home_region(user):
    """The one region a person works in, if exactly one (one query, only when a template asks for it)."""
    region_ids = roles_of(user).region_ids
    if len(region_ids) != 1:
        return None
    return home_region(region_ids)


def site(request):
    user = getattr(request, "user", None)
    return {
        "site_region": SimpleLazyObject(lambda: _home_region(user)) if user is not None else None,
        "site_url": settings.SITE_URL,
        "nav_items": nav_items_for(request),
    }
