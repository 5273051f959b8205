"""The one way an annual-report view gets its body or region from the URL: 404 outside the person's regions, 403
inside without the right."""

from __future__ import annotations

from inspraak.annualreports import permissions
from inspraak.regions.access import access_region, body_from_url


def access_body(request, region: str, body: str, check=permissions.can_read_body_report):
    return body_from_url(request, region, body, check)


def access_region_reports(request, region: str, check=permissions.can_read_region_report):
    return access_region(request, region, check)
