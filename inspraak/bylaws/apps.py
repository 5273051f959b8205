from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BylawsConfig(AppConfig):
    name = "inspraak.bylaws"
    verbose_name = _("Verordeningen")
