from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "inspraak.regions"
    verbose_name = _("Regio's, gemeenten en groepen")

    def ready(self) -> None:
        from inspraak.regions import changes

        changes.connect()
