"""manage.py prune_credentials: used, revoked and expired login links and codes go after a day."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from inspraak.accounts.models import LoginCode, LoginLink
from inspraak.privacy.services import credentials_prune

pytestmark = pytest.mark.django_db


def _link(user, n, *, created_days, expires_days, used_days=None):
    now = timezone.now()
    link = LoginLink.objects.create(
        user=user,
        token_hash=f"link{n:060d}",
        expires_at=now - timedelta(days=expires_days),
        used_at=None if used_days is None else now - timedelta(days=used_days),
    )
    LoginLink.objects.filter(pk=link.pk).update(created_at=now - timedelta(days=created_days))
    return link


def _code(user, n, *, expires_days, revoked_days=None):
    now = timezone.now()
    return LoginCode.objects.create(
        user=user,
        code_hash=f"code{n:060d}",
        expires_at=now - timedelta(days=expires_days),
        revoked_at=None if revoked_days is None else now - timedelta(days=revoked_days),
    )


def test_prune_deletes_only_what_is_used_revoked_or_expired_for_more_than_a_day(world):
    user = world.user("member")
    keep = {
        _link(user, 1, created_days=0, expires_days=-1).pk,  # still valid
        _link(user, 2, created_days=0, expires_days=-1, used_days=0).pk,  # used an hour ago
        _link(user, 3, created_days=0, expires_days=0.5).pk,  # expired half a day ago
    }
    _link(user, 4, created_days=3, expires_days=3)  # expired long ago
    _link(user, 5, created_days=3, expires_days=-1, used_days=2)  # used two days ago (not expired yet)
    keep_codes = {
        _code(user, 1, expires_days=-100).pk,  # the active code
        _code(user, 2, expires_days=-100, revoked_days=0.5).pk,  # replaced half a day ago
    }
    _code(user, 3, expires_days=-100, revoked_days=2)  # replaced two days ago
    assert credentials_prune() == (2, 1)
    assert set(LoginLink.objects.values_list("pk", flat=True)) == keep
    assert set(LoginCode.objects.values_list("pk", flat=True)) == keep_codes


def test_expired_codes_go_too(world):
    user = world.user("member")
    _code(user, 1, expires_days=2)
    assert credentials_prune() == (0, 1)


def test_command_prints_counts_only(world):
    user = world.user("member")
    _link(user, 1, created_days=3, expires_days=3)
    out = io.StringIO()
    call_command("prune_credentials", stdout=out)
    assert out.getvalue().strip() == "Deleted 1 login links and 0 login codes."
    assert not LoginLink.objects.exists()
