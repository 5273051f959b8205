"""Writes for regions, municipalities and bodies. Each is atomic and leaves an audit row."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import ProtectedError

from inspraak.audit.services import audit_record
from inspraak.core.text import unique_slug
from inspraak.regions.models import Body, Municipality, Region


class InUseError(Exception):
    """The object cannot be removed because other data still refers to it."""


def _apply(obj, fields: dict[str, Any]) -> list[str]:
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, fields[name])
    return changed


@transaction.atomic
def region_create(*, name: str, description: str = "", by, **rules) -> Region:
    slug = unique_slug(name, lambda s: Region.objects.filter(slug=s).exists())
    region = Region(name=name, slug=slug, description=description, **rules)
    region.full_clean()
    region.save()
    audit_record(actor=by, action="region.create", target=region, region=region, label=region.name)
    return region


@transaction.atomic
def region_update(*, region: Region, by, **fields) -> Region:
    changed = _apply(region, fields)
    if changed:
        region.full_clean()
        region.save()
        audit_record(
            actor=by, action="region.update", target=region, region=region, changed_fields=changed, label=region.name
        )
    return region


@transaction.atomic
def municipality_create(*, region: Region, name: str, cbs_code: str, by, **fields) -> Municipality:
    slug = unique_slug(name, lambda s: region.municipalities.filter(slug=s).exists())
    municipality = Municipality(region=region, name=name, slug=slug, cbs_code=cbs_code, **fields)
    municipality.full_clean()
    municipality.save()
    audit_record(actor=by, action="municipality.create", target=municipality, region=region, label=municipality.name)
    return municipality


@transaction.atomic
def municipality_update(*, municipality: Municipality, by, **fields) -> Municipality:
    changed = _apply(municipality, fields)
    if changed:
        municipality.full_clean()
        municipality.save()
        audit_record(
            actor=by,
            action="municipality.update",
            target=municipality,
            region=municipality.region,
            changed_fields=changed,
            label=municipality.name,
        )
    return municipality


@transaction.atomic
def body_create(*, region: Region, name: str, kind: str, by, **fields) -> Body:
    slug = unique_slug(name, lambda s: region.bodies.filter(slug=s).exists())
    values = {**region.rule_values(), **fields}
    body = Body(region=region, name=name, slug=slug, kind=kind, **values)
    body.full_clean()
    body.save()
    audit_record(actor=by, action="body.create", target=body, region=region, label=body.name)
    return body


@transaction.atomic
def body_update(*, body: Body, by, **fields) -> Body:
    changed = _apply(body, fields)
    if changed:
        body.full_clean()
        body.save()
        audit_record(
            actor=by, action="body.update", target=body, region=body.region, changed_fields=changed, label=body.name
        )
    return body


def _delete(obj, *, action: str, region: Region, by) -> None:
    label, pk = str(obj), obj.pk
    try:
        with transaction.atomic():
            obj.delete()
            obj.pk = pk
            audit_record(actor=by, action=action, target=obj, region=region, label=label)
    except ProtectedError as exc:
        raise InUseError(label) from exc


def municipality_delete(*, municipality: Municipality, by) -> None:
    _delete(municipality, action="municipality.delete", region=municipality.region, by=by)


def body_delete(*, body: Body, by) -> None:
    _delete(body, action="body.delete", region=body.region, by=by)
