"""Optimistic locking for objects that several people edit: a save based on an older version is refused.

An edit form carries the version of the object it was built from (``VersionedFormMixin`` in core.forms). The
service claims the next version with ``claim_version`` before it writes: one conditional UPDATE, so of two saves
based on the same version only the first wins. The second raises ``StaleEdit``; the view keeps what was typed and
shows the message ``STALE_MESSAGE`` with what is stored now (``VersionedFormMixin.mark_stale``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F


class Versioned(models.Model):
    """Adds ``version``: 1 when created, one more with every change made through an edit form's service."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class StaleEdit(Exception):
    """Someone else saved the object after the form was opened; nothing was written. ``current`` is the object as
    stored now (None when it is gone), ``version`` its version."""

    def __init__(self, current: Versioned | None):
        self.current = current
        self.version = None if current is None else current.version
        super().__init__(f"stale edit, stored version {self.version}")


def claim_version(obj: Versioned, expected: int | None) -> None:
    """Add one to the stored version of ``obj``, but only when it still is ``expected`` (None: no check, for a change
    that does not come from an edit form). Call it inside the service's transaction, before writing the changes:
    the row stays locked until the transaction ends, so a second save based on the same version waits and is then
    refused. StaleEdit when the stored version is another one; nothing is written then."""
    model = type(obj)
    rows = model._base_manager.filter(pk=obj.pk)
    if expected is not None:
        rows = rows.filter(version=expected)
    if rows.update(version=F("version") + 1) != 1:
        raise StaleEdit(model._base_manager.filter(pk=obj.pk).first())
    if expected is None:
        obj.refresh_from_db(fields=["version"])
    else:
        obj.version = expected + 1
