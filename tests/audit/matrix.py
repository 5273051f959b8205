from tests.matrix import ViewCase, allow


def _r(w):
    return {"region": w.region.slug}


CASES = [
    ViewCase("regions:audit_log", allow("admin"), _r),
    ViewCase(
        "regions:audit_log", allow("admin"), _r, query={"handeling": "body.update", "soort": "body"}, id="filtered"
    ),
]
