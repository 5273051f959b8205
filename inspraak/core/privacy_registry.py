"""Each app contributes its part of a person's data: how to export it (AVG art. 15) and how to erase it (art. 17).

It lives in core, the foundation, so every app can register its part without importing the privacy pages app (which
reads the parts: export, erasure, the person's page). An app registers its part once, for example from its
``AppConfig.ready()``::

    from inspraak.core.privacy_registry import register

    register(
        "recruitment",
        title=gettext_lazy("Aanmeldingen"),
        exporter=export_applications,  # (user) -> dict or list, JSON-serialisable with DjangoJSONEncoder
        eraser=erase_applications,  # (user) -> None; runs inside the erasure's transaction
        regions=application_region_ids,  # optional: (user) -> region ids this part holds data of
        labels={"motivation": gettext_lazy("Motivatie")},  # optional: Dutch labels for the keys, for the HTML page
    )

``models`` names the models (``"app_label.ModelName"``) whose rows about the person the part exports and erases.
Every model with a foreign key to the user model must be named by a part, or be declared with ``cover(label,
reason=...)``: a staff record that holds no personal data beyond the link to who did something (who wrote the
minutes, who recorded a response), kept on purpose. ``uncovered_user_models()`` lists the models that are neither;
tests/privacy fails on any.

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
    from django.contrib.auth.base_user import AbstractBaseUser as User


@dataclass(frozen=True)
class Part:
    name: str
    title: Any
    exporter: Callable[[User], dict | list]
    eraser: Callable[[User], None]
    regions: Callable[[User], Iterable[int]] | None = None
    labels: dict[str, Any] = field(default_factory=dict)
    order: int = 50
    models: tuple[str, ...] = ()


_parts: dict[str, Part] = {}
_covered: dict[str, str] = {}
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
    models: Iterable[str] = (),
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
        models=tuple(models),
    )


def cover(label: str, *, reason: str) -> None:
    """Declare that ``label``'s link to a user is not a part's business, and why (for example a staff record:
    who wrote it, nothing else about the person). Shown in docs/privacy.md; checked by tests/privacy."""
    _covered[label] = reason


def covered() -> dict[str, str]:
    """{model label: reason} of every model declared with cover()."""
    return dict(_covered)


def user_models() -> list[str]:
    """The label of every installed model with a foreign key (or one-to-one link) to the user model."""
    from django.apps import apps
    from django.conf import settings

    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    labels = []
    for model in apps.get_models():
        links = [
            f
            for f in model._meta.get_fields()
            if f.is_relation and not f.auto_created and f.related_model is user_model
        ]
        if links and model is not user_model:
            labels.append(model._meta.label)
    return sorted(labels)


def uncovered_user_models() -> list[str]:
    """Models with a link to a user that no part names and that were not declared with cover()."""
    named = {label for part in _parts.values() for label in part.models} | set(_covered)
    return [label for label in user_models() if label not in named]


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
