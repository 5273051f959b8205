"""The privacy parts of accounts and members: what Inspraak holds about a person there, and how it is erased.

Registered from PrivacyConfig.ready(), so the other apps stay untouched. Each exporter runs a fixed number of
queries and returns only the person's own data: no names, numbers or contact details of other people.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.core import privacy_registry as registry
from inspraak.privacy import activity

if TYPE_CHECKING:
    from inspraak.accounts.models import User

# What an erased account is called (stored as data, so not translated).
ERASED_NAME = "Verwijderde persoon"
# The end reason of every membership of an erased person.
ERASED_REASON = "Gegevens verwijderd op verzoek (AVG)"
# Memberships are ended before their contact data is cleared; an ended membership may have no contact route.
ERASED_CONTACT = ""

# ---------------------------------------------------------------- accounts


def export_account(user: User) -> dict:
    """Name, email, account status, roles, login credentials and open login sessions (times only, never hashes or
    keys) and own actions."""
    from inspraak.accounts.models import LoginSession, RoleAssignment
    from inspraak.audit.labels import action_label, type_label
    from inspraak.audit.models import AuditEvent

    roles = RoleAssignment.objects.filter(user=user).select_related("region", "municipality", "body")
    own_actions = AuditEvent.objects.filter(actor=user).only("at", "action", "target_type").order_by("at", "id")
    about = AuditEvent.objects.filter(target_type="user", target_id=str(user.pk)).only("at", "action")
    return {
        "name": user.name,
        "email": user.email,
        "pending_email": user.pending_email,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
        "has_password": user.has_usable_password(),
        "erased_at": user.erased_at,
        "roles": [
            {"role": r.get_role_display(), "scope": r.scope_label, "since": r.created_at}
            for r in roles.order_by("region__name", "role", "id")
        ],
        "login_links": [
            {"created_at": link.created_at, "expires_at": link.expires_at, "used_at": link.used_at}
            for link in user.login_links.order_by("created_at", "id")
        ],
        "login_codes": [
            {
                "created_at": code.created_at,
                "expires_at": code.expires_at,
                "revoked_at": code.revoked_at,
                "last_used_at": code.last_used_at,
            }
            for code in user.login_codes.order_by("created_at", "id")
        ],
        "login_sessions": [
            {"expires_at": expires}
            for expires in LoginSession.objects.filter(user=user)
            .order_by("expire_date")
            .values_list("expire_date", flat=True)
        ],
        "own_actions": [
            {"at": e.at, "action": action_label(e.action), "target_type": type_label(e.target_type)}
            for e in own_actions
        ],
        "actions_about_me": [{"at": e.at, "action": action_label(e.action)} for e in about.order_by("at", "id")],
    }


def account_region_ids(user: User) -> set[int]:
    from inspraak.accounts.models import RoleAssignment

    return set(RoleAssignment.objects.filter(user=user).values_list("region_id", flat=True))


def erase_account(user: User) -> None:
    """Roles away (audited), login links, codes and sessions deleted, name and email overwritten, no password, no
    access."""
    from inspraak.accounts import services as account_services
    from inspraak.accounts.models import LoginCode, LoginLink, LoginSession, RoleAssignment
    from inspraak.accounts.roles import forget_roles

    by = registry.acting_user()
    for assignment in RoleAssignment.objects.filter(user=user).select_related("user", "region", "municipality", "body"):
        account_services.role_revoke(assignment=assignment, by=by)
    LoginLink.objects.filter(user=user).delete()
    LoginCode.objects.filter(user=user).delete()
    LoginSession.objects.filter(user=user).delete()  # logged out everywhere at once
    activity.erase_admin_log(user)
    user.name = ERASED_NAME
    user.email = None
    user.pending_email = ""
    user.set_unusable_password()
    user.is_active = False
    user.erased_at = timezone.now()
    user.save(update_fields=["name", "email", "pending_email", "password", "is_active", "erased_at"])
    forget_roles(user)


ACCOUNT_LABELS = {
    "name": _("Naam"),
    "email": _("E-mailadres"),
    "pending_email": _("Nieuw e-mailadres, nog niet bevestigd"),
    "date_joined": _("Account gemaakt op"),
    "last_login": _("Laatst ingelogd op"),
    "is_active": _("Kan inloggen"),
    "has_password": _("Heeft een wachtwoord"),
    "erased_at": _("Gegevens verwijderd op"),
    "roles": _("Rollen"),
    "role": _("Rol"),
    "scope": _("Voor"),
    "since": _("Sinds"),
    "login_links": _("Inloglinks per e-mail"),
    "login_codes": _("Inlogcodes op papier"),
    "login_sessions": _("Open inlogsessies"),
    "created_at": _("Gemaakt op"),
    "expires_at": _("Werkt tot"),
    "used_at": _("Gebruikt op"),
    "revoked_at": _("Gestopt op"),
    "last_used_at": _("Laatst gebruikt op"),
    "own_actions": _("Wat u in Inspraak heeft gedaan (logboek)"),
    "actions_about_me": _("Wat anderen aan uw account hebben gedaan (logboek)"),
    "at": _("Wanneer"),
    "action": _("Wat"),
    "target_type": _("Bij"),
}

# ---------------------------------------------------------------- members


def _field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field that no longer exists is shown by its name
        return name


def export_memberships(user: User) -> list[dict]:
    """Every membership with its term, contact route, needs, consent (now and every statement) and history."""
    from inspraak.members.models import Membership

    rows = (
        Membership.objects.filter(user=user)
        .select_related("body", "body__region", "municipality")
        .prefetch_related("consents", "events")
        .order_by("term_start", "id")
    )
    return [
        {
            "body": m.body.name,
            "region": m.body.region.name,
            "body_role": m.get_body_role_display(),
            "category": m.get_category_display(),
            "municipality": m.municipality.name if m.municipality else None,
            "term_start": m.term_start,
            "term_end": m.term_end,
            "term_number": m.term_number,
            "status": m.get_status_display(),
            "invited_name": m.invited_name,
            "ended_on": m.ended_on,
            "end_reason": m.end_reason,
            "contact_email": m.contact_email,
            "contact_phone": m.contact_phone,
            "contact_address": m.contact_address,
            "under_27": m.under_27,
            "under_27_until": m.under_27_until,
            "needs": m.needs,
            "consent_named_to_members": m.consent_named_to_members,
            "consent_named_publicly": m.consent_named_publicly,
            "sms_consent": m.sms_consent,
            "created_at": m.created_at,
            "consent_records": [
                {"kind": c.get_kind_display(), "granted": c.granted, "at": c.at, "source": c.get_source_display()}
                for c in m.consents.all()
            ],
            "history": [
                {
                    "at": e.at,
                    "kind": e.get_kind_display(),
                    "from_status": e.get_from_status_display(),
                    "to_status": e.get_to_status_display(),
                    "changed_fields": [_field_label(Membership, name) for name in e.changed_fields],
                    "note": e.note,
                }
                for e in m.events.all()
            ],
        }
        for m in rows
    ]


def membership_region_ids(user: User) -> set[int]:
    from inspraak.members.models import Membership

    return set(Membership.objects.filter(user=user).values_list("body__region_id", flat=True))


CLEARED_MEMBERSHIP = {
    "contact_email": "",
    "contact_phone": "",
    "contact_address": ERASED_CONTACT,
    "under_27": False,
    "under_27_until": None,
    "needs_large_print": False,
    "needs_interpreter": False,
    "needs_childcare": False,
    "needs_accessible_venue": False,
    "needs_other": "",
}


def erase_memberships(user: User) -> None:
    """End open memberships, withdraw consent, clear contact route, needs, under-27 mark and free-text end reason.

    Through the members services, so status changes, consent and details land in the history and the audit log
    as usual. MembershipEvent and ConsentRecord rows stay: they hold no personal data.
    """
    from inspraak.audit.services import audit_record
    from inspraak.members import services as member_services
    from inspraak.members.models import ConsentRecord, Membership, MembershipEvent, Status

    by = registry.acting_user()
    today = timezone.localdate()
    consents = (
        (ConsentRecord.Kind.NAMED_TO_MEMBERS, "consent_named_to_members"),
        (ConsentRecord.Kind.NAMED_PUBLICLY, "consent_named_publicly"),
        (ConsentRecord.Kind.SMS, "sms_consent"),
    )
    for membership in Membership.objects.filter(user=user).select_related("body", "body__region", "user"):
        if membership.status != Status.ENDED:
            member_services.membership_end(membership=membership, by=by, reason=ERASED_REASON, ended_on=today)
        elif membership.end_reason != ERASED_REASON:
            # The reason of an earlier end is free text and may say something about the person.
            membership.end_reason = ERASED_REASON
            membership.save(update_fields=["end_reason"])
            MembershipEvent.objects.create(
                membership=membership, kind=MembershipEvent.Kind.DETAILS, by=by, changed_fields=["end_reason"]
            )
            audit_record(
                actor=by,
                action="membership.update",
                target=membership,
                region=membership.body.region,
                changed_fields=["end_reason"],
                label=f"{membership.get_body_role_display()} – {membership.body.name}",
            )
        for kind, field_name in consents:
            if getattr(membership, field_name):
                member_services.consent_set(
                    membership=membership, kind=kind, granted=False, source=ConsentRecord.Source.RECORDED, by=by
                )
        member_services.membership_update(membership=membership, by=by, **CLEARED_MEMBERSHIP)


MEMBERSHIP_LABELS = {
    "body": _("Groep"),
    "region": _("Regio"),
    "body_role": _("Rol in de groep"),
    "category": _("Categorie"),
    "municipality": _("Woongemeente"),
    "term_start": _("Begin van de termijn"),
    "term_end": _("Einde van de termijn"),
    "term_number": _("Termijn"),
    "status": _("Status"),
    "invited_name": _("Naam zoals de secretaris die invulde (tot u ja zei)"),
    "ended_on": _("Beëindigd op"),
    "end_reason": _("Reden van beëindiging"),
    "contact_email": _("E-mailadres voor de groep"),
    "contact_phone": _("Telefoonnummer"),
    "contact_address": _("Postadres"),
    "under_27": _("Jonger dan 27 jaar"),
    "under_27_until": _("Jonger dan 27 tot"),
    "needs": _("Wat u nodig heeft om mee te doen"),
    "consent_named_to_members": _("Naam zichtbaar voor andere leden"),
    "consent_named_publicly": _("Naam zichtbaar op openbare pagina's"),
    "sms_consent": _("Herinnering per sms"),
    "created_at": _("Vastgelegd op"),
    "at": _("Wanneer"),
    "consent_records": _("Toestemmingen (alles wat u ooit gaf of introk)"),
    "kind": _("Soort"),
    "granted": _("Gegeven"),
    "source": _("Hoe"),
    "history": _("Geschiedenis"),
    "from_status": _("Van status"),
    "to_status": _("Naar status"),
    "changed_fields": _("Gewijzigd"),
    "note": _("Opmerking"),
}


def register_parts() -> None:
    registry.register(
        "accounts",
        title=_("Uw account"),
        exporter=export_account,
        eraser=erase_account,
        regions=account_region_ids,
        labels=ACCOUNT_LABELS,
        order=0,
        models=("accounts.RoleAssignment", "accounts.LoginLink", "accounts.LoginCode", "accounts.LoginSession"),
    )
    registry.register(
        "members",
        title=_("Lidmaatschappen"),
        exporter=export_memberships,
        eraser=erase_memberships,
        regions=membership_region_ids,
        labels=MEMBERSHIP_LABELS,
        order=10,
        models=("members.Membership",),
    )
    activity.register_parts()
