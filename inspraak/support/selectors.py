"""Reads for the support scheme and the legal caps of the volunteer allowance, with a fixed number of queries."""

from __future__ import annotations

from inspraak.support.models import SupportScheme, VolunteerCap


def scheme_for(*, body, year: int) -> SupportScheme | None:
    """The support scheme of ``body`` for ``year``, or None when the beheerder has not set one. 1 query."""
    return SupportScheme.objects.filter(body=body, year=year).first()


def caps_for(*, region, year: int) -> VolunteerCap | None:
    """The legal caps of the volunteer allowance in ``region`` for ``year``, or None when not entered. 1 query."""
    return VolunteerCap.objects.filter(region=region, year=year).first()
