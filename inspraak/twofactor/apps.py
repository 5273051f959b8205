from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwoFactorConfig(AppConfig):
    name = "inspraak.twofactor"
    label = "twofactor"
    verbose_name = _("Tweede stap bij inloggen")

    def ready(self) -> None:
        from inspraak.twofactor import privacy

        privacy.register_part()
