"""The annual report (jaarverslag) of a body or of a whole region: only the texts people write are stored.

Every number in the report is read live from the data of that year (selectors.report_content); the report itself
holds the foreword and the closing, its status and who published it. See ADR 18.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspraak.core.models import HistoryEvent
from inspraak.core.versioning import Versioned

TEXT_MAX = 10000


class ReportStatus(models.TextChoices):
    DRAFT = "concept", _("Concept")
    PUBLISHED = "gepubliceerd", _("Gepubliceerd")


class AnnualReport(Versioned):
    """The annual report of ``body`` for ``year``; without a body it is the report of the whole ``region``."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="annual_reports")
    body = models.ForeignKey(
        "regions.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    foreword = models.TextField(_("voorwoord"), max_length=TEXT_MAX, blank=True)
    closing = models.TextField(_("slot"), max_length=TEXT_MAX, blank=True)
    status = models.CharField(_("status"), max_length=14, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "pk"]
        verbose_name = _("jaarverslag")
        verbose_name_plural = _("jaarverslagen")
        constraints = [
            # One report per body and year, and one region report per year (body null: a plain unique constraint
            # would let NULLs repeat, so each case has its own partial constraint).
            models.UniqueConstraint(
                fields=["region", "body", "year"], condition=Q(body__isnull=False), name="annualreport_one_per_body"
            ),
            models.UniqueConstraint(
                fields=["region", "year"], condition=Q(body__isnull=True), name="annualreport_one_per_region"
            ),
            models.CheckConstraint(
                condition=~Q(status="gepubliceerd") | Q(published_at__isnull=False),
                name="annualreport_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"jaarverslag {self.year} #{self.pk}"

    @property
    def published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    @property
    def is_region_report(self) -> bool:
        return self.body_id is None


class AnnualReportEvent(HistoryEvent):
    """History of an annual report: created, edited, published, publication withdrawn. Appended, never changed."""

    class Kind(models.TextChoices):
        CREATED = "aangemaakt", _("Aangemaakt")
        EDITED = "gewijzigd", _("Gewijzigd")
        PUBLISHED = "gepubliceerd", _("Gepubliceerd")
        WITHDRAWN = "ingetrokken", _("Publicatie ingetrokken")

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=14, choices=Kind.choices)
    from_status = models.CharField(max_length=14, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField(max_length=14, choices=ReportStatus.choices, blank=True)

    class Meta(HistoryEvent.Meta):
        verbose_name = _("gebeurtenis bij jaarverslag")
        verbose_name_plural = _("geschiedenis van jaarverslagen")
