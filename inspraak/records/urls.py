from django.urls import path

from inspraak.records import views

app_name = "records"

_body = "orgaan/<slug:region>/<slug:body>/"
_meeting = _body + "bijeenkomsten/<int:pk>/"

urlpatterns = [
    path(_meeting + "aanwezigheid/", views.attendance, name="attendance"),
    path(_meeting + "verslag/", views.minutes, name="minutes"),
    path(_meeting + "verslag/schrijven/", views.minutes_edit, name="minutes_edit"),
    path(_meeting + "verslag/delen/", views.minutes_share, name="minutes_share"),
    path(_meeting + "verslag/vaststellen/", views.minutes_approve, name="minutes_approve"),
    path(_meeting + "verslag/openbaar/", views.minutes_public, name="minutes_public"),
    path(_meeting + "afspraken/nieuw/", views.agreement_new, name="agreement_new"),
    path(_meeting + "terugkoppeling/", views.feedback, name="feedback"),
    path(_meeting + "terugkoppeling/schrijven/", views.feedback_edit, name="feedback_edit"),
    path(_meeting + "terugkoppeling/versturen/", views.feedback_send, name="feedback_send"),
    path(_meeting + "terugkoppeling/opnieuw-versturen/", views.feedback_resend, name="feedback_resend"),
    path(_meeting + "terugkoppeling/reacties/", views.feedback_reactions, name="feedback_reactions"),
    path(_body + "afspraken/", views.agreements, name="agreements"),
    path(_body + "afspraken/<int:pk>/", views.agreement, name="agreement"),
]
