"""Claims and receipts in a person's data (export, erasure), the retention of receipts and marking claims paid."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder

from inspraak.audit.models import AuditEvent
from inspraak.claims import rules, selectors, services
from inspraak.claims.models import ClaimEvent, ClaimKind, ClaimStatus, ExpenseClaim
from inspraak.core import privacy_registry as registry
from inspraak.privacy.services import person_erase, person_export
from tests.claims.data import CLIENT_SECRET, claims_data, tiny_png
from tests.world import TODAY

pytestmark = pytest.mark.django_db
WORLD_DATA = (claims_data,)


def _paid(world, claim, *, paid_on=TODAY):
    services.claim_decide(claim=claim, by=world.user("secretary"), approve=True)
    assert services.claims_mark_paid(claims=[claim], paid_on=paid_on, reference="BATCH-1", by=world.user("finance"))
    claim.refresh_from_db()
    return claim


# ---------------------------------------------------------------- marking paid (the payments helper's interface)


def test_approved_claims_are_listed_unpaid_and_marked_paid_once(world):
    data = claims_data(world)
    services.claim_decide(claim=data.own, by=world.user("secretary"), approve=True)
    unpaid = list(selectors.approved_unpaid(body_ids=[world.body.pk]))
    assert unpaid == [data.own]
    audits = AuditEvent.objects.count()
    marked = services.claims_mark_paid(
        claims=[data.own, data.client], paid_on=TODAY, reference="UIT-2026-12", by=world.user("finance")
    )
    data.own.refresh_from_db()
    assert marked == 1  # the client's claim is not approved: skipped
    assert data.own.status == ClaimStatus.PAID and data.own.paid_on == TODAY
    assert data.own.payment_reference == "UIT-2026-12"
    assert AuditEvent.objects.count() == audits + 1
    assert ClaimEvent.objects.filter(claim=data.own, to_status=ClaimStatus.PAID).count() == 1
    assert services.claims_mark_paid(claims=[data.own], paid_on=TODAY, reference="again", by=world.user("finance")) == 0
    assert list(selectors.approved_unpaid(body_ids=[world.body.pk])) == []


def test_approved_unpaid_runs_one_query(world, django_assert_num_queries):
    services.claim_decide(claim=claims_data(world).own, by=world.user("secretary"), approve=True)
    with django_assert_num_queries(1):
        rows = list(selectors.approved_unpaid(body_ids=[world.body.pk]))
        assert rows[0].user.name and rows[0].body.region.slug


# ---------------------------------------------------------------- retention


@pytest.mark.parametrize(
    ("status", "paid_days_ago", "expired"),
    [
        (ClaimStatus.PAID, 731, True),
        (ClaimStatus.PAID, 730, False),
        (ClaimStatus.APPROVED, None, False),
        (ClaimStatus.SUBMITTED, None, False),
    ],
)
def test_the_retention_rule(status, paid_days_ago, expired):
    paid_on = TODAY - datetime.timedelta(days=paid_days_ago) if paid_days_ago else None
    assert (
        rules.receipt_expired(status=status, paid_on=paid_on, decided_on=None, today=TODAY, retention_days=730)
        is expired
    )


def test_prune_receipts_deletes_old_receipts_and_keeps_the_payment(world, settings, django_capture_on_commit_callbacks):
    own = _paid(world, claims_data(world).own, paid_on=TODAY - datetime.timedelta(days=800))
    storage, name = own.receipt.storage, own.receipt.name
    settings.INSPRAAK_RECEIPT_RETENTION_DAYS = 730
    with django_capture_on_commit_callbacks(execute=True):
        call_command("prune_receipts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    own.refresh_from_db()
    assert not own.receipt and own.receipt_removed_at and not storage.exists(name)
    assert own.amount == Decimal("4.60") and own.status == ClaimStatus.PAID and own.paid_on
    assert AuditEvent.objects.filter(action="claim.receipt_pruned", target_id=str(own.pk)).exists()


def test_prune_receipts_keeps_receipts_within_the_period_and_of_open_claims(world, settings):
    own = _paid(world, claims_data(world).own, paid_on=TODAY - datetime.timedelta(days=10))
    settings.INSPRAAK_RECEIPT_RETENTION_DAYS = 730
    call_command("prune_receipts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    own.refresh_from_db()
    assert own.receipt


def test_a_deleted_receipt_is_explained_on_the_claim_page(client, world):
    own = _paid(world, claims_data(world).own, paid_on=TODAY - datetime.timedelta(days=800))
    services.receipts_prune(today=TODAY, retention_days=730)
    client.force_login(world.user("member"))
    from django.urls import reverse

    html = client.get(reverse("claims:detail", args=[world.region.slug, world.body.slug, own.pk])).content.decode()
    assert "De bon is niet meer bewaard." in html


# ---------------------------------------------------------------- privacy


def test_claims_and_their_history_are_a_registered_part():
    part = next(p for p in registry.parts() if p.name == "claims")
    assert "claims.ExpenseClaim" in part.models
    assert "claims.ClaimEvent" in registry.covered()


def test_the_export_holds_the_persons_claims_without_other_peoples_names(world):
    data = claims_data(world)
    services.claim_decide(claim=data.own, by=world.user("secretary"), approve=False, reason="Dubbel ingediend")
    export = person_export(person=world.user("member"), by=world.user("member"))
    text = DjangoJSONEncoder().encode(export)
    (claim,) = export["sections"]["claims"]
    assert claim["description"] == "Bus naar de bijeenkomst en terug" and claim["amount"] == Decimal("4.60")
    assert claim["has_receipt"] and claim["decision_reason"] == "Dubbel ingediend"
    assert world.user("secretary").name not in text and CLIENT_SECRET not in text


def test_erasure_deletes_open_claims_and_keeps_paid_ones_as_a_bare_financial_record(
    world, django_capture_on_commit_callbacks
):
    member = world.user("member")
    paid = _paid(world, claims_data(world).own)
    storage, name = paid.receipt.storage, paid.receipt.name
    waiting = services.claim_submit(
        body=world.body,
        user=member,
        by=member,
        data=services.ClaimInput(
            kind=ClaimKind.OTHER,
            spent_on=TODAY,
            amount=Decimal("3"),
            description="Geheime uitleg van het lid",
            receipt=services.documents.check_document(tiny_png(), allowed=services.RECEIPT_KINDS),
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        person_erase(person=member, region=world.region, by=world.user("admin"))
    assert not ExpenseClaim.objects.filter(pk=waiting.pk).exists()
    paid.refresh_from_db()
    assert paid.status == ClaimStatus.PAID and paid.amount == Decimal("4.60") and paid.spent_on
    assert paid.paid_on == TODAY and paid.payment_reference == "BATCH-1"
    assert paid.description == "" and not paid.receipt and paid.no_receipt_reason == ""
    assert not storage.exists(name)
    assert not ExpenseClaim.objects.filter(description__contains="Geheime uitleg").exists()
    assert AuditEvent.objects.filter(action="person.erase_part", changed_fields__icontains="claims").exists()
