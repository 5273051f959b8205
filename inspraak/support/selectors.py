"""Reads for the support scheme and the legal caps of the volunteer allowance, with a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404

from inspraak.accounts.models import Role, User
from inspraak.support import rules
from inspraak.support.models import SupportScheme, VolunteerCap


def scheme_for(*, body, year: int) -> SupportScheme | None:
    """The support scheme of ``body`` for ``year``, or None when the beheerder has not set one. 1 query."""
    return SupportScheme.objects.filter(body=body, year=year).first()


def caps_for(*, region, year: int) -> VolunteerCap | None:
    """The legal caps of the volunteer allowance in ``region`` for ``year``, or None when not entered. 1 query."""
    return VolunteerCap.objects.filter(region=region, year=year).first()


def caps_missing(*, region, today: datetime.date) -> list[int]:
    """The years whose caps are needed on ``today`` (this year; from 1 October next year too) but not entered in
    ``region``, for the warning on the pages and the beheerder's to-do. 1 query."""
    needed = rules.cap_years_needed(today)
    known = set(VolunteerCap.objects.filter(region=region, year__in=needed).values_list("year", flat=True))
    return [year for year in needed if year not in known]


def caps_of(region) -> list[VolunteerCap]:
    """Every year's caps of the region, newest first. 1 query."""
    return list(VolunteerCap.objects.filter(region=region).select_related("updated_by").order_by("-year"))


def cap_in(region, year: int) -> VolunteerCap:
    cap = caps_for(region=region, year=year)
    if cap is None:
        raise Http404
    return cap


@dataclass
class SchemePage:
    this_year: int
    current: SupportScheme | None
    next: SupportScheme | None
    earlier: list[SupportScheme] = field(default_factory=list)
    caps: VolunteerCap | None = None
    caps_missing: list[int] = field(default_factory=list)
    years: list[int] = field(default_factory=list)  # every year with a scheme

    @property
    def copy_to_next(self) -> bool:
        """Next year has no scheme yet but an earlier year has one: offer to copy it."""
        return self.next is None and bool(self.years)

    @property
    def copy_to_current(self) -> bool:
        return self.current is None and any(year < self.this_year for year in self.years)


def scheme_page(body, *, today: datetime.date) -> SchemePage:
    """The staff page: this year's scheme, next year's, earlier years, this year's caps and which caps are missing.
    2 queries."""
    schemes = list(SupportScheme.objects.filter(body=body).select_related("updated_by").order_by("-year"))
    by_year = {scheme.year: scheme for scheme in schemes}
    needed = {*rules.cap_years_needed(today), today.year}
    caps = {cap.year: cap for cap in VolunteerCap.objects.filter(region_id=body.region_id, year__in=needed)}
    return SchemePage(
        this_year=today.year,
        current=by_year.get(today.year),
        next=by_year.get(today.year + 1),
        earlier=[scheme for scheme in schemes if scheme.year < today.year],
        caps=caps.get(today.year),
        caps_missing=[year for year in rules.cap_years_needed(today) if year not in caps],
        years=sorted(by_year),
    )


def scheme_years(body) -> list[int]:
    """The years the group has a scheme for. 1 query."""
    return sorted(SupportScheme.objects.filter(body=body).values_list("year", flat=True))


@dataclass
class MemberPage:
    year: int
    scheme: SupportScheme | None
    next: SupportScheme | None
    caps: VolunteerCap | None


def member_page(body, *, today: datetime.date) -> MemberPage:
    """What a member reads on "Wat krijgt u?": this year's scheme (and next year's once it is set) and this year's
    caps. 2 queries."""
    schemes = {
        scheme.year: scheme for scheme in SupportScheme.objects.filter(body=body, year__in=[today.year, today.year + 1])
    }
    return MemberPage(
        year=today.year,
        scheme=schemes.get(today.year),
        next=schemes.get(today.year + 1),
        caps=caps_for(region=body.region_id, year=today.year),
    )


def paper_members(body) -> list[User]:
    """Active people with a member role in the group and without an email address: they get letters. 1 query."""
    return list(
        User.objects.filter(role_assignments__body=body, role_assignments__role=Role.MEMBER, is_active=True)
        .filter(Q(email__isnull=True) | Q(email=""))
        .distinct()
        .order_by("name", "pk")
    )
