"""Settings for ``make bench``: the real (production-like) settings, with static files read straight from the
source folders, so the benchmark works from a fresh clone after ``make install`` without ``collectstatic``."""

from config.settings import *  # noqa: F403
from config.settings import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
