"""The demo's SMS reminders (ADR 22): Kees Jansen, the panel member without email, gave a mobile number and told the
secretary on the phone that he wants an SMS before a meeting. Call ``demo_sms(panel)`` at the end of load_demo
(after the memberships exist); it can run again. With the console backend of ``make demo`` the reminders of
``manage.py send_meeting_reminders`` appear in the terminal."""

from __future__ import annotations

from inspraak.members import services as members
from inspraak.members.models import ConsentRecord, Membership, Status

KEES_MOBILE = "06 1234 5678"


def demo_sms(panel) -> None:
    membership = (
        Membership.objects.filter(body=panel, user__name="Kees Jansen")
        .exclude(status=Status.ENDED)
        .select_related("body", "body__region", "user")
        .first()
    )
    if membership is None or (membership.contact_phone == KEES_MOBILE and membership.sms_consent):
        return  # already done: a second load_demo changes nothing
    secretary = (
        Membership.objects.filter(body=panel, body_role="secretaris", status=Status.ACTIVE)
        .select_related("user")
        .first()
    )
    by = secretary.user if secretary else None
    members.membership_update(membership=membership, by=by, contact_phone=KEES_MOBILE)
    members.consent_set(
        membership=membership, kind=ConsentRecord.Kind.SMS, granted=True, source=ConsentRecord.Source.RECORDED, by=by
    )
