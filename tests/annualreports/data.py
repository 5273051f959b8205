"""Annual-report data on top of tests/world.py, built on first use and kept on the world object.

- a former client member of the regional panel (2024 until mid 2025, no consent to be named): the panel's and the
  region's first year becomes 2024, so a report can still be started for 2024;
- ``body_draft``: the panel's report of this year, a concept with a foreword;
- ``body_published``: the panel's report of last year, published;
- ``region_draft`` / ``region_published``: the same for the region itself.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.annualreports.models import AnnualReport, ReportStatus
from inspraak.members.models import Category, Membership, Status
from tests.factories import UserFactory

FOREWORD = "Dit jaar sprak de groep vaak over de brieven van de gemeente."
PUBLISHED_FOREWORD = "Een goed jaar voor de groep: meer leden en meer adviezen."
FORMER_CLIENT = "Oud Lidmaat"


@dataclass
class ReportsData:
    year: int
    body_draft: AnnualReport
    body_published: AnnualReport
    region_draft: AnnualReport
    region_published: AnnualReport


def _report(world, *, body, year, published: bool, foreword: str) -> AnnualReport:
    values = {"status": ReportStatus.DRAFT, "foreword": foreword, "created_by": world.user("secretary")}
    if published:
        values.update(status=ReportStatus.PUBLISHED, published_at=timezone.now(), published_by=world.user("admin"))
    return AnnualReport.objects.create(region=world.region, body=body, year=year, **values)


def reports_data(world) -> ReportsData:
    existing = getattr(world, "_annualreports", None)
    if existing is not None:
        return existing
    year = timezone.localdate().year
    former = UserFactory(email="oud.lid@example.org", name=FORMER_CLIENT)
    RoleAssignment.objects.create(user=former, role=Role.MEMBER, region=world.region, body=world.body)
    Membership.objects.create(
        body=world.body,
        user=former,
        body_role="lid",
        category=Category.CLIENT,
        municipality=world.municipality_2,
        term_start=datetime.date(year - 2, 1, 1),
        term_end=datetime.date(year + 1, 12, 31),
        status=Status.ENDED,
        ended_on=datetime.date(year - 1, 6, 30),
        contact_email=former.email,
    )
    data = ReportsData(
        year=year,
        body_draft=_report(world, body=world.body, year=year, published=False, foreword=FOREWORD),
        body_published=_report(world, body=world.body, year=year - 1, published=True, foreword=PUBLISHED_FOREWORD),
        region_draft=_report(world, body=None, year=year, published=False, foreword=FOREWORD),
        region_published=_report(world, body=None, year=year - 1, published=True, foreword=PUBLISHED_FOREWORD),
    )
    world._annualreports = data
    return data
