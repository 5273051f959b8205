from django.utils import timezone

from inspraak.members.models import Membership
from inspraak.recruitment.models import Application, ApplicationEvent, Draw, Vacancy
from tests.matrix import PUBLIC, ViewCase, allow, to
from tests.recruitment.data import APPLICANT_EMAIL, APPLICANT_NAME, CONFIRM_TOKEN, close, recruitment

MANAGERS = allow("admin", "secretary", "facilitator")
VIEWERS = MANAGERS | {"officer_region"}


def _region(w):
    recruitment(w)
    return {"region": w.region.slug}


def _public(w):
    return {"region": w.region.slug, "pk": recruitment(w).vacancy.pk}


def _body(w):
    recruitment(w)
    return {"region": w.region.slug, "body": w.body.slug}


def _vacancy(w):
    return {**_body(w), "pk": recruitment(w).vacancy.pk}


def _received(w):
    return {**_body(w), "pk": recruitment(w).received.pk}


def _decided(w):
    return {**_body(w), "pk": recruitment(w).decided.pk}


def _chosen(w):
    return {**_body(w), "pk": recruitment(w).chosen.pk}


def _unconfirmed(w):
    return {**_body(w), "pk": recruitment(w).unconfirmed.pk}


def _confirm_link(w):
    recruitment(w)
    return {"region": w.region.slug, "token": CONFIRM_TOKEN}


def _closed_vacancy(w):
    """The vacancy after its closing date: the only time a draw is possible."""
    close(recruitment(w).vacancy)
    return _vacancy(w)


def _draw(w):
    return {**_body(w), "pk": recruitment(w).draw.pk}


def _public_draw(w):
    draw = recruitment(w).draw
    return {"region": w.region.slug, "vacancy": draw.vacancy_id, "pk": draw.pk}


def _state(w):
    return (
        list(Vacancy.objects.values_list("title", "status", "closes_on").order_by("pk")),
        list(
            Application.objects.values_list(
                "status", "suitable", "outcome_sent_at", "membership", "confirmed_at"
            ).order_by("pk")
        ),
        ApplicationEvent.objects.count(),
        Draw.objects.count(),
        Membership.objects.count(),
    )


def _apply_data(w):
    return {
        "name": "Nieuwe Aanmelder",
        "contact_phone": "0611111111",
        "municipality": w.municipality.pk,
        "situation": "nu",
        "motivation": "Ik wil meedenken.",
        "consent_processing": "on",
    }


def _vacancy_data(w):
    return {
        "title": "Gewijzigde vacature",
        "about_body": "Wat de groep doet.",
        "what_we_ask": "Tijd.",
        "meetings_per_year": 4,
        "what_you_get": "Vergoeding.",
        "closes_on": f"{timezone.localdate().year + 1}-12-31",
        "paper_address": "",
        "status": "open",
        f"plaatsen_{w.municipality.pk}": 2,
        f"plaatsen_{w.municipality_2.pk}": 1,
    }


def _applicant(w):
    return APPLICANT_NAME


def _app(w, name):
    return Application.objects.get(pk=getattr(recruitment(w), name).pk)


def _applied(channel):
    def check(w):
        return Application.objects.filter(
            vacancy=recruitment(w).vacancy, name="Nieuwe Aanmelder", channel=channel
        ).exists()

    return check


def _new_draw(w):
    return (
        Draw.objects.filter(vacancy=recruitment(w).vacancy, municipality=w.municipality_2)
        .exclude(pk=recruitment(w).draw.pk)
        .exists()
    )


CASES = [
    # Public
    ViewCase("recruitment:region_vacancies", PUBLIC, _region),
    ViewCase("recruitment:vacancy_public", PUBLIC, _public),
    ViewCase(
        "recruitment:vacancy_public",
        PUBLIC,
        _public,
        method="post",
        data=_apply_data,
        unchanged=_state,
        changed=_applied(Application.Channel.ONLINE),
        redirect=to("recruitment:vacancy_thanks", _public),
    ),
    ViewCase("recruitment:vacancy_thanks", PUBLIC, _public),
    ViewCase("recruitment:vacancy_paper", PUBLIC, _public),
    # The draw's check: numbers only, so anyone may see and redo it (B7). The staff address sends there too.
    ViewCase("recruitment:draw_public", PUBLIC, _public_draw),
    ViewCase("recruitment:draw_detail", PUBLIC, _draw, html=False, status=301),  # a redirect: no page of its own
    ViewCase("recruitment:application_confirm", PUBLIC, _confirm_link),
    ViewCase(
        "recruitment:application_confirm",
        PUBLIC,
        _confirm_link,
        method="post",
        unchanged=_state,
        changed=lambda w: _app(w, "unconfirmed_email").confirmed_at is not None,
        status=200,
    ),
    # Supporters; policy officers of the region see numbers only
    ViewCase("recruitment:vacancy_list", VIEWERS, _body, secret=lambda w: "Wij zoeken nieuwe leden"),
    ViewCase("recruitment:vacancy_new", MANAGERS, _body),
    ViewCase(
        "recruitment:vacancy_new",
        MANAGERS,
        _body,
        method="post",
        data=_vacancy_data,
        unchanged=_state,
        changed=lambda w: Vacancy.objects.filter(body=w.body, title="Gewijzigde vacature").exists(),
        redirect=to("recruitment:vacancy_detail", lambda w: {**_body(w), "pk": Vacancy.objects.latest("pk").pk}),
    ),
    ViewCase("recruitment:vacancy_detail", VIEWERS, _vacancy, secret=lambda w: "Wij zoeken nieuwe leden"),
    ViewCase("recruitment:vacancy_edit", MANAGERS, _vacancy, secret=lambda w: "Vier keer per jaar"),
    ViewCase(
        "recruitment:vacancy_edit",
        MANAGERS,
        _vacancy,
        method="post",
        data=_vacancy_data,
        unchanged=_state,
        changed=lambda w: Vacancy.objects.get(pk=recruitment(w).vacancy.pk).title == "Gewijzigde vacature",
        redirect=to("recruitment:vacancy_detail", _vacancy),
    ),
    ViewCase("recruitment:paper_application", MANAGERS, _vacancy),
    ViewCase(
        "recruitment:paper_application",
        MANAGERS,
        _vacancy,
        method="post",
        data=_apply_data,
        unchanged=_state,
        changed=_applied(Application.Channel.PAPER),
        redirect=to(
            "recruitment:application_detail", lambda w: {**_body(w), "pk": Application.objects.latest("pk").pk}
        ),
    ),
    # Running a draw stays with the managers: everyone else is refused exactly (login, 404 outside, 403 inside).
    # Before the closing date the managers too are sent back (tests/recruitment/test_views.py).
    ViewCase("recruitment:draw_new", MANAGERS, _closed_vacancy, secret=lambda w: "Geschikt 0"),
    ViewCase(
        "recruitment:draw_new",
        MANAGERS,
        _closed_vacancy,
        method="post",
        data=lambda w: {"municipality": w.municipality_2.pk, "seats": 1},
        unchanged=_state,
        changed=_new_draw,
        redirect=to(
            "recruitment:draw_public",
            lambda w: {
                "region": w.region.slug,
                "vacancy": recruitment(w).vacancy.pk,
                "pk": Draw.objects.latest("pk").pk,
            },
        ),
    ),
    ViewCase("recruitment:application_detail", MANAGERS, _received, secret=_applicant),
    ViewCase(
        "recruitment:application_status",
        MANAGERS,
        _received,
        method="post",
        data=lambda w: {"status": "niet_gekozen", "reason": "Geen plaats"},
        unchanged=_state,
        changed=lambda w: _app(w, "received").status == Application.Status.NOT_CHOSEN,
        redirect=to("recruitment:application_detail", _received),
    ),
    ViewCase(
        "recruitment:application_suitable",
        MANAGERS,
        _received,
        method="post",
        data=lambda w: {"geschikt": "ja"},
        unchanged=_state,
        changed=lambda w: _app(w, "received").suitable,
        redirect=to("recruitment:application_detail", _received),
    ),
    ViewCase(
        "recruitment:application_confirm_by_phone",
        MANAGERS,
        _unconfirmed,
        method="post",
        unchanged=_state,
        secret=lambda w: "Onbevestigd Telefoon",
        changed=lambda w: _app(w, "unconfirmed").confirmed_at is not None,
        redirect=to("recruitment:application_detail", _unconfirmed),
    ),
    ViewCase(
        "recruitment:outcome_send",
        MANAGERS,
        _decided,
        method="post",
        unchanged=_state,
        secret=_applicant,
        changed=lambda w: _app(w, "decided").outcome_sent_at is not None,
        status=200,  # the printable letter,
    ),
    ViewCase("recruitment:outcome_letter", MANAGERS, _decided, secret=lambda w: "Dijk 1, Zeedorp"),
    ViewCase(
        "recruitment:application_convert",
        MANAGERS,
        _chosen,
        method="post",
        unchanged=_state,
        secret=lambda w: "Chris Kandidaat",
        changed=lambda w: _app(w, "chosen").membership_id is not None,
        status=200,  # the printable letter,
    ),
    ViewCase("recruitment:application_detail", MANAGERS, _received, id="email", secret=lambda w: APPLICANT_EMAIL),
    ViewCase(
        "recruitment:application_erase",
        MANAGERS,
        _received,
        method="post",
        unchanged=lambda w: (_state(w), list(Application.objects.values_list("name", "contact_email").order_by("pk"))),
        changed=lambda w: _app(w, "received").erased_at is not None,
        redirect=to("recruitment:vacancy_detail", _vacancy),
    ),
]
