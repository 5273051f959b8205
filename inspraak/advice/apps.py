from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviceConfig(AppConfig):
    name = "inspraak.advice"
    verbose_name = _("Adviezen")

    def ready(self):
        from inspraak.advice.services import asked_body_ids
        from inspraak.policy.services import CONCERN_LOCKS

        # A body that was asked for advice stays concerned by the proposal (policy cannot see the requests).
        if asked_body_ids not in CONCERN_LOCKS:
            CONCERN_LOCKS.append(asked_body_ids)
