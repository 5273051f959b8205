"""The client address behind trusted proxies: the PROXY_COUNT-th X-Forwarded-For entry from the right."""

import pytest
from django.test import RequestFactory

from inspraak.core.net import client_ip


def _request(xff=None, remote="127.0.0.1"):
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **meta)


def test_without_proxies_the_connecting_address_counts_and_the_header_is_ignored(settings):
    settings.PROXY_COUNT = 0
    assert client_ip(_request("198.51.100.7", remote="192.0.2.1")) == "192.0.2.1"


@pytest.mark.parametrize(
    ("count", "xff", "expected"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        # What the client wrote itself (left) is ignored: only the entry our proxy appended counts.
        (1, "1.2.3.4, 198.51.100.7", "198.51.100.7"),
        (1, "  203.0.113.9 ,198.51.100.7  ", "198.51.100.7"),
        (2, "1.2.3.4, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
    ],
)
def test_the_nth_entry_from_the_right_is_the_client(settings, count, xff, expected):
    settings.PROXY_COUNT = count
    assert client_ip(_request(xff)) == expected


@pytest.mark.parametrize("xff", [None, "", "niet-een-adres", "198.51.100.7, ", "198.51.100.7:4711", "1.2.3.4,,"])
def test_a_missing_or_malformed_header_falls_back_to_the_proxy_address(settings, xff):
    settings.PROXY_COUNT = 1
    assert client_ip(_request(xff)) == "127.0.0.1"


def test_a_header_shorter_than_the_proxy_count_falls_back(settings):
    settings.PROXY_COUNT = 2
    assert client_ip(_request("198.51.100.7")) == "127.0.0.1"


def test_ipv6_addresses_count_per_64_network(settings):
    settings.PROXY_COUNT = 1
    one = client_ip(_request("2001:db8:1:2:aaaa::1"))
    other = client_ip(_request("2001:db8:1:2:bbbb::9"))
    assert one == other == "2001:db8:1:2::"
    assert client_ip(_request("::ffff:198.51.100.7")) == "198.51.100.7"


def test_axes_uses_the_same_client_address(settings):
    from axes.helpers import get_client_ip_address

    settings.PROXY_COUNT = 1
    assert get_client_ip_address(_request("1.2.3.4, 198.51.100.7")) == "198.51.100.7"
