"""Daily: remind members two days before a meeting whose agenda was published, by email and, for members who asked
for it, by SMS (each once per invitation)."""

from django.core.management.base import BaseCommand

from inspraak.agenda.services import reminders_send


class Command(BaseCommand):
    help = "Stuurt leden een herinnering twee dagen voor een bijeenkomst (één keer per uitnodiging)."

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"{sent} herinnering(en) verstuurd")
