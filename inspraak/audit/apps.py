from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _email_retried(sender, *, email, by, **kwargs) -> None:
    """One audit row for every failed email a person sends again (core.outbox.retry)."""
    from inspraak.audit.services import audit_record

    audit_record(actor=by, action="email.retry", target=email, region=email.region)


class AuditConfig(AppConfig):
    name = "inspraak.audit"
    verbose_name = _("Logboek")

    def ready(self) -> None:
        from inspraak.core.signals import email_retried

        email_retried.connect(_email_retried, dispatch_uid="inspraak-audit-email-retry")
