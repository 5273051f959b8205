"""Short links for paper letters: ``inspraak.example/k`` and a code like ``K7M-4QP`` instead of a long address.

A code has 6 characters from an alphabet without the look-alikes 0/O, 1/I/L, so a member reading a printed letter
can type it on a cheap phone without mistakes; case, spaces and dashes do not matter. It is shown in groups of three
(``K7M-4QP``). One path always has the same code (``short_link``), so printing a letter twice gives the same code
and nothing already posted stops working. The code only leads to the page: that page does its own access checks.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction

from inspraak.core.models import ShortLink

# No 0, O, 1, I or L: they look alike on paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 6
MAX_LENGTH = 8
PREFIX = "/k/"


def new_code(length: int = LENGTH) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalize(typed: str) -> str:
    """The code as stored, from what a person typed: upper case, without spaces, dashes or dots. "" when it cannot
    be a code (a character outside the alphabet, or the wrong length)."""
    code = "".join(ch for ch in (typed or "").upper() if ch not in " -.\t_")
    if not LENGTH <= len(code) <= MAX_LENGTH or any(ch not in ALPHABET for ch in code):
        return ""
    return code


def grouped(code: str) -> str:
    """``K7M4QP`` as people read and type it: ``K7M-4QP``."""
    return "-".join(code[i : i + 3] for i in range(0, len(code), 3))


def short_link(path: str) -> ShortLink:
    """The short link of ``path`` (a path on this site, starting with "/"): the existing one, or a new one."""
    if not path.startswith("/") or path.startswith("//"):
        raise ValueError("a short link points to a path on this site")
    link = ShortLink.objects.filter(path=path).first()
    if link is not None:
        return link
    for _attempt in range(10):
        try:
            with transaction.atomic():  # a savepoint: a clash on code or path leaves the caller's transaction intact
                return ShortLink.objects.create(code=new_code(), path=path)
        except IntegrityError:
            link = ShortLink.objects.filter(path=path).first()
            if link is not None:  # made at the same moment by someone else
                return link
    raise RuntimeError("no free short code")


def short_url(link: ShortLink) -> str:
    """The absolute short address, as printed under the QR code: ``https://inspraak.example/k/K7M4QP``."""
    return f"{settings.SITE_URL}{PREFIX}{link.code}"


def short_host_path() -> str:
    """What a member types before the code: ``inspraak.example/k`` (no scheme, no trailing slash)."""
    host = settings.SITE_URL.split("://", 1)[-1].rstrip("/")
    return f"{host}{PREFIX.rstrip('/')}"


def resolve(typed: str) -> ShortLink | None:
    """The link for a typed code, or None when there is none."""
    code = normalize(typed)
    if not code:
        return None
    return ShortLink.objects.filter(code=code).first()
