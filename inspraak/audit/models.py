"""The audit log: who did what to which object, and when. Append-only; no raw personal data."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only")

    def delete(self):
        raise PermissionError("The audit log is append-only")


class AuditEvent(models.Model):
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey("regions.Region", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    action = models.CharField(_("handeling"), max_length=60)
    target_type = models.CharField(_("soort object"), max_length=60)
    target_id = models.CharField(_("objectnummer"), max_length=40)
    target_label = models.CharField(
        _("omschrijving"), max_length=200, help_text=_("Nooit persoonsgegevens: een nummer of een groepsnaam.")
    )
    changed_fields = models.JSONField(_("gewijzigde velden"), default=list, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("logboekregel")
        verbose_name_plural = _("logboek")
        indexes = [
            models.Index(fields=["region", "-at"]),
            models.Index(fields=["target_type", "target_id"]),
            # The log page filtered on what was done or on the kind of object: a page is an indexed LIMIT, and the
            # filter choices a skip scan over the distinct values (audit.selectors).
            models.Index(fields=["region", "action", "-at"], name="audit_region_action_at"),
            models.Index(fields=["region", "target_type", "-at"], name="audit_region_type_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only")
