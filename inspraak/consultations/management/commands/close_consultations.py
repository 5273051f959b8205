"""Close every open consultation whose closing moment has passed: its status becomes "gesloten" (with a history
event without a person) and the drafts of people who did not submit are deleted (ADR 30). Answering already stops at
the closing moment; this makes the status, the owner's to-do ("publiceer de resultaten") and the public page follow.
Schedule it with the hourly jobs (docs/deployment.md). Prints a count only."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from inspraak.consultations.services.build import consultations_close_due


class Command(BaseCommand):
    help = "Close open consultations whose closing moment has passed."

    def handle(self, *args, **options):
        closed = consultations_close_due(now=timezone.now())
        self.stdout.write(f"Closed {closed} consultations.")
