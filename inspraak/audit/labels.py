"""Plain Dutch for audit actions. Unknown actions are shown as their code."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "region.create": _("Regio aangemaakt"),
    "region.update": _("Regio gewijzigd"),
    "municipality.create": _("Gemeente toegevoegd"),
    "municipality.update": _("Gemeente gewijzigd"),
    "municipality.delete": _("Gemeente verwijderd"),
    "body.create": _("Orgaan toegevoegd"),
    "body.update": _("Orgaan gewijzigd"),
    "body.delete": _("Orgaan verwijderd"),
    "person.create": _("Persoon toegevoegd"),
    "person.update": _("Persoon gewijzigd"),
    "person.deactivate": _("Persoon op non-actief gezet"),
    "role.grant": _("Rol gegeven"),
    "role.revoke": _("Rol afgenomen"),
    "login_code.issue": _("Inlogcode gemaakt"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
