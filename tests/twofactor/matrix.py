from inspraak.accounts.models import Role, RoleAssignment
from tests.factories import UserFactory
from tests.matrix import ViewCase, allow

BEHEERDERS = allow("admin", "other_region_admin")


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


CASES = [
    ViewCase("twofactor:verify", BEHEERDERS),
    ViewCase("twofactor:setup", BEHEERDERS),
    ViewCase("twofactor:manage", BEHEERDERS),
    ViewCase("twofactor:recovery_codes_new", BEHEERDERS, method="post"),
    ViewCase("twofactor:reset", allow("admin"), _reset_kwargs),
    ViewCase("twofactor:reset", allow("admin"), _reset_kwargs, method="post", unchanged=_devices),
]
