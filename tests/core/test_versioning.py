"""The shared optimistic lock (inspraak.core.versioning) and its form part (core.forms.VersionedFormMixin)."""

from __future__ import annotations

import datetime

import pytest
from django import forms

from inspraak.core.forms import STALE_MESSAGE, Form, VersionedFormMixin
from inspraak.core.versioning import StaleEdit, claim_version
from inspraak.regions.models import Region

pytestmark = pytest.mark.django_db


class _Form(VersionedFormMixin, Form):
    name = forms.CharField()
    size = forms.ChoiceField(choices=[("s", "Klein"), ("l", "Groot")])
    day = forms.DateField(required=False)
    public = forms.BooleanField(required=False)


def test_claim_version_moves_on_once_and_refuses_the_same_version_again(world):
    region = Region.objects.get(pk=world.region.pk)
    opened = region.version
    claim_version(region, opened)
    assert region.version == opened + 1 == Region.objects.get(pk=region.pk).version
    with pytest.raises(StaleEdit) as refused:
        claim_version(Region.objects.get(pk=region.pk), opened)
    assert refused.value.version == opened + 1 and refused.value.current.pk == region.pk
    assert Region.objects.get(pk=region.pk).version == opened + 1


def test_claim_version_without_an_expected_version_always_moves_on(world):
    region = Region.objects.get(pk=world.region.pk)
    opened = region.version
    claim_version(region, None)
    assert region.version == opened + 1 == Region.objects.get(pk=region.pk).version


def test_the_form_carries_the_version_but_keeps_it_out_of_cleaned_data():
    form = _Form(initial={"name": "A"}, version=7)
    assert 'name="version" value="7"' in str(form)
    posted = _Form({"name": "A", "size": "s", "version": "7"})
    assert posted.is_valid() and "version" not in posted.cleaned_data and posted.posted_version == 7


@pytest.mark.parametrize(
    ("posted", "expected"),
    [({}, None), ({"version": ""}, 0), ({"version": "abc"}, 0), ({"version": "99999999999999999999"}, 0)],
    ids=["absent: not checked", "empty", "not a number", "too large"],
)
def test_a_missing_or_broken_version(posted, expected):
    form = _Form({"name": "A", "size": "s", **posted})
    assert form.is_valid() and form.posted_version == expected


def test_mark_stale_keeps_the_typed_text_and_shows_only_what_differs():
    form = _Form({"name": "Wat B typte", "size": "s", "day": "2027-03-01", "version": "3"})
    assert form.is_valid()
    current = Region(name="Wat A opsloeg", version=4)
    stored = {"name": current.name, "size": "l", "day": datetime.date(2027, 3, 1), "public": False}
    form.mark_stale(StaleEdit(current), stored)
    html = str(form)
    assert str(STALE_MESSAGE) in html and 'value="Wat B typte"' in html
    assert 'name="version" value="4"' in html
    assert "Nu opgeslagen: Wat A opsloeg" in html and "Nu opgeslagen: Groot" in html
    assert html.count("Nu opgeslagen:") == 2  # the date and the checkbox did not change
    assert 'aria-describedby="id_name_stored"' in html
