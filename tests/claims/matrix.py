"""Claims: members see and change only their own; the secretary enters and decides; the region's finance role sees
and decides the claims of every group of its region; the beheerder may look; facilitator and officers get 403."""

from inspraak.audit.models import AuditEvent
from inspraak.claims.models import ClaimStatus, ExpenseClaim
from tests.claims.data import CLIENT_SECRET, claims_data
from tests.matrix import ViewCase, allow, to
from tests.world import TODAY

MEMBER = allow("member")
DECIDERS = allow("secretary", "finance")
VIEWERS = allow("secretary", "finance", "admin")
OWN_VIEWERS = allow("member", "secretary", "finance", "admin")


def _body(w):
    return {"region": w.region.slug, "body": w.body.slug}


def _own(w):
    return {**_body(w), "pk": claims_data(w).own.pk}


def _client(w):
    return {**_body(w), "pk": claims_data(w).client.pk}


def _state(w):
    return (
        list(ExpenseClaim.objects.values_list("pk", "status", "amount", "description", "version").order_by("pk")),
        AuditEvent.objects.count(),
    )


def _latest(w):
    return {**_body(w), "pk": ExpenseClaim.objects.latest("pk").pk}


SECRET = lambda w: CLIENT_SECRET  # noqa: E731
DAY = (TODAY.replace(day=1)).isoformat()

CASES = [
    ViewCase("claims:mine", MEMBER, _body),
    ViewCase("claims:new", MEMBER, _body),
    ViewCase(
        "claims:new",
        MEMBER,
        _body,
        method="post",
        data=lambda w: {
            "kind": "ov",
            "spent_on": DAY,
            "amount": "7,40",
            "description": "Trein naar de training",
            "no_receipt_reason": "OV-chipkaart",
        },
        unchanged=_state,
        changed=lambda w: ExpenseClaim.objects.filter(description="Trein naar de training").exists(),
        redirect=to("claims:detail", _latest),
    ),
    ViewCase("claims:list", VIEWERS, _body, secret=None),
    ViewCase("claims:paper", allow("secretary"), _body),
    ViewCase(
        "claims:paper",
        allow("secretary"),
        _body,
        method="post",
        data=lambda w: {
            "member": w.client.pk,
            "channel": "brief",
            "kind": "overig",
            "spent_on": DAY,
            "amount": "3,00",
            "description": "Postzegel voor de declaratie",
            "no_receipt_reason": "Op papier gestuurd",
        },
        unchanged=_state,
        changed=lambda w: ExpenseClaim.objects.filter(description="Postzegel voor de declaratie").exists(),
        redirect=to("claims:detail", _latest),
    ),
    # Another member's claim is not the member's to read; who decides (and the beheerder) sees it.
    ViewCase("claims:detail", VIEWERS, _client, secret=SECRET),
    ViewCase("claims:detail", OWN_VIEWERS, _own, id="own"),
    ViewCase(
        "claims:detail",
        DECIDERS,
        _client,
        method="post",
        id="decide",
        data=lambda w: {"decision": "afwijzen", "reason": "Taxi wordt niet vergoed."},
        unchanged=_state,
        changed=lambda w: ExpenseClaim.objects.get(pk=claims_data(w).client.pk).status == ClaimStatus.REJECTED,
        redirect=to("claims:detail", _client),
    ),
    ViewCase("claims:edit", MEMBER, _own),
    ViewCase(
        "claims:edit",
        MEMBER,
        _own,
        method="post",
        data=lambda w: {
            "kind": "ov",
            "spent_on": DAY,
            "amount": "5,20",
            "description": "Bus naar de bijeenkomst en terug",
            "version": str(ExpenseClaim.objects.get(pk=claims_data(w).own.pk).version),
        },
        unchanged=_state,
        changed=lambda w: str(ExpenseClaim.objects.get(pk=claims_data(w).own.pk).amount) == "5.20",
        redirect=to("claims:detail", _own),
    ),
    ViewCase(
        "claims:withdraw",
        MEMBER,
        _own,
        method="post",
        unchanged=_state,
        changed=lambda w: ExpenseClaim.objects.get(pk=claims_data(w).own.pk).status == ClaimStatus.WITHDRAWN,
        redirect=to("claims:mine", _body),
    ),
    ViewCase("claims:receipt", OWN_VIEWERS, _own, html=False),
    ViewCase("claims:region_list", allow("finance", "admin"), lambda w: {"region": w.region.slug}),
]
