"""``manage.py load_demo``: the fictional demo region (idempotent), then one printed login per role."""

from django.core.management.base import BaseCommand, CommandError

from inspraak.demo.generator import DEMO_RECOVERY_CODES, DEMO_TOTP_SECRET, DEMO_URL, ProductionRefused, load_demo


class Command(BaseCommand):
    help = "Load the fictional demo region Waterland-Oost (safe to run again) and print one login per role."

    def handle(self, *args, **options):
        try:
            logins = load_demo()
        except ProductionRefused as exc:
            raise CommandError(str(exc)) from exc
        rows = [("ROL", "NAAM", "E-MAILADRES", "WACHTWOORD / INLOGCODE")]
        for login in logins:
            secret = login.password if login.code is None else f"inlogcode {login.code}"
            if login.second_factor:
                secret += " + tweede stap (zie onder)"
            rows.append((login.role, login.name, login.email or "(geen e-mail)", secret))
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        self.stdout.write(self.style.SUCCESS("Demo data staat klaar (Regio Waterland-Oost, verzonnen)."))
        self.stdout.write(f"Inloggen: {DEMO_URL}")
        self.stdout.write("  (zonder e-mail: kies daar 'Ik heb een inlogcode op papier' en typ de inlogcode)")
        self.stdout.write("")
        for row in rows:
            self.stdout.write("  " + "  ".join(cell.ljust(widths[i]) if i < 3 else cell for i, cell in enumerate(row)))
        self.stdout.write("")
        if any(login.second_factor for login in logins):
            self.stdout.write("Tweede stap van de beheerder (na het wachtwoord vraagt de site een code):")
            self.stdout.write(f"  app-sleutel {DEMO_TOTP_SECRET}: zet die in een app als FreeOTP of Aegis,")
            self.stdout.write(f"  of maak de code in de terminal: oathtool --totp -b {DEMO_TOTP_SECRET}")
            self.stdout.write(f"  of typ een herstelcode (elk één keer): {', '.join(DEMO_RECOVERY_CODES)}")
            self.stdout.write("")
