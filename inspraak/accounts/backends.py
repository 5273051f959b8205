"""Authentication backends: email + password, printed login code, one-time email link.

Each goes through ``django.contrib.auth.authenticate`` so django-axes counts failures for all three.
"""

from __future__ import annotations

import functools

from django.contrib.auth.backends import ModelBackend
from django.db import connection, models, transaction
from django.utils import timezone

from inspraak.accounts.models import LoginCode, LoginLink, RoleAssignment, User
from inspraak.accounts.sessions import current_store
from inspraak.accounts.tokens import keyed_hash, normalize_code
from inspraak.core.dbtime import read_moment


# The logged-in person, read on every request (AuthenticationMiddleware) with SQL made once per process from the
# model's own fields (so it never drifts from them): built with the ORM each time, the read cost several times its
# run in the database (ADR 0032). Still read from the database on every request, so a person switched off is logged
# out everywhere at once.
@functools.cache
def _user_read() -> tuple[str, tuple[str, ...], frozenset[int]]:
    """The SQL, the fields' attribute names in its order, and the positions of the moments (datetimes)."""
    fields = User._meta.concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    sql = f"SELECT {columns} FROM {quote(User._meta.db_table)} WHERE {quote(User._meta.pk.column)} = %s"  # noqa: S608
    moments = frozenset(i for i, field in enumerate(fields) if isinstance(field, models.DateTimeField))
    return sql, tuple(field.attname for field in fields), moments


class SessionUserMixin:
    """``get_user`` of the session's person (as ModelBackend: None when the person is gone or may not log in): the
    person the login session read with its row (accounts.sessions), else one written-out query."""

    def get_user(self, user_id):
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        user_for = getattr(current_store.get(), "user_for", None)  # another session engine keeps no person
        user = user_for(pk) if user_for is not None else None
        if user is not None:  # read with the session row (accounts.sessions): no query of its own
            return user if self.user_can_authenticate(user) else None
        sql, names, moments = _user_read()
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk])
            row = cursor.fetchone()
        if row is None:
            return None
        values = [read_moment(value) if i in moments else value for i, value in enumerate(row)]
        user = User.from_db(connection.alias, names, values)
        return user if self.user_can_authenticate(user) else None


class EmailPasswordBackend(SessionUserMixin, ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password or kwargs:
            return None
        user = User.objects.filter(email=username.strip().lower()).first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing hint
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class LoginCodeBackend(SessionUserMixin, ModelBackend):
    @staticmethod
    def _still_fits(user: User) -> bool:
        """A code is for people without email (who cannot use a password either), never for technical admins, and
        only while their roles stay in the region the account was made in (the services also revoke codes when that
        changes). 1 query."""
        if user.email or user.is_staff or user.is_superuser:
            return False
        if user.created_in_region_id is None:
            return True
        return not RoleAssignment.objects.filter(user=user).exclude(region_id=user.created_in_region_id).exists()

    def authenticate(self, request, username=None, login_code=None, **kwargs):
        if login_code is None:
            return None
        code = normalize_code(login_code)
        if not code:
            return None
        now = timezone.now()
        row = (
            LoginCode.objects.select_related("user")
            .filter(code_hash=keyed_hash(code), revoked_at__isnull=True, expires_at__gt=now)
            .first()
        )
        if row is None or not self.user_can_authenticate(row.user) or not self._still_fits(row.user):
            return None
        LoginCode.objects.filter(pk=row.pk).update(last_used_at=now)
        return row.user


class LoginLinkBackend(SessionUserMixin, ModelBackend):
    def authenticate(self, request, username=None, link_token=None, **kwargs):
        if not link_token:
            return None
        now = timezone.now()
        with transaction.atomic():
            # Single use: the update only succeeds for the first request that presents the token.
            token_hash = keyed_hash(link_token)
            used = LoginLink.objects.filter(token_hash=token_hash, used_at__isnull=True, expires_at__gt=now).update(
                used_at=now
            )
            if not used:
                return None
            user = LoginLink.objects.select_related("user").get(token_hash=token_hash).user
        return user if self.user_can_authenticate(user) else None
