from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "inspraak.compliance"
    verbose_name = _("Art. 47 in beeld")
