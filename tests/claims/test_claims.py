"""Expense claims (art. 47 b): a member claims on a phone, the secretary enters paper claims, the secretary or the
finance role decides and the member is told; withdraw and change while "ingediend"; receipts checked on content."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inspraak.claims import services
from inspraak.claims.models import ClaimEvent, ClaimKind, ClaimStatus, ExpenseClaim
from inspraak.letters.models import Letter
from inspraak.meetings.models import Meeting
from inspraak.support.models import SupportScheme
from tests.claims.data import CLIENT_SECRET, TINY_JPEG, TINY_PDF, claims_data, tiny_png
from tests.paper_members import assert_plain_letter, paper_member, pending_letters
from tests.quality.queries import assert_constant_queries
from tests.world import TODAY

pytestmark = pytest.mark.django_db
WORLD_DATA = (claims_data,)
YESTERDAY = (TODAY - datetime.timedelta(days=1)).isoformat()


def _url(world, name, **extra):
    return reverse(f"claims:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, **extra})


def _form(**extra):
    data = {"kind": "ov", "spent_on": YESTERDAY, "amount": "4,60", "description": "Bus naar de bijeenkomst"}
    data.update(extra)
    return data


def _scheme(world, **fields):
    defaults = {
        "travel_public_transport": True,
        "travel_km_rate": Decimal("0.23"),
        "childcare": True,
        "childcare_max": Decimal("25.00"),
        "other_costs": True,
    }
    return SupportScheme.objects.create(body=world.body, year=TODAY.year, **{**defaults, **fields})


def _meeting(world, *, days_ago=7):
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(days=days_ago)
    return Meeting.objects.create(
        body=world.body, starts_at=start, ends_at=start + datetime.timedelta(hours=2), place_name="Buurthuis"
    )


# ---------------------------------------------------------------- a member claims


def test_a_member_claims_bus_costs_with_a_photo_and_sees_the_status(client, world):
    client.force_login(world.user("member"))
    photo = SimpleUploadedFile("IMG_0001.HEIC", tiny_png(), content_type="application/octet-stream")
    response = client.post(_url(world, "new"), _form(amount="4,60", receipt=photo))
    claim = ExpenseClaim.objects.get(description="Bus naar de bijeenkomst")
    assert response.status_code == 302
    assert claim.amount == Decimal("4.60") and claim.status == ClaimStatus.SUBMITTED
    assert claim.receipt_content_type == "image/png" and claim.receipt.name.endswith(".png")
    assert "IMG_0001" not in claim.receipt.name  # the stored name is generated, never the uploaded one
    page = client.get(_url(world, "mine")).content.decode()
    assert "€\u00a04,60" in page and "Ingediend" in page
    assert ClaimEvent.objects.filter(claim=claim, to_status=ClaimStatus.SUBMITTED).exists()


@pytest.mark.parametrize("typed", ["4,60", "4.60", "€ 4,60", " 4,6 "])
def test_an_amount_typed_the_dutch_way_is_accepted(client, world, typed):
    client.force_login(world.user("member"))
    client.post(_url(world, "new"), _form(amount=typed, no_receipt_reason="OV-chipkaart"))
    assert ExpenseClaim.objects.get(description="Bus naar de bijeenkomst").amount == Decimal("4.60")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"amount": "vier"}, "amount", "Schrijf het bedrag als een getal"),
        ({"amount": "1.250"}, "amount", "Schrijf het bedrag als een getal"),
        ({"amount": "4,605"}, "amount", "Gebruik hoogstens 2 cijfers achter de komma"),
        ({"amount": ""}, "amount", "Vul het bedrag in."),
        ({"amount": "0"}, "amount", "Vul een bedrag in tussen"),
        ({"amount": "99999"}, "amount", "Vul een bedrag in tussen"),
        ({"spent_on": "2099-01-01"}, "spent_on", "Kies een datum tussen"),
        ({"spent_on": (TODAY + datetime.timedelta(days=2)).isoformat()}, "spent_on", "nog niet geweest"),
        ({"spent_on": "2020-01-01"}, "spent_on", "niet declareren"),
        ({"kind": "kinderopvang"}, "kind", "Kies uit de lijst"),
        ({"description": ""}, "description", "Schrijf kort waarvoor"),
        ({"no_receipt_reason": ""}, "receipt", "Of schrijf op waarom u geen bon hebt"),
        ({"occasion": "m999999"}, "occasion", "Kies een bijeenkomst of training uit de lijst"),
    ],
)
def test_bad_input_gets_a_message_next_to_the_field_and_keeps_what_was_typed(client, world, data, field, message):
    client.force_login(world.user("member"))
    typed = _form(no_receipt_reason="OV-chipkaart", description="Bus naar de bijeenkomst")
    typed.update(data)
    response = client.post(_url(world, "new"), typed)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in html and message in html, html
    if typed["description"]:
        assert 'value="Bus naar de bijeenkomst"' in html
    assert not ExpenseClaim.objects.filter(description="Bus naar de bijeenkomst").exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"GIF89a\x01\x00\x01\x00", "bon.jpg", "Dit soort bestand kan niet"),
        (b"MZ\x90\x00 not a photo", "bon.png", "Dit soort bestand kan niet"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "bon.png", "Dit soort bestand kan niet"),
        (b"", "bon.pdf", "leeg"),
    ],
)
def test_a_receipt_is_judged_on_its_content_not_its_name(client, world, content, name, message):
    client.force_login(world.user("member"))
    response = client.post(_url(world, "new"), _form(receipt=SimpleUploadedFile(name, content)))
    html = response.content.decode()
    assert response.status_code == 200 and 'id="id_receipt_error"' in html and message in html
    assert not ExpenseClaim.objects.filter(description="Bus naar de bijeenkomst").exists()


def test_a_receipt_above_the_limit_is_refused_clearly(client, world, monkeypatch):
    monkeypatch.setattr(services, "RECEIPT_MAX_BYTES", 100)
    from inspraak.claims import forms

    monkeypatch.setattr(forms, "RECEIPT_MAX_BYTES", 100)
    client.force_login(world.user("member"))
    big = SimpleUploadedFile("bon.png", tiny_png(40, 40) + b"\x00" * 200)
    html = client.post(_url(world, "new"), _form(receipt=big)).content.decode()
    assert "hoogstens 10 MB" in html and 'id="id_receipt_error"' in html


def test_a_chosen_file_must_be_chosen_again_after_an_error_and_the_page_says_so(client, world):
    client.force_login(world.user("member"))
    photo = SimpleUploadedFile("bon.jpg", TINY_JPEG)
    html = client.post(_url(world, "new"), _form(amount="", receipt=photo)).content.decode()
    assert "Kies de foto of het bestand opnieuw" in html


def test_a_pdf_receipt_is_accepted(client, world):
    client.force_login(world.user("member"))
    client.post(_url(world, "new"), _form(receipt=SimpleUploadedFile("x.txt", TINY_PDF)))
    assert ExpenseClaim.objects.get(description="Bus naar de bijeenkomst").receipt_content_type == "application/pdf"


# ---------------------------------------------------------------- the group's scheme


def test_without_a_scheme_only_public_transport_and_other_costs_can_be_claimed(client, world):
    client.force_login(world.user("member"))
    html = client.get(_url(world, "new")).content.decode()
    assert 'value="ov"' in html and 'value="overig"' in html
    assert 'value="km"' not in html and 'value="kinderopvang"' not in html


def test_kilometres_are_paid_at_the_schemes_rate_and_the_amount_is_shown(client, world):
    _scheme(world)
    client.force_login(world.user("member"))
    form = client.get(_url(world, "new")).content.decode()
    assert "€\u00a00,23 per km" in form
    response = client.post(
        _url(world, "new"), _form(kind="km", amount="", kilometres="14,5", no_receipt_reason="Eigen auto"), follow=True
    )
    claim = ExpenseClaim.objects.get(description="Bus naar de bijeenkomst")
    assert claim.kilometres == Decimal("14.5") and claim.amount == Decimal("3.34")  # 14,5 x 0,23 = 3,335
    html = response.content.decode()
    assert "14,5 km" in html and "€\u00a03,34" in html


def test_kilometres_are_required_for_travel_by_car(client, world):
    _scheme(world)
    client.force_login(world.user("member"))
    html = client.post(_url(world, "new"), _form(kind="km", no_receipt_reason="Auto")).content.decode()
    assert 'id="id_kilometres_error"' in html and "Vul het aantal kilometers in." in html


def test_childcare_above_the_maximum_says_what_the_maximum_is(client, world):
    _scheme(world)
    client.force_login(world.user("member"))
    response = client.post(_url(world, "new"), _form(kind="kinderopvang", amount="30,00", no_receipt_reason="Oppas"))
    html = response.content.decode()
    assert 'id="id_amount_error"' in html and "hoogstens €\u00a025,00 per keer" in html
    client.post(_url(world, "new"), _form(kind="kinderopvang", amount="25,00", no_receipt_reason="Oppas"))
    assert ExpenseClaim.objects.get(kind=ClaimKind.CHILDCARE).amount == Decimal("25.00")


def test_a_kind_the_scheme_does_not_pay_is_refused_by_the_service_too(world):
    _scheme(world, childcare=False)
    member = world.user("member")
    data = services.ClaimInput(
        kind=ClaimKind.CHILDCARE, spent_on=TODAY, amount=Decimal("5"), description="Oppas", no_receipt_reason="x"
    )
    with pytest.raises(services.ClaimError) as error:
        services.claim_submit(body=world.body, user=member, by=member, data=data)
    assert error.value.code == "kind"


# ---------------------------------------------------------------- the reply's "reiskosten" leads to a claim


def test_the_reply_need_travel_costs_leads_straight_to_a_claim_for_that_meeting(client, world):
    from inspraak.agenda.models import Invitation, Reply

    member = world.user("member")
    meeting = _meeting(world, days_ago=2)
    Invitation.objects.create(meeting=meeting, user=member, channel="email")
    Reply.objects.create(meeting=meeting, user=member, answer="komt", needs_travel_costs=True)
    client.force_login(member)
    reply_page = client.get(
        reverse("agenda:reply", args=[world.region.slug, world.body.slug, meeting.pk])
    ).content.decode()
    link = f"{_url(world, 'new')}?bijeenkomst={meeting.pk}"
    assert "Reiskosten declareren" in reply_page and link in reply_page
    form = client.get(link).content.decode()
    assert f'<option value="m{meeting.pk}" selected>' in form
    assert re.search(r'<input type="radio" name="kind" value="ov"[^>]*checked', form)
    client.post(link, _form(occasion=f"m{meeting.pk}", no_receipt_reason="OV-chipkaart"))
    assert ExpenseClaim.objects.get(description="Bus naar de bijeenkomst").meeting == meeting


def test_a_member_chooses_only_meetings_they_were_invited_to(client, world):
    from inspraak.agenda.models import Invitation

    member = world.user("member")
    invited, other = _meeting(world, days_ago=3), _meeting(world, days_ago=4)
    Invitation.objects.create(meeting=invited, user=member, channel="email")
    client.force_login(member)
    html = client.get(_url(world, "new")).content.decode()
    assert f'value="m{invited.pk}"' in html and f'value="m{other.pk}"' not in html
    response = client.post(_url(world, "new"), _form(occasion=f"m{other.pk}", no_receipt_reason="x"))
    assert 'id="id_occasion_error"' in response.content.decode()


# ---------------------------------------------------------------- mine, change, withdraw


def test_a_member_sees_only_their_own_claims(client, world):
    client.force_login(world.user("member"))
    html = client.get(_url(world, "mine")).content.decode()
    assert "€\u00a04,60" in html and CLIENT_SECRET not in html and "€\u00a012,00" not in html


def test_a_member_changes_a_claim_while_it_waits_and_the_receipt_stays(client, world):
    own = claims_data(world).own
    client.force_login(world.user("member"))
    response = client.post(
        _url(world, "edit", pk=own.pk),
        {"kind": "ov", "spent_on": YESTERDAY, "amount": "5,20", "description": "Bus", "version": own.version},
    )
    own.refresh_from_db()
    assert response.status_code == 302 and own.amount == Decimal("5.20") and own.receipt
    assert "amount" in ClaimEvent.objects.filter(claim=own).latest("pk").changed_fields


def test_a_second_change_based_on_an_old_version_is_refused_and_keeps_what_was_typed(client, world):
    own = claims_data(world).own
    client.force_login(world.user("member"))
    data = {"kind": "ov", "spent_on": YESTERDAY, "amount": "5,20", "description": "Bus", "version": own.version}
    client.post(_url(world, "edit", pk=own.pk), data)
    html = client.post(_url(world, "edit", pk=own.pk), {**data, "amount": "9,99"}).content.decode()
    own.refresh_from_db()
    assert "Iemand anders heeft dit net opgeslagen" in html and 'value="9,99"' in html
    assert own.amount == Decimal("5.20")


def test_a_member_withdraws_a_waiting_claim_and_its_receipt_is_deleted(
    client, world, django_capture_on_commit_callbacks
):
    own = claims_data(world).own
    storage, name = own.receipt.storage, own.receipt.name
    assert storage.exists(name)
    client.force_login(world.user("member"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(world, "withdraw", pk=own.pk), {"version": own.version})
    own.refresh_from_db()
    assert response.status_code == 302 and own.status == ClaimStatus.WITHDRAWN
    assert not own.receipt and own.receipt_removed_at and not storage.exists(name)
    assert "Ingetrokken" in client.get(_url(world, "mine")).content.decode()


def test_a_decided_claim_can_no_longer_be_changed_or_withdrawn(client, world):
    own = claims_data(world).own
    services.claim_decide(claim=own, by=world.user("secretary"), approve=True)
    client.force_login(world.user("member"))
    assert client.get(_url(world, "edit", pk=own.pk)).status_code == 403
    assert client.post(_url(world, "withdraw", pk=own.pk)).status_code == 403
    own.refresh_from_db()
    assert own.status == ClaimStatus.APPROVED


# ---------------------------------------------------------------- deciding


def test_the_secretary_approves_and_the_member_gets_an_email(client, world, django_capture_on_commit_callbacks):
    own = claims_data(world).own
    client.force_login(world.user("secretary"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(world, "detail", pk=own.pk), {"decision": "goedkeuren", "version": own.version})
    own.refresh_from_db()
    assert response.status_code == 302 and own.status == ClaimStatus.APPROVED
    assert own.decided_by == world.user("secretary") and own.decided_at
    from inspraak.core.models import OutgoingEmail

    email = OutgoingEmail.objects.filter(to=world.user("member").email).latest("pk")
    assert "goedgekeurd" in email.subject and "€\u00a04,60" in email.body


def test_finance_rejects_with_a_reason_and_a_member_on_paper_gets_a_letter(client, world):
    person = paper_member(world)
    claim = services.claim_submit(
        body=world.body,
        user=person,
        by=world.user("secretary"),
        channel="brief",
        data=services.ClaimInput(
            kind=ClaimKind.OTHER, spent_on=TODAY, amount=Decimal("8"), description="Taxi", no_receipt_reason="Brief"
        ),
    )
    client.force_login(world.user("finance"))
    refused = client.post(_url(world, "detail", pk=claim.pk), {"decision": "afwijzen", "reason": ""})
    assert 'id="id_reason_error"' in refused.content.decode()
    client.post(_url(world, "detail", pk=claim.pk), {"decision": "afwijzen", "reason": "Taxi alleen na overleg."})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED and claim.decision_reason == "Taxi alleen na overleg."
    (letter,) = pending_letters(person, Letter.Kind.CLAIM)
    assert "afgewezen" in letter.subject and "Taxi alleen na overleg." in letter.text
    assert_plain_letter(letter)
    client.force_login(person)
    assert "Taxi alleen na overleg." in client.get(_url(world, "mine")).content.decode()


def test_when_two_decide_at_once_the_second_gets_a_clear_message_and_nothing_is_lost(client, world):
    client_claim = claims_data(world).client
    services.claim_decide(claim=client_claim, by=world.user("finance"), approve=True, version=client_claim.version)
    client.force_login(world.user("secretary"))
    response = client.post(
        _url(world, "detail", pk=client_claim.pk),
        {"decision": "afwijzen", "reason": "Te laat", "version": client_claim.version},
        follow=True,
    )
    client_claim.refresh_from_db()
    assert "Iemand anders heeft net over deze declaratie beslist" in response.content.decode()
    assert client_claim.status == ClaimStatus.APPROVED and client_claim.decided_by == world.user("finance")


def test_the_service_refuses_a_second_decision(world):
    claim = claims_data(world).client
    services.claim_decide(claim=claim, by=world.user("finance"), approve=True)
    with pytest.raises(services.ClaimError) as error:
        services.claim_decide(claim=claim, by=world.user("secretary"), approve=False, reason="Nee")
    assert error.value.code == "already_decided"


def test_nobody_decides_on_their_own_claim(client, world):
    secretary = world.user("secretary")
    from inspraak.accounts.models import Role, RoleAssignment

    RoleAssignment.objects.create(user=secretary, role=Role.MEMBER, region=world.region, body=world.body)
    own = services.claim_submit(
        body=world.body,
        user=secretary,
        by=secretary,
        data=services.ClaimInput(
            kind=ClaimKind.OTHER, spent_on=TODAY, amount=Decimal("3"), description="Koffie", no_receipt_reason="x"
        ),
    )
    with pytest.raises(services.ClaimError) as error:
        services.claim_decide(claim=own, by=secretary, approve=True)
    assert error.value.code == "own_claim"
    client.force_login(secretary)
    html = client.get(_url(world, "detail", pk=own.pk)).content.decode()
    assert "Iemand anders beslist erover" in html and 'name="decision"' not in html
    assert client.post(_url(world, "detail", pk=own.pk), {"decision": "goedkeuren"}).status_code == 403


def test_the_beheerder_may_look_but_not_decide(client, world):
    claim = claims_data(world).client
    client.force_login(world.user("admin"))
    html = client.get(_url(world, "detail", pk=claim.pk)).content.decode()
    assert CLIENT_SECRET in html and 'name="decision"' not in html


# ---------------------------------------------------------------- the secretary enters a paper claim


def test_the_secretary_enters_a_paper_claim_for_a_member_without_email(client, world):
    person = paper_member(world)
    client.force_login(world.user("secretary"))
    form = client.get(_url(world, "paper")).content.decode()
    assert person.name in form
    response = client.post(
        _url(world, "paper"),
        _form(member=person.pk, channel="telefoon", no_receipt_reason="Doorgegeven per telefoon"),
    )
    claim = ExpenseClaim.objects.get(user=person)
    assert response.status_code == 302
    assert claim.channel == "telefoon" and claim.entered_by == world.user("secretary")
    html = client.get(_url(world, "detail", pk=claim.pk)).content.decode()
    assert "doorgegeven per telefoon" in html


def test_a_paper_claim_needs_how_it_came_in(client, world):
    person = paper_member(world)
    client.force_login(world.user("secretary"))
    html = client.post(_url(world, "paper"), _form(member=person.pk, no_receipt_reason="x")).content.decode()
    assert 'id="id_channel_error"' in html


# ---------------------------------------------------------------- receipts


def test_a_photo_receipt_is_shown_inline_and_never_sniffed(client, world):
    client.force_login(world.user("finance"))
    response = client.get(_url(world, "receipt", pk=claims_data(world).own.pk))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline") and response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_a_pdf_receipt_is_always_downloaded(client, world):
    client.force_login(world.user("member"))
    client.post(_url(world, "new"), _form(receipt=SimpleUploadedFile("x.pdf", TINY_PDF)))
    claim = ExpenseClaim.objects.get(description="Bus naar de bijeenkomst")
    response = client.get(_url(world, "receipt", pk=claim.pk))
    assert response["Content-Disposition"].startswith("attachment") and response["Content-Type"] == "application/pdf"


def test_a_claim_without_receipt_has_no_download(client, world):
    client.force_login(world.user("secretary"))
    assert client.get(_url(world, "receipt", pk=claims_data(world).client.pk)).status_code == 404


def test_a_claim_of_another_group_is_not_found_through_this_group(client, world):
    from tests.factories import BodyFactory

    other = BodyFactory(region=world.region, name="Andere groep", slug="andere")
    client.force_login(world.user("finance"))
    url = reverse("claims:detail", args=[world.region.slug, other.slug, claims_data(world).own.pk])
    assert client.get(url).status_code == 404


# ---------------------------------------------------------------- lists and query counts


def _more_claims(world, n=3):
    def grow():
        for i in range(n):
            person = paper_member(world, name=f"Lid {i}")
            services.claim_submit(
                body=world.body,
                user=person,
                by=world.user("secretary"),
                channel="brief",
                data=services.ClaimInput(
                    kind=ClaimKind.OTHER,
                    spent_on=TODAY,
                    amount=Decimal("2"),
                    description=f"Kosten {i}",
                    no_receipt_reason="x",
                ),
            )

    return grow


def test_the_list_filters_by_status(client, world):
    services.claim_decide(claim=claims_data(world).client, by=world.user("finance"), approve=True)
    client.force_login(world.user("secretary"))
    waiting = client.get(_url(world, "list")).content.decode()
    approved = client.get(_url(world, "list") + "?status=goedgekeurd").content.decode()
    assert "€\u00a04,60" in waiting and "€\u00a012,00" not in waiting
    assert "€\u00a012,00" in approved and "€\u00a04,60" not in approved


def test_finance_sees_the_claims_of_every_group_of_the_region(client, world):
    client.force_login(world.user("finance"))
    html = client.get(reverse("claims:region_list", args=[world.region.slug])).content.decode()
    assert world.body.name in html and "€\u00a04,60" in html and "€\u00a012,00" in html


@pytest.mark.parametrize(
    ("actor", "name", "kwargs"),
    [
        ("secretary", "list", {}),
        ("finance", "region_list", None),
        ("member", "mine", {}),
        ("member", "new", {}),
        ("secretary", "paper", {}),
    ],
)
def test_claim_pages_run_a_fixed_number_of_queries(client, world, actor, name, kwargs):
    client.force_login(world.user(actor))
    url = reverse("claims:region_list", args=[world.region.slug]) if kwargs is None else _url(world, name)
    if name == "mine":

        def grow():
            for i in range(3):
                services.claim_submit(
                    body=world.body,
                    user=world.user("member"),
                    by=world.user("member"),
                    data=services.ClaimInput(
                        kind=ClaimKind.OTHER,
                        spent_on=TODAY,
                        amount=Decimal("2"),
                        description=f"K {i}",
                        no_receipt_reason="x",
                        meeting=_meeting(world, days_ago=i + 1),
                    ),
                )

        assert_constant_queries(client, url, grow)
    else:
        assert_constant_queries(
            client, url + ("?status=" if name in ("list", "region_list") else ""), _more_claims(world)
        )


def test_the_claim_page_runs_a_fixed_number_of_queries(client, world):
    claim = claims_data(world).client
    client.force_login(world.user("secretary"))

    def grow():
        for _ in range(3):
            ClaimEvent.objects.create(claim=claim, by=world.user("finance"), note="gezien")

    assert_constant_queries(client, _url(world, "detail", pk=claim.pk), grow)


# ---------------------------------------------------------------- paging (issue 15)


def _many_claims(world, n, *, status=ClaimStatus.PAID):
    person = world.user("member")
    ExpenseClaim.objects.bulk_create(
        ExpenseClaim(
            body=world.body,
            user=person,
            kind=ClaimKind.OTHER,
            spent_on=TODAY - datetime.timedelta(days=i // 2),  # two claims a day: the cursor also orders by id
            amount=Decimal("1.00") + i,
            description=f"Kosten {i}",
            no_receipt_reason="x",
            status=status,
        )
        for i in range(n)
    )


def _shown_amounts(html: str) -> list[str]:
    return re.findall(r'data-label="Bedrag">([^<]+)</td>', html)


@pytest.mark.parametrize("actor", ["secretary", "finance"])
def test_the_claims_list_shows_25_a_page_and_links_to_the_older_ones_keeping_the_filter(client, world, actor):
    _many_claims(world, 30)
    client.force_login(world.user(actor))
    base = _url(world, "list") if actor == "secretary" else reverse("claims:region_list", args=[world.region.slug])
    first = client.get(base + "?status=betaald").content.decode()
    assert len(_shown_amounts(first)) == 25
    older = re.search(r'href="(\?status=betaald&amp;na=[0-9-]+)">Oudere declaraties', first)
    assert older, "the first page links to the next, older page with the same filter"
    assert "Naar de nieuwste declaraties" not in first
    second = client.get(base + older.group(1).replace("&amp;", "&")).content.decode()
    rest = _shown_amounts(second)
    assert len(rest) == 5 and not set(rest) & set(_shown_amounts(first))
    assert "Oudere declaraties" not in second and 'href="?status=betaald">Naar de nieuwste declaraties' in second
    # The filter links still count every paid claim.
    assert "Betaald (30)" in second


def test_a_page_of_the_claims_list_runs_a_fixed_number_of_queries(client, world):
    _many_claims(world, 30)
    client.force_login(world.user("finance"))
    first = client.get(reverse("claims:region_list", args=[world.region.slug]) + "?status=").content.decode()
    older = re.search(r'href="\?(status=&amp;na=[0-9-]+)"', first).group(1).replace("&amp;", "&")
    assert_constant_queries(
        client, reverse("claims:region_list", args=[world.region.slug]) + "?" + older, _more_claims(world, n=30)
    )


def test_a_broken_cursor_shows_the_newest_claims(client, world):
    _many_claims(world, 30)
    client.force_login(world.user("secretary"))
    for cursor in ("x", "2026-1", "20261399-4", "99999999999999999999-1"):
        html = client.get(_url(world, "list") + f"?status=betaald&na={cursor}").content.decode()
        assert len(_shown_amounts(html)) == 25 and "Naar de nieuwste declaraties" not in html


def test_the_status_counts_stop_at_the_cap(client, world, monkeypatch):
    from inspraak.claims import selectors

    monkeypatch.setattr(selectors, "COUNT_CAP", 10)
    _many_claims(world, 12)
    client.force_login(world.user("secretary"))
    html = client.get(_url(world, "list") + "?status=betaald").content.decode()
    assert "Betaald (meer dan 10)" in html and "Alle (meer dan " in html
    assert selectors.status_counts(body_ids=[world.body.pk])[ClaimStatus.PAID] == 11


def test_a_members_own_claims_show_25_a_page_and_link_to_the_older_ones(client, world):
    _many_claims(world, 27)
    client.force_login(world.user("member"))
    total = ExpenseClaim.objects.filter(user=world.user("member"), body=world.body).count()
    first = client.get(_url(world, "mine")).content.decode()
    assert first.count('<li class="inspraak-card">') == 25
    older = re.search(r'href="(\?na=[0-9-]+)">Oudere declaraties', first)
    assert older and "Naar de nieuwste declaraties" not in first
    second = client.get(_url(world, "mine") + older.group(1)).content.decode()
    assert second.count('<li class="inspraak-card">') == total - 25
    links = set(re.findall(r'href="([^"]+/declaraties/\d+/)"', first))
    assert not links & set(re.findall(r'href="([^"]+/declaraties/\d+/)"', second))
    assert "Oudere declaraties" not in second and 'href="?">Naar de nieuwste declaraties' in second


def test_the_prepared_claims_page_gives_the_orms_rows_for_every_filter_and_cursor(world):
    # Issue 15: the claims list's page is built once per shape (core.prepared); each shape gives the ORM's rows, and
    # for several groups the page read from the cut-off day on (all, paid, rejected) is the page read in full.
    from functools import partial

    from inspraak.claims import selectors
    from inspraak.core import prepared

    _many_claims(world, 30)
    _many_claims(world, 4, status=ClaimStatus.APPROVED)
    person = world.user("member")
    for i, status in enumerate([ClaimStatus.PAID] * 12 + [ClaimStatus.REJECTED] * 3):
        ExpenseClaim.objects.create(
            body=world.municipal_body,
            user=person,
            kind=ClaimKind.OTHER,
            spent_on=TODAY - datetime.timedelta(days=i),
            amount=Decimal("2.00") + i,
            description=f"Elders {i}",
            no_receipt_reason="x",
            status=status,
            decision_reason="te laat" if status == ClaimStatus.REJECTED else "",
        )
    prepared.forget_shapes()
    body_ids = sorted([world.body.pk, world.municipal_body.pk])
    day, pk = selectors.read_day_cursor(selectors.claims_page(body_ids=body_ids, status="").older)
    for status in ("", ClaimStatus.PAID, ClaimStatus.APPROVED, ClaimStatus.REJECTED):
        for cursor in ({}, {"day": day, "before_pk": pk}):
            values = {"body_ids": body_ids, **({"status": status} if status else {}), **cursor}
            expected = list(selectors._claims_page_query(**values))
            for cut in (False, True):
                build = partial(selectors._claims_page_query, cut=cut)
                assert list(build(**values)) == expected, (status, cursor, cut)
                key = ("test", bool(status), bool(cursor), cut)
                assert prepared.prepared_rows(key, build, **values) == expected
                assert prepared.prepared_rows(key, build, **values) == expected
            assert expected or (status != "" and cursor)
            page = selectors.claims_page(
                body_ids=body_ids, status=status, after=selectors.day_cursor(day, pk) if cursor else ""
            )
            assert page.rows == expected[: selectors.PAGE_SIZE]
    assert prepared._NOT_PREPARED not in prepared._shapes.values()
    groups = selectors.region_bodies(world.region)
    assert [(g.pk, g.name, g.slug) for g in groups] == [
        (b.pk, b.name, b.slug) for b in world.region.bodies.order_by("name", "pk")
    ]
