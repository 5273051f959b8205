"""Send queued emails and text messages whose task got lost, and delete old rows of the outboxes.

Schedule it with the hourly clean-up (docs/deployment.md). The normal retries need no schedule: a task that failed
queues its own next try. Prints counts only, never addresses.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from inspraak.core import outbox, sms


class Command(BaseCommand):
    help = "Queue due emails and text messages again and delete sent ones older than 30 days."

    def handle(self, *args, **options):
        queued = outbox.send_due()
        deleted = outbox.prune()
        self.stdout.write(f"Queued {queued} emails again; deleted {deleted} old emails.")
        queued, deleted = sms.send_due(), sms.prune()
        self.stdout.write(f"Queued {queued} text messages again; deleted {deleted} old text messages.")
