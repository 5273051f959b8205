"""The training part of a person's data (AVG art. 15 and 17), registered from TrainingConfig.ready().

Export: every training the person signed up for (title, group, date, how the sign-up reached the group, whether they
were there). Erasure: every sign-up is deleted (the training's count of sign-ups and attendance drops by one; the
training itself, planned by staff, stays). Who planned a training or signed someone up is a staff link kept on
purpose (``Training``, ``TrainingEvent``: covered).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from inspraak.core import privacy_registry as registry

if TYPE_CHECKING:
    from inspraak.accounts.models import User

LABELS = {
    "training": _("training"),
    "body": _("groep"),
    "starts_at": _("datum"),
    "channel": _("hoe doorgegeven"),
    "signed_up_at": _("aangemeld op"),
    "attended": _("was er"),
}


def export_signups(user: User) -> list[dict]:
    """The person's sign-ups, oldest first. 1 query."""
    from inspraak.training.models import TrainingSignup

    rows = TrainingSignup.objects.filter(user=user).select_related("training__body").order_by("signed_up_at", "pk")
    return [
        {
            "training": signup.training.title,
            "body": signup.training.body.name,
            "starts_at": signup.training.starts_at,
            "channel": signup.get_channel_display(),
            "signed_up_at": signup.signed_up_at,
            "attended": signup.attended,
        }
        for signup in rows
    ]


def erase_signups(user: User) -> None:
    """Delete every sign-up of the person; one audit row with the count when there were any."""
    from inspraak.audit.services import audit_record
    from inspraak.training.models import TrainingSignup

    deleted, _rows = TrainingSignup.objects.filter(user=user).delete()
    if deleted:
        audit_record(
            actor=registry.acting_user(),
            action="person.erase_part",
            target=user,
            changed_fields=["training_signups"],
            label=f"persoon #{user.pk}: trainingen (aanmeldingen {deleted})",
        )


def signup_region_ids(user: User) -> set[int]:
    from inspraak.training.models import TrainingSignup

    return set(TrainingSignup.objects.filter(user=user).values_list("training__body__region_id", flat=True).distinct())


def register_part() -> None:
    registry.register(
        "training",
        title=_("Trainingen"),
        exporter=export_signups,
        eraser=erase_signups,
        regions=signup_region_ids,
        labels=LABELS,
        order=40,
        models=("training.TrainingSignup",),
    )
    registry.cover("training.Training", reason="who planned the training (staff), nothing else about the person")
    registry.cover(
        "training.TrainingEvent", reason="who changed or cancelled a training (staff), nothing else about the person"
    )
