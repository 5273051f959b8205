from tests.matrix import LOGGED_IN, PUBLIC, ViewCase, allow


def _body(w):
    return {"region": w.region.slug, "body": w.body.slug}


def _municipal_body(w):
    """The adviesraad of Zeedorp: nobody holds a role in it."""
    return {"region": w.region.slug, "body": w.municipal_body.slug}


BODY_READERS = allow("admin", "officer_region", "secretary", "facilitator", "member")

CASES = [
    ViewCase("dashboards:home", PUBLIC),
    ViewCase("dashboards:accessibility", PUBLIC),
    ViewCase("dashboards:privacy", PUBLIC),
    ViewCase("dashboards:dashboard", LOGGED_IN),
    ViewCase("dashboards:body", PUBLIC, _body),
    ViewCase("dashboards:body_dashboard", BODY_READERS, _body, secret=lambda w: "Test secretary"),
    ViewCase(
        "dashboards:body_dashboard",
        allow("admin", "officer_region", "officer_municipality"),
        _municipal_body,
        id="municipal",
    ),
    ViewCase(
        "dashboards:manage_home", allow("admin", "other_region_admin"), refused={"plain": 403}
    ),  # no region in the URL
]
