"""The second factor, enforced on every page for the people who need it (ADR 0010).

A beheerder (or the platform operator) who logged in with a password, link or code has not finished logging in
yet: every page sends them to the code step, or to set up an app when they have none. Only the pages of that step,
logging out and the language switch stay open. Other staff who switched the second step on carry a flag in their
session, set at login (no extra query per request), and meet the same step. Checking every page, rather than
marking beheerder views one by one, also covers pages a beheerder reaches through a body role they stand in for.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.middleware import OTPMiddleware

from inspraak.twofactor import permissions, selectors, session

# Views a person who still has to pass the second factor may use.
OPEN_VIEWS = frozenset({"twofactor:setup", "twofactor:verify", "accounts:logout", "set_language"})


class DeviceMiddleware(OTPMiddleware):
    """django-otp's ``OTPMiddleware`` (``request.user.otp_device``, ``is_verified()``), reading the session's device
    with SQL built once per device model instead of building the ORM query on every request of a person who passed
    the second step. Still read from the database on every request, and judged by django-otp itself: a removed
    device, one of another person or one no longer confirmed ends the second step at the next request."""

    def _device_from_persistent_id(self, persistent_id: str):
        return selectors.session_device(self._normalize_persistent_id(persistent_id))


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or session.passed(request):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        required = permissions.needs_second_factor(user)
        if not required and not (session.chosen(request) and permissions.may_choose_second_factor(user)):
            return None
        has_app = selectors.has_second_factor(user)
        if not required and not has_app:  # a chosen app was wiped (lost phone): the choice ends with it
            session.remember_choice(request, False)
            return None
        step = "twofactor:verify" if has_app else "twofactor:setup"
        url = reverse(step)
        if request.method == "GET":
            url = f"{url}?{urlencode({'next': request.get_full_path()})}"
        return redirect(url)
