"""The signals pages and services: entry and CSV import with history, what each group sees (only its own
municipalities), the notable flag, a signal to the agenda in one step, the public page with small numbers hidden, the
lead's selectors and fixed query counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.audit.models import AuditEvent
from inspraak.signals import rules, selectors, services
from inspraak.signals.models import Figure, SignalEntry, SignalSettings, SignalTheme, SignalTopic
from inspraak.topics.models import TopicStatus
from tests.factories import MunicipalityFactory, UserFactory
from tests.meetings.data import upcoming
from tests.quality.queries import assert_constant_queries
from tests.signals.data import signal_data
from tests.world import TODAY

pytestmark = pytest.mark.django_db


def login(client, world, actor):
    client.force_login(world.user(actor))
    return client


def text(response) -> str:
    return response.content.decode()


def staff_url(world, name="staff", **kwargs):
    return reverse(f"signals:{name}", kwargs={"region": world.region.slug, **kwargs})


def body_url(world, body=None):
    return reverse("signals:body", args=[world.region.slug, (body or world.body).slug])


def zeedorp_secretary(world):
    user = UserFactory(email="secretaris-zeedorp@example.org")
    RoleAssignment.objects.create(user=user, role=Role.SECRETARY, region=world.region, body=world.municipal_body)
    return user


def csv_file(content: str, encoding="utf-8"):
    return SimpleUploadedFile("signalen.csv", content.encode(encoding), content_type="text/csv")


# ---------------------------------------------------------------- what a group sees


def test_the_panel_sees_the_trend_of_all_its_municipalities_with_the_notable_rise(client, world):
    signal_data(world)
    page = text(login(client, world, "member").get(body_url(world)))
    # Zeedorp 20 + Duinstad 9 = 29 complaints about letters in K3 2026; the four quarters before: 21, 19, 17, 19
    assert "Opvallend: 53 % meer klachten over brieven en uitleg dan gemiddeld (29, gemiddeld 19 in" in page
    assert 'role="img"' in page and "<desc" in page and "K3 2026: 29" in page
    assert "Zet dit op de agenda" not in page  # a member sees, the secretary acts
    assert "4321" not in page  # the other region


def test_a_municipal_group_sees_only_its_own_municipality(client, world):
    signal_data(world)
    client.force_login(zeedorp_secretary(world))
    page = text(client.get(body_url(world, world.municipal_body)))
    assert "Zeedorp" in page and "Duinstad" not in page
    assert "4,2" not in page  # Duinstad's KTO score for letters
    assert "6,6" in page
    assert "Opvallend: 67 % meer klachten" in page  # Zeedorp alone: 20 against 12
    response = client.get(body_url(world, world.municipal_body), {"gemeente": "duinstad"})
    assert response.status_code == 404


def test_the_finance_role_and_a_plain_user_see_no_signals(client, world):
    signal_data(world)
    assert login(client, world, "finance").get(body_url(world)).status_code == 403
    assert login(client, world, "finance").get(staff_url(world)).status_code == 403
    assert login(client, world, "plain").get(body_url(world)).status_code == 404


def test_filtering_by_kind_and_municipality(client, world):
    signal_data(world)
    page = text(login(client, world, "secretary").get(body_url(world), {"soort": "klachten", "gemeente": "duinstad"}))
    assert "Klanttevredenheid (KTO)</h2>" not in page and "Klachten</h2>" in page
    assert "K3 2026: 9" in page and "Opvallend" not in page  # Duinstad alone: 9 cases


# ---------------------------------------------------------------- entry, import, history


def test_entering_a_quarter_replaces_it_and_keeps_the_old_numbers_in_the_history(client, world):
    data = signal_data(world)
    login(client, world, "officer_municipality")
    page = text(client.get(staff_url(world, "enter"), {"gemeente": "zeedorp", "jaar": "2026", "kwartaal": "3"}))
    assert "al 5 cijfers" in page and 'value="20"' in page and 'value="6,6"' in page
    response = client.post(
        staff_url(world, "enter"),
        {
            "municipality": world.municipality.pk,
            "year": "2026",
            "quarter": "3",
            "klachten_brieven": "22",
            "kto_brieven_score": "6,1",
            "kto_brieven_n": "77",
            "bezwaren_aantal": "16",
            "bezwaren_gegrond": "3",
            "bron": "Klachtregistratie",
        },
    )
    assert response.status_code == 302
    figures = Figure.objects.filter(municipality=world.municipality, year=2026, quarter=3)
    assert figures.count() == 3
    assert figures.get(kind="kto").score == Decimal("6.1")
    entry = SignalEntry.objects.get(municipality=world.municipality, year=2026, quarter=3)
    assert entry.replaced_count == 5
    assert {"kind": "klachten", "theme": "brieven", "count": 20}.items() <= next(
        p for p in entry.previous if p["kind"] == "klachten" and p["theme"] == "brieven"
    ).items()
    assert AuditEvent.objects.filter(action="signals.enter", target_label__contains="GM9001 K3 2026").exists()
    assert data.themes["brieven"].pk


def test_the_entry_form_keeps_what_was_typed_and_says_what_is_wrong(client, world):
    signal_data(world)
    response = login(client, world, "admin").post(
        staff_url(world, "enter"),
        {
            "municipality": world.municipality.pk,
            "year": str(TODAY.year),
            "quarter": "4",
            "kto_brieven_score": "11",
            "klachten_brieven": "veel",
            "bezwaren_aantal": "3",
            "bezwaren_gegrond": "4",
        },
    )
    page = text(response)
    assert response.status_code == 200
    assert "Vul een cijfer in van 1 tot 10" in page and "Vul een heel getal in" in page
    assert "meer dan het aantal bezwaren" in page
    assert 'value="veel"' in page


def test_a_municipal_officer_cannot_enter_for_another_municipality(client, world):
    signal_data(world)
    response = login(client, world, "officer_municipality").post(
        staff_url(world, "enter"), {"municipality": world.municipality_2.pk, "year": "2026", "quarter": "2"}
    )
    assert response.status_code == 403


def test_a_csv_file_with_errors_writes_nothing_and_names_line_and_column(client, world):
    signal_data(world)
    before = Figure.objects.count()
    content = (
        "gemeente;jaar;kwartaal;soort;thema;aantal;cijfer\n"
        "GM9001;2026;3;klachten;brieven;12;\n"
        "Atlantis;2026;3;klachten;brieven;12;\n"
        "GM9001;2026;7;kto;brieven;40;11\n"
        "GM9001;2026;3;klachten;brieven;13;\n"
    )
    response = login(client, world, "admin").post(staff_url(world, "import_csv"), {"bestand": csv_file(content)})
    page = text(response)
    assert response.status_code == 400
    assert "Regel 3, kolom gemeente: Deze gemeente hoort niet bij de regio" in page
    assert "Regel 4, kolom kwartaal" in page and "Regel 4, kolom cijfer" in page
    assert "Regel 5, kolom thema: Dit cijfer staat al op regel 2" in page
    assert Figure.objects.count() == before


def test_a_windows_csv_with_commas_is_read_and_a_reimport_replaces_that_quarter_only(client, world):
    signal_data(world)
    content = (
        "gemeente,jaar,kwartaal,soort,thema,aantal,cijfer,gegrond,ongegrond,ingetrokken,bron\n"
        'Zeedorp,2026,3,kto,Bejegening,50,"6,9",,,,Enquête\n'
        "Zeedorp,2026,3,bezwaren,,12,,2,8,2,Bezwaarregistratie\n"
    )
    response = login(client, world, "admin").post(
        staff_url(world, "import_csv"), {"bestand": csv_file(content, "cp1252")}
    )
    assert response.status_code == 302
    quarter = Figure.objects.filter(municipality=world.municipality, year=2026, quarter=3)
    assert quarter.get(kind="kto").score == Decimal("6.9")  # KTO replaced: only bejegening now
    assert quarter.get(kind="bezwaren").upheld == 2
    assert quarter.filter(kind="klachten").count() == 2  # complaints were not in the file: kept
    assert quarter.get(kind="kto").source == "Enquête"
    assert SignalEntry.objects.filter(source="csv", replaced_count=3).exists()


def test_the_example_file_can_be_read_as_it_is(client, world):
    signal_data(world)
    login(client, world, "admin")
    example = client.get(staff_url(world, "example_csv")).content
    assert example.startswith("\ufeff".encode())
    response = client.post(staff_url(world, "import_csv"), {"bestand": SimpleUploadedFile("v.csv", example)})
    assert response.status_code == 302


def test_a_source_note_naming_a_client_is_refused(world):
    signal_data(world)
    theme = SignalTheme.objects.get(region=world.region, key="brieven")
    with pytest.raises(services.SignalError) as refused:
        services.figures_replace(
            region=world.region,
            municipality=world.municipality,
            quarter=rules.Quarter(2026, 1),
            rows=[services.FigureRow(rules.COMPLAINTS, theme, count=3, source="Gesprek met Geheime Cliënt")],
            by=world.user("admin"),
            today=TODAY,
        )
    assert refused.value.code == "client_named"


def test_themes_are_seeded_once_with_the_labels_of_topics(world):
    themes = services.themes_ensure(region=world.region)
    assert [t.key for t in themes] == ["brieven", "bejegening", "afspraken", "bereikbaarheid", "betaling"]
    assert themes[0].label == "Brieven en uitleg" and themes[0].topic_theme == "brieven"
    assert services.themes_ensure(region=world.region) == themes


# ---------------------------------------------------------------- a signal to the agenda


def test_a_signal_goes_on_the_agenda_in_one_step_and_shows_the_answer_and_what_the_gr_did(client, world):
    signal_data(world)
    meeting = upcoming(world)
    login(client, world, "facilitator")
    url = reverse("signals:make_topic", args=[world.region.slug, world.body.slug, "klachten", "brieven", 2026, 3])
    form = text(client.get(url))
    assert "In K3 2026 waren er in Duinstad en Zeedorp 29 klachten over brieven en uitleg." in form
    assert "Opvallend: 53 % meer klachten" in form
    response = client.post(url, {"title": "Brieven te moeilijk", "description": "29 klachten.", "meeting": meeting.pk})
    assert response.status_code == 302
    link = SignalTopic.objects.get(topic__title="Brieven te moeilijk")
    assert link.topic.status == TopicStatus.ON_AGENDA and link.topic.meeting == meeting
    assert link.topic.theme == "brieven" and link.period == rules.Quarter(2026, 3)
    assert meeting.agenda_items.filter(topic=link.topic).exists()
    link.topic.answer = "De regio herschrijft de brieven."
    link.topic.save()
    services.follow_up_set(link=link, text="Nieuwe brieven sinds januari.", by=world.user("officer_region"))
    page = text(login(client, world, "member").get(body_url(world)))
    assert "Brieven te moeilijk" in page and "Op de agenda" in page
    assert "De regio herschrijft de brieven." in page and "Nieuwe brieven sinds januari." in page


def test_the_topic_page_tag_links_back_to_the_signal(world):
    from django.template import Context, Template

    data = signal_data(world)
    html = Template("{% load signals_tags %}{% signal_origin topic %}").render(Context({"topic": data.link.topic}))
    assert "Komt uit signalen" in html and body_url(world) in html


# ---------------------------------------------------------------- public page


def test_the_public_page_hides_small_numbers_and_is_gone_when_not_public(client, world):
    signal_data(world)
    page = text(client.get(reverse("signals:public", args=[world.region.slug])))
    assert "Opvallend: 53 % meer klachten" in page
    assert "minder dan 5" in page  # 3 complaints about bejegening per municipality in Duinstad alone…
    page = text(client.get(reverse("signals:public", args=[world.region.slug]), {"gemeente": "zeedorp"}))
    assert "gegrond minder dan 5" in page  # Zeedorp: 2 upheld objections
    assert "Onderwerp" not in page and "Klachten over brieven in K3 2026" not in page
    SignalSettings.objects.filter(region=world.region).update(public=False)
    assert client.get(reverse("signals:public", args=[world.region.slug])).status_code == 404
    assert client.get(reverse("signals:public", args=[world.other_region.slug])).status_code == 404


# ---------------------------------------------------------------- for the lead


def test_notable_for_body_and_the_year_summary(world):
    signal_data(world)
    found = selectors.notable_for_body(body=world.body, today=TODAY)
    assert [(s.kind, s.theme.key, s.notable.cases) for s in found] == [("klachten", "brieven", 29)]
    summary = selectors.year_summary(region=world.region, year=2026, body=world.municipal_body)
    assert summary["klachten"] == {"count": 11 + 12 + 20 + 3 * 3, "quarters": 3}
    assert summary["bezwaren"]["count"] == 45 and summary["bezwaren"]["upheld"] == 6
    assert summary["kto"]["score"] == Decimal("7.0") and summary["kto"]["quarters"] == 3
    region_summary = selectors.year_summary(region=world.region, year=2026)
    assert region_summary["bezwaren"]["count"] == 45 + 3 * 41


# ---------------------------------------------------------------- queries do not grow


def _more_quarters_and_themes(world):
    themes = [services.theme_add(region=world.region, label=f"Thema {n}", by=world.user("admin")) for n in range(3)]
    extra = MunicipalityFactory(region=world.region, name="Nieuwdorp", slug="nieuwdorp", cbs_code="GM9003")
    for quarter in rules.quarters_up_to(rules.Quarter(2026, 3), 12):
        for municipality in (world.municipality, world.municipality_2, extra):
            Figure.objects.bulk_create(
                Figure(
                    region=world.region,
                    municipality=municipality,
                    year=quarter.year,
                    quarter=quarter.quarter,
                    kind="klachten",
                    theme=theme,
                    count=7,
                )
                for theme in themes
            )


@pytest.mark.parametrize("actor,name", [("secretary", "body"), ("officer_region", "staff"), ("anonymous", "public")])
def test_the_pages_run_a_fixed_number_of_queries(client, world, actor, name):
    signal_data(world)
    if actor != "anonymous":
        login(client, world, actor)
    url = {
        "body": body_url(world),
        "staff": staff_url(world),
        "public": reverse("signals:public", args=[world.region.slug]),
    }[name]
    assert_constant_queries(client, url, lambda: _more_quarters_and_themes(world))
