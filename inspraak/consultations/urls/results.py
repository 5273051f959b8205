from django.urls import path

from inspraak.consultations.views import results as views

_c = "beheer/<slug:region>/raadplegingen/<int:pk>/"

urlpatterns: list = [
    path(_c + "resultaten/", views.results, name="results"),
    path(_c + "resultaten/resultaten.csv", views.results_csv, name="results_csv"),
    path(_c + "resultaten/resultaten.xlsx", views.results_xlsx, name="results_xlsx"),
    path(_c + "resultaten/antwoorden.csv", views.answers_csv, name="answers_csv"),
    path(_c + "resultaten/rapport.pdf", views.results_pdf, name="results_pdf"),
    path(_c + "nakijken/", views.moderation, name="moderation"),
    path(_c + "publiceren/", views.publish, name="publish"),
    path(_c + "bevindingen/onderwerp/", views.finding_topic, name="finding_topic"),
    path(_c + "bevindingen/adviesaanvraag/", views.finding_request, name="finding_request"),
    path("r/<slug:region>/raadplegingen/", views.public_list, name="public_list"),
    path("r/<slug:region>/raadplegingen/<int:pk>/", views.public_detail, name="public_detail"),
]
