"""Demo data for money to members (issue 13): a year of volunteer allowances of the client panel, one member near
the cap (she also sits in an adviesraad), one member under 27, one paid payment batch and the 2026 budget with one
kind above 80 %.

Call ``load_payments(region=region, panel=panel, secretary=secretary)`` at the end of ``load_demo``, after the meeting
cycle and after ``demo.claims`` (approved claims then go into the paid batch and become "betaald"). Idempotent.

The demo records no attendance of its own, and the panel held three meetings in 2026 (February, May, September): not
enough for a year of allowances per month. This function therefore records the attendance of those held meetings
(every active member present, one excused each time) when none is recorded, and approves the allowances of the
months with a meeting. The support scheme (EUR 35 per meeting, EUR 50 for the chair) and the caps of the year are
made only when the support demo did not make them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.members.models import VOTING_ROLES, Category, Membership, Status
from inspraak.payments import selectors, services
from inspraak.payments.models import AllowancePayment, PaymentBatch, person_reference
from inspraak.records.models import Attendance
from inspraak.support.models import AllowanceMode, BudgetCost, BudgetKind, BudgetLine, SupportScheme, VolunteerCap

NEAR_CAP = "Anouk de Vries"  # the panel's chair, also in the Adviesraad Havenstad: together over the month maximum
UNDER_27 = "Tom Visser"
EXCUSED = ("Henk Mulder", "Sanne de Boer", "Lies Hoekstra")
HELD = (MeetingStatus.HELD, "verslag_vastgesteld", "verslag_gedeeld")


def _ensure_rules(region, panel, year: int, by) -> None:
    SupportScheme.objects.get_or_create(
        body=panel,
        year=year,
        defaults={
            "allowance_mode": AllowanceMode.PER_MEETING,
            "amount_per_meeting": Decimal("35.00"),
            "amount_per_meeting_chair": Decimal("50.00"),
            "travel_km_rate": Decimal("0.23"),
            "updated_by": by,
        },
    )
    VolunteerCap.objects.get_or_create(
        region=region,
        year=year,
        defaults={
            "month_max": Decimal("210.00"),
            "year_max": Decimal("2100.00"),
            "source": "Demo: de bedragen van 2025. Controleer de bedragen van dit jaar bij de Rijksoverheid.",
            "updated_by": by,
        },
    )


def _record_attendance(meetings, members) -> None:
    for n, meeting in enumerate(meetings):
        if Attendance.objects.filter(meeting=meeting).exists():
            continue
        excused = EXCUSED[n % len(EXCUSED)]
        Attendance.objects.bulk_create(
            Attendance(
                meeting=meeting,
                user=m.user,
                presence=Attendance.Presence.EXCUSED if m.user.name == excused else Attendance.Presence.PRESENT,
            )
            for m in members
        )


def _second_group(region, panel, by):
    """The member near the cap (the panel's chair) also sits in the Adviesraad Havenstad, which paid her EUR 170 in
    the last month with a meeting of the panel (so the chair's EUR 45 of the panel goes EUR 5 over the month
    maximum of EUR 210). She is a member of both in the demo already; a membership is only added if missing."""
    from inspraak.accounts.models import RoleAssignment
    from inspraak.regions.models import Body

    near = Membership.objects.filter(body=panel, user__name=NEAR_CAP).select_related("user").first()
    council = Body.objects.filter(region=region, slug="adviesraad-sociaal-domein-havenstad").first()
    if near is None or council is None:
        return None, None
    if not Membership.objects.filter(body=council, user=near.user).exclude(status=Status.ENDED).exists():
        Membership.objects.create(
            body=council,
            user=near.user,
            body_role="lid",
            category=Category.CLIENT,
            municipality=council.municipality,
            term_start=near.term_start,
            term_end=near.term_end,
            contact_phone=near.contact_phone or "0299 000 000",
            contact_address=near.contact_address,
        )
        RoleAssignment.objects.get_or_create(user=near.user, role="lid", region=region, body=council)
    return near.user, council


@transaction.atomic
def load_payments(*, region, panel, secretary) -> dict[str, int]:
    """See the module docstring. Returns counts of what it made (all zero on a second run)."""
    today = timezone.localdate()
    year = today.year
    made = {"attendance_meetings": 0, "allowances": 0, "batches": 0, "budget_lines": 0}
    _ensure_rules(region, panel, year, secretary)
    Membership.objects.filter(body=panel, user__name=UNDER_27).update(under_27=True)
    members = list(
        Membership.objects.filter(body=panel, body_role__in=VOTING_ROLES, status=Status.ACTIVE).select_related("user")
    )
    held = list(
        Meeting.objects.filter(
            body=panel, status__in=HELD, starts_at__year=year, starts_at__lt=timezone.now()
        ).order_by("starts_at")
    )
    before = Attendance.objects.filter(meeting__in=held).values("meeting").distinct().count()
    _record_attendance(held, members)
    made["attendance_meetings"] = (
        Attendance.objects.filter(meeting__in=held).values("meeting").distinct().count() - before
    )
    months = sorted({timezone.localtime(m.starts_at).date().replace(day=1) for m in held})
    if not months:
        return made
    near, council = _second_group(region, panel, secretary)
    last = months[-1]
    if near is not None and not AllowancePayment.objects.filter(body=council, user=near, month=last).exists():
        AllowancePayment.objects.create(
            body=council,
            user=near,
            reference=person_reference(near.pk),
            month=last,
            meetings=4,
            computed=Decimal("170.00"),
            amount=Decimal("170.00"),
            approved_by=secretary,
            approved_at=timezone.now(),
        )
    # Approve every month with a meeting. In the last one, the member near the cap and the member under 27 wait for
    # the secretary's choice (the month page shows their warnings); the others are approved.
    before = AllowancePayment.objects.filter(body=panel).count()
    for month in months:
        overview = selectors.month_overview(panel, month)
        if month == last:
            if overview["open_without_warning"]:
                services.allowances_approve_all(body=panel, month=month, by=secretary)
            continue
        for row in overview["open_without_warning"] + overview["open_with_warning"]:
            services.allowance_approve(
                body=panel,
                month=month,
                user_id=row.user.pk,
                amount=None,
                accept_warning=True,
                by=secretary,
            )
    made["allowances"] = AllowancePayment.objects.filter(body=panel).count() - before
    # One paid batch: the months before the last, and the claims the claims demo approved.
    if not PaymentBatch.objects.filter(region=region, body=panel).exists():
        batch = services.batch_create(region=region, body=panel, by=secretary, until=last - datetime.timedelta(days=1))
        paid_on = min(today - datetime.timedelta(days=14), last + datetime.timedelta(days=40))
        # The batch was made a few days before the money went out (made now, it would say "made today, paid weeks
        # ago" on its page).
        made_on = paid_on - datetime.timedelta(days=3)
        made_at = timezone.make_aware(datetime.datetime.combine(made_on, datetime.time(10)))
        PaymentBatch.objects.filter(pk=batch.pk).update(created_at=made_at)
        services.batch_mark_paid(batch=batch, paid_on=paid_on, by=secretary)
        made["batches"] = 1
    made["budget_lines"] = _budget(panel, year, secretary)
    return made


def _budget(panel, year: int, by) -> int:
    if BudgetLine.objects.filter(body=panel, year=year).exists():
        return 0
    used = sum(AllowancePayment.objects.filter(body=panel, month__year=year).values_list("amount", flat=True))
    # Allowances: the plan is a little more than what is used, so the page warns "al 8x%".
    allowances = (Decimal(used) * 100 / 88 / 50).quantize(Decimal("1")) * 50 or Decimal("1000")
    plan = {
        BudgetKind.ALLOWANCES: allowances,
        BudgetKind.EXPENSES: Decimal("600"),
        BudgetKind.TRAINING: Decimal("1500"),
        BudgetKind.FACILITATOR: Decimal("4800"),
        BudgetKind.MEETINGS: Decimal("900"),
    }
    for kind, planned in plan.items():
        BudgetLine.objects.create(body=panel, year=year, kind=kind, planned=planned, updated_by=by)
    costs = [
        (
            BudgetKind.FACILITATOR,
            datetime.date(year, 6, 30),
            "2400.00",
            "Rekening gespreksleider eerste halfjaar",
            True,
        ),
        (
            BudgetKind.FACILITATOR,
            datetime.date(year, 12, 1),
            "2000.00",
            "Rekening gespreksleider tweede halfjaar",
            False,
        ),
        (BudgetKind.MEETINGS, datetime.date(year, 2, 12), "85.00", "Zaalhuur en koffie buurthuis", True),
        (BudgetKind.MEETINGS, datetime.date(year, 5, 14), "85.00", "Zaalhuur en koffie buurthuis", True),
        (BudgetKind.MEETINGS, datetime.date(year, 9, 10), "92.50", "Zaalhuur en koffie buurthuis", True),
    ]
    for kind, day, amount, description, paid in costs:
        BudgetCost.objects.create(
            body=panel, kind=kind, date=day, amount=Decimal(amount), description=description, paid=paid, created_by=by
        )
    return len(plan)
