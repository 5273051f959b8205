from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "inspraak.payments"
    verbose_name = _("Betalingen")

    def ready(self) -> None:
        # Our part of a person's data export and erasure (AVG art. 15 and 17).
        from inspraak.payments.privacy import register_part

        register_part()
