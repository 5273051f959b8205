"""Trainings for the matrix and page tests, on top of tests/world.py, built on first use and kept on the world.

For the client panel (``world.body``): ``upcoming`` in ten days with nobody signed up, ``booked`` in twenty days
with the member signed up, and ``past`` a week ago with Geheime Cliënt signed up (attendance not recorded yet).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from inspraak.training.models import Training, TrainingSignup


@dataclass
class TrainingData:
    upcoming: Training
    booked: Training
    past: Training
    past_signup: TrainingSignup


def _at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def make_training(world, *, title: str, days: int, seats: int = 10, body=None, cost: str = "250") -> Training:
    return Training.objects.create(
        body=body or world.body,
        title=title,
        description="U leert hoe een vergadering gaat.",
        starts_at=_at(days, 14),
        ends_at=_at(days, 16),
        place="Buurthuis De Schakel",
        seats=seats,
        cost=Decimal(cost),
    )


def training_data(world) -> TrainingData:
    cached = getattr(world, "_training_data", None)
    if cached is not None:
        return cached
    upcoming = make_training(world, title="Vergaderen voor beginners", days=10)
    booked = make_training(world, title="Beleidsstukken lezen", days=20)
    TrainingSignup.objects.create(training=booked, user=world.users["member"], signed_up_by=world.users["member"])
    past = make_training(world, title="Spreken in het openbaar", days=-7)
    past_signup = TrainingSignup.objects.create(training=past, user=world.client, signed_up_by=world.client)
    world._training_data = TrainingData(upcoming=upcoming, booked=booked, past=past, past_signup=past_signup)
    return world._training_data
