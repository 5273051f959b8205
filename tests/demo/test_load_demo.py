"""manage.py load_demo: the fictional demo region, idempotent, with a working login for every role."""

from __future__ import annotations

from base64 import b32decode
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from inspraak.accounts import services as accounts
from inspraak.accounts.models import LoginCode, Role, RoleAssignment, User
from inspraak.audit.models import AuditEvent
from inspraak.demo.generator import (
    DEMO_CODE,
    DEMO_PASSWORD,
    DEMO_RECOVERY_CODES,
    DEMO_TOTP_SECRET,
    DEMO_URL,
    load_demo,
)
from inspraak.regions.models import Body, Municipality, Region

pytestmark = pytest.mark.django_db

MODELS = (Region, Municipality, Body, User, RoleAssignment, LoginCode, AuditEvent)


def _load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def _logs_in(client, **data) -> User | None:
    url = reverse("accounts:code_login" if "code" in data else "accounts:login")
    response = client.post(url, data)
    if response.status_code != 302:
        return None
    return User.objects.get(pk=client.session["_auth_user_id"])


def test_running_twice_gives_the_same_state():
    _load()
    first = _counts()
    roles = set(RoleAssignment.objects.values_list("user__name", "role", "municipality__slug", "body__slug"))
    _load()
    assert _counts() == first
    assert set(RoleAssignment.objects.values_list("user__name", "role", "municipality__slug", "body__slug")) == roles
    assert first["Region"] == 1
    assert first["Municipality"] == 3
    assert first["Body"] == 4
    # 8 logins plus the fictional members of the panel and the adviesraad of Havenstad (without login)
    assert first["User"] == 22


def test_prints_a_login_for_every_role_and_the_url():
    output = _load()
    assert DEMO_URL == "http://127.0.0.1:8000/inloggen/"
    assert DEMO_URL in output
    for role in (
        "beheerder",
        "beleidsmedewerker (regio)",
        "secretaris",
        "financiën",
        "gespreksleider",
        "lid (met e-mail)",
    ):
        assert role in output
    assert "beheerder@demo.inspraak.example" in output
    assert DEMO_PASSWORD in output
    assert f"inlogcode {DEMO_CODE}" in output
    assert "Kees Jansen" in output


def test_every_printed_login_works_after_two_runs(client):
    _load()
    logins = load_demo()  # the second run
    assert len(logins) == 8
    for login in logins:
        client.logout()
        if login.code:
            user = _logs_in(client, code=login.code.lower().replace("-", " "))
        else:
            user = _logs_in(client, username=login.email, password=login.password)
        assert user is not None, login.role
        assert user.name == login.name


def test_the_member_without_email_logs_in_with_the_printed_code(client):
    _load()
    kees = User.objects.get(name="Kees Jansen")
    assert kees.email is None
    assert not kees.has_usable_password()
    assert _logs_in(client, code=DEMO_CODE) == kees
    assert LoginCode.objects.filter(user=kees, revoked_at__isnull=True).count() == 1


def test_a_new_run_restores_the_demo_after_people_tried_things_out(client):
    _load()
    region = Region.objects.get()
    kees = User.objects.get(name="Kees Jansen")
    member = User.objects.get(email="lid@demo.inspraak.example")
    # In the demo, the beheerder printed a new code for Kees and blocked the member; someone changed a password.
    accounts.login_code_issue(person=kees, region=region, by=None)
    accounts.person_deactivate(person=member, region=region, by=None)
    accounts.password_set(user=User.objects.get(email="secretaris@demo.inspraak.example"), password="iets-anders-12")
    assert _logs_in(client, code=DEMO_CODE) is None

    _load()
    assert _logs_in(client, code=DEMO_CODE) == kees
    client.logout()
    assert _logs_in(client, username="lid@demo.inspraak.example", password=DEMO_PASSWORD) == member
    client.logout()
    assert _logs_in(client, username="secretaris@demo.inspraak.example", password=DEMO_PASSWORD) is not None


def test_refuses_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="INSPRAAK_PRODUCTION"):
        _load()
    assert not Region.objects.exists()
    assert not User.objects.exists()


def test_the_demo_region_is_fictional_and_complete():
    _load()
    region = Region.objects.get()
    assert region.name == "Regio Waterland-Oost"
    municipalities = {m.name: m for m in region.municipalities.all()}
    assert {name: m.client_group_size for name, m in municipalities.items()} == {
        "Havenstad": 2900,
        "Polderveen": 2200,
        "Kreekdorp": 700,
    }
    for m in municipalities.values():
        m.full_clean()
        assert m.cbs_code.startswith("GM99")  # not a real municipality
        assert m.client_group_date is not None

    panel = Body.objects.get(region=region, level=Body.Level.REGION)
    assert panel.kind == Body.Kind.CLIENT_PANEL
    assert panel.topic_scope == Body.TopicScope.EXECUTION
    assert (panel.covers_participatiewet, panel.covers_wmo, panel.covers_jeugdwet) == (True, False, False)
    councils = Body.objects.filter(region=region, level=Body.Level.MUNICIPALITY)
    assert {c.municipality.name for c in councils} == set(municipalities)
    for body in [panel, *councils]:
        body.full_clean()
        assert body.description and body.audience and body.how_to_join and body.contact_email
    for council in councils:
        assert council.kind == Body.Kind.SOCIAL_DOMAIN_COUNCIL
        assert council.topic_scope == Body.TopicScope.POLICY
        assert council.covers_participatiewet and council.covers_wmo and council.covers_jeugdwet

    held = set(RoleAssignment.objects.values_list("role", "municipality__name", "body__level"))
    assert (Role.ADMIN, None, None) in held
    assert (Role.POLICY_OFFICER, None, None) in held
    assert (Role.POLICY_OFFICER, "Havenstad", None) in held
    assert (Role.SECRETARY, None, Body.Level.REGION) in held
    assert (Role.FACILITATOR, None, Body.Level.REGION) in held
    members = User.objects.filter(role_assignments__role=Role.MEMBER).distinct()
    assert {m.email is None for m in members} == {True, False}


def test_the_demo_is_written_through_the_services_with_an_audit_trail_without_personal_data():
    _load()
    events = list(AuditEvent.objects.all())
    actions = {e.action for e in events}
    assert {"region.create", "municipality.create", "body.create", "person.create", "role.grant"} <= actions
    assert "login_code.issue" in actions
    people = User.objects.all()
    for event in events:
        for person in people:
            assert person.name not in event.target_label
            assert not person.email or person.email not in event.target_label


def test_the_panel_triggers_findings_and_the_havenstad_council_meets_every_rule():
    from inspraak.members.selectors import body_composition
    from inspraak.regions.models import Body

    _load()
    panel = Body.objects.get(name="Cliëntenpanel Waterland-Oost")
    codes = {f.code for f in body_composition(panel)["findings"]}
    assert {"too_few_clients", "municipality_short", "non_representing_members"} <= codes
    assert codes & {"term_ending", "term_expired"}  # one term ends on 31 January 2027
    council = Body.objects.get(name="Adviesraad Sociaal Domein Havenstad")
    assert body_composition(council)["findings"] == []


def test_the_demo_beheerder_passes_the_second_step_with_what_is_printed(client):
    import time

    from django_otp.oath import TOTP

    output = _load()
    assert f"oathtool --totp -b {DEMO_TOTP_SECRET}" in output
    assert all(code in output for code in DEMO_RECOVERY_CODES)
    people = reverse("accounts:people", args=[Region.objects.get().slug])

    def beheerder_logs_in(code) -> int:
        client.logout()
        _logs_in(client, username="beheerder@demo.inspraak.example", password=DEMO_PASSWORD)
        assert client.get(people).status_code == 302  # the second step first
        client.post(reverse("twofactor:verify"), {"code": code})
        return client.get(people).status_code

    totp = TOTP(b32decode(DEMO_TOTP_SECRET))
    totp.time = time.time()
    assert beheerder_logs_in(f"{totp.token():06d}") == 200
    assert beheerder_logs_in(DEMO_RECOVERY_CODES[0]) == 200
    assert beheerder_logs_in(DEMO_RECOVERY_CODES[0]) == 302  # used up
    _load()  # a new run gives the used code back
    assert beheerder_logs_in(DEMO_RECOVERY_CODES[0]) == 200
