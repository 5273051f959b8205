"""The one way a training view gets its body or training from the URL: 404 outside the person's regions (and for a
training of another group), 403 inside when the check says no."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from inspraak.regions.access import body_from_url
from inspraak.training import permissions, selectors


def access_body(request, region: str, body: str, check=permissions.can_see_trainings):
    return body_from_url(request, region, body, check)


def access_training(request, region: str, body: str, pk: int, check=permissions.can_see_trainings):
    """A training of the group; ``check(user, body)`` decides (403 when it says no)."""
    found = access_body(request, region, body)
    if not check(request.user, found):
        raise PermissionDenied
    return selectors.training_in(found, pk)
