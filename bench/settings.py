"""Settings for ``make bench``: the real (production-like) settings, with static files read straight from the
source folders, so the benchmark works from a fresh clone after ``make install`` without ``collectstatic``, and the
bench URLconf (the application plus the bare view at ``/__bare__/``, bench/bare.py).

BENCH_TEST_DB_NAME names the separate database the bench creates on a database server (default ``test_<name>``),
so two benches can run on one server at the same time."""

import os

from config.settings import *  # noqa: F403
from config.settings import DATABASES, STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
ROOT_URLCONF = "bench.urls"
if os.environ.get("BENCH_TEST_DB_NAME"):
    DATABASES["default"]["TEST"] = {**DATABASES["default"].get("TEST", {}), "NAME": os.environ["BENCH_TEST_DB_NAME"]}
