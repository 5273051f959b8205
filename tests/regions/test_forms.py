"""Forms on their own: normalising input and clear messages next to the right field."""

from __future__ import annotations

import pytest

from inspraak.regions import selectors
from inspraak.regions.forms import BodyForm, MunicipalityForm, RegionForm
from inspraak.regions.models import Body
from tests.factories import MunicipalityFactory, RegionFactory

pytestmark = pytest.mark.django_db


def _body_form(data, region, **kwargs):
    """The body form as the view builds it: the region's municipalities come from the selectors."""
    return BodyForm(
        data,
        region=region,
        municipalities=selectors.municipality_choices(region),
        municipality_count=selectors.municipality_count(region),
        **kwargs,
    )


@pytest.mark.parametrize(("typed", "stored"), [("GM0363", "GM0363"), ("gm0363", "GM0363"), (" GM 0363 ", "GM0363")])
def test_cbs_code_is_normalised(typed, stored):
    form = MunicipalityForm({"name": "Amsterdam", "cbs_code": typed}, region=RegionFactory())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["cbs_code"] == stored


def test_four_digits_get_the_gm_prefix():
    form = MunicipalityForm({"name": "Amsterdam", "cbs_code": "0363"}, region=RegionFactory())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["cbs_code"] == "GM0363"


@pytest.mark.parametrize("typed", ["GM036", "GM03633", "XX0363", "GMABCD", "GM-0363", ""])
def test_wrong_cbs_code_gets_one_clear_message(typed):
    form = MunicipalityForm({"name": "Amsterdam", "cbs_code": typed}, region=RegionFactory())
    assert not form.is_valid()
    assert list(form.errors) == ["cbs_code"]
    assert len(form.errors["cbs_code"]) == 1


def test_edit_may_keep_its_own_code():
    municipality = MunicipalityFactory(cbs_code="GM0100")
    form = MunicipalityForm({"name": "Nieuw", "cbs_code": "GM0100"}, instance=municipality, region=municipality.region)
    assert form.is_valid(), form.errors


def test_error_is_wired_to_the_field_for_screen_readers():
    form = MunicipalityForm({"name": "X", "cbs_code": "fout"}, region=RegionFactory())
    form.is_valid()
    attrs = form.fields["cbs_code"].widget.attrs
    assert attrs["aria-invalid"] == "true"
    assert "id_cbs_code_error" in attrs["aria-describedby"]


def test_body_form_kind_has_no_empty_choice():
    form = _body_form(None, RegionFactory())
    assert [value for value, _label in form.fields["kind"].choices] == list(Body.Kind.values)


def test_body_form_edit_does_not_reset_rules_to_region_defaults():
    region = RegionFactory(min_meetings_per_year=3)
    municipality = MunicipalityFactory(region=region)
    body = Body.objects.create(
        region=region, name="B", slug="b", kind=Body.Kind.OTHER, min_meetings_per_year=10, municipality=None
    )
    form = _body_form(None, region, instance=body)
    assert form["min_meetings_per_year"].value() == 10
    assert municipality in form.fields["municipality"].queryset


def test_region_form_rejects_out_of_range_rules():
    region = RegionFactory()
    data = {
        "name": "R",
        "description": "",
        "min_meetings_per_year": 53,
        "min_clients": 12,
        "documents_days_before": 7,
        "advice_period_weeks": 0,
        "response_period_weeks": 6,
    }
    form = RegionForm(data, instance=region, municipality_count=0)
    assert not form.is_valid()
    assert {"min_meetings_per_year", "advice_period_weeks"} <= set(form.errors)


def test_more_minimum_seats_than_client_seats_is_refused_next_to_the_field(world):
    data = {
        "name": "Panel",
        "kind": "clientenpanel",
        "level": "regio",
        "covers_participatiewet": "on",
        "topic_scope": "beide",
        "min_meetings_per_year": 3,
        "min_clients": 3,
        "balanced_over_municipalities": "on",
        "documents_days_before": 7,
        "advice_period_weeks": 6,
        "response_period_weeks": 6,
        "min_seats_per_municipality": 2,
        "term_years": 4,
        "max_terms": 2,
        "term_reminder_months": 3,
    }
    form = _body_form(data, world.region)
    assert not form.is_valid()
    assert form.errors["min_seats_per_municipality"] == [
        "2 gemeenten met elk minimaal 2 zetels hebben samen 4 zetels nodig, maar de groep heeft 3 zetels voor "
        "cliënten. Verlaag dit minimum of verhoog het minimaal aantal cliënten."
    ]
    data["min_seats_per_municipality"] = 1
    assert _body_form(data, world.region).is_valid()
