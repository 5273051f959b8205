"""The response schemas of the open data API (ADR 19). Every field has a type, says whether it can be null, lists its
values when they are fixed (taken from the model choices, so the schema follows the code) and has an English
description. The payloads themselves are built by the JSON functions of the apps (register.api,
publicmeetings.selectors, members.selectors, and inspraak.api.payloads for the newer data)."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from inspraak.advice.models import AdoptedHow, AdviceKind, RequestStatus, Verdict
from inspraak.agenda.models import ItemSource
from inspraak.bylaws.models import AdoptedBy, LegalBasis, TargetGroup
from inspraak.core.documents import ALL_KINDS
from inspraak.meetings.models import MeetingStatus
from inspraak.members.models import BodyRole, Category, Status
from inspraak.policy import rules as policy_rules
from inspraak.policy.models import DecidingBody, ProposalKind, ProposalStatus
from inspraak.records.models import FeedbackRecommendation
from inspraak.regions.models import Body
from inspraak.register import selectors as register_selectors


def one_of(values) -> Any:
    """A ``Literal`` of the given values: an ``enum`` in the schema."""
    return Literal[tuple(str(v) for v in values)]


def described(kind: Any, description: str, **extra) -> Any:
    return Annotated[kind, Field(description=description, **extra)]


Url = described(str, "A full URL.", json_schema_extra={"format": "uri"})
NullableUrl = Annotated[str | None, Field(json_schema_extra={"format": "uri"})]
Level = one_of(Body.Level.values)


class Strict(Schema):
    # Describe what the API answers: no other fields appear.
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------- problems (RFC 9457)


class InvalidParam(Strict):
    name: str = Field(description="The query or path parameter, as in the URL.")
    reason: str = Field(description="What is wrong with it, in plain Dutch.")


class Problem(Strict):
    """An error (RFC 9457, media type application/problem+json)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    type: str = Field(
        description="A URI that identifies the kind of problem; `about:blank` when the status code says it all.",
        json_schema_extra={"format": "uri-reference"},
    )
    title: str = Field(description="A short summary of the kind of problem, in Dutch.")
    status: int = Field(description="The HTTP status code.", ge=400, le=599)
    detail: str = Field(description="What went wrong with this request, in plain Dutch.")
    instance: str = Field(
        description="The path (and query) of the request that failed.", json_schema_extra={"format": "uri-reference"}
    )
    invalid_params: list[InvalidParam] | None = Field(
        None,
        alias="invalid-params",
        description="Only for status 400: every parameter with a wrong value, and why.",
    )


# ---------------------------------------------------------------- shared


class RegionRef(Strict):
    slug: str = Field(description="The region's identifier in URLs.")
    name: str = Field(description="The region's name.")


class BodyRef(Strict):
    slug: str = Field(description="The body's identifier in URLs (unique within its region).")
    name: str = Field(description="The body's name.")
    level: Level = Field(description="`regio`: serves the whole region; `gemeente`: serves one municipality.")


class Place(Strict):
    level: one_of(("gemeente", "regio")) = Field(description="`gemeente` for one municipality, `regio` for the GR.")
    slug: str | None = Field(description="The municipality's identifier; null for the whole region.")
    name: str | None = Field(description="The municipality's name; null for the whole region.")


# ---------------------------------------------------------------- advice register


class Timeliness(Strict):
    code: one_of((policy_rules.ON_TIME, policy_rules.LATE, policy_rules.NOT_ASKED, policy_rules.NOT_YET_ASKED)) = Field(
        description="Whether the body was asked in time (see docs/api.md)."
    )
    message: str = Field(description="The same as a Dutch sentence.")
    days_short: int = Field(description="For `te_laat`: how many days the body had too few; else 0.")
    days_left: int = Field(
        description="For `nog_niet_gevraagd`: days left to ask in time (negative when already too late); else 0."
    )


class ProposalRef(Strict):
    id: int = Field(description="Number of the proposal.")
    title: str = Field(description="What the proposal is about.")
    url: Url = Field(description="Its public timeline (web page).")
    api_url: Url = Field(description="Its timeline in this API.")


class AdviceRequestRef(Strict):
    requested_on: datetime.date = Field(description="When the body was asked.")
    deadline: datetime.date = Field(description="The date the advice was due.")
    timeliness: Timeliness | None = Field(description="Whether the body was asked in time.")


class ResponseSummary(Strict):
    responded_on: datetime.date = Field(description="When the response was recorded.")
    mentioned_in_decision: bool = Field(description="The advice is mentioned in the decision.")
    sent_to_council: bool = Field(description="The advice was sent to the council.")
    summary: str = Field(description="A short summary of the response.")


class VerdictOut(Strict):
    code: one_of(Verdict.values) = Field(description="What was done with the recommendation.")
    label: str = Field(description="The same in Dutch.")
    reason: str = Field(description="Why (required unless adopted; may be empty).")


class RecommendationOut(Strict):
    number: int = Field(description="Number of the recommendation within the advice.")
    text: str = Field(description="The recommendation.")
    verdict: VerdictOut | None = Field(description="Null while there is no response.")


class FollowUp(Strict):
    text: str = Field(description="The body's reaction to the response.")
    on: datetime.date | None = Field(description="When it was written.")


class DecisionOut(Strict):
    decided_on: datetime.date | None = Field(description="The date of the decision.")
    url: NullableUrl = Field(description="A link to the decision, or null.")


class AdviceOut(Strict):
    id: int = Field(description="Number of the advice.")
    url: Url = Field(description="Its public page.")
    kind: one_of(AdviceKind.values) = Field(description="Solicited (answers a request) or unsolicited.")
    subject: str = Field(description="Subject of the advice.")
    text: str = Field(description="The advice text.")
    body: BodyRef = Field(description="The body that gave the advice.")
    applies_to: Place = Field(description="The proposal's municipality, or without a proposal the body's.")
    proposal: ProposalRef | None = Field(description="The proposal it is about, or null.")
    request: AdviceRequestRef | None = Field(description="Null for unsolicited advice.")
    adopted_on: datetime.date | None = Field(description="When the body adopted it.")
    adopted_how: one_of(AdoptedHow.values) | None = Field(description="How the body adopted it; null when unknown.")
    sent_on: datetime.date | None = Field(description="The date it was sent.")
    response_due: datetime.date | None = Field(description="When the response is due.")
    response_state: one_of(register_selectors.RESPONSE_STATES) = Field(
        description="`ontvangen`: a response was recorded; `wacht`: not yet due; `te_laat`: overdue."
    )
    response_days_late: int = Field(description="Days the response is or was overdue (0 when in time).", ge=0)
    response: ResponseSummary | None = Field(description="Null while there is no response.")
    recommendations: list[RecommendationOut] = Field(description="The recommendations with their verdicts.")
    follow_up: FollowUp | None = Field(description="The body's reaction to the response, or null.")
    decision: DecisionOut | None = Field(description="Null until the proposal is decided.")


class RegisterFilters(Strict):
    """Only the filters that were given; an empty object without filters."""

    gemeente: str | None = Field(None, description="A municipality's slug, or `hele-regio`.")
    orgaan: str | None = Field(None, description="A body's slug.")
    jaar: str | None = Field(None, description="The calendar year the advice was sent.")
    soort: str | None = Field(None, description="`gevraagd` or `ongevraagd`.")
    reactie: str | None = Field(None, description="`ontvangen`, `wacht` or `te_laat`.")


class AdvicePage(Strict):
    region: RegionRef
    filters: RegisterFilters = Field(description="The filters used (null when not used); `{}` without filters.")
    count: int = Field(description="Number of advices that match.", ge=0)
    page: int = Field(description="This page.", ge=1)
    pages: int = Field(description="Number of pages (at least 1).", ge=1)
    page_size: int = Field(description="Advices per page.", ge=1)
    next: NullableUrl = Field(description="Full URL of the next page with the same filters, or null.")
    previous: NullableUrl = Field(description="Full URL of the previous page with the same filters, or null.")
    results: list[AdviceOut] = Field(description="The advices of this page, newest first.")


class ProposalBody(Strict):
    slug: str = Field(description="The body's slug.")
    name: str = Field(description="The body's name.")
    level: Level = Field(description="`regio` or `gemeente`.")
    concerned: bool = Field(description="Confirmed as concerned by the proposal.")
    requested_on: datetime.date | None = Field(description="Date of the request that counts; null when not asked.")
    deadline: datetime.date | None = Field(description="Deadline of that request.")
    request_status: one_of(RequestStatus.values) | None = Field(description="Status of that request.")
    timeliness: Timeliness | None = Field(description="Null for a withdrawn proposal that never asked the body.")
    advice_id: int | None = Field(description="The sent advice answering it, or null.")


class ProposalRequest(Strict):
    body: str = Field(description="Slug of the body that was asked.")
    requested_on: datetime.date = Field(description="When it was asked.")
    deadline: datetime.date = Field(description="When the advice was due.")
    status: one_of(RequestStatus.values) = Field(description="Status of the request.")
    questions: str = Field(description="The questions to the body.")
    decline_reason: str | None = Field(description="Why the body chose not to advise, else null.")


class DateChange(Strict):
    on: datetime.date = Field(description="When the decision date moved.")
    old_date: datetime.date | None = Field(description="The date before.")
    new_date: datetime.date | None = Field(description="The date after.")
    reason: str = Field(description="Why it moved.")


class ProposalTimeline(Strict):
    region: RegionRef
    id: int = Field(description="Number of the proposal.")
    url: Url = Field(description="Its public page.")
    title: str = Field(description="What the proposal is about.")
    description: str = Field(description="A description of the proposal.")
    kind: one_of(ProposalKind.values) = Field(description="A verordening or a policy proposal.")
    applies_to: Place = Field(description="The municipality, or `regio` for the whole region.")
    deciding_body: one_of(DecidingBody.values) = Field(description="Who decides.")
    status: one_of(ProposalStatus.values) = Field(description="Where the proposal is.")
    planned_decision_date: datetime.date | None = Field(description="The planned date of the decision.")
    decision_date: datetime.date | None = Field(
        description="The date that counts for timeliness: the real one once decided, else the planned one."
    )
    decision: DecisionOut | None = Field(description="Null until decided.")
    no_bodies_reason: str | None = Field(description="When no participation body is concerned, why; else null.")
    bodies: list[ProposalBody] = Field(description="Every body the proposal concerns or that was asked.")
    requests: list[ProposalRequest] = Field(description="Every advice request, oldest first.")
    date_changes: list[DateChange] = Field(description="Every time the decision date moved.")
    advices: list[AdviceOut] = Field(description="The sent advices on this proposal.")


# ---------------------------------------------------------------- meetings


class MeetingBody(Strict):
    region: str = Field(description="The region's slug.")
    slug: str = Field(description="The body's slug.")
    name: str = Field(description="The body's name.")


class MinutesOut(Strict):
    approved_on: datetime.date = Field(description="When the minutes were approved.")
    text: str = Field(description="The public version of the minutes.")


class FeedbackRecommendationOut(Strict):
    number: int = Field(description="Number of the recommendation.")
    text: str = Field(description="The recommendation to the GR.")
    reaction: one_of(FeedbackRecommendation.Reaction.values) | None = Field(
        description="The GR's reaction; null while the GR has not reacted."
    )
    reaction_text: str = Field(description="The GR's explanation (may be empty).")
    reacted_on: datetime.date | None = Field(description="When the GR reacted.")


class FeedbackReportOut(Strict):
    sent_on: datetime.date | None = Field(
        description="The date the email reached the GR's mail server; null while it is on its way."
    )
    topics: str = Field(description="The topics discussed.")
    views: str = Field(description="What clients said, without names.")
    agreements: str = Field(description="What was agreed.")
    recommendations: list[FeedbackRecommendationOut] = Field(description="The recommendations to the GR.")


class MeetingFields(Strict):
    id: int = Field(description="Number of the meeting.")
    title: str = Field(description="Title of the meeting (may be empty).")
    status: one_of(MeetingStatus.values) = Field(description="Where the meeting is.")
    starts_at: datetime.datetime = Field(description="Start (ISO 8601, Europe/Amsterdam).")
    ends_at: datetime.datetime = Field(description="End (ISO 8601, Europe/Amsterdam).")
    place: str = Field(description="The name of the place.")
    cancel_reason: str = Field(description="Why it was cancelled; empty unless cancelled.")
    agenda_published: bool = Field(description="The public agenda exists.")


class MeetingInList(MeetingFields):
    minutes: MinutesOut | None = Field(description="The public version of approved minutes, or null.")
    feedback_report: FeedbackReportOut | None = Field(description="A public feedback report sent to the GR, or null.")


class MeetingList(Strict):
    body: MeetingBody
    meetings: list[MeetingInList] = Field(description="Every meeting of the body, oldest first.")


class MeetingDetailFields(MeetingFields):
    address: str = Field(description="The address.")
    accessibility: str = Field(description="How accessible the place is.")
    online: bool = Field(description="One can join online (the link itself is only in the invitation).")
    url: Url = Field(description="The public meeting page.")
    agenda_url: NullableUrl = Field(description="The public agenda page, or null while the agenda is not public.")


class DocumentOut(Strict):
    id: int = Field(description="Number of the document.")
    title: str = Field(description="Title of the document.")
    summary: str = Field(description="A short summary in plain language.")
    type: one_of([kind.extension for kind in ALL_KINDS] + ["pagina"]) = Field(
        description="The file type, or `pagina` for a page written in Inspraak."
    )
    size: int = Field(description="Size in bytes.", ge=0)
    available_at: datetime.datetime = Field(description="Since when it is available.")
    url: Url = Field(description="Download link.")


class AgendaItemOut(Strict):
    position: int = Field(description="Place on the agenda.")
    title: str = Field(description="Title of the item.")
    summary: str = Field(description="A summary in plain language.")
    time: str | None = Field(description="Start time `HH:MM`, or null.", pattern=r"^\d\d:\d\d$")
    source: one_of(ItemSource.values) = Field(description="Who put the item on the agenda.")
    source_label: str = Field(description="The same in Dutch.")
    municipality: str | None = Field(description="The municipality that asked, or null.")
    documents: list[DocumentOut] = Field(description="Public documents only.")


class MeetingDetail(Strict):
    body: MeetingBody
    meeting: MeetingDetailFields
    items: list[AgendaItemOut] = Field(description="The public agenda in order; empty while it is not public.")
    minutes: MinutesOut | None = Field(description="The public version of approved minutes, or null.")
    feedback_report: FeedbackReportOut | None = Field(description="A public feedback report sent to the GR, or null.")


# ---------------------------------------------------------------- composition


COMPOSITION_CODES = (
    "too_few_clients",
    "allocation_impossible",
    "municipality_short",
    "non_representing_members",
    "no_client_majority",
    "no_facilitator",
    "facilitator_not_independent",
    "term_expired",
    "term_ending",
    "size_unknown",
)
SEVERITIES = ("voldoet_niet", "aandachtspunt")


class CompositionBody(Strict):
    region: str = Field(description="The region's slug.")
    slug: str = Field(description="The body's slug.")
    name: str = Field(description="The body's name.")
    level: Level = Field(description="`regio` or `gemeente`.")


class Counts(Strict):
    members: int = Field(description="Members without secretary and facilitator.", ge=0)
    clients: int = Field(description="Members who count as client.", ge=0)
    representatives: int = Field(description="Representatives of clients who are not clients themselves.", ge=0)
    others: int = Field(description="Other members.", ge=0)
    voters: int = Field(description="Members with a vote.", ge=0)
    representing_voters: int = Field(description="Voting members who represent clients.", ge=0)


class CompositionFinding(Strict):
    code: one_of(COMPOSITION_CODES) = Field(description="What the finding is about.")
    severity: one_of(SEVERITIES) = Field(description="`voldoet_niet` (a rule is broken) or `aandachtspunt`.")
    message: str = Field(description="The finding in Dutch, with the numbers.")


class MunicipalityShare(Strict):
    name: str = Field(description="The municipality.")
    client_group: int = Field(description="Size of its client group (c).")
    quota: float = Field(description="Its quota R·c/Σc.")
    minimum: int = Field(description="Its minimum number of seats.")
    whole_part: int = Field(description="The whole part of the quota.")
    largest_remainder_seat: bool = Field(description="It got a seat for the largest remainder.")
    seats: int = Field(description="Its seats.")
    client_members: int = Field(description="Client members from it now.")
    shortfall: int = Field(description="Seats not filled.")
    surplus: int = Field(description="Members above its seats.")


class AllocationOut(Strict):
    seats: int = Field(description="Seats (S).")
    minimum_per_municipality: int = Field(description="Minimum per municipality (m).")
    remaining: int = Field(description="S − k·m.")
    total_client_group: int = Field(description="Σc.")
    municipalities: list[MunicipalityShare] = Field(description="The allocation per municipality.")


class MembershipOut(Strict):
    id: int = Field(description="Number of the membership.")
    status: one_of(Status.values) = Field(description="Status of the membership.")
    body_role: one_of(BodyRole.values) = Field(description="Role in the body.")
    category: one_of(Category.values) = Field(description="Member category.")
    has_vote: bool = Field(description="The member has a vote.")
    municipality: str | None = Field(description="The municipality the member comes from, or null.")
    term_start: datetime.date = Field(description="Start of the term.")
    term_end: datetime.date = Field(description="End of the term.")
    term_number: int = Field(description="Which term this is (1 for the first).")


class Composition(Strict):
    body: CompositionBody
    meets_all_rules: bool = Field(description="True when there are no findings.")
    counts: Counts
    findings: list[CompositionFinding] = Field(description="What does not meet the rules, or needs attention.")
    allocation: AllocationOut | None = Field(
        description="Null unless the body serves the whole region with a balanced seat allocation."
    )
    allocation_error: str | None = Field(
        description="The Dutch reason when the minimums need more seats than there are, else null."
    )
    memberships: list[MembershipOut] | None = Field(
        None,
        description=(
            "Only for the body's secretary and facilitator, the region's beheerder and policy officers (logged "
            "in): the open memberships, without names or contact data. Such an answer is `Cache-Control: no-store`."
        ),
    )


# ---------------------------------------------------------------- regions (the entry point)


class NamedRef(Strict):
    slug: str = Field(description="Identifier in URLs (unique within the region).")
    name: str = Field(description="The name.")


class RegionLinks(Strict):
    adviezen: Url = Field(description="The advice register of the region in this API.")
    verordeningen: Url = Field(description="The verordeningen of the region in this API.")
    matrix: Url = Field(description="The art. 47 matrix of the region for this year in this API.")


class RegionOut(Strict):
    slug: str = Field(description="The region's identifier in URLs.")
    name: str = Field(description="The region's name.")
    url: Url = Field(description="The region's public page.")
    municipalities: list[NamedRef] = Field(description="The municipalities of the region, by name.")
    bodies: list[BodyRef] = Field(description="The participation bodies of the region, by name.")
    links: RegionLinks = Field(alias="_links", description="Where to go next in this API.")


class RegionList(Strict):
    regions: list[RegionOut] = Field(description="Every region (GR) in Inspraak, by name.")


# ---------------------------------------------------------------- verordeningen


BYLAW_CODES = (
    "no_bylaw",
    "not_council",
    "element_missing",
    "outdated",
    "target_group",
    "body_unknown",
    "body_empty",
    "body_fewer_meetings",
    "body_longer_advice_period",
    "body_longer_response_period",
    "no_body",
    "evaluation_due",
)


class BylawFinding(Strict):
    code: one_of(BYLAW_CODES) = Field(description="Which check found it (ADR 16).")
    severity: one_of(SEVERITIES) = Field(description="`voldoet_niet` (art. 47 is not met) or `aandachtspunt`.")
    message: str = Field(description="The finding in plain Dutch.")
    element: one_of(("a", "b", "c", "d", "e")) | None = Field(description="For `element_missing`: the element.")


class Elements(Strict):
    a: bool = Field(description="Art. 47 a (early advice, solicited and unsolicited) is regulated.")
    b: bool = Field(description="Art. 47 b (support) is regulated.")
    c: bool = Field(description="Art. 47 c (periodic meetings) is regulated.")
    d: bool = Field(description="Art. 47 d (putting topics on the agenda) is regulated.")
    e: bool = Field(description="Art. 47 e (the information needed) is regulated.")


class BylawCheckOut(Strict):
    status: one_of(("voldoet", "voldoet_niet")) = Field(
        description="`voldoet` only when a text is in force, adopted by the council, and a–e are all regulated."
    )
    outdated: bool = Field(description="The legal basis is only the old WWB (“verouderd”).")
    findings: list[BylawFinding] = Field(description="Every finding of the checks.")


class BylawSummary(Strict):
    id: int = Field(description="Number of the verordening.")
    title: str = Field(description="Its title.")
    adopted_by: one_of(AdoptedBy.values) = Field(description="Who adopted it.")
    adopted_on: datetime.date = Field(description="When it was adopted.")
    in_force_from: datetime.date = Field(description="In force from.")
    in_force_until: datetime.date | None = Field(description="In force until (null: still in force).")
    legal_basis: one_of(LegalBasis.values) = Field(description="The legal basis it names.")
    url: Url = Field(description="Its public page.")
    api_url: Url = Field(description="The verordening with its check in this API.")


class BylawRow(Strict):
    municipality: NamedRef | None = Field(description="The municipality; null for the GR's own texts.")
    label: str = Field(description="The municipality's name, or a Dutch label for the GR.")
    in_force: BylawSummary | None = Field(description="The text in force on the date, or null.")
    check: BylawCheckOut = Field(description="The check of the municipality on the date (ADR 16).")
    elements: Elements = Field(description="What the text in force regulates.")
    texts: list[BylawSummary] = Field(description="Every text of the municipality over time, newest first.")


class BylawRegister(Strict):
    region: RegionRef
    on: datetime.date = Field(description="The date the checks are for.")
    municipalities: list[BylawRow] = Field(
        description="Every municipality of the region by name, and a row for the GR when it has texts of its own."
    )


class ElementOut(Strict):
    regulated: bool = Field(description="The element is regulated.")
    label: str = Field(description="The element in plain Dutch.")
    article: str = Field(description="Where (article reference; may be empty).")
    quote: str = Field(description="A short quote (may be empty).")


class BylawElements(Strict):
    a: ElementOut
    b: ElementOut
    c: ElementOut
    d: ElementOut
    e: ElementOut


class BylawDetail(BylawSummary):
    region: RegionRef
    municipality: NamedRef | None = Field(description="The municipality; null for a text of the GR itself.")
    in_force_today: bool = Field(description="In force today.")
    cvdr_id: str | None = Field(description="The CVDR identifier (`CVDR` and digits), or null.")
    official_url: NullableUrl = Field(description="The official text, or null.")
    pdf_url: NullableUrl = Field(description="The uploaded PDF, or null.")
    file_size: int | None = Field(description="Size of the PDF in bytes, or null.")
    target_group: one_of(TargetGroup.values) = Field(description="The target group it names (art. 7 lid 1; 7a).")
    elements: BylawElements = Field(description="Per element of art. 47 whether and where it is regulated.")
    designated_bodies: list[BodyRef] = Field(description="The Inspraak bodies it designates.")
    other_bodies: list[str] = Field(description="Names of designated bodies that are not in Inspraak.")
    min_meetings_per_year: int | None = Field(description="Minimum meetings a year it sets, or null.")
    advice_period_weeks: int | None = Field(description="Advice period in weeks it sets, or null.")
    response_period_weeks: int | None = Field(description="Response period in weeks it sets, or null.")
    evaluation_on: datetime.date | None = Field(description="Its evaluation date, or null.")
    check: BylawCheckOut = Field(description="Checks 2–7 of this text today (whether or not it is in force).")


# ---------------------------------------------------------------- the art. 47 matrix


MATRIX_STATUSES = ("voldoet", "deels", "voldoet_niet", "geen_gegevens")


class LinkOut(Strict):
    label: str = Field(description="What the link shows, in Dutch.")
    url: Url = Field(description="The evidence (a public page).")


class MatrixCell(Strict):
    status: one_of(MATRIX_STATUSES) = Field(description="The status of this column (ADR 17).")
    label: str = Field(description="The status in Dutch.")
    summary: str = Field(description="What the status is based on, in plain Dutch.")
    numbers: dict[str, int | None] = Field(description="The numbers behind the status, by Dutch key.")
    evidence: list[LinkOut] = Field(description="Links to the evidence.")
    notes: list[str] = Field(description="Remarks, in Dutch.")


class MatrixCells(Strict):
    verordening: MatrixCell = Field(description="The verordening (ADR 16).")
    a: MatrixCell = Field(description="Art. 47 a: advice asked in time.")
    b: MatrixCell = Field(description="Art. 47 b: support (`geen_gegevens` until Inspraak records it).")
    c: MatrixCell = Field(description="Art. 47 c: periodic meetings held.")
    d: MatrixCell = Field(description="Art. 47 d: topics of members answered.")
    e: MatrixCell = Field(description="Art. 47 e: agenda documents available in time.")


class MatrixRow(Strict):
    municipality: NamedRef | None = Field(description="The municipality; null for the row of the GR itself.")
    label: str = Field(description="The municipality's name, or a Dutch label for the GR.")
    url: NullableUrl = Field(description="The public page with the evidence, or null.")
    api_url: NullableUrl = Field(description="This row in this API (null for the GR row).")
    cells: MatrixCells


class MatrixOut(Strict):
    region: RegionRef
    year: int = Field(description="The calendar year.")
    columns: dict[str, str] = Field(description="The Dutch label of each column.")
    rows: list[MatrixRow] = Field(description="The GR row, then every municipality by name.")


class ConcernOut(Strict):
    body: str = Field(description="The body's name.")
    label: str = Field(description="Short Dutch label of the timeliness.")
    text: str = Field(description="The timeliness as a Dutch sentence.")


class ProposalEvidence(Strict):
    title: str = Field(description="The proposal.")
    url: Url = Field(description="Its public timeline.")
    decided_on: datetime.date = Field(description="When it was decided.")
    worst: (
        one_of((policy_rules.ON_TIME, policy_rules.LATE, policy_rules.NOT_ASKED, policy_rules.NOT_YET_ASKED)) | None
    ) = Field(description="The worst timeliness of its concerned bodies; null when no body was concerned.")
    responses_overdue: int = Field(description="Responses to its advices that are overdue.", ge=0)
    concerns: list[ConcernOut] = Field(description="Every concerned body with its timeliness.")


class MeetingEvidence(Strict):
    day: datetime.date = Field(description="The day of the meeting.")
    status: str = Field(description="Its status in Dutch.")
    url: NullableUrl = Field(description="Its public page, or null.")


class BodyEvidence(Strict):
    slug: str = Field(description="The body's slug.")
    name: str = Field(description="The body's name.")
    url: NullableUrl = Field(description="The body's public page, or null.")
    minimum: int = Field(description="The minimum number of meetings a year.")
    held: int = Field(description="Meetings held in the year.")
    planned: int = Field(description="Meetings still planned in the year.")
    cancelled: int = Field(description="Meetings cancelled in the year.")
    meets: bool = Field(description="Held (and planned, for this year) at least the minimum.")
    meetings: list[MeetingEvidence] = Field(description="The meetings of the year.")
    topics: dict[str, int] = Field(description="Topics of members in the year, by Dutch key.")
    documents: dict[str, int] = Field(description="Agenda documents in the year, by Dutch key.")


class ShareOut(Strict):
    total: int = Field(description="Topics, or attendances.")
    people: int = Field(description="Different people.")
    clients: int | None = Field(description="Of the total, by client members; null when the group is small (< 5).")
    others: int | None = Field(description="Of the total, by other members; null when the group is small.")
    small: bool = Field(description="The group is too small to split (fewer than 5 people).")


class HeardOut(Strict):
    body: NamedRef = Field(description="The body.")
    topics: ShareOut = Field(description="Topics submitted by client members versus other members.")
    presence: ShareOut = Field(description="Attendances at held meetings: client members versus others.")
    client_members: int = Field(description="Client members who were members in the year.")
    contributors: int | None = Field(description="Of those, how many did something; null when small.")
    small: bool = Field(description="Some numbers are not split because the group is small.")
    recommendations: dict[str, int] = Field(description="Recommendations by reaction (Dutch keys).")
    median_days_to_answer: int | None = Field(description="Median days from topic to answer, or null.")
    answered_topics: int = Field(description="Topics that got an answer.")


class EvidenceOut(Strict):
    proposals: list[ProposalEvidence] = Field(description="Decided proposals of the year (art. 47 a).")
    bodies: list[BodyEvidence] = Field(description="The bodies that serve the municipality (art. 47 c, d, e).")
    heard: list[HeardOut] = Field(description="“Is the client heard?” per body.")
    bylaw_findings: list[str] = Field(description="The findings of the verordening check, in Dutch.")


class MunicipalityMatrix(Strict):
    region: RegionRef
    year: int = Field(description="The calendar year.")
    row: MatrixRow
    evidence: EvidenceOut | None = Field(description="The evidence behind the row.")


# ---------------------------------------------------------------- consultations (raadplegingen, ADR 30)

Hidden = one_of(["minder_dan_5", "niet_getoond"]) | None
HIDDEN_DESCRIPTION = (
    "Null when the number is shown; `minder_dan_5` when it rests on fewer than 5 people; `niet_getoond` when it is "
    "hidden so that a smaller group cannot be worked out from the total."
)


class ConsultationOwner(Strict):
    slug: str = Field(description="The body's slug.")
    name: str = Field(description="The body's name.")


class ConsultationFields(Strict):
    id: int = Field(description="Number of the consultation.")
    title: str = Field(description="Title of the consultation.")
    body: ConsultationOwner | None = Field(description="The body that asked; null when the GR itself asked.")
    opens_at: datetime.datetime = Field(description="Open from (ISO 8601, Europe/Amsterdam).")
    closes_at: datetime.datetime = Field(description="Open until (ISO 8601, Europe/Amsterdam).")
    published_on: datetime.date | None = Field(description="When the results were published.")
    respondents: int | None = Field(description="How many took part; null when fewer than 5.")
    url: Url = Field(description="The public page with the results.")


class ConsultationInList(ConsultationFields):
    api_url: Url = Field(description="This consultation's results in the API.")


class ConsultationList(Strict):
    region: str = Field(description="The region's slug.")
    consultations: list[ConsultationInList] = Field(description="Published consultations, newest first.")


class CountOut(Strict):
    label: str = Field(description="The answer, municipality or way of answering.")
    count: int | None = Field(description="How many; null when hidden.")
    percent: float | None = Field(
        description="Percentage of those who answered the question (one decimal); null when hidden."
    )
    hidden: Hidden = Field(description=HIDDEN_DESCRIPTION)


class MunicipalityResult(Strict):
    name: str = Field(description="The municipality (or `Gemeente niet opgegeven` for open-link answers without one).")
    respondents: int | None = Field(description="How many took part; null when hidden.")
    hidden: Hidden = Field(description=HIDDEN_DESCRIPTION)
    codes_issued: int = Field(description="Invitation codes issued for the municipality.")
    codes_used: int | None = Field(description="Codes used (online or on paper); null when hidden.")
    response_rate: float | None = Field(
        description="Codes used of codes issued, in percent; null when hidden or no codes."
    )


class GroupResult(Strict):
    name: str = Field(description="The municipality, or `Overige gemeenten` for the hidden ones together.")
    hidden: Hidden = Field(description=HIDDEN_DESCRIPTION)
    answered: int | None = Field(description="How many answered the question; null when hidden.")
    counts: list[CountOut] = Field(description="Per answer (empty when hidden).")
    mean: float | None = Field(description="For a scale: the mean of 1–5 without `weet ik niet`.")


class QuestionResultOut(Strict):
    id: int = Field(description="Number of the question.")
    text: str = Field(description="The question.")
    kind: one_of(["een", "meer", "schaal", "kort", "lang"]) = Field(
        description="`een` single choice, `meer` multiple choice, `schaal` 1–5, `kort`/`lang` open text."
    )
    answered: int | None = Field(description="How many answered it; null when fewer than 5 took part.")
    counts: list[CountOut] = Field(description="Per option, or per scale value 1–5; empty for open questions.")
    dont_know: CountOut | None = Field(description="A scale's `weet ik niet`, or null.")
    mean: float | None = Field(description="For a scale: the mean of 1–5 without `weet ik niet`; else null.")
    municipalities: list[GroupResult] = Field(description="Per municipality (hidden ones as such).")
    texts: list[str] = Field(description="A few open answers that were checked and shown (open questions only).")


class FindingOut(Strict):
    text: str = Field(description="The finding.")
    body: str | None = Field(description="The body on whose topic list it was put, or null.")
    advice_request: str | None = Field(description="The proposal whose advice request it was attached to, or null.")


class ConsultationDetailFields(ConsultationFields):
    introduction: str = Field(description="The introduction as the respondents read it.")
    outcome: str = Field(description="What the GR will do with the results (wat doen we ermee).")


class ConsultationResults(Strict):
    region: str = Field(description="The region's slug.")
    consultation: ConsultationDetailFields
    findings: list[FindingOut] = Field(description="Findings passed on to a body's topics or an advice request.")
    channels: list[CountOut] = Field(description="How many answered with a code online, on paper, or by the open link.")
    municipalities: list[MunicipalityResult] = Field(description="Per municipality asked.")
    others: CountOut | None = Field(
        description="The hidden municipalities together (`Overige gemeenten`) when they add up to 5 or more; else null."
    )
    questions: list[QuestionResultOut] = Field(description="Per question, in the order of the questionnaire.")
