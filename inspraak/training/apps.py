from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "inspraak.training"
    verbose_name = _("Trainingen")

    def ready(self) -> None:
        # Our part of a person's data export and erasure (AVG art. 15 and 17).
        from inspraak.training.privacy import register_part

        register_part()
