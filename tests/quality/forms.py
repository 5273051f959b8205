"""Post a form the way a browser would: read its fields from the page, change a few, send them.

``assert_second_save_refused`` plays the lost-update race of the security probe (M6): A and B open the same
edit form, A saves, B saves. B must be refused with the kind message, keep what B typed, and leave A's change
stored; B's second try (from the page B got back) then saves.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from html.parser import HTMLParser

STALE_TEXT = "Iemand anders heeft dit net opgeslagen. Uw wijzigingen zijn nog niet opgeslagen"


class _Forms(HTMLParser):
    """Every <form> on a page as a list of (name, value) pairs a browser would send (buttons left out)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._textarea: list | None = None
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append([])
        elif not self.forms:
            return
        elif tag == "input" and a.get("name") and "disabled" not in a:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.forms[-1].append((a["name"], a.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]
        elif tag == "select" and a.get("name"):
            self._select, self._options = a["name"], []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            value = self._textarea[1].removeprefix("\n")
            self.forms[-1].append((self._textarea[0], value))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = [v for v, selected in self._options if selected] or [v for v, _ in self._options[:1]]
            self.forms[-1].extend((self._select, v) for v in chosen)
            self._select = None


def form_data(response, marker: str = "version") -> dict[str, list[str]]:
    """The fields of the form on the page that has a field named ``marker`` (with or without prefix)."""
    assert response.status_code == 200, response.status_code
    parser = _Forms()
    parser.feed(response.content.decode())
    for pairs in parser.forms:
        if any(name == marker or name.endswith(f"-{marker}") for name, _ in pairs):
            data: dict[str, list[str]] = {}
            for name, value in pairs:
                data.setdefault(name, []).append(value)
            return data
    raise AssertionError(f"No form with a {marker!r} field on the page")


def assert_second_save_refused(
    client_a,
    client_b,
    url_a: str,
    *,
    change_a: dict[str, str],
    change_b: dict[str, str],
    stored: Callable[[], object],
    url_b: str | None = None,
) -> str:
    """Plays the race and checks every step; returns the page B got back (for extra checks)."""
    url_b = url_b or url_a
    before = stored()
    opened_a, opened_b = form_data(client_a.get(url_a)), form_data(client_b.get(url_b))
    saved_a = client_a.post(url_a, {**opened_a, **change_a})
    assert saved_a.status_code == 302, saved_a.content.decode()[:3000]
    after_a = stored()
    assert after_a != before, "A's save changed nothing: the test does not test anything"

    refused = client_b.post(url_b, {**opened_b, **change_b})
    page = refused.content.decode()
    assert refused.status_code == 200, refused.status_code
    assert STALE_TEXT in html.unescape(page)
    assert stored() == after_a, "B's stale save overwrote A's change"
    kept = form_data(refused)
    for name, value in change_b.items():
        assert kept[name] == [value], f"{name}: B's typed value is lost"

    saved_b = client_b.post(url_b, kept)
    assert saved_b.status_code == 302, saved_b.content.decode()[:3000]
    assert stored() != after_a, "B's second try was not saved"
    return page
