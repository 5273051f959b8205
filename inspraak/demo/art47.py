"""Demo data for the art. 47 picture: the verordeningen of the three demo municipalities in three states, and the
meetings of the adviesraad of Havenstad, so the matrix shows every status.

- Havenstad: a current verordening of the gemeenteraad under the Participatiewet that regulates a–e ("voldoet");
  its adviesraad meets as often as its rules ask, with the documents on time.
- Polderveen: the 2009 text under the Wet werk en bijstand that regulates only c–e ("voldoet niet" on a and b,
  "verouderd"); its adviesraad did not meet this year.
- Kreekdorp: no verordening at all ("geen verordening").

The verordeningen carry their real adoption dates (they are legal facts, not part of the moving story); the meetings
move along with today like the rest of the story (demo/story.py). Keyed by title, so running it twice changes nothing.
"""

from __future__ import annotations

import datetime
import itertools
from zoneinfo import ZoneInfo

from inspraak.accounts.models import User
from inspraak.audit.services import audit_record
from inspraak.bylaws.models import AdoptedBy, Bylaw, BylawEvent, LegalBasis, TargetGroup
from inspraak.demo.story import story_day
from inspraak.meetings import services as meetings
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.regions.models import Body, Municipality, Region

AMS = ZoneInfo("Europe/Amsterdam")

HAVENSTAD_ELEMENTS = {
    "a": (
        "art. 4",
        "Het college vraagt de adviesraad om advies over elk voorstel over de Participatiewet, zo vroeg dat het "
        "advies het besluit nog kan veranderen. De adviesraad mag ook zelf advies geven.",
    ),
    "b": (
        "art. 7",
        "Het college zorgt voor een secretaris, een vergaderruimte, een budget voor scholing en een vergoeding "
        "voor de leden.",
    ),
    "c": ("art. 5", "De adviesraad overlegt ten minste vier keer per jaar met de wethouder."),
    "d": ("art. 5 lid 3", "Elk lid kan een onderwerp op de agenda zetten."),
    "e": (
        "art. 6",
        "Het college geeft de adviesraad op tijd alle informatie die nodig is, in begrijpelijke taal.",
    ),
}
POLDERVEEN_ELEMENTS = {
    "c": ("art. 3", "De cliëntenraad vergadert ten minste drie keer per jaar."),
    "d": ("art. 3 lid 2", "De cliëntenraad stelt zelf de agenda vast."),
    "e": ("art. 4", "Het college verstrekt de cliëntenraad de gegevens die hij nodig heeft."),
}

# The adviesraad of Havenstad: 9 meetings this year (its rules ask for 8), the last one still to come.
COUNCIL_MEETINGS = [
    (datetime.date(2026, 1, 20), "Januari", MeetingStatus.MINUTES_APPROVED),
    (datetime.date(2026, 2, 24), "Februari", MeetingStatus.MINUTES_APPROVED),
    (datetime.date(2026, 3, 10), "Maart", MeetingStatus.MINUTES_APPROVED),
    (datetime.date(2026, 4, 21), "April", MeetingStatus.MINUTES_APPROVED),
    (datetime.date(2026, 6, 2), "Juni", MeetingStatus.MINUTES_APPROVED),
    (datetime.date(2026, 9, 1), "September", MeetingStatus.MINUTES_APPROVED),
    (datetime.date(2026, 10, 6), "Oktober", MeetingStatus.HELD),
    (datetime.date(2026, 11, 10), "November", MeetingStatus.HELD),
    (datetime.date(2026, 12, 15), "December", MeetingStatus.PLANNED),
]
COUNCIL_PLACE = {
    "place_name": "Stadhuis Havenstad, kamer 3",
    "address": "Markt 1\n1234 AA Havenstad",
    "accessibility": "Rolstoeltoegankelijk, lift en invalidentoilet.",
}
STEPS = [MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD]


def load_art47(*, region: Region, municipalities: dict[str, Municipality], panel: Body, councils: dict[str, Body],
               by: User, secretary: User) -> None:  # fmt: skip
    _bylaw(
        region,
        municipalities["Havenstad"],
        by,
        title="Verordening cliëntenparticipatie Participatiewet Havenstad 2015",
        adopted_by=AdoptedBy.COUNCIL,
        adopted_on=datetime.date(2014, 12, 18),
        in_force_from=datetime.date(2015, 1, 1),
        legal_basis=LegalBasis.PARTICIPATIEWET,
        official_url="https://havenstad.example/regelgeving/verordening-clientenparticipatie",
        target_group=TargetGroup.ART_7_1_AND_7A,
        elements=HAVENSTAD_ELEMENTS,
        bodies=[councils["Havenstad"], panel],
        min_meetings_per_year=4,
        advice_period_weeks=6,
        response_period_weeks=6,
        evaluation_on=datetime.date(2027, 12, 31),
    )
    _bylaw(
        region,
        municipalities["Polderveen"],
        by,
        title="Verordening cliëntenparticipatie Wet werk en bijstand Polderveen 2009",
        adopted_by=AdoptedBy.COUNCIL,
        adopted_on=datetime.date(2008, 12, 11),
        in_force_from=datetime.date(2009, 1, 1),
        legal_basis=LegalBasis.WWB,
        official_url="https://polderveen.example/regelgeving/clientenparticipatie-wwb",
        target_group=TargetGroup.ART_7_1,
        elements=POLDERVEEN_ELEMENTS,
        bodies=[],
        other_bodies="Cliëntenraad WWB Polderveen",
        min_meetings_per_year=3,
        evaluation_on=datetime.date(2012, 1, 1),
    )
    _council_meetings(councils["Havenstad"], by)
    _panel_report(panel, secretary)


FOREWORD = (
    "Dit is het jaarverslag van het cliëntenpanel over dit jaar. Het panel bestaat uit mensen met een uitkering en "
    "mensen die hulp krijgen bij werk. Zij vertellen de regio wat goed gaat en wat beter kan.\n\n"
    "Dit jaar gaf het panel twee keer advies. Het ging over de bijzondere bijstand en over hulp bij werk. Eén keer "
    "vroeg de regio te laat om advies. Dat willen we volgend jaar niet meer zien."
)
CLOSING = (
    "Wilt u ook meepraten? Iedereen met een uitkering of hulp bij werk in Havenstad, Polderveen of Kreekdorp kan "
    "lid worden. Bel of mail het secretariaat. U krijgt een vergoeding voor de reiskosten."
)


def _panel_report(panel: Body, secretary: User) -> None:
    """A concept annual report of the panel for this year, with its foreword and closing (the year is not over)."""
    from django.utils import timezone

    from inspraak.annualreports import services as reports
    from inspraak.annualreports.models import AnnualReport

    year = timezone.localdate().year
    report = AnnualReport.objects.filter(region=panel.region, body=panel, year=year).first()
    if report is None:
        report = reports.report_create(region=panel.region, body=panel, year=year, by=secretary)
    if not report.foreword:
        reports.report_edit(report=report, foreword=FOREWORD, closing=CLOSING, version=report.version, by=secretary)


def _bylaw(region: Region, municipality: Municipality, by: User, *, title: str, elements: dict, bodies: list[Body],
           **fields) -> Bylaw:  # fmt: skip
    bylaw = Bylaw.objects.filter(region=region, title=title).first()
    if bylaw is not None:
        return bylaw
    for letter, (article, quote) in elements.items():
        fields[f"element_{letter}"] = True
        fields[f"element_{letter}_article"] = article
        fields[f"element_{letter}_quote"] = quote
    bylaw = Bylaw.objects.create(region=region, municipality=municipality, title=title, created_by=by, **fields)
    bylaw.designated_bodies.set(bodies)
    BylawEvent.objects.create(bylaw=bylaw, kind=BylawEvent.Kind.CREATED, by=by)
    audit_record(actor=None, action="bylaw.create", target=bylaw, region=region, label=f"verordening #{bylaw.pk}")
    return bylaw


def _council_meetings(council: Body, by: User) -> None:
    from inspraak.agenda import services as agenda
    from inspraak.agenda.models import MeetingDocument

    for day, title, status in COUNCIL_MEETINGS:
        if Meeting.objects.filter(body=council, title=title).exists():
            continue
        start = datetime.datetime.combine(story_day(day), datetime.time(19, 30), tzinfo=AMS)
        meeting = meetings.meeting_schedule(
            body=council, starts_at=start, ends_at=start + datetime.timedelta(hours=2), by=by, title=title,
            **COUNCIL_PLACE,
        )  # fmt: skip
        item = agenda.item_add(meeting=meeting, title="Mededelingen van de wethouder", source="secretaris", by=by)
        document = agenda.document_add(
            item=item,
            title="Mededelingen",
            by=by,
            page_text="De wethouder vertelt wat er sinds de vorige keer is gebeurd.",
            summary="Wat er sinds de vorige bijeenkomst is gebeurd.",
        )
        # Sent ten days before the meeting: on time (the rules ask for seven).
        MeetingDocument.objects.filter(pk=document.pk).update(available_at=start - datetime.timedelta(days=10))
        target = MeetingStatus.HELD if status == MeetingStatus.MINUTES_APPROVED else status
        for step in STEPS[: STEPS.index(target) + 1] if target in STEPS else []:
            meetings.meeting_set_status(meeting=meeting, status=step, by=by)
    # "Verslag vastgesteld" only through the minutes: approved at the next meeting of the council.
    from inspraak.demo.cycle import approve_minutes
    from inspraak.records import services as records
    from inspraak.records.models import Minutes

    wanted = {title: status for _day, title, status in COUNCIL_MEETINGS}
    council_meetings = list(Meeting.objects.filter(body=council).order_by("starts_at"))
    for meeting, later in itertools.pairwise(council_meetings):
        if wanted.get(meeting.title) != MeetingStatus.MINUTES_APPROVED or meeting.status == wanted[meeting.title]:
            continue
        minutes = Minutes.objects.filter(meeting=meeting).first() or records.minutes_save(
            meeting=meeting, text=f"Verslag van de bijeenkomst '{meeting.title}'.", public_text="", approve_by=None,
            version=None, by=by,
        )  # fmt: skip
        approve_minutes(minutes, at_meeting=later, by=by)
