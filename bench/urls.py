"""URLs for ``make bench``: the application's URLs plus the bare view (bench/bare.py) at ``/__bare__/``."""

from django.urls import path

from bench.bare import BARE_PATH, bare
from config.urls import handler400, handler403, handler404, handler500
from config.urls import urlpatterns as app_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]

urlpatterns = [path(BARE_PATH.strip("/") + "/", bare, name="bench_bare"), *app_urlpatterns]
