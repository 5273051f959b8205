from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "inspraak.recruitment"
    verbose_name = _("Werving")
