from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "inspraak.signals"
    verbose_name = _("Signalen")

    def ready(self) -> None:
        # Signals are aggregated numbers, never about a person: only who entered or linked them (staff) is kept.
        from inspraak.core import privacy_registry as registry

        registry.cover(
            "signals.SignalEntry", reason="who entered or imported a quarter's figures (staff), nothing else"
        )
        registry.cover("signals.SignalTopic", reason="who turned a signal into a topic (staff), nothing else")
