from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualReportsConfig(AppConfig):
    name = "inspraak.annualreports"
    verbose_name = _("Jaarverslagen")
