from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspraak.signals.models import Figure, SignalSettings, SignalTheme, SignalTopic
from inspraak.topics.models import Topic
from tests.matrix import PUBLIC, ViewCase, allow
from tests.signals.data import signal_data

STAFF = allow("admin", "officer_region", "officer_municipality")
REGION_STAFF = allow("admin", "officer_region")
ADMIN = allow("admin")
PANEL = allow("admin", "officer_region", "secretary", "facilitator", "member")
PANEL_SUPPORT = allow("admin", "officer_region", "secretary", "facilitator")
ZEEDORP_BODY = allow("admin", "officer_region", "officer_municipality")
NEW_TOPIC = "Signaal uit de matrix"


def _region(w):
    signal_data(w)
    return {"region": w.region.slug}


def _theme(w):
    return {"region": w.region.slug, "pk": signal_data(w).themes["betaling"].pk}


def _link(w):
    return {"region": w.region.slug, "pk": signal_data(w).link.pk}


def _panel(w):
    signal_data(w)
    return {"region": w.region.slug, "body": w.body.slug}


def _zeedorp_body(w):
    signal_data(w)
    return {"region": w.region.slug, "body": w.municipal_body.slug}


def _make_topic(w):
    return {**_panel(w), "kind": "klachten", "theme": "brieven", "year": 2026, "quarter": 3}


def _figures(w):
    return list(Figure.objects.values_list("pk", "count", "score").order_by("pk"))


def _entered(count):
    return lambda w: Figure.objects.filter(count=count).exists()


def _enter_data(municipality, count):
    return lambda w: {
        "municipality": str(getattr(w, municipality).pk),
        "year": "2026",
        "quarter": "2",
        "klachten_brieven": str(count),
        "kto_brieven_score": "6,5",
        "kto_brieven_n": "40",
    }


def _csv(w):
    content = b"gemeente;jaar;kwartaal;soort;thema;aantal\nGM9001;2026;3;klachten;brieven;4567\n"
    return {"bestand": SimpleUploadedFile("signalen.csv", content, content_type="text/csv")}


def _staff_url(w):
    return reverse("signals:staff", args=[w.region.slug])


def _themes(w):
    return list(SignalTheme.objects.values_list("pk", "label", "active").order_by("pk"))


def _public(w):
    return SignalSettings.objects.filter(region=w.region, public=True).exists()


def _follow_ups(w):
    return list(SignalTopic.objects.values_list("pk", "follow_up").order_by("pk"))


def _topics(w):
    return Topic.objects.count()


CASES = [
    # Public when the region chooses so (the world's region does); small numbers hidden.
    ViewCase("signals:public", PUBLIC, _region),
    # GR staff: the beheerder and every policy officer of the region (a municipal one: their municipality).
    ViewCase("signals:staff", STAFF, _region, secret=lambda w: "4321"),
    ViewCase("signals:staff", STAFF, _region, id="filter", query={"soort": "klachten", "gemeente": "zeedorp"}),
    ViewCase("signals:enter", STAFF, _region),
    ViewCase(
        "signals:enter", STAFF, _region, id="gekozen", query={"gemeente": "zeedorp", "jaar": "2026", "kwartaal": "3"}
    ),
    ViewCase(
        "signals:enter",
        STAFF,
        _region,
        method="post",
        id="zeedorp",
        data=_enter_data("municipality", 5551),
        changed=_entered(5551),
        redirect=_staff_url,
        unchanged=_figures,
    ),
    ViewCase(
        "signals:enter",
        REGION_STAFF,
        _region,
        method="post",
        id="duinstad",
        data=_enter_data("municipality_2", 5552),
        changed=_entered(5552),
        redirect=_staff_url,
        unchanged=_figures,
    ),
    ViewCase("signals:import_csv", STAFF, _region),
    ViewCase(
        "signals:import_csv",
        STAFF,
        _region,
        method="post",
        data=_csv,
        changed=_entered(4567),
        redirect=_staff_url,
        unchanged=_figures,
    ),
    ViewCase("signals:example_csv", STAFF, _region, html=False),
    # The theme list and the public choice are the beheerder's.
    ViewCase("signals:themes", ADMIN, _region),
    ViewCase(
        "signals:themes",
        ADMIN,
        _region,
        method="post",
        data=lambda w: {"label": "Re-integratie"},
        changed=lambda w: SignalTheme.objects.filter(label="Re-integratie").exists(),
        redirect=lambda w: reverse("signals:themes", args=[w.region.slug]),
        unchanged=_themes,
    ),
    ViewCase("signals:theme_edit", ADMIN, _theme),
    ViewCase(
        "signals:theme_edit",
        ADMIN,
        _theme,
        method="post",
        data=lambda w: {"label": "Betaling op tijd"},
        changed=lambda w: SignalTheme.objects.filter(label="Betaling op tijd", active=False).exists(),
        redirect=lambda w: reverse("signals:themes", args=[w.region.slug]),
        unchanged=_themes,
    ),
    ViewCase("signals:settings", ADMIN, _region),
    ViewCase(
        "signals:settings",
        ADMIN,
        _region,
        method="post",
        data=lambda w: {},
        changed=lambda w: not _public(w),
        redirect=_staff_url,
        unchanged=_public,
    ),
    # What the GR did with a signal of the regional panel: the beheerder and the GR's policy officers.
    ViewCase("signals:follow_up", REGION_STAFF, _link),
    ViewCase(
        "signals:follow_up",
        REGION_STAFF,
        _link,
        method="post",
        data=lambda w: {"follow_up": "De brieven zijn herschreven."},
        changed=lambda w: SignalTopic.objects.filter(follow_up="De brieven zijn herschreven.").exists(),
        redirect=lambda w: reverse("signals:body", args=[w.region.slug, w.body.slug]),
        unchanged=_follow_ups,
    ),
    # A group's signals: its own people and the region's staff; never the finance role.
    ViewCase("signals:body", PANEL, _panel, secret=lambda w: "4321"),
    ViewCase("signals:body", ZEEDORP_BODY, _zeedorp_body, id="gemeente"),
    # A municipal group never sees another municipality's signals.
    ViewCase(
        "signals:body",
        frozenset(),
        _zeedorp_body,
        id="andere-gemeente",
        query={"gemeente": "duinstad"},
        refused={"admin": 404, "officer_region": 404, "officer_municipality": 404},
    ),
    ViewCase("signals:make_topic", PANEL_SUPPORT, _make_topic),
    ViewCase(
        "signals:make_topic",
        PANEL_SUPPORT,
        _make_topic,
        method="post",
        data=lambda w: {"title": NEW_TOPIC, "description": "Veel meer klachten over brieven."},
        changed=lambda w: Topic.objects.filter(title=NEW_TOPIC, signal__isnull=False).exists(),
        redirect=lambda w: reverse("signals:body", args=[w.region.slug, w.body.slug]),
        unchanged=_topics,
    ),
    ViewCase(
        "signals:make_topic",
        frozenset(),
        lambda w: {**_make_topic(w), "theme": "bestaat-niet"},
        id="onbekend-thema",
        refused={a: 404 for a in PANEL_SUPPORT},
    ),
]
