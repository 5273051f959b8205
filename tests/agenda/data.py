"""Agenda data on top of tests/world.py, built on first use and kept on the world object.

- ``planned``: an upcoming planned meeting of the regional body with two items:
  1. "Brieven van de gemeente" (from the secretary) with a member PDF (``member_doc``), a page written in Inspraak
     (``page_doc``) and a preparation note not for members (``staff_doc``);
  2. "Afspraken maken" (from the facilitator).
  Plus Geheime Cliënt's open topic (``topic``) and an open advice request to the body (``advice_request``).
- ``published``: an upcoming meeting with its agenda published, one item with a public document (``public_doc``),
  a member without email invited by letter (``letter_member``), and Geheime Cliënt's reply with needs.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass

from django.utils import timezone

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.agenda import services
from inspraak.agenda.models import AgendaItem, ItemSource, MeetingDocument
from inspraak.meetings.models import Meeting
from tests.factories import UserFactory

TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
STAFF_NOTE = "Voorbereiding: geheime notitie voor de gespreksleider"
LETTER_MEMBER = "Kees Zonder Mail"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@dataclass
class AgendaData:
    planned: Meeting
    first: AgendaItem
    second: AgendaItem
    member_doc: MeetingDocument
    page_doc: MeetingDocument
    staff_doc: MeetingDocument
    topic: object
    advice_request: object
    published: Meeting
    public_doc: MeetingDocument
    letter_member: object


def new_meeting(body, *, days: int = 20, title: str = "Agendabijeenkomst", **extra) -> Meeting:
    start = timezone.now().replace(microsecond=0, second=0) + datetime.timedelta(days=days)
    return Meeting.objects.create(
        body=body,
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place_name="Buurthuis De Schakel",
        address="Dorpsstraat 1, Zeedorp",
        accessibility="Rolstoeltoegankelijk, ringleiding.",
        **extra,
    )


def advice_request(world):
    from inspraak.advice.models import AdviceRequest
    from inspraak.policy.models import Proposal

    proposal = Proposal.objects.create(
        region=world.region,
        municipality=world.municipality,
        title="Nieuwe regels voor de bijzondere bijstand",
        description="De gemeente wil de regels veranderen.",
        deciding_body="college",
        planned_decision_date=timezone.localdate() + datetime.timedelta(days=120),
        owner=world.user("officer_municipality"),
    )
    return AdviceRequest.objects.create(
        proposal=proposal,
        body=world.body,
        questions="Wat vindt u van de nieuwe regels?",
        requested_on=timezone.localdate(),
        deadline=timezone.localdate() + datetime.timedelta(days=42),
    )


def agenda(world) -> AgendaData:
    existing = getattr(world, "_agenda", None)
    if existing is not None:
        return existing
    from tests.topics.data import client_topic

    secretary = world.user("secretary")
    planned = new_meeting(world.body)
    first = services.item_add(
        meeting=planned,
        title="Brieven van de gemeente",
        source=ItemSource.SECRETARY,
        summary="We praten over de brieven. Zijn ze duidelijk?",
        by=secretary,
    )
    second = services.item_add(meeting=planned, title="Afspraken maken", source=ItemSource.FACILITATOR, by=secretary)
    member_doc = services.document_add(
        item=first, title="Voorbeeldbrief", data=TINY_PDF, summary="Een brief van de gemeente.", by=secretary
    )
    page_doc = services.document_add(
        item=first, title="Uitleg over brieven", page_text="Dit is de uitleg.", summary="Korte uitleg.", by=secretary
    )
    staff_doc = services.document_add(
        item=first, title=STAFF_NOTE, page_text="Alleen voor de voorbereiding.", for_members=False, by=secretary
    )
    published = new_meeting(world.body, days=30, title="Najaarsbijeenkomst")
    item = services.item_add(
        meeting=published,
        title="Reiskosten",
        source=ItemSource.GR,
        summary="Hoe krijgt u uw reiskosten terug?",
        by=secretary,
    )
    public_doc = services.document_add(
        item=item,
        title="Regeling reiskosten",
        data=b"De regeling voor reiskosten.",
        summary="Zo krijgt u uw reiskosten terug.",
        public=True,
        by=secretary,
    )
    letter_member = UserFactory(email=None, password=None, name=LETTER_MEMBER, created_in_region=world.region)
    RoleAssignment.objects.create(user=letter_member, role=Role.MEMBER, region=world.region, body=world.body)
    services.agenda_publish(meeting=published, by=secretary)
    services.reply_save(
        meeting=published, user=world.client, answer="komt", needs_travel_costs=True, needs_interpreter=True
    )
    data = AgendaData(
        planned,
        first,
        second,
        member_doc,
        page_doc,
        staff_doc,
        client_topic(world),
        advice_request(world),
        published,
        public_doc,
        letter_member,
    )
    world._agenda = data
    return data
