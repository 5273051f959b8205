"""Runs every ViewCase from tests/*/matrix.py for every actor, and checks every view of ours has a case.

The rules are documented in tests/matrix.py. The world (tests/world.py) is built fresh for every test, inside the
test's transaction, so a case that changes data cannot influence another case.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.matrix import ViewCase, all_cases
from tests.world import ACTORS

CASES = all_cases()
METHODS = ("get", "post")


def _our_views(resolver=None, namespace: str = "", prefix: str = "") -> tuple[set[str], set[str]]:
    """(named URL names, routes without a name) of every view defined in the inspraak package.

    Django's own views (admin, i18n's set_language, static files) are not ours and are left out.
    """
    named: set[str] = set()
    unnamed: set[str] = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = ":".join(part for part in (namespace, pattern.namespace) if part)
            sub_named, sub_unnamed = _our_views(pattern, ns, prefix + str(pattern.pattern))
            named |= sub_named
            unnamed |= sub_unnamed
        elif isinstance(pattern, URLPattern):
            if not getattr(pattern.callback, "__module__", "").startswith("inspraak."):
                continue
            if pattern.name:
                named.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
            else:
                unnamed.add(prefix + str(pattern.pattern))
    return named, unnamed


def test_every_view_has_a_matrix_case():
    named, unnamed = _our_views()
    assert named, "The URL walk found no views of the inspraak package"
    missing = sorted(named - {case.url_name for case in CASES})
    assert not missing, f"URL names without a ViewCase in tests/<app>/matrix.py: {missing}"
    assert not unnamed, f"Views without a URL name (the matrix cannot reach them): {sorted(unnamed)}"


def test_matrix_cases_are_well_formed():
    ids = [case.test_id for case in CASES]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"ViewCases that share url_name, method and id: {duplicates}"
    for case in CASES:
        assert case.method in METHODS, f"{case.test_id}: method must be one of {METHODS}"
        unknown = set(case.allowed) - set(ACTORS)
        assert not unknown, f"{case.test_id}: unknown actors {unknown}"


def _is_login_redirect(response) -> bool:
    return response.status_code in (302, 303) and response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.test_id)
def test_role_matrix(case: ViewCase, actor: str, world, client):
    user = world.user(actor)
    if user is not None:
        client.force_login(user)
    url = reverse(case.url_name, kwargs=case.kwargs(world))
    query = case.query or None
    before = case.unchanged(world) if case.unchanged else None
    if case.method == "post":
        response = client.post(url, data=case.data(world), query_params=query)
    else:
        response = client.get(url, query_params=query)
    status = response.status_code
    where = f"{case.test_id} as {actor} ({case.method.upper()} {url})"

    if actor in case.allowed:
        ok = 200 <= status < 300 or ((case.method == "post" or case.redirects) and 300 <= status < 400)
        assert ok, f"{where}: should be allowed, got HTTP {status}"
        return

    denied = status in (403, 404) or (actor == "anonymous" and _is_login_redirect(response))
    assert denied, f"{where}: must be refused (403/404, or login redirect for anonymous), got HTTP {status}"
    if case.secret:
        secret = case.secret(world)
        body = b"".join(response) if response.streaming else response.content
        assert secret.encode() not in body, f"{where}: the refusal shows {secret!r}"
    if case.unchanged:
        assert case.unchanged(world) == before, f"{where}: a refused request changed data"
