import os
import shutil

import pytest
from django.test import Client

# Playwright's sync API runs an event loop in the test thread; Django would refuse DB access from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: the world's region keeps its number from test to test while its data
    changes (factories write no audit rows, so inspraak.audit.cache would not see the change)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def smsoutbox():
    """Text messages the test backend sent (inspraak.core.sms.LocmemBackend), empty at the start of every test."""
    from inspraak.core import sms

    sms.outbox.clear()
    return sms.outbox


@pytest.fixture(autouse=True)
def _force_login_passes_second_factor(request, monkeypatch):
    """``client.force_login(user)`` logs in completely: it counts as a passed second factor (ADR 0010).

    Tests of the second factor itself use ``@pytest.mark.second_factor`` to switch this off. Logins through the
    login forms are never helped: they meet the real second step.
    """
    if request.node.get_closest_marker("second_factor"):
        return
    from inspraak.twofactor import session

    forced: set[str] = set()
    force_login = Client.force_login
    passed = session.passed

    def force_login_and_remember(self, user, backend=None):
        force_login(self, user, backend)
        forced.add(self.session.session_key)

    monkeypatch.setattr(Client, "force_login", force_login_and_remember)
    monkeypatch.setattr(session, "passed", lambda req: req.session.session_key in forced or passed(req))


# ---------------------------------------------------------------- the test world, built once per module
def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


def _uses_db(item) -> bool:
    db_fixtures = {"db", "transactional_db", "live_server", "world"}
    return item.get_closest_marker("django_db") is not None or bool(db_fixtures & set(item.fixturenames))


@pytest.fixture(scope="module", autouse=True)
def _module_world(request, tmp_path_factory):
    """The world of this module, built once inside an outer transaction that is rolled back after the module.

    Only for a module whose database tests all use ``world`` and none of which is transactional (a live server or
    ``transaction=True`` must see committed rows; a test without the world must not find it), so other modules build
    the world for every test. Every test
    runs in its own savepoint inside the outer transaction (pytest-django's ``db``), so what one test writes is
    gone for the next. Data sets a module lists in ``WORLD_DATA`` (builders such as ``tests.agenda.data.agenda``)
    are built here too, once.
    """
    items = [item for item in request.session.items if item.module is request.module]
    with_db = [item for item in items if _uses_db(item)]
    if not with_db or any(_is_transactional(i) or "world" not in i.fixturenames for i in with_db):
        yield None  # a test without the world must not find it in the database either
        return
    import time_machine
    from django.db import connections, transaction
    from django.test import override_settings

    from tests.world import NOW, build_world

    request.getfixturevalue("django_db_setup")
    blocker = request.getfixturevalue("django_db_blocker")
    media = tmp_path_factory.mktemp("world-media")
    with blocker.unblock():
        atomics = {alias: transaction.atomic(using=alias) for alias in connections}
        for atomic in atomics.values():
            atomic.__enter__()
        try:
            with override_settings(MEDIA_ROOT=media), time_machine.travel(NOW, tick=False):
                world = build_world()
                for builder in getattr(request.module, "WORLD_DATA", ()):
                    builder(world)
            yield world, media
        finally:
            for alias, atomic in atomics.items():
                transaction.set_rollback(True, using=alias)
                atomic.__exit__(None, None, None)


@pytest.fixture
def world(request, _module_world, db, settings):
    """The standard world (tests/world.py) with the clock frozen at ``tests.world.NOW`` (ticking)."""
    import copy

    import time_machine

    from tests.world import NOW, build_world

    with time_machine.travel(NOW, tick=True):
        if _module_world is None:
            yield build_world()
            return
        world, media = _module_world
        # Python objects must not carry one test's changes into the next: every test gets its own copy (as
        # Django's TestCase.setUpTestData does), and its own copy of the files.
        shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
        yield copy.deepcopy(world)


# ---------------------------------------------------------------- real browser (Playwright + Chromium)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--lang=nl",
]


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as pw:
        launch = {"args": CHROMIUM_ARGS, "headless": True}
        if path:
            launch["executable_path"] = path
        browser = pw.chromium.launch(**launch)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser, live_server):
    contexts = []

    def make(user=None, **options):
        options.setdefault("locale", "nl-NL")
        options.setdefault("bypass_csp", True)  # lets axe-core be injected; CSP itself is tested separately
        context = browser.new_context(base_url=live_server.url, **options)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies["sessionid"]
            context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
