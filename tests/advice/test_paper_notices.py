"""Members are told when a draft advice is open for their comments (issue 12: an email, or a letter for a member
without email), and the confirmation after recording a response tells the truth (walkthrough B10)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inspraak.advice import services
from inspraak.letters.models import Letter
from tests.advice.data import new_proposal, new_request, sent_advice
from tests.paper_members import assert_plain_letter, paper_member, pending_letters

pytestmark = pytest.mark.django_db

DRAFT = {
    "count": "2",
    "subject": "Advies over de nieuwe brieven",
    "text": "De groep vindt de brieven te lang.",
    "rec_1": "Schrijf korter",
    "place_1": "1",
    "rec_2": "Zet er een telefoonnummer in",
    "place_2": "2",
}


def _url(world, name, **extra):
    return reverse(f"advice:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, **extra})


def test_a_new_draft_advice_is_sent_to_every_member_as_an_email_or_a_letter_once(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    kees = paper_member(world)
    request = new_request(world, new_proposal(world, title="Beleid brieven"))
    client.force_login(world.user("secretary"))
    url = _url(world, "request_advice", pk=request.pk)
    with django_capture_on_commit_callbacks(execute=True):
        html = client.post(url, DRAFT, follow=True).content.decode()
    assert "De leden kunnen er nu op reageren. 2 leden krijgen een e-mail. 1 lid krijgt een brief." in html
    advice = request.advice
    mail = next(m for m in mailoutbox if m.to == [world.user("member").email])
    assert "Advies over de nieuwe brieven" in mail.subject and _url(world, "detail", pk=advice.pk) in mail.body
    [letter] = pending_letters(kees)
    assert letter.kind == Letter.Kind.ADVICE_DRAFT and letter.object_id == advice.pk
    assert "De groep vindt de brieven te lang." in letter.text and "2. Zet er een telefoonnummer in" in letter.text
    # The body has no phone number: the letter says whom to tell, and by when.
    assert "Zeg het tegen de secretaris of de gespreksleider." in letter.text
    assert f"Het advies moet voor {request.deadline.day} " in letter.text
    assert letter.short_link.path == _url(world, "detail", pk=advice.pk)
    assert_plain_letter(letter)
    # The same form sent again: one advice per request, so nobody is told twice.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, DRAFT)
    assert len(mailoutbox) == 2 and len(pending_letters(kees)) == 1
    # Saving the draft later tells nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        services.advice_update(
            advice=advice,
            by=world.user("secretary"),
            version=advice.version,
            subject="Nieuw",
            text="x",
            recommendations=[],
        )
    assert len(mailoutbox) == 2 and len(pending_letters(kees)) == 1


def _respond(client, world, advice, officer):
    recommendations = list(advice.recommendations.order_by("number"))
    post = {"responded_on": advice.sent_on.isoformat(), "summary": "Dank u."}
    for rec in recommendations:
        post[f"verdict_{rec.pk}"] = "overgenomen"
    client.force_login(world.user(officer))
    return client.post(reverse("advice:response", args=[world.region.slug, advice.pk]), post, follow=True)


def test_recording_a_response_for_a_body_without_secretary_does_not_claim_a_message(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    # Adviesraad Zeedorp has no secretary: before, the page said "De secretaris van de groep krijgt een bericht".
    advice = sent_advice(world, body=world.municipal_body)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        html = _respond(client, world, advice, "officer_municipality").content.decode()
    assert "De reactie is vastgelegd." in html
    assert "De secretaris van de groep krijgt een" not in html
    assert "Niemand van de groep kreeg een bericht: de groep heeft geen secretaris met een e-mailadres." in html
    assert not mailoutbox


def test_recording_a_response_says_the_secretary_gets_an_email_when_one_is_sent(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    advice = sent_advice(world)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        html = _respond(client, world, advice, "officer_region").content.decode()
    assert "De reactie is vastgelegd. De secretaris van de groep krijgt een e-mail." in html
    assert [m.to for m in mailoutbox] == [[world.user("secretary").email]]
