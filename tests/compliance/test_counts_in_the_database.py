"""The matrix counts topics, member documents and expense claims per body and local day in the database; the numbers
are those of the former computation, which read every row into Python and is kept here as the reference
(``_reference``): topics across a year boundary in local time, answered just after midnight, answered several
times, forwarded, on behalf of someone, of an erased member; documents and claims across the boundary; a body
without topics. Advice on a proposal, linked directly and through its request, counts once."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db.models import Min, Q
from django.utils import timezone

from inspraak.advice.models import RequestStatus
from inspraak.agenda.models import MeetingDocument
from inspraak.claims.models import ClaimKind, ClaimStatus, ExpenseClaim
from inspraak.compliance import rules, selectors
from inspraak.meetings import rules as meeting_rules
from inspraak.meetings.models import MeetingStatus
from inspraak.topics.models import Topic, TopicEvent, TopicStatus
from tests.compliance.data import compliance_data, days, decided_proposal, document, meeting, topic
from tests.factories import BodyFactory, UserFactory
from tests.register.data import ask, sent_advice

pytestmark = pytest.mark.django_db


def _local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _topic_at(body, user, submitted: datetime.datetime, *, answers=(), on_behalf_of=None, title="Onderwerp"):
    """A topic submitted at ``submitted``; ``answers``: (at, from status, to status) of its events."""
    found = Topic.objects.create(body=body, title=title, description="Uitleg.", submitted_by=user)
    Topic.objects.filter(pk=found.pk).update(submitted_at=submitted, on_behalf_of=on_behalf_of)
    for when, from_status, to_status in answers:
        event = TopicEvent.objects.create(topic=found, from_status=from_status, to_status=to_status)
        TopicEvent.objects.filter(pk=event.pk).update(at=when)
    return found


def _claim(world, body, submitted: datetime.datetime, decided: datetime.datetime | None):
    claim = ExpenseClaim.objects.create(
        body=body,
        user=world.user("member"),
        kind=ClaimKind.PUBLIC_TRANSPORT,
        spent_on=submitted.date(),
        amount=Decimal("7.40"),
        status=ClaimStatus.APPROVED if decided else ClaimStatus.SUBMITTED,
        decided_at=decided,
    )
    ExpenseClaim.objects.filter(pk=claim.pk).update(created_at=submitted)


def _tricky(world):
    data = compliance_data(world)
    body, member = world.body, world.user("member")
    other = UserFactory()
    erased = UserFactory()  # stands for an erased member: the topic keeps its row, the person is gone
    BodyFactory(region=world.region, name="Lege raad", slug="lege-raad")  # a body without topics or documents
    new_year = datetime.date(data.year, 1, 1)
    eve = datetime.date(data.year - 1, 12, 31)
    out, on_agenda = TopicStatus.SUBMITTED, TopicStatus.ON_AGENDA
    # Either side of midnight on New Year's Eve, local time (UTC is an hour behind: both are the 31st in UTC).
    _topic_at(body, member, _local(eve, 23, 30), answers=[(_local(new_year, 0, 30), out, on_agenda)])
    _topic_at(
        body,
        member,
        _local(new_year, 0, 30),
        answers=[(_local(new_year + datetime.timedelta(days=70), 0, 15), out, on_agenda)],
    )
    # Answered several times: a step that stays "ingediend" does not count, the first step out does.
    spring = datetime.date(data.year, 3, 1)
    _topic_at(
        body,
        member,
        _local(spring, 10),
        answers=[
            (_local(spring + datetime.timedelta(days=3), 9), out, out),
            (_local(spring + datetime.timedelta(days=90), 9), out, TopicStatus.NOT_ON_AGENDA),
            (_local(spring + datetime.timedelta(days=20), 9), out, on_agenda),
            (_local(spring + datetime.timedelta(days=30), 9), on_agenda, TopicStatus.DONE),
        ],
    )
    _topic_at(body, member, _local(spring, 11), on_behalf_of=other)
    _topic_at(
        body, erased, _local(spring, 12), answers=[(_local(spring + datetime.timedelta(days=80), 9), out, on_agenda)]
    )
    _topic_at(body, member, _local(datetime.date(data.year, 11, 25), 9))  # too recent to count
    forwarded = _topic_at(body, member, _local(spring, 13))
    Topic.objects.filter(pk=forwarded.pk).update(forwarded_from=data.topic)
    topic(
        world.municipal_body,
        member,
        submitted_on=datetime.date(data.year, 6, 1),
        answered_on=datetime.date(data.year, 6, 2),
    )
    # A meeting just after midnight on New Year's Day with a document available late on New Year's Eve.
    early = meeting(body, on=new_year, title="Nieuwjaar")
    type(early).objects.filter(pk=early.pk).update(starts_at=_local(new_year, 0, 30))
    late_doc = document(early, available_on=eve, title="Laat op de avond")
    MeetingDocument.objects.filter(pk=late_doc.pk).update(available_at=_local(eve, 23, 45))
    cancelled = meeting(body, on=datetime.date(data.year, 5, 1), status=MeetingStatus.CANCELLED, title="Afgelast")
    document(cancelled, available_on=datetime.date(data.year, 4, 1))
    document(
        meeting(body, on=datetime.date(data.year, 5, 2)), available_on=datetime.date(data.year, 5, 1), for_members=False
    )
    # Claims either side of midnight, decided just after it, open, decided late.
    _claim(world, body, _local(eve, 23, 30), _local(new_year, 0, 10))
    _claim(world, body, _local(new_year, 0, 30), None)
    _claim(world, body, _local(spring, 9), _local(spring + datetime.timedelta(days=40), 9))
    _claim(world, world.municipal_body, _local(spring, 9), _local(spring + datetime.timedelta(days=3), 23, 30))
    return data


def _reference(region, *, first_year, last_year, today, thresholds, bodies):
    """The former computation: every topic (with its first answer), document and claim read as a row, then
    counted in Python per body and year. Returns {year: {body pk: (topics, documents, claims)}} and the topics of
    "is the client heard?" per year."""
    start = timezone.make_aware(datetime.datetime(first_year, 1, 1))
    end = timezone.make_aware(datetime.datetime(last_year + 1, 1, 1))
    doc_end = timezone.make_aware(
        datetime.datetime.combine(min(datetime.date(last_year, 12, 31), today), datetime.time.min)
    ) + datetime.timedelta(days=1)
    topics = list(
        Topic.objects.filter(
            body__region=region, forwarded_from__isnull=True, submitted_at__gte=start, submitted_at__lt=end
        )
        .values("pk", "body_id", "submitted_by_id", "on_behalf_of_id", "submitted_at")
        .annotate(
            answered_at=Min(
                "events__at",
                filter=Q(events__from_status=TopicStatus.SUBMITTED) & ~Q(events__to_status=TopicStatus.SUBMITTED),
            )
        )
    )
    documents = list(
        MeetingDocument.objects.filter(
            item__meeting__body__region=region,
            for_members=True,
            item__meeting__starts_at__gte=start,
            item__meeting__starts_at__lt=doc_end,
        )
        .exclude(item__meeting__status=MeetingStatus.CANCELLED)
        .values("pk", "available_at", "item__meeting__starts_at", "item__meeting__body_id")
    )
    claims = list(
        ExpenseClaim.objects.filter(body__region=region, created_at__gte=start, created_at__lt=end).values(
            "body_id", "created_at", "decided_at"
        )
    )

    def local(value):
        return timezone.localtime(value).date()

    result, heard = {}, {}
    for year in range(first_year, last_year + 1):
        stats = defaultdict(
            lambda: (
                dict.fromkeys(("ingediend", "geteld", "op_tijd", "te_laat", "te_lang_open"), 0),
                {"geteld": 0, "op_tijd": 0, "te_laat": 0},
                dict.fromkeys(("ingediend", "geteld", "op_tijd", "te_laat", "te_lang_open"), 0),
            )
        )
        tallies = defaultdict(lambda: ({}, {}))
        for row in topics:
            submitted_on = local(row["submitted_at"])
            if submitted_on.year != year:
                continue
            answered_on = local(row["answered_at"]) if row["answered_at"] else None
            outcome = rules.topic_outcome(
                submitted_on=submitted_on, answered_on=answered_on, weeks=thresholds.topic_answer_weeks, today=today
            )
            numbers = stats[row["body_id"]][0]
            numbers["ingediend"] += 1
            if outcome != rules.NOT_COUNTED:
                numbers["geteld"] += 1
                numbers[outcome] += 1
            submitters, days = tallies[row["body_id"]]
            who = row["on_behalf_of_id"] or row["submitted_by_id"]
            submitters[who] = submitters.get(who, 0) + 1
            if answered_on:
                days[(answered_on - submitted_on).days] = days.get((answered_on - submitted_on).days, 0) + 1
        for row in documents:
            body = bodies.get(row["item__meeting__body_id"])
            meeting_on = local(row["item__meeting__starts_at"])
            if body is None or meeting_on.year != year:
                continue
            on_time, _late = meeting_rules.document_timeliness(
                available_on=local(row["available_at"]), meeting_on=meeting_on, days_before=body.documents_days_before
            )
            numbers = stats[body.pk][1]
            numbers["geteld"] += 1
            numbers["op_tijd" if on_time else "te_laat"] += 1
        for row in claims:
            submitted_on = local(row["created_at"])
            if submitted_on.year != year:
                continue
            decided_on = local(row["decided_at"]) if row["decided_at"] else None
            outcome = rules.claim_outcome(submitted_on=submitted_on, decided_on=decided_on, today=today)
            numbers = stats[row["body_id"]][2]
            numbers["ingediend"] += 1
            if outcome != rules.NOT_COUNTED:
                numbers["geteld"] += 1
                numbers[outcome] += 1
        result[year] = dict(stats)
        heard[year] = {pk: (dict(s), dict(d)) for pk, (s, d) in tallies.items()}
    return result, heard


def test_topics_documents_and_claims_counted_in_the_database_match_the_former_row_by_row_count(world):
    data = _tricky(world)
    first, last = data.year - 1, data.year
    facts = selectors._load(world.region, first_year=first, last_year=last, today=data.today)
    expected, expected_heard = _reference(
        world.region,
        first_year=first,
        last_year=last,
        today=data.today,
        thresholds=facts.thresholds,
        bodies=facts.bodies,
    )
    for year in (first, last):
        stats = selectors._stats(facts, year)
        found = {
            pk: (own.topics, own.documents, own.claims)
            for pk, own in stats.items()
            if any(own.topics.values()) or any(own.documents.values()) or any(own.claims.values())
        }
        assert found == expected[year], year
        heard = {
            pk: (tally.submitters, tally.days) for pk, tally in selectors.heard_topics(facts.topics, year=year).items()
        }
        assert heard == expected_heard[year], year
    # The tricky cases are really there: New Year's Eve in 2025, New Year's Day in 2026, the forwarded one left out.
    assert expected[first][world.body.pk][0]["ingediend"] == 1
    assert expected[last][world.body.pk][0]["ingediend"] == 6  # the forwarded one left out
    assert expected[first][world.body.pk][2]["ingediend"] == 1
    assert expected[last][world.body.pk][1]["te_laat"] >= 1


def test_is_the_client_heard_reads_the_same_topic_counts_as_the_evidence(world):
    data = _tricky(world)
    bodies = [world.body, world.municipal_body]
    facts = selectors._load(world.region, first_year=data.year, last_year=data.year, today=data.today)
    from_evidence = selectors.heard_topics(facts.topics, year=data.year)
    alone = selectors.bodies_heard(bodies, year=data.year)
    together = selectors.bodies_heard(bodies, year=data.year, topics=from_evidence)
    assert alone == together
    assert (
        alone[0].answered_topics == 4
    )  # New Year's Day, the one answered several times, the erased member's, one more


def test_the_matrix_page_row_for_the_region_reads_the_same_numbers_as_the_stats(world):
    data = _tricky(world)
    matrix = selectors.region_matrix(world.region, year=data.year, today=data.today)
    gr = next(row for row in matrix.rows if row.municipality is None)
    facts = selectors._load(world.region, first_year=data.year, last_year=data.year, today=data.today)
    expected, _heard = _reference(
        world.region,
        first_year=data.year,
        last_year=data.year,
        today=data.today,
        thresholds=facts.thresholds,
        bodies=facts.bodies,
    )
    serving = {body.pk for body in selectors._serving(facts.bodies, None)}
    topics = dict.fromkeys(("ingediend", "geteld", "op_tijd", "te_laat", "te_lang_open"), 0)
    for pk, (numbers, _documents, _claims) in expected[data.year].items():
        if pk in serving:
            for key in topics:
                topics[key] += numbers[key]
    assert {key: gr.cells["d"].numbers[key] for key in topics} == topics


def test_an_advice_linked_to_its_proposal_both_directly_and_through_its_request_counts_once(world):
    data = compliance_data(world)
    decided = decided_proposal(
        world,
        municipality=world.municipality,
        decided_on=days(-20),
        title="Besluit met twee adviezen",
        concerns=[world.body, world.municipal_body],
        asked={world.body: days(-120)},
    )
    withdrawn = ask(world, decided, world.municipal_body, requested_on=days(-110), status=RequestStatus.WITHDRAWN)
    request = decided.requests.get(body=world.body)
    late = {"response_due": days(-10)}
    sent_advice(world, world.body, subject="Beide", sent_on=days(-60), request=request, proposal=decided, **late)
    sent_advice(world, world.municipal_body, subject="Direct", sent_on=days(-50), proposal=decided, **late)
    sent_advice(world, world.municipal_body, subject="Ingetrokken", sent_on=days(-40), request=withdrawn, **late)
    matrix = selectors.region_matrix(world.region, year=data.year, today=data.today)
    row = next(
        row for row in matrix.rows if row.municipality is not None and row.municipality.pk == world.municipality.pk
    )
    numbers = row.cells["a"].numbers
    assert numbers["besloten"] == 1
    assert (numbers["op_tijd"], numbers["te_laat"], numbers["niet_gevraagd"]) == (
        1,
        0,
        1,
    )  # the withdrawn one: not asked
    assert numbers["reactie_te_laat"] == 3  # each advice once, also the one linked both ways


def test_the_whole_matrix_counts_advice_as_the_evidence_of_one_municipality_does(world):
    """The matrix of the region counts without a line per proposal; the evidence page lists them. Both give the same
    numbers and the same links to the proposals asked too late or not at all."""
    data = compliance_data(world)
    on_time = decided_proposal(
        world,
        municipality=world.municipality,
        decided_on=days(-5),
        title="Op tijd",
        concerns=[world.body],
        asked={world.body: days(-100)},
    )
    decided_proposal(
        world,
        municipality=world.municipality,
        decided_on=days(-10),
        title="Te laat",
        concerns=[world.body],
        asked={world.body: days(-20)},
    )
    decided_proposal(
        world,
        municipality=world.municipality,
        decided_on=days(-15),
        title="Niet gevraagd",
        concerns=[world.body, world.municipal_body],
        asked={world.body: days(-90)},
    )
    request = on_time.requests.get(body=world.body)
    sent_advice(
        world, world.body, subject="Laat beantwoord", sent_on=days(-60), request=request, response_due=days(-30)
    )
    matrix = selectors.region_matrix(world.region, year=data.year, today=data.today)
    whole = next(row for row in matrix.rows if row.municipality and row.municipality.pk == world.municipality.pk)
    one = selectors.municipality_matrix(world.region, world.municipality, year=data.year, today=data.today)

    assert whole.cells["a"].numbers == one.cells["a"].numbers
    assert whole.cells["a"].numbers["reactie_te_laat"] == 1
    assert [(link.label, link.url) for link in whole.cells["a"].evidence] == [
        (link.label, link.url) for link in one.cells["a"].evidence
    ]
    assert {link.label for link in whole.cells["a"].evidence} == {"Te laat", "Niet gevraagd"}
    assert [line.title for line in one.detail.proposals if line.title != "Besluit"] == [
        "Niet gevraagd",
        "Te laat",
        "Op tijd",
    ]


def _advice_cells(world, municipality, *, year: int, today: datetime.date):
    """The advice cell of ``municipality``'s row (None: the GR) in the whole matrix and on its evidence page."""
    matrix = selectors.region_matrix(world.region, year=year, today=today)
    key = None if municipality is None else municipality.pk
    whole = next(row for row in matrix.rows if (row.municipality.pk if row.municipality else None) == key)
    if municipality is None:
        one = selectors.gr_matrix(world.region, year=year, today=today)
    else:
        one = selectors.municipality_matrix(world.region, municipality, year=year, today=today)
    return whole.cells["a"], one.cells["a"]


def _links(cell) -> list[tuple[str, str]]:
    return [(str(link.label), link.url) for link in cell.evidence]


def test_the_whole_matrix_decides_every_boundary_of_the_advice_rules_as_the_evidence_page_does(world):
    """Counted in the database for the whole matrix, per proposal in Python on the evidence page: asked exactly the
    advice period before the decision is on time, a day later is late; only a withdrawn request is not asked; a body
    of another region does not count; a response due today is not yet overdue, due yesterday it is; answered on the
    due day is in time, a day later is not; without a stored due date the body's response period counts."""
    today = timezone.localdate()
    body, weeks = world.body, world.body.advice_period_weeks
    decision = days(-10)
    on_time = decided_proposal(
        world,
        municipality=world.municipality,
        decided_on=decision,
        title="Precies op tijd",
        asked={body: decision - datetime.timedelta(weeks=weeks)},
    )
    decided_proposal(
        world,
        municipality=world.municipality,
        decided_on=decision,
        title="Een dag te laat",
        asked={body: decision - datetime.timedelta(weeks=weeks) + datetime.timedelta(days=1)},
    )
    withdrawn = decided_proposal(world, municipality=world.municipality, decided_on=days(-12), title="Ingetrokken")
    ask(world, withdrawn, body, requested_on=days(-200), status=RequestStatus.WITHDRAWN)
    decided_proposal(
        world, municipality=world.municipality, decided_on=days(-14), title="Andere regio", concerns=[world.other_body]
    )
    decided_proposal(world, municipality=world.municipality, decided_on=days(-16), title="Zonder groep")
    decided_proposal(world, municipality=None, decided_on=days(-18), title="Regionaal, niet gevraagd", concerns=[body])

    response = datetime.timedelta(weeks=body.response_period_weeks)
    yesterday = today - datetime.timedelta(days=1)
    for subject, sent_on, due, responded_on in [
        ("Reactie vandaag uiterlijk", days(-60), today, None),  # not yet overdue
        ("Reactie gisteren uiterlijk", days(-60), yesterday, None),  # overdue
        ("Op de laatste dag", days(-60), days(-20), days(-20)),  # in time
        ("Een dag na de laatste dag", days(-60), days(-20), days(-19)),  # overdue
        ("Zonder datum, vandaag", today - response, None, None),  # the body's period: due today
        ("Zonder datum, gisteren", yesterday - response, None, None),  # due yesterday: overdue
    ]:
        sent_advice(
            world, body, subject=subject, sent_on=sent_on, proposal=on_time, response_due=due, responded_on=responded_on
        )

    whole, one = _advice_cells(world, world.municipality, year=today.year, today=today)
    assert (
        whole.numbers
        == one.numbers
        == {
            "besloten": 5,
            "op_tijd": 1,
            "te_laat": 1,
            "niet_gevraagd": 1,
            "reactie_te_laat": 3,
        }
    )
    assert _links(whole) == _links(one)
    assert [label for label, _url in _links(whole)] == ["Ingetrokken", "Een dag te laat"]  # in the order decided

    whole, one = _advice_cells(world, None, year=today.year, today=today)
    assert whole.numbers == one.numbers
    assert whole.numbers["niet_gevraagd"] == 1
    assert _links(whole) == _links(one) == [("Regionaal, niet gevraagd", _links(one)[0][1])]


def test_each_year_of_the_chart_counts_the_advice_on_the_proposals_decided_that_year(world):
    today = timezone.localdate()
    last_year = datetime.date(today.year - 1, 6, 1)
    decided_proposal(
        world, municipality=world.municipality, decided_on=last_year, title="Vorig jaar", concerns=[world.body]
    )
    decided_proposal(world, municipality=world.municipality, decided_on=days(-3), title="Dit jaar")
    for matrix in selectors.matrices(world.region, years=[today.year - 1, today.year], today=today):
        row = next(row for row in matrix.rows if row.municipality and row.municipality.pk == world.municipality.pk)
        whole, one = _advice_cells(world, world.municipality, year=matrix.year, today=today)
        assert row.cells["a"].numbers == whole.numbers == one.numbers
        assert _links(row.cells["a"]) == _links(one)
        if matrix.year == today.year:
            assert (whole.numbers["besloten"], whole.numbers["niet_gevraagd"], whole.evidence) == (1, 0, [])
        else:
            assert (whole.numbers["besloten"], whole.numbers["niet_gevraagd"]) == (1, 1)
            assert [link.label for link in whole.evidence] == ["Vorig jaar"]
