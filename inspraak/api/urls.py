"""URLs of the open data API, included at ``api/v1/`` (config/urls.py).

Every view of the NinjaAPI is wrapped by ``api_view``: the ``API-Version`` header on every answer, CORS for public
answers (and the OPTIONS preflight), HEAD like GET, a 405 as problem+json, and public caching of a public 200. An
unknown path under ``/api/v1/`` is a problem+json 404 as well (``not_found``, last)."""

from django.urls import URLPattern, path

from inspraak.api import views
from inspraak.api.api import api
from inspraak.api.views import api_view

app_name = "api"


def _wrapped(pattern: URLPattern) -> URLPattern:
    if pattern.name == "api-root":
        callback = views.root
    elif pattern.name == "openapi-json":
        callback = views.openapi_json  # the generated document, once per process
    else:
        callback = api_view(pattern.callback)
    return URLPattern(pattern.pattern, callback, pattern.default_args, pattern.name)


urlpatterns = [
    path("documentatie", views.documentation, name="documentation"),
    *(_wrapped(pattern) for pattern in api.urls[0]),
    path("<path:rest>", views.not_found, name="not_found"),
]
