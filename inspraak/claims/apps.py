from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    name = "inspraak.claims"
    verbose_name = _("Onkosten")

    def ready(self) -> None:
        # Our part of a person's data export and erasure (AVG art. 15 and 17).
        from inspraak.claims.privacy import register_part

        register_part()
