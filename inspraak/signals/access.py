"""How a signals view gets its region, group or link from the URL: 404 outside the person's regions, 403 inside
without the right (signals.permissions)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from inspraak.regions import selectors as region_selectors
from inspraak.regions.access import body_from_url
from inspraak.signals import permissions, selectors


def access_staff(request, region: str):
    """The region and the person's scope in it; 403 without the right to see the staff pages."""
    found = region_selectors.region_for_user(request.user, region)
    scope = selectors.scope_for(request.user, found)
    if not permissions.can_view_staff(request.user, found, scope.municipality_ids):
        raise PermissionDenied
    return found, scope


def access_admin(request, region: str, check):
    """The region for the beheerder's pages (themes, the public choice): ``check(user, region)``."""
    found, scope = access_staff(request, region)
    if not check(request.user, found):
        raise PermissionDenied
    return found, scope


def access_body(request, region: str, body: str, check=permissions.can_view_body_signals):
    return body_from_url(request, region, body, check)


def access_link(request, region: str, pk: int):
    """A signal that became a topic, for whoever may write down what the GR did with it."""
    found = region_selectors.region_for_user(request.user, region)
    link = selectors.signal_topic_in(found, pk)
    if not permissions.can_record_follow_up(request.user, link):
        raise PermissionDenied
    return link
