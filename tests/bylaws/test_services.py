"""Writes of the verordening register: history, audit rows, the version check, the PDF check and the CSV import."""

from __future__ import annotations

import datetime

import pytest

from inspraak.audit.models import AuditEvent
from inspraak.bylaws import csvformat, services
from inspraak.bylaws.models import Bylaw, BylawEvent
from inspraak.core.versioning import StaleEdit
from tests.bylaws.data import TINY_PDF, bylaw_data

pytestmark = pytest.mark.django_db
D = datetime.date
HEADER = "gemeente;titel;vastgesteld_door;vastgesteld_op;geldt_vanaf;geldt_tot;grondslag;doelgroep;a;b;c;d;e;groepen"


def fields(world, **changes):
    values = {
        "municipality": world.municipality,
        "title": "Verordening cliëntenparticipatie 2026",
        "adopted_by": "gemeenteraad",
        "adopted_on": D(2025, 12, 10),
        "in_force_from": D(2026, 1, 1),
        "legal_basis": "participatiewet",
        "target_group": "art_7_1_7a",
        "element_a": True,
        "element_a_article": "art. 3",
    }
    values.update(changes)
    return values


def audit(action):
    return list(AuditEvent.objects.filter(action=action))


def test_recording_a_text_appends_its_history_and_one_audit_row(world):
    admin = world.user("admin")
    bylaw = services.create_bylaw(region=world.region, by=admin, bodies=[world.municipal_body], **fields(world))
    (event,) = bylaw.events.all()
    assert event.kind == BylawEvent.Kind.CREATED and event.by == admin
    assert "designated_bodies" in event.changed_fields and "title" in event.changed_fields
    (row,) = audit("bylaw.create")
    assert row.target_id == str(bylaw.pk) and row.region == world.region
    assert row.target_label == f"verordening #{bylaw.pk}"
    assert list(bylaw.designated_bodies.all()) == [world.municipal_body]
    assert bylaw.created_by == admin and bylaw.version == 1


def test_a_text_of_the_gr_itself_has_no_municipality(world):
    bylaw = services.create_bylaw(region=world.region, by=None, **fields(world, municipality=None))
    assert bylaw.municipality is None


def test_a_municipality_or_body_of_another_region_is_refused(world):
    with pytest.raises(services.BylawError) as error:
        services.create_bylaw(region=world.region, by=None, **fields(world, municipality=world.other_municipality))
    assert error.value.code == "municipality_out_of_region"
    with pytest.raises(services.BylawError) as error:
        services.create_bylaw(region=world.region, by=None, bodies=[world.other_body], **fields(world))
    assert error.value.code == "body_out_of_region"
    assert not Bylaw.objects.filter(title="Verordening cliëntenparticipatie 2026").exists()


def test_a_pdf_is_stored_with_its_size_and_anything_else_is_refused(world):
    bylaw = services.create_bylaw(region=world.region, by=None, document=TINY_PDF, **fields(world))
    assert bylaw.file.name.endswith(".pdf") and bylaw.file_size == len(TINY_PDF)
    assert "file" in bylaw.events.get().changed_fields
    with pytest.raises(services.BylawError) as error:
        services.create_bylaw(region=world.region, by=None, document=b"gewoon tekst", **fields(world, title="X"))
    assert error.value.code == "file_type"
    assert not Bylaw.objects.filter(title="X").exists()


def test_an_edit_names_the_changed_fields_in_history_and_audit(world):
    bylaw = bylaw_data(world).zeedorp
    officer = world.user("officer_municipality")
    services.update_bylaw(bylaw=bylaw, by=officer, version=bylaw.version, title="Nieuwe titel", element_b=False)
    event = bylaw.events.order_by("pk").last()
    assert event.kind == BylawEvent.Kind.EDITED and event.by == officer
    assert event.changed_fields == ["element_b", "title"]
    (row,) = audit("bylaw.update")
    assert sorted(row.changed_fields) == ["element_b", "title"]
    bylaw.refresh_from_db()
    assert bylaw.title == "Nieuwe titel" and bylaw.version == 2


def test_an_edit_that_changes_nothing_writes_nothing(world):
    bylaw = bylaw_data(world).zeedorp
    services.update_bylaw(bylaw=bylaw, by=None, version=bylaw.version, title=bylaw.title, bodies=[world.municipal_body])
    assert bylaw.events.count() == 1 and not audit("bylaw.update")


def test_a_stale_edit_is_refused_and_writes_nothing(world):
    bylaw = bylaw_data(world).zeedorp
    services.update_bylaw(bylaw=Bylaw.objects.get(pk=bylaw.pk), by=None, version=1, title="Eerst opgeslagen")
    with pytest.raises(StaleEdit) as stale:
        services.update_bylaw(bylaw=bylaw, by=None, version=1, title="Later opgeslagen")
    assert stale.value.current.title == "Eerst opgeslagen" and stale.value.version == 2
    assert Bylaw.objects.get(pk=bylaw.pk).title == "Eerst opgeslagen"
    assert len(audit("bylaw.update")) == 1


def test_setting_an_end_date_is_recorded_as_ended_and_changing_bodies_is_named(world):
    bylaw = bylaw_data(world).duinstad
    services.update_bylaw(bylaw=bylaw, by=None, version=bylaw.version, in_force_until=D(2026, 6, 30))
    assert bylaw.events.order_by("pk").last().kind == BylawEvent.Kind.ENDED
    services.update_bylaw(bylaw=bylaw, by=None, version=bylaw.version, bodies=[world.body])
    event = bylaw.events.order_by("pk").last()
    assert event.kind == BylawEvent.Kind.EDITED and event.changed_fields == ["designated_bodies"]


# ---------------------------------------------------------------- CSV import


def read(world, text: str, *, encoding="utf-8", **kwargs):
    return services.import_bylaws_csv(region=world.region, by=world.user("admin"), data=text.encode(encoding), **kwargs)


def test_a_semicolon_file_with_a_bom_is_read_with_history_and_one_audit_row_per_text(world):
    text = "\ufeff" + "\n".join(
        [
            HEADER,
            "GM9001;Verordening Zeedorp 2026;gemeenteraad;10-12-2025;2026-01-01;;participatiewet;art_7_1_7a;"
            "ja;ja;ja;ja;ja;asd-zeedorp",
            "Duinstad;Oude tekst Duinstad;Gemeenteraad;1-12-2008;01-01-2009;31-12-2025;wwb;art_7_1;nee;nee;ja;ja;ja;",
            ";Reglement GR;algemeen_bestuur;01-03-2022;01-04-2022;;participatiewet;art_7_1;nee;nee;ja;ja;nee;"
            "clientenpanel",
        ]
    )
    result = read(world, text)
    zeedorp, duinstad, gr = result.bylaws
    assert zeedorp.municipality == world.municipality and zeedorp.in_force_from == D(2026, 1, 1)
    assert list(zeedorp.designated_bodies.all()) == [world.municipal_body]
    assert duinstad.municipality == world.municipality_2 and duinstad.in_force_until == D(2025, 12, 31)
    assert duinstad.adopted_on == D(2008, 12, 1) and not duinstad.element_a and duinstad.element_c
    assert gr.municipality is None and gr.adopted_by == "algemeen_bestuur"
    assert all(b.events.get().kind == BylawEvent.Kind.IMPORTED for b in result.bylaws)
    assert len(audit("bylaw.import")) == 3


def test_a_comma_separated_file_works_too(world):
    text = (
        HEADER.replace(";", ",")
        + "\nGM9002,Tekst,gemeenteraad,10-12-2025,01-01-2026,,participatiewet,art_7_1_7a,ja,ja,ja,ja,ja,\n"
    )
    (bylaw,) = read(world, text).bylaws
    assert bylaw.municipality == world.municipality_2


def test_a_windows_1252_file_from_older_excel_keeps_its_accents(world):
    text = (
        HEADER
        + "\nGM9002;Verordening cliëntenparticipatie;gemeenteraad;10-12-2025;01-01-2026;;wwb;art_7_1;ja;ja;ja;ja;ja;\n"
    )
    (bylaw,) = read(world, text, encoding="cp1252").bylaws
    assert bylaw.title == "Verordening cliëntenparticipatie"


def test_a_file_with_errors_writes_nothing_and_names_every_error_by_line_and_column(world):
    before = Bylaw.objects.count()
    text = "\n".join(
        [
            HEADER + ";cvdr",
            "GM9001;Goede regel;gemeenteraad;10-12-2025;01-01-2026;;participatiewet;art_7_1_7a;ja;ja;ja;ja;ja;;",
            "GM0000;;de wethouder;31-02-2025;morgen;;bijstand;art_7_1;misschien;ja;ja;ja;ja;bestaat-niet;CVDR12X",
            "GM9002;Tot voor vanaf;gemeenteraad;10-12-2025;01-01-2026;01-01-2025;wwb;art_7_1;ja;ja;ja;ja;ja;;",
        ]
    )
    with pytest.raises(services.BylawError) as error:
        read(world, text)
    assert Bylaw.objects.count() == before
    assert not audit("bylaw.import")
    found = {(e.line, e.column) for e in error.value.errors}
    assert {
        (3, "gemeente"),
        (3, "titel"),
        (3, "vastgesteld_door"),
        (3, "vastgesteld_op"),
        (3, "geldt_vanaf"),
        (3, "grondslag"),
        (3, "a"),
        (3, "groepen"),
        (4, "geldt_tot"),
    } <= found
    messages = {(e.line, e.column): e.message for e in error.value.errors}
    assert "31-02-2025" in messages[(3, "vastgesteld_op")] and "31-12-2024" in messages[(3, "vastgesteld_op")]
    assert "participatiewet" in messages[(3, "grondslag")]
    assert not any(e.line == 2 for e in error.value.errors)


def test_the_model_checks_each_row_too(world):
    text = (
        HEADER
        + ";cvdr\nGM9001;Tekst;gemeenteraad;10-12-2025;01-01-2026;;participatiewet;art_7_1_7a;ja;ja;ja;ja;ja;;CVDR12X\n"
    )
    with pytest.raises(services.BylawError) as error:
        read(world, text)
    assert [(e.line, e.column) for e in error.value.errors] == [(2, "cvdr")]


def test_a_header_with_unknown_or_missing_columns_is_refused_before_any_row(world):
    with pytest.raises(services.BylawError) as error:
        read(world, "gemeente;titel;kleur\nGM9001;Tekst;rood\n")
    columns = {e.column for e in error.value.errors}
    assert "kleur" in columns and {"vastgesteld_door", "geldt_vanaf", "grondslag", "doelgroep"} <= columns
    assert all(e.line == 1 for e in error.value.errors)


def test_an_empty_file_and_a_header_only_file_are_refused(world):
    for text in ("", HEADER + "\n"):
        with pytest.raises(services.BylawError):
            read(world, text)


def test_rows_outside_the_persons_scope_are_refused(world):
    text = HEADER + "\nGM9002;Tekst;gemeenteraad;10-12-2025;01-01-2026;;participatiewet;art_7_1_7a;ja;ja;ja;ja;ja;\n"
    with pytest.raises(services.BylawError) as error:
        read(world, text, may_record=lambda municipality: municipality == world.municipality)
    assert [(e.line, e.column) for e in error.value.errors] == [(2, "gemeente")]


def test_the_example_file_can_be_read_in_as_it_is(world):
    example = csvformat.example_csv(cbs_code="GM9001", body_slug="clientenpanel")
    first, gr = read(world, example).bylaws
    assert first.municipality == world.municipality and first.element_e and first.cvdr_id == "CVDR700001"
    assert list(first.designated_bodies.all()) == [world.body]
    assert gr.municipality is None and gr.other_bodies == "Werkgroep vervoer"


def test_a_date_format_other_than_dutch_or_iso_is_refused():
    assert csvformat.parse_date("1-1-2024") == D(2024, 1, 1)
    assert csvformat.parse_date("2024-01-31") == D(2024, 1, 31)
    assert csvformat.parse_date("") is None
    for wrong in ("01/31/24", "2024/01/31x", "31-13-2024"):
        with pytest.raises(ValueError):
            csvformat.parse_date(wrong)
