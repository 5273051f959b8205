"""An export (services.person_export) in readable Dutch: the same data as the JSON download, as a tree of labels
and formatted values for templates/privacy/_data.html."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspraak.core import privacy_registry as registry

# Keys that parts share; each part adds its own (register(labels=...)). An unknown key is shown as it is.
COMMON_LABELS = {
    "at": gettext_lazy("Wanneer"),
    "created_at": gettext_lazy("Gemaakt op"),
    "name": gettext_lazy("Naam"),
    "email": gettext_lazy("E-mailadres"),
    "status": gettext_lazy("Status"),
}


@dataclass
class Item:
    """One line: a label with a text, with nested fields (a record), or with a list of records."""

    label: str
    text: str = ""
    fields: list[Item] = field(default_factory=list)
    records: list[list[Item]] | None = None


@dataclass
class Section:
    name: str
    title: str
    fields: list[Item] = field(default_factory=list)
    records: list[list[Item]] | None = None


def text(value: Any) -> str:
    """A value as a person reads it: ja/nee, a Dutch date, a dash for nothing."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime.datetime):
        return date_filter(timezone.localtime(value) if timezone.is_aware(value) else value, "j F Y, H:i")
    if isinstance(value, datetime.date):
        return date_filter(value, "j F Y")
    return str(value)


def _label(key: str, labels: dict) -> str:
    return str(labels.get(key) or COMMON_LABELS.get(key) or key)


def _records(values: list, labels: dict) -> list[list[Item]]:
    return [_fields(v, labels) if isinstance(v, dict) else [Item(label="", text=text(v))] for v in values]


def _fields(data: dict, labels: dict) -> list[Item]:
    items = []
    for key, value in data.items():
        label = _label(key, labels)
        if isinstance(value, dict):
            items.append(Item(label=label, fields=_fields(value, labels)))
        elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
            items.append(Item(label=label, records=_records(value, labels)))
        elif isinstance(value, list):
            items.append(Item(label=label, text=", ".join(text(v) for v in value) if value else _("geen")))
        else:
            items.append(Item(label=label, text=text(value)))
    return items


def sections(export: dict) -> list[Section]:
    """The sections of ``export["sections"]`` in registry order, each with its title and Dutch labels."""
    result = []
    for name, data in export["sections"].items():
        try:
            part = registry.get(name)
            title, labels = str(part.title), part.labels
        except KeyError:
            title, labels = name, {}
        if isinstance(data, dict):
            result.append(Section(name=name, title=title, fields=_fields(data, labels)))
        else:
            result.append(Section(name=name, title=title, records=_records(list(data), labels)))
    return result
