"""Writes of the annual report: start, edit the foreword and closing, publish, withdraw.

Each is atomic, appends an AnnualReportEvent and writes one audit row (the label names the report's year and the
body or region, never a person). A text that is or becomes public must not name a client who did not agree to be
named publicly (inspraak.core.names, ADR 14).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from inspraak.annualreports import rules, selectors
from inspraak.annualreports.models import AnnualReport, AnnualReportEvent, ReportStatus
from inspraak.audit.services import audit_record
from inspraak.core import names
from inspraak.core.errors import ServiceError
from inspraak.core.versioning import claim_version

if TYPE_CHECKING:
    from inspraak.accounts.models import User
    from inspraak.regions.models import Body, Region


class ReportError(ServiceError):
    """A step that does not fit; ``code`` picks the Dutch message (the views' ``ERRORS``). ``client_named`` carries
    ``fragments``: the words of the text that name a client."""


def _label(report: AnnualReport) -> str:
    owner = report.body.name if report.body_id else report.region.name
    return f"jaarverslag {report.year} #{report.pk} – {owner}"


def _audit(by, action: str, report: AnnualReport, *, changed=()) -> None:
    audit_record(
        actor=by, action=action, target=report, region=report.region, changed_fields=changed, label=_label(report)
    )


def _event(report: AnnualReport, kind: str, *, by, previous: str = "", changed=()) -> None:
    AnnualReportEvent.objects.create(
        report=report, kind=kind, by=by, from_status=previous, to_status=report.status, changed_fields=list(changed)
    )


def _check_names(report: AnnualReport, *texts: str) -> None:
    found = names.fragments(texts, selectors.private_names(report))
    if found:
        raise ReportError("client_named", fragments=found)


@transaction.atomic
def report_create(
    *, region: Region, year: int, by: User, body: Body | None = None, today: datetime.date | None = None
) -> AnnualReport:
    """Start the report of ``body`` (None: of the whole region) for ``year``: a concept without texts. Only years
    from the first year with data up to this year; one report per body (or region) and year."""
    today = today or timezone.localdate()
    if body is not None and body.region_id != region.pk:
        raise ValueError("body of another region")
    first = selectors.body_first_year(body) if body is not None else selectors.region_first_year(region)
    if not rules.year_allowed(year, first_year=first, today=today):
        raise ReportError("year", first=first, last=today.year)
    exists = AnnualReport.objects.filter(region=region, body=body, year=year).exists()
    if exists:
        raise ReportError("exists")
    try:
        with transaction.atomic():
            report = AnnualReport.objects.create(region=region, body=body, year=year, created_by=by)
    except IntegrityError as error:  # started at the same moment by someone else
        raise ReportError("exists") from error
    _event(report, AnnualReportEvent.Kind.CREATED, by=by)
    _audit(by, "annualreport.create", report)
    return report


@transaction.atomic
def report_edit(*, report: AnnualReport, foreword: str, closing: str, version: int | None, by: User) -> AnnualReport:
    """Change the foreword and closing, based on ``version`` (StaleEdit when someone else saved since). A published
    report is public at once, so its texts are checked for client names first."""
    values = {"foreword": foreword.strip(), "closing": closing.strip()}
    changed = [name for name, value in values.items() if getattr(report, name) != value]
    if report.published:
        _check_names(report, *values.values())
    claim_version(report, version)
    if not changed:
        return report
    for name, value in values.items():
        setattr(report, name, value)
    report.save(update_fields=[*changed, "updated_at"])
    _event(report, AnnualReportEvent.Kind.EDITED, by=by, changed=changed)
    _audit(by, "annualreport.edit", report, changed=changed)
    return report


@transaction.atomic
def report_publish(*, report: AnnualReport, by: User) -> AnnualReport:
    """Put the report on the public pages. Refused when the foreword or closing names a client who did not agree."""
    if report.published:
        raise ReportError("published")
    _check_names(report, report.foreword, report.closing)
    claim_version(report, None)
    previous = report.status
    report.status = ReportStatus.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = by
    report.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    _event(report, AnnualReportEvent.Kind.PUBLISHED, by=by, previous=previous)
    _audit(by, "annualreport.publish", report, changed=["status"])
    return report


@transaction.atomic
def report_withdraw(*, report: AnnualReport, by: User) -> AnnualReport:
    """Take the report off the public pages again: it is a concept once more (the texts stay)."""
    if not report.published:
        raise ReportError("not_published")
    claim_version(report, None)
    previous = report.status
    report.status = ReportStatus.DRAFT
    report.published_at = None
    report.published_by = None
    report.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    _event(report, AnnualReportEvent.Kind.WITHDRAWN, by=by, previous=previous)
    _audit(by, "annualreport.withdraw", report, changed=["status"])
    return report
