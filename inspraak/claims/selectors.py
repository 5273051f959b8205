"""Reads for expense claims, scoped to what the person may see, with a fixed number of queries."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from django.db import connection
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from inspraak.accounts.models import Role, User
from inspraak.claims.models import ClaimStatus, ExpenseClaim
from inspraak.claims.rules import terms_of
from inspraak.core.paging import day_cursor, read_day_cursor
from inspraak.core.prepared import prepared_rows
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
    those rows joined; its SQL built once per process and shape (core.prepared)."""
    position = read_day_cursor(after)
    values: dict = {"body_ids": sorted(int(pk) for pk in body_ids)}
    if status:
        values["status"] = status
    if position is not None:
        values["day"], values["before_pk"] = position
    cut = _cut(values["body_ids"], status)
    key = ("claims.page", bool(status), position is not None, cut)
    found = prepared_rows(key, partial(_claims_page_query, cut=cut), **values) if values["body_ids"] else []
    shown = found[:PAGE_SIZE]
    return ClaimPage(
        rows=shown,
        older=day_cursor(shown[-1][3], shown[-1][0]) if len(found) > PAGE_SIZE else "",
        cursor=after if position is not None else "",
    )


def _claims_page_query(
    *,
    body_ids: list[int],
    status: str | None = None,
    day: datetime.date | None = None,
    before_pk: int | None = None,
    cut: bool = False,
) -> QuerySet:
    """The rows of a page (``claims_page``); ``cut``: read from ``_day_of_the_last_row`` on (a decision of the key,
    never of the values)."""
    rows = _claims_after(ExpenseClaim.objects.filter(body_id__in=body_ids), status, day, before_pk)
    if cut:
        rows = rows.filter(spent_on__gte=_day_of_the_last_row(body_ids, status, day, before_pk))
    # The page's ids first, on the claims alone (an index range and a short sort), then only those rows joined with
    # their person, meeting and training.
    ids = rows.order_by("-spent_on", "-pk").values("pk")[: PAGE_SIZE + 1]
    return ExpenseClaim.objects.filter(pk__in=ids).order_by("-spent_on", "-pk").values_list(*_ROW_FIELDS)


# The statuses whose claims pile up year after year (the others wait for a decision or a batch: a few).
_PILING_UP = (ClaimStatus.PAID, ClaimStatus.REJECTED)


def _cut(body_ids: list[int], status: str | None) -> bool:
    """Whether a page of several groups' claims is read from a cut-off day on (``_day_of_the_last_row``): for all
    claims and the statuses that pile up; the others are few and read directly."""
    return len(body_ids) > 1 and (not status or status in _PILING_UP)


def _claims_after(rows: QuerySet, status, day, before_pk) -> QuerySet:
    """``rows`` with ``status`` (None: any) after the keyset cursor (``day``, ``before_pk``; None: from the newest)."""
    if status is not None:
        rows = rows.filter(status=status)
    if day is not None:
        rows = rows.filter(spent_on__lte=day).filter(Q(spent_on__lt=day) | Q(spent_on=day, pk__lt=before_pk))
    return rows


def _day_of_the_last_row(body_ids: list[int], status, day, before_pk) -> Coalesce:
    """A day on or before the day of the page's last row, for the claims of several groups: the latest of the groups'
    own PAGE_SIZE + 1-th newest days (a group that has that many rows on or after it fills the page by itself). As a
    subquery: PAGE_SIZE + 1 index entries per group, so the page reads the rows of those last days only, not every
    claim of the region (a region with ten years of claims costs the same as one with one)."""
    own_last = _claims_after(ExpenseClaim.objects.filter(body_id=OuterRef("pk")), status, day, before_pk)
    own_last = own_last.order_by("-spent_on", "-pk").values("spent_on")[PAGE_SIZE : PAGE_SIZE + 1]
    latest = (
        Body.objects.filter(pk__in=body_ids)
        .annotate(last=Subquery(own_last))
        .order_by(F("last").desc(nulls_last=True))
        .values("last")[:1]
    )
    return Coalesce(Subquery(latest), Value(datetime.date(1, 1, 1)))


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


class GroupName(NamedTuple):
    """A group of the region as the claims list names and links it."""

    pk: int
    name: str
    slug: str


def region_bodies(region: Region) -> list[GroupName]:
    """The groups of the region (the finance role decides on claims of all of them), by name. 1 query, its SQL built
    once per process (core.prepared)."""
    return [GroupName(*row) for row in prepared_rows("claims.region_bodies", _region_bodies_query, region_id=region.pk)]


def _region_bodies_query(*, region_id: int) -> QuerySet:
    return Body.objects.filter(region_id=region_id).order_by("name", "pk").values_list("pk", "name", "slug")


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
