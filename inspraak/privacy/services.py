"""Export (AVG art. 15) and erasure (art. 17) of a person's data, and the clean-up of old login credentials."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from inspraak.accounts.models import LoginCode, LoginLink, User
from inspraak.audit.services import audit_record
from inspraak.core import privacy_registry as registry
from inspraak.core.errors import ServiceError

if TYPE_CHECKING:
    from inspraak.regions.models import Region

# What person_erase changes on the account itself (the audit row names these fields, never their values).
ERASED_FIELDS = ("name", "email", "password", "is_active", "erased_at")
# Used and expired login links and codes are kept this long (for questions like "did my link work?"), then deleted.
CREDENTIAL_KEEP = timedelta(days=1)


class AlreadyErasedError(ServiceError):
    """The person's data was erased before (code "already_erased")."""


def _label(person: User) -> str:
    return f"persoon #{person.pk}"


@transaction.atomic
def person_export(*, person: User, by: User, region: Region | None = None, download: bool = False) -> dict:
    """Everything Inspraak holds about ``person``, for the person or for the beheerder who handles their request.

    Every export is recorded in the audit log (``person.export``), whether it is shown on screen or downloaded.
    """
    data = {
        "exported_at": timezone.now(),
        "person": _label(person),
        "sections": registry.export_person(person),
    }
    audit_record(
        actor=by,
        action="person.export",
        target=person,
        region=region,
        label=f"{_label(person)}: {'download' if download else 'bekeken'}",
    )
    return data


@transaction.atomic
def person_erase(*, person: User, region: Region, by: User) -> User:
    """Erase ``person``'s personal data everywhere (each registered part, the account last), in one transaction.

    The account stays as "Verwijderde persoon" without email, password, roles or access, so the audit log and the
    membership history (which only hold numbers) stay complete. Raises AlreadyErasedError the second time.
    """
    locked = User.objects.select_for_update().filter(pk=person.pk).values_list("erased_at", flat=True).first()
    if locked is not None or person.erased_at is not None:
        raise AlreadyErasedError("already_erased")
    registry.erase(person, by=by)
    audit_record(
        actor=by,
        action="person.erase",
        target=person,
        region=region,
        changed_fields=ERASED_FIELDS,
        label=_label(person),
    )
    return person


@transaction.atomic
def credentials_prune(*, now=None) -> tuple[int, int]:
    """Delete login links and codes that are used, revoked or expired for more than a day. Returns the counts.

    A link's hash is useless after it was used or expired; only the hour's count (at most 5 links an hour) needs
    recent rows, and those are younger than a day.
    """
    cutoff = (now or timezone.now()) - CREDENTIAL_KEEP
    links, _ = LoginLink.objects.filter(Q(used_at__lt=cutoff) | Q(expires_at__lt=cutoff)).delete()
    codes, _ = LoginCode.objects.filter(Q(revoked_at__lt=cutoff) | Q(expires_at__lt=cutoff)).delete()
    return links, codes
