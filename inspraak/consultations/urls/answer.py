from django.urls import path

from inspraak.consultations.views import answer as views

_c = "beheer/<slug:region>/raadplegingen/<int:pk>/"
_m = "mee/<int:pk>/"

urlpatterns = [
    # the respondent (no account)
    path("mee/", views.enter_code, name="enter_code"),
    path(_m, views.answer_start, name="answer_start"),
    path(_m + "deel/<int:number>/", views.answer_section, name="answer_section"),
    path(_m + "controleren/", views.answer_check, name="answer_check"),
    path(_m + "bedankt/", views.answer_done, name="answer_done"),
    path(_m + "open/", views.open_start, name="open_start"),
    # staff
    path(_c + "proef/", views.test_run, name="test_run"),
    path(_c + "papier/", views.paper_entry, name="paper_entry"),
    path(_c + "papier/vragenlijst.pdf", views.paper_form_pdf, name="paper_form_pdf"),
    path(_c + "codes/", views.codes, name="codes"),
    path(_c + "codes/<int:batch>/codes.csv", views.codes_csv, name="codes_csv"),
    path(_c + "codes/<int:batch>/brieven.pdf", views.codes_pdf, name="codes_pdf"),
]
