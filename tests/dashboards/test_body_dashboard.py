"""The body's own page: rules, who supports it, how many members; what each role can do next."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inspraak.accounts.models import Role
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _url(w, body=None):
    body = body or w.body
    return reverse("dashboards:body_dashboard", kwargs={"region": body.region.slug, "body": body.slug})


def _get(client, w, actor, body=None):
    client.force_login(w.user(actor))
    return client.get(_url(w, body))


def test_member_sees_supporters_count_rules_but_no_other_members(client, world):
    response = _get(client, world, "member")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Test secretary" in html and "Test facilitator" in html
    assert world.client.name not in html and world.client.email not in html
    assert response.context["member_count"] == 2
    assert "Minstens 3 bijeenkomsten per jaar." in html
    assert "Uw rol in deze groep:" in html and "Lid" in html
    # A member cannot change anything here, and is not shown management links.
    assert reverse("regions:body_edit", kwargs={"region": "noordkust", "body": "clientenpanel"}) not in html
    assert reverse("accounts:people", kwargs={"region": "noordkust"}) not in html
    assert "Vraag het aan de secretaris" in html


def test_secretary_sees_the_composition_check_and_manages_members(client, world):
    html = _get(client, world, "secretary").content.decode()
    # Supporters see the findings with the numbers (two client memberships; the rules ask for 12).
    assert "2 cliënten, minimaal 12" in html
    assert reverse("members:list", kwargs={"region": "noordkust", "body": "clientenpanel"}) in html
    assert reverse("members:new", kwargs={"region": "noordkust", "body": "clientenpanel"}) not in html


def test_beheerder_gets_links_to_edit_and_people(client, world):
    html = _get(client, world, "admin").content.decode()
    assert reverse("regions:body_edit", kwargs={"region": "noordkust", "body": "clientenpanel"}) in html
    assert reverse("accounts:people", kwargs={"region": "noordkust"}) in html


def test_missing_facilitator_is_flagged_for_supporters(client, world):
    # The test world's facilitator has a role but no membership: the composition counts memberships.
    html = _get(client, world, "secretary").content.decode()
    assert "Er is geen onafhankelijke gespreksleider, terwijl die verplicht is" in html
    html = _get(client, world, "member").content.decode()
    assert "onafhankelijke gespreksleider, terwijl" not in html


def test_inactive_supporters_are_not_shown(client, world):
    facilitator = world.user("facilitator")
    facilitator.is_active = False
    facilitator.save()
    html = _get(client, world, "member").content.decode()
    assert "Test facilitator" not in html


def test_policy_officer_of_the_municipality_sees_its_body_only(client, world):
    response = _get(client, world, "officer_municipality", world.municipal_body)
    assert response.status_code == 200 and world.municipal_body.name in response.content.decode()
    assert _get(client, world, "officer_municipality", world.body).status_code == 403


def test_region_officer_sees_every_body_of_the_region(client, world):
    for body in (world.body, world.municipal_body):
        response = _get(client, world, "officer_region", body)
        assert response.status_code == 200 and body.name in response.content.decode()


def test_member_of_one_body_is_refused_on_another_body_of_the_region(client, world):
    response = _get(client, world, "member", world.municipal_body)
    assert response.status_code == 403


def test_people_of_another_region_get_404(client, world):
    assert _get(client, world, "other_region_admin").status_code == 404
    assert _get(client, world, "plain").status_code == 404


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(_url(world))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_dashboard_query_count_is_fixed(client, world):
    client.force_login(world.user("member"))

    def grow():
        for _ in range(10):
            RoleAssignmentFactory(user=UserFactory(), role=Role.MEMBER, region=world.region, body=world.body)
        RoleAssignmentFactory(user=UserFactory(), role=Role.SECRETARY, region=world.region, body=world.body)

    # the session with the person and their roles, body, supporters with the member count, the body's advice
    # summary (2)
    assert_constant_queries(client, _url(world), grow, expected=5)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_advice_block_links_each_request_and_advice_with_texts_made_in_the_selector(world, language):
    """The body dashboard's advice block places texts and links made once in the selector: each open request and
    advice links to its own page, the deadline and lateness are written out, titles escaped, the rest counted."""
    import datetime

    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import timezone, translation
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from inspraak.advice import selectors as advice_selectors
    from inspraak.advice.models import Advice, AdviceRequest, RequestStatus
    from tests.advice.data import advice_data, new_proposal, new_request, sent_advice

    advice_data(world)
    today = timezone.localdate()
    place = {"region": world.body.region.slug, "body": world.body.slug}
    for n, days in enumerate([-3, 0, 1, 20, *range(30, 40)]):
        new_request(
            world,
            new_proposal(world, title=f"Voorstel {n} & <co>"),
            requested_on=today - datetime.timedelta(days=60),
            deadline=today + datetime.timedelta(days=days),
        )
    for n in range(12):
        advice = sent_advice(world)
        Advice.objects.filter(pk=advice.pk).update(response_due=today + datetime.timedelta(days=n - 6))
    with translation.override(language):
        summary = advice_selectors.body_advice_summary(world.body)
        html = render_to_string("advice/_body_summary.html", {"advice_summary": summary})
        expected = [
            *(reverse("advice:request_detail", kwargs={**place, "pk": r.pk}) for r in summary["open_requests"]),
            *(reverse("advice:detail", kwargs={**place, "pk": a.pk}) for a in summary["overdue"] + summary["awaiting"]),
            reverse("advice:requests", kwargs=place),
            reverse("advice:list", kwargs=place),
        ]
        late = ngettext("%(n)s dag te laat", "%(n)s dagen te laat", 1) % {"n": 1}
        first = summary["open_requests"][0]
        due = _("advies uiterlijk %(date)s") % {"date": date_format(first.deadline, "j F Y")}
    for href in expected:
        assert f'href="{href}"' in html
    open_total = AdviceRequest.objects.filter(body=world.body, status=RequestStatus.OPEN).count()
    assert len(summary["open_requests"]) == 10 and summary["more_open"] == open_total - 10 > 0
    assert "&amp; &lt;co&gt;" in html and f"{due}, " in html
    assert summary["overdue"] and f'--danger">{late}</span>' in html  # the advice whose response is a day late


def test_the_letters_waiting_are_counted_with_the_supporters_as_the_letters_app_counts_them(client, world):
    from inspraak.dashboards import selectors
    from inspraak.letters import selectors as letter_selectors
    from tests.letters.data import letters_data

    letters_data(world)  # three letters waiting, one printed in a batch
    waiting = letter_selectors.pending_count(world.body)
    assert waiting == 3
    support = selectors.body_support(world.body, count_letters=True)
    assert support["letters_pending"] == waiting
    assert support == {**selectors.body_support(world.body), "letters_pending": waiting}
    assert selectors.body_support(world.body)["letters_pending"] is None
    client.force_login(world.user("secretary"))
    page = client.get(_url(world))
    assert page.context["letters_pending"] == waiting
    client.force_login(world.user("member"))
    assert client.get(_url(world)).context["letters_pending"] is None


def test_the_secretarys_dashboard_counts_the_letters_without_a_query_of_its_own(client, world):
    from django.core.cache import cache

    from tests.quality.queries import count_queries

    client.force_login(world.user("secretary"))

    def grow():
        for _ in range(10):
            RoleAssignmentFactory(user=UserFactory(), role=Role.MEMBER, region=world.region, body=world.body)
        cache.clear()  # factories write no audit row: the kept composition would not see them (ADR 31)

    # the session with the person and their roles, body, supporters with the member count and the letters waiting,
    # the region's newest
    # audit row (the kept composition's key), the composition (the active members and the region's municipalities
    # for the seat allocation), the body's advice summary (2)
    assert_constant_queries(client, _url(world), grow, expected=8)
    # Asked again, the composition is kept: its two queries are not run.
    assert count_queries(client, _url(world)) == 6


def test_the_kept_composition_on_the_dashboard_shows_a_membership_change_at_once(client, world):
    import re

    from tests.dashboards.data import add_client_member

    def members_in_composition() -> int:
        html = client.get(_url(world)).content.decode()
        return int(re.search(r">Leden</dt><dd class=\"utrecht-data-list__item-value\">(\d+)<", html).group(1))

    client.force_login(world.user("secretary"))
    before = members_in_composition()
    assert members_in_composition() == before  # kept: the region has no audit row yet, so it has settled

    add_client_member(world)

    # The membership wrote an audit row of the region: the composition is made again, with the new member.
    assert members_in_composition() == before + 1
