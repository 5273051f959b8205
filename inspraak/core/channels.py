"""How something a member said reached the body: on line by the member themself, or given by phone, on paper or in
person and recorded by the secretary or the facilitator on the member's behalf (a reply to an invitation, the needs
to come, a topic)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    PHONE = "telefoon", _("telefoon")
    LETTER = "brief", _("brief")
    IN_PERSON = "persoonlijk", _("persoonlijk")


# The channels a supporter chooses from when recording on a member's behalf.
ON_BEHALF = (Channel.PHONE, Channel.LETTER, Channel.IN_PERSON)

_PASSED_ON = {
    Channel.ONLINE: _("zelf online ingevuld"),
    Channel.PHONE: _("doorgegeven per telefoon"),
    Channel.LETTER: _("doorgegeven per brief"),
    Channel.IN_PERSON: _("persoonlijk doorgegeven"),
}


def passed_on(channel: str) -> str:
    """How it reached the body, as a phrase: "doorgegeven per telefoon"."""
    return _PASSED_ON.get(channel, _PASSED_ON[Channel.ONLINE])


def on_behalf_choices() -> list[tuple[str, str]]:
    """For a form: telefoon, brief, persoonlijk."""
    return [(value, label) for value, label in Channel.choices if value in ON_BEHALF]
