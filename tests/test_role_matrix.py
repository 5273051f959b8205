"""Runs every ViewCase from tests/*/matrix.py for every actor, and checks every view of ours has a case.

The rules are documented in tests/matrix.py. The world (tests/world.py) and every app's data set are built once per
module and worker (tests/conftest.py); each test runs in its own savepoint and gets its own copy of the Python
objects, so a case that changes data cannot influence another case.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.advice.data import advice_data
from tests.agenda.data import agenda
from tests.annualreports.data import reports_data
from tests.bylaws.data import bylaw_data
from tests.claims.data import claims_data
from tests.compliance.data import compliance_data
from tests.consultations.data import consultation_data
from tests.consultations.data_answer import answer_data
from tests.consultations.data_build import build_data
from tests.letters.data import letters_data
from tests.matrix import LOGIN, ViewCase, all_cases, redirect_matches
from tests.meetings.data import upcoming
from tests.payments.data import payments_data
from tests.policy.data import policy
from tests.records.data import records
from tests.recruitment.data import recruitment
from tests.register.data import register_data
from tests.signals.data import signal_data
from tests.support.data import support_data
from tests.topics.data import client_topic
from tests.training.data import training_data
from tests.world import ACTORS

CASES = all_cases()
METHODS = ("get", "post")
# Built once with the world (tests/conftest.py), not in every one of the 2,000 tests.
WORLD_DATA = (
    upcoming,
    client_topic,
    agenda,
    advice_data,
    policy,
    records,
    recruitment,
    register_data,
    bylaw_data,
    signal_data,
    compliance_data,
    reports_data,
    letters_data,
    support_data,
    training_data,
    claims_data,
    payments_data,
    consultation_data,
    build_data,
    answer_data,
)


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
        unknown = (set(case.allowed) | set(case.refused)) - set(ACTORS)
        assert not unknown, f"{case.test_id}: unknown actors {unknown}"
        if case.method == "post" and case.allowed:
            assert callable(case.changed), f"{case.test_id}: an allowed POST declares its effect (changed=...)"
            assert case.no_effect_for <= case.allowed, (
                f"{case.test_id}: no_effect_for names actors that are not allowed"
            )
            if case.status is None or case.status in (302, 303):
                assert case.redirect, f"{case.test_id}: an allowed POST that redirects declares where to (redirect=...)"
        for actor, expected in case.refused.items():
            assert expected in (403, 404, LOGIN), f"{case.test_id}: {actor} refused with {expected!r}"
            assert actor not in case.allowed, f"{case.test_id}: {actor} is allowed and refused"


def _is_login_redirect(response) -> bool:
    return response.status_code in (302, 303) and response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.test_id)
def test_role_matrix(case: ViewCase, actor: str, world, client, django_capture_on_commit_callbacks):
    user = world.user(actor)
    if user is not None:
        client.force_login(user)
    url = reverse(case.url_name, kwargs=case.kwargs(world))
    query = case.query or None
    before = case.unchanged(world) if case.unchanged else None
    effect = case.method == "post" and actor in case.allowed and actor not in case.no_effect_for
    if effect:
        assert not case.changed(world), f"{case.test_id} as {actor}: its effect is there before the POST"
    if case.method == "post":
        # Work queued for after the commit (the emails of the outbox, tasks) runs too, as it would outside a test.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data=case.data(world), query_params=query)
    else:
        response = client.get(url, query_params=query)
    status = response.status_code
    where = f"{case.test_id} as {actor} ({case.method.upper()} {url})"

    if actor in case.allowed:
        if case.status is not None:
            assert status == case.status, f"{where}: should answer HTTP {case.status}, got HTTP {status}"
        elif case.method == "post":
            assert status in (302, 303), f"{where}: should redirect after doing its work, got HTTP {status}"
        else:
            assert status == 200, f"{where}: should be allowed, got HTTP {status}"
        if case.method == "post":
            answer = f"{where}: answered {status} {response.get('Location', '')}"
            if case.redirect is not None:
                expected_path = case.redirect(world)
                assert redirect_matches(response.get("Location", ""), expected_path), (
                    f"{answer}, expected a redirect to {expected_path}"
                )
            if effect:
                assert case.changed(world), f"{answer} but its effect is missing"
        return

    expected = case.expected_refusal(actor)
    if expected == LOGIN:
        assert _is_login_redirect(response), f"{where}: must redirect to the login page, got HTTP {status}"
    else:
        assert status == expected, f"{where}: must be refused with HTTP {expected}, got HTTP {status}"
    if case.secret:
        secret = case.secret(world)
        body = b"".join(response) if response.streaming else response.content
        assert secret.encode() not in body, f"{where}: the refusal shows {secret!r}"
    if case.unchanged:
        assert case.unchanged(world) == before, f"{where}: a refused request changed data"
