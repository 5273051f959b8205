"""The rows of the manage region page written in Python (regions.present) are the ones the template loops wrote,
byte for byte, from the rows the ORM queries gave (regions.selectors.region_overview, read through core.prepared)."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Count, Q
from django.template import Context, Template

from inspraak.accounts.models import Role
from inspraak.regions import present, selectors
from inspraak.regions.models import Body, Municipality
from tests.factories import BodyFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

# The loops of regions/manage_region.html before the rows were written in Python.
_MUNICIPALITY_LOOP = """{% load i18n %}{% translate "CBS-code" as label_cbs %}{% translate "Aantal cliënten (peildatum)" as label_size %}{% translate "Eigen groepen" as label_own %}{% translate "onbekend" as unknown %}
  {% for m in municipalities %}
    <tr class="utrecht-table__row">
      <th scope="row" class="utrecht-table__header-cell"><a class="utrecht-link" href="{{ m.edit_url }}">{{ m.name }}</a></th>
      <td class="utrecht-table__cell" data-label="{{ label_cbs }}">{{ m.cbs_code }}</td>
      <td class="utrecht-table__cell" data-label="{{ label_size }}">{% if m.client_group_size is not None %}{{ m.client_group_size }} ({{ m.client_group_date|date:"j-n-Y" }}){% else %}{{ unknown }}{% endif %}</td>
      <td class="utrecht-table__cell" data-label="{{ label_own }}">{{ m.n_bodies }}</td>
    </tr>
  {% endfor %}"""  # noqa: E501

_BODY_LOOP = """{% load i18n %}{% translate "Soort" as label_kind %}{% translate "Werkt voor" as label_for %}{% translate "Leden" as label_members %}{% translate "Bekijken" as label_view %}{% translate "hele regio" as whole_region %}{% translate "Overzicht" as overview %}
  {% for b in bodies %}
    <tr class="utrecht-table__row">
      <th scope="row" class="utrecht-table__header-cell"><a class="utrecht-link" href="{{ b.edit_url }}">{{ b.name }}</a></th>
      <td class="utrecht-table__cell" data-label="{{ label_kind }}">{{ b.get_kind_display }}</td>
      <td class="utrecht-table__cell" data-label="{{ label_for }}">{% if b.municipality %}{{ b.municipality.name }}{% else %}{{ whole_region }}{% endif %}</td>
      <td class="utrecht-table__cell" data-label="{{ label_members }}">{{ b.n_members }}</td>
      <td class="utrecht-table__cell" data-label="{{ label_view }}"><a class="utrecht-link" href="{{ b.dashboard_url }}" aria-label="{% blocktranslate with name=b.name %}Overzicht: {{ name }}{% endblocktranslate %}">{{ overview }}</a></td>
    </tr>
  {% endfor %}"""  # noqa: E501


def _orm_overview(region):
    """What region_overview read with the ORM before (model instances with their counts and links)."""
    municipalities = list(
        Municipality.objects.filter(region=region).annotate(n_bodies=Count("bodies")).order_by("name")
    )
    by_pk = {m.pk: m for m in municipalities}
    bodies = list(
        Body.objects.filter(region=region)
        .annotate(n_members=Count("role_assignments", filter=Q(role_assignments__role=Role.MEMBER)))
        .order_by("level", "name")
    )
    for b in bodies:
        b.municipality = by_pk.get(b.municipality_id)
    return municipalities, bodies


def _awkward_rows(world):
    """A municipality and a body whose names need escaping, a size with its date, and one without."""
    town = MunicipalityFactory(
        region=world.region,
        name="Klein & <Groot> \"'",
        client_group_size=1234,
        client_group_date=datetime.date(2026, 1, 5),
    )
    BodyFactory(region=world.region, name='Raad "A & B" <x>', level=Body.Level.MUNICIPALITY, municipality=town)


def test_the_overview_rows_are_those_of_the_orm_queries(world):
    _awkward_rows(world)
    municipalities, bodies = _orm_overview(world.region)
    overview = selectors.region_overview(world.region)
    assert [(m.name, m.cbs_code, m.client_group_size, m.client_group_date, m.n_bodies) for m in municipalities] == [
        (m.name, m.cbs_code, m.client_group_size, m.client_group_date, m.n_bodies) for m in overview["municipalities"]
    ]
    assert [(b.name, b.kind, b.municipality.name if b.municipality else None, b.n_members) for b in bodies] == [
        (b.name, b.kind, b.municipality_name, b.n_members) for b in overview["bodies"]
    ]
    assert any(b.n_members for b in overview["bodies"]) and any(m.n_bodies for m in overview["municipalities"])
    assert selectors.region_overview(world.region) == overview  # the prepared shape run again: the same rows


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_rows_written_in_python_are_those_of_the_template(world, language):
    from django.utils import translation

    _awkward_rows(world)
    overview = selectors.region_overview(world.region)
    with translation.override(language):
        assert present.municipality_rows(overview["municipalities"]) == Template(_MUNICIPALITY_LOOP).render(
            Context({"municipalities": overview["municipalities"]})
        ).split("\n", 1)[1].removeprefix("  ")
        orm_bodies = _orm_overview(world.region)[1]
        for orm, row in zip(orm_bodies, overview["bodies"], strict=True):
            orm.edit_url, orm.dashboard_url = row.edit_url, row.dashboard_url
        assert present.body_rows(overview["bodies"]) == Template(_BODY_LOOP).render(
            Context({"bodies": orm_bodies})
        ).split("\n", 1)[1].removeprefix("  ")

