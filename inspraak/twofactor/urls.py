from django.urls import path

from inspraak.twofactor import views

app_name = "twofactor"

urlpatterns = [
    path("inloggen/tweede-stap/", views.verify, name="verify"),
    path("inloggen/tweede-stap/instellen/", views.setup, name="setup"),
    path("mijn-account/tweede-stap/", views.manage, name="manage"),
    path("mijn-account/tweede-stap/uitzetten/", views.switch_off, name="switch_off"),
    path("mijn-account/tweede-stap/herstelcodes/", views.recovery_codes_new, name="recovery_codes_new"),
    path("beheer/<slug:region>/personen/<int:pk>/tweede-stap/", views.reset, name="reset"),
]
