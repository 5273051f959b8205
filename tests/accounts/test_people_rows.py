"""The people list reads its page through core.prepared and writes its rows in Python (accounts.present): the same
people, roles and HTML as the ORM queries and the template loop gave before."""

from __future__ import annotations

import pytest
from django.db.models import Prefetch, Q
from django.template import Context, Template
from django.utils import translation

from inspraak.accounts import present, selectors
from inspraak.accounts.models import Role, RoleAssignment, User
from tests.factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db

# The loop of accounts/people.html before its rows were written in Python.
_LOOP = """{% load i18n %}{% translate 'Naam' as label_name %}{% translate 'Rollen' as label_roles %}{% translate 'Inloggen met' as label_login %}{% translate "niet actief" as inactive %}{% translate "e-mail" as by_email %}{% translate "code op papier" as by_code %}
  {% for p in people %}
    <tr class="utrecht-table__row">
      <td class="utrecht-table__cell" data-label="{{ label_name }}"><a class="utrecht-link" href="{{ p.url }}">{{ p.name }}</a>{% if not p.is_active %} <span class="utrecht-badge-status">{{ inactive }}</span>{% endif %}</td>
      <td class="utrecht-table__cell inspraak-cell--full" data-label="{{ label_roles }}">{{ p.roles_text }}</td>
      <td class="utrecht-table__cell" data-label="{{ label_login }}">{% if p.email %}{{ by_email }}{% else %}{{ by_code }}{% endif %}</td>
    </tr>
  {% endfor %}"""  # noqa: E501


def _orm_rows(region, query=""):
    """What people_page read with the ORM before: (name, email, is_active, roles text) of every person by name."""
    roles = RoleAssignment.objects.filter(region=region).select_related("municipality", "body").order_by("role", "id")
    here = User.objects.filter(Q(role_assignments__region=region) | Q(created_in_region=region))
    people = User.objects.filter(pk__in=here.values("pk"))
    if query:
        people = people.filter(name__icontains=query)
    people = people.order_by("name", "id").prefetch_related(
        Prefetch("role_assignments", queryset=roles, to_attr="region_roles")
    )
    labels = dict(Role.choices)
    rows = []
    for person in people:
        texts = []
        for r in person.region_roles:
            place = r.body or r.municipality
            texts.append(f"{labels[r.role]} ({place.name})" if place else str(labels[r.role]))
        rows.append((person.pk, person.name, person.email, person.is_active, ", ".join(texts) or "–"))
    return rows


def _odd_people(world):
    """Someone with several roles here and one elsewhere, someone created here without a role, an inactive person
    without email, and a name that needs escaping."""
    many = UserFactory(name="Aap <Veel> & 'rollen'", created_in_region=world.region)
    RoleAssignmentFactory(user=many, role=Role.MEMBER, region=world.region, body=world.body)
    RoleAssignmentFactory(user=many, role=Role.MEMBER, region=world.region, body=world.municipal_body)
    RoleAssignmentFactory(user=many, role=Role.POLICY_OFFICER, region=world.region, municipality=world.municipality)
    RoleAssignmentFactory(user=many, role=Role.MEMBER, region=world.other_region, body=world.other_body)
    UserFactory(name="Aap Zonder Rol", created_in_region=world.region)
    quiet = UserFactory(name="Aap Stil", email=None, is_active=False)
    RoleAssignmentFactory(user=quiet, role=Role.MEMBER, region=world.region, body=world.body)


@pytest.mark.parametrize("query", ["", "aap"])
def test_every_page_holds_the_people_and_roles_the_orm_gave(world, query):
    _odd_people(world)
    for i in range(30):
        RoleAssignmentFactory(
            user=UserFactory(name=f"Lid {i:02d}"), role=Role.MEMBER, region=world.region, body=world.body
        )
    expected = _orm_rows(world.region, query)
    seen = []
    for number in range(1, 4):
        page = selectors.people_page(world.region, page=number, query=query)
        assert page.paginator.count == len(expected)
        if number > page.paginator.num_pages:
            break
        seen += [(p.pk, p.name, p.email, p.is_active, p.roles_text) for p in page.object_list]
        assert all(p.url == f"/beheer/{world.region.slug}/personen/{p.pk}/" for p in page.object_list)
    assert seen == expected
    assert any("Beleidsmedewerker (Zeedorp)" in row[4] for row in seen) and any(row[4] == "–" for row in seen)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_rows_written_in_python_are_those_of_the_template(world, language):
    _odd_people(world)
    with translation.override(language):
        people = selectors.people_page(world.region, page=1, query="aap").object_list
        assert len(people) == 3
        expected = Template(_LOOP).render(Context({"people": people})).split("\n", 1)[1].removeprefix("  ")
        assert present.people_rows(people) == expected
