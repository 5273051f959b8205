"""Secrets for login links and printed login codes. Only keyed hashes are stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

# Crockford-like alphabet without look-alikes (no 0/O, 1/I/L, U): easy to read on paper and type on a phone.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS = 3
CODE_GROUP_SIZE = 4  # 12 characters from 30 symbols: about 59 bits


def keyed_hash(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def new_link_token() -> str:
    return secrets.token_urlsafe(32)


def new_login_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_SIZE))
    return "-".join(raw[i : i + CODE_GROUP_SIZE] for i in range(0, len(raw), CODE_GROUP_SIZE))


def normalize_code(typed: str) -> str:
    """Accept lower case, spaces and missing dashes. Returns "" when it cannot be a code."""
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum())
    if len(cleaned) != CODE_GROUPS * CODE_GROUP_SIZE:
        return ""
    return "-".join(cleaned[i : i + CODE_GROUP_SIZE] for i in range(0, len(cleaned), CODE_GROUP_SIZE))
