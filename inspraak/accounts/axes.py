"""What django-axes stores as the "user name" of a failed login: a keyed hash, never the typed email address."""

from __future__ import annotations

from inspraak.accounts.tokens import keyed_hash


def hashed_username(request, credentials: dict | None) -> str | None:
    username = (credentials or {}).get("username")
    if not username:
        return None
    return "h:" + keyed_hash(str(username).strip().lower())[:32]
