from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "inspraak.core"
    verbose_name = _("Basis")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from inspraak.core.middleware import session_seen_at_login

        user_logged_in.connect(session_seen_at_login, dispatch_uid="inspraak-session-seen")

        from django.db.backends.signals import connection_created

        from inspraak.core.dbtime import keep_prepared_statements

        connection_created.connect(keep_prepared_statements, dispatch_uid="inspraak-prepared-statements")

        # The outbox's part of a person's data export and erasure (AVG art. 15 and 17).
        from inspraak.core import outbox_privacy, privacy_registry

        privacy_registry.register(
            "outbox",
            title=_("E-mails aan u"),
            exporter=outbox_privacy.export_emails,
            eraser=outbox_privacy.erase_emails,
            regions=outbox_privacy.email_region_ids,
            labels=outbox_privacy.LABELS,
            order=90,
        )
        privacy_registry.register(
            "sms",
            title=_("Sms-berichten aan u"),
            exporter=outbox_privacy.export_sms,
            eraser=outbox_privacy.erase_sms,
            regions=outbox_privacy.sms_region_ids,
            labels=outbox_privacy.SMS_LABELS,
            order=90,
            models=["core.OutgoingSms"],
        )
