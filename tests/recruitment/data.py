"""Recruitment data on top of tests/world.py, built on first use and kept on the world object.

Region A's client panel gets an open vacancy (1 seat in Zeedorp, 1 in Duinstad) with:
- ``received``: an online application with email (Anna Aanmelder, Zeedorp), status ontvangen;
- ``decided``: a paper application without email (Piet Papier, Zeedorp), status gekozen (for the outcome letter);
- ``chosen``: an online application without email (Chris Kandidaat, Duinstad), status gekozen (to make a member);
- three suitable online applications from Duinstad, and ``draw``: one draw among them for 1 seat, made after the
  closing date (the vacancy was then extended, so it is open again and the screens cannot draw now);
- ``unconfirmed``: an online application without email that waits for the secretary's phone call, and
  ``unconfirmed_email``: one with email whose confirmation link carries CONFIRM_TOKEN.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils import timezone

from inspraak.accounts.tokens import keyed_hash
from inspraak.recruitment import services
from inspraak.recruitment.models import Application, Draw, Situation, Vacancy

APPLICANT_NAME = "Anna Aanmelder"
APPLICANT_EMAIL = "anna.aanmelder@example.org"
CONFIRM_TOKEN = "bevestig-token-voor-de-tests"


@dataclass
class RecruitmentData:
    vacancy: Vacancy
    received: Application
    decided: Application
    chosen: Application
    draw: Draw
    unconfirmed: Application
    unconfirmed_email: Application


def apply(vacancy, municipality, *, name="Aanmelder", by=None, confirm=True, **extra) -> Application:
    """An application; an online one is confirmed (as if the applicant clicked the link) unless ``confirm=False``."""
    values = {
        "name": name,
        "municipality": municipality,
        "situation": Situation.NOW,
        "motivation": "Ik weet hoe het is om bijstand te krijgen.",
        "consent_processing": True,
        "contact_phone": "0612345678",
    }
    values.update(extra)
    if by is not None:
        values.setdefault("channel", Application.Channel.PAPER)
    application = services.application_submit(vacancy=vacancy, by=by, **values)
    if confirm and application.confirmed_at is None:
        services.application_confirm_by_phone(application=application, by=vacancy.created_by)
    return application


@contextmanager
def after_closing(vacancy: Vacancy) -> Iterator[Vacancy]:
    """The vacancy's closing date lies in the past (a draw is possible), and afterwards it is back as it was."""
    original = vacancy.closes_on
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Vacancy.objects.filter(pk=vacancy.pk).update(closes_on=yesterday)
    vacancy.closes_on = yesterday
    try:
        yield vacancy
    finally:
        Vacancy.objects.filter(pk=vacancy.pk).update(closes_on=original)
        vacancy.closes_on = original


def close(vacancy: Vacancy) -> Vacancy:
    """Move the closing date to yesterday: applying online is over, a draw is possible."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Vacancy.objects.filter(pk=vacancy.pk).update(closes_on=yesterday)
    vacancy.closes_on = yesterday
    return vacancy


def new_vacancy(world, *, body=None, seats=None, by=None, **extra) -> Vacancy:
    body = body or world.body
    values = {
        "title": "Wij zoeken nieuwe leden",
        "about_body": "Cliënten praten mee over de uitvoering.",
        "what_we_ask": "Vier keer per jaar een avond.",
        "meetings_per_year": 4,
        "what_you_get": "Een onkostenvergoeding.",
        "closes_on": timezone.localdate() + datetime.timedelta(days=30),
    }
    values.update(extra)
    if seats is None:
        seats = {world.municipality: 1, world.municipality_2: 1}
    return services.vacancy_create(body=body, by=by or world.user("secretary"), seats=seats, **values)


def recruitment(world) -> RecruitmentData:
    existing = getattr(world, "_recruitment", None)
    if existing is not None:
        return existing
    secretary = world.user("secretary")
    vacancy = new_vacancy(world)
    received = apply(vacancy, world.municipality, name=APPLICANT_NAME, contact_email=APPLICANT_EMAIL)
    decided = apply(
        vacancy,
        world.municipality,
        name="Piet Papier",
        contact_phone="",
        contact_address="Dijk 1, Zeedorp",
        by=secretary,
    )
    services.application_set_status(application=decided, status=Application.Status.CHOSEN, by=secretary)
    chosen = apply(vacancy, world.municipality_2, name="Chris Kandidaat", contact_address="Duin 2, Duinstad")
    services.application_set_status(application=chosen, status=Application.Status.CHOSEN, by=secretary)
    for n in range(3):
        suitable = apply(vacancy, world.municipality_2, name=f"Geschikt {n}")
        services.application_set_suitable(application=suitable, suitable=True, by=secretary)
    with after_closing(vacancy):
        draw = services.draw_run(vacancy=vacancy, municipality=world.municipality_2, seats=1, by=secretary)
    unconfirmed = apply(vacancy, world.municipality, name="Onbevestigd Telefoon", confirm=False)
    unconfirmed_email = apply(
        vacancy, world.municipality, name="Onbevestigd Mail", contact_email="onbevestigd@example.org", confirm=False
    )
    Application.objects.filter(pk=unconfirmed_email.pk).update(confirm_token_hash=keyed_hash(CONFIRM_TOKEN))
    data = RecruitmentData(vacancy, received, decided, chosen, draw, unconfirmed, unconfirmed_email)
    world._recruitment = data
    return data
