"""Pages travel compressed (issue 15): HTML is gzipped when the browser accepts it, with Django's BREACH padding."""

from __future__ import annotations

import gzip

from django.urls import reverse


def test_a_page_is_sent_gzipped_when_the_browser_accepts_it(client, world):
    url = reverse("regions:region", kwargs={"region": world.region.slug})
    plain = client.get(url)
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert world.region.name in html
    assert len(packed.content) < len(plain.content) / 2


def test_the_compressed_size_varies_so_a_secret_cannot_be_guessed_from_it(client, world):
    url = reverse("accounts:login")
    sizes = {len(client.get(url, HTTP_ACCEPT_ENCODING="gzip").content) for _ in range(8)}
    assert len(sizes) > 1
