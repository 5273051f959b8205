from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from inspraak.demo.generator import ProductionRefused, load_demo


class Command(BaseCommand):
    help = "Load the fictional demo region (idempotent) and print one login per role."

    def handle(self, *args, **options):
        try:
            logins = load_demo()
        except ProductionRefused as exc:
            raise CommandError(str(exc)) from exc
        url = f"{settings.SITE_URL}/inloggen/"
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Log in at " + url))
        self.stdout.write("")
        width = max(len(login.role) for login in logins)
        for login in logins:
            if login.code:
                how = f"inlogcode {login.code}  (op {settings.SITE_URL}/inloggen/code/)"
            else:
                how = f"{login.email}  /  {login.password}"
            self.stdout.write(f"  {login.role:<{width}}  {login.name:<18}  {how}")
        self.stdout.write("")
