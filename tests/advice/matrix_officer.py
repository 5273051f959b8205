"""Matrix cases of the officer's full lists (the dashboard itself is declared in tests/policy/matrix.py): the same
readers as the dashboard, the GR officer, the municipal officer and the beheerder; 404 outside the region, 403
inside without the right, a login redirect for an anonymous visitor."""

from tests.matrix import ViewCase, allow
from tests.policy.data import policy

READERS = allow("officer_region", "officer_municipality", "admin")


def _region(w):
    policy(w)
    return {"region": w.region.slug}


def _request_title(w):
    return policy(w).proposal.title


def _advice_subject(w):
    return policy(w).unsolicited.subject


CASES = [
    ViewCase("advice:officer_open_requests", READERS, _region, secret=_request_title),
    ViewCase("advice:officer_open_requests", READERS, _region, id="pagina", query={"pagina": "2"}),
    ViewCase("advice:officer_awaiting", READERS, _region, secret=_advice_subject),
    ViewCase("advice:officer_awaiting", READERS, _region, id="pagina", query={"pagina": "2"}),
]
