from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "inspraak.records"
    verbose_name = _("Verslag, afspraken en terugkoppeling")
