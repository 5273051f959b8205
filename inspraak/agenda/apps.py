from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "inspraak.agenda"
    verbose_name = _("Agenda en stukken")

    def ready(self):
        from inspraak.agenda.services import topic_on_agenda_with_item
        from inspraak.topics.services import AGENDA_STEPS

        # "Op de agenda" on a topic also puts the item on the meeting's agenda (topics cannot import agenda).
        if topic_on_agenda_with_item not in AGENDA_STEPS:
            AGENDA_STEPS.append(topic_on_agenda_with_item)
