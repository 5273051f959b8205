"""Writes of the consultation's results part: checking open answers, publishing the results with "wat doen we
ermee", and passing a finding on to a group's topic list or to an advice request."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count

from inspraak.accounts.models import User
from inspraak.advice.models import AdviceRequest, RequestStatus
from inspraak.audit.services import audit_record
from inspraak.consultations.models import (
    LONG_TEXT_MAX,
    TALLY_TEXT_REMOVED,
    TALLY_TEXT_SHOWN,
    Consultation,
    ConsultationEvent,
    ConsultationStatus,
    Finding,
    Tally,
    TallyTotal,
    TextAnswer,
    TextStatus,
)
from inspraak.consultations.services import add_counts, add_to_tallies, record_event
from inspraak.core import names
from inspraak.core.errors import ServiceError
from inspraak.core.versioning import claim_version
from inspraak.members import selectors as member_selectors
from inspraak.regions.models import Body
from inspraak.topics import services as topic_services


class ResultsError(ServiceError):
    """Codes: "status" (not in the right state), "empty", "too_long", "client_named" (``fragments``), "done" (the
    text was already checked), "action", "body" (not a group of this region), "request" (not an open request of the
    region), "topic" (``topic_code``)."""


def _check_names(region, field: str, texts: Iterable[str]) -> None:
    """A text that becomes public must not name a client of the region (core.names)."""
    texts = [t for t in texts if t]
    if not texts:
        return
    found = names.fragments(texts, member_selectors.private_client_names(Body(region_id=region.pk)))
    if found:
        raise ResultsError("client_named", field=field, fragments=found)


# ---------------------------------------------------------------- moderation

SHOW = "tonen"
EDIT = "aanpassen"
REMOVE = "weglaten"


@transaction.atomic
def moderate_text(*, text: TextAnswer, action: str, edited: str = "", by: User) -> TextAnswer:
    """Check one open answer: show it as it is, show the edited text instead (the original is not kept), or leave it
    out (the text is emptied). Only a text still to check; a text that names a client of the region is refused until
    the name is taken out."""
    locked = TextAnswer.objects.select_for_update().select_related("consultation__region", "response").get(pk=text.pk)
    if locked.status != TextStatus.PENDING:
        raise ResultsError("done")
    consultation = locked.consultation
    if action == REMOVE:
        locked.text = ""
        locked.status = TextStatus.REMOVED
    elif action in (SHOW, EDIT):
        new = locked.text if action == SHOW else edited.strip()
        if not new:
            raise ResultsError("empty")
        if len(new) > LONG_TEXT_MAX:
            raise ResultsError("too_long")
        _check_names(consultation.region, "text", [new])
        locked.text = new
        locked.status = TextStatus.SHOWN
    else:
        raise ResultsError("action")
    locked.save(update_fields=["text", "status"])
    # The results pages read how many are shown and still to check from the counters, never by counting texts.
    add_to_tallies(
        consultation_id=consultation.pk,
        municipality_id=locked.municipality_id,
        channel=locked.response.channel,
        keys=[(locked.question_id, TALLY_TEXT_SHOWN if locked.status == TextStatus.SHOWN else TALLY_TEXT_REMOVED)],
    )
    audit_record(
        actor=by,
        action="consultation.moderate",
        target=consultation,
        region=consultation.region,
        changed_fields=["text_answer"],
        label=f"raadpleging #{consultation.pk}: open antwoord {locked.get_status_display().lower()}",
    )
    return locked


_TEXT_COUNTERS = {TextStatus.SHOWN: TALLY_TEXT_SHOWN, TextStatus.REMOVED: TALLY_TEXT_REMOVED}


@transaction.atomic
def recount_texts(*, consultation: Consultation) -> None:
    """Set the counters of checked open answers (shown, left out) from the texts themselves: for a bulk load or a
    data fix that changed the texts' status without ``moderate_text``. Counts every text of the consultation."""
    for model in (Tally, TallyTotal):  # the counters, then their totals (the order add_counts writes them in)
        model.objects.filter(consultation=consultation, choice__in=list(_TEXT_COUNTERS.values())).delete()
    counts: Counter = Counter()
    for question_id, municipality_id, channel, status, n in (
        TextAnswer.objects.filter(consultation=consultation, status__in=list(_TEXT_COUNTERS))
        .values_list("question_id", "municipality_id", "response__channel", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[(question_id, _TEXT_COUNTERS[status], municipality_id or 0, channel)] += n
    add_counts(consultation_id=consultation.pk, counts=counts)


# ---------------------------------------------------------------- publish


@transaction.atomic
def publish(*, consultation: Consultation, outcome: str, by: User, today: datetime.date, version=None) -> Consultation:
    """Publish the results of a closed consultation with "wat doen we ermee" (required): status gepubliceerd, the
    date, and an event in the history. The open answers still to check stay hidden."""
    outcome = outcome.strip()
    if not outcome:
        raise ResultsError("empty")
    claim_version(consultation, version)
    consultation.refresh_from_db(fields=["status"])
    if consultation.status != ConsultationStatus.CLOSED:
        raise ResultsError("status")
    _check_names(consultation.region, "outcome", [outcome])
    consultation.outcome = outcome
    consultation.status = ConsultationStatus.PUBLISHED
    consultation.published_on = today
    consultation.save(update_fields=["outcome", "status", "published_on"])
    record_event(
        consultation=consultation,
        kind=ConsultationEvent.Kind.STATUS,
        by=by,
        from_status=ConsultationStatus.CLOSED,
        to_status=ConsultationStatus.PUBLISHED,
    )
    audit_record(
        actor=by,
        action="consultation.publish",
        target=consultation,
        region=consultation.region,
        changed_fields=["status", "outcome", "published_on"],
        label=f"raadpleging #{consultation.pk}: resultaten gepubliceerd",
    )
    return consultation


# ---------------------------------------------------------------- findings


def _finding_text(consultation, title: str, text: str) -> tuple[str, str]:
    title, text = title.strip(), text.strip()
    if not title or not text:
        raise ResultsError("empty")
    if consultation.status not in (ConsultationStatus.CLOSED, ConsultationStatus.PUBLISHED):
        raise ResultsError("status")
    _check_names(consultation.region, "text", [title, text])
    return title, text


@transaction.atomic
def finding_to_topic(*, consultation: Consultation, body: Body, title: str, text: str, by: User) -> Finding:
    """Put a finding on the topic list of a group of the consultation's region (topics.services.topic_submit) and
    keep the link both ways (Finding.topic; the topic page shows "Komt uit raadpleging …")."""
    title, text = _finding_text(consultation, title, text)
    if body.region_id != consultation.region_id:
        raise ResultsError("body")
    try:
        topic = topic_services.topic_submit(body=body, title=title, description=text, by=by)
    except topic_services.TopicError as error:
        raise ResultsError("topic", topic_code=error.code) from error
    finding = Finding.objects.create(consultation=consultation, text=text, topic=topic, created_by=by)
    record_event(consultation=consultation, kind=ConsultationEvent.Kind.FINDING, by=by, note=f"onderwerp #{topic.pk}")
    audit_record(
        actor=by,
        action="consultation.finding_topic",
        target=finding,
        region=consultation.region,
        label=f"raadpleging #{consultation.pk} → onderwerp #{topic.pk}",
    )
    return finding


@transaction.atomic
def finding_to_request(*, consultation: Consultation, request: AdviceRequest, text: str, by: User) -> Finding:
    """Attach a finding to an open advice request of the consultation's region (the request's group then sees it
    with the request)."""
    _title, text = _finding_text(consultation, "-", text)
    locked = AdviceRequest.objects.select_related("body").filter(pk=request.pk).first()
    if locked is None or locked.body.region_id != consultation.region_id or locked.status != RequestStatus.OPEN:
        raise ResultsError("request")
    finding = Finding.objects.create(consultation=consultation, text=text, advice_request=locked, created_by=by)
    record_event(
        consultation=consultation, kind=ConsultationEvent.Kind.FINDING, by=by, note=f"adviesaanvraag #{locked.pk}"
    )
    audit_record(
        actor=by,
        action="consultation.finding_request",
        target=finding,
        region=consultation.region,
        label=f"raadpleging #{consultation.pk} → adviesaanvraag #{locked.pk}",
    )
    return finding
