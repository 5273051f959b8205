from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "inspraak.letters"
    verbose_name = _("Brieven")

    def ready(self) -> None:
        # Our part of a person's data export and erasure (AVG art. 15 and 17).
        from inspraak.letters.privacy import register_part

        register_part()
