"""Issue 12, policy side (walkthrough section 4, policy officer): deciding without advice asks for a confirmed
reason, tells the bodies and lands on a public list; empty bodies are never suggested; a GR proposal offers only
GR deciders; an advice deadline without margin before the decision needs the officer's "toch vragen"."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspraak.advice.models import AdviceRequest
from inspraak.letters.models import Letter
from inspraak.policy import services
from inspraak.policy.models import Proposal, ProposalStatus
from tests.factories import BodyFactory, MembershipFactory, RoleAssignmentFactory, UserFactory
from tests.policy.data import new_proposal, sent_advice
from tests.quality.html import assert_valid_html
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
D = datetime.timedelta
TODAY = timezone.localdate


def _login(client, world, actor="officer_municipality"):
    client.force_login(world.user(actor))
    return client


def _error_near(response, field: str, text: str) -> None:
    html = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 200
    assert f'id="id_{field}_error">{text}' in html, f"no message {text!r} next to {field}"


def _decided(proposal, **extra):
    return {
        "version": Proposal.objects.get(pk=proposal.pk).version,
        "status": "besloten",
        "decided_on": TODAY().isoformat(),
        "decision_url": "https://www.zeedorp.nl/besluit-12",
        **extra,
    }


# ---------------------------------------------------------------- decided without advice


def test_deciding_without_any_advice_asks_to_confirm_with_a_reason(client, world):
    proposal = new_proposal(world, bodies=[world.body])
    url = reverse("policy:proposal_status", args=[world.region.slug, proposal.pk])
    _login(client, world)
    page = client.get(url).content.decode()
    assert "Nog geen advies" in page and 'name="no_advice_reason"' in page
    # The first "besloten" is not saved: the confirm step, with what was typed kept.
    response = client.post(url, _decided(proposal))
    html = response.content.decode()
    assert response.status_code == 200 and "Bevestig: besloten zonder advies" in html
    assert 'value="https://www.zeedorp.nl/besluit-12"' in html and 'name="confirmed"' in html
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.PREPARING
    # Confirmed without a reason: a Dutch message next to the field, still nothing saved.
    response = client.post(url, _decided(proposal, confirmed="True"))
    _error_near(
        response,
        "no_advice_reason",
        "Geen enkele groep heeft advies gegeven. Schrijf waarom toch besloten is zonder advies.",
    )
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.PREPARING
    # With the reason: decided, marked, and the reason kept.
    response = client.post(url, _decided(proposal, confirmed="True", no_advice_reason="De wet ging op 1 januari in."))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECIDED and proposal.decided_without_advice
    assert proposal.no_advice_reason == "De wet ging op 1 januari in."
    page = client.get(reverse("advice:proposal", args=[world.region.slug, proposal.pk])).content.decode()
    assert "Besloten zonder advies, omdat" in page and "De wet ging op 1 januari in." in page


def test_the_reason_is_public_so_it_may_not_name_a_client(client, world):
    proposal = new_proposal(world, bodies=[world.body])
    url = reverse("policy:proposal_status", args=[world.region.slug, proposal.pk])
    _login(client, world)
    response = client.post(url, _decided(proposal, no_advice_reason="Geheime Cliënt was er niet."))
    html = response.content.decode()
    assert response.status_code == 200 and "noemt een cliënt" in html and "Geheime Cliënt" in html
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.PREPARING


def test_deciding_without_advice_tells_members_by_email_or_letter_and_the_staff(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    paper = UserFactory(email=None, name="Kees Papier")
    MembershipFactory(body=world.body, user=paper, contact_address="Dorpsstraat 1, Zeedorp")
    proposal = new_proposal(world, bodies=[world.body])
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_change_status(
            proposal=proposal,
            status=ProposalStatus.DECIDED,
            by=world.user("officer_municipality"),
            version=proposal.version,
            decided_on=TODAY(),
            decision_url="https://www.zeedorp.nl/besluit",
            no_advice_reason="Het college moest snel beslissen.",
        )
    to = sorted(address for mail in mailoutbox for address in mail.to)
    # Members with email (the actor member and the secret client), the secretary and the facilitator.
    assert to == sorted(
        ["member@example.org", "geheime.client@example.org", "secretary@example.org", "facilitator@example.org"]
    )
    assert all("Besloten zonder advies" in mail.subject for mail in mailoutbox)
    assert all("Het college moest snel beslissen." in mail.body for mail in mailoutbox)
    letter = Letter.objects.get(user=paper)
    assert letter.kind == Letter.Kind.OTHER and letter.body == world.body and letter.object_id == proposal.pk
    assert "Het college moest snel beslissen." in letter.text and "http" not in letter.text


def test_advice_from_a_concerned_body_means_no_confirmation(client, world):
    proposal = new_proposal(world, bodies=[world.body])
    sent_advice(world.body, proposal=proposal)  # unsolicited, about this proposal
    url = reverse("policy:proposal_status", args=[world.region.slug, proposal.pk])
    _login(client, world)
    assert "Nog geen advies" not in client.get(url).content.decode()
    assert client.post(url, _decided(proposal)).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECIDED and not proposal.decided_without_advice
    assert not Letter.objects.exists()


def test_a_proposal_without_bodies_is_decided_as_before(world):
    proposal = new_proposal(world, bodies=[], no_bodies_reason="Alleen een technische wijziging.")
    decided = services.proposal_change_status(
        proposal=proposal,
        status=ProposalStatus.DECIDED,
        by=world.user("officer_municipality"),
        version=proposal.version,
        decided_on=TODAY(),
        decision_url="https://www.zeedorp.nl/besluit",
    )
    assert decided.status == ProposalStatus.DECIDED and not decided.decided_without_advice


def test_public_list_of_proposals_decided_without_advice(client, world):
    shown = new_proposal(world, bodies=[world.body], title="Regels voor de tegenprestatie")
    services.proposal_change_status(
        proposal=shown,
        status=ProposalStatus.DECIDED,
        by=world.user("officer_municipality"),
        version=shown.version,
        decided_on=TODAY(),
        decision_url="https://www.zeedorp.nl/besluit",
        no_advice_reason="De termijn van het Rijk was te kort.",
    )
    new_proposal(world, title="Nog in voorbereiding")
    url = reverse("register:without_advice", args=[world.region.slug])
    html = client.get(url).content.decode()  # anonymous: public
    assert "Regels voor de tegenprestatie" in html and "De termijn van het Rijk was te kort." in html
    assert "Cliëntenpanel Noordkust" in html and "Nog in voorbereiding" not in html
    assert world.user("officer_municipality").name not in html
    other = client.get(reverse("register:without_advice", args=[world.other_region.slug])).content.decode()
    assert "Regels voor de tegenprestatie" not in other
    # Linked from the public region page and the art. 47 matrix, and shown on the public proposal page.
    assert url in client.get(reverse("regions:region", args=[world.region.slug])).content.decode()
    assert url in client.get(reverse("compliance:matrix", args=[world.region.slug])).content.decode()
    page = client.get(reverse("register:proposal", args=[world.region.slug, shown.pk])).content.decode()
    assert "De termijn van het Rijk was te kort." in page and url in page

    def grow():
        body = BodyFactory(region=world.region, name="Extra groep")
        for n in range(3):
            proposal = new_proposal(world, bodies=[world.body, body], title=f"Extra {n}")
            services.proposal_change_status(
                proposal=proposal,
                status=ProposalStatus.DECIDED,
                by=world.user("officer_municipality"),
                version=proposal.version,
                decided_on=TODAY(),
                decision_url="https://www.zeedorp.nl/besluit",
                no_advice_reason="Geen tijd.",
            )

    assert_constant_queries(client, url, grow)


# ---------------------------------------------------------------- empty bodies


def test_an_empty_body_is_shown_with_a_warning_and_never_suggested(client, world):
    # Zeedorp's adviesraad has no members, no secretary and no facilitator.
    _login(client, world)
    html = client.get(reverse("policy:proposal_new", args=[world.region.slug]) + "?voor=zeedorp").content.decode()
    assert "Adviesraad Sociaal Domein Zeedorp – let op: deze groep heeft geen leden" in html
    assert "Cliëntenpanel Noordkust (voorgesteld)" in html
    checked = [line for line in html.splitlines() if 'name="bodies"' in line and "checked" in line]
    assert any(f'value="{world.body.pk}"' in line for line in checked)
    assert not any(f'value="{world.municipal_body.pk}"' in line for line in checked)
    # Members but no secretary or facilitator: still empty. With a secretary: suggested again.
    MembershipFactory(body=world.municipal_body)
    html = client.get(reverse("policy:proposal_new", args=[world.region.slug]) + "?voor=zeedorp").content.decode()
    assert "let op: deze groep heeft geen secretaris en geen gespreksleider" in html
    RoleAssignmentFactory(user=UserFactory(), role="secretaris", region=world.region, body=world.municipal_body)
    html = client.get(reverse("policy:proposal_new", args=[world.region.slug]) + "?voor=zeedorp").content.decode()
    assert "Adviesraad Sociaal Domein Zeedorp (voorgesteld)" in html


def test_the_advice_request_form_warns_about_an_empty_body(client, world):
    proposal = new_proposal(world)
    _login(client, world)
    html = client.get(reverse("advice:request_new", args=[world.region.slug, proposal.pk])).content.decode()
    assert "Adviesraad Sociaal Domein Zeedorp – let op: deze groep heeft geen leden" in html
    assert "Niemand krijgt de vraag dan" in html


# ---------------------------------------------------------------- who decides


def test_a_gr_proposal_offers_only_gr_deciders(client, world):
    _login(client, world, "officer_region")
    url = reverse("policy:proposal_new", args=[world.region.slug]) + "?voor=regio"
    html = client.get(url).content.decode()
    assert "Algemeen bestuur van de GR" in html and "Dagelijks bestuur van de GR" in html
    assert "College van burgemeester en wethouders" not in html and "Gemeenteraad" not in html
    crafted = {
        "title": "Regionale werkwijze",
        "description": "Over de uitvoering.",
        "kind": "beleid",
        "owner": world.user("officer_region").pk,
        "deciding_body": "college",
        "planned_decision_date": (TODAY() + D(days=90)).isoformat(),
        "bodies": [world.body.pk],
    }
    response = client.post(url, crafted)
    _error_near(response, "deciding_body", "Kies wie besluit uit de lijst. Die hangt af van voor wie het voorstel is.")
    assert not Proposal.objects.exists()


def test_a_municipal_proposal_offers_only_municipal_deciders(client, world):
    _login(client, world)
    html = client.get(reverse("policy:proposal_new", args=[world.region.slug]) + "?voor=zeedorp").content.decode()
    assert "College van burgemeester en wethouders" in html and "Gemeenteraad" in html
    assert "bestuur van de GR" not in html
    proposal = new_proposal(world)
    url = reverse("policy:proposal_edit", args=[world.region.slug, proposal.pk])
    data = {
        "title": proposal.title,
        "description": proposal.description,
        "kind": proposal.kind,
        "owner": proposal.owner_id,
        "deciding_body": "dagelijks_bestuur",
        "planned_decision_date": proposal.planned_decision_date.isoformat(),
        "bodies": [world.body.pk, world.municipal_body.pk],
        "version": proposal.version,
    }
    _error_near(client.post(url, data), "deciding_body", "Kies wie besluit uit de lijst.")


def test_the_service_refuses_a_decider_that_does_not_fit(world):
    with pytest.raises(services.PolicyError) as error:
        new_proposal(world, municipality=None, bodies=[world.body], deciding_body="gemeenteraad")
    assert error.value.code == "decider_scope"
    proposal = new_proposal(world)
    with pytest.raises(services.PolicyError) as error:
        services.proposal_update(
            proposal=proposal,
            by=world.user("officer_municipality"),
            version=proposal.version,
            deciding_body="algemeen_bestuur",
        )
    assert error.value.code == "decider_scope"


# ---------------------------------------------------------------- a margin before the decision


def _request(world, **extra):
    return {
        "bodies": [world.body.pk],
        "questions": "Wat vindt u ervan?",
        "requested_on": TODAY().isoformat(),
        "deadline": "",
        **extra,
    }


def test_an_advice_deadline_just_before_the_decision_needs_toch_vragen(client, world):
    # The panel's advice period is 6 weeks: asked today, the advice is due one day before the decision.
    proposal = new_proposal(world, planned_decision_date=TODAY() + D(weeks=6, days=1))
    url = reverse("advice:request_new", args=[world.region.slug, proposal.pk])
    _login(client, world)
    response = client.post(url, _request(world))
    _error_near(response, "deadline", "Het advies van Cliëntenpanel Noordkust komt dan op ")
    html = response.content.decode()
    assert "Dat is maar 1 dag voor het besluit." in html and "Wat vindt u ervan?" in html
    assert not AdviceRequest.objects.exists()
    # An earlier deadline with two weeks' margin is fine; so is "toch vragen".
    early = (TODAY() + D(weeks=4, days=1)).isoformat()
    assert client.post(url, _request(world, deadline=early)).status_code == 302
    AdviceRequest.objects.all().delete()
    assert client.post(url, _request(world, short_margin_ok="on")).status_code == 302
    assert AdviceRequest.objects.count() == 1


def test_a_deadline_after_the_decision_says_so(client, world):
    proposal = new_proposal(world, planned_decision_date=TODAY() + D(weeks=2))
    _login(client, world)
    response = client.post(reverse("advice:request_new", args=[world.region.slug, proposal.pk]), _request(world))
    assert "Dat is 28 dagen na het besluit." in response.content.decode()


def test_the_new_states_of_the_pages_are_valid_html(client, world, tmp_path):
    proposal = new_proposal(world, bodies=[world.body, world.municipal_body])
    _login(client, world)
    status = reverse("policy:proposal_status", args=[world.region.slug, proposal.pk])
    request_url = reverse("advice:request_new", args=[world.region.slug, proposal.pk])
    pages = {
        "status": client.get(status).content,
        "confirm": client.post(status, _decided(proposal)).content,
        "request_form": client.get(request_url).content,
        "margin": client.post(
            request_url, _request(world, deadline=proposal.planned_decision_date.isoformat())
        ).content,
        "new_gr": _login(client, world, "officer_region")
        .get(reverse("policy:proposal_new", args=[world.region.slug]) + "?voor=regio")
        .content,
    }
    client.post(status, _decided(proposal, no_advice_reason="Geen tijd."))
    client.logout()
    pages["list"] = client.get(reverse("register:without_advice", args=[world.region.slug])).content
    pages["public_proposal"] = client.get(reverse("register:proposal", args=[world.region.slug, proposal.pk])).content
    assert_valid_html(pages, tmp_path)


# ---------------------------------------------------------------- the policy agenda: search, filter, order


def test_the_policy_agenda_can_be_searched_filtered_and_sorted(client, world):
    new_proposal(world, title="Beleidsregels bijzondere bijstand", planned_decision_date=TODAY() + D(days=30))
    new_proposal(world, title="Verordening tegenprestatie", planned_decision_date=TODAY() + D(days=60))
    withdrawn = new_proposal(world, title="Armoedebeleid", planned_decision_date=TODAY() + D(days=90))
    services.proposal_change_status(
        proposal=withdrawn,
        status=ProposalStatus.WITHDRAWN,
        by=world.user("officer_municipality"),
        version=withdrawn.version,
        reason="Het college wil het anders.",
    )
    _login(client, world)
    url = reverse("advice:officer_dashboard", args=[world.region.slug])

    def titles(**query):
        html = client.get(url, query).content.decode()
        names = ["Beleidsregels bijzondere bijstand", "Verordening tegenprestatie", "Armoedebeleid"]
        return sorted((name for name in names if name in html), key=html.find)

    assert titles() == ["Beleidsregels bijzondere bijstand", "Verordening tegenprestatie", "Armoedebeleid"]
    assert titles(zoek="tegenprestatie") == ["Verordening tegenprestatie"]
    assert titles(status="open") == ["Beleidsregels bijzondere bijstand", "Verordening tegenprestatie"]
    assert titles(status="ingetrokken") == ["Armoedebeleid"]
    assert titles(volgorde="titel") == [
        "Armoedebeleid",
        "Beleidsregels bijzondere bijstand",
        "Verordening tegenprestatie",
    ]
    assert titles(volgorde="besluit-laatst")[0] == "Armoedebeleid"
    html = client.get(url, {"zoek": "tegenprestatie"}).content.decode()
    assert "1 voorstel gevonden." in html and 'value="tegenprestatie"' in html
    # A crafted value: a Dutch message next to the field, the whole agenda, never a 500.
    response = client.get(url, {"status": "bestaat-niet"})
    _error_near(response, "status", "Kies een status uit de lijst.")
    assert "Armoedebeleid" in response.content.decode()

    def grow():
        for n in range(3):
            new_proposal(world, title=f"Tegenprestatie deel {n}")

    assert_constant_queries(client, f"{url}?zoek=tegenprestatie&volgorde=titel", grow)
