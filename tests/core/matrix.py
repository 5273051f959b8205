from django.utils import timezone

from inspraak.audit.models import AuditEvent
from inspraak.core.models import OutgoingEmail
from tests.matrix import DIFFERS, LOGGED_IN, PUBLIC, ViewCase, allow


def _region(w):
    return {"region": w.region.slug}


def _failed_email(w):
    email, _created = OutgoingEmail.objects.get_or_create(
        to="lid@example.org",
        subject="Uitnodiging",
        body="Tekst",
        region=w.region,
        defaults={"status": "failed", "attempts": 8, "last_error": "SMTP 550", "next_attempt_at": timezone.now()},
    )
    return {**_region(w), "pk": email.pk}


def _with_failed_email(w):
    _failed_email(w)
    return _region(w)


def _deliveries(w):
    return list(OutgoingEmail.objects.values_list("pk", "status").order_by("pk")), AuditEvent.objects.count()


CASES = [
    ViewCase("core:home", PUBLIC),
    ViewCase("core:accessibility", PUBLIC),
    ViewCase("core:privacy", PUBLIC),
    ViewCase("core:dashboard", LOGGED_IN),
    ViewCase("core:email_failures", allow("admin"), _with_failed_email, secret=lambda w: "l***@example.org"),
    ViewCase("core:email_retry", allow("admin"), _failed_email, method="post", unchanged=_deliveries, changed=DIFFERS),
]
