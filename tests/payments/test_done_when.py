"""Issue 13, "done when": support for participants and signals from practice, tried the way new users would.

The beheerder sets €35 per meeting and the 2026 caps; a member claims travel costs on a phone with a photo receipt;
the secretary enters a paper claim for a member without email and approves both, sees the cap warning for one
member and the under-27 warning for another; a payment batch CSV comes out; the member downloads a yearly
statement; a rise in complaints about letters is flagged and put on the client panel's agenda in one step.
"""

from __future__ import annotations

import datetime
import html
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspraak.claims.models import ClaimStatus, ExpenseClaim
from inspraak.letters.models import Letter
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.members.models import Membership
from inspraak.payments.models import AllowancePayment, PaymentBatch, person_reference
from inspraak.records.models import Attendance
from inspraak.signals.models import SignalTopic
from inspraak.support.models import SupportScheme, VolunteerCap
from inspraak.topics.models import TopicStatus
from tests.claims.data import TINY_JPEG
from tests.factories import paper_member
from tests.meetings.data import upcoming
from tests.signals.data import signal_data

pytestmark = pytest.mark.django_db
PHONE = "Mozilla/5.0 (Linux; Android 10; Nokia 2.4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile"


def _as(world, actor_or_user) -> Client:
    client = Client(HTTP_USER_AGENT=PHONE)
    client.force_login(world.user(actor_or_user) if isinstance(actor_or_user, str) else actor_or_user)
    return client


def _page(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def _errors(response) -> str:
    """The error messages of a form page that came back (for a clear assertion message)."""
    import re

    page = response.content.decode()
    return " | ".join(re.findall(r'id="id_[a-z_]+_error"[^>]*>(.*?)</', page, re.S)) or page[-3000:]


def _held(world, day: int) -> Meeting:
    start = timezone.make_aware(datetime.datetime(2026, 11, day, 14))
    return Meeting.objects.create(
        body=world.body,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place_name="Buurthuis De Haven",
        status=MeetingStatus.HELD,
    )


def test_support_and_signals_as_new_users_try_them(world):
    r, b = world.region.slug, world.body.slug
    member = world.user("member")
    young = world.client  # "Geheime Cliënt", flagged under 27
    Membership.objects.filter(user=young, body=world.body).update(under_27=True)

    # 1. The beheerder sets €35 per meeting and enters the 2026 caps (never constants in code).
    admin = _as(world, "admin")
    scheme_url = reverse("support:scheme", args=[r, b])
    assert "maximum" in _page(admin.get(scheme_url)).lower()  # the page warns while the 2026 caps are missing
    response = admin.post(
        reverse("support:scheme_edit", args=[r, b, 2026]),
        {
            "allowance_mode": "per_bijeenkomst",
            "amount_per_meeting": "35,00",
            "amount_per_meeting_chair": "",
            "travel_public_transport": "on",
            "travel_km_rate": "0,23",
            "other_costs": "on",
            "training_offered": "",
            "version": "0",
        },
    )
    assert response.status_code == 302
    assert SupportScheme.objects.get(body=world.body, year=2026).amount_per_meeting == Decimal("35.00")
    response = admin.post(
        reverse("support:cap_new", args=[r]),
        {"year": "2026", "month_max": "210,00", "year_max": "2.100,00", "source": "Staatscourant"},
    )
    assert response.status_code == 302
    assert VolunteerCap.objects.get(region=world.region, year=2026).year_max == Decimal("2100.00")

    # November: two held meetings; the member and the young member were at both. The member also sits in the
    # adviesraad of Zeedorp, which already approved €150 for November: together over the €210 month maximum.
    first, second = _held(world, 10), _held(world, 24)
    for meeting in (first, second):
        for person in (member, young):
            Attendance.objects.create(meeting=meeting, user=person, presence=Attendance.Presence.PRESENT)
    AllowancePayment.objects.create(
        body=world.municipal_body,
        user=member,
        reference=person_reference(member.pk),
        month=datetime.date(2026, 11, 1),
        meetings=3,
        computed=Decimal("150.00"),
        amount=Decimal("150.00"),
        approved_at=timezone.now(),
    )

    # 2. The member claims the bus on a phone, with a photo of the ticket, for the meeting of 24 November.
    phone = _as(world, "member")
    new_url = reverse("claims:new", args=[r, b]) + f"?bijeenkomst={second.pk}"
    form = _page(phone.get(new_url))
    assert "<script" not in form and 'type="file"' in form
    response = phone.post(
        new_url,
        {
            "kind": "ov",
            "spent_on": "2026-11-24",
            "occasion": f"m{second.pk}",
            "amount": "7,40",
            "description": "Bus heen en terug",
            "receipt": SimpleUploadedFile("IMG_2041.jpg", TINY_JPEG, content_type="image/jpeg"),
        },
    )
    assert response.status_code == 302, _errors(response)
    bus = ExpenseClaim.objects.get(user=member)
    assert bus.amount == Decimal("7.40") and bus.receipt_content_type == "image/jpeg" and bus.meeting == second

    # 3. The secretary enters a paper claim for a member without email, and approves both claims.
    paper = paper_member(world).user
    secretary = _as(world, "secretary")
    response = secretary.post(
        reverse("claims:paper", args=[r, b]),
        {
            "member": paper.pk,
            "channel": "brief",
            "kind": "ov",
            "spent_on": "2026-11-24",
            "amount": "3,80",
            "description": "Bus",
            "no_receipt_reason": "Kaartje per post gestuurd, niet leesbaar",
        },
    )
    assert response.status_code == 302, _errors(response)
    paper_claim = ExpenseClaim.objects.get(user=paper)
    assert paper_claim.channel == "brief" and paper_claim.entered_by == world.user("secretary")
    for claim in (bus, paper_claim):
        claim.refresh_from_db()
        response = secretary.post(
            reverse("claims:detail", args=[r, b, claim.pk]), {"decision": "goedkeuren", "version": claim.version}
        )
        assert response.status_code == 302
        claim.refresh_from_db()
        assert claim.status == ClaimStatus.APPROVED
    assert Letter.objects.filter(user=paper, kind=Letter.Kind.CLAIM, batch__isnull=True).exists()  # told on paper

    # 4. The month page: a cap warning for the member, the under-27 warning for the young member.
    month_url = reverse("payments:allowance_month", args=[r, b, 2026, 11])
    month = _page(secretary.get(month_url))
    assert "€\xa070,00" in month
    assert "over het maximum per maand" in month  # 150 + 70 = 220 > 210
    assert "jonger dan 27" in month and "artikel 31 lid 5" in month
    # The secretary approves the young member's allowance anyway (a conscious choice) and lowers the member's.
    for person, amount, accept in ((young, "70,00", True), (member, "60,00", False)):
        data = {"member": str(person.pk), f"m{person.pk}-member": str(person.pk), f"m{person.pk}-amount": amount}
        if accept:
            data[f"m{person.pk}-accept_warning"] = "on"
        assert secretary.post(reverse("payments:allowance_approve", args=[r, b, 2026, 11]), data).status_code == 302
    assert AllowancePayment.objects.get(body=world.body, user=member).amount == Decimal("60.00")

    # 5. A payment batch: the CSV for the finance system (no bank numbers), then marked paid.
    response = secretary.post(reverse("payments:body_batch_create", args=[r, b]))
    batch = PaymentBatch.objects.get(body=world.body)
    assert response.status_code == 302
    csv_text = secretary.get(reverse("payments:batch_csv", args=[r, batch.pk])).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("persoon;kenmerk;bedrag;periode")
    assert f"INS-{member.pk:06d}" in csv_text and "60,00" in csv_text and "7,40" in csv_text and "3,80" in csv_text
    finance = _as(world, "finance")
    response = finance.post(reverse("payments:batch_paid", args=[r, batch.pk]), {"paid_on": "2026-12-01"})
    assert response.status_code == 302
    bus.refresh_from_db()
    assert bus.status == ClaimStatus.PAID

    # 6. The member downloads the yearly statement for the benefit consultant.
    statement = _page(phone.get(reverse("payments:my_statement", args=[2026])))
    assert "€\xa060,00" in statement and "€\xa07,40" in statement
    pdf = phone.get(reverse("payments:my_statement_pdf", args=[2026]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    # 7. A rise in complaints about letters is flagged, and put on the client panel's agenda in one step.
    signal_data(world)
    meeting = upcoming(world)
    signals_page = _page(secretary.get(reverse("signals:body", args=[r, b])))
    assert "Opvallend" in signals_page and "klachten over brieven" in signals_page
    make_url = reverse("signals:make_topic", args=[r, b, "klachten", "brieven", 2026, 3])
    assert make_url in html.unescape(signals_page)
    response = secretary.post(
        make_url,
        {"title": "Brieven zijn te moeilijk", "description": "Meer klachten over brieven.", "meeting": meeting.pk},
    )
    assert response.status_code == 302
    link = SignalTopic.objects.get(topic__title="Brieven zijn te moeilijk")
    assert link.topic.status == TopicStatus.ON_AGENDA and meeting.agenda_items.filter(topic=link.topic).exists()
