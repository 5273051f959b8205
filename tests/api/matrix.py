"""The open data API (ADR 19): every endpoint is public; what is not public is a 404 for everyone."""

from tests.agenda.data import agenda
from tests.bylaws.data import bylaw_data
from tests.compliance.data import compliance_data
from tests.matrix import PUBLIC, ViewCase, everyone
from tests.records.data import records
from tests.register.data import register_data

NOBODY = frozenset()
NOT_PUBLIC = everyone(404, anonymous=404)


def _region(w):
    register_data(w)
    return {"region": w.region.slug}


def _proposal(w):
    return {"region": w.region.slug, "pk": register_data(w).decided.pk}


def _preparing(w):
    return {"region": w.region.slug, "pk": register_data(w).preparing.pk}


def _body(w):
    return {"region": w.region.slug, "body": w.body.slug}


def _closed(w):
    return {**_body(w), "pk": records(w).closed.pk}


def _planned(w):
    return {**_body(w), "pk": agenda(w).planned.pk}


def _bylaws(w):
    bylaw_data(w)
    return {"region": w.region.slug}


def _bylaw(w):
    return {"region": w.region.slug, "pk": bylaw_data(w).zeedorp.pk}


def _other_bylaw(w):
    return {"region": w.region.slug, "pk": bylaw_data(w).other.pk}  # a verordening of the other region


def _matrix(w):
    compliance_data(w)
    return {"region": w.region.slug, "year": 2026}


def _matrix_row(w):
    return {**_matrix(w), "municipality": w.municipality_2.slug}


CASES = [
    ViewCase("api:regions", PUBLIC, html=False),
    ViewCase("api:documentation", PUBLIC),
    ViewCase("api:api-root", PUBLIC, html=False, status=308),
    ViewCase("api:openapi-json", PUBLIC, html=False),
    ViewCase("api:not_found", NOBODY, lambda w: {"rest": "bestaat-niet"}, html=False, refused=NOT_PUBLIC),
    ViewCase("api:advices", PUBLIC, _region, html=False),
    ViewCase("api:advices", PUBLIC, _region, id="gefilterd", html=False, query={"soort": "gevraagd", "pagina": "1"}),
    ViewCase("api:proposal", PUBLIC, _proposal, html=False),
    ViewCase(
        "api:proposal",
        NOBODY,
        _preparing,
        id="voorbereiding",
        html=False,
        secret=lambda w: "voorbereiding",
        refused=NOT_PUBLIC,
    ),
    ViewCase("api:meetings", PUBLIC, _body, html=False),
    ViewCase("api:meeting", PUBLIC, _closed, html=False),
    ViewCase("api:meeting", PUBLIC, _planned, id="gepland", html=False),
    ViewCase("api:composition", PUBLIC, _body, html=False),
    ViewCase("api:bylaws", PUBLIC, _bylaws, html=False),
    ViewCase("api:bylaws", PUBLIC, _bylaws, id="datum", html=False, query={"datum": "2009-06-01"}),
    ViewCase("api:bylaw", PUBLIC, _bylaw, html=False),
    ViewCase(
        "api:bylaw",
        NOBODY,
        _other_bylaw,
        id="andere-regio",
        html=False,
        secret=lambda w: "Heidedorp",
        refused=NOT_PUBLIC,
    ),
    ViewCase("api:matrix", PUBLIC, _matrix, html=False),
    ViewCase("api:matrix_municipality", PUBLIC, _matrix_row, html=False),
]


def _consultations(w):
    from tests.consultations.data import consultation_data

    consultation_data(w)
    return {"region": w.region.slug}


def _published_consultation(w):
    from tests.consultations.data import consultation_data

    return {"region": w.region.slug, "pk": consultation_data(w).published.pk}


def _open_consultation(w):
    from tests.consultations.data import consultation_data

    return {"region": w.region.slug, "pk": consultation_data(w).gr.pk}


CASES += [
    ViewCase("api:consultations", PUBLIC, _consultations, html=False),
    ViewCase("api:consultation", PUBLIC, _published_consultation, html=False),
    ViewCase(
        "api:consultation",
        NOBODY,
        _open_consultation,
        id="open",
        html=False,
        secret=lambda w: "Hoe duidelijk zijn onze brieven",
        refused=NOT_PUBLIC,
    ),
]
