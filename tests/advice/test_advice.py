"""The body's side of the advice cycle: requests, declining, drafting with numbered recommendations and optimistic
locking, comments, adopting, sending (once), the PDF, the follow-up, the dashboard summary and query counts."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from inspraak.advice import permissions, selectors, services
from inspraak.advice.models import (
    Advice,
    AdviceComment,
    AdviceEvent,
    AdviceKind,
    AdviceStatus,
    Recommendation,
    RequestStatus,
)
from inspraak.audit.models import AuditEvent
from inspraak.core.versioning import StaleEdit
from inspraak.policy.models import ProposalEvent, ProposalStatus
from tests.advice.data import (
    COMMENT_TEXT,
    PDF_BYTES,
    advice_data,
    new_proposal,
    new_request,
    record_response,
    sent_advice,
)
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _url(world, name, **extra):
    return reverse(f"advice:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, **extra})


def _login(client, world, actor="secretary"):
    client.force_login(world.user(actor))
    return client


def _html(response) -> str:
    return response.content.decode()


def _reload(advice) -> Advice:
    return Advice.objects.get(pk=advice.pk)


# ---------------------------------------------------------------- requests to the body


def test_the_body_sees_its_requests_with_days_left_and_timeliness(client, world):
    data = advice_data(world)
    html = _html(_login(client, world, "member").get(_url(world, "requests")))
    assert data.proposal.title in html
    assert "nog 42 dagen" in html
    assert "Op tijd gevraagd" in html


def test_a_late_request_says_how_many_days_short(client, world):
    proposal = new_proposal(world, title="Snel besluit", weeks=2)  # decision in 2 weeks, advice period 6 weeks
    request = new_request(world, proposal)
    html = _html(_login(client, world).get(_url(world, "request_detail", pk=request.pk)))
    assert "Te laat gevraagd: 28 dagen te weinig om advies te geven" in html


def test_a_request_past_its_deadline_says_so(client, world):
    proposal = new_proposal(world, title="Verlopen", weeks=20)
    request = new_request(
        world,
        proposal,
        requested_on=TODAY() - datetime.timedelta(days=50),
        deadline=TODAY() - datetime.timedelta(days=3),
    )
    html = _html(_login(client, world).get(_url(world, "requests")))
    assert "de termijn is 3 dagen voorbij" in html
    summary = selectors.body_advice_summary(world.body)
    assert [r.pk for r in summary["open_requests"]][-1] == request.pk
    assert summary["open_requests"][-1].days_left == -3


def test_request_detail_shows_proposal_questions_and_documents(client, world):
    data = advice_data(world)
    html = _html(_login(client, world, "member").get(_url(world, "request_detail", pk=data.open_request.pk)))
    assert data.proposal.description in html
    assert data.open_request.questions in html
    assert "Concept beleidsplan" in html
    # Members read; only the secretary and facilitator can answer or decline.
    assert _url(world, "request_advice", pk=data.open_request.pk) not in html
    html = _html(_login(client, world).get(_url(world, "request_detail", pk=data.open_request.pk)))
    assert _url(world, "request_advice", pk=data.open_request.pk) in html


def test_documents_link_to_the_policy_download_when_it_exists(client, world):
    data = advice_data(world)
    html = _html(_login(client, world, "member").get(_url(world, "request_detail", pk=data.open_request.pk)))
    try:
        href = reverse(
            "advice:request_document",
            kwargs={"region": world.region.slug, "request_pk": data.open_request.pk, "pk": data.document.pk},
        )
    except NoReverseMatch:
        assert '<a class="utrecht-link" href="">' not in html
    else:
        assert f'href="{href}"' in html


def test_declining_needs_a_reason_next_to_the_field(client, world):
    data = advice_data(world)
    response = _login(client, world).post(_url(world, "request_decline", pk=data.open_request.pk), {"reason": "  "})
    html = _html(response)
    assert response.status_code == 200
    assert 'id="id_reason_error"' in html and "Schrijf waarom de groep geen advies geeft." in html
    data.open_request.refresh_from_db()
    assert data.open_request.status == RequestStatus.OPEN


def test_declining_with_a_reason_is_recorded_and_told_to_the_contact(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    data = advice_data(world)
    with django_capture_on_commit_callbacks(execute=True):
        response = _login(client, world, "facilitator").post(
            _url(world, "request_decline", pk=data.open_request.pk), {"reason": "Geen leden met ervaring hiermee."}
        )
    assert response.status_code == 302
    data.open_request.refresh_from_db()
    assert data.open_request.status == RequestStatus.DECLINED
    assert data.open_request.decline_reason == "Geen leden met ervaring hiermee."
    row = AuditEvent.objects.get(action="advice_request.decline")
    assert "Test" not in row.target_label and "adviesaanvraag" in row.target_label
    assert [m.to for m in mailoutbox] == [["officer-region@example.org"]]
    assert "Geen leden met ervaring hiermee." in mailoutbox[0].body


def test_a_request_with_an_advice_cannot_be_declined(client, world):
    data = advice_data(world)
    with pytest.raises(services.AdviceError) as error:
        services.request_decline(request=data.draft_request, by=world.user("secretary"), reason="Toch niet")
    assert error.value.code == "has_advice"
    response = _login(client, world).post(_url(world, "request_decline", pk=data.draft_request.pk), {"reason": "x"})
    assert response.status_code == 302
    data.draft_request.refresh_from_db()
    assert data.draft_request.status == RequestStatus.OPEN


# ---------------------------------------------------------------- drafting


def test_advice_from_a_request_is_prefilled_and_solicited(client, world):
    data = advice_data(world)
    _login(client, world)
    html = _html(client.get(_url(world, "request_advice", pk=data.open_request.pk)))
    assert f'value="{data.proposal.title}"' in html
    response = client.post(
        _url(world, "request_advice", pk=data.open_request.pk),
        {"subject": "Ons advies", "text": "Uitleg", "count": 3, "rec_1": "Eerst", "rec_2": "", "rec_3": "Dan"},
    )
    advice = Advice.objects.get(request=data.open_request)
    assert response.status_code == 302
    assert advice.kind == AdviceKind.SOLICITED and advice.proposal == data.proposal
    assert list(advice.recommendations.values_list("number", "text")) == [(1, "Eerst"), (2, "Dan")]
    assert AdviceEvent.objects.filter(advice=advice, kind=AdviceEvent.Kind.CREATED).count() == 1
    assert AuditEvent.objects.filter(action="advice.create", target_id=str(advice.pk)).count() == 1


def test_a_second_advice_for_one_request_is_refused(client, world):
    data = advice_data(world)
    with pytest.raises(services.AdviceError) as error:
        services.advice_create(
            body=world.body, by=world.user("secretary"), request=data.draft_request, subject="Nog een"
        )
    assert error.value.code == "duplicate"
    response = _login(client, world).post(
        _url(world, "request_advice", pk=data.draft_request.pk), {"subject": "Nog een", "count": 1}
    )
    assert response.status_code == 302 and response["Location"] == _url(world, "detail", pk=data.draft.pk)
    follow = _html(client.get(response["Location"]))
    assert "Er is al een advies voor deze aanvraag" in follow
    assert Advice.objects.filter(request=data.draft_request).count() == 1


def test_one_more_box_keeps_what_was_typed_and_saves_nothing(client, world):
    _login(client, world)
    before = Advice.objects.count()
    response = client.post(
        _url(world, "new"), {"subject": "Half af", "text": "Tekst", "count": 1, "rec_1": "Eén", "meer": "1"}
    )
    html = _html(response)
    assert response.status_code == 200 and Advice.objects.count() == before
    assert 'value="Half af"' in html and "Eén</textarea>" in html
    assert 'name="rec_2"' in html and 'name="rec_3"' not in html
    assert "utrecht-form-field-error-message" not in html
    assert 'name="meer"' in html and "Nog een aanbeveling toevoegen" in html


def test_unsolicited_advice_about_a_proposal_of_the_scope(client, world):
    data = advice_data(world)
    response = _login(client, world).post(
        _url(world, "new"), {"subject": "Uit onszelf", "proposal": data.zeedorp_proposal.pk, "count": 1, "rec_1": "A"}
    )
    assert response.status_code == 302
    advice = Advice.objects.get(subject="Uit onszelf")
    assert advice.kind == AdviceKind.UNSOLICITED and advice.request is None
    assert advice.proposal == data.zeedorp_proposal


def test_an_empty_subject_is_refused_next_to_the_field(client, world):
    response = _login(client, world).post(_url(world, "new"), {"subject": "", "count": 1, "rec_1": "Blijft staan"})
    html = _html(response)
    assert response.status_code == 200 and 'id="id_subject_error"' in html
    assert "Blijft staan</textarea>" in html


def test_editing_reorders_removes_and_records_the_fields(client, world):
    data = advice_data(world)
    draft = data.draft
    response = _login(client, world, "facilitator").post(
        _url(world, "edit", pk=draft.pk),
        {
            "version": draft.version,
            "subject": draft.subject,
            "text": "Nieuwe uitleg",
            "count": 3,
            "rec_1": "Maak het aanvragen makkelijker",
            "place_1": 2,
            "rec_2": "",
            "place_2": 1,
            "rec_3": "Nieuw punt",
            "place_3": 1,
        },
    )
    assert response.status_code == 302
    draft = _reload(draft)
    assert draft.version == data.draft.version + 1
    assert list(draft.recommendations.values_list("number", "text")) == [
        (1, "Nieuw punt"),
        (2, "Maak het aanvragen makkelijker"),
    ]
    event = AdviceEvent.objects.filter(advice=draft, kind=AdviceEvent.Kind.EDITED).get()
    assert event.changed_fields == ["text", "recommendations"]
    assert AuditEvent.objects.get(action="advice.update").changed_fields == ["recommendation", "text"]


def test_the_edit_form_carries_the_version(client, world):
    data = advice_data(world)
    html = _html(_login(client, world).get(_url(world, "edit", pk=data.draft.pk)))
    assert f'name="version" value="{data.draft.version}"' in html
    assert "Geef sneller antwoord</textarea>" in html


def test_a_stale_version_is_refused_and_the_typed_text_kept(client, world):
    data = advice_data(world)
    draft = data.draft
    old_version = draft.version
    # Someone else saves first.
    services.advice_update(
        advice=draft,
        by=world.user("facilitator"),
        version=old_version,
        subject="Door de gespreksleider",
        text="",
        recommendations=["Anders"],
    )
    response = _login(client, world).post(
        _url(world, "edit", pk=draft.pk),
        {"version": old_version, "subject": "Mijn versie", "text": "Mijn uitleg", "count": 1, "rec_1": "Mijn punt"},
    )
    html = _html(response)
    assert response.status_code == 200
    assert "Iemand anders heeft dit concept net opgeslagen" in html
    assert 'value="Mijn versie"' in html and "Mijn punt</textarea>" in html
    assert "Wat er nu is opgeslagen" in html and "Door de gespreksleider" in html  # shown under the form
    stored = _reload(draft)
    assert stored.subject == "Door de gespreksleider" and stored.version == old_version + 1
    assert list(stored.recommendations.values_list("text", flat=True)) == ["Anders"]
    # The form now carries the current version: saving again (deliberately) works.
    assert f'name="version" value="{stored.version}"' in html


def test_the_service_refuses_a_stale_version(world):
    draft = advice_data(world).draft
    by = world.user("secretary")
    services.advice_update(advice=draft, by=by, version=draft.version, subject="Een", text="", recommendations=[])
    with pytest.raises(StaleEdit):
        services.advice_update(advice=draft, by=by, version=draft.version, subject="Twee", text="", recommendations=[])
    assert _reload(draft).subject == "Een"


# ---------------------------------------------------------------- comments


def test_members_comment_on_the_draft_and_only_the_body_sees_comments(client, world):
    data = advice_data(world)
    _login(client, world, "member")
    response = client.post(_url(world, "comment", pk=data.draft.pk), {"text": "Punt 2 is goed"})
    assert response.status_code == 302
    assert "Punt 2 is goed" in _html(client.get(_url(world, "detail", pk=data.draft.pk)))
    empty = client.post(_url(world, "comment", pk=data.draft.pk), {"text": " "})
    assert empty.status_code == 200 and 'id="id_text_error"' in _html(empty)
    # A sent advice with a comment from its draft days: the officer reads the advice, never the comments.
    advice = services.advice_create(body=world.body, by=world.user("secretary"), subject="Kort", text="Tekst")
    services.comment_add(advice=advice, by=world.user("member"), text="Alleen voor ons")
    services.advice_adopt(advice=advice, by=world.user("secretary"), adopted_on=TODAY(), adopted_how="vergadering")
    services.advice_send(advice=advice, by=world.user("secretary"))
    client.force_login(world.user("officer_region"))
    html = _html(client.get(_url(world, "detail", pk=advice.pk)))
    assert "Kort" in html and "Alleen voor ons" not in html and "Test member" not in html


def test_comments_only_on_a_draft(world):
    data = advice_data(world)
    with pytest.raises(services.AdviceError):
        services.comment_add(advice=data.adopted, by=world.user("member"), text="Te laat")
    assert AdviceComment.objects.filter(advice=data.adopted).count() == 0


def test_a_draft_is_hidden_from_officers(client, world):
    data = advice_data(world)
    client.force_login(world.user("officer_region"))
    response = client.get(_url(world, "detail", pk=data.draft.pk))
    assert response.status_code == 403 and COMMENT_TEXT not in _html(response)


# ---------------------------------------------------------------- adopting and sending


def test_adopting_in_the_future_is_refused_next_to_the_field(client, world):
    data = advice_data(world)
    tomorrow = (TODAY() + datetime.timedelta(days=1)).isoformat()
    response = _login(client, world).post(
        _url(world, "adopt", pk=data.draft.pk), {"adopted_on": tomorrow, "adopted_how": "vergadering"}
    )
    assert response.status_code == 200 and 'id="id_adopted_on_error"' in _html(response)
    assert _reload(data.draft).status == AdviceStatus.DRAFT


def test_adopting_an_empty_advice_is_refused(world):
    advice = services.advice_create(body=world.body, by=world.user("secretary"), subject="Leeg")
    with pytest.raises(services.AdviceError) as error:
        services.advice_adopt(advice=advice, by=world.user("secretary"), adopted_on=TODAY(), adopted_how="vergadering")
    assert error.value.code == "no_content"


def test_sending_a_solicited_advice_answers_the_request_and_moves_the_proposal(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    data = advice_data(world)
    secretary = world.user("secretary")
    services.advice_adopt(advice=data.draft, by=secretary, adopted_on=TODAY(), adopted_how="schriftelijk")
    _login(client, world)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(world, "send", pk=data.draft.pk))
    assert response.status_code == 302
    advice = _reload(data.draft)
    assert advice.status == AdviceStatus.SENT and advice.sent_on == TODAY()
    assert advice.response_due == TODAY() + datetime.timedelta(weeks=world.body.response_period_weeks)
    data.draft_request.refresh_from_db()
    assert data.draft_request.status == RequestStatus.ANSWERED
    proposal = data.draft_request.proposal
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ADVICE_RECEIVED
    assert ProposalEvent.objects.filter(proposal=proposal, to_status=ProposalStatus.ADVICE_RECEIVED).count() == 1
    statuses = list(
        AdviceEvent.objects.filter(advice=advice, kind=AdviceEvent.Kind.STATUS).values_list("from_status", "to_status")
    )
    assert statuses == [(AdviceStatus.DRAFT, AdviceStatus.ADOPTED), (AdviceStatus.ADOPTED, AdviceStatus.SENT)]
    assert {"advice.adopt", "advice.send", "advice_request.answer", "proposal.status"} <= set(
        AuditEvent.objects.values_list("action", flat=True)
    )
    assert [m.to for m in mailoutbox] == [["officer-region@example.org"]]
    assert data.draft.subject in mailoutbox[0].body

    # Sending twice: a clear message, nothing doubled.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(_url(world, "send", pk=data.draft.pk), follow=True)
    assert "Dit advies is al verzonden" in _html(again)
    assert AdviceEvent.objects.filter(advice=advice, to_status=AdviceStatus.SENT).count() == 1
    assert len(mailoutbox) == 1
    with pytest.raises(services.AdviceError) as error:
        services.advice_send(advice=advice, by=secretary)
    assert error.value.code == "already_sent"


def test_sending_an_unsolicited_advice_tells_the_officers_in_scope(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    data = advice_data(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.advice_send(advice=data.adopted, by=world.user("secretary"))
    # No proposal and a regional body: a matter of the whole region, for the GR officers.
    assert sorted(a for m in mailoutbox for a in m.to) == ["officer-region@example.org"]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent_advice(world, proposal=data.zeedorp_proposal)
    # The members heard about the draft when it was made (issue 12); the sent advice goes to the officers in scope.
    assert sorted(a for m in mailoutbox if m.subject.startswith("Nieuw advies") for a in m.to) == [
        "officer-municipality@example.org",
        "officer-region@example.org",
    ]


def test_a_draft_cannot_be_sent(world):
    data = advice_data(world)
    with pytest.raises(services.AdviceError) as error:
        services.advice_send(advice=data.draft, by=world.user("secretary"))
    assert error.value.code == "not_adopted"


def test_a_decided_proposal_is_not_moved_back(world):
    proposal = new_proposal(world, title="Al besloten", status=ProposalStatus.DECIDED, decided_on=TODAY())
    request = new_request(world, proposal)
    by = world.user("secretary")
    advice = services.advice_create(body=world.body, by=by, request=request, subject="Laat", text="x")
    services.advice_adopt(advice=advice, by=by, adopted_on=TODAY(), adopted_how="vergadering")
    services.advice_send(advice=advice, by=by)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECIDED


# ---------------------------------------------------------------- the PDF


def _upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_file_that_is_not_a_pdf_is_refused_next_to_the_field(client, world):
    data = advice_data(world)
    response = _login(client, world).post(
        _url(world, "attachment_upload", pk=data.draft.pk), {"file": _upload("advies.pdf", b"<html>nep</html>")}
    )
    html = _html(response)
    assert response.status_code == 200 and 'id="id_file_error"' in html and "Dit is geen PDF-bestand" in html
    assert not _reload(data.draft).attachment


def test_a_pdf_over_10_mb_is_refused(client, world):
    data = advice_data(world)
    big = PDF_BYTES + b"0" * (10 * 1024 * 1024)
    response = _login(client, world).post(
        _url(world, "attachment_upload", pk=data.draft.pk), {"file": _upload("groot.pdf", big)}
    )
    assert response.status_code == 200 and "te groot" in _html(response)
    with pytest.raises(services.AdviceError):
        services.advice_attach(advice=data.draft, by=world.user("secretary"), data=big)


def test_a_pdf_is_stored_and_served_to_those_who_may_read_the_advice(client, world):
    data = advice_data(world)
    response = _login(client, world).post(
        _url(world, "attachment_upload", pk=data.draft.pk), {"file": _upload("x.txt", PDF_BYTES)}
    )
    assert response.status_code == 302
    draft = _reload(data.draft)
    assert draft.attachment and draft.attachment.name.endswith(".pdf") and "x.txt" not in draft.attachment.name
    download = client.get(_url(world, "attachment", pk=draft.pk))
    assert download["Content-Type"] == "application/pdf" and b"".join(download.streaming_content) == PDF_BYTES
    client.force_login(world.user("officer_region"))
    assert client.get(_url(world, "attachment", pk=draft.pk)).status_code == 403
    sent_pdf = client.get(_url(world, "attachment", pk=data.sent.pk))
    assert sent_pdf.status_code == 200 and b"".join(sent_pdf.streaming_content) == PDF_BYTES


def test_a_sent_advice_keeps_its_pdf(world):
    data = advice_data(world)
    with pytest.raises(services.AdviceError) as error:
        services.advice_attach(advice=data.sent, by=world.user("secretary"), data=PDF_BYTES)
    assert error.value.code == "sent"


# ---------------------------------------------------------------- the response and the follow-up


def test_members_see_the_response_per_recommendation(client, world):
    data = advice_data(world)
    html = _html(_login(client, world, "member").get(_url(world, "detail", pk=data.sent.pk)))
    assert "Overgenomen" in html and "Niet overgenomen" in html and "Dat kost te veel tijd." in html
    assert "Dank voor het advies." in html


def test_the_follow_up_needs_a_response_and_happens_once(client, world):
    data = advice_data(world)
    by = world.user("secretary")
    waiting = sent_advice(world)
    with pytest.raises(services.AdviceError) as error:
        services.follow_up_add(advice=waiting, by=by, text="Nog niets")
    assert error.value.code == "no_response"

    _login(client, world)
    empty = client.post(_url(world, "follow_up", pk=data.sent.pk), {"text": ""})
    assert empty.status_code == 200 and 'id="id_text_error"' in _html(empty)
    assert client.post(_url(world, "follow_up", pk=data.sent.pk), {"text": "Fijn, maar punt 2?"}).status_code == 302
    advice = _reload(data.sent)
    assert advice.follow_up == "Fijn, maar punt 2?" and advice.follow_up_on == TODAY()
    assert AdviceEvent.objects.filter(advice=advice, kind=AdviceEvent.Kind.FOLLOW_UP).count() == 1
    again = client.post(_url(world, "follow_up", pk=data.sent.pk), {"text": "Nog iets"}, follow=True)
    assert "De groep heeft al gereageerd" in _html(again)
    assert _reload(data.sent).follow_up == "Fijn, maar punt 2?"


# ---------------------------------------------------------------- history and audit


def test_history_and_audit_never_hold_names(world):
    data = advice_data(world)
    labels = list(AuditEvent.objects.filter(action__startswith="advice").values_list("target_label", flat=True))
    assert labels and all("Test" not in label and "@" not in label for label in labels)
    kinds = list(AdviceEvent.objects.filter(advice=data.sent).values_list("kind", flat=True))
    assert kinds == [
        AdviceEvent.Kind.CREATED,
        AdviceEvent.Kind.EDITED,  # the PDF
        AdviceEvent.Kind.STATUS,
        AdviceEvent.Kind.STATUS,
    ]


# ---------------------------------------------------------------- summary and query counts


def test_the_body_summary(world):
    data = advice_data(world)
    overdue = sent_advice(world)
    Advice.objects.filter(pk=overdue.pk).update(
        sent_on=TODAY() - datetime.timedelta(weeks=10), response_due=TODAY() - datetime.timedelta(days=5)
    )
    summary = selectors.body_advice_summary(world.body)
    assert [r.pk for r in summary["open_requests"]] == [data.open_request.pk, data.draft_request.pk]
    assert summary["open_requests"][0].days_left == 42 and summary["open_requests"][0].timeliness.ok
    assert [a.pk for a in summary["drafts"]] == sorted([data.draft.pk, data.adopted.pk], key=lambda pk: pk)
    assert [a.pk for a in summary["awaiting"]] == []  # data.sent has its response
    assert [(a.pk, a.days_overdue) for a in summary["overdue"]] == [(overdue.pk, 5)]
    html = render_to_string("advice/_body_summary.html", {"advice_summary": summary})
    assert "5 dagen te laat" in html and data.proposal.title in html


def test_the_body_summary_has_a_fixed_number_of_queries(world, django_assert_num_queries):
    advice_data(world)
    with django_assert_num_queries(2):
        selectors.body_advice_summary(world.body)
    for n in range(3):
        new_request(world, new_proposal(world, title=f"Extra {n}"))
        sent_advice(world)
    with django_assert_num_queries(2):
        selectors.body_advice_summary(world.body)


def test_the_body_summary_names_the_most_urgent_and_counts_the_rest(world):
    shown = selectors.SUMMARY_SHOWN
    requests = [
        new_request(
            world, new_proposal(world, title=f"Voorstel {n:02}"), deadline=TODAY() + datetime.timedelta(days=n + 1)
        )
        for n in range(shown + 2)
    ]
    waiting = [sent_advice(world) for _ in range(shown + 3)]
    for n, advice in enumerate(waiting):
        Advice.objects.filter(pk=advice.pk).update(response_due=TODAY() + datetime.timedelta(days=30 - n))
    summary = selectors.body_advice_summary(world.body)
    assert [r.pk for r in summary["open_requests"]] == [r.pk for r in requests[:shown]]
    assert (summary["n_open"], summary["more_open"]) == (shown + 2, 2)
    # The soonest response first: the last ones made are due first.
    assert [a.pk for a in summary["awaiting"]] == [a.pk for a in reversed(waiting)][:shown]
    assert (summary["n_awaiting"], summary["more_awaiting"], summary["more_overdue"]) == (shown + 3, 3, 0)
    html = render_to_string("advice/_body_summary.html", {"advice_summary": summary})
    assert f"De groep is om advies gevraagd over {shown + 2} voorstellen" in html
    assert "En nog 2 andere." in html and "En nog 3 andere." in html
    assert "Voorstel 00" in html and f"Voorstel {shown + 1:02}" not in html


def test_the_body_summary_puts_sent_advice_without_a_due_date_last_among_the_awaiting(world):
    shown = selectors.SUMMARY_SHOWN
    dated = [sent_advice(world) for _ in range(shown - 2)]
    undated = [sent_advice(world) for _ in range(4)]
    late = sent_advice(world)
    for n, advice in enumerate(dated):
        Advice.objects.filter(pk=advice.pk).update(response_due=TODAY() + datetime.timedelta(days=n))
    Advice.objects.filter(pk__in=[a.pk for a in undated]).update(response_due=None)
    Advice.objects.filter(pk=late.pk).update(response_due=TODAY() - datetime.timedelta(days=1))

    summary = selectors.body_advice_summary(world.body)

    # Due today counts as awaiting; those without a date follow the dated ones (by id), to SUMMARY_SHOWN in all.
    assert [a.pk for a in summary["awaiting"]] == [a.pk for a in dated] + [a.pk for a in undated][:2]
    assert (summary["n_awaiting"], summary["more_awaiting"]) == (shown + 2, 2)
    assert {a.n_listed for a in summary["awaiting"]} == {shown + 2}
    assert [(a.pk, a.days_overdue) for a in summary["overdue"]] == [(late.pk, 1)]
    assert summary["n_overdue"] == 1


def test_list_pages_have_a_fixed_number_of_queries(client, world):
    advice_data(world)
    _login(client, world)

    def grow():
        for n in range(3):
            proposal = new_proposal(world, title=f"Groei {n}")
            request = new_request(world, proposal)
            services.advice_create(
                body=world.body, by=world.user("secretary"), request=request, subject=f"A{n}", recommendations=["x"]
            )
            services.advice_create(body=world.body, by=world.user("secretary"), subject=f"B{n}")
        record_response(sent_advice(world))

    assert_constant_queries(client, _url(world, "requests"), grow)
    assert_constant_queries(client, _url(world, "list"), grow)


def test_detail_pages_have_a_fixed_number_of_queries(client, world):
    data = advice_data(world)
    _login(client, world)

    def grow():
        for n in range(3):
            services.comment_add(advice=data.draft, by=world.user("member"), text=f"Opmerking {n}")
            Recommendation.objects.create(advice=data.draft, number=10 + n, text=f"Extra {n}")

    assert_constant_queries(client, _url(world, "detail", pk=data.draft.pk), grow)


# ---------------------------------------------------------------- pages in their error states


def test_error_states_are_valid_html(client, world, tmp_path):
    from tests.quality.html import assert_valid_html

    data = advice_data(world)
    _login(client, world)
    stale_version = data.draft.version
    services.advice_update(
        advice=data.draft,
        by=world.user("facilitator"),
        version=stale_version,
        subject="Ander",
        text="",
        recommendations=[],
    )
    pages = {
        "new with errors": client.post(_url(world, "new"), {"subject": "", "count": 2, "place_1": "x"}),
        "one more box": client.post(_url(world, "new"), {"subject": "A", "count": 1, "meer": "1"}),
        "stale edit": client.post(
            _url(world, "edit", pk=data.draft.pk), {"version": stale_version, "subject": "Mijn", "count": 1}
        ),
        "decline without reason": client.post(_url(world, "request_decline", pk=data.open_request.pk), {"reason": ""}),
        "adopt in the future": client.post(
            _url(world, "adopt", pk=data.draft.pk), {"adopted_on": "2999-01-01", "adopted_how": ""}
        ),
        "not a pdf": client.post(
            _url(world, "attachment_upload", pk=data.draft.pk),
            {"file": SimpleUploadedFile("a.pdf", b"nep", content_type="application/pdf")},
        ),
        "empty comment": client.post(_url(world, "comment", pk=data.draft.pk), {"text": ""}),
    }
    for label, response in pages.items():
        assert response.status_code == 200, label
        assert (b"inspraak-error-summary" in response.content) != (label == "one more box"), label
    assert_valid_html({label: response.content for label, response in pages.items()}, tmp_path)


def test_a_storage_error_on_the_pdf_gives_a_message_next_to_the_field_and_a_503_on_download(
    client, world, settings, tmp_path
):
    data = advice_data(world)
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    stored = settings.MEDIA_ROOT
    settings.MEDIA_ROOT = blocker
    response = _login(client, world).post(
        _url(world, "attachment_upload", pk=data.draft.pk), {"file": _upload("advies.pdf", PDF_BYTES)}
    )
    html = _html(response)
    assert response.status_code == 200 and 'id="id_file_error"' in html
    assert "Het bestand kon nu niet worden opgeslagen." in html
    assert not _reload(data.draft).attachment
    settings.MEDIA_ROOT = stored
    services.advice_attach(advice=data.draft, by=world.user("secretary"), data=PDF_BYTES)
    settings.MEDIA_ROOT = blocker
    response = client.get(_url(world, "attachment", pk=data.draft.pk))
    assert response.status_code == 503 and "Het bestand is nu niet te openen" in _html(response)


def test_each_step_on_the_body_side_is_the_body_right_and_the_state(world):
    """The page shows a step and the view allows it by the same object-level permission (issue 10)."""
    data = advice_data(world)
    secretary, member = world.user("secretary"), world.user("member")
    draft, adopted, sent = (_reload(a) for a in (data.draft, data.adopted, data.sent))
    steps = {
        "edit": permissions.can_edit_draft,
        "adopt": permissions.can_adopt,
        "send": permissions.can_send,
        "attach": permissions.can_add_attachment,
    }
    allowed = {(name, a.status) for name, check in steps.items() for a in (draft, adopted, sent) if check(secretary, a)}
    assert allowed == {
        ("edit", AdviceStatus.DRAFT),
        ("adopt", AdviceStatus.DRAFT),
        ("attach", AdviceStatus.DRAFT),
        ("send", AdviceStatus.ADOPTED),
        ("attach", AdviceStatus.ADOPTED),
    }
    assert not any(check(member, a) for check in steps.values() for a in (draft, adopted, sent))
    open_request = selectors.request_in(world.body, data.open_request.pk)
    answered = selectors.request_in(world.body, data.draft_request.pk)
    assert permissions.can_answer_request(secretary, open_request)
    assert not permissions.can_answer_request(secretary, answered)  # a draft answers it already
    assert not permissions.can_answer_request(member, open_request)
