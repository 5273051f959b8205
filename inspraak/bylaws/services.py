"""Writes of the verordening register. Each is atomic, appends a BylawEvent and leaves one audit row per change.

Edits are based on the version the form was built from: a stale version is refused (core.versioning.StaleEdit),
never silently overwritten. A PDF is checked on its content (core.documents: PDF only) and stored under a generated
name with its size.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from inspraak.audit.services import audit_record
from inspraak.bylaws import csvformat, selectors
from inspraak.bylaws.models import ELEMENTS, Bylaw, BylawEvent
from inspraak.core import documents, files
from inspraak.core.documents import CheckedDocument
from inspraak.core.errors import ServiceError
from inspraak.core.forms import EARLIEST_DATE, latest_date
from inspraak.core.versioning import claim_version

if TYPE_CHECKING:
    from inspraak.accounts.models import User
    from inspraak.regions.models import Body, Municipality, Region

EDITABLE_FIELDS = (
    "municipality",
    "title",
    "adopted_by",
    "adopted_on",
    "in_force_from",
    "in_force_until",
    "legal_basis",
    "cvdr_id",
    "official_url",
    "target_group",
    *(f"element_{x}{suffix}" for x in ELEMENTS for suffix in ("", "_article", "_quote")),
    "other_bodies",
    "min_meetings_per_year",
    "advice_period_weeks",
    "response_period_weeks",
    "evaluation_on",
)


class BylawError(ServiceError):
    """A write the rules refuse. Codes: "municipality_out_of_region", "body_out_of_region", "file_empty",
    "file_too_large", "file_type", "file_storage"; "invalid_file" for a CSV file with errors (``errors``: every
    csvformat.RowError)."""


def _label(bylaw: Bylaw) -> str:
    return f"verordening #{bylaw.pk}"


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")


def _check_scope(region: Region, municipality: Municipality | None, bodies: Iterable[Body]) -> list[Body]:
    if municipality is not None and municipality.region_id != region.pk:
        raise BylawError("municipality_out_of_region")
    bodies = list(bodies)
    if any(body.region_id != region.pk for body in bodies):
        raise BylawError("body_out_of_region")
    return bodies


def _store(bylaw: Bylaw, document: bytes | CheckedDocument) -> None:
    """Check the upload (a PDF of at most 10 MB) and store it under a generated name with its size."""
    try:
        checked = documents.check_upload(document, allowed=(documents.PDF,))
        documents.store(bylaw.file, checked)
    except documents.DocumentRefused as exc:
        raise BylawError(f"file_{exc.code}") from exc
    except files.StorageFailed as exc:
        raise BylawError("file_storage") from exc
    bylaw.file_size = len(checked.data)


def _clean_text(fields: dict[str, Any]) -> None:
    for name in ("title", "cvdr_id", "official_url", *(f"element_{x}_article" for x in ELEMENTS)):
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()
    if isinstance(fields.get("other_bodies"), str):
        fields["other_bodies"] = "\n".join(line.strip() for line in fields["other_bodies"].splitlines() if line.strip())


@transaction.atomic
def create_bylaw(
    *,
    region: Region,
    by: User | None,
    bodies: Iterable[Body] = (),
    document: bytes | CheckedDocument | None = None,
    imported: bool = False,
    **fields: Any,
) -> Bylaw:
    """Record a verordening of ``region`` (``municipality`` None or absent: a text of the GR itself) with the bodies
    it designates and, optionally, its PDF. ``imported``: it comes from a CSV file (the history says so)."""
    _check_fields(fields)
    _clean_text(fields)
    bodies = _check_scope(region, fields.get("municipality"), bodies)
    bylaw = Bylaw(region=region, created_by=by, **fields)
    if document is not None:
        _store(bylaw, document)
    bylaw.full_clean(exclude=["created_by"])
    bylaw.save()
    bylaw.designated_bodies.set(bodies)
    changed = sorted(name for name, value in fields.items() if value not in (None, "", False))
    if bodies:
        changed.append("designated_bodies")
    if document is not None:
        changed.append("file")
    kind = BylawEvent.Kind.IMPORTED if imported else BylawEvent.Kind.CREATED
    BylawEvent.objects.create(bylaw=bylaw, kind=kind, by=by, changed_fields=changed)
    audit_record(
        actor=by,
        action="bylaw.import" if imported else "bylaw.create",
        target=bylaw,
        region=region,
        changed_fields=changed,
        label=_label(bylaw),
    )
    return bylaw


@transaction.atomic
def update_bylaw(
    *,
    bylaw: Bylaw,
    by: User | None,
    version: int | None,
    bodies: Iterable[Body] | None = None,
    document: bytes | CheckedDocument | None = None,
    **fields: Any,
) -> Bylaw:
    """Change a recorded text. Based on ``version`` (the form's): StaleEdit when someone saved since (None: no
    check). ``bodies`` None keeps the designated bodies; ``document`` replaces the PDF. Nothing changed: nothing is
    written. An end date set where there was none is recorded as "Einddatum vastgelegd"."""
    _check_fields(fields)
    _clean_text(fields)
    region = bylaw.region
    new_bodies = _check_scope(region, fields.get("municipality", bylaw.municipality), bodies or ())
    changed = [name for name, value in fields.items() if getattr(bylaw, name) != value]
    bodies_changed = bodies is not None and {b.pk for b in new_bodies} != {b.pk for b in bylaw.designated_bodies.all()}
    if not changed and not bodies_changed and document is None:
        return bylaw
    claim_version(bylaw, version)
    ended = "in_force_until" in changed and bylaw.in_force_until is None
    old_file = bylaw.file.name if document is not None else ""
    for name in changed:
        setattr(bylaw, name, fields[name])
    if document is not None:
        _store(bylaw, document)
        changed += ["file", "file_size"]
    bylaw.full_clean(exclude=["created_by"])
    bylaw.save(update_fields=[*changed, "version", "updated_at"])
    if bodies_changed:
        bylaw.designated_bodies.set(new_bodies)
        changed.append("designated_bodies")
    kind = BylawEvent.Kind.ENDED if ended else BylawEvent.Kind.EDITED
    BylawEvent.objects.create(bylaw=bylaw, kind=kind, by=by, changed_fields=sorted(changed))
    audit_record(
        actor=by, action="bylaw.update", target=bylaw, region=region, changed_fields=changed, label=_label(bylaw)
    )
    if old_file:
        storage = bylaw.file.storage
        transaction.on_commit(lambda: files.delete(storage, old_file))
    return bylaw


@dataclass(frozen=True)
class ImportResult:
    bylaws: list[Bylaw]


def _model_errors(row: csvformat.ParsedRow, region: Region) -> list[csvformat.RowError]:
    """The model's own checks of one parsed row (CVDR number, link, numbers, dates in order), by column."""
    bylaw = Bylaw(region=region, municipality=row.municipality, **row.fields)
    try:
        bylaw.full_clean(exclude=["region", "municipality", "file", "created_by"])
    except ValidationError as error:
        found = []
        for name, messages in error.message_dict.items():
            column = csvformat.FIELD_COLUMNS.get(name, "")
            found.extend(csvformat.RowError(row.line, column, str(message)) for message in messages)
        return found
    return []


@transaction.atomic
def import_bylaws_csv(*, region: Region, by: User, data: bytes, may_record=lambda municipality: True) -> ImportResult:
    """Read a CSV file of verordeningen (csvformat) and record every row, each with its history ("ingelezen") and an
    audit row. Every row is checked first; with any error nothing is written and BylawError "invalid_file" carries
    every error (line, column, message). ``may_record(municipality)``: whether ``by`` may record a text for it."""
    municipalities, bodies = selectors.import_lookups(region)
    today = timezone.localdate()
    parsed = csvformat.parse(
        data,
        municipalities=municipalities,
        bodies=bodies,
        may_record=may_record,
        earliest=EARLIEST_DATE,
        latest=latest_date(today),
    )
    errors = list(parsed.errors)
    for row in parsed.rows:
        errors.extend(_model_errors(row, region))
    if errors:
        order = {name: i for i, name in enumerate(csvformat.COLUMNS)}
        errors.sort(key=lambda e: (e.line, order.get(e.column, -1)))
        raise BylawError("invalid_file", errors=errors)
    created = [
        create_bylaw(
            region=region, by=by, bodies=row.bodies, imported=True, municipality=row.municipality, **row.fields
        )
        for row in parsed.rows
    ]
    return ImportResult(created)
