"""Text messages (SMS): the gateway setting, the pure number and length rules, and the SMS outbox.

A text message goes the way an email goes (``inspraak.core.outbox``): ``queue_sms`` writes an ``OutgoingSms`` row in
the caller's transaction, a task sends it after the commit through the backend named by ``settings.SMS_BACKEND``, a
temporary failure is tried again with the same pauses as email, and a permanent one marks the row "niet gelukt".

No provider is built in (ADR 22). A backend is a small class with ``send(to, text)``: ``to`` is a number in E.164
form (``+31612345678``), ``text`` plain text. It returns normally when the gateway accepted the message, raises
``TemporarySmsError`` when it should be tried again later (gateway away, rate limited, HTTP 5xx) and
``PermanentSmsError`` when it never will work (number refused, no credit, wrong key). Other exceptions count like
email's: an ``OSError`` (connection refused, timeout, DNS) is temporary, anything else permanent. The backend gets
``settings.SMS_OPTIONS`` (sender name, gateway URL, token) as keyword arguments.

- ``ConsoleBackend`` (development and demo): writes each message to the log.
- ``LocmemBackend`` (tests): appends to ``inspraak.core.sms.outbox``, like django.core.mail's locmem backend.
- ``DisabledBackend`` (production default until configured): sends nothing; ``enabled()`` is False, so no SMS is
  queued and members are not offered SMS reminders.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from inspraak.core import outbox as outboxes
from inspraak.core.models import OutgoingSms

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------- pure rules: the number and the text

_SEPARATORS = re.compile(r"[\s\-.()/]")
# A Dutch mobile number: 06 followed by 8 digits (06-1… to 06-5…, 06-8…; 066 is pagers and 067-069 are not mobile).
_DUTCH_MOBILE = re.compile(r"^\+316[1-58]\d{7}$")


def mobile_e164(number: str) -> str:
    """The Dutch mobile number in ``number`` in E.164 form (``+31612345678``), or "" when it is not one.

    Accepts what people write: ``06 1234 5678``, ``06-12345678``, ``+31 6 12345678``, ``0031612345678``,
    ``+31 (0)6 12345678``. A landline (``020 …``), a foreign number, a pager (``066``) or a short number give "".
    """
    digits = _SEPARATORS.sub("", number or "")  # "+31 (0)6 …" becomes "+3106…"
    if digits.startswith("0031"):
        digits = "+" + digits[2:]
    if digits.startswith("+310"):
        digits = "+31" + digits[4:]
    elif digits.startswith("06"):
        digits = "+31" + digits[1:]
    return digits if _DUTCH_MOBILE.match(digits) else ""


def display_mobile(e164: str) -> str:
    """``+31612345678`` as people read it: ``06 1234 5678``."""
    if not e164.startswith("+316") or len(e164) != 12:
        return e164
    local = "0" + e164[3:]
    return f"{local[:2]} {local[2:6]} {local[6:]}"


# The GSM 03.38 basic character set (one septet each) and its extension (two septets each: escape + character).
GSM7_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
    "abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = "^{}\\[~]|€\f"
SINGLE_GSM7, SINGLE_UCS2 = 160, 70
PART_GSM7, PART_UCS2 = 153, 67
# Letters GSM-7 lacks that Dutch text uses, replaced by the nearest letter it has (so one message stays 160 long).
_TO_GSM7 = str.maketrans(
    {
        "ë": "e",
        "ï": "i",
        "ê": "e",
        "ô": "o",
        "â": "a",
        "û": "u",
        "á": "a",
        "í": "i",
        "ó": "o",
        "ú": "u",
        "Ë": "E",
        "Ï": "I",
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "\u00a0": " ",
    }
)


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text)


def to_gsm7(text: str) -> str:
    """``text`` on one line with single spaces, with the letters GSM-7 lacks replaced where there is a near one."""
    return " ".join(text.translate(_TO_GSM7).split())


def segments(text: str) -> int:
    """How many SMS parts ``text`` costs: 160 GSM-7 septets (or 70 UCS-2 characters) in one, 153 (67) per part when
    longer."""
    if is_gsm7(text):
        length = sum(2 if ch in GSM7_EXTENSION else 1 for ch in text)
        single, part = SINGLE_GSM7, PART_GSM7
    else:
        length, single, part = len(text), SINGLE_UCS2, PART_UCS2
    if length <= single:
        return 1
    return -(-length // part)


def first_fitting(texts: list[str]) -> str:
    """The first of ``texts`` (longest first, as GSM-7 on one line) that fits in one message; else the last."""
    texts = [to_gsm7(text) for text in texts]
    return next((text for text in texts if segments(text) == 1), texts[-1])


# ---------------------------------------------------------------- backends


class SmsError(Exception):
    """A backend's refusal. ``kind`` says what went wrong without personal data (a status code, an error name)."""

    temporary = False

    def __init__(self, kind: str = ""):
        super().__init__(kind)
        self.kind = kind or type(self).__name__


class TemporarySmsError(SmsError):
    temporary = True


class PermanentSmsError(SmsError):
    temporary = False


class BaseBackend:
    """What a gateway backend looks like. Subclass it, implement ``send`` and set ``SMS_BACKEND`` to its dotted
    path; ``SMS_OPTIONS`` come in as keyword arguments."""

    enabled = True

    def __init__(self, *, sender: str = "", url: str = "", token: str = "", **_other):
        self.sender, self.url, self.token = sender, url, token

    def send(self, to: str, text: str) -> None:  # pragma: no cover - the interface
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    """Development and demo: the message goes to the log (the terminal of ``make demo``), nowhere else."""

    def send(self, to: str, text: str) -> None:
        logger.info("SMS to %s: %s", display_mobile(to), text)


@dataclass(frozen=True)
class SentSms:
    to: str
    text: str


# What LocmemBackend sent (tests empty it before each test).
outbox: list[SentSms] = []


class LocmemBackend(BaseBackend):
    """Tests: keeps every message in ``inspraak.core.sms.outbox``."""

    def send(self, to: str, text: str) -> None:
        outbox.append(SentSms(to=to, text=text))


class DisabledBackend(BaseBackend):
    """No gateway configured: nothing is queued (``enabled()`` is False). A row queued before the gateway was switched
    off is marked "niet gelukt" rather than tried for a day."""

    enabled = False

    def send(self, to: str, text: str) -> None:
        raise PermanentSmsError("sms uitgeschakeld")


def get_backend() -> BaseBackend:
    return import_string(settings.SMS_BACKEND)(**getattr(settings, "SMS_OPTIONS", {}))


def enabled() -> bool:
    """Whether this site can send text messages (a backend other than the disabled one is configured)."""
    return bool(getattr(import_string(settings.SMS_BACKEND), "enabled", True))


# ---------------------------------------------------------------- the SMS outbox


def classify(exc: BaseException) -> tuple[bool, str]:
    """(temporary?, kind of error): a backend's own SmsError says it; an OSError is temporary; anything else not."""
    if isinstance(exc, SmsError):
        return exc.temporary, exc.kind
    if isinstance(exc, OSError):
        return True, type(exc).__name__
    return False, type(exc).__name__


def _transmit(row: OutgoingSms) -> None:
    get_backend().send(row.to, row.text)


def _task():
    from inspraak.core.tasks import send_sms

    return send_sms


SMS = outboxes.Channel(name="SMS", model=OutgoingSms, transmit=_transmit, classify=classify, task=_task)


def queue_sms(
    *, person, to: str, text: str, purpose: str = "", object_id: int | None = None, region=None
) -> OutgoingSms | None:
    """Write a text message to ``to`` (any way a Dutch mobile number is written) for ``person`` to the SMS outbox;
    the task worker sends it once the current transaction commits. None (nothing queued) when SMS is switched off
    or ``to`` is not a Dutch mobile number. The text is put on one line and, where possible, in GSM-7."""
    number = mobile_e164(to)
    if not number or not enabled():
        return None
    row = OutgoingSms.objects.create(
        person=person,
        to=number,
        text=to_gsm7(text)[: OutgoingSms._meta.get_field("text").max_length],
        purpose=purpose,
        object_id=object_id,
        region_id=getattr(region, "pk", region),
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(lambda: outboxes.schedule(row.pk, channel=SMS))
    return row


def deliver(pk: int, *, now=None) -> str | None:
    return outboxes.deliver(pk, now=now, channel=SMS)


def send_due(*, now=None) -> int:
    return outboxes.send_due(now=now, channel=SMS)


def prune(*, now=None) -> int:
    return outboxes.prune(now=now, channel=SMS)
