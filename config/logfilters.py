"""Logging filters used by ``settings.LOGGING``."""

from __future__ import annotations

import logging


class NoTracebackForClientErrors(logging.Filter):
    """A refused request (4xx, e.g. a 403 from PermissionDenied) is expected: log one warning line, no traceback.

    Server errors (5xx) keep their traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
