"""The audit log page: the region's beheerder only, newest first, 50 a page, filters, plain Dutch, fixed queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inspraak.audit.labels import action_label, field_labels, type_label
from inspraak.audit.models import AuditEvent
from inspraak.audit.services import audit_record
from inspraak.regions import services
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _url(w, **query):
    url = reverse("regions:audit_log", kwargs={"region": w.region.slug})
    if query:
        from urllib.parse import urlencode

        url += "?" + urlencode(query)
    return url


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.user("admin"))
    return client


def _fill(world, n: int, *, region=None, action="body.update"):
    region = region or world.region
    body = world.body if region == world.region else world.other_body
    for i in range(n):
        audit_record(
            actor=world.user("admin"),
            action=action,
            target=body,
            region=region,
            changed_fields=["min_clients"],
            label=f"{body.name} {i}",
        )


def test_log_shows_who_what_when_in_plain_dutch(admin_client, world):
    services.body_update(body=world.body, by=world.user("admin"), min_clients=10, name="Panel")
    response = admin_client.get(_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Test admin" in html  # who (the beheerder may see the actor's name)
    assert "Groep gewijzigd" in html  # what
    assert "Groep" in html  # object type
    assert "Panel" in html  # object label
    assert "minimaal aantal cliënten" in html and "naam" in html  # changed fields, not code names
    assert "min_clients" not in html
    assert "<time datetime=" in html


def test_log_is_newest_first_and_scoped_to_the_region(admin_client, world):
    _fill(world, 1)
    _fill(world, 1, region=world.other_region)
    services.body_update(body=world.body, by=world.user("admin"), name="Als laatste gedaan")
    events = list(admin_client.get(_url(world)).context["page"].object_list)
    assert [e.target_label for e in events] == ["Als laatste gedaan", "Cliëntenpanel Noordkust 0"]
    assert all(e.region_id == world.region.pk for e in AuditEvent.objects.filter(pk__in=[e.pk for e in events]))


def test_log_is_paged_by_50_with_a_cursor(admin_client, world):
    # Was: numbered pages ("Pagina 1 van 2", ?pagina=2) over an OFFSET and a full count. Now (issue 15) a page
    # continues after the last row of the page before (?na=<cursor>): the same cost on page 1 or page 1,000.
    _fill(world, 51)
    first = admin_client.get(_url(world))
    page = first.context["page"]
    assert len(page.object_list) == 50
    html = first.content.decode()
    assert "51 regels gevonden." in html
    assert f'href="?na={page.older}">Oudere regels</a>' in html
    assert "Naar de nieuwste regels" not in html  # already there
    second = admin_client.get(_url(world, na=page.older))
    assert [e.target_label for e in second.context["page"].object_list] == ["Cliëntenpanel Noordkust 0"]
    html = second.content.decode()
    assert "Oudere regels" not in html and 'href="?">Naar de nieuwste regels</a>' in html
    # A cursor that is not one (typed, or an old ?pagina= link) shows the newest rows, never an error.
    for value in ("abc", "99", "-1", "1-", "9" * 40 + "-1", "123-abc"):
        assert len(admin_client.get(_url(world, na=value)).context["page"].object_list) == 50
    assert len(admin_client.get(_url(world, pagina=2)).context["page"].object_list) == 50


def test_events_of_the_same_moment_are_split_over_pages_without_loss_or_double(admin_client, world):
    from unittest import mock

    from django.utils import timezone

    moment = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=moment):
        _fill(world, 120)
    seen = []
    after = None
    while True:
        page = admin_client.get(_url(world, **({"na": after} if after else {}))).context["page"]
        seen += [e.pk for e in page.object_list]
        if not page.older:
            break
        after = page.older
    mine = AuditEvent.objects.filter(region=world.region).order_by("-at", "-id").values_list("pk", flat=True)
    assert seen == list(mine) and len(seen) == len(set(seen)) >= 120


def test_the_count_stops_at_a_thousand(admin_client, world, monkeypatch):
    from inspraak.audit import selectors

    monkeypatch.setattr(selectors, "COUNT_CAP", 20)
    _fill(world, 20)
    assert "20 regels gevonden." in admin_client.get(_url(world)).content.decode()
    _fill(world, 1)
    assert "Meer dan 20 regels gevonden." in admin_client.get(_url(world)).content.decode()


def test_log_filters_by_action_and_type(admin_client, world):
    _fill(world, 3)
    services.municipality_update(municipality=world.municipality, by=world.user("admin"), name="Zeedorp-Noord")
    by_action = admin_client.get(_url(world, handeling="municipality.update")).context["page"]
    assert [e.action for e in by_action.object_list] == ["municipality.update"]
    by_type = admin_client.get(_url(world, soort="body")).context["page"]
    assert len(by_type.object_list) == 3 and {e.target_type for e in by_type.object_list} == {"body"}
    both = admin_client.get(_url(world, soort="body", handeling="municipality.update")).context["page"]
    assert list(both.object_list) == []
    html = admin_client.get(_url(world, soort="body")).content.decode()
    assert '<option value="body" selected>Groep</option>' in html
    assert '<option value="municipality.update">Gemeente gewijzigd</option>' in html
    # Filters keep working across pages.
    _fill(world, 60)
    response = admin_client.get(_url(world, soort="body"))
    older = response.context["page"].older
    assert f"?soort=body&amp;na={older}" in response.content.decode()
    second = admin_client.get(_url(world, soort="body", na=older)).context["page"]
    assert len(second.object_list) == 13 and {e.target_type for e in second.object_list} == {"body"}


def test_unknown_filter_values_are_ignored(admin_client, world):
    _fill(world, 2)
    response = admin_client.get(_url(world, handeling="<script>", soort="bestaat-niet"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 2
    assert "<script>" not in response.content.decode()


def test_empty_log_says_so(admin_client, world):
    assert "Er staat hier (nog) niets." in admin_client.get(_url(world)).content.decode()


def test_events_without_actor_show_system(admin_client, world):
    audit_record(actor=None, action="body.update", target=world.body, region=world.region)
    html = admin_client.get(_url(world)).content.decode()
    assert "systeem" in html and "groep #" in html


def test_log_query_count_is_fixed(admin_client, world):
    _fill(world, 3)
    # the session with the person and their roles, region, filter choices, the rows with their count
    assert_constant_queries(admin_client, _url(world), lambda: _fill(world, 80), expected=4)
    older = admin_client.get(_url(world)).context["page"].older
    assert_constant_queries(admin_client, _url(world, na=older, soort="body"), lambda: _fill(world, 80), expected=4)


@pytest.mark.parametrize("actor", ["secretary", "member", "officer_region", "officer_municipality", "facilitator"])
def test_people_of_the_region_without_admin_role_get_403(client, world, actor):
    _fill(world, 1)
    client.force_login(world.user(actor))
    response = client.get(_url(world))
    assert response.status_code == 403
    assert "Test admin" not in response.content.decode().replace(world.user(actor).name, "")


@pytest.mark.parametrize("actor", ["plain", "other_region_admin"])
def test_outsiders_get_404(client, world, actor):
    client.force_login(world.user(actor))
    assert client.get(_url(world)).status_code == 404


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(_url(world))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_labels_fall_back_to_codes():
    assert action_label("something.new") == "something.new"
    assert type_label("unknownmodel") == "unknownmodel"
    assert field_labels("body", ["name", "no_such_field"]) == ["naam", "no_such_field"]
    assert type_label("municipality") == "Gemeente"


def test_the_filters_offer_exactly_the_actions_and_types_of_the_region(admin_client, world):
    from inspraak.audit.selectors import audit_filter_choices

    _fill(world, 2)
    _fill(world, 1, action="meeting.cancel")
    audit_record(actor=None, action="region.update", target=world.region, region=world.region)
    audit_record(actor=None, action="vacancy.create", target=world.other_body, region=world.other_region)
    actions, types = audit_filter_choices(world.region)
    mine = AuditEvent.objects.filter(region=world.region)
    assert {code for code, _ in actions} == set(mine.values_list("action", flat=True))
    assert {code for code, _ in types} == set(mine.values_list("target_type", flat=True))
    assert "vacancy.create" not in {code for code, _ in actions}
    assert [label for _, label in actions] == sorted((label for _, label in actions), key=str.lower)
