"""The change token of regions, municipalities and bodies (``models.ChangeToken``): what cached renderings of them
are keyed on."""

from __future__ import annotations

import uuid

from django.db import connection

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


# The one query of a page kept under the token (the home page, a region's public page). Written out: built with the ORM
# (three subqueries) it cost several times the query itself. Standard SQL (PostgreSQL and SQLite); a renamed table
# fails every home page test.
VERSION_SQL = (
    'SELECT "token", (SELECT MAX("id") FROM "regions_region"), (SELECT MAX("id") FROM "regions_municipality"), '
    '(SELECT MAX("id") FROM "regions_body") FROM "regions_changetoken" WHERE "id" = %s'
)


def version() -> str | None:
    """What renderings of regions, municipalities and bodies are kept under (the home page's region cards, a
    region's public page): the change token (it changes with every save and delete) and the highest ids (a bulk
    create sends no signal). None when the token row is missing: then nothing may be kept. 1 query of four index
    lookups."""
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL, [TOKEN_PK])
        row = cursor.fetchone()
    return None if row is None else "-".join(str(part) for part in row)


def _changed(sender, **kwargs) -> None:
    mark_changed()


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    for model in WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"inspraak-regions-changed-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"inspraak-regions-changed-delete-{model.__name__}")
