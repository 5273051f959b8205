"""Who is logged in: Django's AuthenticationMiddleware, with the person read together with the session row."""

from __future__ import annotations

from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
from django.utils.functional import SimpleLazyObject

from inspraak.accounts.sessions import reading_user_of


def get_user(request):
    """``django.contrib.auth.get_user`` (the session's person, its backend and password hash checked), while the
    login backends may take the person the session store read with its row (accounts.sessions): no query of its own
    for the person and their roles. Once per request, when something first asks for ``request.user``."""
    if not hasattr(request, "_cached_user"):
        with reading_user_of(request.session):
            request._cached_user = auth.get_user(request)
    return request._cached_user


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)  # its checks, and request.auser for async code
        request.user = SimpleLazyObject(lambda: get_user(request))
