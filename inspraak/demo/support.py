"""Demo data for issue 13's support part (art. 47 b): the client panel's support scheme for 2025 and 2026, the caps
of the volunteer allowance for 2024 and 2025 (2026 deliberately not entered, so the pages warn), and two trainings:
one in the past with attendance recorded, one coming up with two sign-ups (one entered by the secretary for a member
on paper, who gets a letter).

The lead calls it from load_demo after the people and the panel exist::

    from inspraak.demo.support import load_support

    load_support(region=region, panel=panel, beheerder=beheerder, secretary=people["Ingrid Bakker"],
                 members=[people[name] for name in ("Anouk de Vries", "Kees Jansen", "Yasmina Ouali", "Tom Visser")])

Idempotent: a second run adds nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from inspraak.core.channels import Channel
from inspraak.support.models import AllowanceMode, SupportScheme, VolunteerCap
from inspraak.training import services as training_services
from inspraak.training.models import Training, TrainingEvent, TrainingSignup, TrainingStatus

SCHEME = {
    "allowance_mode": AllowanceMode.PER_MEETING,
    "amount_per_meeting": Decimal("35.00"),
    "amount_per_meeting_chair": Decimal("45.00"),
    "travel_public_transport": True,
    "travel_km_rate": Decimal("0.23"),
    "childcare": True,
    "childcare_max": Decimal("40.00"),
    "other_costs": True,
    "training_offered": (
        "Elk jaar een training 'Vergaderen: hoe werkt het?' voor nieuwe leden. "
        "En een cursus 'Beleidsstukken lezen zonder stress'. Meedoen kost u niets."
    ),
}
CAPS = {2024: "Regeling vrijwilligersvergoeding 2024 (Staatscourant)", 2025: "Regeling vrijwilligersvergoeding 2025"}
PAST = "Vergaderen: hoe werkt het?"
UPCOMING = "Beleidsstukken lezen zonder stress"


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def load_support(*, region, panel, beheerder, secretary, members) -> None:
    """The demo's schemes, caps and trainings for ``panel`` (the client panel of Waterland-Oost)."""
    for year in (2025, 2026):
        SupportScheme.objects.get_or_create(body=panel, year=year, defaults={**SCHEME, "updated_by": beheerder})
    for year, source in CAPS.items():
        VolunteerCap.objects.get_or_create(
            region=region,
            year=year,
            defaults={
                "month_max": Decimal("210.00"),
                "year_max": Decimal("2100.00"),
                "source": source,
                "updated_by": beheerder,
            },
        )
    online = [m for m in members if m.email]
    paper = [m for m in members if not m.email]
    today = timezone.localdate()
    past = Training.objects.filter(body=panel, title=PAST).first()
    if past is None:
        day = today - datetime.timedelta(days=20)
        past = Training.objects.create(
            body=panel,
            title=PAST,
            description="Hoe gaat een vergadering? Wat doet de voorzitter? Hoe zegt u wat u vindt?",
            starts_at=_at(day, 13),
            ends_at=_at(day, 16),
            place="Buurthuis De Kreek, Havenstad",
            seats=12,
            cost=Decimal("450.00"),
            created_by=secretary,
        )
        TrainingEvent.objects.create(training=past, by=secretary, to_status=TrainingStatus.PLANNED)
        for n, member in enumerate(members):
            TrainingSignup.objects.create(
                training=past,
                user=member,
                signed_up_by=member if member.email else secretary,
                channel=Channel.ONLINE if member.email else Channel.PHONE,
                attended=n != len(members) - 1,  # the last one could not come
            )
    upcoming = Training.objects.filter(body=panel, title=UPCOMING).first()
    if upcoming is None:
        # About five weeks ahead, on a Tuesday (never a weekend or New Year's Day).
        day = today + datetime.timedelta(days=35)
        day += datetime.timedelta(days=(1 - day.weekday()) % 7)
        upcoming = training_services.training_create(
            body=panel,
            by=secretary,
            title=UPCOMING,
            description="U leert hoe een beleidsstuk in elkaar zit. Waar staat wat? Welke vragen kunt u stellen?",
            starts_at=_at(day, 10),
            ends_at=_at(day, 12),
            place="Gemeentehuis Havenstad, zaal 2",
            seats=10,
            cost=Decimal("300.00"),
        )
        if online:
            training_services.training_signup(training=upcoming, user=online[0], by=online[0])
        if paper:
            training_services.training_signup(training=upcoming, user=paper[0], by=secretary, channel=Channel.PHONE)
