"""Language: Dutch unless the person chose another language with the switch in the footer.

Django's LocaleMiddleware also follows the browser's Accept-Language header. Many clients use a phone set to
English while they read Dutch best, so we ignore that header and only honour an explicit choice (the cookie).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
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
