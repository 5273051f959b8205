"""Paper letters: every message to a member without an email address waits here until the secretary prints it.

A ``Letter`` is made by ``services.notify_member`` (pending: no batch yet). The secretary prints all pending letters
of a body at once: that makes a ``LetterBatch`` and takes a snapshot of each member's postal address and large-print
wish, so reprinting the batch later gives exactly the same letters with the same short codes (nothing that is
already in a letterbox stops working). A letter whose member has no postal address is still in the batch: its page
says at the top that it must be handed over or that the member must be called.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LetterBatch(models.Model):
    """One print run of a body's pending letters ("Brieven afdrukken"): its PDF can be printed again at any time."""

    body = models.ForeignKey("regions.Body", on_delete=models.CASCADE, related_name="letter_batches")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("stapel brieven")
        verbose_name_plural = _("stapels brieven")

    def __str__(self) -> str:
        return f"{self.body_id} #{self.pk}"


class Letter(models.Model):
    """One letter to one member, waiting to be printed (``batch`` empty) or printed in a batch."""

    class Kind(models.TextChoices):
        INVITATION = "uitnodiging", _("Uitnodiging")
        MEETING_CHANGED = "bijeenkomst_gewijzigd", _("Bijeenkomst gewijzigd")
        MEETING_CANCELLED = "bijeenkomst_afgelast", _("Bijeenkomst afgelast")
        AGENDA_CHANGED = "agenda_gewijzigd", _("Agenda gewijzigd")
        MINUTES = "verslag", _("Verslag")
        TOPIC = "onderwerp", _("Onderwerp")
        FEEDBACK = "terugkoppeling", _("Terugkoppeling")
        ADVICE_DRAFT = "conceptadvies", _("Conceptadvies")
        NEEDS = "geregeld", _("Wat we voor u regelen")
        TRAINING = "training", _("Training")
        CLAIM = "declaratie", _("Declaratie")
        STATEMENT = "jaaropgave", _("Jaaropgave")
        OTHER = "overig", _("Overig")

    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey("regions.Body", on_delete=models.CASCADE, related_name="letters")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("soort"), max_length=24, choices=Kind.choices)
    subject = models.CharField(pgettext_lazy("letter", "onderwerp"), max_length=300)
    text = models.TextField(_("tekst"))
    # Where the member answers or reads more: printed as a short code and a QR code.
    short_link = models.ForeignKey("core.ShortLink", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # What the letter is about (a meeting, a topic ...), with ``kind`` saying which kind of object.
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    batch = models.ForeignKey(LetterBatch, on_delete=models.PROTECT, null=True, blank=True, related_name="letters")
    # Taken when the letter is printed, so a reprint is the same letter. Empty address: hand it over or call.
    address = models.TextField(_("postadres"), blank=True)
    large_print = models.BooleanField(_("grote letters"), default=False)
    # A login code printed on this letter the first time (the code itself is never stored): a reprint says "use
    # the code from your earlier letter" instead (see agenda.services.letters_print and ADR 21).
    login_code = models.ForeignKey(
        "accounts.LoginCode", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The email that did not arrive and that this letter sends again on paper (``services.failed_emails_to_letters``):
    # one letter per email, ever (the constraint stops a double click from making two).
    from_email = models.ForeignKey(
        "core.OutgoingEmail", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        indexes = [
            models.Index(fields=["body", "batch"], name="letter_body_batch"),
            models.Index(fields=["kind", "object_id"], name="letter_about"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["from_email"], name="letter_one_per_failed_email"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_pending(self) -> bool:
        return self.batch_id is None

    @property
    def paragraphs(self) -> list[str]:
        """The text split at blank lines (a single line break inside a paragraph stays, e.g. in a list of times)."""
        blocks = self.text.replace("\r\n", "\n").split("\n\n")
        return [block.strip() for block in blocks if block.strip()]
