from django.urls import path

from inspraak.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("mijn-overzicht/", views.dashboard, name="dashboard"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
]
