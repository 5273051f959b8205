"""Writes for the support scheme and the legal caps. Each is atomic and writes one audit row per change."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from inspraak.audit.services import audit_record
from inspraak.core.errors import ServiceError
from inspraak.core.versioning import StaleEdit, claim_version
from inspraak.letters.models import Letter
from inspraak.letters.notices import Told
from inspraak.letters.services import notify_member
from inspraak.support import rules, selectors
from inspraak.support.models import SupportScheme, VolunteerCap

if TYPE_CHECKING:
    import datetime

    from inspraak.accounts.models import User
    from inspraak.regions.models import Body, Region


class SupportError(ServiceError):
    """A step that does not fit; ``code`` says which (the views' ``ERRORS``)."""


SCHEME_FIELDS = (
    "allowance_mode",
    "amount_per_meeting",
    "amount_per_meeting_chair",
    "amount_per_month",
    "travel_public_transport",
    "travel_km_rate",
    "childcare",
    "childcare_max",
    "other_costs",
    "training_offered",
)
CAP_FIELDS = ("month_max", "year_max", "source")


def _scheme_label(scheme: SupportScheme) -> str:
    return f"vergoedingsregeling {scheme.year} – {scheme.body.name}"


@transaction.atomic
def scheme_save(*, body: Body, year: int, by: User, version: int | None = None, **values) -> SupportScheme:
    """Store what the members of ``body`` receive in ``year`` (the first save creates the scheme: a form for a year
    without one posts version 0). Amounts the chosen way of paying does not use are cleared. StaleEdit when someone
    else saved since; SupportError("invalid") when the chosen way of paying lacks its amount."""
    unknown = set(values) - set(SCHEME_FIELDS)
    if unknown:
        raise TypeError(f"unknown scheme fields: {sorted(unknown)}")
    values = rules.normalised_scheme({**dict.fromkeys(SCHEME_FIELDS), **_scheme_defaults(), **values})
    if rules.scheme_problems(
        allowance_mode=values["allowance_mode"],
        amount_per_meeting=values["amount_per_meeting"],
        amount_per_month=values["amount_per_month"],
    ):
        raise SupportError("invalid")
    values["training_offered"] = (values["training_offered"] or "").strip()
    found = SupportScheme.objects.select_for_update().filter(body=body, year=year).first()
    if found is None:
        if version not in (None, 0):
            raise StaleEdit(None)
        scheme = SupportScheme(body=body, year=year, updated_by=by, **values)
        scheme.full_clean(validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():  # two first saves at once: the second is stale
                scheme.save()
        except IntegrityError:
            raise StaleEdit(SupportScheme.objects.filter(body=body, year=year).first()) from None
        audit_record(
            actor=by,
            action="support_scheme.create",
            target=scheme,
            region=body.region,
            changed_fields=list(SCHEME_FIELDS),
            label=_scheme_label(scheme),
        )
        return scheme
    found.body = body
    changed = [name for name, value in values.items() if getattr(found, name) != value]
    if not changed:
        if version is not None and version != found.version:
            raise StaleEdit(found)
        return found
    claim_version(found, version)
    for name in changed:
        setattr(found, name, values[name])
    found.updated_by = by
    found.full_clean(validate_unique=False, validate_constraints=False)
    found.save(update_fields=[*changed, "updated_by", "updated_at"])
    audit_record(
        actor=by,
        action="support_scheme.update",
        target=found,
        region=body.region,
        changed_fields=changed,
        label=_scheme_label(found),
    )
    return found


def _scheme_defaults() -> dict:
    return {
        "allowance_mode": "geen",
        "travel_public_transport": True,
        "childcare": False,
        "other_costs": True,
        "training_offered": "",
    }


@transaction.atomic
def scheme_copy(*, body: Body, year: int, by: User) -> SupportScheme:
    """A scheme for ``year`` with the values of the latest earlier year, in one step (the beheerder then changes what
    differs). SupportError("exists") when ``year`` has a scheme; ("nothing_to_copy") without an earlier one."""
    years = list(SupportScheme.objects.select_for_update().filter(body=body).values_list("year", flat=True))
    if year in years:
        raise SupportError("exists", year=year)
    source_year = rules.copy_source_year(years, year)
    if source_year is None:
        raise SupportError("nothing_to_copy", year=year)
    source = SupportScheme.objects.get(body=body, year=source_year)
    values = {name: getattr(source, name) for name in SCHEME_FIELDS}
    scheme = SupportScheme(body=body, year=year, updated_by=by, **values)
    try:
        with transaction.atomic():
            scheme.save()
    except IntegrityError:
        raise SupportError("exists", year=year) from None
    scheme.body = body
    audit_record(
        actor=by,
        action="support_scheme.copy",
        target=scheme,
        region=body.region,
        changed_fields=list(SCHEME_FIELDS),
        label=f"{_scheme_label(scheme)} (kopie van {source_year})",
    )
    return scheme


@transaction.atomic
def scheme_letters_send(*, body: Body, by: User, today: datetime.date) -> Told:
    """Send "Wat krijgt u?" of this year as a letter to every member of ``body`` without email (members with email
    read it on line). A letter about this scheme that was not printed yet is replaced by the new one.
    SupportError("no_scheme") when this year has no scheme."""
    scheme = selectors.scheme_for(body=body, year=today.year)
    if scheme is None:
        raise SupportError("no_scheme")
    scheme.body = body
    people = selectors.paper_members(body)
    path = reverse("support:member_page", args=[body.region.slug, body.slug])
    context = {
        "scheme": scheme,
        "caps": selectors.caps_for(region=body.region, year=today.year),
        "year": today.year,
        "path": path,
    }
    subject = " ".join(render_to_string("support/email/scheme_subject.txt", {**context, "body": body}).split())
    Letter.objects.filter(
        kind=Letter.Kind.OTHER,
        body=body,
        object_id=scheme.pk,
        subject=subject[:300],
        user__in=people,
        batch__isnull=True,
    ).delete()
    told = Told()
    for person in people:
        told.add(
            notify_member(
                person=person,
                body=body,
                kind=Letter.Kind.OTHER,
                template_prefix="support/email/scheme",
                context=dict(context),
                path=path,
                object_id=scheme.pk,
                by=by,
            )
        )
    if told.people:
        audit_record(
            actor=by,
            action="support_scheme.letters",
            target=scheme,
            region=body.region,
            label=f"{_scheme_label(scheme)}: {told.letters} brieven",
        )
    return told


def _cap_label(cap: VolunteerCap) -> str:
    return f"maximum vrijwilligersvergoeding {cap.year} – {cap.region.name}"


@transaction.atomic
def cap_create(
    *, region: Region, year: int, month_max: Decimal, year_max: Decimal, source: str = "", by: User
) -> VolunteerCap:
    """Enter the legal caps of one year. SupportError("cap_exists") when the year has them already, ("invalid")
    when the month maximum is above the year maximum."""
    if rules.cap_problems(month_max=month_max, year_max=year_max):
        raise SupportError("invalid")
    cap = VolunteerCap(
        region=region, year=year, month_max=month_max, year_max=year_max, source=source.strip(), updated_by=by
    )
    cap.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            cap.save()
    except IntegrityError:
        raise SupportError("cap_exists", year=year) from None
    audit_record(
        actor=by,
        action="volunteer_cap.create",
        target=cap,
        region=region,
        changed_fields=list(CAP_FIELDS),
        label=_cap_label(cap),
    )
    return cap


@transaction.atomic
def cap_update(
    *,
    cap: VolunteerCap,
    month_max: Decimal,
    year_max: Decimal,
    source: str = "",
    by: User,
    version: int | None = None,
) -> VolunteerCap:
    """Correct the caps of one year, based on ``version`` (StaleEdit when someone saved since)."""
    if rules.cap_problems(month_max=month_max, year_max=year_max):
        raise SupportError("invalid")
    values = {"month_max": month_max, "year_max": year_max, "source": source.strip()}
    changed = [name for name, value in values.items() if getattr(cap, name) != value]
    if not changed:
        stored = VolunteerCap.objects.filter(pk=cap.pk).values_list("version", flat=True).first()
        if version is not None and version != stored:
            raise StaleEdit(VolunteerCap.objects.filter(pk=cap.pk).first())
        return cap
    claim_version(cap, version)
    for name in changed:
        setattr(cap, name, values[name])
    cap.updated_by = by
    cap.full_clean(validate_unique=False, validate_constraints=False)
    cap.save(update_fields=[*changed, "updated_by", "updated_at"])
    audit_record(
        actor=by,
        action="volunteer_cap.update",
        target=cap,
        region=cap.region,
        changed_fields=changed,
        label=_cap_label(cap),
    )
    return cap
