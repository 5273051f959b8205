from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "inspraak.consultations"
    verbose_name = _("Raadplegingen")

    def ready(self) -> None:
        # A consultation's answers are anonymous by design (ADR 30): they hold no person. Only staff who made,
        # changed or moderated something are named, and a draft is tied to a one-time code, never to a person.
        from inspraak.core import privacy_registry as registry

        registry.cover("consultations.Consultation", reason="who made the consultation (staff), nothing else")
        registry.cover("consultations.ConsultationEvent", reason="who changed the consultation's status (staff)")
        registry.cover("consultations.CodeBatch", reason="who made a batch of codes (staff); codes name nobody")
        registry.cover("consultations.Finding", reason="who put a finding on an agenda (staff), nothing else")
