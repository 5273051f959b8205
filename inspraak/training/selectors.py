"""Reads for trainings. Each function runs a fixed number of queries whatever the number of trainings or sign-ups."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from inspraak.accounts.models import Role, User
from inspraak.training.models import Training, TrainingEvent, TrainingSignup, TrainingStatus


@dataclass
class TrainingList:
    upcoming: list[Training] = field(default_factory=list)  # planned, not started yet
    past: list[Training] = field(default_factory=list)  # planned and started (newest first)
    cancelled: list[Training] = field(default_factory=list)
    mine: set[int] = field(default_factory=set)  # trainings the person is signed up for


def _with_counts(rows):
    return rows.annotate(
        n_signups=Count("signups", distinct=True),
        n_attended=Count("signups", filter=Q(signups__attended=True), distinct=True),
    )


def training_list(body, user, *, now: datetime.datetime | None = None, everything: bool = False) -> TrainingList:
    """The group's trainings with their sign-up counts and the ones ``user`` signed up for. Members see only the
    upcoming ones (``everything``: also past and cancelled ones, for the secretary). 2 queries."""
    now = now or timezone.now()
    rows = Training.objects.filter(body=body)
    if not everything:
        rows = rows.filter(status=TrainingStatus.PLANNED, starts_at__gt=now)
    trainings = list(_with_counts(rows).order_by("starts_at", "pk"))
    mine = set(
        TrainingSignup.objects.filter(training__body=body, user=user, training__starts_at__gt=now).values_list(
            "training_id", flat=True
        )
    )
    result = TrainingList(mine=mine)
    for training in trainings:
        training.body = body
        training.seats_left = max(training.seats - training.n_signups, 0)
        if training.status == TrainingStatus.CANCELLED:
            result.cancelled.append(training)
        elif training.starts_at > now:
            result.upcoming.append(training)
        else:
            result.past.append(training)
    result.past.reverse()
    result.cancelled.reverse()
    return result


def training_in(body, pk: int) -> Training:
    """A training of ``body`` with its sign-up count, or 404. 1 query."""
    training = _with_counts(Training.objects.filter(body=body, pk=pk)).first()
    if training is None:
        raise Http404
    training.body = body
    training.seats_left = max(training.seats - training.n_signups, 0)
    return training


def signups_of(training: Training) -> list[TrainingSignup]:
    """Everyone signed up, in the order they signed up, with who entered it. 1 query."""
    signups = list(
        TrainingSignup.objects.filter(training=training)
        .select_related("user", "signed_up_by")
        .order_by("signed_up_at", "pk")
    )
    for signup in signups:
        signup.training = training
    return signups


def own_signup(training: Training, user) -> TrainingSignup | None:
    """The person's sign-up for the training, if any. 1 query."""
    if not getattr(user, "is_authenticated", False):
        return None
    return TrainingSignup.objects.filter(training=training, user=user).first()


def training_history(training: Training) -> list[TrainingEvent]:
    return list(TrainingEvent.objects.filter(training=training).select_related("by").order_by("at", "pk"))


def body_members(body) -> QuerySet[User]:
    """Active people with a member role in the group (a lazy queryset for a form's choices, 1 query when read)."""
    return (
        User.objects.filter(role_assignments__body=body, role_assignments__role=Role.MEMBER, is_active=True)
        .distinct()
        .order_by("name", "id")
    )


def training_costs(body_ids, year: int) -> list[Training]:
    """The planned (not cancelled) trainings of the groups in ``year``, for the budget: committed until the date,
    then spent. 1 query."""
    return list(
        Training.objects.filter(body_id__in=body_ids, status=TrainingStatus.PLANNED, starts_at__year=year).order_by(
            "starts_at", "pk"
        )
    )
