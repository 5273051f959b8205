"""The probe's H2 steps behind a simulated proxy (REMOTE_ADDR=127.0.0.1, PROXY_COUNT=1): strangers at other
addresses cannot lock a member out, and a flood of link requests does not silently stop other people's links."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from inspraak.accounts import services
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"
PASSWORD = "geheim-wachtwoord-123"


@pytest.fixture(autouse=True)
def _one_proxy(settings):
    settings.PROXY_COUNT = 1


def _post(client, name, data, xff, **kwargs):
    return client.post(reverse(name, **kwargs), data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=xff)


def test_code_guesses_from_other_addresses_do_not_lock_out_the_member(client):
    member = UserFactory(email=None)
    issued = services.login_code_issue(person=member, region=RegionFactory(), by=None)
    group = "AAAA" if not issued.code.startswith("AAAA") else "BBBB"
    answers = [
        _post(client, "accounts:code_login", {"code": f"{group}-BBBB-CCC{n}"}, f"198.51.100.{n}").status_code
        for n in range(2, 7)
    ]
    assert answers == [200] * 5
    assert _post(client, "accounts:code_login", {"code": issued.code}, "192.0.2.55").status_code == 302


def test_wrong_passwords_from_other_addresses_do_not_lock_out_the_beheerder(client):
    admin = UserFactory(email="beheerder@example.org")
    answers = [
        _post(client, "accounts:login", {"username": admin.email, "password": "fout"}, f"198.51.100.{n}").status_code
        for n in range(5)
    ]
    assert answers == [200] * 5
    # axes counted every failure under the client's address, not the proxy's.
    assert PROXY not in set(AccessAttempt.objects.values_list("ip_address", flat=True))
    assert AccessAttempt.objects.filter(ip_address="198.51.100.0").exists()
    response = _post(client, "accounts:login", {"username": admin.email, "password": PASSWORD}, "192.0.2.99")
    assert response.status_code == 302


def test_a_forged_left_entry_does_not_escape_the_lock(client):
    admin = UserFactory(email="beheerder@example.org")
    for n in range(5):
        # The client writes a new address on the left every time; the proxy appends the real one on the right.
        xff = f"10.9.9.{n}, 198.51.100.7"
        _post(client, "accounts:login", {"username": admin.email, "password": "fout"}, xff)
    response = _post(
        client, "accounts:login", {"username": admin.email, "password": PASSWORD}, "10.1.1.1, 198.51.100.7"
    )
    assert response.status_code == 429


def test_a_flood_of_link_requests_does_not_stop_other_peoples_links(client, monkeypatch):
    queued = []
    monkeypatch.setattr(services, "login_link_request_queue", lambda *, email: queued.append(email))
    for n in range(110):
        _post(client, "accounts:link_request", {"email": f"rommel{n}@example.org"}, f"198.51.{n // 50}.{n % 50}")
    response = _post(client, "accounts:link_request", {"email": "lid@example.org"}, "192.0.2.55")
    assert response.status_code == 200
    assert queued[-1] == "lid@example.org"
    assert len(queued) == 111
