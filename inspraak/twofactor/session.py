"""Whether this login session has passed the second factor (django-otp keeps the device in the session)."""

from __future__ import annotations

import django_otp

# Set at login (and when switched on) for a person who chose the second step: their sessions then need it too.
# Deciding once per login keeps the device query off every request (ADR 0010).
CHOSEN_KEY = "twofactor_chosen"


def passed(request) -> bool:
    """True when the person typed a valid code in this session (OTPMiddleware checks the device still exists)."""
    user = getattr(request, "user", None)
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def mark_passed(request, device) -> None:
    """Remember the device in the session, under a new session key (no session fixation across the step)."""
    request.session.cycle_key()
    django_otp.login(request, device)


def chosen(request) -> bool:
    """True when this login session belongs to a person who switched the second step on for themselves."""
    return bool(request.session.get(CHOSEN_KEY))


def remember_choice(request, on: bool) -> None:
    if on:
        request.session[CHOSEN_KEY] = True
    else:
        request.session.pop(CHOSEN_KEY, None)


def choice_at_login(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: remember in the session whether this person chose the second step (one query, only
    for staff who may choose it)."""
    from inspraak.twofactor import permissions, selectors

    if request is not None and hasattr(request, "session") and permissions.may_choose_second_factor(user):
        remember_choice(request, selectors.has_second_factor(user))
