"""The change token of regions, municipalities and bodies (``models.ChangeToken``): what cached renderings of them
are keyed on."""

from __future__ import annotations

import uuid

from inspraak.regions.models import Body, ChangeToken, Municipality, Region

TOKEN_PK = 1
WATCHED = (Region, Municipality, Body)


def mark_changed() -> None:
    """Give the change token a new value, in the caller's transaction (so it changes together with the data).
    Called for every save and delete of a region, municipality or body; call it yourself after a bulk change that
    sends no signals (``QuerySet.update``, ``bulk_update``). A bulk create needs no call: the cache key also holds
    the highest ids."""
    token = uuid.uuid4().hex
    if not ChangeToken.objects.filter(pk=TOKEN_PK).update(token=token):
        ChangeToken.objects.update_or_create(pk=TOKEN_PK, defaults={"token": token})


def _changed(sender, **kwargs) -> None:
    mark_changed()


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    for model in WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"inspraak-regions-changed-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"inspraak-regions-changed-delete-{model.__name__}")
