"""Delete the receipt files of expense claims paid or rejected longer ago than INSPRAAK_RECEIPT_RETENTION_DAYS.

The claim itself (kind, date, amount, status, payment date and reference) stays: that is the GR's financial record.
Schedule it with the daily jobs (docs/deployment.md). Prints a count only, never whose receipts.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from inspraak.claims.services import receipts_prune


class Command(BaseCommand):
    help = "Delete receipts of expense claims past the retention period (INSPRAAK_RECEIPT_RETENTION_DAYS)."

    def handle(self, *args, **options):
        days = settings.INSPRAAK_RECEIPT_RETENTION_DAYS
        pruned = receipts_prune(today=timezone.localdate(), retention_days=days)
        self.stdout.write(f"Deleted {pruned} receipts older than {days} days after payment or rejection.")
