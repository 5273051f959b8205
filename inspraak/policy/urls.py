from django.urls import path

from inspraak.policy import views

app_name = "policy"

_p = "beleid/<slug:region>/voorstellen/<int:pk>/"
_r = "beleid/<slug:region>/aanvragen/"

urlpatterns = [
    path("beleid/<slug:region>/", views.dashboard, name="dashboard"),
    path("beleid/<slug:region>/voorstellen/nieuw/", views.proposal_new, name="proposal_new"),
    path(_p, views.proposal_detail, name="proposal"),
    path(_p + "wijzigen/", views.proposal_edit, name="proposal_edit"),
    path(_p + "status/", views.proposal_status, name="proposal_status"),
    path(_p + "besluit/", views.decision_file, name="decision_file"),
    path(_p + "advies-vragen/", views.request_new, name="request_new"),
    path(_r + "<int:pk>/", views.request_detail, name="request"),
    path(_r + "<int:request_pk>/stukken/<int:pk>/", views.request_document, name="request_document"),
    path("beleid/<slug:region>/adviezen/<int:pk>/reactie/", views.response_record, name="response"),
]
