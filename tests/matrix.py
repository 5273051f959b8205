"""The role x view permission matrix: the contract every view is checked against.

Each app declares its views in ``tests/<app>/matrix.py`` as ``CASES = [ViewCase(...), ...]``.
tests/test_role_matrix.py collects them all, runs every case for every actor in tests.world.ACTORS,
and fails when a URL name of the project has no case (so a new view cannot skip the matrix).

Rules it enforces:
- an allowed GET answers 200 (or the case's ``status``);
- an allowed POST shows its effect: it answers a redirect (or the case's ``status``) AND ``changed(world)`` is true
  afterwards and false before (``no_effect_for`` names allowed actors for whom there is nothing to do, such as
  logging out when not logged in). A form shown again with errors therefore fails the case. Every allowed POST must
  declare ``changed``, and one that redirects declares where to with ``redirect`` (the path of ``Location``; a
  trailing ``*`` makes it a prefix), so a redirect back to the form, to the login page or to a refusal page fails
  the case;
- a refusal is exact: 404 outside the actor's region (``OUTSIDE``: the other region's beheerder, and ``plain``, a
  logged-in user without roles), 403 inside it, and a redirect to the login page for an anonymous visitor. A URL
  without a region (or a view that answers otherwise on purpose) declares it in ``refused``, e.g.
  ``refused={"plain": 403}`` or ``refused=everyone(403)``;
- a denied response never contains ``secret(world)`` (data must not leak in an error page);
- a denied POST changes nothing: ``unchanged(world)`` returns the same value before and after.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.urls import reverse

from tests.world import ACTORS, World

PUBLIC = frozenset(ACTORS)
LOGGED_IN = frozenset(a for a in ACTORS if a != "anonymous")
OUTSIDE = frozenset({"plain", "other_region_admin"})  # logged in, but without any role in region A
LOGIN = "login"  # the refusal for an anonymous visitor: a redirect to the login page


def refusal(actor: str) -> int | str:
    """The default refusal of a region-scoped URL for ``actor``: login redirect, 404 outside, 403 inside."""
    if actor == "anonymous":
        return LOGIN
    return 404 if actor in OUTSIDE else 403


def everyone(expected: int | str, *, anonymous: int | str = LOGIN) -> dict[str, int | str]:
    """``refused=`` for a URL without a region: every logged-in actor gets ``expected``."""
    return {actor: (anonymous if actor == "anonymous" else expected) for actor in ACTORS}


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
    # An allowed POST's effect: a predicate that is false before and true afterwards (see the module docstring).
    changed: Callable[[World], object] | None = None
    no_effect_for: frozenset[str] = frozenset()  # allowed actors for whom the POST has nothing to do
    status: int | None = None  # the allowed answer when it is not the default (GET: 200, POST: a redirect)
    # An allowed POST's redirect target: the path of ``Location`` (query string left out), worked out after the POST
    # (so it can name the row the POST created). A value ending in ``*`` is a prefix (a target that differs by actor).
    redirect: Callable[[World], str] | None = None
    refused: dict[str, int | str] = field(default_factory=dict)  # per actor, when not refusal(actor)

    def expected_refusal(self, actor: str) -> int | str:
        return self.refused.get(actor, refusal(actor))

    @property
    def test_id(self) -> str:
        return f"{self.url_name}:{self.method}{'-' + self.id if self.id else ''}"


def redirect_matches(location: str, expected: str) -> bool:
    """Whether the path of ``location`` (query string left out) is ``expected``, or starts with it when it ends in *."""
    path = urlsplit(location).path
    if expected.endswith("*"):
        return path.startswith(expected[:-1])
    return path == expected


def to(url_name: str, kwargs: Callable[[World], dict] = lambda w: {}) -> Callable[[World], str]:
    """``redirect=`` to a named URL, e.g. ``redirect=to("meetings:detail", _meeting)``."""
    return lambda w: reverse(url_name, kwargs=kwargs(w))


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
