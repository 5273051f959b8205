"""The WSGI entry point gunicorn serves."""

from __future__ import annotations

import gc


def test_loading_the_wsgi_application_freezes_what_loading_made_out_of_the_garbage_collectors_reach():
    import importlib

    import config.wsgi

    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    importlib.reload(config.wsgi)

    assert callable(config.wsgi.application)
    assert gc.get_freeze_count() > 10_000  # Django's and the project's modules, classes and settings
