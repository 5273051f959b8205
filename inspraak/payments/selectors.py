"""Reads for money to members; each a fixed number of queries whatever the number of members, claims or items."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from inspraak.core.prepared import fields_of, instances, partial_instance, prepared_rows
from inspraak.payments import rules
from inspraak.payments.models import AllowancePayment, PaymentBatch, PaymentItem
from inspraak.payments.money import euro

if TYPE_CHECKING:
    from inspraak.regions.models import Body, Region

ZERO = rules.ZERO


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(month, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(rules.next_month(month), datetime.time.min, tzinfo=tz)
    return start, end


def scheme_rule(scheme) -> rules.Scheme | None:
    if scheme is None:
        return None
    return rules.Scheme(
        scheme.allowance_mode, scheme.amount_per_meeting, scheme.amount_per_meeting_chair, scheme.amount_per_month
    )


def caps_rule(caps) -> rules.Caps | None:
    return None if caps is None else rules.Caps(caps.month_max, caps.year_max)


@dataclass
class MemberMonth:
    """One member's allowance for one month on the month page."""

    user: object
    membership: object
    month: datetime.date
    caps: rules.Caps | None
    meetings: int
    computed: Decimal
    approved: AllowancePayment | None
    month_so_far: Decimal  # approved in this month in other groups of the region
    year_so_far: Decimal  # approved this year in all groups of the region, other months or other groups
    cap: rules.CapCheck
    under_27: bool
    warnings: list[str] = field(default_factory=list)
    form: object = None  # set by the view: the approval form of this row (bound after a refused POST)

    @property
    def changed_since_approval(self) -> bool:
        return self.approved is not None and (
            self.approved.meetings != self.meetings or self.approved.computed != self.computed
        )

    @property
    def needs_choice(self) -> bool:
        return bool(self.warnings)


def warnings_for(*, cap: rules.CapCheck, under_27: bool, year: int) -> list[str]:
    """The warnings an approver sees (and that are kept with the approval), in plain Dutch."""
    found = []
    if not cap.known:
        found.append(
            _("Het maximum voor vrijwilligers in %(year)s is nog niet ingevuld. Vraag het aan de beheerder.")
            % {"year": year}
        )
    if cap.month_over:
        found.append(_("Dit gaat %(amount)s over het maximum per maand.") % {"amount": euro(cap.month_over)})
    if cap.year_over:
        found.append(_("Dit gaat %(amount)s over het maximum per jaar.") % {"amount": euro(cap.year_over)})
    if under_27:
        found.append(
            _(
                "Dit lid is jonger dan 27. Een vrijwilligersvergoeding telt dan als inkomen voor de bijstand "
                "(Participatiewet artikel 31 lid 5). Vergoed liever de echte kosten met een declaratie."
            )
        )
    return found


# What the month page reads of a membership (the other fields stay deferred), then the member's name and attendance.
_MEMBERSHIP_COLUMNS = ("id", "user_id", "body_role", "term_start", "ended_on", "status", "under_27", "under_27_until")
_MEMBERSHIP_FIELDS = (*_MEMBERSHIP_COLUMNS, "user__name", "attended")
_USER_COLUMNS = ("id", "name")
_PAYMENT_COLUMNS = (
    "id",
    "body_id",
    "user_id",
    "month",
    "amount",
    "meetings",
    "computed",
    "approved_at",
    "paid_on",
    "approved_by_id",
)
_ALLOWANCE_FIELDS = (*_PAYMENT_COLUMNS, "approved_by__name")


def _approved_payment(values) -> AllowancePayment:
    """An approval of the month page from its ``_ALLOWANCE_FIELDS`` row (the approver as a name-only person)."""
    from inspraak.accounts.models import User

    *columns, by_name = values
    payment = partial_instance(AllowancePayment, _PAYMENT_COLUMNS, columns)
    by_id = payment.approved_by_id
    payment.approved_by = partial_instance(User, _USER_COLUMNS, (by_id, by_name)) if by_id is not None else None
    return payment


def _membership(values):
    """A membership of the month page from its ``_month_members_query`` row (the person as a name-only person), and the
    number of meetings the member attended."""
    from inspraak.accounts.models import User
    from inspraak.members.models import Membership

    *columns, name, attended = values
    membership = partial_instance(Membership, _MEMBERSHIP_COLUMNS, columns)
    membership.user = partial_instance(User, _USER_COLUMNS, (membership.user_id, name))
    return membership, attended


def _schemes_query(*, body_id: int) -> QuerySet:
    """Every year's scheme of the group (one a year: a handful of rows). By the group alone: a prepared shape cannot
    hold the small integer year (core.prepared's stand-ins are beyond its range)."""
    from inspraak.support.models import SupportScheme

    return SupportScheme.objects.filter(body_id=body_id).values_list(*fields_of(SupportScheme))


def _caps_query(*, region_id: int) -> QuerySet:
    """Every year's caps of the region (one a year), as ``_schemes_query``."""
    from inspraak.support.models import VolunteerCap

    return VolunteerCap.objects.filter(region_id=region_id).values_list(*fields_of(VolunteerCap))


def _of_year(model, rows: list[tuple], year: int):
    """The one of ``rows`` (prepared rows of ``model``, unique per group or region and year) of ``year``."""
    return next((found for found in instances(model, rows) if found.year == year), None)


def _month_members_query(*, body_id: int, start: datetime.datetime, end: datetime.datetime) -> QuerySet:
    """The voting memberships (active or ended) of the group with the meetings each member attended between
    ``start`` and ``end``, counted in the same query."""
    from inspraak.members.models import VOTING_ROLES, Membership, Status
    from inspraak.records.models import Attendance

    present = (
        Attendance.objects.filter(
            user=OuterRef("user_id"),
            meeting__body_id=body_id,
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=end,
            presence=Attendance.Presence.PRESENT,
        )
        .order_by()
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Membership.objects.filter(body_id=body_id, body_role__in=VOTING_ROLES, status__in=[Status.ACTIVE, Status.ENDED])
        .annotate(attended=Coalesce(Subquery(present), 0))
        .order_by("user__name", "pk")
        .values_list(*_MEMBERSHIP_FIELDS)
    )


def _region_allowances_query(*, user_ids: list[int], first: datetime.date, after: datetime.date) -> QuerySet:
    """The allowances of these people in every group, of the months from ``first`` until before ``after``, each with
    its group's region last (the caller keeps those of one region). Not filtered by region here: PostgreSQL plans a
    prepared statement once for any values, and with the region in it that plan walks every allowance of every group
    of the region (2,000 rows of a national year, 1.6 ms) instead of the people's own (``allowance_user_month``)."""
    return AllowancePayment.objects.filter(user_id__in=user_ids, month__gte=first, month__lt=after).values_list(
        *_ALLOWANCE_FIELDS, "body__region_id"
    )


def month_overview(body: Body, month: datetime.date) -> dict:
    """Per member of ``body``: the meetings attended in ``month``, the computed allowance, what was approved, the
    cap and under-27 warnings. 4 queries whatever the number of members (scheme, caps, memberships with their
    attendance, approved allowances in the region this year), each with its SQL built once per process and shape
    (core.prepared)."""
    from inspraak.support.models import SupportScheme, VolunteerCap

    year = month.year
    scheme = _of_year(SupportScheme, prepared_rows("payments.schemes", _schemes_query, body_id=body.pk), year)
    caps = _of_year(VolunteerCap, prepared_rows("payments.caps", _caps_query, region_id=body.region_id), year)
    start, end = month_bounds(month)
    memberships = []
    attended: dict[int, int] = {}
    for values in prepared_rows("payments.month_members", _month_members_query, body_id=body.pk, start=start, end=end):
        membership, count = _membership(values)
        memberships.append(membership)
        attended[membership.user_id] = count
    user_ids = sorted({m.user_id for m in memberships})
    approved_here: dict[int, AllowancePayment] = {}
    month_elsewhere: dict[int, Decimal] = defaultdict(lambda: ZERO)
    year_so_far: dict[int, Decimal] = defaultdict(lambda: ZERO)
    # As tuples: a dozen months of every member in every group of the region; only this month's approvals here
    # become model instances (with their approver's name).
    for *values, region_id in prepared_rows(
        "payments.region_allowances",
        _region_allowances_query,
        user_ids=user_ids,
        first=datetime.date(year, 1, 1),
        after=datetime.date(year + 1, 1, 1),
    ):
        if region_id != body.region_id:  # caps count per region: another region's groups pay on their own
            continue
        _pk, body_id, user_id, row_month, amount = values[:5]
        if body_id == body.pk and row_month == month:
            approved_here[user_id] = _approved_payment(values)
            continue
        year_so_far[user_id] += amount
        if row_month == month:
            month_elsewhere[user_id] += amount
    rule_scheme, rule_caps = scheme_rule(scheme), caps_rule(caps)
    rows: list[MemberMonth] = []
    seen: set[int] = set()
    for membership in memberships:
        active = rules.active_in_month(
            month=month, started=membership.term_start, ended=membership.ended_on, status=membership.status
        )
        meetings = attended.get(membership.user_id, 0)
        if membership.user_id in seen or not (active or meetings):
            continue
        seen.add(membership.user_id)
        allowance = rules.allowance_for(
            rule_scheme, body_role=membership.body_role, meetings_attended=meetings, active_in_month=active
        )
        uid = membership.user_id
        cap = rules.check_cap(
            rule_caps, month_so_far=month_elsewhere[uid], year_so_far=year_so_far[uid], amount=allowance.amount
        )
        young = rules.under_27_in_month(under_27=membership.under_27, until=membership.under_27_until, month=month)
        row = MemberMonth(
            user=membership.user,
            membership=membership,
            month=month,
            caps=rule_caps,
            meetings=meetings,
            computed=allowance.amount,
            approved=approved_here.get(uid),
            month_so_far=month_elsewhere[uid],
            year_so_far=year_so_far[uid],
            cap=cap,
            under_27=young,
        )
        if allowance.amount > 0:
            row.warnings = warnings_for(cap=cap, under_27=young, year=month.year)
        rows.append(row)
    open_rows = [r for r in rows if r.approved is None and r.computed > 0]
    return {
        "scheme": scheme,
        "caps": caps,
        "rows": rows,
        "month": month,
        "total_computed": sum((r.computed for r in rows), ZERO),
        "total_approved": sum((r.approved.amount for r in rows if r.approved), ZERO),
        "open_without_warning": [r for r in open_rows if not r.warnings],
        "open_with_warning": [r for r in open_rows if r.warnings],
    }


def member_month(body: Body, month: datetime.date, user_id: int) -> MemberMonth | None:
    """One row of ``month_overview`` (the same 4 queries), or None when the person is no member that month."""
    for row in month_overview(body, month)["rows"]:
        if row.user.pk == user_id:
            return row
    return None


def year_months(body: Body, year: int, today: datetime.date) -> list[dict]:
    """The months of ``year`` up to this month, with the approved total per month. 1 query."""
    approved = dict(
        AllowancePayment.objects.filter(body=body, month__year=year)
        .values_list("month")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    counts = dict(
        AllowancePayment.objects.filter(body=body, month__year=year)
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    last = 12 if year < today.year else today.month if year == today.year else 0
    return [
        {
            "month": datetime.date(year, m, 1),
            "approved": approved.get(datetime.date(year, m, 1), ZERO),
            "count": counts.get(datetime.date(year, m, 1), 0),
        }
        for m in range(last, 0, -1)
    ]


# Payment batches


def _unbatched_allowances(body_ids):
    """Approved allowances of these groups in no batch yet. ``paid_on`` is only set through a batch, so every one of
    them is also unpaid: that condition lets the partial index on unpaid allowances (``allowance_unpaid``) find
    them among the years of paid ones."""
    return AllowancePayment.objects.filter(
        body_id__in=_ids(body_ids), paid_on__isnull=True, payment_item__isnull=True, user__isnull=False
    )


def _ids(body_ids):
    """A list of body ids, or a lazy query of them (``_region_body_ids_query``: a subquery, no query of its own)."""
    return body_ids if isinstance(body_ids, QuerySet) else list(body_ids)


def ready_to_pay(body_ids, *, until: datetime.date | None = None) -> dict:
    """Approved allowances and approved claims of these groups that are in no batch yet (with ``until``: only months
    and days up to that date). 2 queries."""
    from inspraak.claims.selectors import approved_unpaid

    allowances = _unbatched_allowances(body_ids)
    claims = approved_unpaid(body_ids=body_ids).filter(payment_item__isnull=True)
    if until is not None:
        allowances = allowances.filter(month__lte=until)
        claims = claims.filter(spent_on__lte=until)
    allowances = list(allowances.select_related("user", "body").order_by("month", "reference", "pk"))
    claims = list(claims)
    return {
        "allowances": allowances,
        "claims": claims,
        "total": sum((a.amount for a in allowances), ZERO) + sum((c.amount for c in claims), ZERO),
    }


def ready_summary(body_ids=None, *, region: Region | None = None) -> dict:
    """What ``ready_to_pay`` would put in a batch, counted: the number of allowances and of claims and their total,
    of the groups ``body_ids`` or (``region``) of every group of the region. 1 query (a UNION of the two counts) that
    reads only the open (unpaid) rows through their indexes, not the years of paid ones; its SQL built once per
    process (core.prepared)."""
    if region is not None:
        rows = prepared_rows(("payments.ready_summary", "region"), _ready_counts, region_id=region.pk)
    elif isinstance(body_ids, QuerySet):
        rows = list(_ready_counts(body_ids=body_ids))
    else:
        rows = prepared_rows(("payments.ready_summary", "bodies"), _ready_counts, body_ids=sorted(body_ids))
    found = {source: (n, total or ZERO) for source, n, total in rows}
    allowances, claims = found.get("a", (0, ZERO)), found.get("c", (0, ZERO))
    return {"allowance_count": allowances[0], "claim_count": claims[0], "total": allowances[1] + claims[1]}


def _ready_counts(*, body_ids=None, region_id=None) -> QuerySet:
    """(source "a" or "c", count, total) of the unbatched allowances and approved claims of the groups ``body_ids``
    or of the region ``region_id`` (a subquery of its groups)."""
    from inspraak.claims.selectors import approved_unpaid

    if region_id is not None:
        body_ids = _region_body_ids_query(region_id)

    def counted(source: str, rows):
        return (
            rows.order_by()
            .annotate(source=Value(source, output_field=CharField()))
            .values("source")
            .annotate(n=Count("pk"), total=Sum("amount"))
            .values_list("source", "n", "total")
        )

    claims = approved_unpaid(body_ids=body_ids).filter(payment_item__isnull=True)
    return counted("a", _unbatched_allowances(body_ids)).union(counted("c", claims), all=True).order_by()


def _region_body_ids_query(region_id) -> QuerySet:
    """The ids of the region's groups as a lazy query: used in a filter it becomes a subquery (no query itself)."""
    from inspraak.regions.models import Body

    return Body.objects.filter(region_id=region_id).values("pk")


def region_body_ids(region: Region) -> list[int]:
    from inspraak.regions.models import Body

    return list(Body.objects.filter(region=region).values_list("pk", flat=True))


def region_bodies(region: Region) -> list:
    """The groups of the region, by name. 1 query."""
    from inspraak.regions.models import Body

    return list(Body.objects.filter(region=region).order_by("name"))


BATCHES_SHOWN = 25


class BatchRow(NamedTuple):
    """One batch on the batches page."""

    pk: int
    number: int
    reference: str
    body_name: str | None
    total: Decimal
    paid_on: datetime.date | None
    item_count: int


def batches(*, region: Region, body: Body | None = None, before: int | None = None) -> dict:
    """A page of the batches of one group (with ``body``) or of the whole region, newest first, each with its item
    count (``BatchRow``): the ``BATCHES_SHOWN`` newest, or (``before``) the ones numbered below that, and the number
    to continue from for the next, older page (``older``, or None). 1 query, an indexed LIMIT on (region, number) or
    (body, number): a region with ten years of batches costs the same as one with ten; its SQL built once per
    process and shape (core.prepared)."""
    values = {"region_id": region.pk}
    if body is not None:
        values["body_id"] = body.pk
    if before is not None:
        values["before"] = before
    key = ("payments.batches", body is not None, before is not None)
    rows = []
    for pk, number, created_at, body_name, total, paid_on, item_count in prepared_rows(key, _batch_rows, **values):
        reference = PaymentBatch(number=number, created_at=created_at).reference
        rows.append(BatchRow(pk, number, reference, body_name, total, paid_on, item_count))
    shown = rows[:BATCHES_SHOWN]
    return {"rows": shown, "older": shown[-1].number if len(rows) > BATCHES_SHOWN else None}


def _batch_rows(*, region_id: int, body_id: int | None = None, before: int | None = None) -> QuerySet:
    found = PaymentBatch.objects.filter(region_id=region_id)
    if body_id is not None:
        found = found.filter(body_id=body_id)
    if before is not None:
        found = found.filter(number__lt=before)
    items = PaymentItem.objects.filter(batch=OuterRef("pk")).order_by().values("batch").annotate(n=Count("pk"))
    return (
        found.annotate(item_count=Coalesce(Subquery(items.values("n")), 0))
        .order_by("-number")
        .values_list("pk", "number", "created_at", "body__name", "total", "paid_on", "item_count")[: BATCHES_SHOWN + 1]
    )


def batch_in(region: Region, pk: int) -> PaymentBatch:
    batch = PaymentBatch.objects.filter(region=region, pk=pk).select_related("body", "paid_by", "created_by").first()
    if batch is None:
        raise Http404
    batch.region = region
    return batch


def batch_lines(batch: PaymentBatch) -> list[tuple]:
    """The batch's lines for its page, by person, as tuples (person's name or None once erased, reference, kind,
    period, group's name, amount): no model instances. 1 query."""
    return list(
        batch.items.order_by("reference", "period", "pk").values_list(
            "user__name", "user_id", "reference", "kind", "period", "body__name", "amount"
        )
    )


def batch_items(batch: PaymentBatch) -> list[PaymentItem]:
    """The batch's lines with person and group, by person. 1 query."""
    return list(batch.items.select_related("user", "body", "claim").order_by("reference", "period", "pk"))


# Yearly statement


@dataclass
class Statement:
    year: int
    user: object
    months: list[dict]  # {"month": date, "allowances": Decimal, "claims": Decimal}
    allowances: Decimal
    claims: Decimal
    caps: object  # support VolunteerCap or None
    under_27: bool
    bodies: list

    @property
    def total(self) -> Decimal:
        return self.allowances + self.claims

    @property
    def group_names(self) -> str:
        return ", ".join(body.name for body in self.bodies)

    @property
    def empty(self) -> bool:
        return self.total == 0


def _statement_items(
    *, user_id: int, first: datetime.date, after: datetime.date, body_id: int | None = None
) -> QuerySet:
    """(kind, day paid, amount) of the person's payment lines (of one group with ``body_id``) in batches paid from
    ``first`` until before ``after``. The day paid is read per line from its batch (a primary key each): the
    person's few lines, never a join with every batch of the year."""
    paid_on = PaymentBatch.objects.filter(pk=OuterRef("batch_id")).order_by().values("paid_on")[:1]
    items = PaymentItem.objects.filter(user_id=user_id)
    if body_id is not None:
        items = items.filter(body_id=body_id)
    return (
        items.annotate(paid=Subquery(paid_on))
        .filter(paid__gte=first, paid__lt=after)
        .order_by()
        .values_list("kind", "paid", "amount")
    )


def _membership_columns() -> list[str]:
    """The columns of a membership, its group and the group's region (``_memberships_with_groups``)."""
    from inspraak.members.models import Membership
    from inspraak.regions.models import Body, Region

    return [
        *fields_of(Membership),
        *(f"body__{name}" for name in fields_of(Body)),
        *(f"body__region__{name}" for name in fields_of(Region)),
    ]


def _statement_memberships(*, user_id: int, body_id: int | None = None) -> QuerySet:
    """The person's memberships (of one group with ``body_id``) with their group and its region, oldest first."""
    from inspraak.members.models import Membership

    rows = Membership.objects.filter(user_id=user_id)
    if body_id is not None:
        rows = rows.filter(body_id=body_id)
    return rows.order_by("pk").values_list(*_membership_columns())


def _memberships_with_groups(rows: list[tuple]) -> list:
    """Memberships with their group and its region (as ``select_related("body", "body__region")``) from
    ``_statement_memberships`` rows."""
    from inspraak.members.models import Membership
    from inspraak.regions.models import Body, Region

    at_body = len(fields_of(Membership))
    at_region = at_body + len(fields_of(Body))
    memberships = instances(Membership, rows)
    for membership, body, region in zip(
        memberships, instances(Body, rows, offset=at_body), instances(Region, rows, offset=at_region), strict=True
    ):
        body.region = region
        membership.body = body
    return memberships


def _regions_caps_query(*, region_ids: list[int]) -> QuerySet:
    """Every year's caps of these regions, by region (``_caps_query`` for several)."""
    from inspraak.support.models import VolunteerCap

    return (
        VolunteerCap.objects.filter(region_id__in=region_ids)
        .order_by("region_id", "pk")
        .values_list(*fields_of(VolunteerCap))
    )


def statement(user, year: int, *, body: Body | None = None) -> Statement:
    """What ``user`` was paid in ``year`` (by the date the money went out): volunteer allowances and reimbursed
    costs, per month. With ``body``: only that group's payments (a letter from its secretary); without: every group.
    4 queries."""
    from inspraak.support.models import VolunteerCap

    values = {"user_id": user.pk, "first": datetime.date(year, 1, 1), "after": datetime.date(year + 1, 1, 1)}
    if body is not None:
        values["body_id"] = body.pk
    per_month: dict[int, dict] = {m: {"allowances": ZERO, "claims": ZERO} for m in range(1, 13)}
    for kind, paid_on, amount in prepared_rows(("payments.statement", body is not None), _statement_items, **values):
        key = "allowances" if kind == PaymentItem.Kind.ALLOWANCE else "claims"
        per_month[paid_on.month][key] += amount
    values = {"user_id": user.pk} | ({"body_id": body.pk} if body is not None else {})
    memberships = _memberships_with_groups(
        prepared_rows(("payments.statement_memberships", body is not None), _statement_memberships, **values)
    )
    bodies = list({m.body_id: m.body for m in memberships}.values())
    jan = datetime.date(year, 1, 1)
    young = any(rules.under_27_in_month(under_27=m.under_27, until=m.under_27_until, month=jan) for m in memberships)
    region_ids = [b.region_id for b in bodies]
    caps = None
    if region_ids:
        rows = prepared_rows("payments.regions_caps", _regions_caps_query, region_ids=sorted(set(region_ids)))
        caps = _of_year(VolunteerCap, rows, year)  # the first region's (by id) of that year, as before
    months = [{"month": datetime.date(year, m, 1), **per_month[m]} for m in range(1, 13)]
    return Statement(
        year=year,
        user=user,
        months=[m for m in months if m["allowances"] or m["claims"]],
        allowances=sum((m["allowances"] for m in months), ZERO),
        claims=sum((m["claims"] for m in months), ZERO),
        caps=caps,
        under_27=young,
        bodies=bodies,
    )


def statement_members(body: Body, year: int) -> list[dict]:
    """The group's members who were paid something in ``year`` by this group, with their totals. 2 queries."""
    from inspraak.members.models import Membership

    totals = {
        row["user_id"]: row
        for row in PaymentItem.objects.filter(body=body, batch__paid_on__year=year, user__isnull=False)
        .values("user_id")
        .annotate(
            allowances=Sum("amount", filter=Q(kind=PaymentItem.Kind.ALLOWANCE), default=ZERO),
            claims=Sum("amount", filter=Q(kind=PaymentItem.Kind.CLAIM), default=ZERO),
        )
        .order_by()
    }
    people = {
        m.user_id: m.user
        for m in Membership.objects.filter(body=body, user_id__in=list(totals)).select_related("user").order_by("pk")
    }
    return sorted(
        ({"user": people[uid], **totals[uid], "on_paper": not people[uid].email} for uid in totals if uid in people),
        key=lambda r: r["user"].name,
    )


# Budget


def _sums(source: str, rows, *, done: Q, amount: str = "amount"):
    """(source, done, total) of ``rows``: the sum of ``amount`` of the rows that are ``done`` (paid, held) and of
    the others, one line each (for a UNION of several kinds)."""
    return (
        rows.order_by()
        .annotate(done=Case(When(done, then=Value(True)), default=Value(False), output_field=BooleanField()))
        .values("done")
        .annotate(total=Sum(amount))
        .annotate(source=Value(source, output_field=CharField()))
        .values_list("source", "done", "total")
    )


def _year_bounds(year: int) -> dict:
    """The first day of ``year`` and of the next, and the moments they start (the current time zone): the values of
    a year's range in a prepared shape (``__year`` writes its bounds into the SQL from the year)."""
    tz = timezone.get_current_timezone()
    first, after = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    return {
        "first": first,
        "after": after,
        "start": datetime.datetime.combine(first, datetime.time.min, tzinfo=tz),
        "end": datetime.datetime.combine(after, datetime.time.min, tzinfo=tz),
    }


def _budget_sums_query(*, body_id: int, first: datetime.date, after: datetime.date, start, end, now) -> QuerySet:
    """(source, done, total) of the group's allowances ("a"), approved and paid claims ("c") and planned trainings
    with a cost ("t") of the year from ``first`` (``start``) until ``after`` (``end``)."""
    from inspraak.claims.models import ClaimStatus, ExpenseClaim
    from inspraak.training.models import Training, TrainingStatus

    return (
        _sums(
            "a",
            AllowancePayment.objects.filter(body_id=body_id, month__gte=first, month__lt=after),
            done=Q(paid_on__isnull=False),
        )
        .union(
            _sums(
                "c",
                ExpenseClaim.objects.filter(
                    body_id=body_id,
                    spent_on__gte=first,
                    spent_on__lt=after,
                    status__in=[ClaimStatus.PAID, ClaimStatus.APPROVED],
                ),
                done=Q(status=ClaimStatus.PAID),
            ),
            _sums(
                "t",
                Training.objects.filter(
                    body_id=body_id,
                    starts_at__gte=start,
                    starts_at__lt=end,
                    status=TrainingStatus.PLANNED,
                    cost__isnull=False,
                ),
                done=Q(starts_at__lt=now),
                amount="cost",
            ),
            all=True,
        )
        .order_by()
    )


def _budget_lines_query(*, body_id: int) -> QuerySet:
    """(year, kind, planned) of every year's plan of the group (a few lines a year). By the group alone: a prepared
    shape cannot hold the small integer year (core.prepared's stand-ins are beyond its range)."""
    from inspraak.support.models import BudgetLine

    return BudgetLine.objects.filter(body_id=body_id).values_list("year", "kind", "planned")


def _budget_costs_query(*, body_id: int, first: datetime.date, after: datetime.date) -> QuerySet:
    from inspraak.support.models import BudgetCost

    return (
        BudgetCost.objects.filter(body_id=body_id, date__gte=first, date__lt=after)
        .order_by("-date")
        .values_list(*fields_of(BudgetCost))
    )


def budget(body: Body, year: int, today: datetime.date) -> dict:
    """Per budget kind: planned, committed and spent, with the 80 % / 100 % warnings. 3 queries (the plan, the sums
    of allowances, claims and trainings in one, the other costs), each with its SQL built once per process
    (core.prepared)."""
    from inspraak.support.models import BudgetCost, BudgetKind

    bounds = _year_bounds(year)
    lines_of_years = prepared_rows("payments.budget_lines", _budget_lines_query, body_id=body.pk)
    planned = {kind: amount for line_year, kind, amount in lines_of_years if line_year == year}
    committed: dict[str, Decimal] = defaultdict(lambda: ZERO)
    spent: dict[str, Decimal] = defaultdict(lambda: ZERO)
    # Spent and committed of the allowances, the claims and the trainings: one query, a small sum per kind.
    found = prepared_rows("payments.budget_sums", _budget_sums_query, body_id=body.pk, now=timezone.now(), **bounds)
    kinds = {"a": BudgetKind.ALLOWANCES, "c": BudgetKind.EXPENSES, "t": BudgetKind.TRAINING}
    for source, done, total in found:
        (spent if done else committed)[kinds[source]] += total or ZERO
    costs = instances(
        BudgetCost,
        prepared_rows(
            "payments.budget_costs", _budget_costs_query, body_id=body.pk, first=bounds["first"], after=bounds["after"]
        ),
    )
    for cost in costs:
        (spent if cost.paid else committed)[cost.kind] += cost.amount
    lines = []
    for kind in BudgetKind:
        status = rules.budget_status(planned=planned.get(kind.value), committed=committed[kind], spent=spent[kind])
        lines.append({"kind": kind, "label": kind.label, "status": status, "planned_set": kind.value in planned})
    total = rules.budget_status(
        planned=sum((Decimal(v) for v in planned.values()), ZERO),
        committed=sum(committed.values(), ZERO),
        spent=sum(spent.values(), ZERO),
    )
    return {"lines": lines, "total": total, "costs": costs, "year": year, "planned": planned}


def budget_cost_in(body: Body, pk: int):
    """One of the group's other costs (facilitator's invoice, room), or 404. 1 query."""
    from inspraak.support.models import BudgetCost

    found = BudgetCost.objects.filter(body=body, pk=pk).select_related("body", "body__region").first()
    if found is None:
        raise Http404
    return found
