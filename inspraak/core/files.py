"""Stored files (uploads) when the storage fails: a clear message, never a 500.

A full disk, a missing or read-only media folder or a network share that is away raises an ``OSError`` (for example
``PermissionError`` or ``NotADirectoryError``). Services turn it into their own error with a code; views show
``STORE_FAILED`` next to the file field (the typed text stays) and ``unavailable`` (503) for a download.
"""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

STORE_FAILED = _(
    "Het bestand kon nu niet worden opgeslagen. Er is niets veranderd. Probeer het over een paar minuten opnieuw. "
    "Lukt het dan nog niet? Vraag de beheerder om hulp."
)


class StorageFailed(Exception):
    """The file storage refused to save a file."""


def save(field_file, name: str, data: bytes) -> None:
    """Store ``data`` under ``name`` on a model's file field (not saving the model); StorageFailed when the storage
    refuses."""
    try:
        field_file.save(name, ContentFile(data), save=False)
    except OSError as exc:
        logger.error("Storing an uploaded file failed: %s", type(exc).__name__)
        raise StorageFailed from exc


def open_stored(field_file):
    """Open a stored file for reading. FileNotFoundError when it is gone, StorageFailed when the storage refuses."""
    try:
        return field_file.open("rb")
    except FileNotFoundError:
        raise
    except OSError as exc:
        logger.error("Opening a stored file failed: %s", type(exc).__name__)
        raise StorageFailed from exc


def delete(storage, name: str) -> None:
    """Remove a stored file. A storage that refuses only logs: the file stays behind, but a change that is already
    committed never ends in a 500."""
    try:
        storage.delete(name)
    except OSError as exc:
        logger.error("Deleting a stored file failed: %s", type(exc).__name__)
