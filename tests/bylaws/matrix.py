from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspraak.bylaws.models import Bylaw
from inspraak.regions.models import Municipality
from tests.bylaws.data import bylaw_data
from tests.matrix import PUBLIC, ViewCase, allow, everyone

STAFF = allow("admin", "officer_region", "officer_municipality")
ADMIN = allow("admin")
NOBODY = frozenset()
NEW_TITLE = "Verordening uit de matrix"
EDITED_TITLE = "Gewijzigd in de matrix"
IMPORTED_TITLE = "Ingelezen uit de matrix"


def _region(w):
    bylaw_data(w)
    return {"region": w.region.slug}


def _many_municipalities(w):
    """Enough municipalities for a second page of the overview (25 a page)."""
    bylaw_data(w)
    for k in range(30):
        Municipality.objects.get_or_create(
            region=w.region, slug=f"gemeente-{k:02d}", defaults={"name": f"Gemeente {k:02d}", "cbs_code": f"GM7{k:03d}"}
        )
    return {"region": w.region.slug}


def _zeedorp(w):
    return {"region": w.region.slug, "pk": bylaw_data(w).zeedorp.pk}


def _gr(w):
    return {"region": w.region.slug, "pk": bylaw_data(w).gr.pk}


def _other(w):
    return {"region": w.region.slug, "pk": bylaw_data(w).other.pk}


def _state(w):
    return list(Bylaw.objects.values_list("pk", "title", "version").order_by("pk"))


def _form_data(w, bylaw=None, **changes):
    data = {
        "municipality": w.municipality.pk,
        "title": NEW_TITLE,
        "adopted_by": "gemeenteraad",
        "adopted_on": "2025-12-10",
        "in_force_from": "2026-01-01",
        "legal_basis": "participatiewet",
        "target_group": "art_7_1_7a",
        "element_a": "on",
        "element_a_article": "art. 3",
        "designated_bodies": [w.municipal_body.pk],
        "min_meetings_per_year": "4",
    }
    if bylaw is not None:
        data["version"] = str(bylaw.version)
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _created(title):
    return lambda w: Bylaw.objects.filter(title=title).exists()


def _to_detail(title):
    return lambda w: reverse("bylaws:detail", args=[w.region.slug, Bylaw.objects.get(title=title).pk])


def _csv(w):
    content = (
        "gemeente;titel;vastgesteld_door;vastgesteld_op;geldt_vanaf;grondslag;doelgroep;a;b;c;d;e\n"
        f"GM9002;{IMPORTED_TITLE};gemeenteraad;10-12-2025;01-01-2026;participatiewet;art_7_1_7a;ja;ja;ja;ja;ja\n"
    ).encode()
    return {"bestand": SimpleUploadedFile("verordeningen.csv", content, content_type="text/csv")}


CASES = [
    # Public: every text of the region is public; a text of another region is not found here.
    ViewCase("bylaws:public_index", PUBLIC, _region),
    ViewCase("bylaws:public_index", PUBLIC, _region, id="voldoet-niet", query={"voldoet": "nee"}),
    ViewCase("bylaws:public_index", PUBLIC, _many_municipalities, id="pagina-2", query={"pagina": "2"}),
    ViewCase("bylaws:public_detail", PUBLIC, _zeedorp),
    ViewCase(
        "bylaws:public_detail",
        NOBODY,
        _other,
        id="andere-regio",
        secret=lambda w: "Heidedorp",
        refused=everyone(404, anonymous=404),
    ),
    ViewCase("bylaws:public_pdf", PUBLIC, _zeedorp, html=False),
    ViewCase("bylaws:public_pdf", NOBODY, _gr, id="geen-pdf", html=False, refused=everyone(404, anonymous=404)),
    # Staff: the beheerder and every policy officer of the region see the register and each text.
    ViewCase("bylaws:register", STAFF, _region),
    ViewCase("bylaws:detail", STAFF, _zeedorp),
    ViewCase("bylaws:detail", STAFF, _gr, id="regio"),
    ViewCase("bylaws:new", STAFF, _region),
    ViewCase("bylaws:new", STAFF, _region, id="gekozen", query={"gemeente": "zeedorp"}),
    # A municipality's text: the beheerder and that municipality's officer; the GR officer is refused.
    ViewCase(
        "bylaws:new",
        allow("admin", "officer_municipality"),
        _region,
        method="post",
        id="zeedorp",
        data=_form_data,
        changed=_created(NEW_TITLE),
        redirect=_to_detail(NEW_TITLE),
        unchanged=_state,
    ),
    # The GR's own text: the beheerder and the GR officer; a municipal officer is refused.
    ViewCase(
        "bylaws:new",
        allow("admin", "officer_region"),
        _region,
        method="post",
        id="regio",
        data=lambda w: _form_data(w, municipality="", designated_bodies=[w.body.pk]),
        changed=_created(NEW_TITLE),
        redirect=_to_detail(NEW_TITLE),
        unchanged=_state,
    ),
    ViewCase("bylaws:edit", allow("admin", "officer_municipality"), _zeedorp),
    ViewCase("bylaws:edit", allow("admin", "officer_region"), _gr, id="regio"),
    ViewCase(
        "bylaws:edit",
        allow("admin", "officer_municipality"),
        _zeedorp,
        method="post",
        data=lambda w: _form_data(w, bylaw_data(w).zeedorp, title=EDITED_TITLE, in_force_from="2024-01-01"),
        changed=_created(EDITED_TITLE),
        redirect=_to_detail(EDITED_TITLE),
        unchanged=_state,
    ),
    ViewCase(
        "bylaws:edit",
        allow("admin", "officer_region"),
        _gr,
        method="post",
        id="regio",
        data=lambda w: _form_data(
            w, bylaw_data(w).gr, municipality="", title=EDITED_TITLE, adopted_by="algemeen_bestuur"
        ),
        changed=_created(EDITED_TITLE),
        redirect=_to_detail(EDITED_TITLE),
        unchanged=_state,
    ),
    # Reading a CSV file of many texts is the beheerder's.
    ViewCase("bylaws:import_csv", ADMIN, _region),
    ViewCase(
        "bylaws:import_csv",
        ADMIN,
        _region,
        method="post",
        data=_csv,
        changed=_created(IMPORTED_TITLE),
        redirect=lambda w: reverse("bylaws:register", args=[w.region.slug]),
        unchanged=_state,
    ),
    ViewCase("bylaws:example_csv", ADMIN, _region, html=False),
]
