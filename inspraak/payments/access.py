"""The one way a payments view gets its body, region or batch from the URL: 404 outside the person's regions, 403
inside when the check says no."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from inspraak.payments import permissions, selectors
from inspraak.regions.access import access_region, body_from_url
from inspraak.regions.selectors import region_for_user


def access_body(request, region: str, body: str, check=permissions.can_handle_allowances):
    return body_from_url(request, region, body, check)


def access_finance_region(request, region: str, check=permissions.can_make_region_batches):
    return access_region(request, region, check)


def access_batch(request, region: str, pk: int, check=permissions.can_view_batch):
    found = selectors.batch_in(region_for_user(request.user, region), pk)
    if not check(request.user, found):
        raise PermissionDenied
    return found
