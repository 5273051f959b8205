"""The login session store: Django's database sessions, with the read of every request written out once.

Every logged-in request reads its session row; built with the ORM each time that read cost several times its own
run in the database. The row is still read from the database on every request (no cache): a logout or an ended
session ends it in every worker at once. Writing, creating and deleting are Django's own."""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

# Standard SQL (PostgreSQL and SQLite); a renamed table or column fails every test that logs in.
_LOAD_SQL = 'SELECT "session_data" FROM "django_session" WHERE "session_key" = %s AND "expire_date" > %s'


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        """The unexpired session row (only its data), or None (then, as Django does, the key is dropped)."""
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_LOAD_SQL, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return Session(session_key=self.session_key, session_data=row[0])
