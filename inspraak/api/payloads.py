"""JSON of the newer data (regions, verordeningen) in the API's shapes (inspraak.api.schemas). ``absolute`` turns a
path into a full URL (the request's own host)."""

from __future__ import annotations

import datetime
import json

from django.urls import reverse
from ninja.responses import NinjaJSONEncoder

from inspraak.bylaws import rules as bylaw_rules
from inspraak.bylaws.models import ELEMENTS, Bylaw
from inspraak.regions.models import Region


def json_bytes(schema, payload: dict) -> bytes:
    """``payload`` as the API answers it when an endpoint returns it with ``schema`` as its response: validated by
    the schema, then serialized by ninja's renderer. For an endpoint that caches its answer as bytes."""
    return json.dumps(schema.model_validate(payload).model_dump(), cls=NinjaJSONEncoder).encode()


def _named(thing) -> dict | None:
    return None if thing is None else {"slug": thing.slug, "name": thing.name}


def region_json(region: Region, absolute, *, year: int) -> dict:
    slug = region.slug
    return {
        "slug": slug,
        "name": region.name,
        "url": absolute(region.get_absolute_url()),
        "municipalities": [_named(m) for m in region.municipalities.all()],
        "bodies": [{"slug": b.slug, "name": b.name, "level": b.level} for b in region.bodies.all()],
        "_links": {
            "adviezen": absolute(reverse("api:advices", kwargs={"region": slug})),
            "verordeningen": absolute(reverse("api:bylaws", kwargs={"region": slug})),
            "matrix": absolute(reverse("api:matrix", kwargs={"region": slug, "year": year})),
        },
    }


def check_json(check: bylaw_rules.BylawCheck) -> dict:
    return {
        "status": check.status,
        "outdated": check.outdated,
        "findings": [
            {"code": f.code, "severity": f.severity, "message": str(f.message), "element": f.element or None}
            for f in check.findings
        ],
    }


def bylaw_summary(bylaw: Bylaw, absolute) -> dict:
    kwargs = {"region": bylaw.region.slug, "pk": bylaw.pk}
    return {
        "id": bylaw.pk,
        "title": bylaw.title,
        "adopted_by": bylaw.adopted_by,
        "adopted_on": bylaw.adopted_on,
        "in_force_from": bylaw.in_force_from,
        "in_force_until": bylaw.in_force_until,
        "legal_basis": bylaw.legal_basis,
        "url": absolute(reverse("bylaws:public_detail", kwargs=kwargs)),
        "api_url": absolute(reverse("api:bylaw", kwargs=kwargs)),
    }


def register_json(region: Region, rows, absolute, *, on: datetime.date) -> dict:
    """The public overview (bylaws.selectors.public_bylaws): per municipality the text in force and its check."""
    return {
        "region": {"slug": region.slug, "name": region.name},
        "on": on,
        "municipalities": [
            {
                "municipality": _named(row.municipality),
                "label": str(row.label),
                "in_force": bylaw_summary(row.current, absolute) if row.current is not None else None,
                "check": check_json(row.check),
                "elements": {letter: row.check.regulated(letter) for letter in ELEMENTS},
                "texts": [bylaw_summary(text, absolute) for text in row.texts],
            }
            for row in rows
        ],
    }


def bylaw_json(bylaw: Bylaw, check: bylaw_rules.BylawCheck, absolute, *, today: datetime.date) -> dict:
    """One verordening (bylaws.selectors.bylaw_in) with the check of this text today."""
    region = bylaw.region
    elements = {}
    for letter in ELEMENTS:
        regulated, article, quote = bylaw.element(letter)
        elements[letter] = {
            "regulated": regulated,
            "label": str(bylaw_rules.element_label(letter)),
            "article": article,
            "quote": quote,
        }
    pdf = reverse("bylaws:public_pdf", kwargs={"region": region.slug, "pk": bylaw.pk}) if bylaw.file else None
    return {
        **bylaw_summary(bylaw, absolute),
        "region": {"slug": region.slug, "name": region.name},
        "municipality": _named(bylaw.municipality),
        "in_force_today": bylaw.in_force_from <= today
        and (bylaw.in_force_until is None or today <= bylaw.in_force_until),
        "cvdr_id": bylaw.cvdr_id or None,
        "official_url": bylaw.official_url or None,
        "pdf_url": absolute(pdf) if pdf else None,
        "file_size": bylaw.file_size if bylaw.file else None,
        "target_group": bylaw.target_group,
        "elements": elements,
        "designated_bodies": [
            {"slug": b.slug, "name": b.name, "level": b.level} for b in bylaw.designated_bodies.all()
        ],
        "other_bodies": bylaw.other_body_names,
        "min_meetings_per_year": bylaw.min_meetings_per_year,
        "advice_period_weeks": bylaw.advice_period_weeks,
        "response_period_weeks": bylaw.response_period_weeks,
        "evaluation_on": bylaw.evaluation_on,
        "check": check_json(check),
    }


# ---------------------------------------------------------------- the art. 47 matrix (inspraak.compliance)


def _cell_json(cell, absolute) -> dict:
    return {
        "status": cell.status,
        "label": str(cell.label),
        "summary": str(cell.summary),
        "numbers": dict(cell.numbers),
        "evidence": [{"label": str(link.label), "url": absolute(link.url)} for link in cell.evidence],
        "notes": [str(note) for note in cell.notes],
    }


def matrix_row_json(region: Region, row, absolute, *, year: int) -> dict:
    municipality = row.municipality
    api_url = None
    if municipality is not None:
        kwargs = {"region": region.slug, "year": year, "municipality": municipality.slug}
        api_url = absolute(reverse("api:matrix_municipality", kwargs=kwargs))
    return {
        "municipality": _named(municipality),
        "label": str(row.label),
        "url": absolute(row.url) if row.url else None,
        "api_url": api_url,
        "cells": {column: _cell_json(cell, absolute) for column, cell in row.cells.items()},
    }


def matrix_json(matrix, absolute) -> dict:
    region = matrix.region
    return {
        "region": {"slug": region.slug, "name": region.name},
        "year": matrix.year,
        "columns": {column: str(label) for column, label in matrix.columns},
        "rows": [matrix_row_json(region, row, absolute, year=matrix.year) for row in matrix.rows],
    }


def _share_json(share) -> dict:
    return {
        "total": share.total,
        "people": share.people,
        "clients": share.clients,
        "others": share.others,
        "small": share.small,
    }


def evidence_json(evidence, absolute) -> dict | None:
    """The evidence of one municipality's row (compliance.selectors.municipality_matrix ``row.detail``)."""
    if evidence is None:
        return None
    return {
        "proposals": [
            {
                "title": line.title,
                "url": absolute(line.url),
                "decided_on": line.decided_on,
                "worst": line.worst or None,
                "responses_overdue": line.responses_overdue,
                "concerns": [
                    {"body": body, "label": str(label), "text": str(text)} for body, label, text, _tone in line.concerns
                ],
            }
            for line in evidence.proposals
        ],
        "bodies": [
            {
                "slug": line.body.slug,
                "name": line.body.name,
                "url": absolute(line.url) if line.url else None,
                "minimum": line.minimum,
                "held": line.held,
                "planned": line.planned,
                "cancelled": line.cancelled,
                "meets": line.meets,
                "meetings": [
                    {"day": day, "status": str(status), "url": absolute(url) if url else None}
                    for day, status, url in line.meetings
                ],
                "topics": dict(line.topics),
                "documents": dict(line.documents),
            }
            for line in evidence.bodies
        ],
        "heard": [
            {
                "body": _named(heard.body),
                "topics": _share_json(heard.topics),
                "presence": _share_json(heard.presence),
                "client_members": heard.client_members,
                "contributors": heard.contributors,
                "small": heard.small,
                "recommendations": dict(heard.recommendations),
                "median_days_to_answer": heard.median_days_to_answer,
                "answered_topics": heard.answered_topics,
            }
            for heard in evidence.heard
        ],
        "bylaw_findings": [str(finding) for finding in evidence.bylaw_findings],
    }


# ---------------------------------------------------------------- consultations (ADR 30)

_HIDDEN = {"": None, "small": "minder_dan_5", "protecting": "niet_getoond"}


def _float(value) -> float | None:
    return None if value is None else float(value)


def _consultation_fields(consultation, respondents: int | None, absolute) -> dict:
    body = consultation.body
    return {
        "id": consultation.pk,
        "title": consultation.title,
        "body": None if body is None else {"slug": body.slug, "name": body.name},
        "opens_at": consultation.opens_at,
        "closes_at": consultation.closes_at,
        "published_on": consultation.published_on,
        "respondents": respondents,
        "url": absolute(
            reverse("consultations:public_detail", kwargs={"region": consultation.region.slug, "pk": consultation.pk})
        ),
    }


def consultation_list_json(region, rows, absolute) -> dict:
    return {
        "region": region.slug,
        "consultations": [
            {
                **_consultation_fields(c, c.respondents if c.respondents >= 5 else None, absolute),
                "api_url": absolute(reverse("api:consultation", kwargs={"region": region.slug, "pk": c.pk})),
            }
            for c in rows
        ],
    }


def _count(count) -> dict:
    return {
        "label": str(count.label),
        "count": count.count,
        "percent": _float(count.percent),
        "hidden": _HIDDEN[count.hidden],
    }


def _question(result) -> dict:
    question = result.question
    return {
        "id": question.pk,
        "text": question.text,
        "kind": question.kind,
        "answered": result.answered,
        "counts": [] if result.is_text else [_count(c) for c in result.rows],
        "dont_know": None if result.dont_know is None else _count(result.dont_know),
        "mean": _float(result.mean),
        "municipalities": [
            {
                "name": str(group.label),
                "hidden": _HIDDEN[group.hidden],
                "answered": group.answered,
                "counts": [_count(c) for c in group.cells],
                "mean": _float(group.mean),
            }
            for group in result.groups
        ],
        "texts": list(result.texts),
    }


def consultation_json(consultation, results, findings, absolute) -> dict:
    """The published results (consultations.selectors.results: the small-group rule is applied there)."""
    respondents = None if results.total_hidden else results.respondents
    return {
        "region": consultation.region.slug,
        "consultation": {
            **_consultation_fields(consultation, respondents, absolute),
            "introduction": consultation.introduction,
            "outcome": consultation.outcome,
        },
        "findings": [
            {
                "text": f.text,
                "body": f.topic.body.name if f.topic_id else None,
                "advice_request": f.advice_request.proposal.title if f.advice_request_id else None,
            }
            for f in findings
        ],
        "channels": [_count(c) for c in results.channels],
        "municipalities": [
            {
                "name": str(row.label),
                "respondents": row.respondents.count,
                "hidden": _HIDDEN[row.respondents.hidden],
                "codes_issued": row.issued,
                "codes_used": row.used.count,
                "response_rate": _float(row.rate),
            }
            for row in results.municipalities
        ],
        "others": None if results.others is None else _count(results.others),
        "questions": [_question(r) for r in results.questions],
    }
