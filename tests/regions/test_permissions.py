"""Permission functions of regions: who may manage a region and see a body's own page."""

from __future__ import annotations

import pytest

from inspraak.accounts.models import User
from inspraak.regions import permissions

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator():
    return User.objects.create_superuser(email="root@example.org", password="heel-geheim-123")


@pytest.mark.parametrize(
    ("actor", "manage", "dashboard", "support"),
    [
        ("admin", True, True, True),
        ("officer_region", False, True, False),
        ("officer_municipality", False, False, False),
        ("secretary", False, True, True),
        ("facilitator", False, True, True),
        ("member", False, True, False),
        ("plain", False, False, False),
        ("other_region_admin", False, False, False),
    ],
)
def test_region_and_body_permissions(world, actor, manage, dashboard, support):
    user = world.user(actor)
    assert permissions.can_manage_region(user, world.region) is manage
    assert permissions.can_view_body_dashboard(user, world.body) is dashboard
    assert permissions.can_support_body(user, world.body) is support
    assert permissions.can_create_region(user) is False


def test_municipal_officer_sees_the_body_of_their_municipality(world):
    assert permissions.can_view_body_dashboard(world.user("officer_municipality"), world.municipal_body)


def test_operator_manages_every_region_and_creates_regions(world, operator):
    assert permissions.can_manage_region(operator, world.other_region)
    assert permissions.can_create_region(operator)
    assert permissions.can_open_management(operator)
    assert permissions.can_see_all_regions(operator)


def test_inactive_operator_has_no_rights(world, operator):
    operator.is_active = False
    assert not permissions.can_manage_region(operator, world.region)
    assert not permissions.can_create_region(operator)
    assert not permissions.can_open_management(operator)


def test_anonymous_has_no_rights(world):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert not permissions.can_manage_region(anonymous, world.region)
    assert not permissions.can_view_body_dashboard(anonymous, world.body)
    assert not permissions.can_open_management(anonymous)
