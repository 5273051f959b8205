from django.urls import path

from inspraak.compliance import views

app_name = "compliance"

urlpatterns = [
    path("r/<slug:region>/art-47/", views.matrix, name="matrix"),
    path("r/<slug:region>/art-47/export.csv", views.csv_export, name="csv"),
    path("r/<slug:region>/art-47/regio/", views.region_evidence, name="region_evidence"),
    path(
        "r/<slug:region>/art-47/gemeenten/<slug:municipality>/",
        views.municipality_evidence,
        name="municipality_evidence",
    ),
    path("beheer/<slug:region>/art-47/instellingen/", views.settings_edit, name="settings"),
]
