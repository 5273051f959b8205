"""Writes for regions, municipalities and bodies. Each is atomic and leaves an audit row."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import ProtectedError, RestrictedError

from inspraak.audit.services import audit_record
from inspraak.core.errors import ServiceError
from inspraak.core.text import unique_slug
from inspraak.core.versioning import claim_version
from inspraak.regions import selectors
from inspraak.regions.models import Body, BodyRules, Municipality, Region

if TYPE_CHECKING:
    from inspraak.accounts.models import User

REGION_FIELDS = ("name", "description", "feedback_email", *BodyRules.RULE_FIELDS)
MUNICIPALITY_FIELDS = ("name", "cbs_code", "client_group_size", "client_group_date")
BODY_FIELDS = Body.EDITABLE_FIELDS
# Called with a body whose municipality changed, in the same transaction: apps above that store where their rows
# apply (the advice register) keep it right. Registered in their AppConfig.ready (regions cannot import them).
BODY_MOVED: list[Callable[[Body], None]] = []


class InUseError(ServiceError):
    """The object cannot be removed because other data still refers to it (code "in_use"; params ``name`` and
    ``dependents``)."""


class CbsCodeTakenError(ServiceError):
    """Another municipality of the region already has this CBS code (code "cbs_code_taken")."""


def _check_cbs_code(region: Region, code: str, municipality: Municipality | None = None) -> None:
    if selectors.cbs_code_taken(region, code, exclude=municipality):
        raise CbsCodeTakenError("cbs_code_taken")


def _in_use(label: str, dependents: selectors.Dependents | None = None) -> InUseError:
    return InUseError("in_use", name=label, dependents=dependents or selectors.Dependents())


def _check_fields(fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")


def _apply(obj, fields: dict[str, Any]) -> list[str]:
    """Set the fields that differ and return their names."""
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, fields[name])
    return changed


def _update(
    obj,
    fields: dict[str, Any],
    *,
    allowed: tuple[str, ...],
    action: str,
    region: Region,
    by: User,
    version: int | None,
):
    """Apply ``fields``; when anything changed, validate, save only those fields and write one audit row.
    Based on ``version``: StaleEdit when someone else saved since (None: no check)."""
    _check_fields(fields, allowed)
    changed = _apply(obj, fields)
    if changed:
        obj.full_clean()
        claim_version(obj, version)
        obj.save(update_fields=changed)
        audit_record(actor=by, action=action, target=obj, region=region, changed_fields=changed, label=str(obj))
    return obj


@transaction.atomic
def region_create(*, name: str, description: str = "", by: User, **rules: Any) -> Region:
    """A new region. Rule fields not given keep the model defaults. The slug comes from the name."""
    _check_fields(rules, BodyRules.RULE_FIELDS)
    slug = unique_slug(name, lambda s: Region.objects.filter(slug=s).exists())
    region = Region(name=name, slug=slug, description=description, **rules)
    region.full_clean()
    region.save()
    audit_record(
        actor=by,
        action="region.create",
        target=region,
        region=region,
        changed_fields=["name", "description", *rules],
        label=region.name,
    )
    return region


@transaction.atomic
def region_update(*, region: Region, by: User, version: int | None = None, **fields: Any) -> Region:
    """Change name, description or the default rules for new bodies. The slug stays (links keep working)."""
    return _update(region, fields, allowed=REGION_FIELDS, action="region.update", region=region, by=by, version=version)


@transaction.atomic
def municipality_create(
    *,
    region: Region,
    name: str,
    cbs_code: str,
    by: User,
    client_group_size: int | None = None,
    client_group_date=None,
) -> Municipality:
    """A municipality of ``region``. The slug comes from the name and is unique within the region. Raises
    CbsCodeTakenError when another municipality of the region has ``cbs_code``."""
    _check_cbs_code(region, cbs_code)
    slug = unique_slug(name, lambda s: Municipality.objects.filter(region=region, slug=s).exists())
    municipality = Municipality(
        region=region,
        name=name,
        slug=slug,
        cbs_code=cbs_code,
        client_group_size=client_group_size,
        client_group_date=client_group_date,
    )
    municipality.full_clean()
    municipality.save()
    audit_record(
        actor=by,
        action="municipality.create",
        target=municipality,
        region=region,
        changed_fields=[f for f in MUNICIPALITY_FIELDS if getattr(municipality, f) not in (None, "")],
        label=municipality.name,
    )
    return municipality


@transaction.atomic
def municipality_update(
    *, municipality: Municipality, by: User, version: int | None = None, **fields: Any
) -> Municipality:
    """Change a municipality. Raises CbsCodeTakenError when another municipality of the region has the new code."""
    if "cbs_code" in fields:
        _check_cbs_code(municipality.region, fields["cbs_code"], municipality)
    return _update(
        municipality,
        fields,
        allowed=MUNICIPALITY_FIELDS,
        action="municipality.update",
        region=municipality.region,
        by=by,
        version=version,
    )


@transaction.atomic
def body_create(*, region: Region, name: str, kind: str, by: User, **fields: Any) -> Body:
    """A body of ``region``. Rules not given come from the region's defaults. The slug comes from the name."""
    _check_fields(fields, BODY_FIELDS)
    slug = unique_slug(name, lambda s: Body.objects.filter(region=region, slug=s).exists())
    values = {**region.rule_values(), **fields}
    body = Body(region=region, name=name, slug=slug, kind=kind, **values)
    body.full_clean()
    body.save()
    audit_record(
        actor=by,
        action="body.create",
        target=body,
        region=region,
        changed_fields=["name", "kind", *fields],
        label=body.name,
    )
    return body


@transaction.atomic
def body_update(*, body: Body, by: User, version: int | None = None, **fields: Any) -> Body:
    """Change a body. The slug stays, so links to its page keep working."""
    municipality_id = body.municipality_id
    _update(body, fields, allowed=BODY_FIELDS, action="body.update", region=body.region, by=by, version=version)
    if body.municipality_id != municipality_id:
        for hook in BODY_MOVED:
            hook(body)
    return body


def _delete(obj, *, action: str, region: Region, by: User, dependents: selectors.Dependents) -> None:
    label, pk = str(obj), obj.pk
    if dependents.any:
        raise _in_use(label, dependents)
    try:
        with transaction.atomic():
            obj.delete()
            obj.pk = pk
            audit_record(actor=by, action=action, target=obj, region=region, label=label)
    except (ProtectedError, RestrictedError) as exc:
        raise _in_use(label) from exc


@transaction.atomic
def municipality_delete(*, municipality: Municipality, by: User) -> None:
    """Remove a municipality. Refused (InUseError) while bodies or roles still belong to it."""
    _delete(
        municipality,
        action="municipality.delete",
        region=municipality.region,
        by=by,
        dependents=selectors.municipality_dependents(municipality),
    )


@transaction.atomic
def body_delete(*, body: Body, by: User) -> None:
    """Remove a body. Refused (InUseError) while people still hold a role in it: their roles would be lost."""
    _delete(body, action="body.delete", region=body.region, by=by, dependents=selectors.body_dependents(body))
