"""Services: atomic writes with history and audit rows without personal data; the draw; outcome; new members."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from inspraak.accounts.models import LoginCode, Role, RoleAssignment, User
from inspraak.audit.models import AuditEvent
from inspraak.members import services as member_services
from inspraak.members.models import Category, ConsentRecord, Membership, Status
from inspraak.members.services import MembersError
from inspraak.recruitment import rules, selectors, services
from inspraak.recruitment.models import Application, ApplicationEvent, Draw, Vacancy
from tests.factories import BodyFactory, UserFactory
from tests.recruitment.data import APPLICANT_EMAIL, APPLICANT_NAME, apply, close, new_vacancy, recruitment

pytestmark = pytest.mark.django_db


def _no_personal_data(*names: str) -> None:
    for event in AuditEvent.objects.all():
        for name in names:
            assert name not in event.target_label, event.target_label


# ---------------------------------------------------------------- vacancies


def test_vacancy_create_stores_seats_and_one_audit_row(world):
    vacancy = new_vacancy(world, seats={world.municipality: 2, world.municipality_2: 0})
    assert [(s.municipality, s.seats) for s in vacancy.seats.all()] == [(world.municipality, 2)]
    event = AuditEvent.objects.get(action="vacancy.create")
    assert event.target_label == f"vacature #{vacancy.pk} – {world.body.name}"
    assert "seats" in event.changed_fields


def test_vacancy_update_changes_fields_and_seats(world):
    vacancy = new_vacancy(world)
    services.vacancy_update(
        vacancy=vacancy,
        by=world.user("secretary"),
        status=Vacancy.Status.CLOSED,
        seats={world.municipality: 3, world.municipality_2: 0},
    )
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.CLOSED
    assert {s.municipality_id: s.seats for s in vacancy.seats.all()} == {world.municipality.pk: 3}
    assert AuditEvent.objects.get(action="vacancy.update").changed_fields == ["seats", "status"]
    services.vacancy_update(vacancy=vacancy, by=world.user("secretary"), status=Vacancy.Status.CLOSED)
    assert AuditEvent.objects.filter(action="vacancy.update").count() == 1  # nothing changed: no row


def test_vacancy_seats_only_in_the_region(world):
    with pytest.raises(ValueError):
        new_vacancy(world, seats={world.other_municipality: 1})
    assert not Vacancy.objects.exists()


def test_seat_prefill_from_the_allocation_gaps(world):
    body = BodyFactory(region=world.region, min_clients=6)
    member = UserFactory()
    member_services.membership_create(
        body=body,
        user=member,
        body_role="lid",
        category=Category.CLIENT,
        municipality=world.municipality,
        term_start=datetime.date(2026, 1, 1),
        contact_phone="0612345678",
        by=None,
    )
    municipalities, seats = selectors.seat_prefill(body)
    assert [m.name for m in municipalities] == ["Duinstad", "Zeedorp"]
    # 6 seats, at least 1 each, equal sizes: 3 each; Zeedorp has 1 active client member already.
    assert seats == {world.municipality.pk: 2, world.municipality_2.pk: 3}


def test_seat_prefill_for_a_municipal_body_has_one_line(world):
    municipalities, seats = selectors.seat_prefill(world.municipal_body)
    assert municipalities == [world.municipality]
    assert seats == {world.municipality.pk: world.municipal_body.min_clients}


# ---------------------------------------------------------------- applications


def test_submit_sets_the_category_and_appends_history(world):
    vacancy = new_vacancy(world)
    application = apply(
        vacancy, world.municipality, name=APPLICANT_NAME, contact_email=" Anna@Example.org ", confirm=False
    )
    assert application.category == Category.CLIENT and application.channel == Application.Channel.ONLINE
    assert application.contact_email == "anna@example.org"
    assert application.entered_by is None
    assert [e.kind for e in application.events.all()] == [ApplicationEvent.Kind.RECEIVED]
    event = AuditEvent.objects.get(action="application.create")
    assert event.actor is None and event.target_label == f"aanmelding #{application.pk} – {world.body.name}"
    _no_personal_data(APPLICANT_NAME, "anna@example.org")


def test_paper_application_records_who_entered_it(world):
    vacancy = new_vacancy(world, closes_on=timezone.localdate())
    services.vacancy_update(vacancy=vacancy, by=world.user("secretary"), status=Vacancy.Status.CLOSED)
    # Paper forms may arrive after closing; the secretary can still enter them.
    application = apply(vacancy, world.municipality, by=world.user("secretary"))
    assert application.channel == Application.Channel.PAPER
    assert application.entered_by == world.user("secretary")
    assert AuditEvent.objects.get(action="application.create").actor == world.user("secretary")


@pytest.mark.parametrize("how", ["closed", "past", "done"])
def test_online_application_needs_an_open_vacancy(world, how):
    vacancy = new_vacancy(world)
    if how == "past":
        Vacancy.objects.filter(pk=vacancy.pk).update(closes_on=timezone.localdate() - datetime.timedelta(days=1))
        vacancy.refresh_from_db()
    else:
        status = Vacancy.Status.CLOSED if how == "closed" else Vacancy.Status.DONE
        services.vacancy_update(vacancy=vacancy, by=world.user("secretary"), status=status)
    with pytest.raises(services.RecruitmentError, match=r"^closed$"):
        apply(vacancy, world.municipality)
    assert not Application.objects.exists()


def test_submit_refuses_another_region_no_consent_and_no_contact(world):
    vacancy = new_vacancy(world)
    with pytest.raises(ValueError):
        apply(vacancy, world.other_municipality)
    with pytest.raises(ValueError):
        apply(vacancy, world.municipality, consent_processing=False)
    with pytest.raises(ValidationError):
        apply(vacancy, world.municipality, contact_phone="")
    assert not Application.objects.exists()


def test_status_changes_are_appended_never_overwritten(world):
    data = recruitment(world)
    application, secretary = data.received, world.user("secretary")
    services.application_set_status(application=application, status=Application.Status.INTERVIEW, by=secretary)
    services.application_set_status(
        application=application, status=Application.Status.NOT_CHOSEN, by=secretary, reason="Geen plaats"
    )
    services.application_set_status(
        application=application, status=Application.Status.NOT_CHOSEN, by=secretary, reason="Geen plaats"
    )
    history = [(e.kind, e.from_status, e.to_status, e.note) for e in application.events.order_by("at", "pk")]
    assert history == [
        ("ontvangen", "", "ontvangen", ""),
        ("bevestigd", "", "", "telefoon"),
        ("status", "ontvangen", "gesprek", ""),
        ("status", "gesprek", "niet_gekozen", "Geen plaats"),
    ]
    assert AuditEvent.objects.filter(action="application.status", target_id=str(application.pk)).count() == 2


def test_not_chosen_needs_a_reason(world):
    application = recruitment(world).received
    with pytest.raises(services.RecruitmentError, match=r"^reason_required$"):
        services.application_set_status(
            application=application, status=Application.Status.NOT_CHOSEN, by=world.user("secretary"), reason="  "
        )
    application.refresh_from_db()
    assert application.status == Application.Status.RECEIVED


def test_suitable_is_recorded(world):
    application = recruitment(world).received
    services.application_set_suitable(application=application, suitable=True, by=world.user("facilitator"))
    services.application_set_suitable(application=application, suitable=True, by=world.user("facilitator"))
    application.refresh_from_db()
    assert application.suitable
    assert application.events.filter(kind=ApplicationEvent.Kind.SUITABLE).count() == 1


# ---------------------------------------------------------------- the draw


def _suitable(world, vacancy, municipality, n):
    out = []
    for i in range(n):
        application = apply(vacancy, municipality, name=f"Kandidaat {i}")
        services.application_set_suitable(application=application, suitable=True, by=world.user("secretary"))
        out.append(application)
    return out


def test_draw_stores_everything_to_re_run_it(world):
    vacancy = new_vacancy(world)
    candidates = _suitable(world, vacancy, world.municipality, 5)
    apply(vacancy, world.municipality, name="Niet geschikt")  # not suitable: does not take part
    close(vacancy)
    draw = services.draw_run(vacancy=vacancy, municipality=world.municipality, seats=2, by=world.user("secretary"))
    assert draw.candidate_ids == sorted(a.pk for a in candidates)
    assert len(draw.seed) == 32 and draw.algorithm == rules.DRAW_ALGORITHM
    assert draw.chosen_ids == rules.draw(draw.seed, draw.candidate_ids, 2)
    statuses = dict(Application.objects.filter(pk__in=draw.candidate_ids).values_list("pk", "status"))
    assert {pk for pk, s in statuses.items() if s == Application.Status.CHOSEN} == set(draw.chosen_ids)
    assert {s for pk, s in statuses.items() if pk not in draw.chosen_ids} == {Application.Status.RECEIVED}
    chosen_event = ApplicationEvent.objects.get(application_id=draw.chosen_ids[0], kind="status")
    assert chosen_event.draw == draw and chosen_event.note == services.DRAW_REASON
    other = next(pk for pk in draw.candidate_ids if pk not in draw.chosen_ids)
    assert ApplicationEvent.objects.filter(application_id=other, kind="loting", draw=draw).exists()
    event = AuditEvent.objects.get(action="draw.run")
    assert event.target_label == f"loting #{draw.pk} – {world.body.name}, Zeedorp"


def test_draw_can_mark_the_others_not_chosen(world):
    vacancy = new_vacancy(world)
    _suitable(world, vacancy, world.municipality, 3)
    close(vacancy)
    draw = services.draw_run(
        vacancy=vacancy, municipality=world.municipality, seats=1, by=world.user("secretary"), others_not_chosen=True
    )
    statuses = sorted(Application.objects.values_list("status", flat=True))
    assert statuses == ["gekozen", "niet_gekozen", "niet_gekozen"]
    assert set(ApplicationEvent.objects.filter(to_status="niet_gekozen").values_list("note", flat=True)) == {"Loting"}
    assert Draw.objects.get() == draw


def test_two_draws_use_different_seeds(world):
    vacancy = new_vacancy(world)
    _suitable(world, vacancy, world.municipality, 6)
    close(vacancy)
    first = services.draw_run(vacancy=vacancy, municipality=world.municipality, seats=1, by=world.user("secretary"))
    second = services.draw_run(vacancy=vacancy, municipality=world.municipality, seats=1, by=world.user("secretary"))
    assert first.seed != second.seed
    assert first.chosen_ids[0] not in second.candidate_ids  # the chosen one no longer takes part


def test_no_draw_before_the_closing_date_has_passed(world):
    """B7: people may still apply up to and including the closing date, so nobody is drawn before it has passed."""
    vacancy = new_vacancy(world)
    _suitable(world, vacancy, world.municipality, 3)
    for closes_on in (timezone.localdate() + datetime.timedelta(days=30), timezone.localdate()):
        Vacancy.objects.filter(pk=vacancy.pk).update(closes_on=closes_on)
        vacancy.refresh_from_db()
        with pytest.raises(services.RecruitmentError, match=r"^not_closed$"):
            services.draw_run(vacancy=vacancy, municipality=world.municipality, seats=1, by=world.user("secretary"))
    assert not Draw.objects.exists()
    assert set(Application.objects.values_list("status", flat=True)) == {Application.Status.RECEIVED}
    close(vacancy)
    assert services.draw_run(vacancy=vacancy, municipality=world.municipality, seats=1, by=world.user("secretary"))


def test_draw_seed_is_committed_before_the_draw_and_revealed_by_it(world):
    """B7: the hash of a secret seed per municipality is published with the vacancy; the draw uses that seed and
    shows it, and a next draw uses a new seed whose hash was published before it."""
    vacancy = new_vacancy(world)
    published = selectors.draw_commitments(vacancy)
    assert [c.municipality for c in published] == [world.municipality_2, world.municipality]  # by name
    before = {c.municipality_id: c.seed_hash for c in published}
    assert all(len(h) == 64 for h in before.values())
    _suitable(world, vacancy, world.municipality, 4)
    close(vacancy)
    first = services.draw_run(vacancy=vacancy, municipality=world.municipality, seats=1, by=world.user("secretary"))
    assert first.seed_hash == before[world.municipality.pk] == hashlib.sha256(first.seed.encode()).hexdigest()
    assert rules.seed_matches(first.seed, first.seed_hash) and first.seed_published_at < first.at
    assert first.chosen_ids == rules.draw(first.seed, first.candidate_ids, 1)  # the same algorithm as before
    after = {(c.municipality_id, c.draw_id): c.seed_hash for c in selectors.draw_commitments(vacancy)}
    new_hash = after[(world.municipality.pk, None)]
    assert new_hash not in before.values()
    second = services.draw_run(vacancy=vacancy, municipality=world.municipality, seats=1, by=world.user("secretary"))
    assert second.seed_hash == new_hash and second.seed != first.seed


def test_no_draw_when_everyone_fits(world):
    vacancy = new_vacancy(world)
    _suitable(world, vacancy, world.municipality, 2)
    close(vacancy)
    with pytest.raises(services.RecruitmentError, match=r"^draw_not_needed$"):
        services.draw_run(vacancy=vacancy, municipality=world.municipality, seats=2, by=world.user("secretary"))
    assert not Draw.objects.exists()
    with pytest.raises(ValueError):
        services.draw_run(vacancy=vacancy, municipality=world.other_municipality, seats=1, by=world.user("secretary"))


# ---------------------------------------------------------------- outcome


def test_outcome_by_email_after_commit(world, mailoutbox, django_capture_on_commit_callbacks):
    data = recruitment(world)
    services.application_set_status(
        application=data.received, status=Application.Status.NOT_CHOSEN, by=world.user("secretary"), reason="Vol"
    )
    with django_capture_on_commit_callbacks(execute=True):
        channel = services.outcome_send(application=data.received, by=world.user("secretary"))
    assert channel == Application.OutcomeChannel.EMAIL
    assert [m.to for m in mailoutbox] == [[APPLICANT_EMAIL]]
    assert "niet gekozen" in mailoutbox[0].body and "Vol" not in mailoutbox[0].body
    data.received.refresh_from_db()
    assert data.received.outcome_sent_at and data.received.outcome_status == Application.Status.NOT_CHOSEN
    assert not data.received.outcome_pending
    assert AuditEvent.objects.filter(action="application.outcome").count() == 1


def test_outcome_without_email_is_a_letter(world, mailoutbox, django_capture_on_commit_callbacks):
    data = recruitment(world)
    with django_capture_on_commit_callbacks(execute=True):
        channel = services.outcome_send(application=data.decided, by=world.user("secretary"))
    assert channel == Application.OutcomeChannel.LETTER and not mailoutbox
    assert data.decided.outcome_channel == "brief"


def test_outcome_only_after_a_decision(world):
    with pytest.raises(services.RecruitmentError, match=r"^not_chosen$"):
        services.outcome_send(application=recruitment(world).received, by=world.user("secretary"))


# ---------------------------------------------------------------- from applicant to member


def test_chosen_applicant_without_email_gets_a_login_code(world):
    data = recruitment(world)
    new = services.applicant_make_member(application=data.chosen, by=world.user("secretary"))
    assert new.issued is not None and len(new.issued.code) == 14
    user = new.user
    assert user.name == "Chris Kandidaat" and user.email is None and user.created_in_region == world.region
    membership = new.membership
    assert (membership.status, membership.body_role, membership.category) == (Status.ACTIVE, "lid", Category.CLIENT)
    assert membership.municipality == world.municipality_2 and membership.contact_address == "Duin 2, Duinstad"
    assert set(ConsentRecord.objects.filter(membership=membership).values_list("source", flat=True)) == {
        ConsentRecord.Source.APPLICATION
    }
    assert RoleAssignment.objects.filter(user=user, body=world.body, role=Role.MEMBER).exists()
    assert LoginCode.objects.filter(user=user, revoked_at__isnull=True).count() == 1
    data.chosen.refresh_from_db()
    assert data.chosen.user == user and data.chosen.membership == membership
    assert data.chosen.events.filter(kind=ApplicationEvent.Kind.MEMBER).exists()
    _no_personal_data("Chris Kandidaat")


def test_chosen_applicant_with_email_gets_an_invitation_to_confirm(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    # Changed behaviour: an invitation the person confirms (which also confirms the address), not a welcome.
    vacancy = new_vacancy(world)
    application = apply(vacancy, world.municipality, contact_email="nieuw@example.org", consent_named_to_members=True)
    services.application_set_status(application=application, status="gekozen", by=world.user("secretary"))
    with django_capture_on_commit_callbacks(execute=True):
        new = services.applicant_make_member(application=application, by=world.user("secretary"))
    assert new.issued is None and new.user.email == "nieuw@example.org" and new.invited
    assert new.membership.consent_named_to_members
    assert [m.to for m in mailoutbox] == [["nieuw@example.org"]]
    assert "/inloggen/link/" in mailoutbox[0].body
    assert f"/mijn-uitnodigingen/{new.membership.pk}/" in mailoutbox[0].body
    assert not LoginCode.objects.filter(user=new.user).exists()


def test_an_existing_member_cannot_join_twice(world):
    vacancy = new_vacancy(world)
    application = apply(vacancy, world.municipality, contact_email=world.user("member").email)
    services.application_set_status(application=application, status="gekozen", by=world.user("secretary"))
    users_before = User.objects.count()
    with pytest.raises(MembersError, match=r"^duplicate$"):
        services.applicant_make_member(application=application, by=world.user("secretary"))
    application.refresh_from_db()
    assert application.membership is None and User.objects.count() == users_before


def test_an_existing_account_is_only_invited_never_attached(world):
    # Changed behaviour (H1, M7): an existing account (here of another region) gets an invitation it must accept;
    # before, a same-region account was attached at once and another region's gave an error that told it existed.
    admin2 = world.user("other_region_admin")
    vacancy = new_vacancy(world)
    application = apply(vacancy, world.municipality, contact_email=admin2.email)
    services.application_set_status(application=application, status="gekozen", by=world.user("secretary"))
    new = services.applicant_make_member(application=application, by=world.user("secretary"))
    assert new.invited and new.issued is None and new.membership.display_name == application.name
    application.refresh_from_db()
    assert application.user is None  # not part of the account's data before the person says yes
    assert set(admin2.role_assignments.values_list("role", flat=True)) == {"beheerder"}
    member_services.invitation_accept(membership=new.membership, by=admin2)
    application.refresh_from_db()
    assert application.user == admin2
    assert Membership.objects.get(pk=new.membership.pk).status == "actief"


def test_only_chosen_once(world):
    data = recruitment(world)
    with pytest.raises(services.RecruitmentError, match=r"^not_chosen$"):
        services.applicant_make_member(application=data.received, by=world.user("secretary"))
    services.applicant_make_member(application=data.chosen, by=world.user("secretary"))
    with pytest.raises(services.RecruitmentError, match=r"^already_member$"):
        services.applicant_make_member(application=data.chosen, by=world.user("secretary"))
    with pytest.raises(services.RecruitmentError, match=r"^already_member$"):
        services.application_set_status(
            application=data.chosen, status="niet_gekozen", reason="x", by=world.user("secretary")
        )


# ---------------------------------------------------------------- privacy


def test_export_and_erase_for_a_member(world):
    data = recruitment(world)
    services.application_set_status(
        application=data.chosen, status="gekozen", by=world.user("secretary")
    )  # already chosen: no event
    new = services.applicant_make_member(application=data.chosen, by=world.user("secretary"))
    exported = services.export_for_user(new.user)
    assert len(exported) == 1
    assert exported[0]["name"] == "Chris Kandidaat" and exported[0]["contact_address"] == "Duin 2, Duinstad"
    assert [h["kind"] for h in exported[0]["history"]][:3] == [
        "Aanmelding ontvangen",
        "Aanmelding bevestigd",
        "Status gewijzigd",
    ]
    assert selectors.application_region_ids(new.user) == {world.region.pk}

    history_before = list(data.chosen.events.values_list("kind", "to_status"))
    services.erase_for_user(new.user, by=world.user("admin"))
    data.chosen.refresh_from_db()
    assert data.chosen.name == services.ERASED_NAME
    assert (data.chosen.contact_email, data.chosen.contact_phone, data.chosen.contact_address) == ("", "", "")
    assert data.chosen.motivation == services.ERASED_TEXT and data.chosen.erased_at
    assert data.chosen.status == Application.Status.CHOSEN
    assert list(data.chosen.events.values_list("kind", "to_status"))[: len(history_before)] == history_before
    assert data.chosen.events.last().kind == ApplicationEvent.Kind.ERASED
    assert AuditEvent.objects.filter(action="application.erase", actor=world.user("admin")).count() == 1
    # Other applicants are untouched.
    data.received.refresh_from_db()
    assert data.received.name == APPLICANT_NAME


def test_privacy_registry_has_our_part(world):
    from inspraak.core import privacy_registry as registry

    part = registry.get("recruitment")
    assert part.exporter is services.export_for_user and part.eraser is services.erase_for_user
    assert part.exporter(world.user("member")) == []


def test_secretary_erases_an_applicant_who_did_not_become_a_member(world):
    data = recruitment(world)
    services.application_set_status(
        application=data.received, status="niet_gekozen", reason="Woont te ver weg", by=world.user("secretary")
    )
    services.application_erase(application=data.received, by=world.user("secretary"))
    services.application_erase(application=data.received, by=world.user("secretary"))  # twice: one erasure
    data.received.refresh_from_db()
    assert (data.received.name, data.received.contact_email, data.received.motivation) == (
        services.ERASED_NAME,
        "",
        services.ERASED_TEXT,
    )
    reasons = list(data.received.events.values_list("note", flat=True))
    assert "Woont te ver weg" not in reasons and services.ERASED_TEXT in reasons
    assert data.received.status == "niet_gekozen"
    assert AuditEvent.objects.filter(action="application.erase").count() == 1
    _no_personal_data(APPLICANT_NAME, APPLICANT_EMAIL)
