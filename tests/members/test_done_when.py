"""Issue 3's "done when", as a new user would try it, through the services and the pages."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from inspraak.members.selectors import body_composition
from inspraak.recruitment import services as recruitment
from inspraak.recruitment.models import Application, Situation
from tests.factories import MembershipFactory
from tests.recruitment.data import close

pytestmark = pytest.mark.django_db


def test_secretary_fills_a_missing_seat_and_the_findings_update(client, world):
    secretary = world.user("secretary")
    body = world.body
    body.min_clients = 4
    body.min_seats_per_municipality = 1
    body.facilitator_required = False
    body.save()
    # Zeedorp has two client members (the world's), Duinstad none: Duinstad is short.
    client.force_login(secretary)
    html = client.get(reverse("dashboards:body_dashboard", args=[world.region.slug, body.slug])).content.decode()
    assert "Gemeente Duinstad: 0 van 2 zetels bezet" in html
    gaps = {g.name: g.shortfall for g in body_composition(body)["gaps"]}
    assert gaps == {"Duinstad": 2, "Zeedorp": 0}

    vacancy = recruitment.vacancy_create(
        body=body,
        by=secretary,
        title="Wij zoeken leden uit Duinstad",
        about_body="Wij praten mee.",
        what_we_ask="Vier keer per jaar.",
        meetings_per_year=4,
        what_you_get="Een vergoeding.",
        closes_on=datetime.date.today() + datetime.timedelta(days=30),
        seats={world.municipality_2: 1},
    )
    applications = [
        recruitment.application_submit(
            vacancy=vacancy,
            name=name,
            municipality=world.municipality_2,
            situation=Situation.NOW,
            motivation="Ik wil meepraten.",
            consent_processing=True,
            contact_phone="06123",
            channel=channel,
            by=secretary if channel == Application.Channel.PAPER else None,
        )
        for name, channel in (
            ("Aanmelder Een", Application.Channel.ONLINE),
            ("Aanmelder Twee", Application.Channel.ONLINE),
            ("Aanmelder Papier", Application.Channel.PAPER),
        )
    ]
    for application in applications:
        # Online applications without email count once the secretary confirmed them by phone.
        recruitment.application_confirm_by_phone(application=application, by=secretary)
        recruitment.application_set_suitable(application=application, suitable=True, by=secretary)
    close(vacancy)  # a draw only after the closing date (walkthrough B7)
    draw = recruitment.draw_run(vacancy=vacancy, municipality=world.municipality_2, seats=1, by=secretary)
    [chosen] = [a for a in applications if (a.refresh_from_db() or a.status == Application.Status.CHOSEN)]
    assert draw.pk and chosen.status == Application.Status.CHOSEN

    new = recruitment.applicant_make_member(application=chosen, by=secretary)
    assert new.issued is not None  # no email: a printed code
    client.logout()
    response = client.post(reverse("accounts:code_login"), {"code": new.issued.code})
    assert response.status_code == 302
    response = client.get(reverse("dashboards:body_dashboard", args=[world.region.slug, body.slug]))
    assert response.status_code == 200

    gaps = {g.name: g.shortfall for g in body_composition(body)["gaps"]}
    assert gaps == {"Duinstad": 1, "Zeedorp": 0}
    MembershipFactory(body=body, municipality=world.municipality_2)
    assert "municipality_short" not in {f.code for f in body_composition(body)["findings"]}
