"""Send queued emails whose task got lost, and delete old rows of the outbox.

Schedule it with the hourly clean-up (docs/deployment.md). The normal retries need no schedule: a task that failed
queues its own next try. Prints counts only, never addresses.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from inspraak.core import outbox


class Command(BaseCommand):
    help = "Queue due emails of the outbox again and delete sent emails older than 30 days."

    def handle(self, *args, **options):
        queued = outbox.send_due()
        deleted = outbox.prune()
        self.stdout.write(f"Queued {queued} emails again; deleted {deleted} old emails.")
