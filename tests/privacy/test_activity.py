"""Export and erasure cover everything a person did in the bodies (probe finding H3): replies and their needs,
invitations, topics, votes, comments on draft advice, attendance, and the texts of others that name the person."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.urls import reverse

from inspraak.accounts import services as account_services
from inspraak.accounts.models import Role
from inspraak.advice import services as advice_services
from inspraak.advice.models import AdviceComment
from inspraak.agenda import services as agenda_services
from inspraak.agenda.models import Invitation, ItemSource, Reply
from inspraak.core import privacy_registry as registry
from inspraak.privacy import activity
from inspraak.records import services as record_services
from inspraak.records.models import Attendance, Minutes
from inspraak.topics import services as topic_services
from inspraak.topics.models import Topic, TopicStatus, TopicVote
from tests.advice.data import advice_data
from tests.meetings.data import upcoming
from tests.privacy.conftest import membership
from tests.quality.queries import assert_constant_queries
from tests.records.data import past_meeting

pytestmark = pytest.mark.django_db

NAME = "Lid Polderveen"
EMAIL = "lidpolder@test.example"
SECRET_NEED = "GEHEIM-ROLSTOEL-DIABETES"
SECRET_TOPIC_TITLE = "GEHEIM-TOPIC-TITEL"
SECRET_TOPIC_TEXT = "GEHEIM-TOPIC: ik heb schulden en mijn uitkering is gestopt"
SECRET_COMMENT = "GEHEIM-COMMENT: ik kan niet komen want ik lig in het ziekenhuis"
MINUTES = "Aanwezig: Lid Polderveen vertelde dat zij GEHEIM-MINUTES in de schuldhulp zit."
VOTED_TOPIC = "Langere openingstijden van het loket"
OWN_SECRETS = (SECRET_NEED, SECRET_TOPIC_TITLE, SECRET_TOPIC_TEXT, SECRET_COMMENT, NAME, EMAIL)


def _person_url(name, world, person):
    return reverse(f"privacy:{name}", kwargs={"region": world.region.slug, "pk": person.pk})


@pytest.fixture
def polder(world):
    """The probe's member, with everything H3 found left behind."""
    admin, secretary = world.user("admin"), world.user("secretary")
    person = account_services.person_create(name=NAME, email=EMAIL, region=world.region, by=admin)
    account_services.role_grant(person=person, role=Role.MEMBER, region=world.region, body=world.body, by=admin)
    membership(person, world.body, admin)
    meeting = upcoming(world)
    agenda_services.item_add(meeting=meeting, title="Brieven", source=ItemSource.SECRETARY, by=secretary)
    agenda_services.agenda_publish(meeting=meeting, by=secretary)
    meeting.refresh_from_db()
    agenda_services.reply_save(
        meeting=meeting, user=person, answer="komt", needs_accessible_venue=True, needs_other=SECRET_NEED
    )
    topic_services.topic_submit(body=world.body, title=SECRET_TOPIC_TITLE, description=SECRET_TOPIC_TEXT, by=person)
    other = topic_services.topic_submit(
        body=world.body, title=VOTED_TOPIC, description="Het loket is te kort open.", by=world.user("member")
    )
    topic_services.topic_vote(topic=other, user=person)
    advice_services.comment_add(advice=advice_data(world).draft, by=person, text=SECRET_COMMENT)
    held = past_meeting(world, days_ago=3, title="Overleg in maart")
    record_services.attendance_record(meeting=held, presences={person.pk: "aanwezig"}, by=secretary)
    record_services.minutes_save(
        meeting=held, text=MINUTES, public_text="", approve_by=None, version=None, by=secretary
    )
    person.refresh_from_db()
    person.held = held
    return person


def _text_columns() -> list[tuple[str, str]]:
    """(table, column) of every text-like column of every table."""
    result = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                kind = connection.introspection.get_field_type(column.type_code, column)
                if kind in ("CharField", "TextField", "JSONField") or "char" in str(column.type_code).lower():
                    result.append((table, column.name))
    return result


def _rows_containing(secret: str) -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for table, column in _text_columns():
            quoted_table, quoted_column = connection.ops.quote_name(table), connection.ops.quote_name(column)
            if connection.vendor == "postgresql":  # jsonb and other types have no LIKE: compare their text
                quoted_column = f"CAST({quoted_column} AS text)"
            sql = f"SELECT COUNT(*) FROM {quoted_table} WHERE {quoted_column} LIKE %s"  # noqa: S608 (introspected names)
            cursor.execute(sql, [f"%{secret}%"])
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
    return found


# ---------------------------------------------------------------- every model with a user link has a part


def test_every_model_linked_to_a_user_is_exported_and_erased_or_declared_a_staff_record():
    assert registry.uncovered_user_models() == []
    named = {label for part in registry.parts() for label in part.models}
    for label in ("agenda.Reply", "agenda.Invitation", "topics.Topic", "topics.TopicVote", "advice.AdviceComment"):
        assert label in named
    assert "records.Attendance" in named
    assert all(reason.strip() for reason in registry.covered().values())


def test_a_new_model_with_a_user_link_and_no_part_is_reported(restore_registry):
    restore_registry._covered.pop("records.Minutes")
    assert registry.uncovered_user_models() == ["records.Minutes"]


# ---------------------------------------------------------------- export (art. 15)


def test_probe_h3_the_export_holds_replies_topics_votes_comments_attendance_and_mentions(admin_client, polder, world):
    download = admin_client.post(_person_url("person_data_download", world, polder))
    data = json.loads(b"".join(download.streaming_content) if download.streaming else download.content)
    sections = data["sections"]
    reply = sections["agenda"]["replies"][0]
    assert reply["needs_other"] == SECRET_NEED and reply["answer"] == "Ik kom"
    assert "toegankelijke plek" in reply["needs"]
    assert sections["agenda"]["invitations"][0]["channel"] == "E-mail"
    assert [t["title"] for t in sections["topics"]["topics"]] == [SECRET_TOPIC_TITLE]
    assert sections["topics"]["topics"][0]["description"] == SECRET_TOPIC_TEXT
    assert [v["topic"] for v in sections["topics"]["votes"]] == [VOTED_TOPIC]
    assert [c["text"] for c in sections["advice"]] == [SECRET_COMMENT]
    assert sections["records"] == [
        {
            "meeting": "Overleg in maart",
            "body": world.body.name,
            "date": sections["records"][0]["date"],
            "presence": "Aanwezig",
        }
    ]
    assert [(m["kind"], m["title"]) for m in sections["mentions"]] == [("Verslag", "Overleg in maart")]

    html = admin_client.get(_person_url("person_data", world, polder)).content.decode()
    for text in (SECRET_NEED, SECRET_TOPIC_TITLE, SECRET_TOPIC_TEXT, SECRET_COMMENT, VOTED_TOPIC, "Overleg in maart"):
        assert text in html
    assert "Teksten van anderen die uw naam noemen" in html
    assert "GEHEIM-MINUTES" not in html  # the minutes are named, not copied: they hold other people's words


def test_the_own_export_shows_the_same(client, polder):
    client.force_login(polder)
    html = client.get(reverse("privacy:my_data")).content.decode()
    for text in (SECRET_NEED, SECRET_TOPIC_TEXT, SECRET_COMMENT, VOTED_TOPIC, "Overleg in maart"):
        assert text in html


def test_export_query_count_does_not_grow_with_activity(admin_client, polder, world):
    def grow():
        secretary = world.user("secretary")
        for n in range(3):
            topic_services.topic_submit(body=world.body, title=f"Nog een {n}", description="Uitleg", by=polder)
            advice_services.comment_add(advice=advice_data(world).draft, by=polder, text=f"Opmerking {n}")
            meeting = past_meeting(world, days_ago=10 + n, title=f"Oud overleg {n}")
            record_services.attendance_record(meeting=meeting, presences={polder.pk: "afgemeld"}, by=secretary)
            record_services.minutes_save(
                meeting=meeting,
                text=f"Lid Polderveen was er niet {n}.",
                public_text="",
                approve_by=None,
                version=None,
                by=secretary,
            )

    assert_constant_queries(admin_client, _person_url("person_data", world, polder), grow)


# ---------------------------------------------------------------- erasure (art. 17)


def test_probe_h3_the_erase_page_lists_the_minutes_that_name_the_person(admin_client, polder, world):
    html = admin_client.get(_person_url("person_erase", world, polder)).content.decode()
    minutes_url = reverse(
        "records:minutes", kwargs={"region": world.region.slug, "body": world.body.slug, "pk": polder.held.pk}
    )
    assert f'href="{minutes_url}"' in html
    assert "Verslag: Overleg in maart" in html


def test_probe_h3_after_erasure_no_row_holds_the_person_s_secrets(admin_client, polder, world):
    for secret in OWN_SECRETS:
        assert _rows_containing(secret), f"{secret!r} was not seeded"

    response = admin_client.post(_person_url("person_erase", world, polder))
    assert response.status_code == 302
    warning = admin_client.get(response.url).content.decode()
    assert "Deze teksten noemden de naam nog" in warning and "Overleg in maart" in warning

    for secret in (SECRET_NEED, SECRET_TOPIC_TITLE, SECRET_TOPIC_TEXT, SECRET_COMMENT, EMAIL):
        assert _rows_containing(secret) == [], f"{secret!r} is still in the database"
    # The name stays only in the minutes, which a person redacts by hand (listed on the erase page).
    assert _rows_containing(NAME) == ["records_minutes.text"]
    assert not Reply.objects.filter(user=polder).exists()
    assert not Invitation.objects.filter(user=polder).exists()
    assert not TopicVote.objects.filter(user=polder).exists()
    assert not Attendance.objects.filter(user=polder).exists()
    topic = Topic.objects.get(submitted_by=polder)
    assert (topic.title, topic.description) == (activity.TOPIC_TITLE_REMOVED, activity.TEXT_REMOVED)
    comment = AdviceComment.objects.get(advice=advice_data(world).draft, text=activity.TEXT_REMOVED)
    assert comment.author is None
    assert Minutes.objects.get(meeting=polder.held).text == MINUTES  # never edited automatically
    assert Topic.objects.get(title=VOTED_TOPIC).votes.count() == 0


def test_a_topic_that_was_on_an_agenda_keeps_its_title_but_loses_the_story(world, polder):
    topic = Topic.objects.get(submitted_by=polder)
    agenda_services.item_add_topic(topic=topic, meeting=upcoming(world), by=world.user("secretary"))
    topic.refresh_from_db()
    assert topic.status == TopicStatus.ON_AGENDA
    registry.erase(polder, by=world.user("admin"))
    topic.refresh_from_db()
    assert (topic.title, topic.description) == (SECRET_TOPIC_TITLE, activity.TEXT_REMOVED)


def test_a_topic_entered_for_the_person_by_the_secretary_is_theirs(world, polder):
    topic = topic_services.topic_submit(
        body=world.body,
        title="Via de telefoon",
        description="Mijn verhaal",
        by=world.user("secretary"),
        on_behalf_of=polder,
    )
    exported = activity.export_topics(polder)["topics"]
    assert any(t["title"] == "Via de telefoon" and t["entered_for_you"] for t in exported)
    registry.erase(polder, by=world.user("admin"))
    topic.refresh_from_db()
    assert topic.description == activity.TEXT_REMOVED


def test_erasure_writes_one_audit_row_per_part_without_names(admin_client, polder, world):
    from inspraak.audit.models import AuditEvent

    admin_client.post(_person_url("person_erase", world, polder))
    rows = AuditEvent.objects.filter(action="person.erase_part", target_id=str(polder.pk))
    assert rows.count() == 4  # agenda, topics, advice comments, attendance
    assert all(NAME not in row.target_label and row.target_label.startswith(f"persoon #{polder.pk}: ") for row in rows)


def test_the_data_and_erase_pages_with_activity_are_valid_html(admin_client, polder, world, tmp_path):
    from tests.quality.html import assert_valid_html

    pages = {
        "gegevens": admin_client.get(_person_url("person_data", world, polder)).content,
        "verwijderen": admin_client.get(_person_url("person_erase", world, polder)).content,
    }
    assert_valid_html(pages, tmp_path)


def test_the_export_service_runs_a_fixed_number_of_queries(polder, world):
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            registry.export_person(polder)
        return len(ctx.captured_queries)

    before = count()
    secretary = world.user("secretary")
    for n in range(3):
        topic_services.topic_submit(body=world.body, title=f"Extra {n}", description="Uitleg", by=polder)
        meeting = past_meeting(world, days_ago=20 + n, title=f"Extra overleg {n}")
        record_services.attendance_record(meeting=meeting, presences={polder.pk: "aanwezig"}, by=secretary)
        record_services.minutes_save(
            meeting=meeting, text="Polderveen was er.", public_text="", approve_by=None, version=None, by=secretary
        )
    assert count() == before
