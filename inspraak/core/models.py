"""Shared models: the rate-limit counters (see inspraak.core.ratelimit)."""

from __future__ import annotations

from django.db import models


class RateLimitCounter(models.Model):
    """How often something happened for one key within one fixed time window.

    ``key_hash`` is a keyed hash of the limit's name and what it counts (an internet address, an email address, a
    vacancy): the table never holds an address in readable form. Rows of past windows are deleted by
    ``manage.py prune_rate_limits``.
    """

    key_hash = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key_hash", "window_start"], name="ratelimit_one_row_per_window"),
        ]
        indexes = [models.Index(fields=["window_start"], name="ratelimit_window_idx")]

    def __str__(self) -> str:
        return f"{self.key_hash[:8]}… {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
