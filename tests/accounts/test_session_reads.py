"""Every logged-in request reads its session, the person and their roles from the database (written-out queries:
accounts/sessions.py, backends.py, roles.py), so a logout, an ended session, a person switched off and changed roles
count on the very next request, in every worker."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts.models import LoginSession as Session
from inspraak.accounts.models import Role, RoleAssignment, User
from tests.factories import RoleAssignmentFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboards:dashboard")


def test_the_person_is_read_whole_with_aware_moments(client, world):
    member = world.user("member")
    User.objects.filter(pk=member.pk).update(last_login=timezone.now() - datetime.timedelta(days=1))
    client.force_login(member)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    user = response.wsgi_request.user
    stored = User.objects.get(pk=member.pk)
    assert user.pk == member.pk and user.name == stored.name and user.email == stored.email
    assert user.is_active is True and user.is_staff is False and user.is_superuser is False
    assert timezone.is_aware(user.last_login) and user.last_login == stored.last_login
    assert timezone.is_aware(user.date_joined) and user.date_joined == stored.date_joined


def test_an_ended_session_is_not_read(client, world):
    client.force_login(world.user("member"))
    assert client.get(DASHBOARD).status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_deleted_session_logs_out_at_once(client, world):
    client.force_login(world.user("member"))
    assert client.get(DASHBOARD).status_code == 200
    Session.objects.all().delete()  # a logout in another worker
    assert client.get(DASHBOARD).status_code == 302


def test_a_person_switched_off_is_logged_out_on_the_next_request(client, world):
    member = world.user("member")
    client.force_login(member)
    assert client.get(DASHBOARD).status_code == 200
    User.objects.filter(pk=member.pk).update(is_active=False)
    assert client.get(DASHBOARD).status_code == 302


def test_changed_roles_count_on_the_next_request(client, world):
    member = world.user("member")
    client.force_login(member)
    body_url = reverse("dashboards:body_dashboard", kwargs={"region": world.region.slug, "body": world.body.slug})
    assert client.get(body_url).status_code == 200
    RoleAssignment.objects.filter(user=member).delete()
    assert client.get(body_url).status_code == 404
    RoleAssignmentFactory(user=member, role=Role.MEMBER, region=world.region, body=world.body)
    assert client.get(body_url).status_code == 200


def test_the_session_the_person_and_their_roles_are_one_query(client, world, django_assert_num_queries):
    """What every logged-in page needs before it does anything of its own (who is logged in, and what they may do)
    is one round trip to the database: the session row, the person and their roles (accounts/sessions.py)."""
    from django.contrib.auth import get_user as django_get_user

    from inspraak.accounts.middleware import get_user
    from inspraak.accounts.roles import roles_of

    secretary = world.user("secretary")
    client.force_login(secretary)
    request = client.get(DASHBOARD).wsgi_request
    request.session = type(request.session)(request.session.session_key)  # a fresh store: read again
    del request._cached_user
    with django_assert_num_queries(1):
        user = get_user(request)
        roles = roles_of(user)
    assert user.pk == secretary.pk and user.name == secretary.name and timezone.is_aware(user.date_joined)
    assert roles.roles_in_body(world.body.pk) == {Role.SECRETARY}
    assert django_get_user(request).pk == secretary.pk  # Django's own check of the session agrees


def test_the_session_row_names_the_person_and_a_logout_deletes_it(client, world):
    member = world.user("member")
    client.force_login(member)
    assert client.get(DASHBOARD).status_code == 200
    assert Session.objects.get().user_id == member.pk
    client.post(reverse("accounts:logout"))
    assert not Session.objects.exists()


def test_erasing_a_person_ends_their_sessions_everywhere(client, world):
    from inspraak.privacy.services import person_erase

    member = world.user("member")
    client.force_login(member)
    other = Client()
    other.force_login(world.user("secretary"))
    assert client.get(DASHBOARD).status_code == 200
    person_erase(person=member, region=world.region, by=world.user("admin"))
    assert not Session.objects.filter(user=member).exists()
    assert Session.objects.filter(user=world.user("secretary")).count() == 1
    assert client.get(DASHBOARD).status_code == 302


def test_a_session_whose_row_names_nobody_still_reads_the_person_by_id(client, world):
    """A session moved from Django's table without a readable person (migration accounts 0006) keeps working."""
    member = world.user("member")
    client.force_login(member)
    Session.objects.update(user=None)
    response = client.get(DASHBOARD)
    assert response.status_code == 200 and response.wsgi_request.user.pk == member.pk


def test_a_changed_password_ends_the_other_sessions_read_with_the_person(client, world):
    """Django still checks the session's password-derived hash against the person read with the row."""
    member = world.user("member")
    client.force_login(member)
    assert client.get(DASHBOARD).status_code == 200
    member.set_password("een heel ander wachtwoord 42")
    member.save()
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_upgrade_keeps_who_is_logged_in_logged_in(world):
    """Migration accounts 0006 moves the open sessions from Django's table, with the person each names; an ended
    session or one the site cannot read stays behind (Django's table is emptied)."""
    import importlib

    from django.apps import apps
    from django.contrib.sessions.backends.db import SessionStore as DjangoStore
    from django.contrib.sessions.models import Session as DjangoSession

    from inspraak.accounts.sessions import SessionStore

    member = world.user("member")
    soon = timezone.now() + datetime.timedelta(minutes=30)
    encode = DjangoStore().encode
    DjangoSession.objects.create(
        session_key="a" * 32, session_data=encode({"_auth_user_id": str(member.pk)}), expire_date=soon
    )
    DjangoSession.objects.create(session_key="b" * 32, session_data=encode({"next": "/"}), expire_date=soon)
    DjangoSession.objects.create(session_key="c" * 32, session_data="not signed", expire_date=soon)
    ended = timezone.now() - datetime.timedelta(minutes=1)
    DjangoSession.objects.create(session_key="d" * 32, session_data=encode({"_auth_user_id": "1"}), expire_date=ended)
    importlib.import_module("inspraak.accounts.migrations.0006_login_session").move_open_sessions(apps, None)
    assert dict(Session.objects.values_list("session_key", "user_id")) == {"a" * 32: member.pk, "b" * 32: None}
    assert not DjangoSession.objects.exists()
    assert DjangoStore("a" * 32).load() == {}  # nothing left to read there
    assert SessionStore("a" * 32).load() == {"_auth_user_id": str(member.pk)}


def test_a_flushed_session_keeps_no_person(client, world):
    from inspraak.accounts.sessions import SessionStore

    member = world.user("member")
    client.force_login(member)
    store = SessionStore(client.session.session_key)
    store.load()
    assert store.user_for(member.pk) == member
    store.flush()
    assert store.user_for(member.pk) is None


def test_the_export_lists_until_when_each_open_session_works_and_nothing_more(client, world):
    from inspraak.privacy.contrib import export_account

    member = world.user("member")
    client.force_login(member)
    Client().force_login(world.user("secretary"))  # someone else's session is not the member's
    sessions = export_account(member)["login_sessions"]
    assert sessions == [{"expires_at": Session.objects.get(user=member).expire_date}]
