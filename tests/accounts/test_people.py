"""People and roles management by the beheerder of a region."""

import re

import pytest
from django.db.models import Q
from django.urls import reverse

from inspraak.accounts.models import LoginCode, Role, RoleAssignment, User
from inspraak.audit.models import AuditEvent
from tests.factories import BodyFactory, RoleAssignmentFactory, UserFactory, paper_only
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _url(name, world, **kwargs):
    return reverse(f"accounts:{name}", kwargs={"region": world.region.slug, **kwargs})


def _person_url(name, world, person, **kwargs):
    return _url(name, world, pk=person.pk, **kwargs)


def _members(world, n, prefix="Lid"):
    for i in range(n):
        RoleAssignmentFactory(
            user=UserFactory(name=f"{prefix} {i:03d}"), role=Role.MEMBER, region=world.region, body=world.body
        )


def _assert_no_personal_data_in_audit(*people):
    for event in AuditEvent.objects.all():
        for person in people:
            assert person.name not in event.target_label
            if person.email:
                assert person.email not in event.target_label


# ---------------------------------------------------------------- list


def test_list_shows_people_of_this_region_with_their_roles(admin_client, world):
    outsider = UserFactory(name="Buiten Staander")
    RoleAssignmentFactory(user=outsider, role=Role.MEMBER, region=world.other_region, body=world.other_body)
    html = admin_client.get(_url("people", world)).content.decode()
    assert "Geheime Cliënt" in html
    assert f"Lid ({world.body.name})" in html
    assert "Beleidsmedewerker (Zeedorp)" in html
    assert "Buiten Staander" not in html
    assert "Test other_region_admin" not in html


def _person_links(html):
    return html.count('href="/beheer/noordkust/personen/') - html.count("/personen/nieuw/")


def test_list_is_paginated_by_25(admin_client, world):
    _members(world, 30)  # plus 8 people of the test world with a role in this region
    html = admin_client.get(_url("people", world)).content.decode()
    assert _person_links(html) == 25
    page2 = admin_client.get(_url("people", world), {"pagina": 2}).content.decode()
    assert _person_links(page2) == 13
    assert "Test secretary" in page2  # sorted by name: "Lid ..." comes first
    assert admin_client.get(_url("people", world), {"pagina": "onzin"}).status_code == 200
    assert admin_client.get(_url("people", world), {"pagina": 999}).status_code == 200


def test_search_by_name(admin_client, world):
    _members(world, 3, prefix="Zoekbaar")
    html = admin_client.get(_url("people", world), {"q": "zoekbaar"}).content.decode()
    assert html.count("Zoekbaar ") == 3
    assert "Geheime Cliënt" not in html
    assert 'value="zoekbaar"' in html


def test_list_query_count_does_not_grow(admin_client, world, django_assert_num_queries):
    url = _url("people", world)
    admin_client.get(url)  # warm up (session, content types)
    # the session with the person and their own roles, region, the ids of the region's people by name (issue 15: no
    # COUNT, the ids are counted), the page of people with their roles in this region
    count = assert_constant_queries(admin_client, url, lambda: _members(world, 40), expected=4)
    with django_assert_num_queries(count):
        admin_client.get(url, {"pagina": 2})
    # A search reads the ids of the matching people instead: no more queries, also fixed.
    search = assert_constant_queries(
        admin_client, f"{url}?q=Lid", lambda: _members(world, 40, prefix="Lid ook"), expected=count
    )
    with django_assert_num_queries(search):
        admin_client.get(url, {"q": "Lid", "pagina": 2})


def test_everyone_of_the_region_is_listed_once_and_nobody_else(admin_client, world):
    """The two ways into the list (a role here, created here) overlap: each person is still one row (issue 15:
    a UNION of two indexed id sets instead of an OR over a join with DISTINCT)."""
    both = UserFactory(name="Aap Beide", created_in_region=world.region)
    RoleAssignmentFactory(user=both, role=Role.MEMBER, region=world.region, body=world.body)
    RoleAssignmentFactory(user=both, role=Role.MEMBER, region=world.region, body=world.municipal_body)
    created_here_role_elsewhere = UserFactory(name="Aap Elders", created_in_region=world.region)
    RoleAssignmentFactory(
        user=created_here_role_elsewhere, role=Role.MEMBER, region=world.other_region, body=world.other_body
    )
    created_elsewhere = UserFactory(name="Aap Ginds", created_in_region=world.other_region)
    role_here = UserFactory(name="Aap Hier", created_in_region=world.other_region)
    RoleAssignmentFactory(user=role_here, role=Role.MEMBER, region=world.region, body=world.body)
    html = admin_client.get(_url("people", world), {"q": "Aap"}).content.decode()
    assert _person_links(html) == 3
    for person in (both, created_here_role_elsewhere, role_here):
        assert html.count(f'href="{_person_url("person", world, person)}"') == 1
    assert "Aap Ginds" not in html
    assert admin_client.get(_person_url("person", world, created_elsewhere)).status_code == 404
    for person in (both, created_here_role_elsewhere, role_here):
        assert admin_client.get(_person_url("person", world, person)).status_code == 200
    everyone = admin_client.get(_url("people", world))
    in_region = User.objects.filter(
        Q(role_assignments__region=world.region) | Q(created_in_region=world.region)
    ).distinct()
    assert everyone.context["page"].paginator.count == in_region.count()


def test_person_created_here_without_role_is_listed(admin_client, world):
    admin_client.post(_url("person_new", world), {"name": "Zonder Rol", "email": ""})
    assert "Zonder Rol" in admin_client.get(_url("people", world)).content.decode()


# ---------------------------------------------------------------- create and edit


def test_create_person_without_email(admin_client, world):
    response = admin_client.post(_url("person_new", world), {"name": "Nieuwe Persoon", "email": ""})
    person = User.objects.get(name="Nieuwe Persoon")
    assert response["Location"] == _person_url("person", world, person)
    assert person.email is None
    assert not person.has_usable_password()
    assert person.created_in_region == world.region
    event = AuditEvent.objects.get(action="person.create")
    assert event.target_label == f"persoon #{person.pk}"
    assert event.actor == world.user("admin")
    assert event.region == world.region


def test_create_person_with_email_waits_for_the_owner_to_confirm_it(
    admin_client, world, mailoutbox, django_capture_on_commit_callbacks
):
    # Changed behaviour (L8): the typed address is the person's only after its owner confirms it.
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(_url("person_new", world), {"name": "Met Mail", "email": "Met.Mail@Example.org"})
    person = User.objects.get(name="Met Mail")
    assert person.email is None and person.pending_email == "met.mail@example.org"
    assert [m.to for m in mailoutbox] == [["met.mail@example.org"]]
    assert "/e-mailadres-bevestigen/" in mailoutbox[0].body
    html = admin_client.get(_person_url("person", world, person)).content.decode()
    assert "met.mail@example.org: wacht op bevestiging" in html


def test_an_email_in_use_anywhere_looks_the_same_to_the_beheerder(admin_client, world):
    # Changed behaviour (L8): this used to answer "Er is al iemand met dit e-mailadres", also for other regions.
    seen = []
    for name, email in (("Eerste", "niemand-nog@example.org"), ("Tweede", world.user("other_region_admin").email)):
        response = admin_client.post(_url("person_new", world), {"name": name, "email": email}, follow=True)
        person = User.objects.get(name=name)
        html = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
        seen.append(html.replace(name, "X").replace(email, "Y").replace(f"/{person.pk}/", "/N/"))
        assert "Er is al iemand" not in html
    assert seen[0] == seen[1]


def test_missing_name_and_bad_email(admin_client, world):
    html = admin_client.post(_url("person_new", world), {"name": "", "email": "fout"}).content.decode()
    assert "Vul een naam in." in html
    assert "Dit is geen goed e-mailadres." in html
    assert 'value="fout"' in html


def test_edit_person(admin_client, world, django_capture_on_commit_callbacks):
    # Changed behaviour: a new address waits for its owner's confirmation; the old one keeps working until then.
    response = admin_client.post(
        _person_url("person_edit", world, world.client), {"name": "Andere Naam", "email": "Nieuw@Example.org"}
    )
    assert response.status_code == 302
    world.client.refresh_from_db()
    assert (world.client.name, world.client.email) == ("Andere Naam", "geheime.client@example.org")
    assert world.client.pending_email == "nieuw@example.org"
    event = AuditEvent.objects.get(action="person.update")
    assert event.changed_fields == ["name"]
    assert AuditEvent.objects.get(action="person.email_propose").changed_fields == ["pending_email"]
    _assert_no_personal_data_in_audit(world.client)


def test_edit_to_an_email_in_use_is_not_refused_and_changes_nothing_yet(admin_client, world):
    # Changed behaviour (L8): no "Er is al iemand met dit e-mailadres"; the owner of the address decides.
    response = admin_client.post(
        _person_url("person_edit", world, world.client), {"name": "X", "email": "admin@example.org"}
    )
    assert response.status_code == 302
    world.client.refresh_from_db()
    assert world.client.email == "geheime.client@example.org" and world.client.pending_email == "admin@example.org"
    assert world.user("admin").role_assignments.count() == 1


def test_removing_an_email_is_immediate(admin_client, world):
    admin_client.post(_person_url("person_edit", world, world.client), {"name": "Geheime Cliënt", "email": ""})
    world.client.refresh_from_db()
    assert world.client.email is None and world.client.pending_email == ""


def test_edit_without_changes_writes_no_audit(admin_client, world):
    admin_client.post(
        _person_url("person_edit", world, world.client),
        {"name": "Geheime Cliënt", "email": "geheime.client@example.org"},
    )
    assert not AuditEvent.objects.filter(action="person.update").exists()


# ---------------------------------------------------------------- scope


def test_people_of_another_region_are_not_found(admin_client, world):
    stranger = UserFactory()
    RoleAssignmentFactory(user=stranger, role=Role.MEMBER, region=world.other_region, body=world.other_body)
    for name in ("person", "person_edit"):
        assert admin_client.get(_person_url(name, world, stranger)).status_code == 404
    for name in ("person_deactivate", "login_code_issue", "role_grant", "person_activate"):
        assert admin_client.post(_person_url(name, world, stranger), {"role": "lid"}).status_code == 404
    stranger.refresh_from_db()
    assert stranger.is_active
    assert not LoginCode.objects.filter(user=stranger).exists()
    assert stranger.role_assignments.count() == 1


def test_region_of_another_beheerder_is_not_found(admin_client, world):
    url = reverse("accounts:people", kwargs={"region": world.other_region.slug})
    assert admin_client.get(url).status_code == 404


def test_role_of_another_region_cannot_be_revoked_here(admin_client, world):
    # The person is in both regions; their role in the other region is not ours to take.
    RoleAssignmentFactory(user=world.client, role=Role.MEMBER, region=world.other_region, body=world.other_body)
    other = world.client.role_assignments.get(region=world.other_region)
    url = _person_url("role_revoke", world, world.client, role_pk=other.pk)
    assert admin_client.post(url).status_code == 404
    assert RoleAssignment.objects.filter(pk=other.pk).exists()


def test_account_of_someone_with_a_role_elsewhere_is_protected(admin_client, world):
    """The beheerder of A must not take over an account that also has rights in region B."""
    person = world.user("other_region_admin")
    RoleAssignmentFactory(user=person, role=Role.MEMBER, region=world.region, body=world.body)
    html = admin_client.get(_person_url("person", world, person)).content.decode()
    assert "ook een rol in een andere regio" in html
    assert _person_url("person_edit", world, person) not in html
    assert _person_url("login_code_issue", world, person) not in html
    assert admin_client.get(_person_url("person_edit", world, person)).status_code == 403
    for name in ("person_edit", "login_code_issue", "person_deactivate"):
        response = admin_client.post(_person_url(name, world, person), {"name": "X", "email": "evil@example.org"})
        assert response.status_code == 403
    person.refresh_from_db()
    assert person.email == "other-region-admin@example.org" and person.is_active
    assert not LoginCode.objects.filter(user=person).exists()
    # Roles in our own region can still be managed.
    role = person.role_assignments.get(region=world.region)
    assert admin_client.post(_person_url("role_revoke", world, person, role_pk=role.pk)).status_code == 302


def test_staff_accounts_are_protected(admin_client, world):
    world.client.is_staff = True
    world.client.save()
    assert admin_client.post(_person_url("login_code_issue", world, world.client)).status_code == 403


# ---------------------------------------------------------------- roles


def _grant(client, world, person, **data):
    return client.post(_person_url("role_grant", world, person), data)


@pytest.fixture
def newcomer(admin_client, world):
    admin_client.post(_url("person_new", world), {"name": "Nieuwkomer", "email": ""})
    return User.objects.get(name="Nieuwkomer")


def test_grant_body_role(admin_client, world, newcomer):
    response = _grant(admin_client, world, newcomer, role="secretaris", body=world.municipal_body.pk)
    assert response.status_code == 302
    assignment = newcomer.role_assignments.get()
    assert (assignment.role, assignment.body, assignment.region) == ("secretaris", world.municipal_body, world.region)
    event = AuditEvent.objects.get(action="role.grant")
    assert f"persoon #{newcomer.pk}" in event.target_label
    _assert_no_personal_data_in_audit(newcomer)


def test_policy_officer_without_municipality_is_for_the_whole_region(admin_client, world, newcomer):
    _grant(admin_client, world, newcomer, role="beleidsmedewerker")
    assignment = newcomer.role_assignments.get()
    assert assignment.municipality is None and assignment.body is None


def test_policy_officer_of_a_municipality(admin_client, world, newcomer):
    _grant(admin_client, world, newcomer, role="beleidsmedewerker", municipality=world.municipality_2.pk)
    assert newcomer.role_assignments.get().municipality == world.municipality_2


@pytest.mark.parametrize("role", ["secretaris", "gespreksleider", "lid"])
def test_body_roles_need_a_body(admin_client, world, newcomer, role):
    response = _grant(admin_client, world, newcomer, role=role)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies de groep voor deze rol." in html
    assert f'value="{role}"' in html and "checked" in html
    assert not newcomer.role_assignments.exists()


def test_body_of_another_region_cannot_be_chosen(admin_client, world, newcomer):
    html = _grant(admin_client, world, newcomer, role="lid", body=world.other_body.pk).content.decode()
    assert "Kies een groep uit de lijst." in html
    html = _grant(
        admin_client, world, newcomer, role="beleidsmedewerker", municipality=world.other_municipality.pk
    ).content.decode()
    assert "Kies een gemeente uit de lijst." in html
    assert not newcomer.role_assignments.exists()


def test_other_region_options_are_not_offered(admin_client, world, newcomer):
    html = admin_client.get(_person_url("person", world, newcomer)).content.decode()
    assert world.body.name in html and world.municipality.name in html
    assert world.other_body.name not in html and world.other_municipality.name not in html


def test_duplicate_role_is_a_form_error(admin_client, world):
    response = _grant(admin_client, world, world.client, role="lid", body=world.body.pk)
    assert response.status_code == 200
    assert "Deze persoon heeft deze rol hier al." in response.content.decode()
    assert world.client.role_assignments.count() == 1


def test_wrong_combinations_are_explained(admin_client, world, newcomer):
    html = _grant(admin_client, world, newcomer, role="beheerder", body=world.body.pk).content.decode()
    assert "Een beheerder geldt voor de hele regio" in html
    html = _grant(admin_client, world, newcomer, role="beleidsmedewerker", body=world.body.pk).content.decode()
    assert "Een beleidsmedewerker hoort niet bij een groep." in html
    html = _grant(admin_client, world, newcomer, role="").content.decode()
    assert "Kies een rol." in html
    html = _grant(admin_client, world, newcomer, role="koning").content.decode()
    assert "Kies een rol uit de lijst." in html
    assert not newcomer.role_assignments.exists()


def test_revoke_role(admin_client, world):
    role = world.client.role_assignments.get()
    response = admin_client.post(_person_url("role_revoke", world, world.client, role_pk=role.pk))
    assert response.status_code == 302
    assert not world.client.role_assignments.exists()
    event = AuditEvent.objects.get(action="role.revoke")
    assert event.target_id == str(role.pk)
    _assert_no_personal_data_in_audit(world.client)


def test_revoke_is_post_only(admin_client, world):
    role = world.client.role_assignments.get()
    assert admin_client.get(_person_url("role_revoke", world, world.client, role_pk=role.pk)).status_code == 405
    assert world.client.role_assignments.exists()


def test_own_admin_role_cannot_be_revoked(admin_client, world):
    me = world.user("admin")
    role = me.role_assignments.get()
    html = admin_client.get(_person_url("person", world, me)).content.decode()
    assert _person_url("role_revoke", world, me, role_pk=role.pk) not in html
    assert admin_client.post(_person_url("role_revoke", world, me, role_pk=role.pk)).status_code == 403
    assert me.role_assignments.exists()
    # Nor can one switch off one's own access.
    assert admin_client.post(_person_url("person_deactivate", world, me)).status_code == 403


def test_another_admin_can_revoke_an_admin_role(admin_client, world):
    second = UserFactory()
    RoleAssignmentFactory(user=second, role=Role.ADMIN, region=world.region)
    role = second.role_assignments.get()
    assert admin_client.post(_person_url("role_revoke", world, second, role_pk=role.pk)).status_code == 302


def test_person_page_query_count_does_not_grow(admin_client, world, django_assert_num_queries):
    url = _person_url("person", world, world.client)
    admin_client.get(url)

    def grow():
        for _ in range(5):
            body = BodyFactory(region=world.region)
            RoleAssignmentFactory(user=world.client, role=Role.MEMBER, region=world.region, body=body)

    assert_constant_queries(admin_client, url, grow)


# ---------------------------------------------------------------- login code letter, access on/off


def test_issue_code_shows_the_letter_once(admin_client, world, settings):
    paper_only(world.client, world.region)
    settings.SITE_URL = "https://inspraak.example.nl"
    response = admin_client.post(_person_url("login_code_issue", world, world.client))
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    letter = html.split('<article class="inspraak-letter">')[1].split("</article>")[0]
    assert "Beste Geheime Cliënt" in letter
    assert "https://inspraak.example.nl/inloggen/code/" in letter
    code = letter.split('<span class="inspraak-letter__code">')[1].split("</span>")[0]
    assert len(code) == 14
    row = LoginCode.objects.get(user=world.client, revoked_at__isnull=True)
    assert code not in row.code_hash
    assert row.expires_at.year in (2026, 2027) and "De code werkt tot en met" in letter
    # The person page never shows the code again.
    assert code not in admin_client.get(_person_url("person", world, world.client)).content.decode()
    event = AuditEvent.objects.get(action="login_code.issue")
    assert event.target_label == f"persoon #{world.client.pk}"
    # The code works.
    admin_client.logout()
    assert admin_client.post(reverse("accounts:code_login"), {"code": code}).status_code == 302


def test_issue_code_is_post_only(admin_client, world):
    assert admin_client.get(_person_url("login_code_issue", world, world.client)).status_code == 405


def test_person_page_shows_the_active_code_date(admin_client, world):
    paper_only(world.client, world.region)
    html = admin_client.get(_person_url("person", world, world.client)).content.decode()
    assert "Inlogcode op papier" in html
    admin_client.post(_person_url("login_code_issue", world, world.client))
    html = admin_client.get(_person_url("person", world, world.client)).content.decode()
    assert "werkt tot en met" in html


def test_deactivate_and_activate(admin_client, world, client):
    paper_only(world.client, world.region)
    admin_client.post(_person_url("login_code_issue", world, world.client))
    response = admin_client.post(_person_url("person_deactivate", world, world.client))
    assert response.status_code == 302
    world.client.refresh_from_db()
    assert not world.client.is_active
    assert not LoginCode.objects.filter(user=world.client, revoked_at__isnull=True).exists()
    html = admin_client.get(_person_url("person", world, world.client)).content.decode()
    assert "De toegang staat uit" in html
    assert _person_url("login_code_issue", world, world.client) not in html
    # No letter for someone without access.
    response = admin_client.post(_person_url("login_code_issue", world, world.client))
    assert response.status_code == 302
    assert not LoginCode.objects.filter(user=world.client, revoked_at__isnull=True).exists()
    admin_client.post(_person_url("person_activate", world, world.client))
    world.client.refresh_from_db()
    assert world.client.is_active
    assert [e.action for e in AuditEvent.objects.order_by("pk")][-2:] == ["person.deactivate", "person.activate"]
    _assert_no_personal_data_in_audit(world.client)


def test_deactivated_person_is_logged_out(client, world):
    client.force_login(world.client)
    response = client.get(reverse("dashboards:dashboard"))
    assert response.status_code == 200 and world.client.name in response.content.decode()
    from inspraak.accounts import services

    services.person_deactivate(person=world.client, region=world.region, by=world.user("admin"))
    response = client.get(reverse("dashboards:dashboard"))
    assert response.status_code == 302


# ---------------------------------------------------------------- bad input never breaks a page


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("role_grant", {"role": "lid", "body": "abc"}),
        ("role_grant", {"role": "beleidsmedewerker", "municipality": "999999"}),
        ("role_grant", {}),
        ("person_edit", {"name": "x" * 500, "email": "a" * 300 + "@example.org"}),
    ],
)
def test_garbage_input_gives_form_errors(admin_client, world, name, data):
    before = list(RoleAssignment.objects.values_list("pk", flat=True))
    response = admin_client.post(_person_url(name, world, world.client), data)
    assert response.status_code == 200
    assert "utrecht-form-field-error-message" in response.content.decode()
    assert list(RoleAssignment.objects.values_list("pk", flat=True)) == before
    world.client.refresh_from_db()
    assert world.client.name == "Geheime Cliënt"


def test_unknown_ids_are_not_found(admin_client, world):
    assert admin_client.get(_url("person", world, pk=999999)).status_code == 404
    url = _person_url("role_revoke", world, world.client, role_pk=999999)
    assert admin_client.post(url).status_code == 404


def test_long_search_is_ignored(admin_client, world):
    response = admin_client.get(_url("people", world), {"q": "x" * 500})
    assert response.status_code == 200
    html = response.content.decode()
    # The search is ignored: the list shows the region's people as without a search, not an empty result.
    for actor in ("secretary", "member"):
        assert world.user(actor).name in html


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("person_edit", {"name": "Terug", "email": "terug@example.org"}),
        ("person_activate", {}),
        ("login_code_issue", {}),
        ("role_grant", {"role": "lid", "body": ""}),
    ],
)
def test_an_erased_person_cannot_be_given_a_name_access_code_or_role_again(admin_client, world, name, data):
    from django.utils import timezone

    person = UserFactory(name="Verwijderde persoon", email=None, is_active=False, created_in_region=world.region)
    person.erased_at = timezone.now()
    person.save()
    data = {**data, "body": world.body.pk} if "body" in data else data
    response = admin_client.post(_person_url(name, world, person), data)
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.name == "Verwijderde persoon" and person.email is None and not person.is_active
    assert not LoginCode.objects.filter(user=person).exists()
    assert not RoleAssignment.objects.filter(user=person).exists()
