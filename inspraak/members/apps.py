from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "inspraak.members"
    verbose_name = _("Leden")
