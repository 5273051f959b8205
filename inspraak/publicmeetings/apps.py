from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicmeetingsConfig(AppConfig):
    name = "inspraak.publicmeetings"
    verbose_name = _("Openbare bijeenkomsten")
