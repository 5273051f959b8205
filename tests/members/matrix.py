from inspraak.accounts.models import LoginCode
from inspraak.audit.models import AuditEvent
from inspraak.members.models import ConsentRecord, Membership, Status
from tests.factories import invited_membership, paper_member
from tests.matrix import PUBLIC, ViewCase, allow, everyone, to

MANAGERS = allow("admin", "secretary")
SUPPORTERS = allow("admin", "secretary", "facilitator")


def _body(w):
    return {"region": w.region.slug, "body": w.body.slug}


def _client(w):
    return {**_body(w), "pk": w.client_membership.pk}


def _candidate(w):
    """The client membership turned into a candidate's (who may become an active member)."""
    Membership.objects.filter(pk=w.client_membership.pk).update(status=Status.CANDIDATE)
    return _client(w)


def _paper(w):
    return {**_body(w), "pk": paper_member(w).pk}


def _invitation(w):
    # An invitation of the "plain" actor (logged in, no roles yet): only they may answer it.
    return {"pk": invited_membership(w, w.user("plain")).pk}


def _state(w):
    return (
        list(Membership.objects.values_list("pk", "status", "category", "term_end", "contact_phone").order_by("pk")),
        ConsentRecord.objects.count(),
        AuditEvent.objects.count(),
    )


def _new(w):
    return {
        "name": "Nieuw Lid",
        "email": "",
        "status": "actief",
        "body_role": "lid",
        "category": "client",
        "municipality": w.municipality.pk,
        "term_start": "2026-01-01",
        "contact_phone": "0612345678",
    }


def _edit(w):
    return {
        "body_role": "lid",
        "category": "client",
        "municipality": w.municipality.pk,
        "term_start": "2025-01-01",
        "term_end": "2028-12-31",
        "contact_phone": "0698765432",
        "contact_email": "geheime.client@example.org",
    }


def _client_row(w):
    return Membership.objects.get(pk=w.client_membership.pk)


def _own_row(w):
    return Membership.objects.get(body=w.body, user=w.user("member"))


SECRET = lambda w: "geheime.client@example.org"  # noqa: E731

# Someone else's invitation does not exist for you.
NOT_INVITED = {actor: status for actor, status in everyone(404).items() if actor != "plain"}

CASES = [
    ViewCase("members:list", allow("admin", "secretary", "facilitator", "member"), _body, secret=SECRET),
    ViewCase("members:new", MANAGERS, _body),
    ViewCase(
        "members:new",
        MANAGERS,
        _body,
        method="post",
        data=_new,
        unchanged=_state,
        changed=lambda w: Membership.objects.filter(body=w.body, user__name="Nieuw Lid", status=Status.ACTIVE).exists(),
        redirect=to("members:detail", lambda w: {**_body(w), "pk": Membership.objects.latest("pk").pk}),
    ),
    ViewCase("members:detail", SUPPORTERS, _client, secret=SECRET),
    ViewCase("members:edit", MANAGERS, _client, secret=SECRET),
    ViewCase(
        "members:edit",
        MANAGERS,
        _client,
        method="post",
        data=_edit,
        unchanged=_state,
        changed=lambda w: Membership.objects.get(pk=w.client_membership.pk).contact_phone == "0698765432",
        redirect=to("members:detail", _client),
    ),
    ViewCase("members:end", MANAGERS, _client),
    ViewCase(
        "members:end",
        MANAGERS,
        _client,
        method="post",
        data=lambda w: {"reason": "Verhuisd", "ended_on": "2026-06-30"},
        unchanged=_state,
        changed=lambda w: _client_row(w).status == Status.ENDED,
        redirect=to("members:detail", _client),
    ),
    ViewCase(
        "members:renew",
        MANAGERS,
        _client,
        method="post",
        unchanged=_state,
        changed=lambda w: _client_row(w).term_number == 2,
        redirect=to("members:detail", _client),
    ),
    ViewCase(
        "members:activate",
        MANAGERS,
        _candidate,
        method="post",
        unchanged=_state,
        changed=lambda w: _client_row(w).status == Status.ACTIVE,
        redirect=to("members:detail", _client),
    ),
    ViewCase("members:consent", MANAGERS, _client),
    ViewCase(
        "members:consent",
        MANAGERS,
        _client,
        method="post",
        data=lambda w: {"consent_named_to_members": "on"},
        unchanged=_state,
        changed=lambda w: _client_row(w).consent_named_to_members,
        redirect=to("members:detail", _client),
    ),
    ViewCase(
        "members:code_letter",
        MANAGERS,
        _paper,
        method="post",
        unchanged=_state,
        changed=lambda w: LoginCode.objects.filter(user=paper_member(w).user, revoked_at__isnull=True).exists(),
        status=200,
    ),
    # A member with email (and a password) logs in themself: nobody prints a code for them.
    ViewCase("members:code_letter", frozenset(), _client, method="post", unchanged=_state, id="has-email"),
    ViewCase("members:invitation", allow("plain"), _invitation, secret=SECRET, refused=NOT_INVITED),
    ViewCase(
        "members:invitation",
        allow("plain"),
        _invitation,
        method="post",
        data=lambda w: {"answer": "ja"},
        unchanged=_state,
        changed=lambda w: Membership.objects.get(body=w.body, user=w.user("plain")).status == Status.ACTIVE,
        refused=NOT_INVITED,
        redirect=to("dashboards:dashboard"),
    ),
    ViewCase("members:own", allow("member"), _body),
    ViewCase(
        "members:own",
        allow("member"),
        _body,
        method="post",
        data=lambda w: {"gegevens-contact_phone": "0611111111", "toestemming-consent_named_to_members": "on"},
        unchanged=_state,
        changed=lambda w: _own_row(w).contact_phone == "0611111111",
        redirect=to("members:own", _body),
    ),
    # Moved to /api/v1 without the trailing slash (tests/api/matrix.py): a permanent redirect (308).
    ViewCase("members:api_composition", PUBLIC, _body, html=False, status=308),
]
