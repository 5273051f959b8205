from inspraak.accounts.models import Role, RoleAssignment
from tests.factories import UserFactory
from tests.matrix import ViewCase, allow, to

BEHEERDERS = allow("admin", "other_region_admin")
# Staff who may switch the second step on for themselves (any role other than member; ADR 0010).
CHOOSERS = allow("officer_region", "officer_municipality", "secretary", "facilitator", "finance")
STAFF = BEHEERDERS | CHOOSERS


def _second_admin(w):
    """Another beheerder of region A, with an app linked: the one whose second factor is reset."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    person = UserFactory(email="tweede.beheerder@example.org", name="Tweede Beheerder")
    RoleAssignment.objects.create(user=person, role=Role.ADMIN, region=w.region)
    TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    return person


def _reset_kwargs(w):
    if not hasattr(w, "second_admin"):
        w.second_admin = _second_admin(w)
    return {"region": w.region.slug, "pk": w.second_admin.pk}


def _devices(w):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.count()


def _recovery_codes(w):
    from django_otp.plugins.otp_static.models import StaticToken

    return sorted(StaticToken.objects.values_list("device__user_id", "token"))


def _apps_for_everyone(w):
    """Every actor with a role has an app linked, so switching it off has something to switch off."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for actor in sorted(STAFF | {"member"}):
        TOTPDevice.objects.get_or_create(user=w.user(actor), defaults={"name": "app", "confirmed": True})
    return {}


# No region in these URLs: a member has no second step at all (404); switching it off is refused to a beheerder
# anywhere (403).
NO_SECOND_STEP = {"member": 404}
SWITCH_OFF = {"member": 404, "other_region_admin": 403}


def _new_recovery_codes(w):
    from django_otp.plugins.otp_static.models import StaticToken

    return StaticToken.objects.filter(device__user__in=[w.user(actor) for actor in sorted(STAFF)]).exists()


def _switched_off(w):
    """Whether one of the choosers has no app linked any more (the predicate does not know who posted)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return any(not TOTPDevice.objects.filter(user=w.user(actor)).exists() for actor in sorted(CHOOSERS))


def _reset_done(w):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return not TOTPDevice.objects.filter(user=w.second_admin).exists()


CASES = [
    ViewCase("twofactor:verify", STAFF, refused=NO_SECOND_STEP),
    ViewCase("twofactor:setup", STAFF, refused=NO_SECOND_STEP),
    ViewCase("twofactor:manage", STAFF, refused=NO_SECOND_STEP),
    ViewCase(
        "twofactor:recovery_codes_new",
        STAFF,
        _apps_for_everyone,
        method="post",
        unchanged=_recovery_codes,
        changed=_new_recovery_codes,
        refused=NO_SECOND_STEP,
        redirect=to("twofactor:manage"),
    ),
    ViewCase("twofactor:switch_off", CHOOSERS, _apps_for_everyone, refused=SWITCH_OFF),
    ViewCase(
        "twofactor:switch_off",
        CHOOSERS,
        _apps_for_everyone,
        method="post",
        data=lambda w: {"password": "geheim-wachtwoord-123"},
        unchanged=_devices,
        changed=_switched_off,
        refused=SWITCH_OFF,
        redirect=to("accounts:account"),
    ),
    ViewCase("twofactor:reset", allow("admin"), _reset_kwargs),
    ViewCase(
        "twofactor:reset",
        allow("admin"),
        _reset_kwargs,
        method="post",
        unchanged=_devices,
        changed=_reset_done,
        redirect=to("accounts:person", _reset_kwargs),
    ),
]
