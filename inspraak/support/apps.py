from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "inspraak.support"
    verbose_name = _("Ondersteuning")

    def ready(self) -> None:
        # Staff records: who last changed a scheme, a cap or a budget line, who entered a cost. Nothing else about
        # the person (AVG: listed in docs/privacy.md).
        from inspraak.core import privacy_registry as registry

        for label in ("support.SupportScheme", "support.VolunteerCap", "support.BudgetLine", "support.BudgetCost"):
            registry.cover(label, reason="who last changed or entered it (staff), nothing else about the person")
