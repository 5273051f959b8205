"""The login session store: Django's database sessions in ``accounts.LoginSession``, whose row names the person.

Every logged-in request reads its session, then the person (AuthenticationMiddleware) and their roles (``roles_of``,
for every permission): three round trips to the database before a page does anything of its own. Here the read of
the session row also reads that person and their roles, with SQL written out once per process from the models' own
fields (ADR 0032), and keeps the person on the store; the login backends' ``get_user`` takes it from there
(``current_store`` is set by ``accounts.middleware.AuthenticationMiddleware`` while Django works out who is logged in).
Django itself still checks that the session belongs to that person (the password-derived hash) and that they may log
in. Everything is still read from the database on every request (no cache): a logout, a switched-off account or an
ended session ends it in every worker at once. Writing, creating and deleting sessions are Django's own.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.db import connection, models
from django.utils import timezone

from inspraak.core.dbtime import read_moment

# The session store of the request whose person Django is working out (accounts.middleware), else None.
current_store: ContextVar[SessionStore | None] = ContextVar("inspraak_session_store", default=None)


@contextmanager
def reading_user_of(store):
    """While Django works out who is logged in: the login backends may take the person this store read."""
    token = current_store.set(store)
    try:
        yield
    finally:
        current_store.reset(token)


@functools.cache
def _load_sql() -> tuple[str, tuple[str, ...], frozenset[int], int]:
    """The SQL (the session row, its person and one row per role), the person's attribute names in the order of its
    columns, the positions of their moments, and where the role columns start."""
    from inspraak.accounts.models import LoginSession, RoleAssignment, User

    q = connection.ops.quote_name
    fields = User._meta.concrete_fields
    session, user, roles = (q(model._meta.db_table) for model in (LoginSession, User, RoleAssignment))
    user_columns = ", ".join(f"u.{q(field.column)}" for field in fields)
    role_columns = ", ".join(f"r.{q(name)}" for name in ("role", "region_id", "municipality_id", "body_id"))
    sql = (
        f"SELECT s.{q('session_data')}, {user_columns}, {role_columns} FROM {session} s "  # noqa: S608
        f"LEFT JOIN {user} u ON u.{q('id')} = s.{q('user_id')} "
        f"LEFT JOIN {roles} r ON r.{q('user_id')} = u.{q('id')} "
        f"WHERE s.{q('session_key')} = %s AND s.{q('expire_date')} > %s"
    )
    moments = frozenset(i for i, field in enumerate(fields) if isinstance(field, models.DateTimeField))
    return sql, tuple(field.attname for field in fields), moments, 1 + len(fields)


def _user_id(data: dict) -> int | None:
    try:
        return int(data[SESSION_KEY])
    except (KeyError, TypeError, ValueError):
        return None


class SessionStore(db.SessionStore):
    _user = None  # the person of the session row as read with it (a User with its roles), or None

    @classmethod
    def get_model_class(cls):
        from inspraak.accounts.models import LoginSession

        return LoginSession

    def create_model_instance(self, data):
        """The row to save, with the person logged in (or none) beside the signed data."""
        instance = super().create_model_instance(data)
        instance.user_id = _user_id(data)
        return instance

    def _get_session_from_db(self):
        """The unexpired session row (only its data), or None (then, as Django does, the key is dropped); the
        person it names, with their roles, is kept for ``user_for``. One query."""
        from inspraak.accounts.models import User
        from inspraak.accounts.roles import remember_roles

        sql, names, moments, roles_at = _load_sql()
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, now])
            rows = cursor.fetchall()
        self._user = None
        if not rows:
            self._session_key = None
            return None
        first = rows[0]
        if first[1] is not None:  # the person's id: a session before login names nobody
            values = [read_moment(v) if i in moments else v for i, v in enumerate(first[1:roles_at])]
            self._user = User.from_db(connection.alias, names, values)
            remember_roles(self._user, [row[roles_at:] for row in rows if row[roles_at] is not None])
        return self.model(session_key=self.session_key, session_data=first[0])

    def flush(self):
        """Logout (or a login as someone else): the person read with the old row goes with it."""
        self._user = None
        super().flush()

    def user_for(self, user_id: int):
        """The person this store read with its session row, if that is ``user_id``; else None."""
        user = self._user
        return user if user is not None and user.pk == user_id else None
