from tests.matrix import PUBLIC, ViewCase, everyone
from tests.policy.data import policy
from tests.register.data import DRAFT_SECRET, register_data

NOBODY = frozenset()


def _region(w):
    register_data(w)
    return {"region": w.region.slug}


def _advice(w):
    return {"region": w.region.slug, "pk": register_data(w).advice.pk}


def _draft(w):
    return {"region": w.region.slug, "pk": register_data(w).draft.pk}


def _proposal(w):
    return {"region": w.region.slug, "pk": register_data(w).decided.pk}


def _preparing(w):
    return {"region": w.region.slug, "pk": register_data(w).preparing.pk}


def _without_advice(w):
    policy(w)  # "decided": a Zeedorp proposal decided without advice, with the reason
    return {"region": w.region.slug}


def _draft_secret(w):
    return DRAFT_SECRET


NOT_PUBLISHED = everyone(404, anonymous=404)  # the public register does not know what is not published

CASES = [
    ViewCase("register:index", PUBLIC, _region),
    ViewCase("register:index", PUBLIC, _region, id="gefilterd", query={"gemeente": "zeedorp", "soort": "gevraagd"}),
    ViewCase("register:index", PUBLIC, _region, id="foute-filter", query={"jaar": "1999", "orgaan": "bestaat-niet"}),
    ViewCase("register:advice", PUBLIC, _advice),
    # A draft is not public for anyone, not even for the body's own people (they have their own pages).
    ViewCase("register:advice", NOBODY, _draft, id="concept", secret=_draft_secret, refused=NOT_PUBLISHED),
    ViewCase("register:proposal", PUBLIC, _proposal),
    ViewCase(
        "register:proposal",
        NOBODY,
        _preparing,
        id="voorbereiding",
        secret=lambda w: "Nog in voorbereiding",
        refused=NOT_PUBLISHED,
    ),
    ViewCase("register:without_advice", PUBLIC, _without_advice),
    ViewCase("register:without_advice", PUBLIC, _without_advice, id="pagina", query={"pagina": "99"}),
    ViewCase("register:csv", PUBLIC, _region, html=False),
    # The JSON moved to /api/v1 without trailing slashes (tests/api/matrix.py, also for a proposal in
    # preparation); the former URLs answer a permanent redirect for everyone.
    ViewCase("register:api_advices", PUBLIC, _region, html=False, status=308),
    ViewCase("register:api_proposal", PUBLIC, _proposal, html=False, status=308),
]
