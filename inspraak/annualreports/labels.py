"""Plain Dutch for the audit actions of annual reports (added to the audit log's labels in AppConfig.ready)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "annualreport.create": _("Jaarverslag gemaakt"),
    "annualreport.edit": _("Voorwoord of slot van jaarverslag gewijzigd"),
    "annualreport.publish": _("Jaarverslag gepubliceerd"),
    "annualreport.withdraw": _("Publicatie van jaarverslag ingetrokken"),
}
