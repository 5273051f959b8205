"""build_advice_register: the benchmark's advice cycle has the shape of the real one, at any size."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Count

from inspraak.advice.models import Advice, AdviceRequest, AdviceStatus, Recommendation, RecommendationResponse, Response
from inspraak.demo.generator import NationalSize, build_national
from inspraak.policy import rules
from inspraak.policy.models import Proposal, ProposalStatus
from inspraak.regions.models import Municipality

pytestmark = pytest.mark.django_db


def test_the_tiny_data_set_has_every_kind_of_advice_record():
    size = NationalSize.tiny()
    counts = build_national(size)
    today = datetime.date.today()

    sent = Advice.objects.filter(status=AdviceStatus.SENT)
    assert counts["advices"] == sent.count() == Advice.objects.count() == size.advices
    assert counts["proposals"] == Proposal.objects.count() >= size.advices
    assert counts["recommendations"] == Recommendation.objects.count()
    assert counts["responses"] == Response.objects.count() > 0
    assert NationalSize().advices == 20_000

    # 2 to 5 recommendations each; a verdict for every recommendation of an answered advice, a reason when not adopted.
    numbers = Advice.objects.annotate(n=Count("recommendations")).values_list("n", flat=True)
    assert set(numbers) <= {2, 3, 4, 5}
    answered = Recommendation.objects.filter(advice__response__isnull=False).count()
    assert RecommendationResponse.objects.count() == answered
    assert not RecommendationResponse.objects.exclude(verdict="overgenomen").filter(reason="").exists()

    # Spread over every municipality's adviesraad and the regional panels; solicited and unsolicited; late and on time.
    assert set(Advice.objects.values_list("body__municipality", flat=True)) >= set(
        Municipality.objects.values_list("pk", flat=True)
    )
    assert set(Advice.objects.values_list("kind", flat=True)) == {"gevraagd", "ongevraagd"}
    codes = {
        rules.request_timeliness(
            r.requested_on, r.body.advice_period_weeks, rules.decision_date(r.proposal.planned_decision_date, None)
        ).code
        for r in AdviceRequest.objects.select_related("body", "proposal")
    }
    assert codes == {rules.ON_TIME, rules.LATE}
    assert Proposal.objects.filter(status=ProposalStatus.DECIDED, requests__isnull=True).exists()  # not asked

    for proposal in Proposal.objects.all():
        proposal.full_clean()
        assert (proposal.status == ProposalStatus.DECIDED) == (proposal.decided_on is not None)
        assert proposal.events.first().kind == "aangemaakt"
    for advice in Advice.objects.select_related("body"):
        advice.full_clean()
        assert advice.sent_on <= today
        assert advice.response_due == rules.response_due(advice.sent_on, advice.body.response_period_weeks)
    for request in AdviceRequest.objects.all():
        request.full_clean()
