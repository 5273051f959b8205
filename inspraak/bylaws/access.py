"""How a staff view of the verordening register gets its region or text from the URL: 404 outside the person's
regions, 403 inside without the right (bylaws.permissions)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from inspraak.bylaws import permissions, selectors
from inspraak.regions import selectors as region_selectors


def access_register(request, region: str):
    """The region (404 outside the person's regions) and the person's scope in it; 403 without the right to see
    the staff register."""
    found = region_selectors.region_for_user(request.user, region)
    scope = selectors.scope_for(request.user, found)
    if not permissions.can_view_register(request.user, found, scope.municipality_ids):
        raise PermissionDenied
    return found, scope


def access_bylaw(request, region: str, pk: int, *, edit: bool = False):
    """A text of the region with the person's scope (404 otherwise); 403 without the right to see it, or to change
    it when ``edit``."""
    found, scope = access_register(request, region)
    bylaw = selectors.bylaw_in(found, pk)
    if edit and not permissions.can_edit_bylaw(request.user, bylaw):
        raise PermissionDenied
    return bylaw, scope
