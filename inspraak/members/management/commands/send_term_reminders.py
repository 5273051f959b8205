"""Email each body's secretaries about terms that end soon. Run it daily (see docs/deployment.md)."""

from django.core.management.base import BaseCommand

from inspraak.members.services import term_reminders_send


class Command(BaseCommand):
    help = "Stuur secretarissen een herinnering als de termijn van leden bijna afloopt (één keer per termijn)."

    def handle(self, *args, **options):
        count = term_reminders_send()
        self.stdout.write(f"{count} termijnen gemeld")
