"""Issue 15: the seat-allocation table of a body that serves many municipalities (350 in the national data set).

Above rules.LONG_TABLE municipalities the page shows the totals and the biggest shortfalls first and folds the full
table into a <details> (works without JavaScript); the findings about single municipalities fold into one line. A
small body keeps its table open. The rows are ready strings (rules.allocation_table, allocation_tags)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from inspraak.members.rules import LONG_TABLE, MOST_SHORT
from tests.factories import MembershipFactory, MunicipalityFactory
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _public(world) -> str:
    return reverse("dashboards:body", kwargs={"region": world.region.slug, "body": world.body.slug})


def _dashboard(world) -> str:
    return reverse("dashboards:body_dashboard", kwargs={"region": world.region.slug, "body": world.body.slug})


def _many_municipalities(world, n: int) -> list:
    """``n`` more municipalities in the world's region, with room for one seat each (the world has 2)."""
    body = world.body
    body.min_clients = n + 2 + 10
    body.min_seats_per_municipality = 1
    body.save()
    return [
        MunicipalityFactory(region=world.region, name=f"Gemeente {i:03d}", client_group_size=100 * (i + 1))
        for i in range(n)
    ]


def _rows(html: str) -> list[str]:
    """The municipality of every row of the full allocation table."""
    table = html[html.index("<caption") : html.index("</table>", html.index("<caption"))]
    return re.findall(r'<tr><th scope="row">([^<]*)</th>', table)


def test_a_small_body_shows_its_table_open_and_every_finding(client, world):
    world.body.min_clients = 4
    world.body.save()
    html = client.get(_public(world)).content.decode()
    assert "<details" not in html
    assert sorted(_rows(html)) == ["Duinstad", "Zeedorp"]
    assert "Gemeente Duinstad: 0 van 2 zetels bezet" in html


def test_a_long_table_gives_totals_and_biggest_shortfalls_first_and_the_full_table_folded(client, world):
    added = _many_municipalities(world, LONG_TABLE + 10)
    MembershipFactory(body=world.body, municipality=added[-1])  # one client member from the biggest of them
    html = client.get(_public(world)).content.decode()
    total = LONG_TABLE + 12
    summary, folded = html.index("Gemeenten met te weinig cliënten"), html.index("<details")
    assert summary < folded
    assert f"De verdeling per gemeente ({total} gemeenten)</summary>" in html
    assert sorted(_rows(html)) == sorted(["Zeedorp", "Duinstad", *(m.name for m in added)])
    shortfalls = html[html.index('id="grootste-tekort"') : folded]
    assert f"Gemeenten met te weinig cliënten: {MOST_SHORT} van de" in shortfalls
    assert shortfalls.count('<tr><th scope="row">') == MOST_SHORT
    assert added[-1].name not in shortfalls  # its seat is filled
    # The findings: one line for all the municipalities that are short, not one line each.
    assert "zetels bezet" not in html
    assert re.search(r"In \d+ gemeenten zitten minder cliënten in de groep dan de gemeente zetels heeft", html)


def test_rows_are_escaped_and_say_short_extra_or_just_right(client, world):
    world.body.min_clients = 4
    world.body.save()
    world.municipality_2.name = "<b>Duin & Stad</b>"
    world.municipality_2.save()
    html = client.get(_public(world)).content.decode()
    assert "<b>Duin" not in html and "&lt;b&gt;Duin &amp; Stad&lt;/b&gt;" in html
    assert 'data-label="Tekort of overschot">2 te weinig</td>' in html


def test_the_rows_speak_the_chosen_language(client, world):
    world.body.min_clients = 4
    world.body.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(_public(world)).content.decode()
    assert "2 too few</td>" in html


def test_folded_unknown_sizes_name_the_municipalities_in_one_line(client, world):
    added = _many_municipalities(world, LONG_TABLE)
    for municipality in added[: MOST_SHORT + 1]:
        municipality.client_group_size = None
        municipality.client_group_date = None
        municipality.save()
    html = client.get(_public(world)).content.decode()
    assert f"Van {MOST_SHORT + 1} gemeenten is de omvang van de doelgroep niet bekend" in html
    assert "de omvang van de doelgroep is niet bekend, dus telt als 0" not in html  # no line per municipality
    assert added[0].name in html


@pytest.mark.parametrize("page", [_public, _dashboard])
def test_query_count_does_not_change_when_the_table_becomes_long(client, world, page):
    from django.core.cache import cache

    client.force_login(world.user("secretary"))
    _many_municipalities(world, 2)

    def grow():
        _many_municipalities(world, LONG_TABLE * 2)
        cache.clear()  # the public page is kept until the region changes; the factories write no audit rows

    assert_constant_queries(client, page(world), grow)
    html = client.get(page(world)).content.decode()
    assert ("<details" in html) is (page is _public)


def test_the_body_dashboard_of_a_long_table_links_to_the_full_table_on_the_public_page(client, world):
    """A secretary's work page gives the totals and the biggest shortfalls, not hundreds of rows: the full table is
    one click away, on the body's public page (kept for every visitor)."""
    added = _many_municipalities(world, LONG_TABLE + 10)
    client.force_login(world.user("secretary"))
    html = client.get(_dashboard(world)).content.decode()
    total = LONG_TABLE + 12
    link = f'<a class="utrecht-link" href="{_public(world)}#zetelverdeling">'
    assert f"{link}De verdeling per gemeente ({total} gemeenten)</a> staat op de openbare pagina van de groep." in html
    assert "<details" not in html and "<caption" not in html
    shortfalls = html[html.index('id="grootste-tekort"') : html.index(link)]
    assert f"Gemeenten met te weinig cliënten: {MOST_SHORT} van de" in shortfalls
    assert shortfalls.count('<tr><th scope="row">') == MOST_SHORT
    public = client.get(_public(world)).content.decode()
    assert 'id="zetelverdeling"' in public
    assert sorted(_rows(public)) == sorted(["Zeedorp", "Duinstad", *(m.name for m in added)])


def test_the_body_dashboard_of_a_short_table_shows_it_in_place(client, world):
    world.body.min_clients = 4
    world.body.save()
    client.force_login(world.user("secretary"))
    html = client.get(_dashboard(world)).content.decode()
    assert sorted(_rows(html)) == ["Duinstad", "Zeedorp"]
    assert "staat op de openbare pagina van de groep" not in html


# ---------------------------------------------------------------- the member list: rows made once per list


def test_member_list_rows_link_each_member_and_mark_an_expired_term(client, world):
    import datetime

    from tests.factories import UserFactory

    old = MembershipFactory(
        body=world.body,
        user=UserFactory(name="Oud Lid"),
        municipality=world.municipality,
        term_end=datetime.date(2026, 3, 4),  # before tests.world.NOW
    )
    client.force_login(world.user("secretary"))
    html = client.get(reverse("members:list", kwargs={"region": world.region.slug, "body": world.body.slug}))
    html = html.content.decode()
    row = html[html.index("Oud Lid") : html.index("</tr>", html.index("Oud Lid"))]
    detail = reverse("members:detail", kwargs={"region": world.region.slug, "body": world.body.slug, "pk": old.pk})
    assert f'<a class="utrecht-link" href="{detail}">Oud Lid</a>' in html
    assert 'data-label="Rol">Lid</td>' in row and 'data-label="Categorie">Cliënt</td>' in row
    assert 'data-label="Woongemeente">Zeedorp</td>' in row
    assert 'data-label="Termijn tot">4-3-2026 <strong>(verlopen)</strong></td>' in row
    assert 'data-label="Status">Actief</td>' in row
    for membership in (world.member_membership, world.client_membership):
        pk_url = reverse(
            "members:detail", kwargs={"region": world.region.slug, "body": world.body.slug, "pk": membership.pk}
        )
        assert f'href="{pk_url}"' in html


# The member list's loop as the template wrote it before issue 15; member_tags.member_rows must write the same.
_REFERENCE_ROWS = """{% load i18n %}{% translate "Rol" as l_role %}{% translate "Categorie" as l_category %}\
{% translate "Woongemeente" as l_municipality %}{% translate "Termijn tot" as l_term %}\
{% translate "Status" as l_status %}\
{% translate "verlopen" as l_expired %}{% translate "Uitnodiging verlopen" as l_invitation_expired %}\
{% for m in memberships %}
    <tr class="utrecht-table__row">
      <th scope="row" class="utrecht-table__cell"><a class="utrecht-link" href="{{ m.url }}">\
{{ m.display_name }}</a></th>
      <td class="utrecht-table__cell" data-label="{{ l_role }}">{{ m.role_label }}</td>
      <td class="utrecht-table__cell" data-label="{{ l_category }}">{{ m.category_label }}</td>
      <td class="utrecht-table__cell" data-label="{{ l_municipality }}">{{ m.municipality_name|default:"–" }}</td>
      <td class="utrecht-table__cell" data-label="{{ l_term }}">{{ m.term_end_text }}{% if m.term_expired %} \
<strong>({{ l_expired }})</strong>{% endif %}</td>
      <td class="utrecht-table__cell" data-label="{{ l_status }}">{% if m.expired_invitation %}<strong>\
{{ l_invitation_expired }}</strong>{% else %}{{ m.status_label }}{% endif %}</td>
    </tr>
  {% endfor %}"""


@pytest.mark.parametrize("language", ["nl", "en"])
def test_member_rows_write_what_the_template_loop_wrote(world, language):
    import datetime

    from django.template import Context, Template
    from django.utils import translation

    from inspraak.members import rules, selectors
    from inspraak.members.models import Membership
    from inspraak.members.templatetags.member_tags import member_rows
    from tests.factories import UserFactory, invited_membership

    MembershipFactory(body=world.body, user=UserFactory(name='Oud & "Lid" <b>'), term_end=datetime.date(2026, 3, 4))
    MembershipFactory(body=world.body, user=UserFactory(name="Zonder Gemeente"), municipality=None)
    invited = invited_membership(world, UserFactory(email="verlopen@example.org"))
    Membership.objects.filter(pk=invited.pk).update(
        created_at=invited.created_at - datetime.timedelta(days=rules.INVITATION_DAYS + 1)
    )
    invited_membership(world, UserFactory(email="vers@example.org"))
    with translation.override(language):
        rows = selectors.member_list(world.body)
        assert any(m.term_expired for m in rows) and any(m.expired_invitation for m in rows)
        assert any(m.municipality_name == "" for m in rows)
        expected = Template(_REFERENCE_ROWS).render(Context({"memberships": rows}))
        assert member_rows(rows) == expected


def test_the_allocation_sentence_counts_in_plain_dutch_with_the_thousands_marked(client, world):
    added = _many_municipalities(world, LONG_TABLE + 10)  # one seat each first, then the rest by size
    html = client.get(_public(world)).content.decode()
    assert "Elke gemeente krijgt eerst 1 zetel." in html
    total = sum(m.client_group_size for m in [world.municipality, world.municipality_2, *added] if m.client_group_size)
    assert total >= 1000
    assert f"samen {total:,} mensen".replace(",", ".") in html
    assert "1 zetels" not in html
