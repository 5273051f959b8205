from inspraak.accounts.models import LoginCode, LoginLink, RoleAssignment, User
from inspraak.audit.models import AuditEvent
from tests.matrix import LOGGED_IN, ViewCase, allow, to

ADMIN = allow("admin")


def _p(w):
    return {"region": w.region.slug, "pk": w.client.pk}


def _audit(w):
    return AuditEvent.objects.count()


def _state(w):
    return (
        list(User.objects.values_list("name", "email", "is_active", "erased_at").order_by("pk")),
        list(RoleAssignment.objects.values_list("user_id", "role", "body_id").order_by("pk")),
        LoginCode.objects.count(),
        LoginLink.objects.count(),
        AuditEvent.objects.count(),
    )


def _downloaded(person=None):
    """Whether an export was downloaded (of ``person(w)`` when given): the audit row is the download's only trace."""

    def check(w):
        rows = AuditEvent.objects.filter(action="person.export", target_label__endswith=": download")
        return rows.filter(target_id=str(person(w).pk)).exists() if person else rows.exists()

    return check


CASES = [
    ViewCase("privacy:my_data", LOGGED_IN),
    ViewCase(
        "privacy:my_data_download", LOGGED_IN, method="post", unchanged=_audit, changed=_downloaded(), status=200
    ),  # the download
    ViewCase("privacy:person_data", ADMIN, _p, secret=lambda w: "geheime.client@example.org"),
    ViewCase(
        "privacy:person_data_download",
        ADMIN,
        _p,
        method="post",
        secret=lambda w: "geheime.client@example.org",
        unchanged=_audit,
        changed=_downloaded(lambda w: w.client),
        status=200,  # the download
    ),
    ViewCase("privacy:person_erase", ADMIN, _p, secret=lambda w: "Geheime Cliënt"),
    ViewCase(
        "privacy:person_erase",
        ADMIN,
        _p,
        method="post",
        unchanged=_state,
        changed=lambda w: User.objects.get(pk=w.client.pk).erased_at is not None,
        redirect=to("accounts:people", lambda w: {"region": w.region.slug}),
    ),
]
