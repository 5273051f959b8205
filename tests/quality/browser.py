"""Helpers for real-browser checks (Playwright sync API): axe-core, CSP violations, page weight, foreign hosts."""

from __future__ import annotations

import functools
import gzip
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BUDGET_BYTES = 60 * 1024  # first load, compressed: HTML + CSS + JS + images + fonts

# Runs before any script of the page (a DevTools init script, not subject to the page's CSP): records every
# Content-Security-Policy violation, e.g. an inline style="" or <script> the strict policy blocks.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} `
    + `(${e.sourceFile || "page"}:${e.lineNumber}) ${e.sample || ""}`);
});
"""


def axe_violations(page, *, inject: bool | str = True) -> list[str]:
    """Runs axe-core on the page; one readable line per rule (id, impact, help, target selectors).

    ``inject=True`` adds axe as an inline script: the context needs ``bypass_csp=True``. ``inject="evaluate"``
    evaluates it through the DevTools protocol instead, which the page's CSP does not block. ``inject=False`` runs
    it again on a page it is already on (after a viewport change, or a click).

    It waits for the page's load event first: after a click that submits a form, the new document is there before
    its stylesheet applied, and axe would judge the unstyled page (e.g. target-size on every link).
    """
    page.wait_for_load_state("load")
    if inject == "evaluate":
        page.evaluate(_axe_source())
    elif inject:
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("o => axe.run(document, o)", {"runOnly": {"type": "tag", "values": AXE_TAGS}})
    lines = []
    for violation in result["violations"]:
        targets = [", ".join(map(str, node["target"])) for node in violation["nodes"]]
        shown = "; ".join(targets[:5]) + (f" (+{len(targets) - 5} more)" if len(targets) > 5 else "")
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}\n    at {shown}")
    return lines


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def page_width(page) -> int:
    """The page's full width in CSS pixels, measured after the stylesheet applied.

    A click that submits a form returns once the new page's document is there, before its stylesheet loaded;
    measured then, the unstyled page is as wide as its longest unbroken line and the test fails now and then.
    """
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollWidth")


def assert_accessible(page, label: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe-core violations on {label}:\n" + "\n".join(violations)


def csp_violations(page) -> list[str]:
    """Violations recorded by CSP_RECORDER (add it with ``context.add_init_script(CSP_RECORDER)``)."""
    return page.evaluate("window.__cspViolations || []")


@dataclass
class Traffic:
    """Every response a page received, with its body (decoded, as the browser saw it)."""

    responses: list[tuple[str, str, bytes]] = field(default_factory=list)  # (url, resource type, body)
    requests: list[str] = field(default_factory=list)  # every URL asked for, also the failed and aborted ones

    def attach(self, page) -> Traffic:
        page.on("request", self._request)
        page.on("response", self._record)
        return self

    def detach(self, page) -> None:
        page.remove_listener("request", self._request)
        page.remove_listener("response", self._record)

    def _request(self, request) -> None:
        self.requests.append(request.url)

    def _record(self, response) -> None:
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            body = b""
        self.responses.append((response.url, response.request.resource_type, body))

    def foreign(self, live_server_url: str) -> list[str]:
        host = urlparse(live_server_url).netloc
        own = ("data", "blob", "about")
        return [url for url in self.requests if urlparse(url).scheme not in own and urlparse(url).netloc != host]

    def compressed_size(self) -> int:
        return sum(len(gzip.compress(body, 9)) for _, _, body in self.responses if body)

    def breakdown(self) -> str:
        rows = sorted(((len(gzip.compress(b, 9)), kind, url) for url, kind, b in self.responses if b), reverse=True)
        return "\n".join(f"  {size:>7} B  {kind:<10} {url}" for size, kind, url in rows)
