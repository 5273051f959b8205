"""Reads whose SQL the ORM builds once per shape (core.prepared, ADR 0032): the same rows as the ORM, on SQLite and
PostgreSQL, and the ORM itself wherever a value does not reach the SQL as a parameter of its own."""

import datetime

import pytest
from django.db import connection
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Concat
from django.test.utils import CaptureQueriesContext

from inspraak.core import prepared
from inspraak.core.prepared import prepared_rows
from inspraak.members.models import Membership
from inspraak.regions.models import Body, Region
from tests.factories import BodyFactory, MembershipFactory, MunicipalityFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_shapes_kept():
    prepared.forget_shapes()
    yield
    prepared.forget_shapes()


def _memberships(*, body_ids, since, role):
    return (
        Membership.objects.filter(body_id__in=body_ids, term_start__gte=since, body_role=role)
        .annotate(label=Concat(F("body__name"), Value(" – "), F("category")))
        .order_by("term_start", "pk")
        .values_list("label", "pk", "term_start", "body__region__created_at")
    )


def test_rows_are_the_orms_rows_with_dates_and_moments_converted_and_fields_in_the_asked_order():
    bodies = BodyFactory.create_batch(3)
    for body in bodies:
        MembershipFactory(body=body, term_start=datetime.date(2026, 1, 5))
    MembershipFactory(body=bodies[0], term_start=datetime.date(2020, 1, 5))
    values = {"body_ids": [b.pk for b in bodies[:2]], "since": datetime.date(2025, 1, 1), "role": "lid"}

    first = prepared_rows("members", _memberships, **values)
    again = prepared_rows("members", _memberships, **values)

    expected = list(_memberships(**values))
    assert first == again == expected
    assert len(expected) == 2
    label, _pk, start, created = expected[0]
    assert isinstance(start, datetime.date) and start == datetime.date(2026, 1, 5)
    assert isinstance(created, datetime.datetime) and created.tzinfo is not None
    assert label.endswith(" – client")


def test_later_calls_run_the_same_sql_with_new_values():
    regions = RegionFactory.create_batch(3)
    build = lambda slug: Region.objects.filter(slug=slug).values_list("pk", "name")  # noqa: E731
    prepared_rows("region", build, slug=regions[0].slug)
    assert all(shape is not prepared._NOT_PREPARED for shape in prepared._shapes.values())
    with CaptureQueriesContext(connection) as queries:
        rows = prepared_rows("region", build, slug=regions[2].slug)
    assert rows == [(regions[2].pk, regions[2].name)]
    assert len(queries) == 1
    assert prepared_rows("region", build, slug="no-such-region") == []


def test_a_list_of_another_length_is_another_shape():
    bodies = BodyFactory.create_batch(3)
    build = lambda ids: Body.objects.filter(pk__in=ids).order_by("pk").values_list("pk")  # noqa: E731
    assert prepared_rows("bodies", build, ids=[bodies[0].pk]) == [(bodies[0].pk,)]
    assert prepared_rows("bodies", build, ids=[bodies[1].pk, bodies[2].pk]) == [(bodies[1].pk,), (bodies[2].pk,)]
    assert prepared_rows("bodies", build, ids=[bodies[2].pk]) == [(bodies[2].pk,)]


def test_an_empty_list_runs_the_orm():
    BodyFactory()
    build = lambda ids: Body.objects.filter(pk__in=ids).values_list("pk")  # noqa: E731
    assert prepared_rows("bodies", build, ids=[]) == []


def test_a_value_the_orm_rewrites_falls_back_to_the_orm_and_still_filters():
    region = RegionFactory(name="Regio Kust")
    RegionFactory(name="Regio Bergen")
    build = lambda text: Region.objects.filter(name__icontains=text).values_list("pk")  # noqa: E731
    assert prepared_rows("search", build, text="kust") == [(region.pk,)]
    assert prepared_rows("search", build, text="100%") == []
    key = next(k for k in prepared._shapes if k[0] == "search")
    assert prepared._shapes[key] is prepared._NOT_PREPARED


def test_a_value_that_decides_the_shape_is_caught_by_the_second_build():
    regions = RegionFactory.create_batch(2)

    def build(pk):
        rows = Region.objects.filter(pk=pk)
        if pk % 2:  # a value used to decide the shape: the two stand-ins differ here
            rows = rows.filter(Q(name__startswith="x"))
        return rows.values_list("pk")

    for region in regions:
        assert prepared_rows("decides", build, pk=region.pk) == list(build(region.pk))


def test_annotations_and_a_count_come_back_in_the_values_list_order():
    municipality = MunicipalityFactory()
    BodyFactory.create_batch(2, region=municipality.region)
    build = lambda region: (  # noqa: E731
        Region.objects.filter(pk=region).annotate(n=Count("bodies", distinct=True)).values_list("n", "slug")
    )
    assert prepared_rows("counted", build, region=municipality.region_id) == [(2, municipality.region.slug)]


def test_booleans_and_none_are_not_values_but_shape():
    region = RegionFactory()
    build = lambda flag: Region.objects.filter(pk=region.pk).values_list("pk")  # noqa: E731
    assert prepared_rows("flag", build, flag=True) == [(region.pk,)]
    assert all(shape is prepared._NOT_PREPARED for shape in prepared._shapes.values())


def test_the_least_recently_used_shape_is_dropped_beyond_the_limit(monkeypatch):
    monkeypatch.setattr(prepared, "MAX_SHAPES", 2)
    region = RegionFactory()
    build = lambda pk: Region.objects.filter(pk=pk).values_list("pk")  # noqa: E731
    for key in ("a", "b", "a", "c"):
        assert prepared_rows(key, build, pk=region.pk) == [(region.pk,)]
    assert [k[0] for k in prepared._shapes] == ["a", "c"]


@pytest.mark.parametrize("limit", [3, 40_000, -5])
def test_a_small_integer_column_gives_the_orms_rows_also_for_values_out_of_its_range(limit):
    few = RegionFactory(min_meetings_per_year=2)
    many = RegionFactory(min_meetings_per_year=6)
    build = lambda n: (  # noqa: E731
        Region.objects.filter(min_meetings_per_year__lt=n, pk__in=[few.pk, many.pk]).order_by("pk").values_list("pk")
    )
    assert prepared_rows("small", build, n=limit) == list(build(limit))
    assert prepared_rows("small", build, n=4) == [(few.pk,)]


def test_integer_values_are_prepared_on_every_database_and_rewrapped_as_the_orm_does():
    bodies = BodyFactory.create_batch(2)
    build = lambda region, ids: (  # noqa: E731
        Body.objects.filter(region_id=region, pk__in=ids).order_by("pk").values_list("pk", "region__min_clients")
    )
    for body in bodies:
        values = {"region": body.region_id, "ids": [body.pk, bodies[0].pk]}
        assert prepared_rows("ints", build, **values) == list(build(**values))
    assert all(shape is not prepared._NOT_PREPARED for shape in prepared._shapes.values())


def test_a_partial_instance_is_loaded_as_the_orm_loads_some_columns_in_any_order(world):
    membership = world.client_membership
    made = prepared.partial_instance(
        Membership, ("status", "id", "user_id"), (membership.status, membership.pk, membership.user_id)
    )
    assert (made.pk, made.user_id, made.status) == (membership.pk, membership.user_id, membership.status)
    assert made._state.adding is False and made._state.db == "default"
    assert "body_role" in made.get_deferred_fields()  # read on first use, never a made-up default
    with CaptureQueriesContext(connection) as ctx:
        assert made.body_role == membership.body_role
    assert len(ctx.captured_queries) == 1
    with pytest.raises(ValueError, match="not fields of Membership"):
        prepared.partial_instance(Membership, ("id", "nonsense"), (1, 2))


def test_a_choice_is_written_in_as_a_quoted_plain_word_and_nothing_else_is():
    from inspraak.advice.models import AdviceStatus
    from inspraak.core.prepared import sql_literal

    assert sql_literal(AdviceStatus.SENT) == "'verzonden'"
    for typed in ("verzonden' OR '1'='1", "Verzonden", "", "a;b"):
        with pytest.raises(ValueError):
            sql_literal(typed)


def test_choices_and_whole_numbers_written_into_the_sql_select_as_their_parameter_forms_do(world):
    from django.db.models import Case, IntegerField, When

    from inspraak.core.prepared import InChoices, IntLiteral
    from inspraak.members.models import Status

    wanted = [Status.ACTIVE, Status.ENDED]
    MembershipFactory(body=world.body, status=Status.CANDIDATE)
    flagged = Membership.objects.annotate(
        flag=Case(
            When(InChoices("status", wanted), then=IntLiteral(1)), default=IntLiteral(0), output_field=IntegerField()
        )
    )
    sql, params = flagged.query.sql_with_params()
    assert "IN ('actief', 'beeindigd') THEN 1 ELSE 0 END" in sql
    assert params == ()
    assert {pk for pk, flag in flagged.values_list("pk", "flag") if flag == 1} == set(
        Membership.objects.filter(status__in=wanted).values_list("pk", flat=True)
    )
    assert set(flagged.values_list("flag", flat=True)) == {0, 1}
    filtered = Membership.objects.filter(InChoices("status", wanted))
    sql, params = filtered.query.sql_with_params()
    assert "IN ('actief', 'beeindigd')" in sql and params == ()  # as it is, no "= true", on every database
    assert sorted(filtered.values_list("pk", flat=True)) == sorted(
        Membership.objects.filter(status__in=wanted).values_list("pk", flat=True)
    )
    with pytest.raises(ValueError):
        InChoices("status", ["actief' OR '1'='1"])
    with pytest.raises(ValueError):
        InChoices("status", [])
