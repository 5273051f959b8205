"""Writes for vacancies, applications and draws. Each is atomic, appends history and leaves an audit row.

Audit labels name the object type and number and the body ("aanmelding #12 – Cliëntenpanel"), never an
applicant's name or contact details.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from inspraak.accounts.services import IssuedCode, login_code_issue, person_create
from inspraak.accounts.tokens import keyed_hash, new_link_token
from inspraak.audit.services import audit_record
from inspraak.core import ratelimit
from inspraak.core.errors import ServiceError
from inspraak.core.links import absolute_url
from inspraak.core.mail import queue_email
from inspraak.core.ratelimit import Limit
from inspraak.core.versioning import claim_version
from inspraak.members import services as member_services
from inspraak.members.models import BodyRole, ConsentRecord, Status
from inspraak.recruitment import rules, selectors
from inspraak.recruitment.models import Application, ApplicationEvent, Draw, DrawCommitment, Vacancy, VacancySeat

if TYPE_CHECKING:
    from inspraak.accounts.models import User
    from inspraak.members.models import Membership
    from inspraak.regions.models import Body, Municipality

# What an erased application is called (stored as data, so not translated).
ERASED_NAME = "Verwijderde persoon"
ERASED_TEXT = "verwijderd"
# The reason given to the applicants a draw did not choose, when the secretary asks for that.
DRAW_REASON = "Loting"
# How an application was confirmed (the note of its event; system words, not free text).
CONFIRMED_BY_EMAIL = "e-mail"
CONFIRMED_BY_PHONE = "telefoon"


class RecruitmentError(ServiceError):
    """A recruitment step that does not fit. Codes:

    - ``closed``: the vacancy does not accept applications (closed, finished, or past its closing date);
    - ``reason_required``: 'niet gekozen' needs a reason;
    - ``draw_not_needed``: there are not more suitable applicants than seats, so no draw is needed (or possible);
    - ``not_closed``: no draw before the vacancy's closing date has passed (people may still apply until then);
    - ``not_committed``: no seed was committed in advance for this municipality (it has no seats in the vacancy);
    - ``not_chosen``: only a chosen applicant can become a member, and only a decided one can hear the outcome;
    - ``already_member``: the application was already turned into a membership;
    - ``not_confirmed``: an online application nobody confirmed yet does not count: no status, suitable mark or
      draw.

    Making a member can also raise members.services.MembersError("duplicate") (already an open member of the body).
    """


def _vacancy_label(vacancy: Vacancy) -> str:
    return f"{vacancy._meta.verbose_name} #{vacancy.pk} – {vacancy.body.name}"


def _application_label(application: Application) -> str:
    return f"{application} – {application.vacancy.body.name}"


def _event(application: Application, kind: str, *, by: User | None, **extra: Any) -> ApplicationEvent:
    return ApplicationEvent.objects.create(application=application, kind=kind, by=by, **extra)


# ---------------------------------------------------------------- vacancies


def _commit_seed(vacancy: Vacancy, municipality: Municipality) -> DrawCommitment:
    """The open seed commitment for a next draw in ``municipality``: the existing one, or a new secret seed whose
    SHA-256 is published from now on (ADR 0020). The seed itself stays secret until that draw."""
    existing = DrawCommitment.objects.filter(vacancy=vacancy, municipality=municipality, draw__isnull=True).first()
    if existing is not None:
        return existing
    seed = secrets.token_hex(16)
    return DrawCommitment.objects.create(
        vacancy=vacancy, municipality=municipality, seed=seed, seed_hash=rules.seed_hash(seed)
    )


def _set_seats(vacancy: Vacancy, seats: dict[Municipality, int]) -> bool:
    """Store one line per municipality with seats (lines with 0 are removed), each with a seed committed for its
    draw. True when anything changed."""
    for municipality in seats:
        if municipality.region_id != vacancy.body.region_id:
            raise ValueError("municipality of another region")
    current = {s.municipality_id: s for s in VacancySeat.objects.filter(vacancy=vacancy)}
    changed = False
    for municipality, number in seats.items():
        line = current.get(municipality.pk)
        if number and line is None:
            VacancySeat.objects.create(vacancy=vacancy, municipality=municipality, seats=number)
            changed = True
        elif number and line.seats != number:
            line.seats = number
            line.save(update_fields=["seats"])
            changed = True
        elif not number and line is not None:
            line.delete()
            changed = True
        if number:
            _commit_seed(vacancy, municipality)
    return changed


@transaction.atomic
def vacancy_create(
    *,
    body: Body,
    by: User,
    title: str,
    about_body: str,
    what_we_ask: str,
    meetings_per_year: int,
    what_you_get: str,
    closes_on: datetime.date,
    seats: dict[Municipality, int],
    paper_address: str = "",
    status: str = Vacancy.Status.OPEN,
) -> Vacancy:
    """A new vacancy of ``body`` with the seats it looks for per municipality."""
    vacancy = Vacancy(
        body=body,
        title=title,
        about_body=about_body,
        what_we_ask=what_we_ask,
        meetings_per_year=meetings_per_year,
        what_you_get=what_you_get,
        closes_on=closes_on,
        paper_address=paper_address,
        status=status,
        created_by=by,
    )
    vacancy.full_clean()
    vacancy.save()
    _set_seats(vacancy, seats)
    audit_record(
        actor=by,
        action="vacancy.create",
        target=vacancy,
        region=body.region,
        changed_fields=[*Vacancy.EDITABLE_FIELDS, "seats"],
        label=_vacancy_label(vacancy),
    )
    return vacancy


@transaction.atomic
def vacancy_update(
    *,
    vacancy: Vacancy,
    by: User,
    seats: dict[Municipality, int] | None = None,
    version: int | None = None,
    **fields: Any,
):
    """Change texts, closing date, status or seats, based on ``version`` (StaleEdit when someone else saved since;
    None: no check). Field names (never values) go into the audit row."""
    unknown = set(fields) - set(Vacancy.EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    changed = [name for name, value in fields.items() if getattr(vacancy, name) != value]
    for name in changed:
        setattr(vacancy, name, fields[name])
    if changed:
        vacancy.full_clean()
    stored_seats = {s.municipality_id: s.seats for s in VacancySeat.objects.filter(vacancy=vacancy)}
    if changed or any(stored_seats.get(m.pk, 0) != n for m, n in (seats or {}).items()):
        claim_version(vacancy, version)
    if changed:
        vacancy.save(update_fields=changed)
    if seats is not None and _set_seats(vacancy, seats):
        changed.append("seats")
    if changed:
        audit_record(
            actor=by,
            action="vacancy.update",
            target=vacancy,
            region=vacancy.body.region,
            changed_fields=changed,
            label=_vacancy_label(vacancy),
        )
    return vacancy


# ---------------------------------------------------------------- applications


@transaction.atomic
def application_submit(
    *,
    vacancy: Vacancy,
    name: str,
    municipality: Municipality,
    situation: str,
    motivation: str,
    consent_processing: bool,
    consent_named_to_members: bool = False,
    contact_email: str = "",
    contact_phone: str = "",
    contact_address: str = "",
    channel: str = Application.Channel.ONLINE,
    by: User | None = None,
) -> Application:
    """An application, from the public form (``by`` empty) or entered from paper by a supporter (``by`` set).

    Online applications need an open vacancy (RecruitmentError("closed") otherwise); a paper one may arrive by post a
    little later, so the secretary can still enter it. ValueError for a municipality of another region or without
    consent.
    """
    today = timezone.localdate()
    if channel == Application.Channel.ONLINE and not vacancy.accepts_applications(today):
        raise RecruitmentError("closed")
    if municipality.region_id != vacancy.body.region_id:
        raise ValueError("municipality of another region")
    if not consent_processing:
        raise ValueError("no consent to process the application")
    online = channel == Application.Channel.ONLINE
    application = Application(
        vacancy=vacancy,
        name=name,
        contact_email=contact_email.strip().lower(),
        contact_phone=contact_phone,
        contact_address=contact_address,
        municipality=municipality,
        situation=situation,
        category=rules.category_for(situation),
        motivation=motivation,
        consent_processing=True,
        consent_named_to_members=consent_named_to_members,
        channel=channel,
        entered_by=None if online else by,
        confirmed_at=None if online else timezone.now(),
    )
    token = new_link_token() if online and application.contact_email else ""
    application.confirm_token_hash = keyed_hash(token) if token else ""
    application.full_clean()
    application.save()
    _event(application, ApplicationEvent.Kind.RECEIVED, by=by, to_status=application.status)
    audit_record(
        actor=by,
        action="application.create",
        target=application,
        region=vacancy.body.region,
        label=_application_label(application),
    )
    if token:
        region = vacancy.body.region
        queue_email(
            to=application.contact_email,
            template_prefix="recruitment/email/confirm",
            context={
                "body": vacancy.body,
                "vacancy": vacancy,
                "url": absolute_url("recruitment:application_confirm", region=region.slug, token=token),
                "days": rules.CONFIRM_LINK_DAYS,
            },
        )
    return application


# Limits of the public form (ADR 0011), counted before anything is stored.
APPLICATIONS_PER_ADDRESS = Limit("application:address", 10)
APPLICATIONS_PER_VACANCY = Limit("application:vacancy", 100)
APPLICATIONS_PER_EMAIL = Limit("application:email", 3, datetime.timedelta(days=1))


def application_allowed(*, vacancy: Vacancy, address: str | None, email: str = "") -> bool:
    """Counts one application on the public form: at most 10 an hour per internet address, 100 an hour per vacancy
    and 3 a day per email address and vacancy. False when one of them is used up (nothing should be stored)."""
    if not ratelimit.hit(APPLICATIONS_PER_ADDRESS, address):
        return False
    if not ratelimit.hit(APPLICATIONS_PER_VACANCY, vacancy.pk):
        return False
    email = email.strip().lower()
    return not email or ratelimit.hit(APPLICATIONS_PER_EMAIL, vacancy.pk, email)


def _confirm(application: Application, *, by: User | None, how: str) -> None:
    application.confirmed_at = timezone.now()
    application.confirm_token_hash = ""
    application.save(update_fields=["confirmed_at", "confirm_token_hash"])
    _event(application, ApplicationEvent.Kind.CONFIRMED, by=by, note=how)
    audit_record(
        actor=by,
        action="application.confirm",
        target=application,
        region=application.vacancy.body.region,
        changed_fields=["confirmed_at"],
        label=_application_label(application),
    )


def _awaiting_link(region_slug: str, token: str):
    """The unconfirmed application of this region whose link carries ``token``, while the link works."""
    cutoff = timezone.now() - datetime.timedelta(days=rules.CONFIRM_LINK_DAYS)
    return Application.objects.filter(
        confirm_token_hash=keyed_hash(token) if token else "-",
        confirmed_at__isnull=True,
        submitted_at__gt=cutoff,
        vacancy__body__region__slug=region_slug,
    )


@transaction.atomic
def application_confirm(*, region_slug: str, token: str) -> Application | None:
    """The applicant opened the link in the confirmation email: from now on the application counts.

    Works once, within CONFIRM_LINK_DAYS, for an application of this region. None otherwise (the caller shows one
    page for unknown, used and expired links alike).
    """
    application = _awaiting_link(region_slug, token).select_for_update().select_related("vacancy__body__region").first()
    if application is None:
        return None
    _confirm(application, by=None, how=CONFIRMED_BY_EMAIL)
    return application


def application_confirm_link_usable(*, region_slug: str, token: str) -> bool:
    return _awaiting_link(region_slug, token).exists()


@transaction.atomic
def application_confirm_by_phone(*, application: Application, by: User) -> Application:
    """The secretary reached the applicant (an online application without email) and confirms it counts."""
    if application.confirmed_at is None:
        _confirm(application, by=by, how=CONFIRMED_BY_PHONE)
    return application


@transaction.atomic
def applications_prune_unconfirmed(*, now: datetime.datetime | None = None) -> int:
    """Delete online applications nobody confirmed in time (rules.unconfirmed_expiry). Returns how many went.

    They never counted and may carry someone else's email address: nothing of them is kept.
    """
    now = now or timezone.now()
    email_cutoff = now - datetime.timedelta(days=rules.CONFIRM_LINK_DAYS)
    other_cutoff = now - datetime.timedelta(days=rules.UNCONFIRMED_WITHOUT_EMAIL_DAYS)
    expired = Application.objects.filter(confirmed_at__isnull=True, channel=Application.Channel.ONLINE).filter(
        Q(submitted_at__lte=email_cutoff) & ~Q(contact_email="") | Q(submitted_at__lte=other_cutoff)
    )
    _, per_model = expired.delete()
    return per_model.get(Application._meta.label, 0)


def _set_status(application: Application, status: str, *, by: User | None, reason: str = "", draw=None) -> bool:
    """The new status with its reason in the history (the event's ``note``); False when it was the status already."""
    old = application.status
    if status == old:
        return False
    application.status = status
    application.save(update_fields=["status"])
    _event(application, ApplicationEvent.Kind.STATUS, by=by, from_status=old, to_status=status, note=reason, draw=draw)
    return True


@transaction.atomic
def application_set_status(*, application: Application, status: str, by: User, reason: str = "") -> Application:
    """Move an application to another status; the change is appended to its history.

    'Niet gekozen' needs a reason (``reason_required``). A member's application stays 'gekozen'.
    """
    reason = reason.strip()
    if application.confirmed_at is None:
        raise RecruitmentError("not_confirmed")
    if status == Application.Status.NOT_CHOSEN and not reason:
        raise RecruitmentError("reason_required")
    if application.membership_id and status != Application.Status.CHOSEN:
        raise RecruitmentError("already_member")
    if _set_status(application, status, by=by, reason=reason):
        audit_record(
            actor=by,
            action="application.status",
            target=application,
            region=application.vacancy.body.region,
            changed_fields=["status"],
            label=_application_label(application),
        )
    return application


@transaction.atomic
def application_set_suitable(*, application: Application, suitable: bool, by: User) -> Application:
    """Mark an applicant as suitable (takes part in a draw) or not. Only a confirmed application."""
    if application.confirmed_at is None:
        raise RecruitmentError("not_confirmed")
    if application.suitable == suitable:
        return application
    application.suitable = suitable
    application.save(update_fields=["suitable"])
    _event(application, ApplicationEvent.Kind.SUITABLE, by=by, note="ja" if suitable else "nee")
    audit_record(
        actor=by,
        action="application.update",
        target=application,
        region=application.vacancy.body.region,
        changed_fields=["suitable"],
        label=_application_label(application),
    )
    return application


# ---------------------------------------------------------------- the fair draw


@transaction.atomic
def draw_run(
    *, vacancy: Vacancy, municipality: Municipality, seats: int, by: User, others_not_chosen: bool = False
) -> Draw:
    """Draw ``seats`` applicants from the suitable ones of ``municipality`` that are still in play.

    Only after the vacancy's closing date (RecruitmentError("not_closed")). The seed is the one committed in advance
    for this municipality (its SHA-256 was public since; ``not_committed`` when there is none): the draw reveals it,
    and a new seed is committed at once for a possible next draw. Seed, its hash, sorted candidate ids and seats are
    stored, so anyone can check the hash, re-run ``rules.draw`` and get the same result. The chosen get status
    'gekozen'; the others stay as they are, or become 'niet gekozen' with the reason 'Loting' when
    ``others_not_chosen``. RecruitmentError("draw_not_needed") when there are not more candidates than seats.
    """
    if municipality.region_id != vacancy.body.region_id:
        raise ValueError("municipality of another region")
    if seats < 1:
        raise ValueError("a draw needs at least one seat")
    if not vacancy.draw_allowed(timezone.localdate()):
        raise RecruitmentError("not_closed")
    candidates = selectors.draw_candidates(vacancy, municipality)
    if len(candidates) <= seats:
        raise RecruitmentError("draw_not_needed")
    commitment = (
        DrawCommitment.objects.select_for_update()
        .filter(vacancy=vacancy, municipality=municipality, draw__isnull=True)
        .first()
    )
    if commitment is None:
        raise RecruitmentError("not_committed")
    seed = commitment.seed
    chosen = rules.draw(seed, candidates, seats)
    draw = Draw.objects.create(
        vacancy=vacancy,
        municipality=municipality,
        seats=seats,
        seed=seed,
        seed_hash=commitment.seed_hash,
        seed_published_at=commitment.published_at,
        candidate_ids=candidates,
        chosen_ids=chosen,
        algorithm=rules.DRAW_ALGORITHM,
        by=by,
    )
    commitment.draw = draw
    commitment.save(update_fields=["draw"])
    _commit_seed(vacancy, municipality)
    applications = {a.pk: a for a in Application.objects.filter(pk__in=candidates)}
    for pk in candidates:
        application = applications[pk]
        application.vacancy = vacancy
        if pk in chosen:
            _set_status(application, Application.Status.CHOSEN, by=by, reason=DRAW_REASON, draw=draw)
        elif others_not_chosen:
            _set_status(application, Application.Status.NOT_CHOSEN, by=by, reason=DRAW_REASON, draw=draw)
        else:
            _event(application, ApplicationEvent.Kind.DRAW, by=by, draw=draw)
    audit_record(
        actor=by,
        action="draw.run",
        target=draw,
        region=vacancy.body.region,
        label=f"{draw} – {vacancy.body.name}, {municipality.name}",
    )
    return draw


# ---------------------------------------------------------------- outcome


@transaction.atomic
def outcome_send(*, application: Application, by: User) -> str:
    """Tell the applicant the decision: by email (queued, sent after commit) when they gave an address, otherwise
    the secretary prints a letter. Records when and how. Returns the channel."""
    if not application.is_decided:
        raise RecruitmentError("not_chosen")
    vacancy = application.vacancy
    if application.contact_email:
        channel = Application.OutcomeChannel.EMAIL
        queue_email(
            to=application.contact_email,
            template_prefix="recruitment/email/outcome",
            context={"application": application, "vacancy": vacancy, "body": vacancy.body},
        )
    else:
        channel = Application.OutcomeChannel.LETTER
    application.outcome_sent_at = timezone.now()
    application.outcome_channel = channel
    application.outcome_status = application.status
    application.save(update_fields=["outcome_sent_at", "outcome_channel", "outcome_status"])
    _event(application, ApplicationEvent.Kind.OUTCOME, by=by, to_status=application.status, note=channel)
    audit_record(
        actor=by,
        action="application.outcome",
        target=application,
        region=vacancy.body.region,
        changed_fields=["outcome_sent_at"],
        label=_application_label(application),
    )
    return channel


# ---------------------------------------------------------------- from applicant to member


@dataclass(frozen=True)
class NewMember:
    membership: Membership
    user: User
    issued: IssuedCode | None  # a printed login code, for a person without email (shown once)

    @property
    def invited(self) -> bool:
        """With email: the membership waits until the person confirms it (members.services.member_invite)."""
        return self.membership.status == Status.INVITED


@transaction.atomic
def applicant_make_member(*, application: Application, by: User, term_start: datetime.date | None = None) -> NewMember:
    """Turn a chosen applicant into a member of the body, with the category, municipality, contact route and
    consent of the application.

    With email: an invitation, the same as the member form makes (members.services.member_invite): the person gets
    an email and only becomes an active member after saying yes, logged in as themself. An existing account with
    that address is never attached without that yes, and the secretary cannot tell whether there was one. The
    application is linked to the account when the person says yes. Without email: a new account, an active
    membership and a printed login code. Raises RecruitmentError (``not_chosen``,
    ``already_member``) or members' MembersError("duplicate") (already an open member of this body).
    """
    if application.membership_id:
        raise RecruitmentError("already_member")
    if application.status != Application.Status.CHOSEN:
        raise RecruitmentError("not_chosen")
    body = application.vacancy.body
    region = body.region
    email = (application.contact_email or "").strip().lower()
    details = {
        "body": body,
        "body_role": BodyRole.MEMBER,
        "category": application.category,
        "municipality": application.municipality,
        "term_start": term_start or timezone.localdate(),
        "status": Status.ACTIVE,
        "by": by,
        "consent_named_to_members": application.consent_named_to_members,
        "consent_source": ConsentRecord.Source.APPLICATION,
        "contact_email": application.contact_email,
        "contact_phone": application.contact_phone,
        "contact_address": application.contact_address,
    }
    if email:
        membership = member_services.member_invite(name=application.name, email=email, **details)
        user = membership.user
        changed = ["membership"]
    else:
        user = person_create(name=application.name, email=None, region=region, by=by)
        membership = member_services.membership_create(user=user, **details)
        application.user = user
        changed = ["user", "membership"]
    application.membership = membership
    application.save(update_fields=changed)
    _event(application, ApplicationEvent.Kind.MEMBER, by=by)
    audit_record(
        actor=by,
        action="application.member",
        target=application,
        region=region,
        changed_fields=changed,
        label=_application_label(application),
    )
    issued = None if email else login_code_issue(person=user, region=region, by=by)
    return NewMember(membership=membership, user=user, issued=issued)


# ---------------------------------------------------------------- privacy (registered in apps.py)


def export_for_user(user: User) -> list[dict]:
    """Every application linked to the person's account (after they became a member), with its history."""
    return [
        {
            "vacancy": a.vacancy.title,
            "body": a.vacancy.body.name,
            "region": a.vacancy.body.region.name,
            "submitted_at": a.submitted_at,
            "confirmed_at": a.confirmed_at,
            "channel": a.get_channel_display(),
            "name": a.name,
            "contact_email": a.contact_email,
            "contact_phone": a.contact_phone,
            "contact_address": a.contact_address,
            "municipality": a.municipality.name,
            "situation": a.get_situation_display(),
            "category": a.get_category_display(),
            "motivation": a.motivation,
            "consent_processing": a.consent_processing,
            "consent_named_to_members": a.consent_named_to_members,
            "status": a.get_status_display(),
            "suitable": a.suitable,
            "outcome_sent_at": a.outcome_sent_at,
            "history": [
                {
                    "at": e.at,
                    "kind": e.get_kind_display(),
                    "from_status": e.get_from_status_display(),
                    "to_status": e.get_to_status_display(),
                    "reason": e.note,
                }
                for e in a.events.all()
            ],
        }
        for a in selectors.applications_of(user)
    ]


ERASED_FIELDS = ("name", "contact_email", "contact_phone", "contact_address", "motivation")
# Reasons the system writes itself; every other reason is free text and may say something about the person.
SYSTEM_REASONS = (DRAW_REASON, CONFIRMED_BY_EMAIL, CONFIRMED_BY_PHONE, "ja", "nee", *Application.OutcomeChannel.values)


def _erase(application: Application, *, by: User | None) -> None:
    application.name = ERASED_NAME
    application.contact_email = ""
    application.contact_phone = ""
    application.contact_address = ""
    application.motivation = ERASED_TEXT
    application.erased_at = timezone.now()
    application.save(update_fields=[*ERASED_FIELDS, "erased_at"])
    ApplicationEvent.objects.filter(application=application).exclude(note="").exclude(note__in=SYSTEM_REASONS).update(
        note=ERASED_TEXT
    )
    _event(application, ApplicationEvent.Kind.ERASED, by=by)
    audit_record(
        actor=by,
        action="application.erase",
        target=application,
        region=application.vacancy.body.region,
        changed_fields=ERASED_FIELDS,
        label=_application_label(application),
    )


@transaction.atomic
def application_erase(*, application: Application, by: User) -> Application:
    """Blank an applicant's personal data on request or when it is no longer needed (an applicant who did not
    become a member has no account, so the secretary does this). Status and history stay."""
    if application.erased_at is None:
        _erase(application, by=by)
    return application


def erase_for_user(user: User, *, by: User | None = None) -> None:
    """Blank the name, contact route and motivation of the person's applications and the free-text reasons in
    their history. The status history itself (what happened, when) stays. One audit row per application."""
    if by is None:
        from inspraak.core.privacy_registry import acting_user

        by = acting_user()
    for application in Application.objects.filter(user=user, erased_at__isnull=True).select_related("vacancy__body"):
        _erase(application, by=by)
