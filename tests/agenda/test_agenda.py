"""Agenda items, documents with content checks and timeliness, publishing with invitations and letters, reminders,
replies, advice requests on the agenda, the public agenda and its JSON, and the page's fixed query count."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from inspraak.accounts.models import LoginCode, Role, RoleAssignment
from inspraak.agenda import selectors, services
from inspraak.agenda.models import AgendaItem, Invitation, ItemSource, MeetingDocument, Reply
from inspraak.core.models import OutgoingEmail
from inspraak.meetings.models import MeetingEvent, MeetingStatus
from inspraak.meetings.services import meeting_cancel
from inspraak.topics.models import Topic, TopicStatus
from tests.agenda.data import LETTER_MEMBER, TINY_PDF, agenda, docx_bytes, new_meeting, odt_bytes
from tests.agenda.test_rules import EXE, PNG
from tests.factories import UserFactory
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _login(client, world, actor="secretary"):
    client.force_login(world.user(actor))
    return client


def _url(name, world, meeting, **extra):
    return reverse(name, kwargs={"region": world.region.slug, "body": world.body.slug, "meeting": meeting.pk, **extra})


def _doc_url(world, document, body=None):
    body = body or world.body
    return reverse("agenda:document", kwargs={"region": body.region.slug, "body": body.slug, "pk": document.pk})


# ---------------------------------------------------------------- items


def test_items_are_added_moved_and_removed_without_javascript(client, world):
    data = agenda(world)
    _login(client, world)
    meeting = data.planned
    response = client.post(
        _url("agenda:item_new", world, meeting),
        {"title": "Wachttijden", "source": "gemeente", "summary": "Hoe lang duurt het?", "starts_at": "14:30"},
    )
    assert response.status_code == 200  # no municipality chosen
    assert "Kies welke gemeente dit vraagt." in response.content.decode()
    assert 'value="Wachttijden"' in response.content.decode()
    response = client.post(
        _url("agenda:item_new", world, meeting),
        {
            "title": "Wachttijden",
            "source": "gemeente",
            "requested_by_municipality": world.municipality.pk,
            "summary": "Hoe lang duurt het?",
            "starts_at": "14:30",
        },
        follow=True,
    )
    assert "Leesbaarheid van de uitleg" in response.content.decode()
    third = AgendaItem.objects.get(meeting=meeting, title="Wachttijden")
    assert third.position == 3 and third.requested_by_municipality == world.municipality
    assert third.summary_readability is not None and third.starts_at == datetime.time(14, 30)

    client.post(_url("agenda:item_move", world, meeting, pk=third.pk), {"richting": "up"})
    titles = list(AgendaItem.objects.filter(meeting=meeting).order_by("position").values_list("title", flat=True))
    assert titles == ["Brieven van de gemeente", "Wachttijden", "Afspraken maken"]
    client.post(_url("agenda:item_move", world, meeting, pk=data.first.pk), {"richting": "up"})  # already first
    client.post(_url("agenda:item_remove", world, meeting, pk=data.first.pk))
    rows = list(AgendaItem.objects.filter(meeting=meeting).order_by("position").values_list("position", "title"))
    assert rows == [(1, "Wachttijden"), (2, "Afspraken maken")]
    assert not MeetingDocument.objects.filter(pk=data.member_doc.pk).exists()


def test_an_open_topic_goes_on_this_meeting_in_the_same_step(client, world, mailoutbox):
    data = agenda(world)
    _login(client, world, "facilitator")
    page = client.get(_url("agenda:item_topic", world, data.planned)).content.decode()
    assert "Brieven zijn te moeilijk" in page
    client.post(_url("agenda:item_topic", world, data.planned), {"topic": data.topic.pk, "summary": "Over brieven."})
    topic = Topic.objects.get(pk=data.topic.pk)
    assert topic.status == TopicStatus.ON_AGENDA and topic.meeting_id == data.planned.pk
    item = AgendaItem.objects.get(topic=topic)
    assert item.source == ItemSource.TOPIC and item.title == topic.title
    # Removed again, the topic stays on this meeting and can be chosen again.
    services.item_remove(item=item, by=world.user("secretary"))
    assert Topic.objects.get(pk=topic.pk).status == TopicStatus.ON_AGENDA
    assert list(selectors.topics_for_agenda(data.planned)) == [topic]
    services.item_add_topic(meeting=data.planned, topic=topic, by=world.user("secretary"))
    with pytest.raises(services.AgendaError):
        services.item_add_topic(meeting=data.planned, topic=topic, by=world.user("secretary"))


def test_an_advice_request_goes_on_a_meeting_agenda_in_one_action(client, world):
    data = agenda(world)
    _login(client, world)
    url = reverse("agenda:from_request", args=[world.region.slug, world.body.slug, data.advice_request.pk])
    response = client.post(url, {"meeting": data.planned.pk})
    assert response.status_code == 302
    item = AgendaItem.objects.get(advice_request=data.advice_request)
    assert item.source == ItemSource.ADVICE_REQUEST and item.meeting == data.planned
    assert item.requested_by_municipality == world.municipality
    # The meeting is no longer offered; posting it anyway gives a message next to the field.
    response = client.post(url, {"meeting": data.planned.pk})
    assert response.status_code == 200 and "Kies een andere bijeenkomst" in response.content.decode()
    with pytest.raises(services.AgendaError):
        services.agenda_item_from_request(request=data.advice_request, meeting=data.planned, by=world.user("admin"))


def test_a_held_meeting_agenda_does_not_change(world):
    data = agenda(world)
    data.planned.status = MeetingStatus.HELD
    data.planned.save()
    with pytest.raises(services.AgendaError):
        services.item_add(meeting=data.planned, title="Te laat", source="secretaris", by=world.user("secretary"))


# ---------------------------------------------------------------- documents


def _upload(client, world, item, content, name, **extra):
    fields = {
        "title": "Stuk",
        "summary": "Kort en duidelijk.",
        "for_members": "on",
        "file": SimpleUploadedFile(name, content),
        **extra,
    }
    return client.post(_url("agenda:document_new", world, item.meeting, pk=item.pk), fields)


@pytest.mark.parametrize(
    ("content", "name", "content_type"),
    [
        (TINY_PDF, "brief.pdf", "application/pdf"),
        (docx_bytes(), "brief.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (odt_bytes(), "brief.odt", "application/vnd.oasis.opendocument.text"),
        (b"Gewone tekst.", "brief.txt", "text/plain; charset=utf-8"),
    ],
)
def test_allowed_uploads_are_stored_under_a_generated_name(client, world, content, name, content_type):
    data = agenda(world)
    _login(client, world)
    before = timezone.now()
    response = _upload(client, world, data.second, content, "../../etc/" + name)
    assert response.status_code == 302
    document = MeetingDocument.objects.get(item=data.second)
    assert document.content_type == content_type and document.size == len(content)
    assert document.available_at >= before
    assert "etc" not in document.file.name and "brief" not in document.file.name
    assert document.file.name.startswith("stukken/")


@pytest.mark.parametrize(("content", "name"), [(PNG, "foto.pdf"), (EXE, "programma.pdf"), (EXE, "programma.exe")])
def test_other_files_are_refused_with_a_clear_message(client, world, content, name):
    data = agenda(world)
    _login(client, world)
    response = _upload(client, world, data.second, content, name, title="Mijn titel")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dit soort bestand kan niet." in page and 'value="Mijn titel"' in page
    assert not MeetingDocument.objects.filter(item=data.second).exists()


def test_a_too_large_file_is_refused(client, world):
    data = agenda(world)
    _login(client, world)
    response = _upload(client, world, data.second, b"a" * (10 * 1024 * 1024 + 1), "groot.txt")
    assert response.status_code == 200
    assert "Dit bestand is te groot. Het mag hoogstens 10 MB zijn." in response.content.decode()
    assert not MeetingDocument.objects.filter(item=data.second).exists()


def test_a_member_document_needs_a_summary_and_a_file_or_text(client, world):
    data = agenda(world)
    _login(client, world)
    url = _url("agenda:document_new", world, data.planned, pk=data.second.pk)
    page = client.post(url, {"title": "Stuk", "for_members": "on"}).content.decode()
    assert "Kies een bestand, of schrijf de tekst hieronder." in page
    assert "Schrijf een korte samenvatting voor de leden." in page
    response = client.post(url, {"title": "Stuk", "page_text": "De tekst.", "summary": "Kort.", "for_members": "on"})
    assert response.status_code == 302
    assert MeetingDocument.objects.get(item=data.second).content_type == "text/html"


def test_documents_are_served_only_to_those_allowed(client, world):
    data = agenda(world)
    url = _doc_url(world, data.member_doc)
    # A logged-out member is asked to log in (and comes back here); guessing numbers reveals nothing, because a
    # number that does not exist asks for a login as well.
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == f"{reverse('accounts:login')}?next={url}"
    other = MeetingDocument.objects.order_by("-pk").first().pk + 1
    missing = reverse("agenda:document", args=[world.region.slug, world.body.slug, other])
    assert client.get(missing)["Location"] == f"{reverse('accounts:login')}?next={missing}"
    assert client.get(_doc_url(world, data.public_doc)).status_code == 200
    # A member of body B (same region) cannot see body A's documents that are not public.
    b_member = UserFactory()
    RoleAssignment.objects.create(user=b_member, role=Role.MEMBER, region=world.region, body=world.municipal_body)
    client.force_login(b_member)
    assert client.get(url).status_code == 403
    assert client.get(_doc_url(world, data.public_doc)).status_code == 200
    # Through body B's address the document does not exist at all.
    assert client.get(_doc_url(world, data.member_doc, body=world.municipal_body)).status_code == 404

    _login(client, world, "member")
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert (
        response["Content-Disposition"].startswith("inline;")
        and f"stuk-{data.member_doc.pk}.pdf" in (response["Content-Disposition"])
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(_doc_url(world, data.staff_doc)).status_code == 403
    agenda_page = client.get(_url("agenda:agenda", world, data.planned)).content.decode()
    assert "Voorbeeldbrief" in agenda_page and "geheime notitie" not in agenda_page


def test_a_public_document_is_public_only_once_the_agenda_is_published(client, world):
    data = agenda(world)
    services.document_add(
        item=data.second,
        title="Openbaar later",
        page_text="Tekst.",
        summary="Kort.",
        public=True,
        by=world.user("secretary"),
    )
    document = MeetingDocument.objects.get(title="Openbaar later")
    # Not public yet: a visitor who is not logged in is asked to log in (B12), not shown the document.
    response = client.get(_doc_url(world, document))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    response = client.get(_doc_url(world, data.public_doc))
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"


def test_a_docx_is_downloaded_not_shown(client, world):
    data = agenda(world)
    document = services.document_add(
        item=data.second, title="Word", data=docx_bytes(), summary="Kort.", by=world.user("secretary")
    )
    _login(client, world, "member")
    response = client.get(_doc_url(world, document))
    assert response["Content-Disposition"].startswith("attachment;")


# ---------------------------------------------------------------- timeliness


def test_timeliness_on_time_and_late(client, world):
    secretary = world.user("secretary")
    world.body.documents_days_before = 7
    world.body.save()
    soon = new_meeting(world.body, days=3, title="Snel")
    later = new_meeting(world.body, days=20, title="Later")
    late_item = services.item_add(meeting=soon, title="Punt", source="secretaris", by=secretary)
    on_time_item = services.item_add(meeting=later, title="Punt", source="secretaris", by=secretary)
    late = services.document_add(item=late_item, title="Laat", page_text="x", summary="Kort.", by=secretary)
    services.document_add(item=on_time_item, title="Op tijd", page_text="x", summary="Kort.", by=secretary)
    assert selectors.timeliness(late, soon, world.body) == selectors.Timeliness(False, 4)

    found = selectors.late_documents(world.body, timezone.localtime(soon.starts_at).year)
    assert [(f.document.pk, f.days_late) for f in found] == [(late.pk, 4)]

    _login(client, world, "facilitator")
    page = client.get(_url("agenda:agenda", world, soon)).content.decode()
    assert "4 dagen te laat" in page and "1 stuk was te laat" in page
    assert "op tijd" in client.get(_url("agenda:agenda", world, later)).content.decode()
    # Members do not get the flags.
    _login(client, world, "member")
    assert "te laat" not in client.get(_url("agenda:agenda", world, soon)).content.decode()


def test_a_late_upload_warns_the_supporter(client, world):
    soon = new_meeting(world.body, days=2, title="Snel")
    item = services.item_add(meeting=soon, title="Punt", source="secretaris", by=world.user("secretary"))
    _login(client, world)
    response = client.post(
        _url("agenda:document_new", world, soon, pk=item.pk),
        {"title": "Stuk", "page_text": "Tekst.", "summary": "Kort.", "for_members": "on"},
        follow=True,
    )
    assert "te laat" in response.content.decode()


# ---------------------------------------------------------------- publishing and invitations


def test_publish_invites_by_email_with_ics_and_by_letter(client, world, mailoutbox, django_capture_on_commit_callbacks):
    data = agenda(world)
    mailoutbox.clear()
    _login(client, world)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("agenda:publish", world, data.planned))
    assert response.status_code == 302
    data.planned.refresh_from_db()
    assert data.planned.status == MeetingStatus.AGENDA_PUBLISHED
    assert MeetingEvent.objects.filter(meeting=data.planned, to_status=MeetingStatus.AGENDA_PUBLISHED).exists()
    invitations = {i.user_id: i.channel for i in Invitation.objects.filter(meeting=data.planned)}
    assert invitations == {
        world.user("member").pk: "email",
        world.client.pk: "email",
        data.letter_member.pk: "brief",
    }
    assert sorted(m.to[0] for m in mailoutbox) == sorted([world.user("member").email, world.client.email])
    mail = next(m for m in mailoutbox if m.to == [world.user("member").email])
    filename, content, mimetype = mail.attachments[0]
    assert filename == "bijeenkomst.ics" and mimetype == "text/calendar; method=REQUEST"
    assert "METHOD:REQUEST" in content and "Europe/Amsterdam" in content
    assert "Brieven van de gemeente" in mail.body
    assert _url("agenda:agenda", world, data.planned) in mail.body
    assert _url("agenda:reply", world, data.planned) in mail.body

    # Each member is invited once: inviting again sends nothing.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = services.invitations_send(meeting=data.planned, by=world.user("secretary"))
    assert again == services.Invited(0, 0) and not mailoutbox


def _waiting_again(data):
    """The meeting's invitation letter waits to be printed once more (as after a printer jam, when the secretary
    takes the letter out of its batch): a test helper, the app never does this."""
    from inspraak.letters.models import Letter as PaperLetter

    invitations = Invitation.objects.filter(meeting=data.published).values_list("pk", flat=True)
    PaperLetter.objects.filter(kind="uitnodiging", object_id__in=list(invitations)).update(batch=None)


def test_letters_give_no_code_to_someone_who_also_sits_elsewhere_or_has_data_elsewhere(world):
    # The invitation letter is another door to an account (probe H1): the same rule as the code letter.
    data = agenda(world)
    RoleAssignment.objects.create(
        user=data.letter_member, role=Role.MEMBER, region=world.region, body=world.municipal_body
    )
    services.invitations_send(meeting=data.published, by=world.user("secretary"))
    letters = services.letters_print(meeting=data.published, by=world.user("secretary"))
    assert {letter.person.name: letter.code for letter in letters}[LETTER_MEMBER] is None
    RoleAssignment.objects.filter(user=data.letter_member, body=world.municipal_body).delete()
    data.letter_member.created_in_region = world.other_region
    data.letter_member.save()
    _waiting_again(data)
    letters = services.letters_print(meeting=data.published, by=world.user("secretary"))
    assert {letter.person.name: letter.code for letter in letters}[LETTER_MEMBER] is None
    assert not LoginCode.objects.filter(user=data.letter_member).exists()


def test_the_agenda_page_shows_which_invitation_emails_did_not_arrive_and_retries_them(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    data = agenda(world)
    _login(client, world)
    with (
        mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=ConnectionRefusedError()),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(_url("agenda:publish", world, data.planned))
    page = _url("agenda:agenda", world, data.planned)
    assert "2 e-mails zijn nog onderweg." in client.get(page).content.decode()
    # One address is refused for good.
    member_invitation = Invitation.objects.get(meeting=data.planned, user=world.user("member"))
    OutgoingEmail.objects.filter(object_id=member_invitation.pk, purpose="invitation").update(status="failed")
    html = client.get(page).content.decode()
    assert "De uitnodiging per e-mail kwam niet aan bij:" in html and world.user("member").name in html
    assert "1 e-mail is nog onderweg." in html
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("agenda:invitations_retry", world, data.planned))
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[world.user("member").email]]
    assert "kwam niet aan" not in client.get(page).content.decode()


def test_a_member_whose_invitation_email_failed_gets_the_letter_too(client, world, django_capture_on_commit_callbacks):
    data = agenda(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(meeting=data.published, by=world.user("secretary"))
    member = world.user("member")
    names = {
        letter.person.name for letter in services.letters_print(meeting=data.published, by=world.user("secretary"))
    }
    assert member.name not in names  # the email arrived: no letter
    invitation = Invitation.objects.get(meeting=data.published, user=member)
    assert LETTER_MEMBER in names
    OutgoingEmail.objects.filter(object_id=invitation.pk, purpose=Invitation.EMAIL_PURPOSE).update(status="failed")
    # The next print has only the new letter: Kees's letter is already in the first batch (ADR 21).
    letters = services.letters_print(meeting=data.published, by=world.user("secretary"))
    by_name = {letter.person.name: letter for letter in letters}
    assert set(by_name) == {member.name}
    assert by_name[member.name].code is None  # someone with email gets no printed code
    assert by_name[member.name].letter.kind == "uitnodiging" and by_name[member.name].letter.batch_id
    _login(client, world)
    page = client.get(_url("agenda:agenda", world, data.published)).content.decode()
    assert "krijgen ook een brief" in page and "Brieven afdrukken (PDF)" in page


def test_publishing_needs_an_item(world):
    meeting = new_meeting(world.body, days=40, title="Leeg")
    with pytest.raises(services.AgendaError) as error:
        services.agenda_publish(meeting=meeting, by=world.user("secretary"))
    assert error.value.code == "no_items"


def test_letters_give_a_new_code_only_to_members_who_never_logged_in(client, world):
    data = agenda(world)
    logged_in = UserFactory(email=None, name="Wel Ingelogd")
    logged_in.last_login = timezone.now()
    logged_in.save()
    RoleAssignment.objects.create(user=logged_in, role=Role.MEMBER, region=world.region, body=world.body)
    services.invitations_send(meeting=data.published, by=world.user("secretary"))
    old = services.login_code_issue(person=data.letter_member, region=world.region, by=world.user("admin"))
    assert old.code

    letters = services.letters_print(meeting=data.published, by=world.user("secretary"))
    by_name = {letter.person.name: letter for letter in letters}
    assert set(by_name) == {LETTER_MEMBER, "Wel Ingelogd"}
    assert by_name[LETTER_MEMBER].code is not None and by_name["Wel Ingelogd"].code is None
    # The old code stops working: one active code per person.
    assert LoginCode.objects.filter(user=data.letter_member, revoked_at__isnull=True).count() == 1
    assert LoginCode.objects.filter(user=data.letter_member, revoked_at__isnull=False).count() == 1
    assert not LoginCode.objects.filter(user=logged_in).exists()

    # The letters are printed now (ADR 21): the meeting page's button then sends the secretary to the post page,
    # where the batch can be printed again. With a letter waiting, the button gives the PDF.
    _login(client, world)
    response = client.post(_url("agenda:letters", world, data.published))
    assert response.status_code == 302 and response["Location"] == reverse(
        "letters:body", args=[world.region.slug, world.body.slug]
    )
    _waiting_again(data)
    response = client.post(_url("agenda:letters", world, data.published))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and response["Cache-Control"] == "no-store"


def test_printing_the_letters_again_keeps_the_posted_codes_working(client, world):
    # Adapted for ADR 21: a second print from the meeting page has nothing waiting (the letters are in a batch); the
    # reprint of that batch (post page) says to use the earlier code, and the posted code keeps working.
    from inspraak.accounts.backends import LoginCodeBackend
    from inspraak.letters import printing

    data = agenda(world)
    services.invitations_send(meeting=data.published, by=world.user("secretary"))
    first = services.letters_print(meeting=data.published, by=world.user("secretary"))
    printed = next(letter for letter in first if letter.person == data.letter_member)
    posted = printed.code
    assert posted is not None
    assert services.letters_print(meeting=data.published, by=world.user("secretary")) == []

    # The PDF of the reprint tells the member to use the earlier code, and does not hold it.
    from django.template.loader import render_to_string

    html = render_to_string("letters/letters_pdf.html", printing.pdf_context(printed.letter.batch))
    assert "Gebruik de inlogcode uit uw eerdere brief" in html and posted.code not in html
    assert LoginCodeBackend().authenticate(None, login_code=posted.code) == data.letter_member

    # Printed once more (the letter waits again): the code of the earlier letter still works, so no new one.
    _waiting_again(data)
    again = next(
        letter
        for letter in services.letters_print(meeting=data.published, by=world.user("secretary"))
        if letter.person == data.letter_member
    )
    assert again.code is None and again.earlier_code
    assert LoginCodeBackend().authenticate(None, login_code=posted.code) == data.letter_member

    # A code that no longer works (the beheerder printed a new one) is replaced on the next print.
    services.login_code_issue(person=data.letter_member, region=world.region, by=world.user("admin"))
    _waiting_again(data)
    third = services.letters_print(meeting=data.published, by=world.user("secretary"))
    assert next(letter for letter in third if letter.person == data.letter_member).code is not None


def test_the_letter_tells_date_place_agenda_phone_and_code(world):
    """The PDF is rendered from the letters app's template: its text is checked as HTML."""
    from django.template.loader import render_to_string

    from inspraak.letters import printing

    data = agenda(world)
    world.body.contact_phone = "010-1234567"
    world.body.save()
    printed = services.letters_print(meeting=data.published, by=world.user("secretary"))
    letter = next(letter for letter in printed if letter.person == data.letter_member)
    html = render_to_string(
        "letters/letters_pdf.html",
        printing.pdf_context(letter.letter.batch, login_codes={letter.letter.pk: letter.code}),
    )
    for text in (
        LETTER_MEMBER,
        "Buurthuis De Schakel",
        "Rolstoeltoegankelijk",
        "Reiskosten",
        "010-1234567",
        letter.code.code,
        "Een oudere code werkt niet meer",
        "Zo reageert u",
    ):
        assert text in html
    assert "/antwoord/" not in html  # a short code instead of the long address


# ---------------------------------------------------------------- reminders


def test_reminders_go_out_once_two_days_before(world, mailoutbox, django_capture_on_commit_callbacks):
    secretary = world.user("secretary")
    soon = new_meeting(world.body, days=1, title="Morgen")
    services.item_add(meeting=soon, title="Punt", source="secretaris", by=secretary)
    far = new_meeting(world.body, days=10, title="Later")
    services.item_add(meeting=far, title="Punt", source="secretaris", by=secretary)
    services.agenda_publish(meeting=soon, by=secretary)
    services.agenda_publish(meeting=far, by=secretary)
    services.reply_save(meeting=soon, user=world.client, answer="komt_niet")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send() == 1
    assert [m.to[0] for m in mailoutbox] == [world.user("member").email]
    assert "Herinnering" in mailoutbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_meeting_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mailoutbox) == 1
    invitation = Invitation.objects.get(meeting=soon, user=world.user("member"))
    assert invitation.reminder_sent_at is not None


# ---------------------------------------------------------------- replies


def test_a_member_replies_with_needs_and_can_change_it(client, world):
    data = agenda(world)
    _login(client, world, "member")
    url = _url("agenda:reply", world, data.planned)
    page = client.post(url, {}).content.decode()
    assert "Kies of u komt." in page
    client.post(url, {"answer": "komt", "needs_childcare": "on", "needs_other": "Een rustige plek"})
    reply = Reply.objects.get(meeting=data.planned, user=world.user("member"))
    assert reply.answer == "komt" and reply.needs_childcare and reply.needs_other == "Een rustige plek"
    client.post(url, {"answer": "weet_niet"})
    reply.refresh_from_db()
    assert reply.answer == "weet_niet" and not reply.needs_childcare
    assert "Ik weet het nog niet" in client.get(url).content.decode()


def test_replying_for_a_cancelled_or_held_meeting_is_refused(client, world):
    data = agenda(world)
    meeting_cancel(meeting=data.planned, reason="Zaal niet beschikbaar", by=world.user("secretary"))
    _login(client, world, "member")
    response = client.post(_url("agenda:reply", world, data.planned), {"answer": "komt"}, follow=True)
    assert "Deze bijeenkomst gaat niet door." in response.content.decode()
    assert not Reply.objects.filter(meeting=data.planned).exists()
    with pytest.raises(services.AgendaError) as error:
        services.reply_save(meeting=data.planned, user=world.user("member"), answer="komt")
    assert error.value.code == "cancelled"
    held = new_meeting(world.body, days=-3, title="Geweest", status=MeetingStatus.HELD)
    with pytest.raises(services.AgendaError) as error:
        services.reply_save(meeting=held, user=world.user("member"), answer="komt")
    assert error.value.code == "held"


def test_replies_with_counts_per_need_and_names_only_for_secretary_and_facilitator(client, world):
    data = agenda(world)
    services.reply_save(meeting=data.published, user=world.user("member"), answer="weet_niet", needs_childcare=True)
    url = _url("agenda:replies", world, data.published)
    _login(client, world, "secretary")
    page = client.get(url).content.decode()
    assert "Geheime Cliënt" in page and LETTER_MEMBER in page  # the letter member has not replied yet
    overview = selectors.reply_overview(data.published, with_names=False)
    assert dict((name, n) for name, _label, n in overview["needs"]) == {
        "needs_travel_costs": 1,
        "needs_childcare": 1,
        "needs_interpreter": 1,
        "needs_accessible_venue": 0,
        "needs_other": 0,
    }
    assert overview["not_replied"] == 1 and overview["total"] == 3
    _login(client, world, "admin")
    page = client.get(url).content.decode()
    assert "Geheime Cliënt" not in page and "Reiskosten: 1" in page


# ---------------------------------------------------------------- public agenda and JSON


# ---------------------------------------------------------------- meeting page block


def test_the_meeting_page_block_lists_items_and_the_reply_link(rf, world):
    from django.template import Context, Template

    data = agenda(world)
    request = rf.get("/")
    request.user = world.user("member")
    html = Template("{% load agenda_tags %}{% meeting_agenda meeting %}").render(
        Context({"request": request, "meeting": data.planned})
    )
    assert "Brieven van de gemeente" in html and "Laat weten of u komt" in html


# ---------------------------------------------------------------- queries


def test_agenda_page_has_a_fixed_number_of_queries(client, world):
    data = agenda(world)
    secretary = world.user("secretary")
    _login(client, world, "facilitator")
    url = _url("agenda:agenda", world, data.planned)

    def grow():
        for n in range(18):
            item = services.item_add(meeting=data.planned, title=f"Punt {n}", source="secretaris", by=secretary)
            for m in range(3):
                services.document_add(item=item, title=f"Stuk {m}", page_text="x", summary="Kort.", by=secretary)
        # 20 items; documents: 3 on the first item, 54 new, and 3 more = 60.
        services.document_add(item=data.first, title="Nog een", page_text="x", summary="Kort.", by=secretary)
        services.document_add(item=data.second, title="En nog een", page_text="x", summary="Kort.", by=secretary)
        services.document_add(item=data.second, title="Laatste", page_text="x", summary="Kort.", by=secretary)

    # the session with the person and their roles, the body with the meeting, the items with their documents,
    # invitation counts, the body's open agreements, the body's letters waiting for the post
    assert_constant_queries(client, url, grow, expected=6)
    assert AgendaItem.objects.filter(meeting=data.planned).count() == 20
    assert MeetingDocument.objects.filter(item__meeting=data.planned).count() == 60


def test_a_missing_stored_file_is_a_404_not_a_500(client, world):
    data = agenda(world)
    data.member_doc.file.storage.delete(data.member_doc.file.name)
    _login(client, world, "member")
    assert client.get(_doc_url(world, data.member_doc)).status_code == 404


def _broken_storage(settings, tmp_path):
    """MEDIA_ROOT is a file, not a folder: every save and open fails with NotADirectoryError (an OSError)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    settings.MEDIA_ROOT = blocker


def test_a_storage_error_on_upload_gives_a_message_next_to_the_file_and_keeps_the_text(
    client, world, settings, tmp_path
):
    data = agenda(world)
    _login(client, world)
    _broken_storage(settings, tmp_path)
    response = _upload(client, world, data.second, TINY_PDF, "brief.pdf", title="Mijn titel")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_file_error"' in page and "Het bestand kon nu niet worden opgeslagen." in page
    assert 'value="Mijn titel"' in page and "Kort en duidelijk." in page
    assert not MeetingDocument.objects.filter(item=data.second).exists()


def test_a_storage_error_on_download_is_a_dutch_503_not_a_500(client, world, settings, tmp_path):
    data = agenda(world)
    _login(client, world, "member")
    _broken_storage(settings, tmp_path)
    response = client.get(_doc_url(world, data.member_doc))
    assert response.status_code == 503 and "Het bestand is nu niet te openen" in response.content.decode()


def test_removing_a_document_while_the_storage_refuses_is_no_500(
    client, world, settings, tmp_path, django_capture_on_commit_callbacks
):
    data = agenda(world)
    _login(client, world)
    _broken_storage(settings, tmp_path)
    url = reverse(
        "agenda:document_remove",
        kwargs={"region": world.region.slug, "body": world.body.slug, "pk": data.member_doc.pk},
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert not MeetingDocument.objects.filter(pk=data.member_doc.pk).exists()
