"""Runs every ViewCase from tests/*/matrix.py for every actor, and checks every URL name has a case."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.matrix import ViewCase
from tests.world import ACTORS

OUR_NAMESPACES = {"core", "accounts", "regions", "audit"}
TESTS_DIR = Path(tests.__file__).parent


def _collect_cases() -> list[ViewCase]:
    cases: list[ViewCase] = []
    for module in pkgutil.iter_modules([str(TESTS_DIR)]):
        if not module.ispkg:
            continue
        try:
            matrix = importlib.import_module(f"tests.{module.name}.matrix")
        except ModuleNotFoundError:
            continue
        cases.extend(matrix.CASES)
    return cases


CASES = _collect_cases()


def _url_names(resolver=None, namespace: str | None = None) -> set[str]:
    names: set[str] = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            names |= _url_names(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name and namespace in OUR_NAMESPACES:
            names.add(f"{namespace}:{pattern.name}")
    return names


def test_every_url_name_has_a_matrix_case():
    covered = {case.url_name for case in CASES}
    missing = sorted(_url_names() - covered)
    assert not missing, f"URL names without a ViewCase in tests/<app>/matrix.py: {missing}"


def test_matrix_cases_are_unique():
    ids = [case.test_id for case in CASES]
    assert len(ids) == len(set(ids)), "Two ViewCases share url_name, method and id"


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.test_id)
def test_role_matrix(case: ViewCase, actor: str, world, client):
    user = world.user(actor)
    if user is not None:
        client.force_login(user)
    url = reverse(case.url_name, kwargs=case.kwargs(world))
    before = case.unchanged(world) if case.unchanged else None
    if case.method == "post":
        response = client.post(url, data=case.data(world), query_params=case.query or None)
    else:
        response = client.get(url, query_params=case.query or None)
    status = response.status_code

    if actor in case.allowed:
        ok = 200 <= status < 300 or (case.method == "post" and status in (301, 302, 303))
        assert ok, f"{actor} should be allowed on {case.test_id}, got {status}"
        return

    denied = status in (403, 404) or (actor == "anonymous" and _is_login_redirect(response))
    assert denied, f"{actor} must be refused on {case.test_id}, got {status}"
    if case.secret and hasattr(response, "content"):
        secret = case.secret(world)
        assert secret not in response.content.decode(), f"{case.test_id} leaks data to {actor}"
    if case.unchanged:
        assert case.unchanged(world) == before, f"{case.test_id}: a refused {actor} changed data"
