"""Consent for SMS reminders: the member switches it on and off on their own page, the secretary records what the
member said; only with a Dutch mobile number; every statement kept and audited; the member page shows whether the
last SMS arrived."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from inspraak.audit.models import AuditEvent
from inspraak.core.models import OutgoingSms
from inspraak.members import services
from inspraak.members.models import ConsentRecord, Membership

pytestmark = pytest.mark.django_db

NO_MOBILE = "Voor een sms is een mobiel nummer nodig dat begint met 06."


def _url(world, name, **extra):
    return reverse(f"members:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, **extra})


def _own(client, world, **data):
    client.force_login(world.user("member"))
    return client.post(_url(world, "own"), {"gegevens-contact_email": world.user("member").email, **data})


def _membership(world) -> Membership:
    return Membership.objects.get(pk=world.member_membership.pk)


def test_a_member_switches_sms_reminders_on_and_off_on_their_own_page(client, world):
    client.force_login(world.user("member"))
    html = client.get(_url(world, "own")).content.decode()
    assert "Herinnering per sms" in html and 'name="sms-sms_consent"' in html
    response = _own(client, world, **{"gegevens-contact_phone": "06 1234 5678", "sms-sms_consent": "on"})
    assert response.status_code == 302
    membership = _membership(world)
    assert membership.sms_consent and membership.sms_number == "+31612345678"
    record = ConsentRecord.objects.get(membership=membership, kind=ConsentRecord.Kind.SMS)
    assert (record.granted, record.source, record.recorded_by) == (True, "zelf", world.user("member"))
    give = AuditEvent.objects.get(action="consent.give")
    assert give.changed_fields == ["sms_consent"]

    response = _own(client, world, **{"gegevens-contact_phone": "06 1234 5678"})  # the box unticked
    assert response.status_code == 302
    assert not _membership(world).sms_consent
    statements = ConsentRecord.objects.filter(membership=membership, kind=ConsentRecord.Kind.SMS)
    assert [r.granted for r in statements.order_by("at", "pk")] == [True, False]
    assert AuditEvent.objects.filter(action="consent.withdraw", changed_fields=["sms_consent"]).count() == 1


def test_sms_without_a_mobile_number_gets_a_message_next_to_the_question_and_keeps_what_was_typed(client, world):
    response = _own(
        client,
        world,
        **{"gegevens-contact_phone": "0299 123456", "gegevens-needs_other": "Een stoel", "sms-sms_consent": "on"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert NO_MOBILE in html and 'id="id_sms-sms_consent_error"' in html
    assert 'value="0299 123456"' in html and "Een stoel" in html
    membership = _membership(world)
    assert not membership.sms_consent and membership.contact_phone != "0299 123456"
    assert not ConsentRecord.objects.filter(kind=ConsentRecord.Kind.SMS).exists()


def test_the_secretary_records_consent_given_by_phone(client, world):
    Membership.objects.filter(pk=world.client_membership.pk).update(contact_phone="")
    client.force_login(world.user("secretary"))
    url = _url(world, "consent", pk=world.client_membership.pk)
    html = client.get(url).content.decode()
    assert "Het lid wil een sms als herinnering" in html and "Mondeling gegeven is genoeg" in html
    response = client.post(url, {"sms_consent": "on"})
    assert response.status_code == 200 and NO_MOBILE in response.content.decode()
    Membership.objects.filter(pk=world.client_membership.pk).update(contact_phone="+31 6 87654321")
    response = client.post(url, {"sms_consent": "on"})
    assert response.status_code == 302
    record = ConsentRecord.objects.get(membership=world.client_membership, kind=ConsentRecord.Kind.SMS)
    assert (record.granted, record.source, record.recorded_by) == (True, "vastgelegd", world.user("secretary"))
    detail = client.get(_url(world, "detail", pk=world.client_membership.pk)).content.decode()
    assert "ja, naar 06 8765 4321" in detail
    assert "Ik wil een herinnering per sms" in detail and "Vastgelegd door de secretaris" in detail


def test_the_member_page_tells_the_secretary_when_the_last_sms_did_not_arrive(client, world):
    membership = world.client_membership
    Membership.objects.filter(pk=membership.pk).update(contact_phone="0687654321", sms_consent=True)
    OutgoingSms.objects.create(
        person=world.client,
        to="+31687654321",
        text="Herinnering",
        region=world.region,
        status="failed",
        next_attempt_at=timezone.now(),
        last_error="HTTP 400",
    )
    client.force_login(world.user("secretary"))
    html = client.get(_url(world, "detail", pk=membership.pk)).content.decode()
    assert "is niet gelukt" in html and "Bel het lid en kijk of het nummer klopt." in html


def test_consent_without_a_mobile_number_is_refused_by_the_service_too(world):
    with pytest.raises(services.MembersError) as error:
        services.consent_set(
            membership=world.member_membership, kind=ConsentRecord.Kind.SMS, granted=True, source="zelf", by=None
        )
    assert error.value.code == "no_mobile"


def test_a_landline_after_consent_means_no_number_to_send_to(world, client):
    Membership.objects.filter(pk=world.client_membership.pk).update(contact_phone="020 1234567", sms_consent=True)
    client.force_login(world.user("secretary"))
    html = client.get(_url(world, "detail", pk=world.client_membership.pk)).content.decode()
    assert "ja, maar er is geen mobiel nummer (06…): er gaat geen sms" in html


def test_with_sms_switched_off_nobody_is_asked(client, world, settings):
    settings.SMS_BACKEND = "inspraak.core.sms.DisabledBackend"
    client.force_login(world.user("member"))
    assert "sms_consent" not in client.get(_url(world, "own")).content.decode()
    client.force_login(world.user("secretary"))
    assert "sms_consent" not in client.get(_url(world, "consent", pk=world.client_membership.pk)).content.decode()
    detail = client.get(_url(world, "detail", pk=world.client_membership.pk)).content.decode()
    assert "Herinnering per sms" not in detail


@pytest.mark.browser  # what a browser gets (the W3C validator); CI runs it once
def test_the_changed_pages_are_valid_html_in_every_sms_state(client, world, tmp_path):
    from tests.quality.html import assert_valid_html

    pages = {}
    client.force_login(world.user("member"))
    pages["own page"] = client.get(_url(world, "own")).content
    error = _own(client, world, **{"gegevens-contact_phone": "020 1234567", "sms-sms_consent": "on"})
    assert error.status_code == 200
    pages["own page with the SMS error"] = error.content
    Membership.objects.filter(pk=world.client_membership.pk).update(contact_phone="0687654321", sms_consent=True)
    OutgoingSms.objects.create(
        person=world.client,
        to="+31687654321",
        text="Herinnering",
        region=world.region,
        status="failed",
        next_attempt_at=timezone.now(),
    )
    client.force_login(world.user("secretary"))
    pages["member page, last SMS failed"] = client.get(_url(world, "detail", pk=world.client_membership.pk)).content
    pages["consent page"] = client.get(_url(world, "consent", pk=world.client_membership.pk)).content
    Membership.objects.filter(pk=world.client_membership.pk).update(contact_phone="")
    refused = client.post(_url(world, "consent", pk=world.client_membership.pk), {"sms_consent": "on"})
    assert refused.status_code == 200
    pages["consent page with the SMS error"] = refused.content
    assert_valid_html(pages, tmp_path)


def test_the_secretary_adding_a_paper_member_records_sms_consent_given_on_the_phone(client, world):
    client.force_login(world.user("secretary"))
    data = {
        "name": "Kees Papier",
        "email": "",
        "status": "actief",
        "body_role": "lid",
        "category": "client",
        "municipality": world.municipality.pk,
        "term_start": "2026-01-01",
        "term_end": "",
        "contact_phone": "0299 123456",
        "contact_address": "Dorpsstraat 2, Zeedorp",
        "sms_consent": "on",
    }
    response = client.post(_url(world, "new"), data)
    assert response.status_code == 200 and NO_MOBILE in response.content.decode()
    assert not Membership.objects.filter(user__name="Kees Papier").exists()
    response = client.post(_url(world, "new"), {**data, "contact_phone": "06 1111 2222"})
    assert response.status_code == 302
    membership = Membership.objects.get(user__name="Kees Papier")
    assert membership.sms_number == "+31611112222"
    record = ConsentRecord.objects.get(membership=membership, kind=ConsentRecord.Kind.SMS)
    assert (record.granted, record.source) == (True, "vastgelegd")
