"""Every permission decision about trainings."""

from __future__ import annotations

from django.utils import timezone

from inspraak.accounts.models import Role
from inspraak.accounts.roles import roles_of
from inspraak.training.models import TrainingStatus


def can_see_trainings(user, body) -> bool:
    """The group's trainings: everyone with a role in the group, and the beheerder."""
    roles = roles_of(user)
    return body.region_id in roles.admin_region_ids or bool(roles.roles_in_body(body.pk))


def can_manage_trainings(user, body) -> bool:
    """Plan, change and cancel trainings, sign up members on paper, record who was there: the group's secretary
    and the beheerder."""
    roles = roles_of(user)
    return body.region_id in roles.admin_region_ids or Role.SECRETARY in roles.roles_in_body(body.pk)


def can_sign_up(user, body) -> bool:
    """Sign oneself up (and off): the group's members."""
    return Role.MEMBER in roles_of(user).roles_in_body(body.pk)


def is_open(training, now=None) -> bool:
    """Planned and not started yet: sign-up, sign-off and changes are still possible."""
    now = now or timezone.now()
    return training.status == TrainingStatus.PLANNED and training.starts_at > now


def can_edit_training(user, training) -> bool:
    return can_manage_trainings(user, training.body) and is_open(training)


def can_record_attendance(user, training, now=None) -> bool:
    """After the training has started, for a training that was not cancelled."""
    now = now or timezone.now()
    return (
        can_manage_trainings(user, training.body)
        and training.status == TrainingStatus.PLANNED
        and training.starts_at <= now
    )
