"""Writes of the art. 47 matrix: only its settings (ADR 17)."""

from __future__ import annotations

from django.db import transaction

from inspraak.audit.services import audit_record
from inspraak.compliance.models import MatrixSettings
from inspraak.core.versioning import StaleEdit, claim_version
from inspraak.regions.models import Region

SETTING_FIELDS = ("topic_answer_weeks", "full_share", "partial_share")


@transaction.atomic
def settings_save(
    *,
    region: Region,
    by,
    topic_answer_weeks: int,
    full_share: int,
    partial_share: int,
    version: int | None = None,
) -> MatrixSettings:
    """Store the thresholds of the region's matrix; the first save creates the row (the form was then based on
    the defaults, version 1). One audit row when anything changed. StaleEdit when someone else saved since."""
    values = {"topic_answer_weeks": topic_answer_weeks, "full_share": full_share, "partial_share": partial_share}
    found = MatrixSettings.objects.select_for_update().filter(region=region).first()
    if found is None:
        if version not in (None, 1):
            raise StaleEdit(None)
        found = MatrixSettings(region=region, **values)
        found.full_clean()
        found.save()
        audit_record(
            actor=by,
            action="matrix_settings.create",
            target=found,
            region=region,
            changed_fields=list(SETTING_FIELDS),
            label=region.name,
        )
        return found
    changed = [name for name, value in values.items() if getattr(found, name) != value]
    if not changed:
        if version is not None and version != found.version:
            raise StaleEdit(found)
        return found
    claim_version(found, version)
    for name in changed:
        setattr(found, name, values[name])
    found.full_clean()
    found.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=by,
        action="matrix_settings.update",
        target=found,
        region=region,
        changed_fields=changed,
        label=region.name,
    )
    return found
