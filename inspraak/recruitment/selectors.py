"""Reads for vacancies, applications and draws. Each function runs a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from inspraak.members import selectors as member_selectors
from inspraak.recruitment import rules
from inspraak.recruitment.models import Application, ApplicationEvent, Draw, DrawCommitment, Vacancy, VacancySeat
from inspraak.regions.models import Body, Municipality, Region
from inspraak.regions.selectors import region_by_slug

# Applications that still take part: only these can be marked suitable and drawn.
IN_PLAY = (Application.Status.RECEIVED, Application.Status.INTERVIEW)
# Only confirmed applications count (numbers, lists, draws); see Application.confirmed_at.
CONFIRMED = Q(confirmed_at__isnull=False)
# Shown to the secretary: confirmed ones, and online ones without email that wait for a confirming phone call.
# (Unconfirmed ones with email wait for the applicant's click and may carry someone else's address: not shown.)
SHOWN = CONFIRMED | Q(contact_email="")

# ---------------------------------------------------------------- public


def _seats_prefetch() -> Prefetch:
    return Prefetch("seats", queryset=VacancySeat.objects.select_related("municipality").order_by("municipality__name"))


def region_open_vacancies(region_slug: str, *, today: datetime.date) -> dict:
    """A region and its vacancies that accept applications, newest first. 3 queries."""
    region = region_by_slug(region_slug)
    vacancies = list(
        Vacancy.objects.filter(body__region=region, status=Vacancy.Status.OPEN, closes_on__gte=today)
        .select_related("body", "body__municipality")
        .prefetch_related(_seats_prefetch())
        .order_by("closes_on", "pk")
    )
    for vacancy in vacancies:
        vacancy.body.region = region
    return {"region": region, "vacancies": vacancies}


def vacancy_public(region_slug: str, pk: int) -> Vacancy:
    """Any vacancy of the region (open or not: a closed one says it is closed), with body and seats. 2 queries."""
    vacancy = (
        Vacancy.objects.select_related("body", "body__region", "body__municipality")
        .prefetch_related(_seats_prefetch())
        .filter(body__region__slug=region_slug, pk=pk)
        .first()
    )
    if vacancy is None:
        raise Http404
    return vacancy


def draw_commitments(vacancy: Vacancy) -> list[DrawCommitment]:
    """The published seed hashes of the vacancy's draws, per municipality, oldest first, each with the draw that used
    it (if any). Public: the secret seed of an unused one is never read out of here for a page. 1 query."""
    return list(
        DrawCommitment.objects.filter(vacancy=vacancy)
        .select_related("municipality")
        .defer("seed")
        .order_by("municipality__name", "published_at", "pk")
    )


def draw_public(region_slug: str, vacancy_pk: int, pk: int) -> Draw:
    """Draw ``pk`` of vacancy ``vacancy_pk`` in the region, with vacancy, body and municipality, for its public page
    (numbers only: no names, not who ran it). 1 query."""
    draw = (
        Draw.objects.select_related("vacancy", "vacancy__body", "vacancy__body__region", "municipality")
        .filter(vacancy__body__region__slug=region_slug, vacancy_id=vacancy_pk, pk=pk)
        .first()
    )
    if draw is None:
        raise Http404
    return draw


def draw_of_body(region_slug: str, body_slug: str, pk: int) -> Draw:
    """Draw ``pk`` of a vacancy of the body (the old staff address of a draw's page). 1 query."""
    draw = (
        Draw.objects.select_related("vacancy__body__region")
        .filter(vacancy__body__region__slug=region_slug, vacancy__body__slug=body_slug, pk=pk)
        .first()
    )
    if draw is None:
        raise Http404
    return draw


def region_municipalities(region: Region):
    """The municipalities an applicant can choose (a lazy queryset: a form runs it once)."""
    return Municipality.objects.filter(region=region).order_by("name")


# ---------------------------------------------------------------- for the body's supporters


def body_vacancies(body: Body) -> list[Vacancy]:
    """The body's vacancies with their numbers of applications and of chosen applicants. 1 query."""
    rows = list(
        Vacancy.objects.filter(body=body)
        .annotate(
            n_applications=Count("applications", filter=Q(applications__confirmed_at__isnull=False)),
            n_chosen=Count(
                "applications",
                filter=Q(applications__status=Application.Status.CHOSEN, applications__confirmed_at__isnull=False),
            ),
        )
        .order_by("-created_at", "-pk")
    )
    for row in rows:
        row.body = body
    return rows


def vacancy_in(body: Body, pk: int) -> Vacancy:
    """A vacancy of ``body`` (already scoped to the user) with its seats. 2 queries."""
    vacancy = Vacancy.objects.prefetch_related(_seats_prefetch()).filter(body=body, pk=pk).first()
    if vacancy is None:
        raise Http404
    vacancy.body = body
    return vacancy


@dataclass(frozen=True)
class SeatLine:
    municipality: Municipality
    seats: int
    applications: int
    suitable: int
    chosen: int

    @property
    def draw_needed(self) -> bool:
        return self.suitable > max(self.seats - self.chosen, 0)


def vacancy_overview(vacancy: Vacancy, *, with_applicants: bool) -> dict:
    """Per municipality: seats, applications, suitable and chosen; the applications themselves (only for people who
    may see applicants) and the draws. 2 queries (3 with applicants); ``vacancy_in`` loaded the seats."""
    counts: dict[int, dict[str, int]] = {}
    by_status = {value: 0 for value, _label in Application.Status.choices}
    for municipality_id, status, suitable, n in (
        Application.objects.filter(CONFIRMED, vacancy=vacancy)
        .values_list("municipality_id", "status", "suitable")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        row = counts.setdefault(municipality_id, {"applications": 0, "suitable": 0, "chosen": 0})
        row["applications"] += n
        by_status[status] += n
        if suitable and status in IN_PLAY:
            row["suitable"] += n
        if status == Application.Status.CHOSEN:
            row["chosen"] += n
    empty = {"applications": 0, "suitable": 0, "chosen": 0}
    lines = [
        SeatLine(municipality=s.municipality, seats=s.seats, **counts.get(s.municipality_id, empty))
        for s in vacancy.seats.all()
    ]
    data = {
        "seat_lines": lines,
        "status_counts": [(Application.Status(value).label, n) for value, n in by_status.items() if n],
        "total_applications": sum(by_status.values()),
        "draws": list(Draw.objects.filter(vacancy=vacancy).select_related("municipality").order_by("-at", "-pk")),
    }
    if with_applicants:
        applications = list(
            Application.objects.filter(SHOWN, vacancy=vacancy)
            .select_related("municipality")
            .order_by("submitted_at", "pk")
        )
        for application in applications:
            application.vacancy = vacancy
        data["applications"] = applications
    return data


def application_in(body: Body, pk: int) -> Application:
    """An application to a vacancy of ``body`` with its vacancy, municipality and (once a member) account. 1 query."""
    application = (
        Application.objects.select_related("vacancy", "municipality", "user", "membership")
        .filter(vacancy__body=body, pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    application.vacancy.body = body
    return application


def application_history(application: Application) -> list[ApplicationEvent]:
    """Every event of the application, oldest first, with who did it. 1 query."""
    return list(
        ApplicationEvent.objects.filter(application=application).select_related("by", "draw").order_by("at", "pk")
    )


def draw_candidates(vacancy: Vacancy, municipality: Municipality) -> list[int]:
    """Ids of the suitable applications of one municipality that are still in play, sorted. 1 query."""
    return sorted(
        Application.objects.filter(
            CONFIRMED, vacancy=vacancy, municipality=municipality, suitable=True, status__in=IN_PLAY
        ).values_list("pk", flat=True)
    )


def chosen_count(vacancy: Vacancy, municipality: Municipality) -> int:
    """1 query."""
    return Application.objects.filter(
        vacancy=vacancy, municipality=municipality, status=Application.Status.CHOSEN
    ).count()


def seat_prefill(body: Body) -> tuple[list[Municipality], dict[int, int]]:
    """The municipalities a new vacancy has a line for, and the seats to prefill per municipality.

    A body of one municipality: one line, the clients it lacks. A regional body: every municipality of the region,
    the shortfall of the seat allocation (balanced bodies; otherwise 0). 2-3 queries.
    """
    composition = member_selectors.body_composition(body)
    if body.level == Body.Level.MUNICIPALITY:
        municipality = body.municipality
        missing = max(body.min_clients - composition["counts"]["clients"], 0)
        return [municipality], {municipality.pk: missing}
    municipalities = list(Municipality.objects.filter(region_id=body.region_id).order_by("name"))
    gaps = [(gap.key, gap.shortfall) for gap in composition["gaps"]]
    return municipalities, rules.seat_prefill(gaps, [m.pk for m in municipalities])


def application_region_ids(user) -> set[int]:
    """Regions in which the person's applications are held (the privacy pages). 1 query."""
    return set(Application.objects.filter(user=user).values_list("vacancy__body__region_id", flat=True))


def applications_of(user) -> list[Application]:
    """Every application linked to the person's account, with its vacancy, body and history. 2 queries."""
    return list(
        Application.objects.filter(user=user)
        .select_related("vacancy", "vacancy__body", "vacancy__body__region", "municipality")
        .prefetch_related(Prefetch("events", queryset=ApplicationEvent.objects.order_by("at", "pk")))
        .order_by("submitted_at", "pk")
    )
