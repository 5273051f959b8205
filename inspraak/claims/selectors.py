"""Reads for expense claims, scoped to what the person may see, with a fixed number of queries."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from inspraak.accounts.models import Role, User
from inspraak.claims.models import ClaimStatus, ExpenseClaim
from inspraak.claims.rules import terms_of
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.regions.models import Body
from inspraak.support.models import SupportScheme
from inspraak.training.models import Training, TrainingStatus

if TYPE_CHECKING:
    from inspraak.claims.rules import SchemeTerms
    from inspraak.regions.models import Region

# Meetings and trainings a claim can belong to: from this many days back (and today).
OCCASION_DAYS_BACK = 183
# ... and this many days ahead (a ticket bought before the meeting).
OCCASION_DAYS_AHEAD = 31
_RELATED = ("body__region", "user", "meeting", "training")


def approved_unpaid(*, body_ids: Iterable[int]) -> QuerySet[ExpenseClaim]:
    """Approved claims of these groups that were not paid yet (the payment batch takes them), oldest first."""
    return (
        ExpenseClaim.objects.filter(body_id__in=list(body_ids), status=ClaimStatus.APPROVED)
        .select_related("user", "body", "body__region")
        .order_by("spent_on", "pk")
    )


def own_claims(*, user, body: Body) -> list[ExpenseClaim]:
    """The person's own claims in the group, newest first. 1 query."""
    return list(
        ExpenseClaim.objects.filter(user=user, body=body)
        .select_related("meeting", "training")
        .order_by("-spent_on", "-pk")
    )


def claim_in(body: Body, pk: int) -> ExpenseClaim:
    """A claim of the group (404 otherwise), with what its page shows. 1 query."""
    claim = ExpenseClaim.objects.filter(body=body, pk=pk).select_related(*_RELATED, "decided_by", "entered_by").first()
    if claim is None:
        raise Http404
    return claim


def claim_history(claim: ExpenseClaim) -> list:
    """The claim's events, oldest first, with who took each step. 1 query."""
    return list(claim.events.select_related("by").order_by("at", "pk"))


def claims_to_decide(*, body_ids: Iterable[int], status: str = "") -> list[ExpenseClaim]:
    """The claims of these groups for the people who decide (``status``: only that one; "" all), the ones waiting
    first, then newest first. 1 query."""
    rows = ExpenseClaim.objects.filter(body_id__in=list(body_ids)).select_related(*_RELATED)
    if status:
        rows = rows.filter(status=status)
    return list(rows.order_by("-spent_on", "-pk"))


def status_counts(*, body_ids: Iterable[int]) -> dict[str, int]:
    """{status: number of claims} of these groups. 1 query."""
    from django.db.models import Count

    counts = dict(
        ExpenseClaim.objects.filter(body_id__in=list(body_ids))
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in ClaimStatus.values}


def region_bodies(region: Region) -> list[Body]:
    """The groups of the region (the finance role decides on claims of all of them). 1 query."""
    return list(Body.objects.filter(region=region).select_related("region").order_by("name", "pk"))


def terms_by_year(body: Body, years: Iterable[int]) -> dict[int, SchemeTerms | None]:
    """{year: the group's claim terms that year, None without a scheme}. 1 query."""
    years = list(years)
    found = {scheme.year: scheme for scheme in SupportScheme.objects.filter(body=body, year__in=years)}
    return {year: terms_of(found.get(year)) for year in years}


def occasion_meetings(body: Body, *, today: datetime.date, user=None) -> list[Meeting]:
    """Meetings of the group a claim can belong to: not cancelled, from half a year back to a month ahead; for a
    member only those they were invited to or attended. 1 query."""
    rows = Meeting.objects.filter(
        body=body,
        starts_at__date__gte=today - datetime.timedelta(days=OCCASION_DAYS_BACK),
        starts_at__date__lte=today + datetime.timedelta(days=OCCASION_DAYS_AHEAD),
    ).exclude(status=MeetingStatus.CANCELLED)
    if user is not None:
        # By relation name (agenda.Invitation, records.Attendance): claims may not import those apps (ADR 15).
        rows = rows.filter(Q(invitations__user=user) | Q(attendance__user=user))
    return list(rows.distinct().order_by("-starts_at", "-pk"))


def occasion_trainings(body: Body, *, today: datetime.date, user=None) -> list[Training]:
    """Trainings of the group a claim can belong to (same period; for a member only those they signed up for).
    1 query."""
    rows = Training.objects.filter(
        body=body,
        status=TrainingStatus.PLANNED,
        starts_at__date__gte=today - datetime.timedelta(days=OCCASION_DAYS_BACK),
        starts_at__date__lte=today + datetime.timedelta(days=OCCASION_DAYS_AHEAD),
    )
    if user is not None:
        rows = rows.filter(signups__user=user)
    return list(rows.distinct().order_by("-starts_at", "-pk"))


def body_members(body: Body) -> QuerySet[User]:
    """Active people with a member role in the group, for the secretary's paper claim (a lazy queryset for a form's
    choices, 1 query when read)."""
    return (
        User.objects.filter(role_assignments__body=body, role_assignments__role=Role.MEMBER, is_active=True)
        .distinct()
        .order_by("name", "id")
    )
