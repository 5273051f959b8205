from django.urls import path

from inspraak.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("mijn-overzicht/", views.dashboard, name="dashboard"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("beheer/<slug:region>/e-mails/", views.email_failures, name="email_failures"),
    path("beheer/<slug:region>/e-mails/<int:pk>/opnieuw/", views.email_retry, name="email_retry"),
]
