"""Each app contributes its part of a person's data: how to export it (AVG art. 15) and how to erase it (art. 17).

An app registers its part once, for example from its ``AppConfig.ready()``::

    from inspraak.privacy.registry import register

    register(
        "recruitment",
        title=gettext_lazy("Aanmeldingen"),
        exporter=export_applications,  # (user) -> dict or list, JSON-serialisable with DjangoJSONEncoder
        eraser=erase_applications,  # (user) -> None; runs inside the erasure's transaction
        regions=application_region_ids,  # optional: (user) -> region ids this part holds data of
        labels={"motivation": gettext_lazy("Motivatie")},  # optional: Dutch labels for the keys, for the HTML page
    )

Registering the same name again replaces the part (idempotent). Exporters return only the person's own data:
never names or contact details of other people. Erasers write their own history and audit rows; the person who
carries the erasure out is ``acting_user()``. Parts are exported in ``order`` (low first) and erased in the
reverse order, so the account itself (order 0: name and email, which other parts may look people up by) goes
last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from inspraak.accounts.models import User


@dataclass(frozen=True)
class Part:
    name: str
    title: Any
    exporter: Callable[[User], dict | list]
    eraser: Callable[[User], None]
    regions: Callable[[User], Iterable[int]] | None = None
    labels: dict[str, Any] = field(default_factory=dict)
    order: int = 50


_parts: dict[str, Part] = {}
_actor: ContextVar[User | None] = ContextVar("privacy_erasure_actor", default=None)


def register(
    name: str,
    *,
    exporter: Callable[[User], dict | list],
    eraser: Callable[[User], None],
    title: Any = None,
    regions: Callable[[User], Iterable[int]] | None = None,
    labels: dict[str, Any] | None = None,
    order: int = 50,
) -> None:
    """Add (or replace) the part called ``name``."""
    _parts[name] = Part(
        name=name,
        title=title or name,
        exporter=exporter,
        eraser=eraser,
        regions=regions,
        labels=dict(labels or {}),
        order=order,
    )


def unregister(name: str) -> None:
    """Remove a part (tests)."""
    _parts.pop(name, None)


def parts() -> list[Part]:
    """Every part, in export order."""
    return sorted(_parts.values(), key=lambda part: part.order)


def get(name: str) -> Part:
    return _parts[name]


def export_person(user: User) -> dict[str, dict | list]:
    """Every registered part's data about ``user``: {part name: data}."""
    return {part.name: part.exporter(user) for part in parts()}


def data_region_ids(user: User) -> set[int]:
    """The regions in which any part holds data about ``user`` (for the permission checks)."""
    ids: set[int] = set()
    for part in parts():
        if part.regions is not None:
            ids.update(part.regions(user))
    return ids


def erase(user: User, *, by: User | None = None) -> None:
    """Run every part's eraser, the account last. Call it inside a transaction (services.person_erase does)."""
    token = _actor.set(by)
    try:
        for part in reversed(parts()):
            part.eraser(user)
    finally:
        _actor.reset(token)


def acting_user() -> User | None:
    """Inside an eraser: who carries the erasure out (for history and audit rows); otherwise None."""
    return _actor.get()
