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


# The audit log page's loops (regions/audit_log.html) before its rows and options were written in Python.
_AUDIT_LOOP = """{% load i18n %}{% translate "Wanneer" as l_when %}{% translate "Wie" as l_who %}{% translate "Wat" as l_what %}{% translate "Soort" as l_type %}{% translate "Object" as l_object %}{% translate "Gewijzigd" as l_changed %}{% translate "systeem" as l_system %}
  {% for e in events %}
    <tr class="utrecht-table__row">
      <td class="utrecht-table__cell" data-label="{{ l_when }}"><time datetime="{{ e.at_iso }}">{{ e.at_text }}</time></td>
      <td class="utrecht-table__cell" data-label="{{ l_who }}">{% if e.actor %}{{ e.actor.name }}{% else %}{{ l_system }}{% endif %}</td>
      <td class="utrecht-table__cell" data-label="{{ l_what }}">{{ e.action_label }}</td>
      <td class="utrecht-table__cell" data-label="{{ l_type }}">{{ e.type_label }}</td>
      <td class="utrecht-table__cell" data-label="{{ l_object }}">{{ e.target_label }}</td>
      <td class="utrecht-table__cell" data-label="{{ l_changed }}">{{ e.field_labels }}</td>
    </tr>
  {% endfor %}"""  # noqa: E501

_OPTIONS_LOOP = """{% for code, label in choices %}<option value="{{ code }}"{% if code == chosen %} selected{% endif %}>{{ label }}</option>{% endfor %}"""  # noqa: E501


def _events(world):
    from inspraak.audit.services import audit_record
    from tests.factories import UserFactory

    odd = UserFactory(name="O'Brien & <Zonen>")
    audit_record(actor=None, action="region.update", target=world.region, region=world.region)
    audit_record(
        actor=odd, action="body.update", target=world.body, region=world.region, changed_fields=["min_clients", "x"]
    )
    audit_record(actor=odd, action="no.such", target=world.body, region=world.region, label='"<b>"')
    audit_record(actor=world.user("admin"), action="body.update", target=world.body, region=world.region)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_audit_rows_are_those_the_template_wrote_from_the_events(world, language):
    from django.utils import timezone, translation

    from inspraak.audit.labels import action_label, field_labels, type_label
    from inspraak.audit.models import AuditEvent
    from inspraak.audit.selectors import audit_page

    _events(world)
    with translation.override(language):
        rows = audit_page(world.region).object_list
        events = list(AuditEvent.objects.filter(region=world.region).select_related("actor").order_by("-at", "-id"))
        assert [row.pk for row in rows] == [event.pk for event in events] and len(rows) == 4
        for row, event in zip(rows, events, strict=True):  # what the selector set on each event before
            local = timezone.localtime(event.at)
            assert row.at == event.at and row.at_iso == f"{local:%Y-%m-%dT%H:%M:%S%z}"
            assert row.at_text == f"{local.day}-{local.month}-{local.year} {local:%H:%M}"
            assert row.actor_name == (event.actor.name if event.actor else None)
            assert (row.action, row.target_type, row.target_label) == (
                event.action,
                event.target_type,
                event.target_label,
            )
            assert row.action_label == action_label(event.action) and row.type_label == type_label(event.target_type)
            assert row.field_labels == (", ".join(field_labels(event.target_type, event.changed_fields or [])) or "–")
        as_before = [
            {**row._asdict(), "actor": {"name": row.actor_name} if row.actor_name is not None else None} for row in rows
        ]
        expected = Template(_AUDIT_LOOP).render(Context({"events": as_before})).split("\n", 1)[1].removeprefix("  ")
        assert present.audit_rows(rows) == expected
        assert any(row.actor_name is None for row in rows)  # a row of the system


def test_the_options_are_those_the_template_wrote():
    choices = [("a", "Één"), ("b&c", 'Twee "<x>"'), ("d", "Drie")]
    for chosen in ("", "b&c", "d", "zz"):
        assert present.options(choices, chosen) == Template(_OPTIONS_LOOP).render(
            Context({"choices": choices, "chosen": chosen})
        )
