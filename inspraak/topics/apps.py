from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    name = "inspraak.topics"
    verbose_name = _("Onderwerpen")
