"""Reads of the verordening register. Each function runs a fixed number of queries."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q

from inspraak.bylaws import rules
from inspraak.bylaws.models import ELEMENTS, Bylaw
from inspraak.members.models import Status
from inspraak.regions.models import Body, Region


def bylaw_facts(bylaw: Bylaw) -> rules.BylawFacts:
    """The facts the checks read. ``designated_bodies`` must be prefetched (or it costs one query)."""
    return rules.BylawFacts(
        key=bylaw.pk,
        title=bylaw.title,
        adopted_by=bylaw.adopted_by,
        in_force_from=bylaw.in_force_from,
        in_force_until=bylaw.in_force_until,
        legal_basis=bylaw.legal_basis,
        target_group=bylaw.target_group,
        elements={letter: getattr(bylaw, f"element_{letter}") for letter in ELEMENTS},
        designated_body_keys=tuple(body.pk for body in bylaw.designated_bodies.all()),
        other_bodies=tuple(line.strip() for line in bylaw.other_bodies.splitlines() if line.strip()),
        min_meetings_per_year=bylaw.min_meetings_per_year,
        advice_period_weeks=bylaw.advice_period_weeks,
        response_period_weeks=bylaw.response_period_weeks,
        evaluation_on=bylaw.evaluation_on,
    )


def body_facts(region: Region) -> dict[int, rules.BodyFacts]:
    """The facts of every body of the region, with its number of active members. 1 query."""
    bodies = Body.objects.filter(region=region).annotate(
        active_members=Count("memberships", filter=Q(memberships__status=Status.ACTIVE))
    )
    return {
        body.pk: rules.BodyFacts(
            key=body.pk,
            name=body.name,
            active_members=body.active_members,
            min_meetings_per_year=body.min_meetings_per_year,
            advice_period_weeks=body.advice_period_weeks,
            response_period_weeks=body.response_period_weeks,
        )
        for body in bodies
    }


def region_bylaws(region: Region) -> list[Bylaw]:
    """Every verordening of the region with its municipality and designated bodies. 2 queries."""
    return list(
        Bylaw.objects.filter(region=region)
        .select_related("municipality")
        .prefetch_related("designated_bodies")
        .order_by("municipality__name", "-in_force_from", "-pk")
    )


def checks_for_region(region: Region, *, on: datetime.date) -> dict[int | None, rules.BylawCheck]:
    """The check of every municipality of the region on the date ``on``, by municipality pk; key None holds the
    check of the GR's own texts (only when there are any). A municipality without any text gets the
    "geen verordening" check. 4 queries, whatever the number of municipalities and texts."""
    bylaws = region_bylaws(region)
    bodies = body_facts(region)
    by_municipality: dict[int | None, list[rules.BylawFacts]] = {}
    for bylaw in bylaws:
        by_municipality.setdefault(bylaw.municipality_id, []).append(bylaw_facts(bylaw))
    checks = {
        municipality_pk: rules.check([], bodies, on=on)
        for municipality_pk in region.municipalities.values_list("pk", flat=True)
    }
    for municipality_pk, facts in by_municipality.items():
        checks[municipality_pk] = rules.check(facts, bodies, on=on)
    return checks
