"""Signals the foundation sends, so the apps above it can act without core importing them."""

from __future__ import annotations

from django.dispatch import Signal

# A person asked to send a failed email again (core.outbox.retry), inside its transaction. Arguments: email, by.
email_retried = Signal()
