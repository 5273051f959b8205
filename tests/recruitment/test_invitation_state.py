"""The application page tells the truth about a member invitation made from it: "Uitgenodigd: wacht op
bevestiging" until the person says yes, "Uitnodiging verlopen" after the days, and "lid geworden" only after yes."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspraak.members import rules as member_rules
from inspraak.members import services as member_services
from inspraak.members.models import Membership
from inspraak.recruitment import services
from tests.recruitment.data import apply, recruitment

pytestmark = pytest.mark.django_db


def _page(world, application):
    kwargs = {"region": world.region.slug, "body": world.body.slug, "pk": application.pk}
    return reverse("recruitment:application_detail", kwargs=kwargs)


def _invited(world):
    application = apply(recruitment(world).vacancy, world.municipality, contact_email="wacht@example.org")
    services.application_set_status(application=application, status="gekozen", by=world.user("secretary"))
    new = services.applicant_make_member(application=application, by=world.user("secretary"))
    return application, new.membership


def test_the_application_page_says_invited_until_the_person_says_yes(client, world):
    application, membership = _invited(world)
    client.force_login(world.user("secretary"))
    html = client.get(_page(world, application)).content.decode()
    assert "Uitgenodigd: wacht op bevestiging van de persoon." in html
    assert "Zegt de persoon nee" in html and "verloopt de uitnodiging" in html
    assert "Deze persoon is lid geworden." not in html
    member_services.invitation_accept(membership=membership, by=membership.user)
    html = client.get(_page(world, application)).content.decode()
    assert "Deze persoon is lid geworden." in html and "Uitgenodigd" not in html


def test_after_a_no_the_application_can_invite_again(client, world):
    application, membership = _invited(world)
    member_services.invitation_decline(membership=membership, by=membership.user)
    client.force_login(world.user("secretary"))
    html = client.get(_page(world, application)).content.decode()
    assert "Uitgenodigd" not in html and "Deze persoon is lid geworden." not in html
    assert (
        reverse(
            "recruitment:application_convert",
            kwargs={"region": world.region.slug, "body": world.body.slug, "pk": application.pk},
        )
        in html
    )


def test_an_expired_invitation_is_shown_and_invited_again_from_the_application(client, world):
    application, membership = _invited(world)
    Membership.objects.filter(pk=membership.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=member_rules.INVITATION_DAYS + 1)
    )
    client.force_login(world.user("secretary"))
    html = client.get(_page(world, application)).content.decode()
    assert "Uitnodiging verlopen" in html and "Uitgenodigd: wacht" not in html
    again = reverse("members:end", kwargs={"region": world.region.slug, "body": world.body.slug, "pk": membership.pk})
    assert again in html
    response = client.post(again)
    assert response.status_code == 302 and response["Location"] == _page(world, application)
    application.refresh_from_db()
    assert application.membership_id is None and application.status == "gekozen"
