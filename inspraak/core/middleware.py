"""Site-wide middleware: the chosen language, and the headers of private pages and files."""

from __future__ import annotations

import time

from django.conf import settings
from django.http import FileResponse
from django.utils import translation


class ChosenLanguageMiddleware:
    """Language: Dutch unless the person chose another language with the switch in the footer.

    Django's LocaleMiddleware also follows the browser's Accept-Language header. Many clients use a phone set to
    English while they read Dutch best, so we ignore that header and only honour an explicit choice (the cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


# Sessions are renewed at most this often while the person is active (each renewal is one database write).
SESSION_RENEW_SECONDS = 60
_SEEN_KEY = "_inspraak_seen"


def _is_file(response) -> bool:
    """An uploaded or generated file (PDF, document, calendar, export), not one of our own HTML pages (a document
    shown as a page has a Content-Disposition too, and needs the site's styles)."""
    if isinstance(response, FileResponse):
        return True
    content_type = response.headers.get("Content-Type", "")
    return "Content-Disposition" in response.headers and not content_type.startswith("text/html")


def session_seen_at_login(sender, request, user, **kwargs) -> None:
    """Start the idle clock at login, so the first pages after it need no extra session write."""
    if getattr(request, "session", None) is not None:
        request.session[_SEEN_KEY] = int(time.time())


class PrivateResponseMiddleware:
    """Headers that keep private pages private on shared computers, and files in a sandbox.

    - Every response to a logged-in person: ``Cache-Control: private, no-store``, so Back or the disk cache cannot
      show member details after logout. Anonymous visitors keep the public caching the views chose.
    - The session's idle time slides: while the person is active the session is written again about once a
      minute, so it ends ``SESSION_IDLE_MINUTES`` after the last request (and when the browser closes).
    - File downloads (uploaded documents, PDFs, calendars): a sandboxing Content-Security-Policy, so a file cannot
      run script or reach the site even when a browser shows it inline.
    - A Permissions-Policy that switches off camera, microphone, location and the like on every page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if "no-store" not in response.headers.get("Cache-Control", ""):  # a view's own no-store stays
                response.headers["Cache-Control"] = "private, no-store"
                response.headers.pop("Expires", None)
            self._keep_session_alive(request)
        if _is_file(response):
            response.headers["Content-Security-Policy"] = settings.FILE_RESPONSE_CSP
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    @staticmethod
    def _keep_session_alive(request) -> None:
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return
        now = int(time.time())
        if now - session.get(_SEEN_KEY, 0) >= SESSION_RENEW_SECONDS:
            session[_SEEN_KEY] = now  # marks the session modified: SessionMiddleware saves it with a new expiry
