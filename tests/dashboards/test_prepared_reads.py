"""The reads of 'Mijn overzicht' and the body dashboard whose SQL the ORM builds once per shape (core.prepared, ADR
0032): every shape the roles make is prepared (none falls back to the ORM for good), and the rows are the ORM's."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db.models import Q
from django.utils import timezone

from inspraak.accounts.models import Role
from inspraak.accounts.roles import roles_of
from inspraak.core import prepared
from inspraak.dashboards import selectors, todo
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.members import selectors as member_selectors
from inspraak.records.models import Minutes, MinutesStatus
from tests.agenda.data import new_meeting
from tests.factories import BodyFactory, RoleAssignmentFactory
from tests.records.data import past_meeting

DASHBOARD = "/mijn-overzicht/"
OURS = ("dashboards.", "todo.", "members.")


@pytest.fixture(autouse=True)
def _no_shapes_kept():
    prepared.forget_shapes()
    yield
    prepared.forget_shapes()


def _page(client, url: str) -> str:
    """The page without its CSRF tokens (new on every response)."""
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def _our_shapes() -> dict[str, bool]:
    """Name of each of our prepared keys -> whether its SQL is kept (False: the ORM runs it every time)."""
    shapes = {}
    for full_key, shape in prepared._shapes.items():
        key = full_key[0]
        name = key if isinstance(key, str) else key[0]
        if name.startswith(OURS):
            shapes[name] = shapes.get(name, True) and shape is not prepared._NOT_PREPARED
    return shapes


@pytest.mark.parametrize(
    ("actor", "names"),
    [
        ("member", {"dashboards.loaded_bodies"}),
        ("secretary", {"dashboards.loaded_bodies", "todo.meetings"}),
        ("facilitator", {"dashboards.loaded_bodies", "todo.meetings"}),
        ("admin", {"dashboards.regions", "dashboards.loaded_bodies", "members.member_facts", "members.regions_sizes"}),
        ("officer_region", {"dashboards.regions", "dashboards.loaded_bodies"}),
        ("officer_municipality", {"dashboards.loaded_bodies"}),
        ("finance", {"dashboards.regions"}),
    ],
)
def test_every_read_of_the_dashboard_is_prepared_for_each_role(world, client_for, actor, names):
    client = client_for(actor)
    first = _page(client, DASHBOARD)
    assert _our_shapes() == dict.fromkeys(names, True)
    assert _page(client, DASHBOARD) == first  # the second time from the kept SQL: the same page


def test_every_read_is_prepared_for_a_person_with_every_role(world, client_for):
    user = world.user("admin")
    for role in (Role.SECRETARY, Role.FACILITATOR, Role.MEMBER):
        RoleAssignmentFactory(user=user, role=role, region=world.region, body=world.body)
    RoleAssignmentFactory(user=user, role=Role.POLICY_OFFICER, region=world.region, municipality=world.municipality)
    RoleAssignmentFactory(user=user, role=Role.FINANCE, region=world.region)
    client = client_for("admin")
    first = _page(client, DASHBOARD)
    shapes = _our_shapes()
    assert all(shapes.values()), shapes
    assert {"dashboards.regions", "dashboards.loaded_bodies", "todo.meetings"} <= shapes.keys()
    assert _page(client, DASHBOARD) == first


def test_the_body_dashboards_composition_reads_are_prepared(world, client_for):
    world.body.balanced_over_municipalities = True
    world.body.save()
    client = client_for("secretary")
    url = f"/orgaan/{world.region.slug}/{world.body.slug}/"
    first = _page(client, url)
    assert _our_shapes() == {"members.member_facts": True, "members.seat_sizes": True}
    assert _page(client, url) == first


def _orm_meetings(body_ids, now):
    window = now - datetime.timedelta(days=todo.WRITE_WINDOW_DAYS)
    return list(
        Meeting.objects.filter(body_id__in=body_ids)
        .filter(
            Q(status__in=todo.OPEN_MEETING, starts_at__gt=now)
            | Q(status__in=todo.DONE_MEETING, starts_at__gte=window)
            | Q(status=MeetingStatus.HELD, minutes__status=MinutesStatus.SHARED)
        )
        .select_related("minutes")
        .order_by("starts_at", "pk")
    )


def test_the_prepared_meetings_are_the_orms_with_their_minutes_cached_as_select_related_leaves_them(world):
    other = BodyFactory(region=world.region)
    coming = new_meeting(world.body, days=5)
    new_meeting(other, days=3)
    held = past_meeting(world, days_ago=4, title="Zonder verslag")
    shared = past_meeting(world, days_ago=200, title="Verslag gedeeld")
    Minutes.objects.create(meeting=shared, text="Verslag", status=MinutesStatus.SHARED, approve_by=timezone.localdate())
    past_meeting(world, days_ago=300, title="Te oud")
    now = timezone.now()

    for secretary_ids, facilitator_ids in (([world.body.pk], []), ([], [world.body.pk, other.pk])):
        meetings = todo._meetings(secretary_ids, facilitator_ids, now=now)
        again = todo._meetings(secretary_ids, facilitator_ids, now=now)  # from the kept SQL
        expected = _orm_meetings(sorted({*secretary_ids, *facilitator_ids}), now)
        for read in (meetings, again):
            assert [m.pk for m in read] == [m.pk for m in expected]
            assert [m.starts_at for m in read] == [m.starts_at for m in expected]
            assert {m.pk: getattr(m, "minutes", None) for m in read} == {
                m.pk: getattr(m, "minutes", None) for m in expected
            }
    assert {coming.pk, held.pk, shared.pk} <= {m.pk for m in meetings}
    by_pk = {m.pk: m for m in again}
    assert by_pk[shared.pk].minutes.meeting is by_pk[shared.pk]
    assert by_pk[shared.pk].minutes.status == MinutesStatus.SHARED
    with pytest.raises(Meeting.minutes.RelatedObjectDoesNotExist):
        by_pk[held.pk].minutes  # noqa: B018 - as select_related leaves a meeting without minutes


def test_the_loaded_bodies_carry_their_region_municipality_and_counts(world):
    user = world.user("admin")
    RoleAssignmentFactory(user=user, role=Role.SECRETARY, region=world.region, body=world.municipal_body)
    roles = roles_of(user)
    today = timezone.localdate()
    regions = selectors._regions(roles, today=today)
    bodies = selectors._loaded_bodies(roles, regions, today=today)
    assert [b.pk for b in bodies] == [world.municipal_body.pk, world.body.pk]  # by name: "Adviesraad", "Cliënten"
    by_pk = {b.pk: b for b in bodies}
    assert by_pk[world.municipal_body.pk].municipality.name == world.municipality.name
    assert by_pk[world.body.pk].municipality is None
    assert {b.region.name for b in bodies} == {world.region.name}
    assert by_pk[world.municipal_body.pk].todo_letters == 0 and by_pk[world.body.pk].todo_year_meetings == 0
    (region,) = regions
    assert region.n_municipalities == 2 and region.todo_failed_emails == 0
    assert set(todo.cap_years_entered(region, today)) == set(todo.support_rules.cap_years_needed(today))
    fails = member_selectors.composition_fails(bodies, today=today)
    assert set(fails) == {b.pk for b in bodies}
