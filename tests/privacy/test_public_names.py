"""No client is named in a text that becomes public (probe findings M2 and L4).

The check (inspraak.core.names) runs when advice is adopted or sent, on the body's reaction to a response, on a
declined request's reason, on responses and reasons recorded by officers, on the GR's reactions to a public feedback
report, on a public agenda, and (already) on minutes and feedback reports. Each step warns on the page before and
refuses with a Dutch message that quotes what was written.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts.models import Role
from inspraak.advice import services as advice_services
from inspraak.advice.models import AdoptedHow, Advice, AdviceStatus, Recommendation, RequestStatus, Response
from inspraak.agenda import services as agenda_services
from inspraak.agenda.models import AgendaItem, ItemSource
from inspraak.meetings.models import MeetingStatus
from inspraak.members import selectors as member_selectors
from inspraak.members.models import Category, Membership
from inspraak.records import services as record_services
from inspraak.records.models import FeedbackRecommendation, FeedbackReport, Minutes
from tests.advice.data import advice_data, new_proposal, new_request, sent_advice
from tests.factories import BodyFactory, RoleAssignmentFactory, UserFactory
from tests.meetings.data import upcoming
from tests.records.data import records

pytestmark = pytest.mark.django_db

KEES = "Kees Jansen"
NAMED_TEXT = "Kees Jansen uit Havenstad vertelde over zijn schulden."
NAMED_RECOMMENDATION = "Luister naar Kees Jansen en neem hem serieus."
REFUSED = "noemt een cliënt die niet met naam openbaar genoemd wil worden"


def _client_member(world, name=KEES, *, body=None, consent=False, category=Category.CLIENT):
    body = body or world.body
    person = UserFactory(name=name, email=f"{name.split()[0].lower()}@example.org")
    RoleAssignmentFactory(user=person, role=Role.MEMBER, region=body.region, body=body)
    Membership.objects.create(
        body=body,
        user=person,
        body_role="lid",
        category=category,
        municipality=world.municipality,
        term_start=datetime.date(2025, 1, 1),
        term_end=datetime.date(2028, 12, 31),
        contact_email=person.email,
        consent_named_publicly=consent,
    )
    return person


def _advice_url(world, name, advice):
    return reverse(f"advice:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, "pk": advice.pk})


def _named_draft(world):
    draft = advice_data(world).draft
    Advice.objects.filter(pk=draft.pk).update(text=NAMED_TEXT)
    Recommendation.objects.filter(advice=draft, number=1).update(text=NAMED_RECOMMENDATION)
    return Advice.objects.get(pk=draft.pk)


def _public_pages(world, advice) -> str:
    anonymous = Client()
    pages = [
        reverse("register:index", args=[world.region.slug]),
        reverse("register:csv", args=[world.region.slug]),
        reverse("api:advices", args=[world.region.slug]),
    ]
    out = [b"".join(anonymous.get(url)).decode() for url in pages]
    response = anonymous.get(reverse("register:advice", args=[world.region.slug, advice.pk]))
    out.append(response.content.decode())
    return "\n".join(out)


# ---------------------------------------------------------------- who is private


def test_private_names_are_the_region_s_clients_without_public_consent(world):
    _client_member(world, KEES)
    _client_member(world, "Open Mens", consent=True)
    _client_member(world, "Ander Orgaan", body=BodyFactory(region=world.region))
    _client_member(world, "Buiten Regio", body=world.other_body)
    _client_member(world, "Des Kundige", category=Category.EXPERT)
    names = member_selectors.private_client_names(world.body)
    assert KEES in names and "Ander Orgaan" in names and "Geheime Cliënt" in names
    assert "Open Mens" not in names and "Buiten Regio" not in names and "Des Kundige" not in names


def test_an_erased_person_has_no_name_to_check(world):
    kees = _client_member(world, KEES)
    kees.erased_at = timezone.now()
    kees.save(update_fields=["erased_at"])
    assert KEES not in member_selectors.private_client_names(world.body)


# ---------------------------------------------------------------- advice (M2)


def test_probe_m2_adopting_advice_that_names_a_client_is_refused_with_a_dutch_message(client, world):
    _client_member(world)
    draft = _named_draft(world)
    client.force_login(world.user("secretary"))
    page = client.get(_advice_url(world, "adopt", draft)).content.decode()
    assert REFUSED in page and "“Kees Jansen”" in page  # the warning before adopting

    response = client.post(
        _advice_url(world, "adopt", draft),
        {"adopted_on": timezone.localdate().isoformat(), "adopted_how": "vergadering"},
    )
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert Advice.objects.get(pk=draft.pk).status == AdviceStatus.DRAFT
    assert KEES not in _public_pages(world, draft)


@pytest.mark.parametrize(
    "written",
    ["Jansen, Kees", "K. Jansen", "Kees J.", "meneer Jansen", "mw. Jansen", "Kees\u200b Jansen", "Kees Jan\u00adsen"],
)
def test_probe_l4_adopting_refuses_the_usual_variants(world, written):
    _client_member(world)
    draft = advice_data(world).draft
    Advice.objects.filter(pk=draft.pk).update(text=f"Volgens {written} is de brief te moeilijk.")
    with pytest.raises(advice_services.AdviceError) as error:
        advice_services.advice_adopt(
            advice=draft, by=world.user("secretary"), adopted_on=timezone.localdate(), adopted_how=AdoptedHow.MEETING
        )
    assert error.value.code == "client_named"
    assert error.value.fragments == [written.replace("\u200b", "").replace("\u00ad", "")]


def test_a_client_who_agreed_to_be_named_publicly_may_be_named(world):
    _client_member(world, consent=True)
    draft = _named_draft(world)
    adopted = advice_services.advice_adopt(
        advice=draft, by=world.user("secretary"), adopted_on=timezone.localdate(), adopted_how=AdoptedHow.MEETING
    )
    assert adopted.status == AdviceStatus.ADOPTED


def test_probe_m2_sending_adopted_advice_that_names_a_client_is_refused(client, world):
    """An advice adopted before the check existed (or before consent was withdrawn) is checked again when sent."""
    _client_member(world)
    adopted = advice_data(world).adopted
    Advice.objects.filter(pk=adopted.pk).update(text=NAMED_TEXT)
    client.force_login(world.user("secretary"))
    assert REFUSED in client.get(_advice_url(world, "send", adopted)).content.decode()
    response = client.post(_advice_url(world, "send", adopted))
    assert response.status_code == 302
    assert REFUSED in client.get(response.url).content.decode()
    assert Advice.objects.get(pk=adopted.pk).status == AdviceStatus.ADOPTED
    assert KEES not in _public_pages(world, adopted)


def test_the_body_s_reaction_to_a_response_is_checked_and_the_text_kept(client, world):
    _client_member(world)
    sent = advice_data(world).sent
    client.force_login(world.user("secretary"))
    response = client.post(_advice_url(world, "follow_up", sent), {"text": "Meneer Jansen is het er niet mee eens."})
    html = response.content.decode()
    assert response.status_code == 200 and REFUSED in html
    assert "Meneer Jansen is het er niet mee eens." in html  # the typed text is kept
    assert Advice.objects.get(pk=sent.pk).follow_up == ""


def test_declining_a_request_with_a_reason_that_names_a_client_is_refused(world):
    _client_member(world)
    request = advice_data(world).open_request
    with pytest.raises(advice_services.AdviceError) as error:
        advice_services.request_decline(request=request, by=world.user("secretary"), reason="K. Jansen is ziek.")
    assert error.value.code == "client_named"
    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN


# ---------------------------------------------------------------- responses recorded by officers


def test_an_officer_s_response_or_reason_naming_a_client_is_refused_next_to_the_field(client, world):
    _client_member(world)
    proposal = new_proposal(world, title="Voorstel met reactie")
    advice = sent_advice(world, proposal=proposal)
    first, second = advice.recommendations.order_by("number")
    client.force_login(world.user("officer_region"))
    url = reverse("advice:response", args=[world.region.slug, advice.pk])
    post = {
        "responded_on": timezone.localdate().isoformat(),
        f"verdict_{first.pk}": "overgenomen",
        f"verdict_{second.pk}": "niet",
        f"reason_{second.pk}": "Dhr. Jansen wil dat niet.",
        "summary": "Dank.",
    }
    response = client.post(url, post)
    html = response.content.decode()
    assert response.status_code == 200 and REFUSED in html and "“Dhr. Jansen”" in html
    assert f'id="id_reason_{second.pk}_error"' in html
    assert not Response.objects.filter(advice=advice).exists()
    with pytest.raises(advice_services.AdviceError) as error:
        advice_services.response_record(
            advice=advice,
            by=world.user("officer_region"),
            responded_on=timezone.localdate(),
            verdicts={first.pk: ("overgenomen", ""), second.pk: ("niet", "Te duur.")},
            summary="Kees Jansen belde ons.",
        )
    assert (error.value.code, error.value.field) == ("client_named", "summary")
    assert client.post(url, {**post, f"reason_{second.pk}": "Te duur."}).status_code == 302


# ---------------------------------------------------------------- meeting records


def test_probe_l4_public_minutes_refuse_the_variants(world):
    data = records(world)
    minutes = Minutes.objects.get(meeting=data.closed)
    for written in ("Cliënt, Geheime", "G. Cliënt", "mevrouw Client", "Geheime C.", "Geheime\u200b Cliënt"):
        with pytest.raises(record_services.RecordError) as error:
            record_services.minutes_save(
                meeting=data.closed,
                text=minutes.text,
                public_text=f"Volgens {written} zijn de brieven moeilijk.",
                approve_by=minutes.approve_by,
                version=minutes.version,
                by=world.user("secretary"),
            )
        assert error.value.code == "client_named", written


def test_a_gr_reaction_to_a_public_report_naming_a_client_is_refused(client, world):
    data = records(world)
    assert data.report.public
    client.force_login(world.user("officer_region"))
    url = reverse(
        "records:feedback_reactions",
        kwargs={"region": world.region.slug, "body": world.body.slug, "pk": data.closed.pk},
    )
    response = client.post(url, {"aanbeveling-2-reaction": "niet", "aanbeveling-2-reaction_text": "G. Cliënt wil dit."})
    html = response.content.decode()
    assert response.status_code == 200 and "“G. Cliënt”" in html
    assert FeedbackRecommendation.objects.get(report=data.report, number=2).reaction_text != "G. Cliënt wil dit."


# ---------------------------------------------------------------- agenda


def test_publishing_an_agenda_that_names_a_client_is_refused_after_a_warning(client, world):
    _client_member(world)
    meeting = upcoming(world)
    secretary = world.user("secretary")
    agenda_services.item_add(
        meeting=meeting, title="Het verhaal van K. Jansen", source=ItemSource.SECRETARY, by=secretary
    )  # a planned agenda is not public yet: writing is allowed
    url = reverse(
        "agenda:publish", kwargs={"region": world.region.slug, "body": world.body.slug, "meeting": meeting.pk}
    )
    client.force_login(secretary)
    assert "“K. Jansen”" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    assert "“K. Jansen”" in client.get(response.url).content.decode()


def test_a_published_agenda_s_items_are_checked_when_added_or_changed(world):
    _client_member(world)
    meeting = upcoming(world)
    secretary = world.user("secretary")
    item = agenda_services.item_add(meeting=meeting, title="Brieven", source=ItemSource.SECRETARY, by=secretary)
    agenda_services.agenda_publish(meeting=meeting, by=secretary)
    meeting.refresh_from_db()
    with pytest.raises(agenda_services.AgendaError) as error:
        agenda_services.item_update(item=item, by=secretary, summary="Mevrouw Jansen vertelt.")
    assert error.value.code == "client_named"
    with pytest.raises(agenda_services.AgendaError):
        agenda_services.item_add(
            meeting=meeting, title="Iets", presenter="Kees Jansen", source=ItemSource.SECRETARY, by=secretary
        )
    assert AgendaItem.objects.get(pk=item.pk).summary == ""


def test_an_unrelated_advice_without_names_is_still_adopted_and_sent(world):
    _client_member(world)
    request = new_request(world, new_proposal(world, title="Nog een voorstel"))
    advice = advice_services.advice_create(
        body=world.body,
        by=world.user("secretary"),
        request=request,
        subject="Advies over de bakker",
        text="De bakker en Jansen van de gemeente hielpen mee.",  # a surname alone does not block
        recommendations=["Werk samen met de bakker"],
    )
    advice = advice_services.advice_adopt(
        advice=advice, by=world.user("secretary"), adopted_on=timezone.localdate(), adopted_how=AdoptedHow.WRITTEN
    )
    advice = advice_services.advice_send(advice=advice, by=world.user("secretary"))
    assert advice.status == AdviceStatus.SENT


def test_the_pages_that_warn_before_publishing_are_valid_html(client, world, tmp_path):
    from tests.quality.html import assert_valid_html

    _client_member(world)
    draft = _named_draft(world)
    adopted = advice_data(world).adopted
    Advice.objects.filter(pk=adopted.pk).update(text=NAMED_TEXT)
    client.force_login(world.user("secretary"))
    pages = {
        "vaststellen": client.get(_advice_url(world, "adopt", draft)).content,
        "versturen": client.get(_advice_url(world, "send", adopted)).content,
    }
    assert all(REFUSED.encode() in page for page in pages.values())
    assert_valid_html(pages, tmp_path)


def test_a_public_document_naming_a_client_is_refused_once_the_agenda_is_public(world):
    _client_member(world)
    meeting = upcoming(world)
    secretary = world.user("secretary")
    item = agenda_services.item_add(meeting=meeting, title="Brieven", source=ItemSource.SECRETARY, by=secretary)
    page = {"title": "Voorbeeld", "page_text": "Brief aan K. Jansen.", "summary": "Een brief", "public": True}
    agenda_services.document_add(item=item, by=secretary, **page)  # not public yet: allowed
    with pytest.raises(agenda_services.AgendaError) as error:
        agenda_services.agenda_publish(meeting=meeting, by=secretary)
    assert error.value.fragments == ["K. Jansen"]
    meeting.status = MeetingStatus.AGENDA_PUBLISHED
    meeting.save(update_fields=["status"])
    with pytest.raises(agenda_services.AgendaError):
        agenda_services.document_add(item=item, by=secretary, **page)
    agenda_services.document_add(item=item, by=secretary, **{**page, "public": False})  # for members only: fine


def test_a_declined_request_s_reason_naming_a_client_stays_in_the_form(client, world):
    _client_member(world)
    request = advice_data(world).open_request
    client.force_login(world.user("secretary"))
    url = reverse(
        "advice:request_decline", kwargs={"region": world.region.slug, "body": world.body.slug, "pk": request.pk}
    )
    response = client.post(url, {"reason": "Meneer Jansen is er niet."})
    html = response.content.decode()
    assert response.status_code == 200 and "“Meneer Jansen”" in html and 'id="id_reason_error"' in html
    assert "Meneer Jansen is er niet." in html


def test_sending_a_public_feedback_report_checks_names_again(client, world):
    """A report saved before a client withdrew consent (or before this check) is not sent while it names them."""
    data = records(world)
    report = data.draft_report
    FeedbackReport.objects.filter(pk=report.pk).update(public=True, views_text="Mevrouw Cliënt vond de brief lastig.")
    client.force_login(world.user("facilitator"))
    url = reverse(
        "records:feedback_send", kwargs={"region": world.region.slug, "body": world.body.slug, "pk": data.held.pk}
    )
    response = client.post(url, {"to": "gr@example.org"})
    assert response.status_code == 200 and "“Mevrouw Cliënt”" in response.content.decode()
    assert FeedbackReport.objects.get(pk=report.pk).sent_on is None
