from inspraak.compliance.models import MatrixSettings
from inspraak.regions.models import Municipality
from tests.compliance.data import compliance_data
from tests.matrix import PUBLIC, ViewCase, allow, everyone, to

ADMIN = allow("admin")
UNKNOWN = everyone(404, anonymous=404)


def _region(w):
    compliance_data(w)
    return {"region": w.region.slug}


def _municipality(w):
    compliance_data(w)
    return {"region": w.region.slug, "municipality": w.municipality.slug}


def _many_municipalities(w):
    """Enough municipalities for a second page of the matrix (25 rows a page)."""
    compliance_data(w)
    for k in range(30):
        Municipality.objects.get_or_create(
            region=w.region, slug=f"gemeente-{k:02d}", defaults={"name": f"Gemeente {k:02d}", "cbs_code": f"GM7{k:03d}"}
        )
    return {"region": w.region.slug}


def _other_municipality(w):
    return {"region": w.region.slug, "municipality": w.other_municipality.slug}


def _settings_changed(w):
    return MatrixSettings.objects.filter(region=w.region, topic_answer_weeks=6, full_share=80).exists()


def _settings_state(w):
    return list(MatrixSettings.objects.filter(region=w.region).values_list("topic_answer_weeks", "version"))


CASES = [
    ViewCase("compliance:matrix", PUBLIC, _region),
    ViewCase("compliance:matrix", PUBLIC, _region, id="vorig-jaar", query={"jaar": "2025"}),
    ViewCase("compliance:matrix", PUBLIC, _region, id="fout-jaar", query={"jaar": "abc"}),
    ViewCase("compliance:matrix", PUBLIC, _region, id="niet-voldoet", query={"niet": "alles"}),
    ViewCase("compliance:matrix", PUBLIC, _region, id="niet-voldoet-a", query={"niet": "a"}),
    ViewCase("compliance:matrix", PUBLIC, _many_municipalities, id="pagina-2", query={"pagina": "2"}),
    ViewCase("compliance:csv", PUBLIC, _region, html=False),
    ViewCase("compliance:region_evidence", PUBLIC, _region),
    ViewCase("compliance:municipality_evidence", PUBLIC, _municipality),
    # A municipality of another region is not part of this region's matrix.
    ViewCase(
        "compliance:municipality_evidence",
        frozenset(),
        _other_municipality,
        id="andere-regio",
        refused=UNKNOWN,
    ),
    ViewCase("compliance:settings", ADMIN, _region),
    ViewCase(
        "compliance:settings",
        ADMIN,
        _region,
        method="post",
        data=lambda w: {"topic_answer_weeks": 6, "full_share": 80, "partial_share": 40, "version": 0},
        changed=_settings_changed,
        unchanged=_settings_state,
        redirect=to("compliance:matrix", lambda w: {"region": w.region.slug}),
    ),
]
