"""``make loadtest`` on a tiny scale, without servers: the seed gives every member a working printed code, an
invitation and a body to submit topics to; the checks find a lost topic or reply and an email not sent."""

import signal

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from inspraak.accounts.backends import LoginCodeBackend
from inspraak.agenda import services as agenda
from inspraak.agenda.models import Invitation
from inspraak.core.mail import enqueue_email
from inspraak.core.models import OutgoingEmail
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.topics import permissions as topic_permissions
from inspraak.topics import services as topics
from loadtest import check
from loadtest.seed import seed

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def plan():
    return seed(members=4, bodies=2, email_members=2)


def test_seed_gives_every_member_a_working_code_an_invitation_and_a_body_open_for_topics(plan, client):
    assert len(plan["members"]) == 4
    assert len(plan["emails"]) == 2
    for member in plan["members"]:
        user = LoginCodeBackend().authenticate(None, login_code=member["code"])
        assert user is not None and user.pk == member["user"]
        meeting = Meeting.objects.get(pk=member["meeting"])
        assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
        assert meeting.body.slug == member["body"]
        assert Invitation.objects.filter(meeting=meeting, user=user).exists()
        assert topic_permissions.can_take_part(user, meeting.body)
    for path in plan["public_paths"]:
        assert client.get(path).status_code == 200, path


def test_a_topic_missing_or_changed_in_the_database_counts_as_lost(plan):
    member = plan["members"][0]
    meeting = Meeting.objects.select_related("body").get(pk=member["meeting"])
    user = LoginCodeBackend().authenticate(None, login_code=member["code"])
    topic = topics.topic_submit(body=meeting.body, title="Lasttest abc", description="Uitleg.", by=user)
    confirmed = [
        {"id": topic.pk, "title": "Lasttest abc"},
        {"id": topic.pk + 1000, "title": "Lasttest weg"},
        {"id": topic.pk, "title": "Lasttest ander"},
    ]
    result = check.check_submissions(confirmed)
    assert (result["confirmed"], result["in_database"], result["lost"]) == (3, 1, 2)


def test_a_reply_missing_in_the_database_counts_as_lost(plan):
    first, second = plan["members"][:2]
    meeting = Meeting.objects.get(pk=first["meeting"])
    user = LoginCodeBackend().authenticate(None, login_code=first["code"])
    agenda.reply_save(meeting=meeting, user=user, answer="komt")
    confirmed = [
        {"user": first["user"], "meeting": first["meeting"], "answer": "komt_niet"},
        {"user": first["user"], "meeting": first["meeting"], "answer": "komt"},
        {"user": second["user"], "meeting": second["meeting"], "answer": "komt"},
    ]
    result = check.check_replies(confirmed)
    assert (result["people_and_meetings"], result["lost"], result["last_answer_matches"]) == (2, 1, 1)
    assert result["lost_rows"] == [{"user": second["user"], "meeting": second["meeting"]}]


def _run_worker():
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def _file_mailer(folder):
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(folder)},
        }
    }


@pytest.mark.django_db(transaction=True)  # the real worker closes and reopens its database connection
def test_emails_count_as_sent_only_when_every_outbox_row_is_sent_and_written(tmp_path):
    mail = tmp_path / "mail"
    with override_settings(TASKS=DB_TASKS, MAILERS=_file_mailer(mail)):
        enqueue_email(to="a@lasttest.example", subject="Een", body="Tekst")
        enqueue_email(to="b@lasttest.example", subject="Twee", body="Tekst")
        waiting = check.check_emails(mail)
        assert (waiting["outbox_rows"], waiting["queued"], waiting["sent"], waiting["tasks_not_successful"]) == (
            2,
            2,
            0,
            2,
        )
        assert not waiting["all_sent"]
        assert check.pending_tasks() == 2 and check.undelivered_emails() == 2
        _run_worker()
        done = check.check_emails(mail)
    assert (done["outbox_rows"], done["sent"], done["queued"], done["failed"], done["in_email_folder"]) == (
        2,
        2,
        0,
        0,
        2,
    )
    assert done["all_sent"]
    assert check.pending_tasks() == 0 and check.undelivered_emails() == 0


@pytest.mark.django_db(transaction=True)
def test_an_email_whose_task_was_lost_or_that_failed_is_not_sent(tmp_path):
    mail = tmp_path / "mail"
    with override_settings(TASKS=DB_TASKS, MAILERS=_file_mailer(mail)):
        enqueue_email(to="a@lasttest.example", subject="Een", body="Tekst")
        DBTaskResult.objects.all().delete()  # the task is lost: no task waits, the row stays queued
        lost = check.check_emails(mail)
        assert check.pending_tasks() == 0 and check.undelivered_emails() == 1
        assert lost["queued"] == 1 and not lost["all_sent"]
        enqueue_email(to="b@lasttest.example", subject="Twee", body="Tekst")
        _run_worker()
        OutgoingEmail.objects.filter(to="b@lasttest.example").update(status="failed")
        failed = check.check_emails(mail)
    assert failed["failed"] == 1 and not failed["all_sent"]


@pytest.mark.django_db(transaction=True)
def test_a_sent_row_without_its_message_in_the_folder_is_not_sent(tmp_path):
    mail = tmp_path / "mail"
    with override_settings(TASKS=DB_TASKS, MAILERS=_file_mailer(mail)):
        enqueue_email(to="a@lasttest.example", subject="Een", body="Tekst")
        _run_worker()
        for path in mail.iterdir():
            path.unlink()
        result = check.check_emails(mail)
    assert (result["sent"], result["in_email_folder"]) == (1, 0) and not result["all_sent"]


def test_request_summary_gives_outcomes_and_percentiles_per_group():
    summary = check.request_summary(
        {"topic submit": [[10.0, "ok"], [30.0, "ok"], [20.0, "5xx"], [5000.0, "connection"]], "/": [[1.0, "ok"]]}
    )
    assert summary["requests"] == 5
    assert summary["failures"] == {"5xx": 1, "connection": 1}
    group = summary["groups"]["topic submit"]
    assert group["outcomes"] == {"5xx": 1, "connection": 1, "ok": 2}
    assert (group["p50_ms"], group["p95_ms"]) == (20.0, 30.0)
