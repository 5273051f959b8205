from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "inspraak.recruitment"
    verbose_name = _("Werving")

    def ready(self) -> None:
        # Our part of a person's data export and erasure (AVG art. 15 and 17).
        from inspraak.core import privacy_registry as registry
        from inspraak.recruitment import selectors, services
        from inspraak.recruitment.privacy import LABELS

        registry.register(
            "recruitment",
            title=_("Aanmeldingen"),
            exporter=services.export_for_user,
            eraser=services.erase_for_user,
            regions=selectors.application_region_ids,
            labels=LABELS,
            order=20,
            models=("recruitment.Application",),
        )
