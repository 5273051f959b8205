from django.utils import timezone

from inspraak.audit.models import AuditEvent
from inspraak.core.models import OutgoingEmail
from inspraak.regions.models import Body, Municipality, Region
from tests.matrix import PUBLIC, ViewCase, allow


def _r(w):
    return {"region": w.region.slug}


def _body(w):
    return {"region": w.region.slug, "body": w.body.slug}


def _muni(w):
    return {"region": w.region.slug, "municipality": w.municipality.slug}


def _free_muni(w):
    """Duinstad: no bodies and no roles, so the beheerder can really delete it."""
    return {"region": w.region.slug, "municipality": w.municipality_2.slug}


def _municipal_body(w):
    """The adviesraad of Zeedorp: nobody holds a role in it, so it can really be deleted."""
    return {"region": w.region.slug, "body": w.municipal_body.slug}


def _state(w):
    return (
        list(Region.objects.values_list("name", "description").order_by("pk")),
        list(Municipality.objects.values_list("name", "cbs_code").order_by("pk")),
        list(Body.objects.values_list("name", "level").order_by("pk")),
        AuditEvent.objects.count(),
    )


def _failed_email(w):
    email, _created = OutgoingEmail.objects.get_or_create(
        to="lid@example.org",
        subject="Uitnodiging",
        body="Tekst",
        region=w.region,
        defaults={"status": "failed", "attempts": 8, "last_error": "SMTP 550", "next_attempt_at": timezone.now()},
    )
    return {**_r(w), "pk": email.pk}


def _with_failed_email(w):
    _failed_email(w)
    return _r(w)


def _deliveries(w):
    return list(OutgoingEmail.objects.values_list("pk", "status").order_by("pk")), AuditEvent.objects.count()


ADMIN = allow("admin")

CASES = [
    ViewCase("regions:region", PUBLIC, _r),
    ViewCase("regions:municipality", PUBLIC, _muni),
    ViewCase("regions:region_new", frozenset(), secret=lambda w: "Nieuwe regio"),
    ViewCase(
        "regions:region_new",
        frozenset(),
        method="post",
        data=lambda w: {"name": "Inbraak", "description": ""},
        unchanged=_state,
    ),
    ViewCase("regions:manage_region", ADMIN, _r, secret=lambda w: "GM9002"),
    ViewCase("regions:region_edit", ADMIN, _r, secret=lambda w: w.region.description),
    ViewCase(
        "regions:region_edit",
        ADMIN,
        _r,
        method="post",
        data=lambda w: {
            "name": "Regio Noordkust",
            "description": "Aangepast",
            "min_meetings_per_year": 4,
            "min_clients": 12,
            "balanced_over_municipalities": "on",
            "documents_days_before": 7,
            "advice_period_weeks": 6,
            "response_period_weeks": 6,
            "facilitator_required": "on",
        },
        unchanged=_state,
    ),
    ViewCase("regions:municipality_new", ADMIN, _r),
    ViewCase(
        "regions:municipality_new",
        ADMIN,
        _r,
        method="post",
        data=lambda w: {"name": "Nieuwdorp", "cbs_code": "GM9003"},
        unchanged=_state,
    ),
    ViewCase("regions:municipality_edit", ADMIN, _muni, secret=lambda w: "GM9001"),
    ViewCase(
        "regions:municipality_edit",
        ADMIN,
        _muni,
        method="post",
        data=lambda w: {"name": "Zeedorp aan Zee", "cbs_code": "GM9001"},
        unchanged=_state,
    ),
    ViewCase("regions:municipality_delete", ADMIN, _muni),
    ViewCase("regions:municipality_delete", ADMIN, _muni, method="post", unchanged=_state),
    ViewCase("regions:municipality_delete", ADMIN, _free_muni, method="post", unchanged=_state, id="free"),
    ViewCase("regions:body_new", ADMIN, _r),
    ViewCase(
        "regions:body_new",
        ADMIN,
        _r,
        method="post",
        data=lambda w: {
            "name": "Participatieraad",
            "kind": "participatieraad",
            "level": "regio",
            "covers_participatiewet": "on",
            "topic_scope": "beide",
            "min_meetings_per_year": 3,
            "min_clients": 12,
            "documents_days_before": 7,
            "advice_period_weeks": 6,
            "response_period_weeks": 6,
        },
        unchanged=_state,
    ),
    ViewCase("regions:body_edit", ADMIN, _body),
    ViewCase(
        "regions:body_edit",
        ADMIN,
        _body,
        method="post",
        data=lambda w: {
            "name": "Cliëntenpanel Noordkust",
            "kind": "clientenpanel",
            "level": "regio",
            "covers_participatiewet": "on",
            "topic_scope": "uitvoering",
            "min_meetings_per_year": 4,
            "min_clients": 12,
            "documents_days_before": 7,
            "advice_period_weeks": 6,
            "response_period_weeks": 6,
        },
        unchanged=_state,
    ),
    ViewCase("regions:body_delete", ADMIN, _body),
    ViewCase("regions:body_delete", ADMIN, _body, method="post", unchanged=_state),
    ViewCase("regions:body_delete", ADMIN, _municipal_body, method="post", unchanged=_state, id="free"),
    ViewCase("regions:email_failures", allow("admin"), _with_failed_email, secret=lambda w: "l***@example.org"),
    ViewCase("regions:email_retry", allow("admin"), _failed_email, method="post", unchanged=_deliveries),
]
