"""Delete login links and printed login codes that were used, revoked or expired more than a day ago.

Schedule it with the hourly clean-up (docs/deployment.md). Prints counts only, never who they belonged to.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from inspraak.privacy.services import credentials_prune


class Command(BaseCommand):
    help = "Delete used, revoked and expired login links and login codes older than a day."

    def handle(self, *args, **options):
        links, codes = credentials_prune()
        self.stdout.write(f"Deleted {links} login links and {codes} login codes.")
