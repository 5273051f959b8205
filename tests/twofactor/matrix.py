from inspraak.accounts.models import Role, RoleAssignment
from tests.factories import UserFactory
from tests.matrix import ViewCase, allow

BEHEERDERS = allow("admin", "other_region_admin")
# Staff who may switch the second step on for themselves (any role other than member; ADR 0010).
CHOOSERS = allow("officer_region", "officer_municipality", "secretary", "facilitator")
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


def _apps_for_everyone(w):
    """Every actor with a role has an app linked, so switching it off has something to switch off."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for actor in sorted(STAFF | {"member"}):
        TOTPDevice.objects.get_or_create(user=w.user(actor), defaults={"name": "app", "confirmed": True})
    return {}


CASES = [
    ViewCase("twofactor:verify", STAFF),
    ViewCase("twofactor:setup", STAFF),
    ViewCase("twofactor:manage", STAFF),
    ViewCase("twofactor:recovery_codes_new", STAFF, method="post"),
    ViewCase("twofactor:switch_off", CHOOSERS, _apps_for_everyone),
    ViewCase(
        "twofactor:switch_off",
        CHOOSERS,
        _apps_for_everyone,
        method="post",
        data=lambda w: {"password": "geheim-wachtwoord-123"},
        unchanged=_devices,
    ),
    ViewCase("twofactor:reset", allow("admin"), _reset_kwargs),
    ViewCase("twofactor:reset", allow("admin"), _reset_kwargs, method="post", unchanged=_devices),
]
