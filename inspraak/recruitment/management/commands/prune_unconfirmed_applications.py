"""Delete online applications that were never confirmed: with email after 7 days, without email after 30.

Schedule it with the hourly clean-up (docs/deployment.md). Prints a count only, never who applied.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from inspraak.recruitment.services import applications_prune_unconfirmed


class Command(BaseCommand):
    help = "Delete online applications that were not confirmed in time."

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {applications_prune_unconfirmed()} unconfirmed applications.")
