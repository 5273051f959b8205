import pytest
from django.core.cache import cache

# The Playwright fixtures of tests/browser, for the browser tests of this app (test_browser.py).
from tests.browser.conftest import browser, new_context  # noqa: F401


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.user("admin"))
    return client
