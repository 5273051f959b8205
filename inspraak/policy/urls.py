from django.urls import path

from inspraak.policy import views

app_name = "policy"

_p = "beleid/<slug:region>/voorstellen/<int:pk>/"

urlpatterns = [
    path("beleid/<slug:region>/voorstellen/nieuw/", views.proposal_new, name="proposal_new"),
    path(_p + "wijzigen/", views.proposal_edit, name="proposal_edit"),
    path(_p + "status/", views.proposal_status, name="proposal_status"),
    path(_p + "besluit/", views.decision_file, name="decision_file"),
]
