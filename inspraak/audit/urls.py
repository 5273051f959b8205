from django.urls import path

from inspraak.audit import views

app_name = "audit"

urlpatterns = [
    path("beheer/<slug:region>/logboek/", views.log, name="log"),
]
