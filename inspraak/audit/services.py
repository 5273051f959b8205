"""Writing to the audit log. Every service that changes data calls ``audit_record``."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from inspraak.audit.models import AuditEvent


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model,
    region=None,
    changed_fields: Iterable[str] = (),
    label: str | None = None,
) -> AuditEvent:
    """Append one row. ``label`` must never hold personal data; the default is the type and number."""
    target_type = target._meta.model_name
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        region=region,
        action=action,
        target_type=target_type,
        target_id=str(target.pk),
        target_label=(label or f"{target._meta.verbose_name} #{target.pk}")[:200],
        changed_fields=sorted(changed_fields),
    )
