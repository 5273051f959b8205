"""Money in euros: shown and typed the Dutch way, never as a float (issue 13: schemes, claims, payments).

``euro`` shows an amount ("€ 35,00", "€ 2.100,00"; in English "€ 35.00"); ``parse_amount`` reads what a person typed
("35,50", "€ 35,50", "2.100,00", "35.50"). The form field is ``inspraak.core.forms.AmountField``.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format

_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_GROUPED = re.compile(r"-?\d{1,3}(\.\d{3})+")
CENT = Decimal("0.01")


class TooManyDecimals(ValueError):
    """A number with more decimals than allowed ("0,235" for cents)."""


def euro(value) -> str:
    """ "€ 35,00" for 35 (grouped, two decimals, in the active language's format); "" for None, "" or something
    that is not a number."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    return "€\u00a0" + number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)


def parse_amount(text: str, *, places: int = 2) -> Decimal:
    """A number typed the Dutch way ("35,50", "€ 35,50", "1.234,50") or with a point ("35.50"), maybe negative
    ("-5": the form field refuses it with its own message). ValueError when it is not a number, TooManyDecimals when
    it has more than ``places`` decimals. "1.234" (a point and three digits, no comma) is refused: it
    could mean either 1,234 or 1234, and money must never be guessed."""
    value = text.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    if "," in value and "." in value:
        if value.rfind(",") < value.rfind("."):
            raise ValueError(text)  # 1,234.50: not how amounts are written here
        if not _GROUPED.fullmatch(value.split(",")[0]):
            raise ValueError(text)
        value = value.replace(".", "")
    elif "." in value and _GROUPED.fullmatch(value):
        raise ValueError(text)
    if not _NUMBER.match(value):
        raise ValueError(text)
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if -number.as_tuple().exponent > places:
        raise TooManyDecimals(text)
    return number
