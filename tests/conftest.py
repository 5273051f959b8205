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


@pytest.fixture
def world(db):
    from tests.world import build_world

    return build_world()


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
