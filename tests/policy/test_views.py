"""The officer's pages: bad input gets a Dutch message next to the field with the input kept, never a 500;
optimistic locking; downloads; timeliness on the proposal page."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inspraak.advice.models import AdviceRequest, RequestDocument, Response
from inspraak.policy.models import Proposal, ProposalEvent, ProposalStatus
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.policy.data import TINY_PDF, docx_bytes, new_proposal, odt_bytes, plain_zip, policy, sent_advice
from tests.quality.html import assert_valid_html

pytestmark = pytest.mark.django_db
D = datetime.timedelta
TODAY = timezone.localdate


def _login(client, world, actor="officer_municipality"):
    client.force_login(world.user(actor))
    return client


def _error_near(response, field: str, text: str) -> None:
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error">{text}' in html.replace("&#x27;", "'"), f"no message {text!r} next to {field}"


def _proposal_data(world, **extra):
    data = {
        "title": "Mijn getypte titel",
        "description": "Over de uitvoering.",
        "kind": "beleid",
        "owner": world.user("officer_municipality").pk,
        "deciding_body": "college",
        "planned_decision_date": (TODAY() + D(days=90)).isoformat(),
        "bodies": [world.body.pk],
        "no_bodies_reason": "",
    }
    data.update(extra)
    return data


# ---------------------------------------------------------------- new proposal


def test_new_proposal_suggests_bodies_and_saves(client, world):
    _login(client, world)
    url = reverse("policy:proposal_new", args=[world.region.slug])
    page = client.get(url)
    html = page.content.decode()
    assert "Zeedorp" in html
    # Both the regional panel (policy scope "beide") and Zeedorp's adviesraad are suggested and checked.
    assert html.count("checked") >= 2 and "(voorgesteld)" in html
    response = client.post(url + "?voor=zeedorp", _proposal_data(world, bodies=[world.body.pk]))
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/voorstellen/{proposal.pk}/")
    assert proposal.municipality == world.municipality
    assert list(proposal.concerns.values_list("body_id", "suggested")) == [(world.body.pk, True)]


def test_gr_officer_chooses_the_municipality_or_the_gr_first(client, world):
    _login(client, world, "officer_region")
    url = reverse("policy:proposal_new", args=[world.region.slug])
    chooser = client.get(url).content.decode()
    assert 'name="voor"' in chooser and "Duinstad" in chooser and "De hele regio" in chooser
    response = client.post(
        url + "?voor=regio",
        _proposal_data(world, owner=world.user("officer_region").pk, deciding_body="algemeen_bestuur"),
    )
    assert response.status_code == 302
    assert Proposal.objects.get().municipality is None


def test_municipal_officer_cannot_create_for_another_municipality_or_the_gr(client, world):
    _login(client, world)
    url = reverse("policy:proposal_new", args=[world.region.slug])
    for target in ("duinstad", "regio"):
        response = client.post(f"{url}?voor={target}", _proposal_data(world))
        assert response.status_code == 200
        assert "Kies uit de lijst." in response.content.decode()
    assert not Proposal.objects.exists()


def test_new_proposal_without_bodies_needs_a_reason(client, world):
    _login(client, world)
    url = reverse("policy:proposal_new", args=[world.region.slug]) + "?voor=zeedorp"
    response = client.post(url, _proposal_data(world, bodies=[]))
    _error_near(response, "no_bodies_reason", "Kies minstens één groep hierboven")
    assert "Mijn getypte titel" in response.content.decode()
    response = client.post(url, _proposal_data(world, no_bodies_reason="Geen groep nodig."))
    _error_near(response, "no_bodies_reason", "U hebt een groep gekozen. Laat dit vak dan leeg.")
    response = client.post(url, _proposal_data(world, bodies=[], no_bodies_reason="Gaat over ICT."))
    assert response.status_code == 302


def test_new_proposal_bad_date_and_missing_fields(client, world):
    _login(client, world)
    url = reverse("policy:proposal_new", args=[world.region.slug]) + "?voor=zeedorp"
    response = client.post(url, _proposal_data(world, planned_decision_date="31-02-2027", title=""))
    _error_near(response, "planned_decision_date", "Vul een datum in, bijvoorbeeld 1-3-2027.")
    _error_near(response, "title", "Geef het voorstel een titel.")
    assert not Proposal.objects.exists()


# ---------------------------------------------------------------- edit, optimistic locking


def test_edit_refuses_a_stale_version_and_keeps_the_typed_input(client, world):
    proposal = new_proposal(world)
    opened = proposal.version
    Proposal.objects.filter(pk=proposal.pk).update(title="Door een ander opgeslagen", version=opened + 1)
    _login(client, world)
    url = reverse("policy:proposal_edit", args=[world.region.slug, proposal.pk])
    data = _proposal_data(
        world,
        title="Mijn eigen titel",
        planned_decision_date=proposal.planned_decision_date.isoformat(),
        bodies=[world.body.pk, world.municipal_body.pk],
        version=opened,
    )
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Iemand anders heeft dit voorstel opgeslagen" in html
    assert 'value="Mijn eigen titel"' in html
    assert "Door een ander opgeslagen" in html  # what is saved now is shown
    assert f'name="version" value="{opened + 1}"' in html
    proposal.refresh_from_db()
    assert proposal.title == "Door een ander opgeslagen"
    # Saving again, knowingly, now works.
    response = client.post(url, {**data, "version": opened + 1})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Mijn eigen titel" and proposal.version == opened + 2


def test_edit_moving_the_date_needs_a_reason(client, world):
    proposal = new_proposal(world)
    _login(client, world)
    url = reverse("policy:proposal_edit", args=[world.region.slug, proposal.pk])
    new_date = proposal.planned_decision_date + D(days=21)
    data = _proposal_data(
        world,
        planned_decision_date=new_date.isoformat(),
        bodies=[world.body.pk, world.municipal_body.pk],
        version=proposal.version,
    )
    response = client.post(url, data)
    _error_near(response, "date_reason", "Schrijf waarom de datum van het besluit verschuift.")
    response = client.post(url, {**data, "date_reason": "De raad vergadert later."})
    assert response.status_code == 302
    event = ProposalEvent.objects.get(proposal=proposal, kind=ProposalEvent.Kind.DATE_MOVED)
    assert event.new_date == new_date and event.note == "De raad vergadert later."
    page = client.get(reverse("advice:proposal", args=[world.region.slug, proposal.pk])).content.decode()
    assert "De raad vergadert later." in page


def test_edit_cannot_remove_a_body_that_was_asked(client, world):
    data = policy(world)
    proposal = data.proposal
    _login(client, world)
    url = reverse("policy:proposal_edit", args=[world.region.slug, proposal.pk])
    response = client.post(
        url,
        _proposal_data(
            world,
            planned_decision_date=proposal.planned_decision_date.isoformat(),
            bodies=[world.municipal_body.pk],
            version=Proposal.objects.get(pk=proposal.pk).version,
        ),
    )
    _error_near(response, "bodies", "U hebt Cliëntenpanel Noordkust al om advies gevraagd.")


# ---------------------------------------------------------------- status


def test_status_bad_input(client, world):
    proposal = new_proposal(world)
    _login(client, world)
    url = reverse("policy:proposal_status", args=[world.region.slug, proposal.pk])
    base = {"version": proposal.version}
    response = client.post(url, {**base, "status": "besloten"})
    _error_near(response, "decided_on", "Vul de datum van het besluit in.")
    _error_near(response, "decision_url", "Geef een link naar het besluit, of kies het besluit als bestand.")
    future = (TODAY() + D(days=3)).isoformat()
    response = client.post(url, {**base, "status": "besloten", "decided_on": future, "decision_url": "https://a.nl"})
    _error_near(response, "decided_on", "Deze datum ligt in de toekomst.")
    bad_file = SimpleUploadedFile("besluit.pdf", plain_zip())
    response = client.post(
        url, {**base, "status": "besloten", "decided_on": TODAY().isoformat(), "decision_file": bad_file}
    )
    _error_near(response, "decision_file", "Dit soort bestand kan niet.")
    response = client.post(url, {**base, "status": "ingetrokken"})
    _error_near(response, "reason", "Schrijf waarom het voorstel wordt ingetrokken.")
    response = client.post(url, {**base, "status": "in_voorbereiding"})
    assert response.status_code == 200 and "Kies een status uit de lijst." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PREPARING


def test_decided_with_a_file_which_only_officers_can_download(client, world):
    proposal = new_proposal(world)
    _login(client, world)
    url = reverse("policy:proposal_status", args=[world.region.slug, proposal.pk])
    response = client.post(
        url,
        {
            "version": proposal.version,
            "status": "besloten",
            "decided_on": TODAY().isoformat(),
            "decision_file": SimpleUploadedFile("mijn besluit.pdf", TINY_PDF),
            "no_advice_reason": "Het besluit kon niet wachten.",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECIDED and "mijn" not in proposal.decision_file.name
    download = client.get(reverse("policy:decision_file", args=[world.region.slug, proposal.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == TINY_PDF
    # Decided is final: the status page sends the officer back.
    again = client.get(url)
    assert again.status_code == 302


def test_status_stale_version_is_refused(client, world):
    proposal = new_proposal(world)
    Proposal.objects.filter(pk=proposal.pk).update(version=proposal.version + 1)
    _login(client, world)
    url = reverse("policy:proposal_status", args=[world.region.slug, proposal.pk])
    response = client.post(url, {"version": proposal.version, "status": "ingetrokken", "reason": "Mijn reden"})
    html = response.content.decode()
    assert "Iemand anders heeft dit voorstel opgeslagen" in html and "Mijn reden" in html
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PREPARING


# ---------------------------------------------------------------- advice requests


def _request_data(world, **extra):
    data = {
        "bodies": [world.municipal_body.pk],
        "questions": "Wat vindt u ervan?",
        "requested_on": TODAY().isoformat(),
        "deadline": "",
    }
    data.update(extra)
    return data


def test_request_bad_input(client, world):
    data = policy(world)
    _login(client, world)
    url = reverse("advice:request_new", args=[world.region.slug, data.proposal.pk])
    response = client.post(url, _request_data(world, deadline=(TODAY() - D(days=1)).isoformat()))
    _error_near(response, "deadline", "Deze datum ligt in het verleden.")
    assert "Wat vindt u ervan?" in response.content.decode()
    response = client.post(url, _request_data(world, bodies=[world.body.pk]))
    _error_near(response, "bodies", "U hebt Cliëntenpanel Noordkust al om advies gevraagd over dit voorstel.")
    response = client.post(url, _request_data(world, bodies=[]))
    _error_near(response, "bodies", "Kies minstens één groep.")
    big = SimpleUploadedFile("groot.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    response = client.post(url, {**_request_data(world), "documents": [big]})
    _error_near(response, "documents", "Dit bestand is te groot. Het mag hoogstens 10 MB zijn.")
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00binary", content_type="application/pdf")
    response = client.post(url, {**_request_data(world), "documents": [fake]})
    _error_near(response, "documents", "Dit soort bestand kan niet.")
    zipped = SimpleUploadedFile("stuk.docx", plain_zip())
    response = client.post(url, {**_request_data(world), "documents": [zipped]})
    _error_near(response, "documents", "Dit soort bestand kan niet.")
    assert AdviceRequest.objects.count() == 1


def test_request_with_a_decision_before_the_request_date(client, world):
    proposal = new_proposal(world, planned_decision_date=TODAY() - D(days=2))
    _login(client, world)
    url = reverse("advice:request_new", args=[world.region.slug, proposal.pk])
    response = client.post(url, _request_data(world))
    _error_near(response, "requested_on", "De datum van het besluit ligt voor de aanvraag")
    assert not AdviceRequest.objects.exists()


def test_request_with_several_documents(client, world, mailoutbox, django_capture_on_commit_callbacks):
    data = policy(world)
    _login(client, world)
    url = reverse("advice:request_new", args=[world.region.slug, data.proposal.pk])
    files = [
        SimpleUploadedFile("Concept regels.docx", docx_bytes()),
        SimpleUploadedFile("bijlage.odt", odt_bytes()),
        SimpleUploadedFile("notitie.txt", "Gewone tekst, met é.".encode()),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**_request_data(world), "documents": files, "documents_title": "Beleidsregels"})
    assert response.status_code == 302
    new = AdviceRequest.objects.get(proposal=data.proposal, body=world.municipal_body)
    assert new.deadline == TODAY() + D(weeks=world.municipal_body.advice_period_weeks)
    assert sorted(RequestDocument.objects.filter(request=new).values_list("title", flat=True)) == [
        "Beleidsregels – Concept regels",
        "Beleidsregels – bijlage",
        "Beleidsregels – notitie",
    ]


def test_documents_are_for_the_body_and_the_officers_only(client, world):
    data = policy(world)
    document = data.request.documents.get()
    url = reverse("advice:request_document", args=[world.region.slug, data.request.pk, document.pk])
    client.force_login(world.user("member"))
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == TINY_PDF
    # A member of another body in the same region: 403.
    other = UserFactory()
    RoleAssignmentFactory(user=other, role="lid", region=world.region, body=world.municipal_body)
    client.force_login(other)
    assert client.get(url).status_code == 403
    assert (
        "/media/"
        not in client.get(reverse("advice:officer_request", args=[world.region.slug, data.request.pk])).content.decode()
    )


def test_a_missing_stored_file_is_a_404(client, world):
    data = policy(world)
    document = data.request.documents.get()
    document.file.storage.delete(document.file.name)
    _login(client, world)
    url = reverse("advice:request_document", args=[world.region.slug, data.request.pk, document.pk])
    assert client.get(url).status_code == 404


def test_a_document_added_later(client, world):
    data = policy(world)
    _login(client, world)
    url = reverse("advice:officer_request", args=[world.region.slug, data.request.pk])
    response = client.post(url, {"title": "", "file": SimpleUploadedFile("leeg.pdf", b"")})
    assert response.status_code == 200
    _error_near(response, "file", "Dit bestand is leeg.")
    response = client.post(url, {"title": "Toelichting", "file": SimpleUploadedFile("kto.pdf", TINY_PDF)})
    assert response.status_code == 302
    assert data.request.documents.filter(title="Toelichting").exists()


# ---------------------------------------------------------------- timeliness on the proposal page


def test_proposal_page_shows_timeliness_per_body(client, world):
    data = policy(world)
    _login(client, world)
    html = client.get(reverse("advice:proposal", args=[world.region.slug, data.proposal.pk])).content.decode()
    assert "Op tijd gevraagd" in html  # the panel: asked today, decision in 120 days
    assert "Nog niet gevraagd: nog" in html  # Zeedorp's adviesraad
    late = new_proposal(world, title="Te laat", planned_decision_date=TODAY() + D(days=30))
    AdviceRequest.objects.create(
        proposal=late, body=world.body, questions="?", requested_on=TODAY(), deadline=TODAY() + D(days=30)
    )
    html = client.get(reverse("advice:proposal", args=[world.region.slug, late.pk])).content.decode()
    assert f"Te laat gevraagd: {42 - 30} dagen te weinig" in html


# ---------------------------------------------------------------- responses


def test_response_reason_required_next_to_the_recommendation(client, world):
    data = policy(world)
    advice = data.sent_advice
    first, second = advice.recommendations.order_by("number")
    _login(client, world)
    url = reverse("advice:response", args=[world.region.slug, advice.pk])
    post = {
        "responded_on": TODAY().isoformat(),
        f"verdict_{first.pk}": "overgenomen",
        f"verdict_{second.pk}": "niet",
        f"reason_{second.pk}": "",
        "summary": "Mijn toelichting",
    }
    response = client.post(url, post)
    _error_near(response, f"reason_{second.pk}", "Schrijf waarom aanbeveling 2 niet of deels is overgenomen.")
    assert "Mijn toelichting" in response.content.decode()
    response = client.post(url, {**post, f"verdict_{first.pk}": ""})
    _error_near(response, f"verdict_{first.pk}", "Kies wat er met deze aanbeveling gedaan is.")
    response = client.post(url, {**post, f"reason_{second.pk}": "Te duur."})
    assert response.status_code == 302
    again = client.post(url, {**post, f"reason_{second.pk}": "Nog eens."})
    assert again.status_code == 200
    assert "Er kan maar één reactie zijn." in again.content.decode()
    assert Response.objects.count() == 1


def test_no_response_to_advice_that_was_never_sent(client, world):
    data = policy(world)
    _login(client, world)
    url = reverse("advice:response", args=[world.region.slug, data.draft_advice.pk])
    response = client.post(url, {"responded_on": TODAY().isoformat()})
    assert response.status_code == 200
    assert "Dit advies is nog niet verzonden." in response.content.decode()
    assert not Response.objects.exists()


def test_unsolicited_advice_without_proposal_is_for_the_bodys_officers(client, world):
    regional = sent_advice(world.body, subject="Ongevraagd regionaal")
    municipal = policy(world).unsolicited
    cases = [
        ("officer_region", regional, 200),
        ("officer_municipality", regional, 403),
        ("officer_municipality", municipal, 200),
        ("officer_region", municipal, 403),
    ]
    for actor, advice, status in cases:
        client.force_login(world.user(actor))
        response = client.get(reverse("advice:response", args=[world.region.slug, advice.pk]))
        assert response.status_code == status
        if status == 200:
            assert advice.subject in response.content.decode()


def test_error_pages_are_valid_html(client, world, tmp_path):
    data = policy(world)
    pages = {}
    _login(client, world, "officer_region")
    pages["chooser"] = client.get(reverse("policy:proposal_new", args=[world.region.slug])).content
    pages["chooser error"] = client.get(reverse("policy:proposal_new", args=[world.region.slug]) + "?voor=xyz").content
    _login(client, world)
    url = reverse("policy:proposal_new", args=[world.region.slug]) + "?voor=zeedorp"
    pages["proposal errors"] = client.post(url, _proposal_data(world, bodies=[], title="")).content
    proposal = Proposal.objects.get(pk=data.proposal.pk)
    edit = reverse("policy:proposal_edit", args=[world.region.slug, proposal.pk])
    pages["stale"] = client.post(edit, _proposal_data(world, version=proposal.version - 1)).content
    status = reverse("policy:proposal_status", args=[world.region.slug, proposal.pk])
    pages["status errors"] = client.post(status, {"status": "besloten", "version": proposal.version}).content
    request_url = reverse("advice:request_new", args=[world.region.slug, proposal.pk])
    pages["request errors"] = client.post(request_url, _request_data(world, bodies=[world.body.pk])).content
    advice = data.sent_advice
    response_url = reverse("advice:response", args=[world.region.slug, advice.pk])
    rec = advice.recommendations.order_by("number").first()
    pages["response errors"] = client.post(response_url, {f"verdict_{rec.pk}": "niet"}).content
    pages["response not sent"] = client.get(
        reverse("advice:response", args=[world.region.slug, data.draft_advice.pk])
    ).content
    assert_valid_html(pages, tmp_path)


def test_a_storage_error_gives_a_message_next_to_the_file_field_and_a_503_on_download(
    client, world, settings, tmp_path
):
    data = policy(world)
    document = data.request.documents.get()
    _login(client, world)
    stored = settings.MEDIA_ROOT
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    settings.MEDIA_ROOT = blocker
    # A document added to a request.
    url = reverse("advice:officer_request", args=[world.region.slug, data.request.pk])
    response = client.post(url, {"title": "Mijn stuk", "file": SimpleUploadedFile("Toelichting.pdf", TINY_PDF)})
    _error_near(response, "file", "Het bestand kon nu niet worden opgeslagen.")
    assert 'value="Mijn stuk"' in response.content.decode()
    # A new request with documents.
    new = reverse("advice:request_new", args=[world.region.slug, data.proposal.pk])
    one = {"documents": [SimpleUploadedFile("a.pdf", TINY_PDF)], "documents_title": "Toelichting"}
    response = client.post(new, {**_request_data(world), **one})
    _error_near(response, "documents", "Het bestand kon nu niet worden opgeslagen.")
    # The decision as a file.
    proposal = new_proposal(world)
    status_url = reverse("policy:proposal_status", args=[world.region.slug, proposal.pk])
    decided = {
        "version": proposal.version,
        "status": "besloten",
        "decided_on": TODAY().isoformat(),
        "no_advice_reason": "Er was geen tijd.",
    }
    response = client.post(status_url, {**decided, "decision_file": SimpleUploadedFile("b.pdf", TINY_PDF)})
    _error_near(response, "decision_file", "Het bestand kon nu niet worden opgeslagen.")
    proposal.refresh_from_db()
    assert proposal.status != ProposalStatus.DECIDED
    # Downloading an existing document.
    response = client.get(reverse("advice:request_document", args=[world.region.slug, data.request.pk, document.pk]))
    assert response.status_code == 503 and "Het bestand is nu niet te openen" in response.content.decode()
    settings.MEDIA_ROOT = stored


def test_proposal_page_lists_a_requests_advice_sent_once_and_says_when_nothing_was_recorded(client, world, tmp_path):
    data = policy(world)
    _login(client, world)
    advice = data.sent_advice  # written straight to the table with only its request: it names the proposal all the same
    ProposalEvent.objects.filter(proposal=data.proposal).delete()
    html = client.get(reverse("advice:proposal", args=[world.region.slug, data.proposal.pk])).content.decode()
    sent = advice.sent_on.strftime("%-d-%-m-%Y")
    assert f"{advice.subject} – {world.body.name} (gevraagd advies, verzonden op {sent})." in html
    assert "verzonden, verzonden op" not in html
    assert "Er zijn nog geen wijzigingen van dit voorstel vastgelegd." in html
    assert_valid_html({"proposal without history": html.encode()}, tmp_path)
