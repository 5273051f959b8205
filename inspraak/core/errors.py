"""One style of service error: ``raise ServiceError("closed")``, shown by the view as a clear Dutch message.

Services refuse a step that does not fit with a ``code`` (and any details a message needs as keyword arguments);
the app's views keep a ``MESSAGES = {code: gettext_lazy(...)}`` table and call ``message_for(error, MESSAGES)``.
An app may subclass ``ServiceError`` (``class AgendaError(ServiceError)``) so its views catch only their own.
"""

from __future__ import annotations

from collections.abc import Mapping

from inspraak.core.names import named_message


class ServiceError(Exception):
    """A step that does not fit; ``code`` says which one, ``params`` carry details for the message."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params

    def __getattr__(self, name: str):
        # error.fragments reads params["fragments"]; only called for names that are not set on the instance
        params = self.__dict__.get("params", {})
        if name in params:
            return params[name]
        raise AttributeError(name)


def message_for(error: ServiceError, messages: Mapping[str, str]) -> str:
    """The Dutch message for the error's code, with its params filled in where the message uses them. A text
    refused for naming a client (``fragments``: the words that do) is followed by those words."""
    message = str(messages[error.code])
    if error.params.get("fragments"):
        return named_message(error.params["fragments"], message)
    return message % error.params if error.params and "%(" in message else message
