"""Expense claims (declaraties) of members (art. 47 b): what taking part cost them, with a receipt, and the decision."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from inspraak.core.channels import Channel
from inspraak.core.models import HistoryEvent
from inspraak.core.versioning import Versioned


class ClaimKind(models.TextChoices):
    PUBLIC_TRANSPORT = "ov", _("Bus, tram of trein")
    KILOMETRES = "km", _("Auto of fiets (kilometers)")
    CHILDCARE = "kinderopvang", _("Kinderopvang")
    OTHER = "overig", _("Andere kosten")


class ClaimStatus(models.TextChoices):
    SUBMITTED = "ingediend", _("Ingediend")
    APPROVED = "goedgekeurd", _("Goedgekeurd")
    REJECTED = "afgewezen", _("Afgewezen")
    PAID = "betaald", _("Betaald")
    # The member took the claim back while it was still "ingediend" (its receipt is deleted then).
    WITHDRAWN = "ingetrokken", _("Ingetrokken")


class ExpenseClaim(Versioned):
    """What one member spent to take part, for one occasion. Entered by the member (on a phone) or by the secretary
    from a paper form (``channel`` then says how it came in)."""

    body = models.ForeignKey("regions.Body", on_delete=models.PROTECT, related_name="expense_claims")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="expense_claims")
    kind = models.CharField(_("soort kosten"), max_length=16, choices=ClaimKind.choices)
    spent_on = models.DateField(_("datum"))
    # KILOMETRES: the distance; ``amount`` is then kilometres x the scheme's rate, computed when the claim is made.
    kilometres = models.DecimalField(
        _("aantal kilometers"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    amount = models.DecimalField(_("bedrag"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)])
    description = models.CharField(_("waarvoor"), max_length=300, blank=True)
    receipt = models.FileField(_("bon of kaartje"), upload_to="bonnen/%Y/", blank=True)
    receipt_content_type = models.CharField(max_length=100, blank=True, editable=False)
    no_receipt_reason = models.CharField(_("waarom er geen bon is"), max_length=300, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="expense_claims"
    )
    training = models.ForeignKey(
        "training.Training", on_delete=models.PROTECT, null=True, blank=True, related_name="expense_claims"
    )
    channel = models.CharField(_("hoe doorgegeven"), max_length=12, choices=Channel.choices, default=Channel.ONLINE)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    # Required when rejected; shown to the member.
    decision_reason = models.CharField(_("reden"), max_length=500, blank=True)
    # Set when a payment batch paid the claim (claims_mark_paid): the retention of the receipt counts from it.
    paid_on = models.DateField(_("betaald op"), null=True, blank=True)
    payment_reference = models.CharField(_("kenmerk van de betaling"), max_length=100, blank=True)
    # When the receipt file was deleted (retention, withdrawal or erasure); the claim says so instead of a link.
    receipt_removed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-spent_on", "-pk"]
        verbose_name = _("declaratie")
        verbose_name_plural = _("declaraties")
        indexes = [
            # The list for who decides, newest first, a page at a time (selectors.claims_page): per status and all;
            # the first also counts per status and finds the approved claims to pay.
            models.Index(fields=["body", "status", "-spent_on", "-id"], name="claim_body_status_day"),
            models.Index(fields=["body", "-spent_on", "-id"], name="claim_body_day"),
            # The art. 47 matrix counts a year's claims per body, day submitted and day decided: from the index alone
            # (PostgreSQL INCLUDE), not from every claim's row.
            models.Index(fields=["body", "created_at"], include=["decided_at"], name="claim_body_created"),
        ]
        constraints = [
            # Nobody decides on their own claim (a secretary who is also a member claims like any member).
            models.CheckConstraint(condition=~Q(decided_by=F("user")), name="claim_not_decided_by_claimant"),
            models.CheckConstraint(
                condition=~Q(status="afgewezen") | ~Q(decision_reason=""), name="claim_rejection_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.spent_on} {self.amount}"

    @property
    def has_receipt(self) -> bool:
        return bool(self.receipt)


class ClaimEvent(HistoryEvent):
    claim = models.ForeignKey(ExpenseClaim, on_delete=models.CASCADE, related_name="events")

    class Meta(HistoryEvent.Meta):
        verbose_name = _("gebeurtenis van een declaratie")
        verbose_name_plural = _("gebeurtenissen van declaraties")
