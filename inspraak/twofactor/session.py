"""Whether this login session has passed the second factor (django-otp keeps the device in the session)."""

from __future__ import annotations

import django_otp


def passed(request) -> bool:
    """True when the person typed a valid code in this session (OTPMiddleware checks the device still exists)."""
    user = getattr(request, "user", None)
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def mark_passed(request, device) -> None:
    """Remember the device in the session, under a new session key (no session fixation across the step)."""
    request.session.cycle_key()
    django_otp.login(request, device)
