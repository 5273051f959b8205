from django.urls import path

from inspraak.meetings import views

app_name = "meetings"

_plan = "orgaan/<slug:region>/<slug:body>/bijeenkomsten/"

urlpatterns = [
    path(_plan, views.year_plan, name="year_plan"),
    path(_plan + "nieuw/", views.meeting_new, name="new"),
    path(_plan + "reeks/", views.meeting_series, name="series"),
    path(_plan + "<int:pk>/", views.meeting_detail, name="detail"),
    path(_plan + "<int:pk>/wijzigen/", views.meeting_edit, name="edit"),
    path(_plan + "<int:pk>/status/", views.meeting_status, name="status"),
    path(_plan + "<int:pk>/annuleren/", views.meeting_cancel, name="cancel"),
]
