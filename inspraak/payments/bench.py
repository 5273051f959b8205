"""``make bench`` support: a national year of volunteer allowances and expense claims, and the payments pages to time.

The lead calls, in ``bench/run.py``:

- ``build_payments_year(year=...)`` after ``build_national`` (it reads the bodies and memberships that exist), and
  puts its counts in the report's dataset;
- ``key_pages(region, panel, secretary)`` in ``key_pages()`` to add the month page, the batch page, the group's
  payments page, the budget page and the finance role's batches page of the biggest region.

Everything is written with ``bulk_create`` (a few seconds on SQLite for the national set); deterministic (``seed``).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

MEETING = Decimal("35.00")
CHAIR = Decimal("50.00")


@transaction.atomic
def build_payments_year(*, year: int | None = None, seed: int = 13) -> dict[str, int]:
    """For every group: a scheme (EUR 35 per meeting), the region's caps, and for every active member the approved
    allowance of each month up to last month (0–3 meetings), about four expense claims; each group's months before
    the last are in one paid batch per month, the last month waits (approved, not paid)."""
    from inspraak.claims.models import ClaimKind, ClaimStatus, ExpenseClaim
    from inspraak.members.models import VOTING_ROLES, Membership, Status
    from inspraak.payments.models import AllowancePayment, PaymentBatch, PaymentItem, person_reference
    from inspraak.regions.models import Body, Region
    from inspraak.support.models import AllowanceMode, SupportScheme, VolunteerCap

    rng = random.Random(seed)  # noqa: S311 (bench data, not security)
    today = timezone.localdate()
    year = year or today.year
    last_month = today.month - 1 if year == today.year else 12
    months = [datetime.date(year, m, 1) for m in range(1, max(last_month, 1) + 1)]
    now = timezone.now()
    bodies = list(Body.objects.all())
    have_scheme = set(SupportScheme.objects.filter(year=year).values_list("body_id", flat=True))
    SupportScheme.objects.bulk_create(
        SupportScheme(
            body=b,
            year=year,
            allowance_mode=AllowanceMode.PER_MEETING,
            amount_per_meeting=MEETING,
            amount_per_meeting_chair=CHAIR,
        )
        for b in bodies
        if b.pk not in have_scheme
    )
    have_caps = set(VolunteerCap.objects.filter(year=year).values_list("region_id", flat=True))
    VolunteerCap.objects.bulk_create(
        VolunteerCap(region_id=r, year=year, month_max=Decimal("210"), year_max=Decimal("2100"), source="bench")
        for r in Region.objects.exclude(pk__in=have_caps).values_list("pk", flat=True)
    )
    memberships = list(
        Membership.objects.filter(status=Status.ACTIVE, body_role__in=VOTING_ROLES).values_list(
            "body_id", "user_id", "body_role"
        )
    )
    allowances = []
    claims = []
    for body_id, user_id, role in memberships:
        rate = CHAIR if role == "voorzitter" else MEETING
        for month in months:
            meetings = rng.choice((0, 1, 1, 1, 2, 3))
            if meetings:
                amount = rate * meetings
                allowances.append(
                    AllowancePayment(
                        body_id=body_id,
                        user_id=user_id,
                        reference=person_reference(user_id),
                        month=month,
                        meetings=meetings,
                        computed=amount,
                        amount=amount,
                        approved_at=now,
                    )
                )
        for _ in range(rng.choice((2, 4, 6))):
            month = rng.choice(months)
            claims.append(
                ExpenseClaim(
                    body_id=body_id,
                    user_id=user_id,
                    kind=ClaimKind.PUBLIC_TRANSPORT,
                    spent_on=month + datetime.timedelta(days=rng.randrange(27)),
                    amount=Decimal(rng.randrange(250, 1500)) / 100,
                    description="Bus naar de bijeenkomst",
                    no_receipt_reason="bench",
                    status=ClaimStatus.APPROVED,
                    decided_at=now,
                )
            )
    AllowancePayment.objects.bulk_create(allowances, batch_size=2000)
    ExpenseClaim.objects.bulk_create(claims, batch_size=2000)
    # Paid batches: one per group and month before the last; their allowances paid, their claims PAID.
    allowances = list(
        AllowancePayment.objects.filter(month__year=year, payment_item__isnull=True, month__lt=months[-1]).values_list(
            "pk", "body_id", "user_id", "reference", "month", "amount"
        )
    )
    open_claims = list(
        ExpenseClaim.objects.filter(
            spent_on__year=year, status=ClaimStatus.APPROVED, spent_on__lt=months[-1], payment_item__isnull=True
        ).values_list("pk", "body_id", "user_id", "spent_on", "amount")
    )
    region_of = {b.pk: b.region_id for b in bodies}
    groups: dict[tuple[int, datetime.date], dict] = {}
    for pk, body_id, user_id, reference, month, amount in allowances:
        groups.setdefault((body_id, month), {"a": [], "c": []})["a"].append((pk, user_id, reference, month, amount))
    for pk, body_id, user_id, spent_on, amount in open_claims:
        groups.setdefault((body_id, spent_on.replace(day=1)), {"a": [], "c": []})["c"].append(
            (pk, user_id, spent_on, amount)
        )
    numbers: dict[int, int] = {}
    for region_id, n in PaymentBatch.objects.values_list("region_id", "number").order_by("region_id", "number"):
        numbers[region_id] = max(numbers.get(region_id, 0), n)
    batches = []
    keys = sorted(groups, key=lambda k: (k[1], k[0]))
    for body_id, month in keys:
        region_id = region_of[body_id]
        numbers[region_id] = numbers.get(region_id, 0) + 1
        group = groups[(body_id, month)]
        total = sum((a[4] for a in group["a"]), Decimal(0)) + sum((c[3] for c in group["c"]), Decimal(0))
        batches.append(
            PaymentBatch(
                region_id=region_id,
                body_id=body_id,
                number=numbers[region_id],
                total=total,
                paid_on=month + datetime.timedelta(days=40),
            )
        )
    PaymentBatch.objects.bulk_create(batches, batch_size=2000)
    saved = dict(
        ((b.body_id, b.region_id, b.number), b.pk)
        for b in PaymentBatch.objects.filter(pk__isnull=False).only("pk", "body_id", "region_id", "number")
    )
    items = []
    for batch, (body_id, month) in zip(batches, keys, strict=True):
        batch_id = saved[(body_id, batch.region_id, batch.number)]
        group = groups[(body_id, month)]
        items += [
            PaymentItem(
                batch_id=batch_id,
                kind=PaymentItem.Kind.ALLOWANCE,
                allowance_id=pk,
                body_id=body_id,
                user_id=user_id,
                reference=reference,
                period=period,
                amount=amount,
            )
            for pk, user_id, reference, period, amount in group["a"]
        ]
        items += [
            PaymentItem(
                batch_id=batch_id,
                kind=PaymentItem.Kind.CLAIM,
                claim_id=pk,
                body_id=body_id,
                user_id=user_id,
                reference=person_reference(user_id),
                period=spent_on,
                amount=amount,
            )
            for pk, user_id, spent_on, amount in group["c"]
        ]
    PaymentItem.objects.bulk_create(items, batch_size=2000)
    paid_allowances = AllowancePayment.objects.filter(payment_item__isnull=False, paid_on__isnull=True)
    for month in months[:-1]:
        paid_allowances.filter(month=month).update(paid_on=month + datetime.timedelta(days=40))
    ExpenseClaim.objects.filter(payment_item__isnull=False, status=ClaimStatus.APPROVED).update(status=ClaimStatus.PAID)
    return {
        "payments_allowances": len(allowances),
        "payments_claims": len(claims),
        "payments_batches": len(batches),
        "payments_batch_items": len(items),
    }


def key_pages(region, panel, secretary) -> list[tuple]:
    """(label, URL name, kwargs, user) of the payments pages to time for ``panel`` of ``region``. The finance role is a
    bench person "Bench Financiën" made for it (idempotent)."""
    from inspraak.accounts.models import Role, RoleAssignment, User
    from inspraak.payments.models import PaymentBatch

    finance = User.objects.filter(email=f"financien@{region.slug}.bench.example").first()
    if finance is None:
        finance = User.objects.create_user(email=f"financien@{region.slug}.bench.example", name="Bench Financiën")
        RoleAssignment.objects.create(user=finance, role=Role.FINANCE, region=region)
    today = timezone.localdate()
    month = today.replace(day=1) - datetime.timedelta(days=1)
    biggest = PaymentBatch.objects.filter(body=panel).order_by("-total", "pk").values_list("pk", flat=True).first()
    b = {"region": region.slug, "body": panel.slug}
    pages = [
        ("allowances month page (secretaris)", "payments:allowance_month",
         {**b, "year": month.year, "month": month.month}, secretary),
        ("payments of a group (secretaris)", "payments:body_batches", b, secretary),
        ("budget (financien)", "payments:budget", {**b, "year": today.year}, finance),
        ("payments of the region (financien)", "payments:region_batches", {"region": region.slug}, finance),
    ]  # fmt: skip
    if biggest:
        pages.append(("payment batch (financien)", "payments:batch", {"region": region.slug, "pk": biggest}, finance))
    return pages
