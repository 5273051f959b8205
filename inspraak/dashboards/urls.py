from django.urls import path

from inspraak.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.home, name="home"),
    path("mijn-overzicht/", views.dashboard, name="dashboard"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    # Public page of a body (what it does, its composition, how to join)
    path("r/<slug:region>/organen/<slug:body>/", views.body_detail, name="body"),
    # For people with a role in the body
    path("orgaan/<slug:region>/<slug:body>/", views.body_dashboard, name="body_dashboard"),
    # Beheerder
    path("beheer/", views.manage_home, name="manage_home"),
]
