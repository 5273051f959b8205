from inspraak.letters.models import Letter
from inspraak.support.models import SupportScheme, VolunteerCap
from tests.matrix import ViewCase, allow, to
from tests.support.data import support_data, support_paper_member

ADMIN = allow("admin")
READERS = allow("admin", "secretary", "facilitator", "finance")
MEMBER_PAGE = READERS | {"member"}


def _body(w):
    support_data(w)
    return {"region": w.region.slug, "body": w.body.slug}


def _year(year):
    return lambda w: {**_body(w), "year": year}


def _region(w):
    support_data(w)
    return {"region": w.region.slug}


def _cap(year):
    return lambda w: {**_region(w), "year": year}


def _scheme_changed(w):
    return SupportScheme.objects.filter(body=w.body, year=2026, amount_per_meeting=40).exists()


def _schemes(w):
    return list(SupportScheme.objects.filter(body=w.body).values_list("year", "amount_per_meeting", "version"))


def _letters_body(w):
    support_paper_member(w)
    return _body(w)


def _letters_sent(w):
    return Letter.objects.filter(user=support_paper_member(w), kind=Letter.Kind.OTHER).exists()


def _letters(w):
    return Letter.objects.filter(kind=Letter.Kind.OTHER).count()


def _caps(w):
    return list(VolunteerCap.objects.filter(region=w.region).values_list("year", "month_max", "version"))


SCHEME_POST = {
    "allowance_mode": "per_bijeenkomst",
    "amount_per_meeting": "40,00",
    "amount_per_meeting_chair": "45",
    "travel_public_transport": "on",
    "travel_km_rate": "0,23",
    "childcare": "on",
    "childcare_max": "40",
    "other_costs": "on",
    "training_offered": "",
}

CASES = [
    ViewCase("support:scheme", READERS, _body),
    ViewCase("support:scheme_edit", ADMIN, _year(2026)),
    ViewCase("support:scheme_edit", ADMIN, _year(2027), id="nieuw-jaar"),
    ViewCase(
        "support:scheme_edit",
        ADMIN,
        _year(2026),
        method="post",
        data=lambda w: {**SCHEME_POST, "version": support_data(w).scheme.version},
        changed=_scheme_changed,
        unchanged=_schemes,
        redirect=to("support:scheme", lambda w: {"region": w.region.slug, "body": w.body.slug}),
    ),
    ViewCase(
        "support:scheme_copy",
        ADMIN,
        _year(2027),
        method="post",
        changed=lambda w: SupportScheme.objects.filter(body=w.body, year=2027).exists(),
        unchanged=_schemes,
        redirect=to("support:scheme_edit", lambda w: {"region": w.region.slug, "body": w.body.slug, "year": 2027}),
    ),
    ViewCase("support:member_page", MEMBER_PAGE, _body),
    ViewCase(
        "support:scheme_letters",
        allow("admin", "secretary"),
        _letters_body,
        method="post",
        changed=_letters_sent,
        unchanged=_letters,
        redirect=to("support:member_page", lambda w: {"region": w.region.slug, "body": w.body.slug}),
    ),
    ViewCase("support:caps", ADMIN, _region),
    ViewCase("support:cap_new", ADMIN, _region),
    ViewCase(
        "support:cap_new",
        ADMIN,
        _region,
        method="post",
        # 2027: the other builders of the matrix world (payments) enter the 2026 caps
        data=lambda w: {"year": "2027", "month_max": "210,00", "year_max": "2.100,00", "source": "Staatscourant"},
        changed=lambda w: VolunteerCap.objects.filter(region=w.region, year=2027).exists(),
        unchanged=_caps,
        redirect=to("support:caps", lambda w: {"region": w.region.slug}),
    ),
    ViewCase("support:cap_edit", ADMIN, _cap(2025)),
    ViewCase(
        "support:cap_edit",
        ADMIN,
        _cap(2025),
        method="post",
        data=lambda w: {"month_max": "215", "year_max": "2150", "source": "", "version": support_data(w).cap.version},
        changed=lambda w: VolunteerCap.objects.filter(region=w.region, year=2025, month_max=215).exists(),
        unchanged=_caps,
        redirect=to("support:caps", lambda w: {"region": w.region.slug}),
    ),
]
