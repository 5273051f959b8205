"""Attendance, the minutes lifecycle, agreements, the feedback report to the GR, topic outcomes and public pages."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from inspraak.audit.models import AuditEvent
from inspraak.core.models import OutgoingEmail
from inspraak.meetings.models import MeetingEvent, MeetingStatus
from inspraak.records import rules, selectors, services
from inspraak.records.models import Agreement, Attendance, FeedbackReport, Minutes, RecordEvent
from inspraak.topics.models import Topic, TopicStatus
from tests.factories import MembershipFactory, UserFactory
from tests.quality.queries import assert_constant_queries, count_queries
from tests.records.data import PUBLIC_TEXT, past_meeting, records

pytestmark = pytest.mark.django_db

SEND = "django.core.mail.EmailMultiAlternatives.send"


def _url(world, name, meeting=None, **extra):
    kwargs = {"region": world.region.slug, "body": world.body.slug, **extra}
    if meeting is not None:
        kwargs["pk"] = meeting.pk
    return reverse(f"records:{name}", kwargs=kwargs)


# ---------------------------------------------------------------- rules


def test_names_are_found_as_whole_words_whatever_case_or_spacing():
    assert rules.mentions_any("Vandaag vertelde geheime  cliënt iets.", ["Geheime Cliënt"])
    assert not rules.mentions_any("De cliënt vertelde iets.", ["Geheime Cliënt"])
    assert not rules.mentions_any("Annabel kwam.", ["Anna"])


def test_recommendations_are_one_per_line_and_renumbered():
    assert rules.split_recommendations("1. Een\n\n2) Twee\n- Drie\n") == ["Een", "Twee", "Drie"]


# ---------------------------------------------------------------- attendance


def test_secretary_records_attendance_for_every_member_in_one_form(client, world):
    meeting = past_meeting(world, days_ago=1, title="Gisteren")
    client.force_login(world.user("secretary"))
    page = client.get(_url(world, "attendance", meeting)).content.decode()
    assert "Geheime Cliënt" in page and "Test member" in page
    member = world.user("member")
    response = client.post(
        _url(world, "attendance", meeting),
        {f"aanwezig_{member.pk}": "aanwezig", f"aanwezig_{world.client.pk}": "afgemeld"},
    )
    assert response.status_code == 302
    assert dict(Attendance.objects.filter(meeting=meeting).values_list("user_id", "presence")) == {
        member.pk: "aanwezig",
        world.client.pk: "afgemeld",
    }
    assert AuditEvent.objects.filter(action="attendance.record").exists()
    # Changing one answer keeps one row per person.
    client.post(_url(world, "attendance", meeting), {f"aanwezig_{member.pk}": "afwezig"})
    assert Attendance.objects.filter(meeting=meeting, user=member).get().presence == "afwezig"


def test_bad_attendance_choice_is_explained_and_nothing_saved(client, world):
    meeting = past_meeting(world, days_ago=1, title="Gisteren")
    client.force_login(world.user("secretary"))
    response = client.post(_url(world, "attendance", meeting), {f"aanwezig_{world.client.pk}": "misschien"})
    assert response.status_code == 200
    assert "Kies aanwezig, afwezig met bericht of afwezig." in response.content.decode()
    assert not Attendance.objects.exists()


def test_attendance_of_a_future_meeting_cannot_be_recorded(client, world):
    from tests.meetings.data import upcoming

    meeting = upcoming(world)
    client.force_login(world.user("secretary"))
    response = client.post(_url(world, "attendance", meeting), {f"aanwezig_{world.client.pk}": "aanwezig"})
    assert response.status_code == 200 and not Attendance.objects.exists()


# ---------------------------------------------------------------- minutes


def test_minutes_lifecycle_draft_share_approve_moves_the_meeting(client, world, django_capture_on_commit_callbacks):
    meeting = past_meeting(world, days_ago=3, title="Overleg")
    client.force_login(world.user("secretary"))
    response = client.post(
        _url(world, "minutes_edit", meeting),
        {"text": "Het verslag.", "public_text": PUBLIC_TEXT, "approve_by": "2020-01-01"},
    )
    assert response.status_code == 302
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.status == "concept" and minutes.public_text_readability is not None

    # A member cannot read a draft.
    member = client.__class__()
    member.force_login(world.user("member"))
    assert "Het verslag." not in member.get(_url(world, "minutes", meeting)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(world, "minutes_share", meeting))
    minutes.refresh_from_db()
    assert minutes.status == "gedeeld" and minutes.shared_at
    recipients = {m.to[0] for m in mail.outbox}
    assert "member@example.org" in recipients and "geheime.client@example.org" in recipients
    assert all("Het verslag." not in m.body for m in mail.outbox)  # a notice with a link, not the text
    assert "Het verslag." in member.get(_url(world, "minutes", meeting)).content.decode()

    response = client.post(_url(world, "minutes_approve", meeting), {"how": "termijn"})
    assert response.status_code == 302
    minutes.refresh_from_db()
    meeting.refresh_from_db()
    assert minutes.status == "vastgesteld" and minutes.approved_on == timezone.localdate()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    steps = list(MeetingEvent.objects.filter(meeting=meeting, kind="status").values_list("to_status", flat=True))
    assert steps == ["verslag_vastgesteld"]
    assert list(
        RecordEvent.objects.filter(target="verslag", target_id=minutes.pk, action="status").values_list(
            "to_status", flat=True
        )
    ) == ["gedeeld", "vastgesteld"]


def test_minutes_cannot_be_approved_by_deadline_before_it_passed(world):
    meeting = past_meeting(world, days_ago=3, title="Overleg")
    secretary = world.user("secretary")
    minutes = services.minutes_save(
        meeting=meeting,
        text="x",
        public_text="",
        approve_by=timezone.localdate() + datetime.timedelta(days=3),
        version=None,
        by=secretary,
    )
    services.minutes_share(minutes=minutes, by=secretary)
    with pytest.raises(services.RecordError) as error:
        services.minutes_approve(minutes=minutes, by=secretary)
    assert error.value.code == "deadline_open"


def test_minutes_approved_at_the_next_meeting(world):
    first = past_meeting(world, days_ago=60, title="Eerste", status=MeetingStatus.AGENDA_PUBLISHED)
    second = past_meeting(world, days_ago=2, title="Tweede")
    secretary = world.user("secretary")
    minutes = services.minutes_save(
        meeting=first, text="x", public_text="", approve_by=None, version=None, by=secretary
    )
    services.minutes_share(minutes=minutes, by=secretary)
    assert selectors.approval_meetings(first) == [second]
    services.minutes_approve(minutes=minutes, at_meeting=second, by=secretary)
    first.refresh_from_db()
    assert minutes.approved_at_meeting == second
    assert minutes.approved_on == timezone.localtime(second.starts_at).date()
    # Through "gehouden", kept as history.
    assert list(MeetingEvent.objects.filter(meeting=first, kind="status").values_list("to_status", flat=True)) == [
        "gehouden",
        "verslag_vastgesteld",
    ]


def test_only_approving_the_minutes_puts_the_meeting_on_minutes_approved_with_history_and_audit(world):
    meeting = past_meeting(world, days_ago=10, title="Overleg")
    secretary = world.user("secretary")
    minutes = services.minutes_save(
        meeting=meeting, text="x", public_text="", approve_by=datetime.date(2020, 1, 1), version=None, by=secretary
    )
    services.minutes_share(minutes=minutes, by=secretary)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD  # shared is not approved
    services.minutes_approve(minutes=minutes, by=secretary)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    event = MeetingEvent.objects.get(meeting=meeting, kind="status")
    assert (event.from_status, event.to_status, event.by) == ("gehouden", "verslag_vastgesteld", secretary)
    audit = AuditEvent.objects.get(action="meeting.status", target_id=meeting.pk)
    assert audit.target_label == f"bijeenkomst #{meeting.pk} – {world.body.name}"


def test_a_stale_save_is_refused_and_the_text_kept(client, world):
    data = records(world)
    client.force_login(world.user("secretary"))
    old_version = data.minutes.version
    services.minutes_save(
        meeting=data.held,
        text="Versie van iemand anders",
        public_text=PUBLIC_TEXT,
        approve_by=data.minutes.approve_by,
        version=old_version,
        by=world.user("admin"),
    )
    response = client.post(
        _url(world, "minutes_edit", data.held),
        {"text": "Mijn eigen lange tekst", "public_text": "", "approve_by": "", "version": old_version},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Iemand anders heeft dit net opgeslagen." in html
    assert "Mijn eigen lange tekst" in html and "Nu opgeslagen: Versie van iemand anders" in html
    assert Minutes.objects.get(pk=data.minutes.pk).text == "Versie van iemand anders"
    # The form is now based on the version stored: saving again (after a look) works without reloading the page.
    assert f'name="version" value="{old_version + 1}"' in html
    again = client.post(
        _url(world, "minutes_edit", data.held),
        {"text": "Mijn eigen lange tekst", "public_text": "", "approve_by": "", "version": old_version + 1},
    )
    assert again.status_code == 302
    assert Minutes.objects.get(pk=data.minutes.pk).text == "Mijn eigen lange tekst"


def test_public_minutes_naming_a_client_without_consent_are_refused(client, world):
    data = records(world)
    minutes = Minutes.objects.get(meeting=data.closed)
    client.force_login(world.user("secretary"))
    response = client.post(
        _url(world, "minutes_edit", data.closed),
        {"public_text": "Geheime Cliënt vertelde over haar brief.", "version": minutes.version},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "De openbare versie noemt een cliënt die daar geen toestemming voor gaf." in html
    assert 'id="id_public_text_error"' in html
    assert "geheime.client@example.org" not in html
    assert Minutes.objects.get(pk=minutes.pk).public_text == PUBLIC_TEXT


def test_making_minutes_public_checks_client_names_and_consent_counts(world):
    meeting = past_meeting(world, days_ago=3, title="Overleg")
    secretary = world.user("secretary")
    minutes = services.minutes_save(
        meeting=meeting,
        text="x",
        public_text="Test member en Geheime Cliënt waren er.",
        approve_by=timezone.localdate() - datetime.timedelta(days=1),
        version=None,
        by=secretary,
    )
    services.minutes_share(minutes=minutes, by=secretary)
    services.minutes_approve(minutes=minutes, by=secretary)
    with pytest.raises(services.RecordError) as error:
        services.minutes_set_public(minutes=minutes, public=True, by=secretary)
    assert error.value.code == "client_named"
    # Consent to be named publicly for both: then it may be published.
    from inspraak.members.models import Membership

    Membership.objects.filter(body=world.body).update(consent_named_publicly=True)
    services.minutes_set_public(minutes=minutes, public=True, by=secretary)
    assert Minutes.objects.get(pk=minutes.pk).public


def test_approved_minutes_keep_their_text(world):
    data = records(world)
    minutes = Minutes.objects.get(meeting=data.closed)
    with pytest.raises(services.RecordError) as error:
        services.minutes_save(
            meeting=data.closed,
            text="Anders",
            public_text=minutes.public_text,
            approve_by=minutes.approve_by,
            version=minutes.version,
            by=world.user("secretary"),
        )
    assert error.value.code == "approved"


# ---------------------------------------------------------------- agreements


def test_open_agreements_carry_over_and_overdue_is_flagged(client, world):
    data = records(world)
    secretary = world.user("secretary")
    later = services.agreement_create(
        body=world.body,
        description="Folder maken",
        owner="Team Inkomen",
        due_on=timezone.localdate() + datetime.timedelta(days=30),
        by=secretary,
    )
    rows = selectors.open_agreements(world.body)
    assert [a.pk for a in rows] == [data.agreement.pk, later.pk]
    assert [a.overdue for a in rows] == [True, False]

    html = Template("{% load records_tags %}{% open_agreements body %}").render(
        Context({"request": _request(world.user("member")), "body": world.body})
    )
    assert "Nakomen van afspraken" in html and "te laat" in html and "Folder maken" in html

    client.force_login(secretary)
    response = client.post(_url(world, "agreement", pk=data.agreement.pk), {"status": "vervallen", "note": ""})
    assert "Schrijf op waarom de afspraak vervalt." in response.content.decode()
    client.post(_url(world, "agreement", pk=data.agreement.pk), {"status": "gedaan", "note": "Brief ontvangen"})
    agreement = Agreement.objects.get(pk=data.agreement.pk)
    assert agreement.status == "gedaan" and agreement.done_on == timezone.localdate()
    assert [a.pk for a in selectors.open_agreements(world.body)] == [later.pk]
    history = selectors.history(RecordEvent.Target.AGREEMENT, agreement.pk)
    assert [(e.from_status, e.to_status) for e in history] == [("", "open"), ("open", "gedaan")]


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_agreement_list_runs_constant_queries(client, world):
    records(world)
    client.force_login(world.user("member"))

    def grow():
        for n in range(5):
            services.agreement_create(body=world.body, description=f"Afspraak {n}", owner="GR", by=None)

    assert_constant_queries(client, _url(world, "agreements"), grow)


# ---------------------------------------------------------------- feedback report


def test_feedback_form_is_prefilled_from_the_agenda_topics_and_agreements(client, world):
    from inspraak.agenda.models import AgendaItem, ItemSource

    meeting = past_meeting(world, days_ago=2, title="Overleg")
    topic = Topic.objects.create(
        body=world.body,
        title="Bus naar het werkplein",
        description="x",
        submitted_by=world.client,
        status=TopicStatus.ON_AGENDA,
        meeting=meeting,
    )
    AgendaItem.objects.create(
        meeting=meeting,
        position=1,
        title="Bereikbaarheid",
        summary="Hoe komt u er?",
        source=ItemSource.TOPIC,
        topic=topic,
    )
    Topic.objects.create(
        body=world.body,
        title="Wachttijd aan de telefoon",
        description="x",
        submitted_by=world.client,
        status=TopicStatus.DISCUSSED,
        meeting=meeting,
    )
    services.agreement_create(body=world.body, meeting=meeting, description="Bel de GR", owner="Secretaris", by=None)
    client.force_login(world.user("facilitator"))
    html = client.get(_url(world, "feedback_edit", meeting)).content.decode()
    assert "1. Bereikbaarheid: Hoe komt u er?" in html
    assert "Wachttijd aan de telefoon" in html
    assert "Bel de GR (Secretaris)" in html
    assert "Geheime Cliënt" not in html


def test_feedback_is_saved_sent_and_told_to_members(client, world, django_capture_on_commit_callbacks):
    data = records(world)
    client.force_login(world.user("facilitator"))
    response = client.post(
        _url(world, "feedback_edit", data.held),
        {
            "topics_text": "Brieven",
            "views_text": "Cliënten willen korte brieven.",
            "recommendations": "1. Een\n2. Twee",
        },
    )
    assert response.status_code == 302
    report = data.held.feedback
    report.refresh_from_db()
    assert [r.text for r in report.recommendations.all()] == ["Een", "Twee"]
    assert report.views_readability is not None
    response = client.post(_url(world, "feedback_send", data.held), {"to": "geen adres"})
    assert "Vul een geldig e-mailadres in" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(world, "feedback_send", data.held), {"to": "beleid@gr.example.org"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.sent_on == timezone.localdate() and report.sent_to == "beleid@gr.example.org"
    to_gr = [m for m in mail.outbox if m.to == ["beleid@gr.example.org"]]
    assert len(to_gr) == 1 and "1. Een" in to_gr[0].body and "Cliënten willen korte brieven." in to_gr[0].body
    assert "Geheime Cliënt" not in to_gr[0].body
    assert any(m.to == ["member@example.org"] for m in mail.outbox)
    # Sent: no more changes.
    response = client.get(_url(world, "feedback_edit", data.held))
    assert response.status_code == 302


def test_feedback_shows_verstuurd_only_once_the_mail_server_took_it(client, world, django_capture_on_commit_callbacks):
    data = records(world)
    client.force_login(world.user("facilitator"))
    page = _url(world, "feedback", data.held)
    with mock.patch(SEND, side_effect=ConnectionRefusedError()), django_capture_on_commit_callbacks(execute=True):
        client.post(_url(world, "feedback_send", data.held), {"to": "beleid@gr.example.org"})
    html = client.get(page).content.decode()
    assert "Wordt verstuurd aan de GR." in html and "Verstuurd aan de GR op" not in html
    assert "Terugkoppeling (wordt verstuurd)" in client.get(_url(world, "minutes", data.held)).content.decode()
    # The mail server stays away for a day: the last try fails, and the facilitator can try again.
    OutgoingEmail.objects.filter(purpose="feedback_report").update(status="failed", last_error="SMTP 550")
    html = client.get(page).content.decode()
    assert "Versturen aan de GR is niet gelukt." in html and "Opnieuw versturen" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(world, "feedback_resend", data.held))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox if m.to == ["beleid@gr.example.org"]] == [["beleid@gr.example.org"]]
    html = client.get(page).content.decode()
    assert "Verstuurd aan de GR op" in html and "niet gelukt" not in html
    # Nothing failed now: another retry changes nothing.
    client.post(_url(world, "feedback_resend", data.held))
    assert len([m for m in mail.outbox if m.to == ["beleid@gr.example.org"]]) == 1


def test_public_feedback_naming_a_client_is_refused(world):
    meeting = past_meeting(world, days_ago=2, title="Overleg")
    with pytest.raises(services.RecordError) as error:
        services.feedback_save(
            meeting=meeting,
            topics_text="x",
            views_text="Geheime Cliënt zei iets.",
            recommendations=[],
            public=True,
            by=world.user("facilitator"),
        )
    assert error.value.code == "client_named"


def test_gr_reactions_per_recommendation_need_a_reason_unless_adopted(client, world):
    data = records(world)
    client.force_login(world.user("officer_region"))
    url = _url(world, "feedback_reactions", data.closed)
    response = client.post(url, {"aanbeveling-2-reaction": "niet", "aanbeveling-2-reaction_text": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "Schrijf waarom de GR de aanbeveling niet of deels overneemt." in html
    response = client.post(
        url,
        {
            "aanbeveling-1-reaction": "overgenomen",
            "aanbeveling-2-reaction": "deels",
            "aanbeveling-2-reaction_text": "Alleen in nieuwe brieven.",
        },
    )
    assert response.status_code == 302
    second = data.report.recommendations.get(number=2)
    assert (second.reaction, second.reaction_text, second.reacted_on) == (
        "deels",
        "Alleen in nieuwe brieven.",
        timezone.localdate(),
    )
    assert RecordEvent.objects.filter(target="aanbeveling", target_id=second.pk, to_status="deels").exists()


def test_members_do_not_see_an_unsent_report(client, world):
    data = records(world)
    client.force_login(world.user("member"))
    html = client.get(_url(world, "feedback", data.held)).content.decode()
    assert "Maak brieven korter." not in html
    html = client.get(_url(world, "feedback", data.closed)).content.decode()
    assert "Zet een telefoonnummer in elke brief." in html


# ---------------------------------------------------------------- topic outcome


def test_topic_outcome_shows_the_report_and_the_gr_reaction(world):
    data = records(world)
    topic = Topic.objects.create(
        body=world.body,
        title="Brieven",
        description="x",
        submitted_by=world.client,
        status=TopicStatus.DISCUSSED,
        meeting=data.closed,
    )
    html = Template("{% load records_tags %}{% topic_outcome topic %}").render(Context({"topic": topic}))
    assert "Wat is er met mijn onderwerp gedaan?" in html
    assert "Schrijf brieven op B1-niveau." in html and "Overgenomen" in html
    assert "De GR heeft nog niet gereageerd." in html

    waiting = Topic.objects.create(
        body=world.body,
        title="Later",
        description="x",
        submitted_by=world.client,
        status="besproken",
        meeting=data.held,
    )
    html = Template("{% load records_tags %}{% topic_outcome topic %}").render(Context({"topic": waiting}))
    assert "Maak brieven korter." not in html and "schrijft nog aan de GR" in html
    submitted = Topic.objects.create(body=world.body, title="Nieuw", description="x", submitted_by=world.client)
    assert "Wat is er" not in Template("{% load records_tags %}{% topic_outcome topic %}").render(
        Context({"topic": submitted})
    )


def test_meeting_record_include_respects_permissions(world):
    data = records(world)
    tag = Template("{% load records_tags %}{% meeting_record meeting %}")
    member_html = tag.render(Context({"request": _request(world.user("member")), "meeting": data.held}))
    assert "Verslag" in member_html and "Aanwezigheid invullen" not in member_html
    secretary_html = tag.render(Context({"request": _request(world.user("secretary")), "meeting": data.held}))
    assert "Aanwezigheid invullen" in secretary_html
    outsider = tag.render(Context({"request": _request(world.user("other_region_admin")), "meeting": data.held}))
    assert "Verslag" not in outsider


# ---------------------------------------------------------------- public pages and API


def test_minutes_page_runs_constant_queries(client, world):
    data = records(world)
    client.force_login(world.user("secretary"))

    def grow():
        for n in range(4):
            services.agreement_create(body=world.body, meeting=data.held, description=f"A{n}", owner="GR", by=None)
        Attendance.objects.create(meeting=data.held, user=world.client, presence="aanwezig")

    assert_constant_queries(client, _url(world, "minutes", data.held), grow)


# ---------------------------------------------------------------- warnings before a text becomes public

NAMED = "Mevrouw Cliënt vond de brieven lastig."
WARNING = "De openbare versie noemt een cliënt die daar geen toestemming voor gaf."


def _more_private_clients(world, n: int = 3) -> None:
    for i in range(n):
        MembershipFactory(body=world.body, user=UserFactory(name=f"Andere Cliënt{i}"), consent_named_publicly=False)


def _approved_not_public(world, public_text: str) -> Minutes:
    data = records(world)
    Minutes.objects.filter(meeting=data.closed).update(public=False, public_text=public_text)
    return Minutes.objects.get(meeting=data.closed)


def test_the_minutes_page_warns_before_the_public_version_that_names_a_client_goes_online(client, world):
    minutes = _approved_not_public(world, NAMED)
    client.force_login(world.user("secretary"))
    html = client.get(_url(world, "minutes", minutes.meeting)).content.decode()
    assert WARNING in html and "“Mevrouw Cliënt”" in html
    assert "Openbare versie online zetten" in html  # the step is still offered; the service refuses it

    response = client.post(_url(world, "minutes_public", minutes.meeting), {"public": "1"}, follow=True)
    html = response.content.decode()
    assert "De openbare versie is niet online gezet." in html
    assert html.count("“Mevrouw Cliënt”") == 1  # the refusal and the warning do not repeat each other
    assert not Minutes.objects.get(pk=minutes.pk).public


def test_the_minutes_page_does_not_warn_when_no_client_is_named(client, world):
    minutes = _approved_not_public(world, PUBLIC_TEXT)
    client.force_login(world.user("secretary"))
    html = client.get(_url(world, "minutes", minutes.meeting)).content.decode()
    assert WARNING not in html and "Gevonden:" not in html


def test_the_approve_step_warns_when_the_public_version_names_a_client(client, world):
    data = records(world)
    Minutes.objects.filter(pk=data.minutes.pk).update(public_text="Vandaag sprak G. Cliënt over de brieven.")
    client.force_login(world.user("secretary"))
    html = client.get(_url(world, "minutes_approve", data.held)).content.decode()
    assert WARNING in html and "“G. Cliënt”" in html


def test_sending_a_public_feedback_report_warns_before_the_step(client, world):
    data = records(world)
    FeedbackReport.objects.filter(pk=data.draft_report.pk).update(public=True, views_text=NAMED)
    client.force_login(world.user("facilitator"))
    html = client.get(_url(world, "feedback_send", data.held)).content.decode()
    assert WARNING in html and "“Mevrouw Cliënt”" in html
    # A report for the GR only (not public) may name people: no warning.
    FeedbackReport.objects.filter(pk=data.draft_report.pk).update(public=False)
    assert WARNING not in client.get(_url(world, "feedback_send", data.held)).content.decode()


def test_the_warnings_cost_a_fixed_two_queries_whatever_the_number_of_clients(client, world):
    """The names of a region's private clients are read in 2 queries (members.selectors.private_client_names),
    only on the page of the step that makes the text public, never per row."""
    minutes = _approved_not_public(world, NAMED)
    data = records(world)
    FeedbackReport.objects.filter(pk=data.draft_report.pk).update(public=True, views_text=NAMED)
    client.force_login(world.user("secretary"))
    minutes_page = _url(world, "minutes", minutes.meeting)
    warned = assert_constant_queries(client, minutes_page, lambda: _more_private_clients(world))
    Minutes.objects.filter(pk=minutes.pk).update(public=True)  # online: nothing left to warn about
    assert count_queries(client, minutes_page) == warned - 2
    assert_constant_queries(client, _url(world, "minutes_approve", data.held), lambda: _more_private_clients(world))
    client.force_login(world.user("facilitator"))
    send = _url(world, "feedback_send", data.held)
    warned = assert_constant_queries(client, send, lambda: _more_private_clients(world))
    FeedbackReport.objects.filter(pk=data.draft_report.pk).update(public=False)
    assert count_queries(client, send) == warned - 2


def test_the_pages_that_warn_before_minutes_or_a_report_go_public_are_valid_html(client, world, tmp_path):
    from tests.quality.html import assert_valid_html

    minutes = _approved_not_public(world, NAMED)
    data = records(world)
    Minutes.objects.filter(pk=data.minutes.pk).update(public_text=NAMED)
    FeedbackReport.objects.filter(pk=data.draft_report.pk).update(public=True, views_text=NAMED)
    client.force_login(world.user("secretary"))
    pages = {
        "verslag": client.get(_url(world, "minutes", minutes.meeting)).content,
        "vaststellen": client.get(_url(world, "minutes_approve", data.held)).content,
    }
    client.force_login(world.user("facilitator"))
    pages["terugkoppeling versturen"] = client.get(_url(world, "feedback_send", data.held)).content
    assert all(WARNING.encode() in page for page in pages.values())
    assert_valid_html(pages, tmp_path)
