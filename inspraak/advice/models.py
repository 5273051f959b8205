"""The advice conversation: requests to a body (with their draft documents), advice (solicited and unsolicited) with
numbered recommendations, and the response per recommendation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspraak.core.models import HistoryEvent


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "beantwoord", _("Advies gegeven")
    DECLINED = "afgezien", _("Groep ziet af van advies")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")


class AdviceRequest(models.Model):
    """A request to one body to advise on a proposal (adviesaanvraag)."""

    proposal = models.ForeignKey("policy.Proposal", on_delete=models.PROTECT, related_name="requests")
    body = models.ForeignKey("regions.Body", on_delete=models.PROTECT, related_name="advice_requests")
    questions = models.TextField(_("vragen aan de groep"), max_length=4000)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("contactpersoon"),
    )
    requested_on = models.DateField(_("datum van de aanvraag"))
    deadline = models.DateField(_("uiterste datum voor het advies"))
    status = models.CharField(_("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    decline_reason = models.TextField(_("waarom geen advies?"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    deadline_reminder_sent_on = models.DateField(null=True, blank=True, editable=False)
    # The proposal's region and municipality, stored on the row so that the officers' lists of open requests filter,
    # count and sort on this table alone (with the indexes below). Copied from the proposal on insert (save()); a
    # proposal's region and municipality never change.
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", editable=False, db_index=False
    )
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        db_index=False,
    )

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("adviesaanvraag")
        verbose_name_plural = _("adviesaanvragen")
        indexes = [
            # The officer dashboard's open requests of a region (GR officer, beheerder), earliest deadline first.
            models.Index(fields=["region", "status", "deadline", "id"], name="request_region_open_idx"),
            # The body dashboard: the body's first open requests by deadline.
            models.Index(fields=["body", "status", "deadline", "id"], name="request_body_open_idx"),
            # The same for a municipality's officer.
            models.Index(fields=["region", "municipality", "status", "deadline", "id"], name="request_place_open_idx"),
            # A body's earlier (answered or declined) requests, newest first, paged by keyset ("Alle adviesaanvragen").
            models.Index(fields=["body", "-requested_on", "-id"], name="request_body_recent_idx"),
        ]
        constraints = [
            # With the request date (PostgreSQL INCLUDE): the art. 47 matrix reads a concern's live request from
            # the index alone, one probe per concern of thousands.
            models.UniqueConstraint(
                fields=["proposal", "body"],
                condition=~Q(status="ingetrokken"),
                include=["requested_on"],
                name="request_one_open_per_body",
            ),
            models.CheckConstraint(condition=Q(deadline__gte=models.F("requested_on")), name="request_deadline_order"),
            models.CheckConstraint(
                condition=~Q(status="afgezien") | ~Q(decline_reason=""), name="request_decline_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id} → {self.body_id}"

    def save(self, *args, **kwargs) -> None:
        if self._state.adding:
            self.set_place()
        super().save(*args, **kwargs)

    def set_place(self) -> None:
        """``region`` and ``municipality`` from the proposal (read when it is not loaded yet)."""
        self.region_id = self.proposal.region_id
        self.municipality_id = self.proposal.municipality_id


class RequestDocument(models.Model):
    """A draft document sent with a request. Served only to the body's people and the officers (never public)."""

    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("bestand"), upload_to="adviesaanvragen/%Y/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("stuk bij adviesaanvraag")
        verbose_name_plural = _("stukken bij adviesaanvragen")
        ordering = ["uploaded_at", "pk"]


class AdviceKind(models.TextChoices):
    SOLICITED = "gevraagd", _("Gevraagd advies")
    UNSOLICITED = "ongevraagd", _("Ongevraagd advies")


class AdviceStatus(models.TextChoices):
    DRAFT = "concept", _("Concept")
    ADOPTED = "vastgesteld", _("Vastgesteld")
    SENT = "verzonden", _("Verzonden")


class AdoptedHow(models.TextChoices):
    MEETING = "vergadering", _("In een bijeenkomst")
    WRITTEN = "schriftelijk", _("Schriftelijk (per e-mail of brief)")


class Advice(models.Model):
    body = models.ForeignKey("regions.Body", on_delete=models.PROTECT, related_name="advices")
    kind = models.CharField(_("soort"), max_length=12, choices=AdviceKind.choices)
    # A solicited advice answers exactly one request; an unsolicited one may point at a proposal.
    request = models.OneToOneField(
        AdviceRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="advice"
    )
    proposal = models.ForeignKey(
        "policy.Proposal", on_delete=models.PROTECT, null=True, blank=True, related_name="advices"
    )
    subject = models.CharField(_("onderwerp"), max_length=200)
    text = models.TextField(_("toelichting"), max_length=20000, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=AdviceStatus.choices, default=AdviceStatus.DRAFT)
    adopted_on = models.DateField(_("vastgesteld op"), null=True, blank=True)
    adopted_how = models.CharField(_("vastgesteld in"), max_length=12, choices=AdoptedHow.choices, blank=True)
    sent_on = models.DateField(_("verzonden op"), null=True, blank=True)
    response_due = models.DateField(_("reactie uiterlijk"), null=True, blank=True)
    attachment = models.FileField(_("advies als PDF"), upload_to="adviezen/%Y/", blank=True)
    # The body may react once more to the response (a follow-up note).
    follow_up = models.TextField(_("reactie van de groep op de reactie"), max_length=4000, blank=True)
    follow_up_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking for the draft: an edit based on an older version is refused, never silently overwritten.
    version = models.PositiveIntegerField(default=1)
    response_reminder_sent_on = models.DateField(null=True, blank=True, editable=False)
    # Where the advice applies, stored on the row so that the register and the officers' lists filter and sort on
    # this table alone (with the indexes below) instead of joining body, request and proposal. Derived, never typed:
    # see set_place(). ``region`` is the body's region (a body never changes region); ``municipality`` is the
    # municipality of the advice's proposal (the one it names, else its request's), or of its body when it has
    # neither; empty means the whole region. A proposal's municipality never changes; when a body's does,
    # services.body_moved updates its advice in the same transaction.
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", editable=False, db_index=False
    )
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    # The date of the response (Response.responded_on), copied when the response is recorded (Response.save), so
    # "awaiting a response" and the register's response filters are conditions on this table. A response is never
    # changed or removed.
    responded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        indexes = [
            # The register of a region, newest first (register.selectors, unfiltered and by kind/response).
            models.Index(fields=["region", "status", "-sent_on", "-id"], name="advice_region_sent_idx"),
            # The register filtered on a municipality, or on "the whole region" (municipality IS NULL), by year.
            models.Index(
                fields=["region", "municipality", "status", "-sent_on", "-id"], name="advice_region_place_idx"
            ),
            # The register filtered on one body.
            models.Index(fields=["body", "status", "-sent_on", "-id"], name="advice_body_sent_idx"),
            # The officers' "sent advice awaiting a response", oldest due date first.
            models.Index(fields=["region", "status", "response_due"], name="advice_region_due_idx"),
            # Only the sent advice without a response, by due date: the awaiting list and its count, and the
            # register's "waiting" and "overdue" filters (their count reads these entries only). With the columns
            # an officer's scope filters on (PostgreSQL INCLUDE), so the count is read from the index alone.
            models.Index(
                fields=["region", "response_due"],
                condition=Q(status="verzonden", responded_on__isnull=True),
                include=["municipality", "proposal", "request"],
                name="advice_awaiting_idx",
            ),
            # The same per body, by due date and id: the body dashboard's overdue and awaiting lists and their counts.
            models.Index(
                fields=["body", "response_due", "id"],
                condition=Q(status="verzonden", responded_on__isnull=True),
                name="advice_awaiting_body_idx",
            ),
            # A body's draft advice (the members' to-do list) without reading its years of sent advice.
            models.Index(fields=["body"], condition=Q(status="concept"), name="advice_draft_body"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="gevraagd") | Q(request__isnull=False), name="advice_solicited_has_request"
            ),
            # An advice on a request names the request's proposal too (save() fills it in), so "the advice on these
            # proposals" is one condition on this table, not an OR through the requests.
            models.CheckConstraint(
                condition=Q(request__isnull=True) | Q(proposal__isnull=False), name="advice_request_names_proposal"
            ),
            models.CheckConstraint(
                condition=Q(status="concept") | Q(adopted_on__isnull=False), name="advice_adopted_has_date"
            ),
            models.CheckConstraint(
                condition=~Q(status="verzonden") | Q(sent_on__isnull=False), name="advice_sent_has_date"
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def save(self, *args, **kwargs) -> None:
        if self._state.adding:
            self.set_place()
        super().save(*args, **kwargs)

    def set_place(self) -> None:
        """Set the proposal of a request's advice (the request's), and ``region`` and ``municipality`` from the body,
        the proposal and the request (as the register shows where an advice applies). Reads the related rows that
        are not loaded yet."""
        if self.request_id and not self.proposal_id:
            self.proposal = self.request.proposal
        self.region_id = self.body.region_id
        proposal = self.proposal if self.proposal_id else None
        self.municipality_id = proposal.municipality_id if proposal is not None else self.body.municipality_id


class Recommendation(models.Model):
    advice = models.ForeignKey(Advice, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("aanbeveling"), max_length=4000)

    class Meta:
        verbose_name = _("aanbeveling")
        verbose_name_plural = _("aanbevelingen")
        ordering = ["number", "pk"]
        constraints = [models.UniqueConstraint(fields=["advice", "number"], name="recommendation_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class AdviceComment(models.Model):
    """A member's comment on a draft advice (visible to the body only)."""

    advice = models.ForeignKey(Advice, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("opmerking"), max_length=4000)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("opmerking bij advies")
        verbose_name_plural = _("opmerkingen bij adviezen")
        ordering = ["at", "pk"]


class AdviceEvent(HistoryEvent):
    """History of an advice: status changes and edits (field names only). Appended, never changed."""

    class Kind(models.TextChoices):
        CREATED = "aangemaakt", _("Aangemaakt")
        EDITED = "gewijzigd", _("Gewijzigd")
        STATUS = "status", _("Status gewijzigd")
        RESPONSE = "reactie", _("Reactie vastgelegd")
        FOLLOW_UP = "naschrift", _("Reactie van de groep")

    advice = models.ForeignKey(Advice, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    from_status = models.CharField(max_length=12, choices=AdviceStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=AdviceStatus.choices, blank=True)

    class Meta(HistoryEvent.Meta):
        verbose_name = _("gebeurtenis bij advies")
        verbose_name_plural = _("geschiedenis van adviezen")


class Response(models.Model):
    """The response of the college or GR board to an advice, recorded by a policy officer."""

    advice = models.OneToOneField(Advice, on_delete=models.PROTECT, related_name="response")
    responded_on = models.DateField(_("datum van de reactie"))
    mentioned_in_decision = models.BooleanField(_("het advies staat in het besluit"), default=False)
    sent_to_council = models.BooleanField(_("het advies is meegestuurd naar de raad of het bestuur"), default=False)
    summary = models.TextField(_("toelichting"), max_length=4000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")

    def save(self, *args, **kwargs) -> None:
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding:  # the advice keeps the date (Advice.responded_on), in the same transaction as this row
            Advice.objects.filter(pk=self.advice_id).update(responded_on=self.responded_on)


class Verdict(models.TextChoices):
    ADOPTED = "overgenomen", _("Overgenomen")
    PARTLY = "deels", _("Deels overgenomen")
    NOT_ADOPTED = "niet", _("Niet overgenomen")


class RecommendationResponse(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="verdicts")
    recommendation = models.OneToOneField(Recommendation, on_delete=models.PROTECT, related_name="verdict")
    verdict = models.CharField(_("oordeel"), max_length=12, choices=Verdict.choices)
    reason = models.TextField(_("reden"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("reactie op aanbeveling")
        verbose_name_plural = _("reacties op aanbevelingen")
        ordering = ["recommendation__number", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(verdict="overgenomen") | ~Q(reason=""), name="verdict_reason_when_not_adopted"
            ),
        ]
