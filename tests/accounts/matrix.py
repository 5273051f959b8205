from inspraak.accounts import services
from inspraak.accounts.models import LoginCode, LoginLink, RoleAssignment, User
from inspraak.accounts.models import LoginSession as Session
from inspraak.audit.models import AuditEvent
from inspraak.core.models import OutgoingEmail
from tests.factories import paper_member
from tests.matrix import LOGGED_IN, PUBLIC, ViewCase, allow, everyone, to

ADMIN = allow("admin")


def _r(w):
    return {"region": w.region.slug}


def _p(w):
    return {"region": w.region.slug, "pk": w.client.pk}


def _paper(w):
    return {"region": w.region.slug, "pk": paper_member(w).user_id}


def _deactivated(w):
    """The client with access switched off, so the beheerder can switch it on again."""
    User.objects.filter(pk=w.client.pk).update(is_active=False)
    return _p(w)


def _state(w):
    return (
        list(User.objects.values_list("name", "email", "is_active").order_by("pk")),
        list(RoleAssignment.objects.values_list("user_id", "role", "body_id").order_by("pk")),
        LoginCode.objects.count(),
        AuditEvent.objects.count(),
    )


def _credentials(w):
    return (
        list(User.objects.values_list("password", "is_active").order_by("pk")),
        LoginCode.objects.count(),
        LoginLink.objects.count(),
    )


PASSWORD = "geheim-wachtwoord-123"  # every world user's (tests/factories.py)
NEW = "een-ander-lang-wachtwoord-456"


def _paper_code(w):
    """A fresh printed login code of the paper member (the plain code is only known when it is issued)."""
    return {"code": services.login_code_issue(person=paper_member(w).user, region=w.region, by=None).code}


def _member_role(w):
    return {**_p(w), "role_pk": RoleAssignment.objects.get(user=w.client).pk}


def _new_password_set(w):
    """Whether one of the logged-in actors now has the new password (the predicate does not know who posted)."""
    return any(User.objects.get(pk=w.user(actor).pk).check_password(NEW) for actor in sorted(LOGGED_IN))


CASES = [
    # A bad or old confirmation link: 404 for everyone, nothing changes (the working link: test_takeover.py).
    ViewCase(
        "accounts:email_confirm", frozenset(), lambda w: {"token": "onbekend"}, refused=everyone(404, anonymous=404)
    ),
    ViewCase(
        "accounts:email_confirm",
        frozenset(),
        lambda w: {"token": "onbekend"},
        method="post",
        unchanged=_state,
        refused=everyone(404, anonymous=404),
    ),
    ViewCase("accounts:login", PUBLIC),
    ViewCase("accounts:login", PUBLIC, query={"next": "/mijn-account/"}, id="next"),
    ViewCase(
        "accounts:login",
        PUBLIC,
        method="post",
        data=lambda w: {"username": "geheime.client@example.org", "password": PASSWORD},
        unchanged=_credentials,
        changed=lambda w: User.objects.get(pk=w.client.pk).last_login is not None,
        redirect=to("dashboards:dashboard"),
    ),
    ViewCase("accounts:link_request", PUBLIC),
    ViewCase(
        "accounts:link_request",
        PUBLIC,
        method="post",
        data=lambda w: {"email": "geheime.client@example.org"},
        # the task worker makes and mails the link after the commit (the matrix runs on-commit work)
        changed=lambda w: LoginLink.objects.filter(user=w.client).exists(),
        status=200,  # "kijk in uw e-mail", the same for an unknown address
    ),
    # An unknown token is refused (404) for everybody, with GET and with POST.
    ViewCase("accounts:link_login", frozenset(), lambda w: {"token": "onbekend"}, refused=everyone(404, anonymous=404)),
    ViewCase(
        "accounts:link_login",
        frozenset(),
        lambda w: {"token": "onbekend"},
        method="post",
        unchanged=_credentials,
        refused=everyone(404, anonymous=404),
    ),
    ViewCase("accounts:code_login", PUBLIC),
    ViewCase(
        "accounts:code_login",
        PUBLIC,
        method="post",
        data=_paper_code,
        changed=lambda w: User.objects.get(pk=paper_member(w).user_id).last_login is not None,
        redirect=to("dashboards:dashboard"),
    ),
    ViewCase(
        "accounts:logout",
        PUBLIC,
        method="post",
        changed=lambda w: not Session.objects.exists(),
        no_effect_for=frozenset({"anonymous"}),  # nothing to log out: sent to the home page all the same
        redirect=to("dashboards:home"),
    ),
    ViewCase("accounts:password_reset", PUBLIC),
    ViewCase(
        "accounts:password_reset",
        PUBLIC,
        method="post",
        data=lambda w: {"email": "geheime.client@example.org"},
        unchanged=lambda w: OutgoingEmail.objects.filter(to="geheime.client@example.org").count(),
        changed=lambda w: OutgoingEmail.objects.filter(
            to="geheime.client@example.org", subject__contains="wachtwoord"
        ).exists(),
        redirect=to("accounts:password_reset_done"),
    ),
    ViewCase("accounts:password_reset_done", PUBLIC),
    ViewCase("accounts:password_reset_confirm", PUBLIC, lambda w: {"uidb64": "MQ", "token": "fout-token"}),
    ViewCase("accounts:password_reset_complete", PUBLIC),
    ViewCase("accounts:account", LOGGED_IN),
    ViewCase(
        "accounts:account",
        LOGGED_IN,
        method="post",
        data=lambda w: {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
        unchanged=_credentials,
        changed=_new_password_set,
        redirect=to("accounts:account"),
    ),
    ViewCase("accounts:people", ADMIN, _r, secret=lambda w: "Geheime Cliënt"),
    ViewCase("accounts:people", ADMIN, _r, query={"q": "Geheime", "pagina": "1"}, id="search"),
    ViewCase("accounts:person_new", ADMIN, _r),
    ViewCase(
        "accounts:person_new",
        ADMIN,
        _r,
        method="post",
        data=lambda w: {"name": "Nieuwe Persoon", "email": ""},
        unchanged=_state,
        changed=lambda w: User.objects.filter(name="Nieuwe Persoon").exists(),
        redirect=to("accounts:person", lambda w: {**_r(w), "pk": User.objects.get(name="Nieuwe Persoon").pk}),
    ),
    ViewCase("accounts:person", ADMIN, _p, secret=lambda w: "geheime.client@example.org"),
    ViewCase("accounts:person_edit", ADMIN, _p, secret=lambda w: "geheime.client@example.org"),
    ViewCase(
        "accounts:person_edit",
        ADMIN,
        _p,
        method="post",
        data=lambda w: {"name": "Andere Naam", "email": "geheime.client@example.org"},
        unchanged=_state,
        changed=lambda w: User.objects.get(pk=w.client.pk).name == "Andere Naam",
        redirect=to("accounts:person", _p),
    ),
    ViewCase(
        "accounts:role_grant",
        ADMIN,
        _p,
        method="post",
        data=lambda w: {"role": "lid", "body": w.municipal_body.pk},
        unchanged=_state,
        changed=lambda w: RoleAssignment.objects.filter(user=w.client, role="lid", body=w.municipal_body).exists(),
        redirect=to("accounts:person", _p),
    ),
    ViewCase(
        "accounts:role_revoke",
        ADMIN,
        _member_role,
        method="post",
        unchanged=_state,
        changed=lambda w: not RoleAssignment.objects.filter(user=w.client).exists(),
        redirect=to("accounts:person", _p),
    ),
    ViewCase(
        "accounts:login_code_issue",
        ADMIN,
        _paper,
        method="post",
        unchanged=_state,
        secret=lambda w: "Papieren Lid",
        changed=lambda w: LoginCode.objects.filter(user=paper_member(w).user, revoked_at__isnull=True).exists(),
        status=200,
    ),
    # Someone with an email address logs in themself: no code letter, not even from the beheerder.
    ViewCase(
        "accounts:login_code_issue",
        frozenset(),
        _p,
        method="post",
        unchanged=_state,
        secret=lambda w: "Geheime Cliënt",
        id="has-email",
    ),
    ViewCase(
        "accounts:person_deactivate",
        ADMIN,
        _p,
        method="post",
        unchanged=_state,
        changed=lambda w: not User.objects.get(pk=w.client.pk).is_active,
        redirect=to("accounts:person", _p),
    ),
    ViewCase(
        "accounts:person_activate",
        ADMIN,
        _deactivated,
        method="post",
        unchanged=_state,
        changed=lambda w: User.objects.get(pk=w.client.pk).is_active,
        redirect=to("accounts:person", _p),
    ),
]
