"""What goes on a printed letter besides its text: the short code, the QR code and the way to call.

The QR code is an inline SVG made here (segno): the PDF loads nothing from anywhere (ADR 8).
"""

from __future__ import annotations

import segno
from django.utils import timezone
from django.utils.safestring import mark_safe

from inspraak.core import shortlinks
from inspraak.letters import selectors

# Type sizes of the printed letter: large print is clearly larger (Dutch guidance: at least 16 pt).
NORMAL_PT = 11
LARGE_PT = 16
GREETINGS = {"Beste", "Geachte", "Dear", "Hallo", "Hoi"}


def qr_svg(url: str) -> str:
    """The QR code of ``url`` as inline SVG markup (sized by the print CSS)."""
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, omitsize=True))  # noqa: S308 - segno output


def letter_page(letter, login_code=None) -> dict:
    """One page of the PDF: the letter with its short address, grouped code and QR code (when it links somewhere),
    and the login code printed on it this time (``login_code``: an ``accounts.services.IssuedCode``, never stored;
    a reprint of a letter that carried one says to use the code from the earlier letter)."""
    link = letter.short_link
    paragraphs = letter.paragraphs
    page = {
        "letter": letter,
        "font_pt": LARGE_PT if letter.large_print else NORMAL_PT,
        # The text usually starts with its own greeting; a letter never starts without one.
        "greeting": not (paragraphs and paragraphs[0].split(" ", 1)[0] in GREETINGS),
        "login_code": login_code,
        "earlier_login_code": login_code is None and letter.login_code_id is not None,
    }
    if link is not None:
        url = shortlinks.short_url(link)
        page.update(
            {"code": shortlinks.grouped(link.code), "short_path": shortlinks.short_host_path(), "short_url": url}
        )
        page["qr"] = qr_svg(url)
    return page


def pdf_context(batch, *, login_codes: dict | None = None) -> dict:
    """Everything the batch's PDF needs (1 query): the same letters, short codes and date on every reprint.
    ``login_codes`` ({letter id: IssuedCode}) only when the codes were issued just now (agenda's letters_print)."""
    login_codes = login_codes or {}
    body = batch.body
    return {
        "batch": batch,
        "body": body,
        "region": body.region,
        "date": timezone.localtime(batch.created_at).date(),
        "pages": [letter_page(letter, login_codes.get(letter.pk)) for letter in selectors.batch_letters(batch)],
        "normal_pt": NORMAL_PT,
        "large_pt": LARGE_PT,
    }
