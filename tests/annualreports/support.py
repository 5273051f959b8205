"""Support data for annual report tests: a scheme, a claim, an approved allowance and a training with a participant."""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from inspraak.claims.models import ClaimKind, ClaimStatus, ExpenseClaim
from inspraak.payments.models import AllowancePayment, person_reference
from inspraak.support.models import AllowanceMode, SupportScheme
from inspraak.training.models import Training, TrainingSignup


def support_for(body, user, *, day: datetime.date) -> None:
    """For ``user`` in ``body`` on ``day``: the year's scheme (once), an approved claim of EUR 7.40, an approved
    allowance of EUR 35 for the month, and a held training the person was at."""
    SupportScheme.objects.get_or_create(
        body=body,
        year=day.year,
        defaults={"allowance_mode": AllowanceMode.PER_MEETING, "amount_per_meeting": Decimal("35.00")},
    )
    ExpenseClaim.objects.create(
        body=body,
        user=user,
        kind=ClaimKind.PUBLIC_TRANSPORT,
        spent_on=day,
        amount=Decimal("7.40"),
        no_receipt_reason="kaartje kwijt",
        status=ClaimStatus.APPROVED,
    )
    AllowancePayment.objects.get_or_create(
        body=body,
        user=user,
        month=day.replace(day=1),
        defaults={
            "reference": person_reference(user.pk),
            "meetings": 1,
            "computed": Decimal("35.00"),
            "amount": Decimal("35.00"),
            "approved_at": datetime.datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo("Europe/Amsterdam")),
        },
    )
    start = datetime.datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Europe/Amsterdam"))
    training = Training.objects.create(
        body=body, title="Beleid lezen", starts_at=start, ends_at=start, place="Stadhuis", seats=10
    )
    TrainingSignup.objects.create(training=training, user=user, attended=True)
