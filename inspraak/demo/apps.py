from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "inspraak.demo"
    verbose_name = "Demo data"
