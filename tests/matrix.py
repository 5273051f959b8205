"""The role x view permission matrix: the contract every view is checked against.

Each app declares its views in ``tests/<app>/matrix.py`` as ``CASES = [ViewCase(...), ...]``.
tests/test_role_matrix.py collects them all, runs every case for every actor in tests.world.ACTORS,
and fails when a URL name of the project has no case (so a new view cannot skip the matrix).

Rules it enforces:
- an allowed actor gets a success (2xx, or 3xx for a POST that redirects after success);
- a denied logged-in actor gets 403 or 404, and a denied anonymous visitor 403, 404 or a redirect to login;
- a denied response never contains ``secret(world)`` (data must not leak in an error page);
- a denied POST changes nothing: ``unchanged(world)`` returns the same value before and after.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.world import ACTORS, World

PUBLIC = frozenset(ACTORS)
LOGGED_IN = frozenset(a for a in ACTORS if a != "anonymous")


@dataclass(frozen=True)
class ViewCase:
    url_name: str  # e.g. "regions:body_edit"
    allowed: frozenset[str]  # actors from tests.world.ACTORS that may use it
    kwargs: Callable[[World], dict] = lambda w: {}
    method: str = "get"
    data: Callable[[World], dict] = lambda w: {}
    secret: Callable[[World], str] | None = None
    unchanged: Callable[[World], object] | None = None
    id: str = ""  # extra id when one URL has several cases (e.g. GET and POST)
    query: dict = field(default_factory=dict)
    html: bool = True  # False for JSON endpoints: left out of the HTML, axe and weight checks
    redirects: bool = False  # True for a former URL that answers with a (permanent) redirect to its new place

    @property
    def test_id(self) -> str:
        return f"{self.url_name}:{self.method}{'-' + self.id if self.id else ''}"


def allow(*actors: str) -> frozenset[str]:
    unknown = set(actors) - set(ACTORS)
    if unknown:
        raise ValueError(f"Unknown actors: {unknown}")
    return frozenset(actors)


def all_cases() -> list[ViewCase]:
    """Every ViewCase of the project: ``CASES`` of each ``tests/<app>/matrix.py``, in a stable order."""
    import importlib
    import pkgutil
    from pathlib import Path

    cases: list[ViewCase] = []
    tests_dir = Path(__file__).parent
    for module in sorted(pkgutil.iter_modules([str(tests_dir)]), key=lambda m: m.name):
        if module.ispkg and (tests_dir / module.name / "matrix.py").exists():
            cases.extend(importlib.import_module(f"tests.{module.name}.matrix").CASES)
    return cases
