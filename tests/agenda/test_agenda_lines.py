"""The agenda's items and documents in one prepared query (agenda.selectors.meeting_agenda): for each kind of reader
the same items, in the same order, with the same documents and columns as the ORM reads them."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inspraak.agenda import selectors, services
from inspraak.agenda.models import AgendaItem, ItemSource, MeetingDocument
from inspraak.core.documents import kind_for_content_type
from tests.agenda.data import agenda, new_meeting

pytestmark = pytest.mark.django_db

SHOWN = {"all": Q(), "members": Q(for_members=True) | Q(public=True), "public": Q(public=True)}


def _document(d) -> tuple:
    return (d.pk, d.title, d.content_type, d.size, d.summary, d.for_members, d.public, d.available_at, d.extension)


def _with_extension(document):
    kind = kind_for_content_type(document.content_type)
    document.extension = kind.extension if kind else ""
    return document


def _as_the_orm_reads_them(meeting, documents: str) -> list[tuple]:
    lines = []
    for item in AgendaItem.objects.filter(meeting=meeting).select_related("requested_by_municipality"):
        municipality = item.requested_by_municipality.name if item.requested_by_municipality else None
        docs = MeetingDocument.objects.filter(SHOWN[documents], item=item).order_by("available_at", "pk")
        lines.append(
            (
                (item.pk, item.position, item.title, item.summary, item.source, item.theme, item.starts_at),
                (item.presenter, municipality, item.get_source_display()),
                [_document(_with_extension(d)) for d in docs],
            )
        )
    return lines


def _as_read(items) -> list[tuple]:
    return [
        (
            (item.pk, item.position, item.title, item.summary, item.source, item.theme, item.starts_at),
            (
                item.presenter,
                item.requested_by_municipality.name if item.requested_by_municipality else None,
                item.get_source_display(),
            ),
            [_document(d) for d in item.shown_documents],
        )
        for item in items
    ]


def test_the_agenda_lines_are_the_items_and_documents_the_orm_reads_for_every_reader(world):
    data = agenda(world)
    secretary = world.user("secretary")
    asked = services.item_add(
        meeting=data.planned,
        title="Vraag van de gemeente",
        source=ItemSource.MUNICIPALITY,
        requested_by_municipality=world.municipality,
        presenter="Wethouder",
        starts_at=datetime.time(14, 30),
        by=secretary,
    )
    services.document_add(item=asked, title="Openbaar stuk", page_text="x", summary="Kort.", public=True, by=secretary)
    empty = new_meeting(world.body, days=40)
    for meeting in (data.planned, data.published, empty):
        for documents in ("all", "members", "public"):
            with CaptureQueriesContext(connection) as queries:
                found = selectors.meeting_agenda(meeting, documents=documents)
            assert len(queries.captured_queries) == 1
            assert _as_read(found["items"]) == _as_the_orm_reads_them(meeting, documents), (meeting, documents)
            assert all(item.meeting is meeting for item in found["items"])
            assert all(doc.item is item for item in found["items"] for doc in item.shown_documents)


def test_documents_that_came_late_are_counted_per_item_and_in_all(world):
    data = agenda(world)
    meeting_on = timezone.localtime(data.planned.starts_at).date()
    late_on = meeting_on - datetime.timedelta(days=world.body.documents_days_before - 1)
    on_time_on = meeting_on - datetime.timedelta(days=world.body.documents_days_before + 1)
    moment = datetime.time(12, 0)
    MeetingDocument.objects.filter(pk=data.member_doc.pk).update(
        available_at=timezone.make_aware(datetime.datetime.combine(late_on, moment))
    )
    MeetingDocument.objects.filter(pk=data.page_doc.pk).update(
        available_at=timezone.make_aware(datetime.datetime.combine(on_time_on, moment))
    )
    MeetingDocument.objects.filter(pk=data.staff_doc.pk).update(
        available_at=timezone.make_aware(datetime.datetime.combine(late_on, moment))
    )
    found = selectors.meeting_agenda(data.planned, documents="all", with_timeliness=True)
    first = next(item for item in found["items"] if item.pk == data.first.pk)
    timeliness = {doc.pk: doc.timeliness for doc in first.shown_documents}
    assert timeliness[data.member_doc.pk] == selectors.Timeliness(False, 1)
    assert timeliness[data.page_doc.pk].on_time
    assert not timeliness[data.staff_doc.pk].on_time  # late, but not for the members: not counted
    assert first.late_count == 1 and found["late_total"] == 1
