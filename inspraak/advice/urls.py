from django.urls import path

from inspraak.advice import officer_views, views

app_name = "advice"

_body = "orgaan/<slug:region>/<slug:body>/"
_request = _body + "adviesaanvragen/<int:pk>/"
_advice = _body + "adviezen/<int:pk>/"

_officer = "beleid/<slug:region>/"
_proposal = _officer + "voorstellen/<int:pk>/"
_officer_request = _officer + "aanvragen/"

urlpatterns = [
    # The policy officer's side (the proposal's own pages are the policy app's, under the same paths)
    path(_officer, officer_views.officer_dashboard, name="officer_dashboard"),
    path(_officer_request + "open/", officer_views.open_requests, name="officer_open_requests"),
    path(_officer + "adviezen/reactie-nodig/", officer_views.awaiting_response, name="officer_awaiting"),
    path(_proposal, officer_views.proposal_detail, name="proposal"),
    path(_proposal + "advies-vragen/", officer_views.request_new, name="request_new"),
    path(_officer_request + "<int:pk>/", officer_views.request_detail, name="officer_request"),
    path(
        _officer_request + "<int:request_pk>/stukken/<int:pk>/",
        officer_views.request_document,
        name="request_document",
    ),
    path(_officer + "adviezen/<int:pk>/reactie/", officer_views.response_record, name="response"),
    # Requests to the body (secretary, facilitator, members read-only, beheerder)
    path(_body + "adviesaanvragen/", views.requests, name="requests"),
    path(_request, views.request_detail, name="request_detail"),
    path(_request + "afzien/", views.request_decline, name="request_decline"),
    path(_request + "advies-schrijven/", views.request_advice, name="request_advice"),
    # The body's advice
    path(_body + "adviezen/", views.advice_list, name="list"),
    path(_body + "adviezen/nieuw/", views.advice_new, name="new"),
    path(_advice, views.advice_detail, name="detail"),
    path(_advice + "wijzigen/", views.advice_edit, name="edit"),
    path(_advice + "opmerking/", views.advice_comment, name="comment"),
    path(_advice + "vaststellen/", views.advice_adopt, name="adopt"),
    path(_advice + "versturen/", views.advice_send, name="send"),
    path(_advice + "pdf-toevoegen/", views.attachment_upload, name="attachment_upload"),
    path(_advice + "advies.pdf", views.attachment, name="attachment"),
    path(_advice + "reactie-van-de-groep/", views.follow_up, name="follow_up"),
]
