"""Payments data on top of tests/world.py, built on first use and kept on the world object.

- the client panel's 2026 scheme: € 35 per meeting, € 50 for the chair; the region's 2026 caps € 210 / € 2.100;
- two meetings of the client panel in November 2026 that "member" (the actor) and "Jonge Lid" (a member on paper,
  flagged under 27) attended; "Voorzitter Vol" (the chair) attended both and already got € 150 approved in November
  in the municipal body (so € 100 more goes € 40 over the month maximum);
- approved allowances of "member": August (in ``paid_batch``, paid on 15 September), September (in ``open_batch``,
  not paid) and October (ready: in no batch); an approved claim of "member" (ready);
- a 2026 budget plan: allowances € 500 (so more than 80 % used: see the budget page) and training € 1.000.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from inspraak.accounts.models import RoleAssignment
from inspraak.claims.models import ClaimKind, ClaimStatus, ExpenseClaim
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.members.models import Category, Membership
from inspraak.payments.models import AllowancePayment, PaymentBatch, PaymentItem, person_reference
from inspraak.records.models import Attendance
from inspraak.support.models import AllowanceMode, BudgetKind, BudgetLine, SupportScheme, VolunteerCap
from tests.factories import UserFactory, paper_person, term_end, term_start

YOUNG_NAME = "Jonge Lid"
CHAIR_NAME = "Voorzitter Vol"
NOVEMBER = datetime.date(2026, 11, 1)


@dataclass
class PaymentsData:
    young: object
    chair: object
    meetings: list
    paid_batch: PaymentBatch
    open_batch: PaymentBatch
    ready: AllowancePayment
    claim: ExpenseClaim


def meeting_on(body, day: datetime.date, title: str) -> Meeting:
    start = datetime.datetime.combine(day, datetime.time(14), tzinfo=timezone.get_current_timezone())
    return Meeting.objects.create(
        body=body,
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place_name="Buurthuis De Schakel",
        status=MeetingStatus.HELD,
    )


def approved(body, user, month: datetime.date, amount: str, *, by, meetings: int = 1, paid_on=None):
    return AllowancePayment.objects.create(
        body=body,
        user=user,
        reference=person_reference(user.pk),
        month=month,
        meetings=meetings,
        computed=Decimal(amount),
        amount=Decimal(amount),
        approved_by=by,
        approved_at=timezone.now(),
        paid_on=paid_on,
    )


def batch_of(world, number: int, allowances, *, paid_on=None, by=None) -> PaymentBatch:
    batch = PaymentBatch.objects.create(
        region=world.region,
        body=world.body,
        number=number,
        total=sum((a.amount for a in allowances), Decimal(0)),
        created_by=by,
        paid_on=paid_on,
    )
    for a in allowances:
        PaymentItem.objects.create(
            batch=batch,
            kind=PaymentItem.Kind.ALLOWANCE,
            allowance=a,
            body=a.body,
            user=a.user,
            reference=a.reference,
            period=a.month,
            amount=a.amount,
        )
    return batch


def payments_data(world) -> PaymentsData:
    existing = getattr(world, "_payments", None)
    if existing is not None:
        return existing
    secretary, member = world.user("secretary"), world.user("member")
    # Other builders of the matrix world (tests/support/data.py) may have made the 2026 scheme already.
    SupportScheme.objects.update_or_create(
        body=world.body,
        year=2026,
        defaults={
            "allowance_mode": AllowanceMode.PER_MEETING,
            "amount_per_meeting": Decimal("35.00"),
            "amount_per_meeting_chair": Decimal("50.00"),
        },
    )
    VolunteerCap.objects.update_or_create(
        region=world.region,
        year=2026,
        defaults={"month_max": Decimal("210.00"), "year_max": Decimal("2100.00"), "source": "test"},
    )
    young = paper_person(world, YOUNG_NAME, address="Jongstraat 2\n1234 AB Zeedorp")
    Membership.objects.filter(user=young).update(under_27=True)
    chair = UserFactory(email="voorzitter.vol@example.org", name=CHAIR_NAME)
    RoleAssignment.objects.create(user=chair, role="lid", region=world.region, body=world.body)
    for body, role in ((world.body, "voorzitter"), (world.municipal_body, "lid")):
        Membership.objects.create(
            body=body,
            user=chair,
            body_role=role,
            category=Category.CLIENT,
            municipality=world.municipality,
            term_start=term_start(),
            term_end=term_end(),
            contact_email=chair.email,
        )
    meetings = [
        meeting_on(world.body, datetime.date(2026, 11, 5), "Bijeenkomst 5 november"),
        meeting_on(world.body, datetime.date(2026, 11, 19), "Bijeenkomst 19 november"),
    ]
    for meeting in meetings:
        for user in (member, young, chair):
            Attendance.objects.create(meeting=meeting, user=user, presence=Attendance.Presence.PRESENT)
    approved(world.municipal_body, chair, NOVEMBER, "150.00", by=secretary, meetings=3)
    august = approved(
        world.body, member, datetime.date(2026, 8, 1), "35.00", by=secretary, paid_on=datetime.date(2026, 9, 15)
    )
    paid_batch = batch_of(world, 1, [august], paid_on=datetime.date(2026, 9, 15), by=secretary)
    september = approved(world.body, member, datetime.date(2026, 9, 1), "70.00", by=secretary, meetings=2)
    open_batch = batch_of(world, 2, [september], by=secretary)
    ready = approved(world.body, member, datetime.date(2026, 10, 1), "35.00", by=secretary)
    claim = ExpenseClaim.objects.create(
        body=world.body,
        user=member,
        kind=ClaimKind.PUBLIC_TRANSPORT,
        spent_on=datetime.date(2026, 11, 5),
        amount=Decimal("7.40"),
        description="Bus naar de bijeenkomst",
        no_receipt_reason="Kaartje kwijt",
        status=ClaimStatus.APPROVED,
        decided_by=secretary,
        decided_at=timezone.now(),
    )
    BudgetLine.objects.create(body=world.body, year=2026, kind=BudgetKind.ALLOWANCES, planned=Decimal("500.00"))
    BudgetLine.objects.create(body=world.body, year=2026, kind=BudgetKind.TRAINING, planned=Decimal("1000.00"))
    data = PaymentsData(young, chair, meetings, paid_batch, open_batch, ready, claim)
    world._payments = data
    return data
