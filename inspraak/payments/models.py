"""Money to members (art. 47 b): approved volunteer allowances per group, member and month, and the payment batches
that take approved allowances and approved expense claims to the GR's finance system. Inspraak stores no bank
account numbers: the finance system knows the person by name and Inspraak person number (ADR 28)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 9, "decimal_places": 2, "validators": [MinValueValidator(0)]}


def person_reference(user_id: int) -> str:
    """The stable reference of a person in the finance system's CSV: the Inspraak person number."""
    return f"INS-{user_id:06d}"


class AllowancePayment(models.Model):
    """The approved volunteer allowance of one member of one group for one month. Approved once (unique); a later
    change in attendance is shown next to it, it never changes the approved amount."""

    body = models.ForeignKey("regions.Body", on_delete=models.PROTECT, related_name="allowance_payments")
    # Empty after the person's data was erased: the amount and dates stay (the GR's financial record).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="allowance_payments"
    )
    reference = models.CharField(_("kenmerk persoon"), max_length=20)
    month = models.DateField(_("maand"))  # always the first day of the month
    meetings = models.PositiveSmallIntegerField(_("bijeenkomsten"), default=0)
    computed = models.DecimalField(_("berekend bedrag"), **MONEY)
    amount = models.DecimalField(_("goedgekeurd bedrag"), **MONEY)
    # The warnings shown when it was approved (cap, under 27), as text: what the approver saw and accepted.
    warning = models.TextField(_("waarschuwing"), max_length=1000, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    approved_at = models.DateTimeField()
    paid_on = models.DateField(_("betaald op"), null=True, blank=True)

    class Meta:
        ordering = ["body_id", "month", "pk"]
        verbose_name = _("vrijwilligersvergoeding")
        verbose_name_plural = _("vrijwilligersvergoedingen")
        constraints = [
            models.UniqueConstraint(fields=["body", "user", "month"], name="allowance_once_per_member_month"),
            models.CheckConstraint(condition=Q(amount__lte=models.F("computed")), name="allowance_not_above_computed"),
        ]
        indexes = [
            models.Index(fields=["user", "month"], name="allowance_user_month"),
            # What is ready to pay: the few unpaid allowances among the years of paid ones (selectors.ready_summary,
            # and the finance to-do list, which counts those not in a batch among them).
            models.Index(fields=["body"], condition=Q(paid_on__isnull=True), name="allowance_unpaid"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.month:%Y-%m} {self.amount}"


class PaymentBatch(models.Model):
    """Approved allowances and claims handed to the GR's finance system at once (CSV and a PDF list), later marked
    paid with the date the money went out. Made for one group (its secretary) or for all groups of the region
    (the finance role: ``body`` empty)."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="payment_batches")
    body = models.ForeignKey(
        "regions.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="payment_batches"
    )
    number = models.PositiveIntegerField()  # per region: 1, 2, 3 …
    total = models.DecimalField(_("totaal"), **MONEY)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    paid_on = models.DateField(_("betaald op"), null=True, blank=True)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["region_id", "-number"]
        verbose_name = _("betaalbatch")
        verbose_name_plural = _("betaalbatches")
        constraints = [models.UniqueConstraint(fields=["region", "number"], name="payment_batch_number_per_region")]
        indexes = [
            # A group's batches newest first, a page at a time (the region's are served by the unique constraint).
            models.Index(fields=["body", "-number"], name="payment_batch_body_number"),
            # The batches not marked paid, per region (the finance to-do list), without reading the paid ones.
            models.Index(fields=["region"], condition=Q(paid_on__isnull=True), name="payment_batch_unpaid"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"B{self.created_at:%Y}-{self.number:04d}" if self.created_at else f"B-{self.number:04d}"


class PaymentItem(models.Model):
    """One allowance or one claim in a batch. An allowance or claim sits in at most one batch (one-to-one)."""

    class Kind(models.TextChoices):
        ALLOWANCE = "vergoeding", _("Vrijwilligersvergoeding")
        CLAIM = "onkosten", _("Onkosten")

    batch = models.ForeignKey(PaymentBatch, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    allowance = models.OneToOneField(
        AllowancePayment, on_delete=models.PROTECT, null=True, blank=True, related_name="payment_item"
    )
    claim = models.OneToOneField(
        "claims.ExpenseClaim", on_delete=models.PROTECT, null=True, blank=True, related_name="payment_item"
    )
    body = models.ForeignKey("regions.Body", on_delete=models.PROTECT, related_name="+")
    # Empty after the person's data was erased; ``reference`` and the amount stay.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    reference = models.CharField(_("kenmerk persoon"), max_length=20)
    period = models.DateField(_("periode"))  # the allowance's month, or the day of the claim
    amount = models.DecimalField(_("bedrag"), **MONEY)

    class Meta:
        ordering = ["batch_id", "reference", "period", "pk"]
        verbose_name = _("betaalregel")
        verbose_name_plural = _("betaalregels")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="vergoeding", allowance__isnull=False, claim__isnull=True))
                | (Q(kind="onkosten", claim__isnull=False, allowance__isnull=True)),
                name="payment_item_one_source",
            ),
        ]
