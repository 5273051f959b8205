"""Email each body's secretaries about terms that end soon and remove long-expired invitations.

Run it daily (see docs/deployment.md)."""

from django.core.management.base import BaseCommand

from inspraak.members.services import invitations_expire, term_reminders_send, under_27_expire


class Command(BaseCommand):
    help = (
        "Stuur secretarissen een herinnering als de termijn van leden bijna afloopt (één keer per termijn), "
        "haal het kenmerk jonger dan 27 weg bij wie 27 is geworden, en verwijder verlopen uitnodigingen."
    )

    def handle(self, *args, **options):
        count = term_reminders_send()
        self.stdout.write(f"{count} termijnen gemeld")
        turned = under_27_expire()
        self.stdout.write(f"{turned} leden zijn 27 geworden")
        expired = invitations_expire()
        self.stdout.write(f"{expired} verlopen uitnodigingen verwijderd")
