"""The annual report: live numbers for a small known group, publishing, the name check, locking, the PDF."""

from __future__ import annotations

import datetime
import html
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from inspraak.accounts.models import Role, RoleAssignment
from inspraak.advice.models import (
    AdoptedHow,
    Advice,
    AdviceKind,
    AdviceStatus,
    Recommendation,
    RecommendationResponse,
    Response,
    Verdict,
)
from inspraak.agenda.models import AgendaItem, ItemSource, MeetingDocument
from inspraak.annualreports import selectors, services
from inspraak.annualreports.models import AnnualReport, AnnualReportEvent, ReportStatus
from inspraak.meetings.models import Meeting, MeetingStatus
from inspraak.members.models import Category, Membership, Status
from inspraak.policy.models import Concern, DecidingBody, Proposal, ProposalStatus
from inspraak.records.models import Attendance
from inspraak.regions.models import Body
from inspraak.signals.models import SignalSettings
from inspraak.topics.models import Topic, TopicStatus
from tests.annualreports.support import support_for
from tests.factories import BodyFactory, UserFactory
from tests.quality.forms import assert_second_save_refused
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
YEAR = 2026  # the year of tests.world.NOW


def _at(month: int, day: int, hour: int = 19) -> datetime.datetime:
    return datetime.datetime(YEAR, month, day, hour, 0, tzinfo=AMS)


def _member(body, *, name: str, category=Category.CLIENT, start=datetime.date(YEAR, 2, 1), ended_on=None, role="lid"):
    user = UserFactory(name=name, email=f"{name.lower().replace(' ', '.')}@example.org")
    RoleAssignment.objects.create(user=user, role=Role.MEMBER, region=body.region, body=body)
    return Membership.objects.create(
        body=body,
        user=user,
        body_role=role,
        category=category,
        municipality=body.municipality,
        term_start=start,
        term_end=datetime.date(YEAR + 3, 12, 31),
        status=Status.ENDED if ended_on else Status.ACTIVE,
        ended_on=ended_on,
        contact_email=user.email,
    )


def _meeting(body, when, status=MeetingStatus.HELD) -> Meeting:
    return Meeting.objects.create(
        body=body,
        starts_at=when,
        ends_at=when + datetime.timedelta(hours=2),
        status=status,
        place_name="Buurthuis",
        cancel_reason="Te weinig aanmeldingen." if status == MeetingStatus.CANCELLED else "",
    )


def small_group(world) -> Body:
    """A municipal body of Duinstad with a known year:

    members: 3 clients who joined this year, 1 employer since last year, 1 client who left in May (joined 2024), a
    secretary (supports, not counted); meetings: 2 held (4 and 2 present, 1 excused at the first), 1 cancelled,
    1 still planned; topics: 3 (one waiting, one handled with an answer, one not on the agenda with an answer);
    advice: 1 sent with 2 recommendations (adopted, not adopted), answered in time; proposals: 1 decided without
    asking the body; documents: 2 for the first meeting, one on time and one on the day itself."""
    body = BodyFactory(
        region=world.region,
        name="Testraad Duinstad",
        slug="testraad",
        level=Body.Level.MUNICIPALITY,
        municipality=world.municipality_2,
        min_meetings_per_year=4,
    )
    members = [_member(body, name=f"Klant {n} Duin") for n in ("Een", "Twee", "Drie")]
    _member(body, name="Baas Duin", category=Category.EMPLOYER, start=datetime.date(YEAR - 1, 1, 1))
    _member(body, name="Weg Duin", start=datetime.date(YEAR - 2, 1, 1), ended_on=datetime.date(YEAR, 5, 1))
    _member(body, name="Secretaris Duin", category=Category.STAFF, role="secretaris")
    first = _meeting(body, _at(3, 10))
    second = _meeting(body, _at(6, 10), MeetingStatus.MINUTES_APPROVED)
    _meeting(body, _at(9, 10), MeetingStatus.CANCELLED)
    _meeting(body, _at(12, 20), MeetingStatus.PLANNED)
    people = [m.user for m in members] + [Membership.objects.get(body=body, category=Category.EMPLOYER).user]
    for user in people:
        Attendance.objects.create(meeting=first, user=user, presence=Attendance.Presence.PRESENT)
    extra = _member(body, name="Laat Duin", start=datetime.date(YEAR, 2, 1)).user
    Attendance.objects.create(meeting=first, user=extra, presence=Attendance.Presence.EXCUSED)
    for user in people[:2]:
        Attendance.objects.create(meeting=second, user=user, presence=Attendance.Presence.PRESENT)
    submitter = members[0].user
    Topic.objects.create(body=body, title="Wachten", description="x", submitted_by=submitter)
    Topic.objects.create(
        body=body, title="Brieven", description="x", submitted_by=submitter, status=TopicStatus.DONE, answer="Gedaan."
    )
    Topic.objects.create(
        body=body,
        title="Parkeren",
        description="x",
        submitted_by=submitter,
        status=TopicStatus.NOT_ON_AGENDA,
        answer="Hoort bij een andere groep.",
    )
    advice = Advice.objects.create(
        body=body,
        kind=AdviceKind.UNSOLICITED,
        subject="Advies over de bijstandsbrieven",
        status=AdviceStatus.SENT,
        adopted_on=datetime.date(YEAR, 4, 1),
        adopted_how=AdoptedHow.MEETING,
        sent_on=datetime.date(YEAR, 4, 2),
        response_due=datetime.date(YEAR, 5, 14),
    )
    one = Recommendation.objects.create(advice=advice, number=1, text="Schrijf korter.")
    two = Recommendation.objects.create(advice=advice, number=2, text="Bel eerst.")
    response = Response.objects.create(advice=advice, responded_on=datetime.date(YEAR, 5, 1), summary="Dank.")
    RecommendationResponse.objects.create(response=response, recommendation=one, verdict=Verdict.ADOPTED)
    RecommendationResponse.objects.create(
        response=response, recommendation=two, verdict=Verdict.NOT_ADOPTED, reason="Kan niet."
    )
    proposal = Proposal.objects.create(
        region=world.region,
        municipality=world.municipality_2,
        title="Nieuwe beleidsregels",
        description="x",
        deciding_body=DecidingBody.COLLEGE,
        planned_decision_date=datetime.date(YEAR, 7, 1),
        decided_on=datetime.date(YEAR, 7, 1),
        status=ProposalStatus.DECIDED,
    )
    Concern.objects.create(proposal=proposal, body=body)
    item = AgendaItem.objects.create(meeting=first, position=1, title="Brieven", source=ItemSource.SECRETARY)
    MeetingDocument.objects.create(item=item, title="Op tijd", page_text="x", available_at=_at(2, 28, 10))
    MeetingDocument.objects.create(item=item, title="Te laat", page_text="x", available_at=_at(3, 10, 9))
    return body


def _report(world, body, *, year=YEAR, **values) -> AnnualReport:
    return AnnualReport.objects.create(region=world.region, body=body, year=year, **values)


def _url(name, body, year=YEAR, **extra):
    return reverse(f"annualreports:{name}", kwargs={"region": body.region.slug, "body": body.slug, "year": year})


def test_the_body_report_counts_the_year_of_a_small_known_group(world):
    body = small_group(world)
    content = selectors.report_content(_report(world, body), today=world_today())
    composition = content.composition
    assert (composition.members, composition.clients, composition.joined, composition.left) == (5, 4, 4, 1)
    assert {line.label: line.count for line in composition.by_category} == {"Cliënt": 4, "Werkgever": 1}
    assert [(line.label, line.count) for line in composition.by_municipality] == [("Duinstad", 5)]
    meetings = content.meetings
    assert (meetings.held, meetings.cancelled, meetings.planned, meetings.minimum) == (2, 1, 1, 4)
    assert (meetings.with_attendance, meetings.average_present, meetings.minutes_approved) == (2, 3, 1)
    topics = content.topics
    assert (topics.submitted, topics.discussed, topics.answered, topics.waiting) == (3, 1, 2, 1)
    advice = content.advice
    assert (advice.sent, advice.unsolicited, advice.responded, advice.recommendations) == (1, 1, 1, 2)
    assert (advice.adopted, advice.partly, advice.not_adopted, advice.no_answer) == (1, 0, 1, 0)
    timeliness = content.timeliness
    assert (timeliness.decided, timeliness.on_time, timeliness.late, timeliness.not_asked) == (1, 0, 0, 1)
    assert (timeliness.responses_on_time, timeliness.responses_late) == (1, 0)
    assert (timeliness.documents, timeliness.documents_on_time) == (2, 1)
    assert not content.year_over  # the clock stands at 2 December


def world_today() -> datetime.date:
    from tests.world import TODAY

    return TODAY


def test_the_report_page_says_it_in_plain_sentences_without_client_names(client, world):
    body = small_group(world)
    _report(world, body)
    client.force_login(world.user("admin"))
    page = html.unescape(client.get(_url("body_report", body)).content.decode())
    assert "In 2026 kwam Testraad Duinstad 2 keer bij elkaar." in page
    assert "Gemiddeld waren er 3 leden." in page
    assert "In 2026 meldden leden 3 onderwerpen aan." in page
    assert "Leden per soort lid" in page  # a table with a caption
    for name in ("Klant Een Duin", "Weg Duin", "Baas Duin"):
        assert name not in page


def test_a_region_report_sums_the_bodies_and_lists_meetings_per_body(world):
    body = small_group(world)
    report = AnnualReport.objects.create(region=world.region, body=None, year=YEAR)
    content = selectors.report_content(report, today=world_today())
    assert content.body_count == 3
    assert content.meetings.held == 2
    assert ("Testraad Duinstad", 2, 4) in [(row.name, row.held, row.minimum) for row in content.meetings.per_body]
    parts = selectors.compliance_parts(report, today=world_today())
    assert parts["heard"] is None and len(parts["matrix"].rows) == 3  # the GR and its two municipalities
    body_parts = selectors.compliance_parts(_report(world, body), today=world_today())
    assert [row.label for row in body_parts["matrix"].rows] == ["Duinstad"]
    assert body_parts["heard"].body == body


def test_publishing_makes_the_report_public_and_withdrawing_hides_it_again(client, world):
    body = small_group(world)
    _report(world, body, foreword="Een goed jaar.")
    public = _url("public_body", body)
    anonymous = Client()
    assert anonymous.get(public).status_code == 404
    assert (
        anonymous.get(reverse("annualreports:public_list", args=[world.region.slug])).content.count(b"Jaarverslag van")
        == 0
    )
    client.force_login(world.user("admin"))
    assert client.post(_url("body_publish", body)).status_code == 302
    page = anonymous.get(public)
    assert page.status_code == 200 and "Een goed jaar." in page.content.decode()
    listing = anonymous.get(reverse("annualreports:public_list", args=[world.region.slug])).content.decode()
    assert public in listing
    assert client.post(_url("body_withdraw", body)).status_code == 302
    assert anonymous.get(public).status_code == 404
    assert anonymous.get(_url("public_body_pdf", body)).status_code == 404
    kinds = list(AnnualReportEvent.objects.filter(report__body=body).values_list("kind", flat=True))
    assert kinds == ["gepubliceerd", "ingetrokken"]


def test_a_foreword_naming_a_client_without_consent_is_refused_before_publishing(client, world):
    report = _report(world, world.body, foreword="Geheime Cliënt deed dit jaar veel.")
    client.force_login(world.user("secretary"))
    page = client.get(_url("body_report", world.body))
    assert "Gevonden: “Geheime Cliënt”" in html.unescape(page.content.decode())  # warned before the step
    response = client.post(_url("body_publish", world.body), follow=True)
    assert "noemt een cliënt" in html.unescape(response.content.decode())
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    # Once published, an edit that adds the name is refused with the typed text kept.
    report.foreword = "Een goed jaar."
    report.save()
    services.report_publish(report=report, by=world.user("secretary"))
    edit = _url("body_edit", world.body)
    refused = client.post(
        edit,
        {
            "foreword": "Dank aan Geheime Cliënt.",
            "closing": "",
            "version": str(AnnualReport.objects.get(pk=report.pk).version),
        },
    )
    assert refused.status_code == 200
    text = html.unescape(refused.content.decode())
    assert "noemt een cliënt" in text and "Dank aan Geheime Cliënt." in text
    assert AnnualReport.objects.get(pk=report.pk).foreword == "Een goed jaar."


def test_a_stale_edit_is_refused_and_the_typed_text_is_kept(world):
    _report(world, world.body)
    secretary, admin = Client(), Client()
    secretary.force_login(world.user("secretary"))
    admin.force_login(world.user("admin"))
    page = assert_second_save_refused(
        secretary,
        admin,
        _url("body_edit", world.body),
        change_a={"foreword": "Voorwoord van de secretaris."},
        change_b={"foreword": "Voorwoord van de beheerder."},
        stored=lambda: AnnualReport.objects.get(body=world.body, year=YEAR).foreword,
    )
    assert "Voorwoord van de secretaris." in html.unescape(page)  # "Nu opgeslagen: ..."


def test_a_report_can_only_be_started_once_and_for_a_year_with_data(client, world):
    admin = world.user("admin")
    with pytest.raises(services.ReportError) as error:
        services.report_create(region=world.region, body=world.body, year=YEAR + 1, by=admin, today=world_today())
    assert error.value.code == "year"
    with pytest.raises(services.ReportError):
        services.report_create(region=world.region, body=world.body, year=2019, by=admin, today=world_today())
    services.report_create(region=world.region, body=world.body, year=YEAR, by=admin, today=world_today())
    with pytest.raises(services.ReportError) as error:
        services.report_create(region=world.region, body=world.body, year=YEAR, by=admin, today=world_today())
    assert error.value.code == "exists"
    client.force_login(admin)
    listing = _url("body_report", world.body).rsplit(f"{YEAR}/", 1)[0]
    refused = client.post(listing, {"year": "2019"})
    assert refused.status_code == 200 and "Kies een jaar uit de lijst" in html.unescape(refused.content.decode())


def test_the_pdf_is_a_real_pdf_with_a_title_page(client, world):
    _report(world, world.body, status=ReportStatus.PUBLISHED, published_at=world_now())
    response = Client().get(_url("public_body_pdf", world.body))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    from weasyprint import HTML

    from inspraak.annualreports import views

    report = AnnualReport.objects.get(body=world.body, year=YEAR)
    html_text = views._context(report, world.body.name, today=world_today())
    from django.template.loader import render_to_string

    document = HTML(string=render_to_string("annualreports/report_pdf.html", html_text)).render()
    assert len(document.pages) >= 2  # the title page and the sections
    first_page = render_to_string("annualreports/report_pdf.html", html_text).split("</div>", 1)[0]
    assert "Jaarverslag" in first_page and "2026" in first_page and "Cliëntenpanel Noordkust" in first_page
    assert document.metadata.title == "Jaarverslag 2026 – Cliëntenpanel Noordkust"


def world_now():
    from tests.world import NOW

    return NOW


def test_the_report_pages_run_a_fixed_number_of_queries(client, world):
    body = small_group(world)
    _report(world, body, status=ReportStatus.PUBLISHED, published_at=world_now())
    AnnualReport.objects.create(region=world.region, body=None, year=YEAR)
    client.force_login(world.user("admin"))
    counter = iter(range(100))

    def grow():
        n = next(counter)
        _meeting(body, _at(4, 1 + n))
        member = _member(body, name=f"Extra {n} Duin")
        Topic.objects.create(body=body, title="Meer", description="x", submitted_by=world.user("member"))
        support_for(body, member.user, day=datetime.date(YEAR, 3, 1 + n))

    support_for(body, world.user("member"), day=datetime.date(YEAR, 2, 1))  # the support section is not empty
    SignalSettings.objects.create(region=world.region, public=True)  # the signals section is read
    assert_constant_queries(client, _url("body_report", body), grow, expected=42)
    assert_constant_queries(Client(), _url("public_body", body), grow, expected=37)
    region_url = reverse("annualreports:region_report", kwargs={"region": world.region.slug, "year": YEAR})
    assert_constant_queries(client, region_url, lambda: (grow(), BodyFactory(region=world.region)), expected=39)
    assert_constant_queries(Client(), reverse("annualreports:public_list", args=[world.region.slug]), grow, expected=2)


def test_a_region_report_naming_a_client_of_any_body_is_not_published(world):
    report = AnnualReport.objects.create(region=world.region, body=None, year=YEAR, foreword="Dank aan Geheime Cliënt.")
    with pytest.raises(services.ReportError) as error:
        services.report_publish(report=report, by=world.user("admin"))
    assert error.value.code == "client_named" and error.value.fragments == ["Geheime Cliënt"]
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert "Geheime Cliënt" in selectors.private_names(report)
