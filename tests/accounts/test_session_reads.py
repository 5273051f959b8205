"""Every logged-in request reads its session, the person and their roles from the database (written-out queries:
accounts/sessions.py, backends.py, roles.py), so a logout, an ended session, a person switched off and changed roles
count on the very next request, in every worker."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

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
