"""Daily: the reminders of the advice cycle (request deadlines, responses due or overdue, decisions near without
a request). Each reminder is sent once; see inspraak/advice/reminders.py and docs/deployment.md."""

from django.core.management.base import BaseCommand

from inspraak.advice.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Stuur herinneringen voor adviezen: de uiterste datum van een adviesaanvraag komt dichtbij, een reactie op "
        "een advies is bijna nodig of te laat, of er wordt bijna besloten terwijl een groep nog niet is gevraagd."
    )

    def handle(self, *args, **options):
        counts = reminders_send()
        self.stdout.write(f"{counts['deadline']} adviesaanvragen gemeld")
        self.stdout.write(f"{counts['response']} reacties op adviezen gemeld")
        self.stdout.write(f"{counts['decision']} voorstellen zonder adviesaanvraag gemeld")
