"""The to-do list on 'Mijn overzicht' (issue 12, ADR 0023): per role the things that need the person, most urgent
first, each one click from the page where it is done, and gone once it is done."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts.models import Role
from inspraak.advice import services as advice_services
from inspraak.agenda import services as agenda_services
from inspraak.agenda.models import Invitation
from inspraak.core.models import OutgoingEmail
from inspraak.dashboards import todo
from inspraak.dashboards.todo import Kind, TodoItem, sort_key
from inspraak.records import services as record_services
from inspraak.records.models import FeedbackReport
from inspraak.topics import services as topic_services
from inspraak.topics.models import Topic
from tests.advice.data import new_proposal as advice_proposal
from tests.advice.data import new_request, record_response
from tests.agenda.data import new_meeting
from tests.factories import BodyFactory, RoleAssignmentFactory, paper_member
from tests.policy.data import new_proposal, sent_advice
from tests.quality.queries import assert_constant_queries
from tests.records.data import past_meeting, records
from tests.recruitment.data import new_vacancy

DASHBOARD = "/mijn-overzicht/"


def _sections(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.context["todo_sections"]


def _items(client, role: str | None = None, kind: str | None = None) -> list[TodoItem]:
    return [
        item
        for section in _sections(client)
        if role is None or section.role == role
        for item in section.items
        if kind is None or item.kind == kind
    ]


def _invite(meeting, user):
    return Invitation.objects.create(meeting=meeting, user=user, channel=Invitation.Channel.EMAIL)


def _assert_opens(client, item: TodoItem) -> None:
    """The item's page opens for the person (no 403/404, no redirect to the login)."""
    assert client.get(item.url).status_code == 200, item


# ---------------------------------------------------------------- member


def test_member_invitation_is_on_the_list_until_they_reply(world, client_for):
    meeting = new_meeting(world.body, days=8)
    _invite(meeting, world.user("member"))
    client = client_for("member")
    (item,) = _items(client, Role.MEMBER, Kind.INVITATION)
    day = timezone.localtime(meeting.starts_at).date()
    assert item.deadline == day
    assert item.text == f"U bent uitgenodigd voor {day.day} december: laat weten of u komt"
    assert item.url == reverse(
        "agenda:reply", kwargs={"region": world.region.slug, "body": world.body.slug, "meeting": meeting.pk}
    )
    _assert_opens(client, item)
    assert "laat weten of u komt" in client.get(DASHBOARD).content.decode()

    assert client.post(item.url, {"answer": "komt"}).status_code == 302
    assert _items(client, Role.MEMBER, Kind.INVITATION) == []


def test_member_who_does_not_know_yet_keeps_the_invitation_on_the_list(world, client_for):
    meeting = new_meeting(world.body, days=8)
    _invite(meeting, world.user("member"))
    agenda_services.reply_save(meeting=meeting, user=world.user("member"), answer="weet_niet")
    assert len(_items(client_for("member"), Role.MEMBER, Kind.INVITATION)) == 1


def test_member_sees_a_draft_advice_until_they_commented(world, client_for):
    proposal = advice_proposal(world)
    advice_request = new_request(world, proposal)
    advice = advice_services.advice_create(
        body=world.body,
        by=world.user("secretary"),
        request=advice_request,
        subject="Advies over de bijstand",
        text="Ons advies.",
        recommendations=["Maak het eenvoudiger"],
    )
    client = client_for("member")
    (item,) = _items(client, Role.MEMBER, Kind.ADVICE_DRAFT)
    assert item.deadline == advice_request.deadline
    assert "Advies over de bijstand" in item.text
    _assert_opens(client, item)

    advice_services.comment_add(advice=advice, by=world.user("member"), text="Goed zo.")
    assert _items(client, Role.MEMBER, Kind.ADVICE_DRAFT) == []


def test_member_sees_the_answer_on_their_topic(world, client_for):
    member = world.user("member")
    topic = topic_services.topic_submit(
        body=world.body, title="De bus rijdt te weinig", description="Uitleg.", by=member
    )
    client = client_for("member")
    assert _items(client, Role.MEMBER, Kind.TOPIC_ANSWER) == []
    topic_services.topic_close(
        topic=topic, answer="We hebben het aan de gemeente gevraagd.", by=world.user("secretary")
    )
    (item,) = _items(client, Role.MEMBER, Kind.TOPIC_ANSWER)
    assert "De bus rijdt te weinig" in item.text and item.deadline is None
    _assert_opens(client, item)
    # Another member's answered topic is not on this member's list.
    other = Topic.objects.create(body=world.body, title="Iets anders", description="x", submitted_by=world.client)
    topic_services.topic_close(topic=other, answer="Klaar.", by=world.user("secretary"))
    assert len(_items(client, Role.MEMBER, Kind.TOPIC_ANSWER)) == 1


def test_member_with_nothing_to_do_reads_a_friendly_line(world, client_for):
    html = client_for("member").get(DASHBOARD).content.decode()
    assert "Wat moet u doen?" in html
    assert "Als lid van Cliëntenpanel Noordkust" in html
    assert "Niets te doen. Goed bezig!" in html


# ---------------------------------------------------------------- facilitator


def test_facilitator_answers_new_topics(world, client_for):
    topic = topic_services.topic_submit(
        body=world.body, title="Formulieren", description="Te lang.", by=world.user("member")
    )
    client = client_for("facilitator")
    (item,) = _items(client, Role.FACILITATOR, Kind.TOPIC_NEW)
    assert item.deadline == timezone.localdate() + datetime.timedelta(days=365 // world.body.min_meetings_per_year)
    _assert_opens(client, item)
    topic_services.topic_close(topic=topic, answer="Doorgegeven aan de gemeente.", by=world.user("facilitator"))
    assert _items(client, Role.FACILITATOR, Kind.TOPIC_NEW) == []


def test_facilitator_sees_replies_missing_until_everyone_answered(world, client_for):
    meeting = new_meeting(world.body, days=8)
    _invite(meeting, world.user("member"))
    _invite(meeting, world.client)
    client = client_for("facilitator")
    (item,) = _items(client, Role.FACILITATOR, Kind.REPLIES_MISSING)
    assert "2 leden lieten nog niet weten" in item.text
    _assert_opens(client, item)
    agenda_services.reply_save(meeting=meeting, user=world.user("member"), answer="komt")
    (item,) = _items(client, Role.FACILITATOR, Kind.REPLIES_MISSING)
    assert "1 lid liet nog niet weten" in item.text
    agenda_services.reply_save(meeting=meeting, user=world.client, answer="komt_niet")
    assert _items(client, Role.FACILITATOR, Kind.REPLIES_MISSING) == []


def test_facilitator_writes_and_sends_the_feedback_report(world, client_for):
    meeting = past_meeting(world, days_ago=5, title="Najaarsoverleg")
    client = client_for("facilitator")
    (item,) = _items(client, Role.FACILITATOR, Kind.FEEDBACK_WRITE)
    assert "schrijf de terugkoppeling" in item.text
    assert item.url.endswith("/terugkoppeling/schrijven/")
    _assert_opens(client, item)
    report = record_services.feedback_save(
        meeting=meeting,
        topics_text="Brieven",
        views_text="Te moeilijk.",
        recommendations=["Korter"],
        by=world.user("facilitator"),
    )
    (item,) = _items(client, Role.FACILITATOR, Kind.FEEDBACK_WRITE)
    assert "stuur hem naar de GR" in item.text
    _assert_opens(client, item)
    record_services.feedback_send(report=report, to="gr@example.org", by=world.user("facilitator"))
    assert _items(client, Role.FACILITATOR, Kind.FEEDBACK_WRITE) == []


def test_facilitator_sees_an_overdue_gr_reaction_until_the_gr_reacted(world, client_for):
    data = records(world)  # a sent report: one of its two recommendations has no reaction yet
    client = client_for("facilitator")
    assert _items(client, Role.FACILITATOR, Kind.GR_REACTION) == []  # not overdue yet
    sent_on = timezone.localdate() - datetime.timedelta(weeks=world.body.response_period_weeks, days=1)
    FeedbackReport.objects.filter(pk=data.report.pk).update(sent_on=sent_on)
    data.report.sent_on = sent_on
    (item,) = _items(client, Role.FACILITATOR, Kind.GR_REACTION)
    due = sent_on + datetime.timedelta(weeks=world.body.response_period_weeks)
    assert item.deadline == due
    _assert_opens(client, item)
    second = data.report.recommendations.get(number=2)
    record_services.reaction_record(recommendation=second, reaction="overgenomen", by=world.user("officer_region"))
    assert _items(client, Role.FACILITATOR, Kind.GR_REACTION) == []


# ---------------------------------------------------------------- secretary


def test_secretary_publishes_the_documents_in_time(world, client_for):
    meeting = new_meeting(world.body, days=10)
    far = new_meeting(world.body, days=60, title="Later")
    client = client_for("secretary")
    (item,) = _items(client, Role.SECRETARY, Kind.DOCUMENTS)
    day = timezone.localtime(meeting.starts_at).date()
    assert item.deadline == day - datetime.timedelta(days=world.body.documents_days_before)
    assert str(far.pk) not in item.url
    _assert_opens(client, item)
    agenda_services.item_add(meeting=meeting, title="Welkom", source="secretaris", by=world.user("secretary"))
    agenda_services.agenda_publish(meeting=meeting, by=world.user("secretary"))
    assert _items(client, Role.SECRETARY, Kind.DOCUMENTS) == []


def test_secretary_approves_minutes_and_follows_up_agreements(world, client_for):
    data = records(world)
    client = client_for("secretary")
    (minutes_item,) = _items(client, Role.SECRETARY, Kind.MINUTES)
    assert minutes_item.deadline == data.minutes.approve_by
    assert "stel het vast" in minutes_item.text
    _assert_opens(client, minutes_item)
    (agreement_item,) = _items(client, Role.SECRETARY, Kind.AGREEMENT)
    assert agreement_item.deadline == data.agreement.due_on
    _assert_opens(client, agreement_item)

    record_services.minutes_approve(minutes=data.minutes, by=world.user("secretary"))
    record_services.agreement_set_status(agreement=data.agreement, status="gedaan", by=world.user("secretary"))
    assert _items(client, Role.SECRETARY, Kind.MINUTES) == []
    assert _items(client, Role.SECRETARY, Kind.AGREEMENT) == []


def test_secretary_writes_the_minutes_of_a_held_meeting(world, client_for):
    past_meeting(world, days_ago=3, title="Overleg")
    client = client_for("secretary")
    (item,) = _items(client, Role.SECRETARY, Kind.MINUTES)
    assert "schrijf het verslag" in item.text and item.deadline is None
    _assert_opens(client, item)


def test_secretary_items_are_most_urgent_first(world, client_for):
    records(world)  # minutes to approve (yesterday), an agreement overdue (two days ago)
    new_meeting(world.body, days=10)  # documents due in a few days
    past_meeting(world, days_ago=3, title="Overleg")  # minutes to write: no deadline
    items = _items(client_for("secretary"), Role.SECRETARY)
    assert [i.kind for i in items] == [Kind.AGREEMENT, Kind.MINUTES, Kind.DOCUMENTS, Kind.MINUTES]
    html = client_for("secretary").get(DASHBOARD).content.decode()
    positions = [html.index(i.url) for i in items]
    assert positions == sorted(positions)
    assert html.count("Te laat") == 2


# ---------------------------------------------------------------- policy officer


def test_officer_asks_for_advice_in_time(world, client_for):
    proposal = new_proposal(world, municipality=None, bodies=[world.body])
    client = client_for("officer_region")
    (item,) = _items(client, Role.POLICY_OFFICER, Kind.REQUEST)
    assert item.deadline == proposal.planned_decision_date - datetime.timedelta(weeks=world.body.advice_period_weeks)
    _assert_opens(client, item)
    advice_services.request_create(
        proposal=proposal, bodies=[world.body], questions="Wat vindt u?", by=world.user("officer_region")
    )
    assert _items(client, Role.POLICY_OFFICER, Kind.REQUEST) == []


def test_municipal_officer_sees_only_their_municipality(world, client_for):
    new_proposal(world, municipality=None, bodies=[world.body])  # a GR proposal
    new_proposal(world, title="Zeedorp regelt het", bodies=[world.municipal_body])
    items = _items(client_for("officer_municipality"), Role.POLICY_OFFICER, Kind.REQUEST)
    assert len(items) == 1 and "Zeedorp regelt het" in items[0].text
    _assert_opens(client_for("officer_municipality"), items[0])


def test_officer_responds_to_advice(world, client_for):
    advice = sent_advice(world.body, subject="Advies over de brieven")
    client = client_for("officer_region")
    (item,) = _items(client, Role.POLICY_OFFICER, Kind.RESPONSE)
    assert item.deadline == advice.response_due
    _assert_opens(client, item)
    record_response(advice)
    assert _items(client, Role.POLICY_OFFICER, Kind.RESPONSE) == []


def test_gr_officer_records_the_gr_reaction(world, client_for):
    data = records(world)
    client = client_for("officer_region")
    (item,) = _items(client, Role.POLICY_OFFICER, Kind.GR_REACTION)
    _assert_opens(client, item)
    second = data.report.recommendations.get(number=2)
    record_services.reaction_record(recommendation=second, reaction="overgenomen", by=world.user("officer_region"))
    assert _items(client, Role.POLICY_OFFICER, Kind.GR_REACTION) == []
    assert _items(client_for("officer_municipality"), Role.POLICY_OFFICER, Kind.GR_REACTION) == []


# ---------------------------------------------------------------- beheerder


def test_beheerder_sees_bodies_below_the_meeting_minimum_and_failing_composition(world, client_for):
    client = client_for("admin")
    minimum = {i.url: i for i in _items(client, Role.ADMIN, Kind.MEETING_MINIMUM)}
    plan = reverse("meetings:year_plan", kwargs={"region": world.region.slug, "body": world.body.slug})
    assert plan in minimum
    _assert_opens(client, minimum[plan])
    composition = {i.url: i for i in _items(client, Role.ADMIN, Kind.COMPOSITION)}
    members = reverse("members:list", kwargs={"region": world.region.slug, "body": world.municipal_body.slug})
    assert members in composition
    _assert_opens(client, composition[members])
    assert world.other_body.name not in " ".join(i.text for i in _items(client))

    for days in range(1, world.body.min_meetings_per_year + 1):
        new_meeting(world.body, days=days)
    assert plan not in {i.url for i in _items(client, Role.ADMIN, Kind.MEETING_MINIMUM)}


def test_the_beheerders_composition_check_is_kept_and_shows_a_membership_change_at_once(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.dashboards.data import add_client_member

    client = client_for("admin")

    def composition() -> tuple[list[str], int]:
        with CaptureQueriesContext(connection) as ctx:
            texts = sorted(i.text for i in _items(client, Role.ADMIN, Kind.COMPOSITION))
        return texts, len(ctx.captured_queries)

    first, made = composition()
    assert f"{world.body.name}: de samenstelling klopt niet. 2 cliënten, minimaal 12" in first
    # kept: the region has no audit row yet, so it has settled; the memberships and municipalities are not read
    assert composition() == (first, made - 2)

    add_client_member(world)

    # The membership wrote an audit row of the region: the check is made again, with the new member.
    after, queries = composition()
    assert f"{world.body.name}: de samenstelling klopt niet. 3 cliënten, minimaal 12" in after
    assert queries == made


def test_beheerder_draws_closed_vacancies(world, client_for):
    vacancy = new_vacancy(world, closes_on=timezone.localdate() - datetime.timedelta(days=2))
    new_vacancy(world, title="Nog open")
    client = client_for("admin")
    (item,) = _items(client, Role.ADMIN, Kind.DRAW)
    assert str(vacancy.pk) in item.url
    _assert_opens(client, item)


def test_beheerder_sees_failed_emails(world, client_for):
    OutgoingEmail.objects.create(
        to="weg@example.org",
        subject="Uitnodiging",
        body="x",
        region=world.region,
        status=OutgoingEmail.Status.FAILED,
        next_attempt_at=timezone.now(),
    )
    OutgoingEmail.objects.create(
        to="ook@example.org",
        subject="x",
        body="x",
        region=world.other_region,
        status=OutgoingEmail.Status.FAILED,
        next_attempt_at=timezone.now(),
    )
    client = client_for("admin")
    (item,) = _items(client, Role.ADMIN, Kind.EMAIL)
    assert item.text.startswith("1 e-mail is niet aangekomen")
    _assert_opens(client, item)
    OutgoingEmail.objects.filter(region=world.region).update(status=OutgoingEmail.Status.SENT)
    assert _items(client, Role.ADMIN, Kind.EMAIL) == []


# ---------------------------------------------------------------- together


def test_a_person_with_several_roles_sees_a_section_per_role_and_body(world, client_for):
    user = world.user("secretary")
    RoleAssignmentFactory(user=user, role=Role.MEMBER, region=world.region, body=world.municipal_body)
    RoleAssignmentFactory(user=user, role=Role.POLICY_OFFICER, region=world.region)
    titles = [s.title for s in _sections(client_for("secretary"))]
    assert titles == [
        "Als lid van Adviesraad Sociaal Domein Zeedorp",
        "Als secretaris van Cliëntenpanel Noordkust",
        "Als beleidsmedewerker",
    ]


def test_people_without_a_role_have_no_to_do_list(world, client_for):
    assert _sections(client_for("plain")) == []
    assert "Wat moet u doen?" not in client_for("plain").get(DASHBOARD).content.decode()


def test_sort_key_puts_the_soonest_deadline_first_and_no_deadline_last():
    today = datetime.date(2026, 12, 2)
    items = [
        TodoItem("c", None, "/c/", "x"),
        TodoItem("b", today + datetime.timedelta(days=5), "/b/", "x"),
        TodoItem("a", today - datetime.timedelta(days=3), "/a/", "x"),
    ]
    assert [i.text for i in sorted(items, key=sort_key)] == ["a", "b", "c"]
    assert items[2].overdue(today) and not items[1].overdue(today) and not items[0].overdue(today)


# ---------------------------------------------------------------- a fixed number of queries, per role


def _grow_member(world):
    member = world.user("member")
    for days in (3, 9, 15):
        _invite(new_meeting(world.body, days=days, title=f"B{days}"), member)
    proposal = advice_proposal(world, title="Nog een voorstel")
    advice_services.advice_create(
        body=world.body,
        by=world.user("secretary"),
        request=new_request(world, proposal),
        subject="Concept",
        text="x",
        recommendations=["y"],
    )
    for n in range(3):
        topic = topic_services.topic_submit(body=world.body, title=f"Onderwerp {n}", description="x", by=member)
        topic_services.topic_close(topic=topic, answer="Gedaan.", by=world.user("secretary"))


def _grow_supporter(world):
    from inspraak.letters.models import Letter

    for days in (4, 8, 12):
        meeting = new_meeting(world.body, days=days, title=f"B{days}")
        _invite(meeting, world.user("member"))
        _invite(meeting, world.client)
        agenda_services.reply_save(meeting=meeting, user=world.user("member"), answer="komt", needs_other="Een taxi")
    paper = paper_member(world).user
    for n in range(3):
        Letter.objects.create(
            region=world.region, body=world.body, user=paper, kind=Letter.Kind.OTHER, subject=f"Brief {n}", text="x"
        )
    for n in range(3):
        topic_services.topic_submit(body=world.body, title=f"Onderwerp {n}", description="x", by=world.user("member"))
        past_meeting(world, days_ago=3 + n, title=f"Overleg {n}")
    records(world)
    body = BodyFactory(region=world.region)
    RoleAssignmentFactory(user=world.user("secretary"), role=Role.SECRETARY, region=world.region, body=body)
    RoleAssignmentFactory(user=world.user("facilitator"), role=Role.FACILITATOR, region=world.region, body=body)
    new_meeting(body, days=5)


def _grow_officer(world):
    for n in range(3):
        new_proposal(world, title=f"Voorstel {n}", bodies=[world.body, world.municipal_body])
        sent_advice(world.body, subject=f"Advies {n}")
    records(world)


def _grow_admin(world):
    for n in range(3):
        BodyFactory(region=world.region)
        new_vacancy(world, title=f"Vacature {n}", closes_on=timezone.localdate() - datetime.timedelta(days=2))
        OutgoingEmail.objects.create(
            to=f"{n}@example.org",
            subject="x",
            body="x",
            region=world.region,
            status=OutgoingEmail.Status.FAILED,
            next_attempt_at=timezone.now(),
        )
    new_meeting(world.body, days=3)


@pytest.mark.parametrize(
    ("actor", "grow"),
    [
        ("member", _grow_member),
        ("secretary", _grow_supporter),
        ("facilitator", _grow_supporter),
        ("officer_region", _grow_officer),
        ("officer_municipality", _grow_officer),
        ("admin", _grow_admin),
    ],
)
def test_to_do_list_costs_a_fixed_number_of_queries(world, client_for, actor, grow):
    client = client_for(actor)
    assert_constant_queries(client, DASHBOARD, lambda: grow(world))
    assert _items(client), f"{actor} should have something to do after growing"


def test_every_link_of_every_role_opens_for_that_person(world, client_for):
    _grow_member(world)
    _grow_supporter(world)
    _grow_officer(world)
    _grow_admin(world)
    for actor in ("member", "secretary", "facilitator", "officer_region", "officer_municipality", "admin"):
        client = client_for(actor)
        items = _items(client)
        assert items, actor
        for item in items:
            _assert_opens(client, item)


def test_admin_with_every_role_still_gets_a_valid_page(world, client_for):
    user = world.user("admin")
    for role in (Role.SECRETARY, Role.FACILITATOR, Role.MEMBER):
        RoleAssignmentFactory(user=user, role=role, region=world.region, body=world.body)
    _grow_supporter(world)
    assert client_for("admin").get(DASHBOARD).status_code == 200


def test_composition_fails_for_many_bodies_agrees_with_the_body_page(world):
    from inspraak.members import selectors as member_selectors

    balanced = BodyFactory(region=world.region, balanced_over_municipalities=True)
    bodies = [world.body, world.municipal_body, balanced]
    for body in bodies:
        body.region = world.region
    fails = member_selectors.composition_fails(bodies)
    for body in bodies:
        expected = [f.message for f in member_selectors.body_composition(body)["fails"]]
        assert [f.message for f in fails[body.pk]] == expected, body.name
    assert fails[world.municipal_body.pk]  # nobody in it: too few clients


def test_secretary_prints_the_letters_waiting(world, client_for):
    from inspraak.letters.models import Letter

    member = paper_member(world).user
    Letter.objects.create(
        region=world.region, body=world.body, user=member, kind=Letter.Kind.OTHER, subject="Brief", text="Tekst."
    )
    client = client_for("secretary")
    (item,) = _items(client, Role.SECRETARY, Kind.LETTERS)
    assert item.text == "1 brief om te printen en te versturen"
    assert item.url == reverse("letters:body", kwargs={"region": world.region.slug, "body": world.body.slug})
    _assert_opens(client, item)
    assert _items(client_for("facilitator"), kind=Kind.LETTERS) == []


def test_secretary_arranges_what_members_need_to_come(world, client_for):
    meeting = new_meeting(world.body, days=8)
    reply = agenda_services.reply_save(
        meeting=meeting, user=world.user("member"), answer="komt", needs_interpreter=True
    )
    agenda_services.reply_save(meeting=meeting, user=world.client, answer="komt_niet", needs_childcare=True)
    client = client_for("secretary")
    (item,) = _items(client, Role.SECRETARY, Kind.NEEDS)
    assert "1 lid heeft iets nodig" in item.text
    assert item.deadline == timezone.localtime(meeting.starts_at).date()
    _assert_opens(client, item)
    agenda_services.reply_arrange(reply=reply, note="Er is een tolk Arabisch.", by=world.user("secretary"))
    assert _items(client, Role.SECRETARY, Kind.NEEDS) == []


# ---------------------------------------------------------------- consultations (issue 14)


def test_the_owner_of_a_consultation_is_asked_to_check_open_texts_and_publish_after_closing(world, client_for):
    from inspraak.consultations.models import ConsultationStatus
    from tests.consultations.data import consultation_data

    data = consultation_data(world)
    page = client_for("officer_region").get(DASHBOARD).content.decode()
    assert "Kijk 2 open antwoorden na van de raadpleging" in page
    assert reverse("consultations:moderation", kwargs={"region": world.region.slug, "pk": data.gr.pk}) in page
    assert "is gesloten op" not in page

    data.gr.status = ConsultationStatus.CLOSED
    data.gr.save(update_fields=["status"])
    page = client_for("officer_region").get(DASHBOARD).content.decode()
    assert reverse("consultations:publish", kwargs={"region": world.region.slug, "pk": data.gr.pk}) in page
    # The group's secretary does not run the GR's consultation; a member never sees it.
    for actor in ("secretary", "member"):
        assert "raadpleging" not in client_for(actor).get(DASHBOARD).content.decode()


def test_facilitator_sees_the_oldest_new_topics_and_a_count_of_the_rest(world, client_for):
    shown = todo.NEW_TOPICS_SHOWN
    topics = [
        topic_services.topic_submit(body=world.body, title=f"Onderwerp {i}", description="x", by=world.user("member"))
        for i in range(shown + 3)
    ]
    client = client_for("facilitator")
    items = _items(client, Role.FACILITATOR, Kind.TOPIC_NEW)
    assert len(items) == shown + 1
    named = [item for item in items if "‘" in item.text]
    assert [item.text.split("‘")[1].split("’")[0] for item in named] == [t.title for t in topics[:shown]]
    (rest,) = [item for item in items if "‘" not in item.text]
    assert rest.text.startswith("Nog 3 nieuwe onderwerpen")
    assert rest.url.endswith("?status=ingediend#alle")
    page = client.get(rest.url)
    assert page.status_code == 200
    assert "Onderwerp 7" in page.content.decode()


def test_the_items_are_written_as_the_template_loop_wrote_them_every_value_escaped(world):
    from django.template import Context, Template

    loop = Template(
        '{% load i18n %}{% for item in section.items %}<li><a class="utrecht-link" href="{{ item.url }}">'
        "{{ item.text }}</a>{% if item.late %} "
        '<span class="utrecht-badge-status utrecht-badge-status--warning">{% translate "Te laat" %}</span>'
        "{% endif %}</li>\n  {% endfor %}"
    )
    items = [
        TodoItem("Afspraak ‘<b>1 & 2</b>’ \"quoted\" 'single'", datetime.date(2026, 1, 1), "/a/?x=1&y=<2>", "k", True),
        TodoItem("Gewoon", None, "/b/", "k"),
    ]
    section = todo.TodoSection("Titel", Role.SECRETARY, items)
    assert section.items_html == loop.render(Context({"section": section}))
    assert "&lt;b&gt;1 &amp; 2&lt;/b&gt;" in section.items_html and "Te laat" in section.items_html
    assert todo.TodoSection("Leeg", Role.MEMBER).items_html == ""
