from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviceConfig(AppConfig):
    name = "inspraak.advice"
    verbose_name = _("Adviezen")

    def ready(self):
        from inspraak.advice.selectors import proposal_has_advice
        from inspraak.advice.services import asked_body_ids, body_moved
        from inspraak.policy.selectors import ADVICE_GIVEN
        from inspraak.policy.services import CONCERN_LOCKS
        from inspraak.regions.services import BODY_MOVED

        # A body that was asked for advice stays concerned by the proposal (policy cannot see the requests).
        if asked_body_ids not in CONCERN_LOCKS:
            CONCERN_LOCKS.append(asked_body_ids)
        # Deciding a proposal none of whose bodies sent advice needs the officer's confirmation (policy.services).
        if proposal_has_advice not in ADVICE_GIVEN:
            ADVICE_GIVEN.append(proposal_has_advice)
        # The advice of a body that moved to another municipality (or to the whole region) moves with it.
        if body_moved not in BODY_MOVED:
            BODY_MOVED.append(body_moved)
