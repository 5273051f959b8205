"""Delete rate-limit counters of windows that started more than two days ago.

Schedule it with the hourly clean-up (docs/deployment.md). Prints a count only; the rows hold keyed hashes anyway.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from inspraak.core.ratelimit import prune


class Command(BaseCommand):
    help = "Delete rate-limit counters older than two days."

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {prune()} rate-limit counters.")
