"""The open data API (ADR 19): every endpoint is public; what is not public is a 404 for everyone."""

from tests.agenda.data import agenda
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


CASES = [
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
]
