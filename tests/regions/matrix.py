from django.utils import timezone

from inspraak.audit.models import AuditEvent
from inspraak.core.models import OutgoingEmail
from inspraak.regions.models import Body, Municipality, Region
from tests.factories import BodyFactory, MunicipalityFactory
from tests.matrix import PUBLIC, ViewCase, allow, everyone, to


def _r(w):
    return {"region": w.region.slug}


def _body(w):
    return {"region": w.region.slug, "body": w.body.slug}


def _muni(w):
    return {"region": w.region.slug, "municipality": w.municipality.slug}


def _free_muni(w):
    """A new municipality without bodies, roles or data, so the beheerder can really delete it."""
    MunicipalityFactory(region=w.region, name="Leegdorp", slug="leegdorp", cbs_code="GM9008")
    return {"region": w.region.slug, "municipality": "leegdorp"}


def _municipal_body(w):
    """The adviesraad of Zeedorp."""
    return {"region": w.region.slug, "body": w.municipal_body.slug}


def _free_body(w):
    """A new body without roles, members or data, so the beheerder can really delete it."""
    BodyFactory(region=w.region, name="Lege Raad", slug="lege-raad")
    return {"region": w.region.slug, "body": "lege-raad"}


TERMS = {"min_seats_per_municipality": 1, "term_years": 4, "max_terms": 2, "term_reminder_months": 3}


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
    ViewCase("regions:region_new", frozenset(), secret=lambda w: "Nieuwe regio", refused=everyone(403)),
    ViewCase(
        "regions:region_new",
        frozenset(),
        method="post",
        data=lambda w: {"name": "Inbraak", "description": ""},
        unchanged=_state,
        refused=everyone(403),  # no region in the URL
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
            **TERMS,
        },
        unchanged=_state,
        changed=lambda w: Region.objects.get(pk=w.region.pk).description == "Aangepast",
        redirect=to("regions:manage_region", _r),
    ),
    ViewCase("regions:municipality_new", ADMIN, _r),
    ViewCase(
        "regions:municipality_new",
        ADMIN,
        _r,
        method="post",
        data=lambda w: {"name": "Nieuwdorp", "cbs_code": "GM9003"},
        unchanged=_state,
        changed=lambda w: Municipality.objects.filter(region=w.region, name="Nieuwdorp", cbs_code="GM9003").exists(),
        redirect=to("regions:manage_region", _r),
    ),
    ViewCase("regions:municipality_edit", ADMIN, _muni, secret=lambda w: "GM9001"),
    ViewCase(
        "regions:municipality_edit",
        ADMIN,
        _muni,
        method="post",
        data=lambda w: {"name": "Zeedorp aan Zee", "cbs_code": "GM9001"},
        unchanged=_state,
        changed=lambda w: Municipality.objects.get(pk=w.municipality.pk).name == "Zeedorp aan Zee",
        redirect=to("regions:manage_region", _r),
    ),
    ViewCase("regions:municipality_delete", ADMIN, _muni),
    # A municipality or body that is still in use is kept with a message: tests/regions/test_manage.py.
    ViewCase(
        "regions:municipality_delete",
        ADMIN,
        _free_muni,
        method="post",
        unchanged=_state,
        id="free",
        changed=lambda w: not Municipality.objects.filter(region=w.region, slug="leegdorp").exists(),
        redirect=to("regions:manage_region", _r),
    ),
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
            **TERMS,
        },
        unchanged=_state,
        changed=lambda w: Body.objects.filter(region=w.region, name="Participatieraad").exists(),
        redirect=to("regions:manage_region", _r),
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
            **TERMS,
        },
        unchanged=_state,
        changed=lambda w: Body.objects.get(pk=w.body.pk).topic_scope == "uitvoering",
        redirect=to("regions:manage_region", _r),
    ),
    ViewCase("regions:body_delete", ADMIN, _body),
    ViewCase(
        "regions:body_delete",
        ADMIN,
        _free_body,
        method="post",
        unchanged=_state,
        id="free",
        changed=lambda w: not Body.objects.filter(region=w.region, slug="lege-raad").exists(),
        redirect=to("regions:manage_region", _r),
    ),
    ViewCase("regions:email_failures", allow("admin"), _with_failed_email, secret=lambda w: "l***@example.org"),
    ViewCase(
        "regions:email_retry",
        allow("admin"),
        _failed_email,
        method="post",
        unchanged=_deliveries,
        changed=lambda w: OutgoingEmail.objects.get(to="lid@example.org", subject="Uitnodiging").status != "failed",
        redirect=to("regions:email_failures", _r),
    ),
]
