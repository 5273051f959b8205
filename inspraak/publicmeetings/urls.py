from django.urls import path

from inspraak.publicmeetings import views

app_name = "publicmeetings"

_public = "r/<slug:region>/organen/<slug:body>/bijeenkomsten/"
_api = "api/v1/organen/<slug:region>/<slug:body>/bijeenkomsten/"

urlpatterns = [
    path(_public, views.calendar, name="calendar"),
    path(_public + "<int:pk>.ics", views.meeting_ics, name="ics"),
    path(_public + "<int:pk>/", views.meeting_page, name="meeting"),
    path(_public + "<int:pk>/agenda/", views.agenda, name="agenda"),
    path(_api, views.api_meetings, name="api_meetings"),
    path(_api + "<int:pk>/", views.api_meeting, name="api_meeting"),
    path(_api + "<int:pk>/agenda/", views.api_agenda, name="api_agenda"),
]
