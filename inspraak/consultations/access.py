"""How a consultation view gets its region, group or consultation from the URL: 404 outside the person's regions
(and for a consultation of another region), 403 inside without the right (consultations.permissions)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from inspraak.accounts.roles import roles_of
from inspraak.consultations import permissions, selectors
from inspraak.regions import selectors as region_selectors
from inspraak.regions.access import body_from_url
from inspraak.regions.permissions import can_see_all_regions


def access_region_list(request, region: str):
    """The region of the staff list; 403 without any staff role in it."""
    found = region_selectors.region_for_user(request.user, region)
    scope = selectors.officer_municipality_ids(request.user, found)
    if not permissions.can_list(request.user, found, scope):
        raise PermissionDenied
    return found


def access_body(request, region: str, body: str, check=permissions.can_create_for_body):
    return body_from_url(request, region, body, check)


def access_consultation(request, region: str, pk: int, check=None):
    """The consultation from the URL (with region, body and its municipality ids): 404 outside the person's
    regions or when it is not of this region; 403 without ``check(user, consultation)`` (default: can_view)."""
    found = region_selectors.region_for_user(request.user, region)
    consultation = selectors.consultation_in(found, pk)
    if check is None:
        allowed = permissions.can_view(request.user, consultation, consultation.municipality_ids)
    else:
        allowed = check(request.user, consultation)
    if not allowed:
        raise PermissionDenied
    return consultation


def access_head(request, head):
    """``access_consultation`` for a page that read its consultation with ``selectors.kept.page_head`` (``head``, or
    None when there is no such consultation in the region): 404 without it or outside the person's regions, 403
    without ``can_view``. The municipalities the consultation asks are read (1 query) only for a person whom only
    they can let in (a municipal policy officer). Returns the head's consultation."""
    if head is None:
        raise Http404
    user = request.user
    consultation = head.consultation
    if not (can_see_all_regions(user) or consultation.region_id in roles_of(user).region_ids):
        raise Http404
    allowed = permissions.can_view(user, consultation)
    if not allowed and roles_of(user).officer_municipality_ids:
        allowed = permissions.can_view(user, consultation, selectors.asked_municipality_ids(consultation.pk))
    if not allowed:
        raise PermissionDenied
    return consultation
