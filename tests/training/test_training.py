"""Trainings (art. 47 b): plan, sign up (also on paper), full trainings, cancel with a message, attendance."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db.models import QuerySet
from django.urls import reverse

from inspraak.core import privacy_registry as registry
from inspraak.core.forms import STALE_MESSAGE
from inspraak.letters.models import Letter
from inspraak.training import services
from inspraak.training.models import Training, TrainingSignup, TrainingStatus
from tests.factories import UserFactory
from tests.paper_members import assert_plain_letter, paper_member, pending_letters
from tests.quality.queries import count_queries
from tests.training.data import make_training, training_data

pytestmark = pytest.mark.django_db


def _url(world, name, **extra):
    return reverse(f"training:{name}", kwargs={"region": world.region.slug, "body": world.body.slug, **extra})


FORM = {
    "title": "Vergaderen",
    "description": "Hoe gaat een vergadering?",
    "date": "2027-01-20",
    "start_time": "10:00",
    "end_time": "12:00",
    "place": "Stadhuis",
    "seats": "8",
    "cost": "1.250,50",
}


def test_the_secretary_plans_a_training_with_its_cost(client, world):
    client.force_login(world.user("secretary"))
    response = client.post(_url(world, "new"), FORM)
    training = Training.objects.get(title="Vergaderen")
    assert response.status_code == 302 and training.cost == Decimal("1250.50") and training.seats == 8
    assert training.events.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end_time": "09:00"}, "end_time", "De eindtijd moet na de begintijd liggen."),
        ({"seats": "0"}, "seats", "Er moet minstens 1 plaats zijn."),
        ({"cost": "-1"}, "cost", "Het bedrag kan niet minder dan 0 zijn."),
        ({"date": "2026-11-01"}, "date", "Kies een datum en tijd die nog moeten komen."),
        ({"place": ""}, "place", "Vul de plaats in."),
    ],
)
def test_a_training_that_does_not_fit_is_refused_next_to_the_field(client, world, changes, field, message):
    client.force_login(world.user("secretary"))
    response = client.post(_url(world, "new"), {**FORM, **changes})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "Hoe gaat een vergadering?" in response.content.decode()


def test_a_member_signs_up_and_off_on_a_phone_without_javascript(client, world):
    data = training_data(world)
    client.force_login(world.user("member"))
    page = client.get(_url(world, "list")).content.decode()
    assert "Vergaderen voor beginners" in page and "Spreken in het openbaar" not in page  # the past one is hidden
    client.post(_url(world, "signup", pk=data.upcoming.pk))
    assert TrainingSignup.objects.filter(training=data.upcoming, user=world.user("member")).exists()
    assert "U bent aangemeld" in client.get(_url(world, "detail", pk=data.upcoming.pk)).content.decode()
    client.post(_url(world, "signoff", pk=data.upcoming.pk))
    assert not TrainingSignup.objects.filter(training=data.upcoming, user=world.user("member")).exists()


def test_a_full_training_refuses_a_sign_up_with_a_clear_message(client, world):
    training = make_training(world, title="Klein", days=5, seats=1)
    services.training_signup(training=training, user=world.client, by=world.client)
    client.force_login(world.user("member"))
    response = client.post(_url(world, "signup", pk=training.pk), follow=True)
    assert "Deze training is vol" in response.content.decode()
    assert training.signups.count() == 1


def test_signing_up_locks_the_training_row_so_two_at_once_never_exceed_the_seats(world, monkeypatch):
    training = make_training(world, title="Klein", days=5, seats=1)
    locked = []
    original = QuerySet.select_for_update

    def spy(self, *args, **kwargs):
        if self.model is Training:
            locked.append(True)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    services.training_signup(training=training, user=world.client, by=world.client)
    assert locked
    with pytest.raises(services.TrainingError) as error:
        services.training_signup(training=training, user=world.user("member"), by=world.user("member"))
    assert error.value.code == "full"


def test_only_members_of_the_group_sign_up_and_not_after_the_start(world):
    data = training_data(world)
    outsider = UserFactory()
    with pytest.raises(services.TrainingError) as error:
        services.training_signup(training=data.upcoming, user=outsider, by=outsider)
    assert error.value.code == "not_member"
    with pytest.raises(services.TrainingError) as error:
        services.training_signup(training=data.past, user=world.user("member"), by=world.user("member"))
    assert error.value.code == "started"


def test_the_secretary_signs_up_a_member_on_paper_who_gets_a_letter(client, world, mailoutbox):
    data = training_data(world)
    kees = paper_member(world)
    client.force_login(world.user("secretary"))
    response = client.post(_url(world, "signup_for", pk=data.upcoming.pk), {"member": kees.pk, "channel": "brief"})
    assert response.status_code == 302
    signup = TrainingSignup.objects.get(training=data.upcoming, user=kees)
    assert signup.channel == "brief" and signup.signed_up_by == world.user("secretary")
    [letter] = pending_letters(kees, Letter.Kind.TRAINING)
    assert_plain_letter(letter)
    assert "Vergaderen voor beginners" in letter.text and "Buurthuis De Schakel" in letter.text
    assert "per brief" in client.get(_url(world, "detail", pk=data.upcoming.pk)).content.decode()


def test_a_member_signed_up_by_the_secretary_with_email_gets_an_email(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    data = training_data(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.training_signup(
            training=data.upcoming, user=world.user("member"), by=world.user("secretary"), channel="telefoon"
        )
    assert any("Vergaderen voor beginners" in mail.subject for mail in mailoutbox), [m.subject for m in mailoutbox]
    assert not Letter.objects.filter(user=world.user("member")).exists()


def test_a_secretary_cannot_sign_up_a_member_twice(client, world):
    data = training_data(world)
    client.force_login(world.user("secretary"))
    response = client.post(
        _url(world, "signup_for", pk=data.booked.pk), {"member": world.user("member").pk, "channel": "telefoon"}
    )
    assert "Dit lid is al aangemeld" in " ".join(response.context["form"].errors["member"])


def test_cancelling_tells_everyone_who_signed_up(client, world):
    data = training_data(world)
    kees = paper_member(world)
    services.training_signup(training=data.booked, user=kees, by=world.user("secretary"), channel="telefoon")
    Letter.objects.filter(user=kees).delete()
    client.force_login(world.user("secretary"))
    response = client.post(_url(world, "cancel", pk=data.booked.pk), {"reason": "De trainer is ziek."}, follow=True)
    page = response.content.decode()
    assert "1 lid krijgt een e-mail" in page and "1 lid krijgt een brief" in page
    data.booked.refresh_from_db()
    assert data.booked.status == TrainingStatus.CANCELLED and data.booked.cancel_reason == "De trainer is ziek."
    [letter] = pending_letters(kees, Letter.Kind.TRAINING)
    assert "gaat niet door" in letter.text and "De trainer is ziek." in letter.text
    assert_plain_letter(letter)
    # members no longer see it as upcoming; a cancelled training cannot be signed up for
    with pytest.raises(services.TrainingError):
        services.training_signup(training=data.booked, user=world.client, by=world.client)


def test_a_new_date_is_news_for_who_signed_up(world):
    data = training_data(world)
    kees = paper_member(world)
    services.training_signup(training=data.upcoming, user=kees, by=world.user("secretary"), channel="telefoon")
    Letter.objects.filter(user=kees).delete()
    later = data.upcoming.starts_at + datetime.timedelta(days=1)
    services.training_update(
        training=data.upcoming,
        by=world.user("secretary"),
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=2),
    )
    [letter] = pending_letters(kees, Letter.Kind.TRAINING)
    assert "veranderd" in letter.text


def test_fewer_seats_than_sign_ups_is_refused(world):
    data = training_data(world)
    services.training_signup(training=data.booked, user=world.client, by=world.client)
    with pytest.raises(services.TrainingError) as error:
        services.training_update(training=data.booked, by=world.user("secretary"), seats=1)
    assert error.value.code == "seats_below_signups" and error.value.signed_up == 2


def test_an_edit_based_on_an_old_version_is_refused(client, world):
    data = training_data(world)
    services.training_update(training=data.upcoming, by=world.user("secretary"), title="Anders")
    client.force_login(world.user("secretary"))
    response = client.post(_url(world, "edit", pk=data.upcoming.pk), {**FORM, "version": "1"})
    assert response.status_code == 200 and str(STALE_MESSAGE) in response.content.decode()
    assert Training.objects.get(pk=data.upcoming.pk).title == "Anders"


def test_after_the_training_the_secretary_records_who_was_there(client, world):
    data = training_data(world)
    other = TrainingSignup.objects.create(training=data.past, user=world.user("member"))
    client.force_login(world.user("secretary"))
    response = client.post(_url(world, "attendance", pk=data.past.pk), {"present": [str(data.past_signup.pk)]})
    assert response.status_code == 302
    data.past_signup.refresh_from_db()
    other.refresh_from_db()
    assert data.past_signup.attended is True and other.attended is False
    page = client.get(_url(world, "list")).content.decode()
    assert "Spreken in het openbaar" in page


def test_attendance_waits_for_the_training(world):
    data = training_data(world)
    with pytest.raises(services.TrainingError) as error:
        services.training_record_attendance(training=data.upcoming, present_ids=set(), by=world.user("secretary"))
    assert error.value.code == "not_yet"


def test_the_privacy_part_exports_and_erases_sign_ups(world):
    data = training_data(world)
    part = registry.get("training")
    [row] = part.exporter(world.client)
    assert row["training"] == "Spreken in het openbaar" and row["body"] == world.body.name
    assert world.region.pk in part.regions(world.client)
    part.eraser(world.client)
    assert not TrainingSignup.objects.filter(user=world.client).exists()
    assert Training.objects.filter(pk=data.past.pk).exists()


def test_training_pages_run_a_fixed_number_of_queries(client, world):
    data = training_data(world)
    client.force_login(world.user("secretary"))
    urls = [_url(world, "list"), _url(world, "detail", pk=data.past.pk), _url(world, "attendance", pk=data.past.pk)]
    before = [count_queries(client, url) for url in urls]
    for n in range(4):
        training = make_training(world, title=f"Extra {n}", days=3 + n)
        make_training(world, title=f"Oud {n}", days=-30 - n)
        person = paper_member(world, name=f"Papier {n}")
        TrainingSignup.objects.create(training=training, user=person)
        TrainingSignup.objects.create(training=data.past, user=person)
    after = [count_queries(client, url) for url in urls]
    assert before == after, (before, after)
    client.force_login(world.user("member"))
    member_list = count_queries(client, _url(world, "list"))
    make_training(world, title="Nog een", days=4)
    assert count_queries(client, _url(world, "list")) == member_list
