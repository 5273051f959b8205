from tests.matrix import ViewCase, allow


def _r(w):
    return {"region": w.region.slug}


CASES = [
    ViewCase("audit:log", allow("admin"), _r),
    ViewCase("audit:log", allow("admin"), _r, query={"handeling": "body.update", "soort": "body"}, id="filtered"),
]
