"""Where an advice applies (``Advice.region`` and ``Advice.municipality``) and the date of its response
(``Advice.responded_on``) are stored on the row so the register and the officers' lists filter on one table. These
tests show they are always what the register derived from the body, the request, the proposal and the response:
when an advice or a response is made (by the service or directly), when a body moves to another municipality, and
after the data migrations that fill existing rows."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps
from django.db import IntegrityError, transaction
from django.utils import timezone

from inspraak.advice import services
from inspraak.advice.models import Advice, AdviceKind, AdviceStatus, Recommendation, Response, Verdict
from inspraak.regions import services as region_services
from inspraak.regions.models import Body
from tests.advice.data import new_proposal, new_request, record_response, sent_advice

pytestmark = pytest.mark.django_db

fill_place = importlib.import_module("inspraak.advice.migrations.0007_advice_place").fill_place
fill_responded_on = importlib.import_module("inspraak.advice.migrations.0009_advice_responded_on").fill_responded_on


def _place(advice) -> tuple[int, int | None]:
    row = Advice.objects.filter(pk=advice.pk).values_list("region_id", "municipality_id").get()
    return row


def test_solicited_advice_applies_to_the_municipality_of_the_requested_proposal(world):
    proposal = new_proposal(world, municipality=world.municipality)
    request = new_request(world, proposal)
    advice = services.advice_create(body=world.body, by=world.user("secretary"), subject="Advies", request=request)
    assert _place(advice) == (world.region.pk, world.municipality.pk)


def test_unsolicited_advice_about_a_regional_proposal_applies_to_the_whole_region(world):
    proposal = new_proposal(world)
    advice = services.advice_create(
        body=world.municipal_body, by=world.user("secretary"), subject="Advies", proposal=proposal
    )
    # The proposal decides, not the (municipal) body that wrote it.
    assert _place(advice) == (world.region.pk, None)


def test_advice_without_proposal_applies_where_its_body_works(world):
    secretary = world.user("secretary")
    municipal = services.advice_create(body=world.municipal_body, by=secretary, subject="Over de balie")
    regional = services.advice_create(body=world.body, by=secretary, subject="Over de regio")
    assert _place(municipal) == (world.region.pk, world.municipal_body.municipality_id)
    assert _place(regional) == (world.region.pk, None)


def test_an_advice_on_a_request_names_the_requests_proposal_and_the_database_holds_to_it(world):
    proposal = new_proposal(world, municipality=world.municipality)
    request = new_request(world, proposal)
    advice = Advice.objects.create(
        body=Body.objects.get(pk=world.body.pk), kind=AdviceKind.SOLICITED, request=request, subject="Direct"
    )
    assert Advice.objects.filter(pk=advice.pk, proposal=proposal).exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        Advice.objects.filter(pk=advice.pk).update(proposal=None)


def test_advice_written_straight_to_the_table_gets_its_place_too(world):
    proposal = new_proposal(world, municipality=world.municipality)
    request = new_request(world, proposal)
    # A request without the proposal on the advice: the request's proposal counts.
    advice = Advice.objects.create(
        body=Body.objects.get(pk=world.body.pk), kind=AdviceKind.SOLICITED, request=request, subject="Direct"
    )
    assert _place(advice) == (world.region.pk, world.municipality.pk)


def test_a_body_that_moves_takes_its_advice_without_proposal_along_in_the_same_write(world):
    secretary = world.user("secretary")
    body = world.municipal_body
    loose = services.advice_create(body=body, by=secretary, subject="Zonder voorstel")
    about = services.advice_create(
        body=body, by=secretary, subject="Over een voorstel", proposal=new_proposal(world, municipality=None)
    )
    elsewhere = world.municipality_2 if body.municipality_id != world.municipality_2.pk else world.municipality
    region_services.body_update(body=body, by=world.user("admin"), municipality=elsewhere)
    assert _place(loose) == (world.region.pk, elsewhere.pk)
    assert _place(about) == (world.region.pk, None)  # the proposal's place does not move

    region_services.body_update(body=body, by=world.user("admin"), level=Body.Level.REGION, municipality=None)
    assert _place(loose) == (world.region.pk, None)


def test_the_data_migration_fills_every_advice_as_the_model_does(world):
    secretary = world.user("secretary")
    solicited_proposal = new_proposal(world, municipality=world.municipality)
    rows = [
        services.advice_create(
            body=world.body, by=secretary, subject="Gevraagd", request=new_request(world, solicited_proposal)
        ),
        services.advice_create(body=world.body, by=secretary, subject="Regio", proposal=new_proposal(world)),
        services.advice_create(body=world.municipal_body, by=secretary, subject="Los"),
        services.advice_create(body=world.body, by=secretary, subject="Los regionaal"),
    ]
    # A solicited advice whose own proposal is empty (older rows): the request's proposal counts.
    bare = new_request(world, new_proposal(world, title="Ander voorstel", municipality=world.municipality_2))
    rows.append(
        Advice.objects.create(body=world.body, kind=AdviceKind.SOLICITED, request=bare, subject="Oud", proposal=None)
    )
    expected = {advice.pk: _place(advice) for advice in rows}
    Advice.objects.filter(pk__in=expected).update(region=world.other_region, municipality=world.other_municipality)

    fill_place(django_apps, None)

    assert {advice.pk: _place(advice) for advice in rows} == expected
    assert not Advice.objects.filter(status=AdviceStatus.SENT, region=world.other_region).exclude(
        body__region=world.other_region
    )


def _responded_on(advice):
    return Advice.objects.filter(pk=advice.pk).values_list("responded_on", flat=True).get()


def test_recording_the_response_stores_its_date_on_the_advice(world):
    advice = sent_advice(world)
    assert _responded_on(advice) is None
    today = timezone.localdate()
    verdicts = {
        rec.pk: (Verdict.ADOPTED, "") for rec in Recommendation.objects.filter(advice=advice).order_by("number")
    }
    services.response_record(advice=advice, by=world.user("officer_region"), responded_on=today, verdicts=verdicts)
    assert _responded_on(advice) == today


def test_a_response_written_straight_to_the_table_is_stored_on_the_advice_too(world):
    advice = sent_advice(world)
    response = record_response(advice)
    assert _responded_on(advice) == response.responded_on


def test_the_data_migration_copies_every_response_date(world):
    answered, waiting = sent_advice(world), sent_advice(world)
    response = record_response(answered)
    Advice.objects.filter(pk__in=[answered.pk, waiting.pk]).update(responded_on=None)

    fill_responded_on(django_apps, None)

    assert _responded_on(answered) == response.responded_on
    assert _responded_on(waiting) is None
    assert not Advice.objects.filter(responded_on__isnull=False, response__isnull=True).exists()
    assert Response.objects.count() == Advice.objects.filter(responded_on__isnull=False).count()
