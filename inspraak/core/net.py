"""The client's internet address, as far as this site can trust it.

Behind ``PROXY_COUNT`` reverse proxies every proxy appends the address it received the request from to
``X-Forwarded-For``; anything to the left of those entries was written by the client and may be forged. So the
client is the ``PROXY_COUNT``-th entry from the right. Without proxies (``PROXY_COUNT=0``) it is ``REMOTE_ADDR``.

Used by django-axes (``AXES_CLIENT_IP_CALLABLE``) and by every rate limit (inspraak.core.ratelimit).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings

# IPv6 addresses are grouped per /64: one connection (home, phone, library) usually gets a whole /64, so counting
# single addresses would let one visitor step around every limit.
IPV6_PREFIX = 64


def _normalized(value: str) -> str | None:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, IPV6_PREFIX), strict=False).network_address)
    return str(address)


def client_ip(request) -> str | None:
    """The address to count a request against (an IPv6 address is cut to its /64 network).

    A missing, too short or malformed ``X-Forwarded-For`` falls back to ``REMOTE_ADDR``: the proxy's own address,
    which a client cannot forge. (That only happens when the request did not pass the configured proxies.)
    """
    remote = _normalized(request.META.get("REMOTE_ADDR") or "")
    count = getattr(settings, "PROXY_COUNT", 0)
    if count <= 0:
        return remote
    entries = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(entries) < count or not entries[-count]:
        return remote
    return _normalized(entries[-count]) or remote
