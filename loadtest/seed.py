"""Load data for ``make loadtest``, made through the real services (the same rows, history and audit as the app
writes): one region with ``bodies`` bodies, ``members`` members without email spread over them, each with a printed
login code (``login_code_issue``), ``email_members`` members with an address (they get emailed invitations and
can ask for a login link), and per body one coming meeting with a published agenda, so every member is invited and
can reply. Topics are open for submission in every body.

Returns the plan the load users work from (codes in plain text: it lives in a throwaway folder and database only).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts import services as accounts
from inspraak.agenda import services as agenda
from inspraak.agenda.models import ItemSource
from inspraak.meetings import services as meetings
from inspraak.members import services as members_services
from inspraak.members.models import BodyRole, Category
from inspraak.regions import services as regions
from inspraak.regions.models import Body

REGION = "Regio Lasttest"
PLACES = ("Noordhaven", "Zuiderveld", "Oostermeer", "Westerbrug", "Middelburen", "Kaapdorp")


def _bodies(region, count: int) -> list[Body]:
    """A regional client panel and municipal councils, one municipality each (cycling over PLACES)."""
    result = [regions.body_create(region=region, name="Cliëntenpanel Lasttest", kind=Body.Kind.CLIENT_PANEL, by=None)]
    for k in range(count - 1):
        place = f"{PLACES[k % len(PLACES)]}{'' if k < len(PLACES) else f' {k}'}"
        municipality = regions.municipality_create(region=region, name=place, cbs_code=f"GM9{k:03d}", by=None)
        result.append(
            regions.body_create(
                region=region,
                name=f"Adviesraad {place}",
                kind=Body.Kind.SOCIAL_DOMAIN_COUNCIL,
                level=Body.Level.MUNICIPALITY,
                municipality=municipality,
                by=None,
            )
        )
    return result


def _member(body: Body, k: int, *, email: str | None, start: datetime.date):
    person = accounts.person_create(name=f"Lid {k:04d} Lasttest", email=email, region=body.region, by=None)
    members_services.membership_create(
        body=body,
        user=person,
        body_role=BodyRole.MEMBER,
        category=Category.CLIENT,
        municipality=body.municipality,
        term_start=start,
        by=None,
        **({"contact_email": email} if email else {"contact_phone": "0600000000"}),
    )
    return person


def _meeting(body: Body, *, starts_at: datetime.datetime):
    meeting = meetings.meeting_schedule(
        body=body,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        title="Bijeenkomst lasttest",
        place_name="Werkplein",
        by=None,
    )
    agenda.item_add(meeting=meeting, title="Welkom en mededelingen", source=ItemSource.SECRETARY, by=None)
    agenda.agenda_publish(meeting=meeting, by=None)
    return meeting


def seed(*, members: int = 200, bodies: int = 4, email_members: int = 40) -> dict:
    """Create the load data (in one transaction; invitation emails are queued when it commits). See module doc."""
    with transaction.atomic():
        region = regions.region_create(name=REGION, description="Verzonnen regio voor de lasttest.", by=None)
        body_rows = _bodies(region, max(1, bodies))
        start = timezone.localdate() - datetime.timedelta(days=30)
        people = []  # (body, person, code or None)
        for k in range(members + email_members):
            body = body_rows[k % len(body_rows)]
            email = f"lid{k:04d}@lasttest.example" if k >= members else None
            person = _member(body, k, email=email, start=start)
            code = None if email else accounts.login_code_issue(person=person, region=region, by=None).code
            people.append((body, person, code))
        starts_at = (timezone.now() + datetime.timedelta(days=30)).replace(hour=14, minute=0, second=0, microsecond=0)
        meeting_of = {body.pk: _meeting(body, starts_at=starts_at) for body in body_rows}
    return {
        "region": region.slug,
        "public_paths": _public_paths(region, body_rows, meeting_of),
        "bodies": [{"slug": b.slug, "meeting": meeting_of[b.pk].pk} for b in body_rows],
        "members": [
            {"user": p.pk, "code": code, "body": b.slug, "meeting": meeting_of[b.pk].pk}
            for b, p, code in people
            if code
        ],
        "emails": [p.email for _b, p, code in people if not code],
    }


def _public_paths(region, body_rows: list[Body], meeting_of: dict) -> list[str]:
    """Pages anyone can read: home, statements, the region, each body, its calendar, agenda and calendar file."""
    paths = [reverse("dashboards:home"), reverse("dashboards:privacy"), reverse("dashboards:accessibility")]
    paths.append(reverse("regions:region", args=[region.slug]))
    for body in body_rows:
        meeting = meeting_of[body.pk]
        args = [region.slug, body.slug]
        paths += [
            reverse("dashboards:body", args=args),
            reverse("publicmeetings:calendar", args=args),
            reverse("publicmeetings:agenda", args=[*args, meeting.pk]),
            reverse("publicmeetings:ics", args=[*args, meeting.pk]),
        ]
    return paths
