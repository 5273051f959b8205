from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "inspraak.core"
    verbose_name = _("Basis")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from inspraak.core.middleware import session_seen_at_login

        user_logged_in.connect(session_seen_at_login, dispatch_uid="inspraak-session-seen")
