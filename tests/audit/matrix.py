from tests.matrix import ViewCase, allow

CASES = [
    ViewCase("audit:log", allow("admin"), lambda w: {"region": w.region.slug}),
]
