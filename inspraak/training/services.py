"""Writes for trainings (art. 47 b). Each is atomic, appends history where the training changes, writes an audit row
and tells the members concerned (by email, or a letter for members without email)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.audit.services import audit_record
from inspraak.core.channels import ON_BEHALF, Channel
from inspraak.core.errors import ServiceError
from inspraak.core.versioning import claim_version
from inspraak.letters.models import Letter
from inspraak.letters.notices import Told, tell_members
from inspraak.letters.services import notify_member
from inspraak.training.models import Training, TrainingEvent, TrainingSignup, TrainingStatus

if TYPE_CHECKING:
    from inspraak.accounts.models import User
    from inspraak.regions.models import Body


class TrainingError(ServiceError):
    """A step that does not fit the training's state; ``code`` says which (the views' ``ERRORS``)."""


FIELDS = ("title", "description", "starts_at", "ends_at", "place", "seats", "cost")
# A change of these is news for whoever signed up.
NEWS_FIELDS = ("starts_at", "ends_at", "place")


def _label(training: Training) -> str:
    return f"training #{training.pk} – {training.body.name}"


def _path(training: Training) -> str:
    return reverse("training:detail", args=[training.body.region.slug, training.body.slug, training.pk])


def _check(values: dict) -> None:
    if not (values.get("title") or "").strip() or not (values.get("place") or "").strip():
        raise TrainingError("empty")
    if values["ends_at"] <= values["starts_at"]:
        raise TrainingError("ends_before_start")
    if values["seats"] < 1:
        raise TrainingError("seats")
    if values["cost"] < 0:
        raise TrainingError("cost")


@transaction.atomic
def training_create(
    *,
    body: Body,
    by: User,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str,
    seats: int,
    cost: Decimal = Decimal("0"),
    description: str = "",
) -> Training:
    """Plan a training for the members of ``body``. Its cost counts in the group's budget."""
    values = {
        "title": title.strip(),
        "description": description.strip(),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": place.strip(),
        "seats": seats,
        "cost": cost if cost is not None else Decimal("0"),
    }
    _check(values)
    training = Training.objects.create(body=body, created_by=by, **values)
    TrainingEvent.objects.create(training=training, by=by, to_status=TrainingStatus.PLANNED)
    audit_record(actor=by, action="training.create", target=training, region=body.region, label=_label(training))
    return training


@transaction.atomic
def training_update(*, training: Training, by: User, version: int | None = None, **values) -> Training:
    """Change a planned training that has not started, based on ``version`` (StaleEdit when someone saved since).
    Fewer seats than people signed up is refused ("seats_below_signups"). Whoever signed up hears about a new date,
    time or place."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown training fields: {sorted(unknown)}")
    locked = Training.objects.select_for_update().get(pk=training.pk)
    if locked.status != TrainingStatus.PLANNED or locked.starts_at <= timezone.now():
        raise TrainingError("closed")
    values = {name: values.get(name, getattr(locked, name)) for name in FIELDS}
    values["title"], values["place"] = values["title"].strip(), values["place"].strip()
    values["description"] = (values["description"] or "").strip()
    if values["cost"] is None:
        values["cost"] = Decimal("0")
    _check(values)
    signed_up = TrainingSignup.objects.filter(training=locked).count()
    if values["seats"] < signed_up:
        raise TrainingError("seats_below_signups", signed_up=signed_up)
    changed = [name for name in FIELDS if getattr(locked, name) != values[name]]
    claim_version(locked, version)
    if not changed:
        training.version = locked.version
        return training
    for name in changed:
        setattr(training, name, values[name])
    training.version = locked.version
    training.save(update_fields=[*changed])
    TrainingEvent.objects.create(training=training, by=by, changed_fields=changed)
    audit_record(
        actor=by,
        action="training.update",
        target=training,
        region=training.body.region,
        changed_fields=changed,
        label=_label(training),
    )
    if any(name in NEWS_FIELDS for name in changed):
        _tell_signed_up(training, template="training/email/changed", by=by)
    return training


def _tell_signed_up(training: Training, *, template: str, by: User | None) -> Told:
    people = [s.user for s in TrainingSignup.objects.filter(training=training).select_related("user")]
    return tell_members(
        body=training.body,
        people=[person for person in people if person.is_active],
        kind=Letter.Kind.TRAINING,
        template_prefix=template,
        context={"training": training, "path": _path(training)},
        path=_path(training),
        object_id=training.pk,
        by=by,
    )


@transaction.atomic
def training_cancel(*, training: Training, by: User, reason: str) -> Told:
    """Cancel a planned training that has not started; every member who signed up is told (email or letter), with
    the reason. Returns who was told how."""
    locked = Training.objects.select_for_update().get(pk=training.pk)
    if locked.status != TrainingStatus.PLANNED or locked.starts_at <= timezone.now():
        raise TrainingError("closed")
    if not reason.strip():
        raise TrainingError("no_reason")
    training.status = TrainingStatus.CANCELLED
    training.cancel_reason = reason.strip()[:300]
    training.save(update_fields=["status", "cancel_reason"])
    claim_version(training, None)
    TrainingEvent.objects.create(
        training=training,
        by=by,
        from_status=TrainingStatus.PLANNED,
        to_status=TrainingStatus.CANCELLED,
        note=training.cancel_reason,
    )
    audit_record(
        actor=by, action="training.cancel", target=training, region=training.body.region, label=_label(training)
    )
    return _tell_signed_up(training, template="training/email/cancelled", by=by)


def _is_member(body: Body, user: User) -> bool:
    return RoleAssignment.objects.filter(body=body, user=user, role=Role.MEMBER).exists()


@transaction.atomic
def training_signup(*, training: Training, user: User, by: User, channel: str = Channel.ONLINE) -> TrainingSignup:
    """Sign ``user`` up: themself (``by`` is ``user``, channel online), or the secretary for a member who called, wrote
    or said it in person (``channel`` telefoon, brief, persoonlijk), who is then told (email or letter).

    The training's row is locked first, so two people signing up for the last seat at once never exceed the seats:
    the second waits and gets "full"."""
    locked = Training.objects.select_for_update().get(pk=training.pk)
    if locked.status != TrainingStatus.PLANNED:
        raise TrainingError("cancelled")
    if locked.starts_at <= timezone.now():
        raise TrainingError("started")
    on_behalf = by.pk != user.pk
    if (on_behalf and channel not in ON_BEHALF) or (not on_behalf and channel != Channel.ONLINE):
        raise TrainingError("channel")
    if not user.is_active or not _is_member(training.body, user):
        raise TrainingError("not_member")
    if TrainingSignup.objects.filter(training=locked, user=user).exists():
        raise TrainingError("already")
    if TrainingSignup.objects.filter(training=locked).count() >= locked.seats:
        raise TrainingError("full")
    try:
        with transaction.atomic():
            signup = TrainingSignup.objects.create(training=locked, user=user, channel=channel, signed_up_by=by)
    except IntegrityError as exc:
        raise TrainingError("already") from exc
    label = _label(training) if not on_behalf else f"{_label(training)}: aanmelding namens lid – {channel}"
    audit_record(actor=by, action="training.signup", target=signup, region=training.body.region, label=label)
    if on_behalf:
        notify_member(
            person=user,
            body=training.body,
            kind=Letter.Kind.TRAINING,
            template_prefix="training/email/signed_up",
            context={"training": training, "path": _path(training)},
            path=_path(training),
            object_id=training.pk,
            by=by,
        )
    return signup


@transaction.atomic
def training_signoff(*, training: Training, user: User, by: User) -> None:
    """Take a sign-up back before the training starts (the member themself; the seat is free again)."""
    locked = Training.objects.select_for_update().get(pk=training.pk)
    if locked.starts_at <= timezone.now():
        raise TrainingError("started")
    deleted, _rows = TrainingSignup.objects.filter(training=locked, user=user).delete()
    if not deleted:
        raise TrainingError("not_signed_up")
    audit_record(
        actor=by, action="training.signoff", target=training, region=training.body.region, label=_label(training)
    )


@transaction.atomic
def training_record_attendance(*, training: Training, present_ids: set[int], by: User) -> int:
    """After the training: who was there (the sign-ups with their id in ``present_ids``) and who was not (the rest).
    Returns how many were there."""
    locked = Training.objects.select_for_update().get(pk=training.pk)
    if locked.status != TrainingStatus.PLANNED:
        raise TrainingError("cancelled")
    if locked.starts_at > timezone.now():
        raise TrainingError("not_yet")
    signups = TrainingSignup.objects.filter(training=locked)
    there = signups.filter(pk__in=present_ids).update(attended=True)
    signups.exclude(pk__in=present_ids).update(attended=False)
    TrainingEvent.objects.create(training=training, by=by, changed_fields=["attended"], note=f"{there} aanwezig")
    audit_record(
        actor=by,
        action="training.attendance",
        target=training,
        region=training.body.region,
        changed_fields=["attended"],
        label=_label(training),
    )
    return there
