from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualReportsConfig(AppConfig):
    name = "inspraak.annualreports"
    verbose_name = _("Jaarverslagen")

    def ready(self):
        from inspraak.annualreports.labels import ACTION_LABELS
        from inspraak.audit import labels

        labels.ACTION_LABELS.update(ACTION_LABELS)
