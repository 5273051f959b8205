from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwoFactorConfig(AppConfig):
    name = "inspraak.twofactor"
    label = "twofactor"
    verbose_name = _("Tweede stap bij inloggen")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from inspraak.twofactor import privacy, session

        privacy.register_part()
        user_logged_in.connect(session.choice_at_login, dispatch_uid="inspraak-twofactor-chosen")
