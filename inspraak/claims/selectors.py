"""Reads for expense claims, scoped to what the person may see, with a fixed number of queries."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404

from inspraak.accounts.models import Role, User
from inspraak.claims.models import ClaimStatus, ExpenseClaim
from inspraak.claims.rules import terms_of
from inspraak.core.paging import day_cursor, read_day_cursor
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
    """Approved claims of these groups (ids, or a lazy query of them) that were not paid yet (the payment batch
    takes them), oldest first."""
    return (
        ExpenseClaim.objects.filter(
            body_id__in=body_ids if isinstance(body_ids, QuerySet) else list(body_ids), status=ClaimStatus.APPROVED
        )
        .select_related("user", "body", "body__region")
        .order_by("spent_on", "pk")
    )


def own_claims(*, user, body: Body, after: str | None = None) -> ClaimPage:
    """A page of the person's own claims in the group, newest first: the PAGE_SIZE newest, or (``after``: the
    cursor of the page before, ``ClaimPage.older``) the ones after it; ``rows`` are claims with their meeting and
    training. 1 query, a LIMIT after a keyset condition (never an OFFSET)."""
    rows = ExpenseClaim.objects.filter(user=user, body=body)
    position = read_day_cursor(after)
    if position is not None:
        day, pk = position
        rows = rows.filter(spent_on__lte=day).filter(Q(spent_on__lt=day) | Q(spent_on=day, pk__lt=pk))
    found = list(rows.select_related("meeting", "training").order_by("-spent_on", "-pk")[: PAGE_SIZE + 1])
    shown = found[:PAGE_SIZE]
    return ClaimPage(
        rows=shown,
        older=day_cursor(shown[-1].spent_on, shown[-1].pk) if len(found) > PAGE_SIZE else "",
        cursor=after if position is not None else "",
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


PAGE_SIZE = 25  # claims on one page of the list for who decides
COUNT_CAP = 1000  # "meer dan 1000": counting further would cost more with every year of claims


@dataclass
class ClaimPage:
    """One page of a claims list: ``rows`` (at most PAGE_SIZE claims, newest first, as (pk, body_id, person's name,
    spent_on, kind, meeting's start, training's title, training's start, amount, receipt, receipt removed at,
    status)), the cursor of the next, older page (``older``, or "") and whether this is a later page (``cursor``)."""

    rows: list = field(default_factory=list)
    older: str = ""
    cursor: str = ""


_ROW_FIELDS = (
    "pk",
    "body_id",
    "user__name",
    "spent_on",
    "kind",
    "meeting__starts_at",
    "training__title",
    "training__starts_at",
    "amount",
    "receipt",
    "receipt_removed_at",
    "status",
)


def claims_page(*, body_ids: Iterable[int], status: str = "", after: str | None = None) -> ClaimPage:
    """A page of the claims of these groups for the people who decide (``status``: only that one; "" all), newest
    first: the PAGE_SIZE first, or (``after``: the cursor of the page before, ``ClaimPage.older``) the ones after
    it. 1 query: the ids by a LIMIT after a keyset condition (never an OFFSET) on the index (body, status), then
    those rows joined."""
    rows = ExpenseClaim.objects.filter(body_id__in=list(body_ids))
    if status:
        rows = rows.filter(status=status)
    position = read_day_cursor(after)
    if position is not None:
        day, pk = position
        rows = rows.filter(spent_on__lte=day).filter(Q(spent_on__lt=day) | Q(spent_on=day, pk__lt=pk))
    # The page's ids first, on the claims alone (an index range and a short sort), then only those rows joined with
    # their person, meeting and training.
    ids = rows.order_by("-spent_on", "-pk").values("pk")[: PAGE_SIZE + 1]
    found = list(ExpenseClaim.objects.filter(pk__in=ids).order_by("-spent_on", "-pk").values_list(*_ROW_FIELDS))
    shown = found[:PAGE_SIZE]
    return ClaimPage(
        rows=shown,
        older=day_cursor(shown[-1][3], shown[-1][0]) if len(found) > PAGE_SIZE else "",
        cursor=after if position is not None else "",
    )


def status_counts(*, body_ids: Iterable[int]) -> dict[str, int]:
    """{status: number of claims} of these groups, each counted up to COUNT_CAP + 1 (more than COUNT_CAP: "more
    than"), so a region with years of paid claims costs the same as a new one. 1 query, an index range per status
    (body, status) that stops after COUNT_CAP + 1 rows."""
    ids = [int(pk) for pk in body_ids]
    if not ids:
        return dict.fromkeys(ClaimStatus.values, 0)
    table = connection.ops.quote_name(ExpenseClaim._meta.db_table)
    marks = ", ".join(["%s"] * len(ids))
    # Names from the model, every value a parameter.
    one = f"SELECT %s, COUNT(*) FROM (SELECT 1 FROM {table} WHERE body_id IN ({marks}) AND status = %s LIMIT %s) c"  # noqa: S608
    sql = " UNION ALL ".join([one] * len(ClaimStatus.values))
    params = []
    for status in ClaimStatus.values:
        params += [status, *ids, status, COUNT_CAP + 1]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        counts = dict(cursor.fetchall())
    return {status: counts.get(status, 0) for status in ClaimStatus.values}


def region_bodies(region: Region) -> list[Body]:
    """The groups of the region (the finance role decides on claims of all of them). 1 query."""
    return list(Body.objects.filter(region=region).only("pk", "name", "slug").order_by("name", "pk"))


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
