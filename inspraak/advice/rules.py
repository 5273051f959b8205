"""Pure state rules of the advice cycle: which step an advice or request allows in its current state. No person,
no database: advice.permissions combines them with who may work on the body's advice, and the views use them to
say why a step is not possible any more."""

from __future__ import annotations

from inspraak.advice.models import AdviceStatus, RequestStatus


def draft_open(advice) -> bool:
    """The draft can still change and be adopted: only while it is a draft (concept)."""
    return advice.status == AdviceStatus.DRAFT


def send_open(advice) -> bool:
    """An advice is sent once it is adopted, and only once."""
    return advice.status == AdviceStatus.ADOPTED


def attachment_open(advice) -> bool:
    """The PDF can be (re)placed until the advice is sent."""
    return advice.status != AdviceStatus.SENT


def request_open(advice_request) -> bool:
    """A request can be answered (with advice, or by declining) while it is open and no advice answers it yet.
    ``advice_request.answer`` is the advice the selectors attach (None without one)."""
    return advice_request.status == RequestStatus.OPEN and advice_request.answer is None
