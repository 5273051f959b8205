"""Letters data on top of tests/world.py, built on first use and kept on the world object.

- ``paper``: "Papieren Lid" (no email, address "Papierstraat 1") with a pending letter (kind "verslag") that links
  to a page through a short link (``link``);
- ``no_address``: "Adresloos Lid" (no email, no address, phone 0611223344) with a pending letter (kind "overig");
- ``large``: "Groot Lid" (no email, address, large print) with a pending letter;
- ``batch``: an earlier batch with one printed letter to Papieren Lid (``printed``);
- ``failed``: an email to the "member" actor (who has an email address) that failed for good: offered on the post
  page to be sent as a letter.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from inspraak.core.models import OutgoingEmail, ShortLink
from inspraak.core.shortlinks import short_link
from inspraak.letters import services
from inspraak.letters.models import Letter, LetterBatch
from tests.factories import paper_member, paper_person

SECRET_TEXT = "Geheime brieftekst over de uitkering"
NO_ADDRESS_NAME = "Adresloos Lid"
NO_ADDRESS_PHONE = "0611223344"
LARGE_NAME = "Groot Lid"
FAILED_SUBJECT = "Het verslag van de bijeenkomst staat klaar"
FAILED_BODY = (
    "Beste Test member,\n\nHet verslag van de bijeenkomst van 1 december staat klaar.\n\n"
    "Lees het hier:\nhttps://inspraak.example/orgaan/noordkust/clientenpanel/verslag/\n\n"
    "Met vriendelijke groet,\nDe secretaris"
)


@dataclass
class LettersData:
    paper: Letter
    no_address: Letter
    large: Letter
    batch: LetterBatch
    printed: Letter
    link: ShortLink
    failed: OutgoingEmail


def letter(world, person, *, kind=Letter.Kind.OTHER, subject="Bericht van de groep", text="", path=""):
    return services.letter_add(
        person=person,
        body=world.body,
        kind=kind,
        subject=subject,
        text=text or f"Beste {person.name},\n\n{SECRET_TEXT}.\n\nMet vriendelijke groet,\nDe secretaris",
        path=path,
        by=world.user("secretary"),
    )


def failed_email(world, to: str, *, subject: str = FAILED_SUBJECT, purpose: str = "minutes", region=None, **fields):
    """An email that failed for good (all tries used, or refused by the mail server)."""
    return OutgoingEmail.objects.create(
        to=to,
        subject=subject,
        body=FAILED_BODY,
        purpose=purpose,
        region=region or world.region,
        status=OutgoingEmail.Status.FAILED,
        attempts=8,
        last_error="SMTP 550",
        next_attempt_at=timezone.now(),
        **fields,
    )


def letters_data(world) -> LettersData:
    existing = getattr(world, "_letters", None)
    if existing is not None:
        return existing
    paper = paper_member(world).user
    no_address = paper_person(world, NO_ADDRESS_NAME, phone=NO_ADDRESS_PHONE)
    large = paper_person(world, LARGE_NAME, address="Grootweg 16\n1234 AB Zeedorp", large=True)
    # An earlier batch first (it takes every letter waiting then), then the letters that wait now.
    first = letter(world, paper, kind=Letter.Kind.TOPIC, subject="Uw onderwerp")
    batch = services.letters_print(body=world.body, by=world.user("secretary"), letter_ids=[first.pk])
    printed = Letter.objects.get(pk=first.pk)
    path = f"/orgaan/{world.region.slug}/{world.body.slug}/"
    data = LettersData(
        paper=letter(world, paper, kind=Letter.Kind.MINUTES, subject="Het verslag", path=path),
        no_address=letter(world, no_address),
        large=letter(world, large, subject="Groot bericht"),
        batch=batch,
        printed=printed,
        link=short_link(path),
        failed=failed_email(world, world.user("member").email),
    )
    world._letters = data
    return data
