"""Paper letters (issue 12): short codes, the post queue, printing in batches, the PDF, and privacy."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspraak.audit.models import AuditEvent
from inspraak.core import privacy_registry as registry
from inspraak.core import shortlinks
from inspraak.core.models import OutgoingEmail, ShortLink
from inspraak.letters import printing, selectors, services
from inspraak.letters.models import Letter, LetterBatch
from inspraak.members.models import Membership
from tests.letters.data import (
    LARGE_NAME,
    NO_ADDRESS_NAME,
    NO_ADDRESS_PHONE,
    SECRET_TEXT,
    letter,
    letters_data,
    paper_person,
)
from tests.quality.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

TEST_TEMPLATES = __import__("pathlib").Path(__file__).parent / "templates"


@pytest.fixture(autouse=True)
def _test_templates(settings):
    """letters/test/hello*.txt: a message with an email and a letter version, only for these tests."""
    engine = {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEST_TEMPLATES]}
    settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]


def _post_url(world):
    return reverse("letters:body", args=[world.region.slug, world.body.slug])


def _login(client, world, actor="secretary"):
    client.force_login(world.user(actor))


# ---------------------------------------------------------------- short links


def test_a_short_code_has_no_look_alike_characters_and_is_typed_in_any_case():
    for _ in range(200):
        code = shortlinks.new_code()
        assert 6 <= len(code) <= 8 and not set(code) & set("0O1IL")
    assert shortlinks.grouped("K7M4QP") == "K7M-4QP"
    assert shortlinks.normalize(" k7m-4qp ") == "K7M4QP"
    assert shortlinks.normalize("K7M 4QP") == "K7M4QP"
    assert shortlinks.normalize("K0M4QP") == ""  # a zero is never in a code
    assert shortlinks.normalize("K7M") == ""


def test_the_same_path_always_gets_the_same_code(world):
    first = shortlinks.short_link("/orgaan/x/y/bijeenkomsten/1/antwoord/")
    again = shortlinks.short_link("/orgaan/x/y/bijeenkomsten/1/antwoord/")
    assert first.pk == again.pk and ShortLink.objects.count() == 1
    assert shortlinks.short_url(first).endswith(f"/k/{first.code}")
    with pytest.raises(ValueError):
        shortlinks.short_link("https://elders.example/")


def test_typing_the_code_leads_to_the_page(client, world):
    link = shortlinks.short_link("/orgaan/noordkust/clientenpanel/")
    page = client.get("/k/").content.decode()
    assert "Typ de code uit uw brief" in page
    typed = shortlinks.grouped(link.code).lower()
    response = client.get("/k/", {"code": typed})
    assert response.status_code == 302 and response["Location"] == link.path
    response = client.get(f"/k/{link.code.lower()}/")
    assert response.status_code == 302 and response["Location"] == link.path


@pytest.mark.parametrize("typed", ["ZZZZZZ", "K0O1IL", "%%%", "x" * 20, "<script>", "🙂🙂🙂🙂🙂🙂"])
def test_a_wrong_code_gets_a_kind_dutch_answer_never_a_server_error(client, world, typed):
    response = client.get("/k/", {"code": typed})
    assert response.status_code in (200, 404)
    page = response.content.decode()
    assert "Typ de code uit uw brief" in page
    assert "Deze code kennen we niet" in page or "Een code heeft 6 tekens" in page or "hoogstens" in page
    response = client.get(f"/k/{typed[:12]}/") if "%" not in typed else client.get("/k/ABCDEF/")
    assert response.status_code == 404 and "Typ de code uit uw brief" in response.content.decode()


def test_many_wrong_codes_from_one_address_are_slowed_down(client, world):
    for _ in range(30):
        client.get("/k/", {"code": "ZZZZZZ"})
    assert client.get("/k/", {"code": "ZZZZZZ"}).status_code == 429


# ---------------------------------------------------------------- notify_member


def test_notify_member_emails_who_has_an_address_and_queues_a_letter_for_who_has_not(world):
    member = world.user("member")
    paper = paper_person(world, "Brief Lid", address="Laan 1")
    context = {"meeting": None}
    with transaction.atomic():
        sent = services.notify_member(
            person=member,
            body=world.body,
            kind=Letter.Kind.OTHER,
            template_prefix="letters/test/hello",
            context=context,
        )
    assert sent == "email"
    email = OutgoingEmail.objects.get(to=member.email)
    assert email.subject == f"Hallo {member.name}" and "Cliëntenpanel Noordkust" in email.body
    assert email.region_id == world.region.pk
    sent = services.notify_member(
        person=paper,
        body=world.body,
        kind=Letter.Kind.OTHER,
        template_prefix="letters/test/hello",
        context=context,
        path="/orgaan/noordkust/clientenpanel/",
        object_id=7,
    )
    assert sent == "letter"
    queued = Letter.objects.get(user=paper)
    assert queued.is_pending and queued.subject == "Hallo Brief Lid" and queued.object_id == 7
    assert queued.paragraphs == ["Beste Brief Lid,", "Dit is een brief van Cliëntenpanel Noordkust."]
    assert queued.short_link.path == "/orgaan/noordkust/clientenpanel/"
    assert queued.region_id == world.region.pk


def test_nothing_is_queued_when_the_caller_s_transaction_rolls_back(world):
    paper = paper_person(world, "Brief Lid", address="Laan 1")
    with pytest.raises(RuntimeError), transaction.atomic():
        services.notify_member(
            person=paper, body=world.body, kind="overig", template_prefix="letters/test/hello", context={}
        )
        raise RuntimeError
    assert not Letter.objects.filter(user=paper).exists()


def test_pending_counts_is_one_query(world):
    data = letters_data(world)
    assert selectors.pending_count(world.body) == Letter.objects.filter(body=world.body, batch__isnull=True).count()
    with CaptureQueriesContext(connection) as ctx:
        counts = selectors.pending_counts([world.body, world.municipal_body])
    assert len(ctx.captured_queries) == 1
    assert counts[world.municipal_body.pk] == 0 and counts[world.body.pk] >= 3
    assert data.printed.batch_id == data.batch.pk


# ---------------------------------------------------------------- the post page


def test_the_post_page_counts_groups_and_warns_about_members_without_an_address(client, world):
    data = letters_data(world)
    _login(client, world)
    page = client.get(_post_url(world)).content.decode()
    waiting = Letter.objects.filter(body=world.body, batch__isnull=True).count()
    assert f"{waiting} brieven om te printen" in page
    assert "Verslag (1)" in page and "Overig (" in page
    assert "1 lid zonder adres" in page and NO_ADDRESS_NAME in page and NO_ADDRESS_PHONE in page
    assert "Brieven afdrukken" in page
    batch_url = reverse("letters:batch_pdf", args=[world.region.slug, world.body.slug, data.batch.pk])
    assert batch_url in page  # earlier batches with their PDF
    assert SECRET_TEXT not in page  # the list shows subjects, not the letters' text


def test_printing_makes_one_batch_with_the_address_snapshot_and_one_audit_row(client, world):
    data = letters_data(world)
    _login(client, world)
    before = AuditEvent.objects.filter(action="letters_print").count()
    response = client.post(reverse("letters:print", args=[world.region.slug, world.body.slug]))
    batch = LetterBatch.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == reverse("letters:batch", args=[world.region.slug, world.body.slug, batch.pk])
    assert not Letter.objects.filter(body=world.body, batch__isnull=True).exists()
    assert AuditEvent.objects.filter(action="letters_print").count() == before + 1
    paper = Letter.objects.get(pk=data.paper.pk)
    assert paper.batch == batch and paper.address == "Papierstraat 1" and not paper.large_print
    large = Letter.objects.get(pk=data.large.pk)
    assert large.large_print and large.address.startswith("Grootweg 16")
    assert Letter.objects.get(pk=data.no_address.pk).address == ""
    page = client.get(response["Location"]).content.decode()
    assert "1 lid zonder adres: niet posten" in page and NO_ADDRESS_PHONE in page
    # Nothing left: a clear message, no empty batch.
    response = client.post(reverse("letters:print", args=[world.region.slug, world.body.slug]), follow=True)
    assert "Er zijn geen brieven om te printen" in response.content.decode()
    assert LetterBatch.objects.count() == 2


def test_a_letter_already_claimed_is_never_put_in_a_second_batch(world):
    data = letters_data(world)
    # Another secretary's print claimed this letter a moment ago (its UPDATE came first).
    other = LetterBatch.objects.create(body=world.body, created_by=world.user("facilitator"))
    Letter.objects.filter(pk=data.paper.pk).update(batch=other)
    batch = services.letters_print(body=world.body, by=world.user("secretary"))
    assert Letter.objects.get(pk=data.paper.pk).batch == other
    assert data.paper.pk not in set(batch.letters.values_list("pk", flat=True))
    with pytest.raises(services.LetterError):
        services.letters_print(body=world.body, by=world.user("secretary"))


def test_a_reprint_gives_the_same_letters_with_the_same_codes(world):
    data = letters_data(world)
    batch = services.letters_print(body=world.body, by=world.user("secretary"))
    first = render_to_string("letters/letters_pdf.html", printing.pdf_context(batch))
    code = shortlinks.grouped(data.link.code)
    assert code in first
    # The member moves and a new letter waits: the printed batch stays the same.
    Membership.objects.filter(user=data.paper.user, body=world.body).update(contact_address="Nieuwe Laan 9")
    letter(world, data.paper.user, subject="Nog een bericht", path=data.link.path)
    batch = LetterBatch.objects.get(pk=batch.pk)
    again = render_to_string("letters/letters_pdf.html", printing.pdf_context(batch))
    assert again == first and "Nieuwe Laan 9" not in again
    assert shortlinks.resolve(code).path == data.link.path


# ---------------------------------------------------------------- the PDF


def _sections(html: str) -> dict[str, str]:
    """The HTML of each letter's page, by the member's name."""
    sections = {}
    for part in html.split('<section class="letter')[1:]:
        for name in ("Papieren Lid", NO_ADDRESS_NAME, LARGE_NAME, "Kees Zonder Mail"):
            if f"<p>{name}</p>" in part:
                sections[name] = part
    return sections


def test_the_letter_has_sender_address_code_qr_and_phone(world):
    letters_data(world)
    world.body.contact_phone = "010-7654321"
    world.body.save()
    batch = services.letters_print(body=world.body, by=world.user("secretary"))
    html = render_to_string("letters/letters_pdf.html", printing.pdf_context(batch))
    page = _sections(html)["Papieren Lid"]
    for text in ("Cliëntenpanel Noordkust", "Regio Noordkust", "Papierstraat 1", "Het verslag", "Zo reageert u"):
        assert text in page
    assert "Of bel ons: <strong>010-7654321</strong>" in page
    assert f"{shortlinks.short_host_path()}</strong> en typ deze code" in page
    assert "<svg" in page and "http" not in page.split("<svg", 1)[1].split("</svg>")[0].replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    assert "Niet posten" not in page


def test_a_letter_without_an_address_says_at_the_top_not_to_post_it(world):
    letters_data(world)
    batch = services.letters_print(body=world.body, by=world.user("secretary"))
    html = render_to_string("letters/letters_pdf.html", printing.pdf_context(batch))
    page = _sections(html)[NO_ADDRESS_NAME]
    top = page.index("Niet posten")
    assert top < page.index('class="sender"') and top < page.index('class="window"')
    assert "(geen postadres bekend)" in page


def _font_sizes_of(pdf_html: str, needle: str) -> set[float]:
    """The font sizes (in points) WeasyPrint lays out for the text boxes containing ``needle``."""
    from weasyprint import HTML

    document = HTML(string=pdf_html).render()
    sizes = set()

    def walk(box):
        text = getattr(box, "text", None)
        if text and needle in text:
            sizes.add(round(box.style["font_size"] * 0.75, 1))  # CSS px to pt
        for child in getattr(box, "children", []) or []:
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return sizes


def test_large_print_letters_use_a_clearly_larger_type_in_the_pdf(world):
    data = letters_data(world)
    services.letters_print(body=world.body, by=world.user("secretary"))
    batch = Letter.objects.get(pk=data.large.pk).batch
    html = render_to_string("letters/letters_pdf.html", printing.pdf_context(batch))
    assert _font_sizes_of(html, SECRET_TEXT[:20]) == {printing.LARGE_PT, printing.NORMAL_PT}
    large_page = _sections(html)[LARGE_NAME]
    assert 'class="letter letter--large"' in '<section class="letter' + large_page
    assert printing.LARGE_PT >= 16 and printing.NORMAL_PT <= 12


def test_the_batch_pdf_is_a_pdf_and_not_cached(client, world):
    data = letters_data(world)
    _login(client, world, "facilitator")
    response = client.get(reverse("letters:batch_pdf", args=[world.region.slug, world.body.slug, data.batch.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and "no-store" in response["Cache-Control"]


# ---------------------------------------------------------------- queries


def test_the_post_page_and_the_batch_page_have_a_fixed_number_of_queries(client, world):
    data = letters_data(world)
    _login(client, world)
    counter = iter(range(100))

    def grow():
        for _ in range(3):
            n = next(counter)
            person = paper_person(
                world, f"Extra Lid {n}", phone="0600000000" if n % 2 else "", address="" if n % 2 else "Straat 1"
            )
            letter(world, person, kind=Letter.Kind.MINUTES)
            Letter.objects.create(
                region=world.region,
                body=world.body,
                user=person,
                kind="overig",
                subject="x",
                text="y",
                batch=data.batch,
            )
        LetterBatch.objects.create(body=world.body, created_by=world.user("secretary"))

    assert_constant_queries(client, _post_url(world), grow)
    batch_url = reverse("letters:batch", args=[world.region.slug, world.body.slug, data.batch.pk])
    assert_constant_queries(client, batch_url, grow)


# ---------------------------------------------------------------- invitations and links


def test_an_invitation_for_a_member_without_email_waits_as_a_letter_with_times_in_amsterdam(world):
    from tests.agenda.data import LETTER_MEMBER, agenda

    data = agenda(world)
    invitation = Letter.objects.get(kind=Letter.Kind.INVITATION, user__name=LETTER_MEMBER)
    assert invitation.is_pending and invitation.body == world.body
    assert "Reiskosten" in invitation.text and "http" not in invitation.text
    start = data.published.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Amsterdam"))
    assert f"van {start:%H:%M} tot" in invitation.text
    assert invitation.short_link.path == reverse(
        "agenda:reply", args=[world.region.slug, world.body.slug, data.published.pk]
    )


def test_the_dashboard_and_the_meeting_page_link_the_post_page(client, world):
    from tests.agenda.data import agenda

    data = agenda(world)
    waiting = selectors.pending_count(world.body)
    _login(client, world)
    for url in (
        reverse("dashboards:body_dashboard", args=[world.region.slug, world.body.slug]),
        reverse("agenda:agenda", args=[world.region.slug, world.body.slug, data.published.pk]),
    ):
        page = client.get(url).content.decode()
        assert f'href="{_post_url(world)}"' in page
        assert f"{waiting} brief om te printen" in page or f"{waiting} brieven om te printen" in page
    _login(client, world, "member")
    page = client.get(reverse("dashboards:body_dashboard", args=[world.region.slug, world.body.slug])).content
    assert _post_url(world).encode() not in page


# ---------------------------------------------------------------- privacy


def test_a_member_s_letters_are_in_the_export_and_gone_after_erasure(world):
    data = letters_data(world)
    person = data.paper.user
    exported = registry.export_person(person)["letters"]
    assert {row["subject"] for row in exported} == {"Het verslag", "Uw onderwerp"}
    printed = next(row for row in exported if row["subject"] == "Uw onderwerp")
    assert printed["address"] == "Papierstraat 1" and printed["printed_at"] is not None
    assert world.region.pk in registry.data_region_ids(person)
    registry.erase(person, by=world.user("admin"))
    assert not Letter.objects.filter(user=person).exists()
    assert LetterBatch.objects.filter(pk=data.batch.pk).exists()
    assert "letters.Letter" not in registry.uncovered_user_models()
    assert "letters.LetterBatch" not in registry.uncovered_user_models()
