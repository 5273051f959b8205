"""Daily reminders of the advice cycle: request deadlines, responses due or overdue, decisions without a request."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.advice.models import Advice, AdviceKind, AdviceRequest, AdviceStatus, RequestStatus, Response
from inspraak.advice.reminders import (
    deadline_reminders_send,
    decision_reminders_send,
    reminders_send,
    response_reminders_send,
)
from inspraak.policy.models import Concern, DecidingBody, Proposal, ProposalStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 1)
D = datetime.timedelta


def _proposal(world, *, municipality=None, owner=None, planned=None, bodies=(), **fields) -> Proposal:
    proposal = Proposal.objects.create(
        region=world.region,
        municipality=municipality,
        title="Beleidsregels bijzondere bijstand 2027",
        description="Nieuwe regels voor bijzondere bijstand.",
        owner=owner,
        deciding_body=DecidingBody.COLLEGE,
        planned_decision_date=planned or TODAY + D(days=90),
        **fields,
    )
    for body in bodies:
        Concern.objects.create(proposal=proposal, body=body)
    return proposal


def _request(proposal, body, *, deadline, contact=None, status=RequestStatus.OPEN) -> AdviceRequest:
    return AdviceRequest.objects.create(
        proposal=proposal,
        body=body,
        questions="Wat vindt u van de nieuwe regels?",
        contact=contact,
        requested_on=min(deadline, TODAY) - D(weeks=6),
        deadline=deadline,
        status=status,
        decline_reason="Geen tijd." if status == RequestStatus.DECLINED else "",
    )


def _sent_advice(body, *, due, request=None, proposal=None) -> Advice:
    return Advice.objects.create(
        body=body,
        kind=AdviceKind.SOLICITED if request else AdviceKind.UNSOLICITED,
        request=request,
        proposal=proposal,
        subject="Advies over de bijzondere bijstand",
        text="Maak de regels eenvoudiger.",
        status=AdviceStatus.SENT,
        adopted_on=due - D(weeks=7),
        sent_on=due - D(weeks=6),
        response_due=due,
    )


def _to(mailoutbox) -> list[str]:
    return sorted(address for mail in mailoutbox for address in mail.to)


def _send(capture, func, today=TODAY):
    with capture(execute=True):
        return func(today=today)


def _no_client_data(mailoutbox, world):
    for mail in mailoutbox:
        text = mail.subject + mail.body
        assert world.client.name not in text
        assert world.client.email not in text
        assert world.users["member"].name not in text


# ---------------------------------------------------------------- 1. request deadline


def test_deadline_near_tells_secretary_and_facilitator_once(world, mailoutbox, django_capture_on_commit_callbacks):
    proposal = _proposal(world, bodies=[world.body])
    request = _request(proposal, world.body, deadline=TODAY + D(days=7))

    assert _send(django_capture_on_commit_callbacks, deadline_reminders_send) == 1
    assert _to(mailoutbox) == ["facilitator@example.org", "secretary@example.org"]
    mail = mailoutbox[0]
    assert "Cliëntenpanel Noordkust" in mail.subject
    assert "8 maart 2027" in mail.subject
    assert "Beleidsregels bijzondere bijstand 2027" in mail.body
    assert "over 7 dagen" in mail.body
    assert "/noordkust/clientenpanel/" in mail.body
    _no_client_data(mailoutbox, world)
    request.refresh_from_db()
    assert request.deadline_reminder_sent_on == TODAY

    mailoutbox.clear()
    assert _send(django_capture_on_commit_callbacks, deadline_reminders_send, TODAY + D(days=1)) == 0
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("deadline_days", "status"),
    [(8, RequestStatus.OPEN), (-1, RequestStatus.OPEN), (3, RequestStatus.ANSWERED), (3, RequestStatus.DECLINED)],
)
def test_no_deadline_reminder_too_early_after_the_deadline_or_when_answered(
    world, mailoutbox, django_capture_on_commit_callbacks, deadline_days, status
):
    proposal = _proposal(world, bodies=[world.body])
    _request(proposal, world.body, deadline=TODAY + D(days=deadline_days), status=status)
    assert _send(django_capture_on_commit_callbacks, deadline_reminders_send) == 0
    assert mailoutbox == []


def test_deadline_reminder_skips_people_without_email_or_inactive(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    world.users["facilitator"].is_active = False
    world.users["facilitator"].save()
    no_email = UserFactory(email=None, name="Secretaris zonder e-mail")
    RoleAssignment.objects.create(user=no_email, role=Role.SECRETARY, region=world.region, body=world.body)
    _request(_proposal(world), world.body, deadline=TODAY)
    assert _send(django_capture_on_commit_callbacks, deadline_reminders_send) == 1
    assert _to(mailoutbox) == ["secretary@example.org"]
    assert "vandaag" in mailoutbox[0].body


# ---------------------------------------------------------------- 2. response due or overdue


def test_response_due_tells_the_contact_then_overdue_also_the_secretary(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    officer = world.users["officer_region"]
    proposal = _proposal(world, bodies=[world.body])
    request = _request(proposal, world.body, deadline=TODAY - D(weeks=3), contact=officer, status="beantwoord")
    advice = _sent_advice(world.body, due=TODAY + D(days=5), request=request)

    assert _send(django_capture_on_commit_callbacks, response_reminders_send) == 1
    assert _to(mailoutbox) == [officer.email]
    assert "over 5 dagen" in mailoutbox[0].body
    assert "Beleidsregels bijzondere bijstand 2027" in mailoutbox[0].body
    advice.refresh_from_db()
    assert advice.response_reminder_sent_on == TODAY

    mailoutbox.clear()
    for day in (TODAY + D(days=1), TODAY + D(days=5)):  # not overdue yet: nothing new
        assert _send(django_capture_on_commit_callbacks, response_reminders_send, day) == 0
    assert mailoutbox == []

    later = TODAY + D(days=8)  # 3 days overdue
    assert _send(django_capture_on_commit_callbacks, response_reminders_send, later) == 1
    assert _to(mailoutbox) == [officer.email, "secretary@example.org"]
    for mail in mailoutbox:
        assert "te laat" in mail.subject
        assert "3 dagen te laat" in mail.body
    _no_client_data(mailoutbox, world)

    mailoutbox.clear()
    assert _send(django_capture_on_commit_callbacks, response_reminders_send, later + D(days=10)) == 0
    assert mailoutbox == []


def test_already_overdue_tells_officers_and_secretary_in_one_run(world, mailoutbox, django_capture_on_commit_callbacks):
    _sent_advice(world.body, due=TODAY - D(days=1))  # unsolicited, regional body: the GR officers
    assert _send(django_capture_on_commit_callbacks, response_reminders_send) == 1
    assert _to(mailoutbox) == ["officer-region@example.org", "secretary@example.org"]
    mailoutbox.clear()
    assert _send(django_capture_on_commit_callbacks, response_reminders_send, TODAY + D(days=30)) == 0
    assert mailoutbox == []


def test_without_a_contact_the_officers_of_the_bodys_municipality_hear_it(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = _proposal(world, municipality=world.municipality, bodies=[world.municipal_body])
    request = _request(proposal, world.municipal_body, deadline=TODAY - D(weeks=2), status="beantwoord")
    _sent_advice(world.municipal_body, due=TODAY + D(days=2), request=request)
    assert _send(django_capture_on_commit_callbacks, response_reminders_send) == 1
    assert _to(mailoutbox) == ["officer-municipality@example.org"]


def test_a_municipal_body_without_municipality_officers_falls_back_to_the_gr_officers(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    RoleAssignment.objects.filter(user=world.users["officer_municipality"]).delete()
    _sent_advice(world.municipal_body, due=TODAY + D(days=2))
    assert _send(django_capture_on_commit_callbacks, response_reminders_send) == 1
    assert _to(mailoutbox) == ["officer-region@example.org"]


def test_no_response_reminder_when_responded_not_sent_or_far_off(world, mailoutbox, django_capture_on_commit_callbacks):
    answered = _sent_advice(world.body, due=TODAY + D(days=2))
    Response.objects.create(advice=answered, responded_on=TODAY)
    _sent_advice(world.body, due=TODAY + D(days=8))
    Advice.objects.create(body=world.body, kind=AdviceKind.UNSOLICITED, subject="Concept", status=AdviceStatus.DRAFT)
    assert _send(django_capture_on_commit_callbacks, response_reminders_send) == 0
    assert mailoutbox == []


# ---------------------------------------------------------------- 3. decision near, a body not asked


def test_decision_near_without_a_request_tells_the_owner_once(world, mailoutbox, django_capture_on_commit_callbacks):
    owner = world.users["officer_municipality"]
    proposal = _proposal(
        world,
        municipality=world.municipality,
        owner=owner,
        planned=TODAY + D(weeks=6, days=7),  # exactly the longest advice period (6 weeks) + 7 days
        bodies=[world.body, world.municipal_body],
    )
    _request(proposal, world.body, deadline=TODAY + D(weeks=6))

    assert _send(django_capture_on_commit_callbacks, decision_reminders_send) == 1
    assert _to(mailoutbox) == [owner.email]
    mail = mailoutbox[0]
    assert "Beleidsregels bijzondere bijstand 2027" in mail.subject
    assert "Adviesraad Sociaal Domein Zeedorp" in mail.body
    assert "nog 7 dagen om op tijd te vragen" in mail.body
    assert "Cliëntenpanel Noordkust" not in mail.body  # that body was asked
    proposal.refresh_from_db()
    assert proposal.decision_reminder_sent_for == proposal.planned_decision_date

    mailoutbox.clear()
    assert _send(django_capture_on_commit_callbacks, decision_reminders_send, TODAY + D(days=1)) == 0
    # Moved later: no new reminder; moved earlier: the owner hears it again.
    Proposal.objects.filter(pk=proposal.pk).update(planned_decision_date=TODAY + D(weeks=7))
    assert _send(django_capture_on_commit_callbacks, decision_reminders_send, TODAY + D(days=2)) == 0
    Proposal.objects.filter(pk=proposal.pk).update(planned_decision_date=TODAY + D(weeks=4))
    assert _send(django_capture_on_commit_callbacks, decision_reminders_send, TODAY + D(days=2)) == 1
    assert "al te laat om op tijd te vragen" in mailoutbox[0].body


def test_the_longest_advice_period_of_the_concerned_bodies_sets_the_window(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    world.municipal_body.advice_period_weeks = 10
    world.municipal_body.save()
    owner = world.users["officer_region"]
    _proposal(world, owner=owner, planned=TODAY + D(weeks=11), bodies=[world.body, world.municipal_body])
    _proposal(world, owner=owner, planned=TODAY + D(weeks=7, days=1), bodies=[world.body])  # 6 + 1 week: not yet
    assert _send(django_capture_on_commit_callbacks, decision_reminders_send) == 1
    assert _to(mailoutbox) == [owner.email]


@pytest.mark.parametrize("case", ["all_asked", "decided", "withdrawn", "no_concerns", "past"])
def test_no_decision_reminder(world, mailoutbox, django_capture_on_commit_callbacks, case):
    owner = world.users["officer_region"]
    fields = {}
    if case == "decided":
        fields = {"status": ProposalStatus.DECIDED, "decided_on": TODAY}
    elif case == "withdrawn":
        fields = {"status": ProposalStatus.WITHDRAWN}
    planned = TODAY - D(days=1) if case == "past" else TODAY + D(weeks=3)
    bodies = [] if case == "no_concerns" else [world.body]
    proposal = _proposal(world, owner=owner, planned=planned, bodies=bodies, **fields)
    if case == "all_asked":
        _request(proposal, world.body, deadline=TODAY + D(weeks=3))
    assert _send(django_capture_on_commit_callbacks, decision_reminders_send) == 0
    assert mailoutbox == []


def test_a_withdrawn_request_counts_as_not_asked(world, mailoutbox, django_capture_on_commit_callbacks):
    proposal = _proposal(world, owner=world.users["officer_region"], planned=TODAY + D(weeks=3), bodies=[world.body])
    _request(proposal, world.body, deadline=TODAY + D(weeks=3), status=RequestStatus.WITHDRAWN)
    assert _send(django_capture_on_commit_callbacks, decision_reminders_send) == 1


def test_without_an_owner_the_officers_in_scope_hear_it(world, mailoutbox, django_capture_on_commit_callbacks):
    _proposal(world, municipality=world.municipality, planned=TODAY + D(weeks=3), bodies=[world.municipal_body])
    _proposal(world, planned=TODAY + D(weeks=3), bodies=[world.body])
    assert _send(django_capture_on_commit_callbacks, decision_reminders_send) == 2
    assert _to(mailoutbox) == ["officer-municipality@example.org", "officer-region@example.org"]


# ---------------------------------------------------------------- all together


def test_the_command_sends_every_reminder_of_the_day(world, mailoutbox, django_capture_on_commit_callbacks):
    today = datetime.date.today()
    proposal = _proposal(world, owner=world.users["officer_region"], planned=today + D(weeks=2), bodies=[world.body])
    AdviceRequest.objects.create(
        proposal=proposal, body=world.body, questions="?", requested_on=today, deadline=today + D(days=3)
    )
    _sent_advice(world.municipal_body, due=today + D(days=1))
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_advice_reminders", stdout=out)
    assert "1 adviesaanvragen gemeld" in out.getvalue()
    assert "1 reacties op adviezen gemeld" in out.getvalue()
    assert "0 voorstellen zonder adviesaanvraag gemeld" in out.getvalue()  # the only concerned body was asked
    assert _to(mailoutbox) == ["facilitator@example.org", "officer-municipality@example.org", "secretary@example.org"]
    assert reminders_send(today=today) == {"deadline": 0, "response": 0, "decision": 0}


def test_nothing_is_sent_when_the_run_rolls_back(world, mailoutbox, django_capture_on_commit_callbacks):
    from django.db import transaction

    _request(_proposal(world), world.body, deadline=TODAY + D(days=2))
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        deadline_reminders_send(today=TODAY)
        raise RuntimeError
    assert mailoutbox == []
    assert AdviceRequest.objects.get().deadline_reminder_sent_on is None
