"""The one way a support view gets its body or region from the URL: 404 outside the person's regions, 403 inside
when the check says no."""

from __future__ import annotations

from inspraak.regions.access import access_region, body_from_url
from inspraak.support import permissions


def access_body(request, region: str, body: str, check=permissions.can_read_scheme):
    return body_from_url(request, region, body, check)


def access_caps_region(request, region: str):
    return access_region(request, region, check=permissions.can_manage_caps)
