"""The one way a letters view gets its body or batch from the URL: 404 outside the person's regions (and for a batch
of another body), 403 inside when the check says no."""

from __future__ import annotations

from inspraak.letters import permissions, selectors
from inspraak.regions.access import body_from_url


def access_body(request, region: str, body: str, check=permissions.can_print_letters):
    return body_from_url(request, region, body, check)


def access_batch(request, region: str, body: str, pk: int, check=permissions.can_print_letters):
    return selectors.batch_in(access_body(request, region, body, check), pk)
