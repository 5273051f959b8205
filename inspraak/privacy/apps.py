from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "inspraak.privacy"
    verbose_name = _("Privacy: inzage en verwijderen")

    def ready(self) -> None:
        # The parts of accounts and members; other apps register their own part (see registry.py).
        from inspraak.privacy import contrib

        contrib.register_parts()
