"""Reads of the verordening register. Each function runs a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from inspraak.accounts.roles import roles_of
from inspraak.audit.labels import field_labels
from inspraak.bylaws import rules
from inspraak.bylaws.models import ELEMENTS, Bylaw, BylawEvent
from inspraak.members.models import Status
from inspraak.regions.models import Body, Municipality, Region


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
    facts = region_facts(region)
    keys = list(region.municipalities.values_list("pk", flat=True))
    if None in facts.texts:
        keys.append(None)
    return {key: facts.check(key, on=on) for key in keys}


_EVERY = object()

_FACT_FIELDS = (
    "id",
    "municipality_id",
    "title",
    "adopted_by",
    "in_force_from",
    "in_force_until",
    "legal_basis",
    "target_group",
    *(f"element_{letter}" for letter in ELEMENTS),
    "other_bodies",
    "min_meetings_per_year",
    "advice_period_weeks",
    "response_period_weeks",
    "evaluation_on",
)


@dataclass
class RegionFacts:
    """What the checks of a region read, loaded once: every body of the region (by name, each with
    ``active_members``) and the facts of the texts by municipality pk (None: the GR's own texts). The checks of any
    number of dates and municipalities then cost no query."""

    bodies: list[Body]
    body_facts: dict[int, rules.BodyFacts]
    texts: dict[int | None, list[rules.BylawFacts]]

    def check(self, municipality_pk: int | None, *, on: datetime.date) -> rules.BylawCheck:
        return rules.check(self.texts.get(municipality_pk, []), self.body_facts, on=on)


def region_facts(region: Region, *, municipality_pk=_EVERY) -> RegionFacts:
    """Every body of ``region`` and the facts of its texts (only those of one municipality when
    ``municipality_pk`` is given; None: the GR's own). 3 queries, whatever the number of texts."""
    bodies = list(
        Body.objects.filter(region=region)
        .annotate(active_members=Count("memberships", filter=Q(memberships__status=Status.ACTIVE)))
        .order_by("name", "pk")
    )
    order = {}
    facts = {}
    for position, body in enumerate(bodies):
        body.region = region
        order[body.pk] = position
        facts[body.pk] = rules.BodyFacts(
            key=body.pk,
            name=body.name,
            active_members=body.active_members,
            min_meetings_per_year=body.min_meetings_per_year,
            advice_period_weeks=body.advice_period_weeks,
            response_period_weeks=body.response_period_weeks,
        )
    texts = Bylaw.objects.filter(region=region)
    designated = Bylaw.designated_bodies.through.objects.filter(bylaw__region=region)
    if municipality_pk is not _EVERY:
        texts = texts.filter(municipality_id=municipality_pk)
        designated = designated.filter(bylaw__municipality_id=municipality_pk)
    keys: dict[int, list[int]] = {}
    for bylaw_id, body_id in designated.values_list("bylaw_id", "body_id"):
        keys.setdefault(bylaw_id, []).append(body_id)
    by_municipality: dict[int | None, list[rules.BylawFacts]] = {}
    for row in texts.order_by().values(*_FACT_FIELDS):
        designated_keys = sorted(keys.get(row["id"], []), key=lambda pk: order.get(pk, len(order)))
        by_municipality.setdefault(row["municipality_id"], []).append(
            rules.BylawFacts(
                key=row["id"],
                title=row["title"],
                adopted_by=row["adopted_by"],
                in_force_from=row["in_force_from"],
                in_force_until=row["in_force_until"],
                legal_basis=row["legal_basis"],
                target_group=row["target_group"],
                elements={letter: row[f"element_{letter}"] for letter in ELEMENTS},
                designated_body_keys=tuple(designated_keys),
                other_bodies=tuple(line.strip() for line in row["other_bodies"].splitlines() if line.strip()),
                min_meetings_per_year=row["min_meetings_per_year"],
                advice_period_weeks=row["advice_period_weeks"],
                response_period_weeks=row["response_period_weeks"],
                evaluation_on=row["evaluation_on"],
            )
        )
    return RegionFacts(bodies=bodies, body_facts=facts, texts=by_municipality)


# ---------------------------------------------------------------- scope and single texts


@dataclass(frozen=True)
class Scope:
    """What a person may do in the verordening register of ``region`` (see bylaws.permissions)."""

    region: Region
    admin: bool
    gr_officer: bool
    municipality_ids: frozenset[int]  # the municipalities of this region the person is a policy officer of


def scope_for(user, region: Region) -> Scope:
    """The person's scope in ``region``. 0 queries, or 1 for a policy officer of a municipality."""
    roles = roles_of(user)
    municipality_ids: frozenset[int] = frozenset()
    if roles.officer_municipality_ids:
        municipality_ids = frozenset(
            Municipality.objects.filter(region=region, pk__in=roles.officer_municipality_ids).values_list(
                "pk", flat=True
            )
        )
    return Scope(
        region=region,
        admin=region.pk in roles.admin_region_ids,
        gr_officer=region.pk in roles.officer_region_ids,
        municipality_ids=municipality_ids,
    )


def bylaw_in(region: Region, pk: int) -> Bylaw:
    """A verordening of ``region`` with its municipality and designated bodies; 404 when there is none. 2 queries."""
    bylaw = (
        Bylaw.objects.filter(region=region, pk=pk)
        .select_related("municipality")
        .prefetch_related(Prefetch("designated_bodies", queryset=Body.objects.order_by("name")))
        .first()
    )
    if bylaw is None:
        raise Http404
    bylaw.region = region
    if bylaw.municipality is not None:
        bylaw.municipality.region = region
    for body in bylaw.designated_bodies.all():
        body.region = region
    return bylaw


def bylaw_events(bylaw: Bylaw) -> list[BylawEvent]:
    """The history of a verordening, oldest first, with who did it and the changed fields in plain Dutch. 1 query."""
    events = list(bylaw.events.select_related("by").order_by("at", "pk"))
    for event in events:
        event.field_labels = field_labels("bylaw", list(event.changed_fields or []))
    return events


def bylaw_check(bylaw: Bylaw, *, on: datetime.date) -> rules.BylawCheck:
    """Checks 2–7 of this one text (rules.check_text), whether or not it is in force on ``on``. 1 query (the
    bodies' facts); ``designated_bodies`` must be prefetched (bylaw_in does)."""
    return rules.check_text(bylaw_facts(bylaw), body_facts(bylaw.region), on=on)


def posted_municipality(region: Region, value: str):
    """The municipality a posted form names (``value``: a pk), None for the GR itself (empty), or UNKNOWN when it is
    not a municipality of ``region`` (the form then says so). 0 or 1 query."""
    value = (value or "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit() and len(value) < 10):
        return UNKNOWN
    municipality = Municipality.objects.filter(region=region, pk=int(value)).first()
    return UNKNOWN if municipality is None else municipality


UNKNOWN = object()


def municipality_choices(region: Region, scope: Scope):
    """The municipalities a person may record a text for (a queryset: the form validates against it)."""
    municipalities = Municipality.objects.filter(region=region).order_by("name")
    if scope.admin:
        return municipalities
    return municipalities.filter(pk__in=scope.municipality_ids)


def municipality_by_slug(region: Region, slug: str) -> Municipality | None:
    """A municipality of ``region`` by its slug (``?gemeente=`` preselects one), or None. 0 or 1 query."""
    if not slug:
        return None
    return Municipality.objects.filter(region=region, slug=slug).first()


def body_choices(region: Region):
    """The bodies of ``region`` a text may designate, by name."""
    return Body.objects.filter(region=region).order_by("name")


def import_lookups(region: Region) -> tuple[list[Municipality], list[Body]]:
    """The municipalities and bodies of ``region`` a CSV file may name. 2 queries."""
    return (
        list(Municipality.objects.filter(region=region).order_by("name")),
        list(Body.objects.filter(region=region).order_by("name")),
    )


# ---------------------------------------------------------------- the register: staff and public


@dataclass
class RegisterRow:
    """One municipality (None: the GR itself) with the text in force on the date, its check and all its texts."""

    municipality: Municipality | None
    label: str
    current: Bylaw | None
    check: rules.BylawCheck
    texts: list[Bylaw]


def _rows(region: Region, *, on: datetime.date) -> list[RegisterRow]:
    """Every municipality of the region (and a row for the GR when it has texts of its own). 4 queries."""
    bylaws = region_bylaws(region)
    bodies = body_facts(region)
    municipalities = list(Municipality.objects.filter(region=region).order_by("name"))
    texts: dict[int | None, list[Bylaw]] = {}
    for bylaw in bylaws:
        bylaw.region = region
        texts.setdefault(bylaw.municipality_id, []).append(bylaw)
    rows = []
    keys: list[tuple[Municipality | None, str]] = [(m, m.name) for m in municipalities]
    if None in texts:
        keys.append((None, str(_("De regio zelf (GR)"))))
    for municipality, label in keys:
        if municipality is not None:
            municipality.region = region
        own = texts.get(municipality.pk if municipality is not None else None, [])
        own.sort(key=lambda b: (b.in_force_from, b.pk), reverse=True)
        check = rules.check([bylaw_facts(b) for b in own], bodies, on=on)
        by_pk = {b.pk: b for b in own}
        rows.append(RegisterRow(municipality, label, by_pk.get(check.bylaw_key), check, own))
    return rows


def register(region: Region, *, on: datetime.date) -> list[RegisterRow]:
    """The staff register: per municipality (and the GR) the text in force on ``on``, its check and every text over
    time. 4 queries, whatever the number of municipalities and texts."""
    return _rows(region, on=on)


def public_bylaws(region: Region, *, on: datetime.date | None = None) -> list[RegisterRow]:
    """The public overview: per municipality (and the GR) the text in force on ``on`` (default: today) and its check.
    Every text is public (a verordening is a public decision). 4 queries."""
    return _rows(region, on=on or timezone.localdate())
