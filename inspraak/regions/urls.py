from django.urls import path

from inspraak.regions import views

app_name = "regions"

urlpatterns = [
    # Public
    path("r/<slug:region>/", views.region_detail, name="region"),
    path("r/<slug:region>/gemeenten/<slug:municipality>/", views.municipality_detail, name="municipality"),
    path("r/<slug:region>/organen/<slug:body>/", views.body_detail, name="body"),
    # For people with a role in the body
    path("orgaan/<slug:region>/<slug:body>/", views.body_dashboard, name="body_dashboard"),
    # Beheerder
    path("beheer/", views.manage_home, name="manage_home"),
    path("beheer/nieuwe-regio/", views.region_new, name="region_new"),
    path("beheer/<slug:region>/", views.manage_region, name="manage_region"),
    path("beheer/<slug:region>/instellingen/", views.region_edit, name="region_edit"),
    path("beheer/<slug:region>/gemeenten/nieuw/", views.municipality_new, name="municipality_new"),
    path(
        "beheer/<slug:region>/gemeenten/<slug:municipality>/bewerken/",
        views.municipality_edit,
        name="municipality_edit",
    ),
    path(
        "beheer/<slug:region>/gemeenten/<slug:municipality>/verwijderen/",
        views.municipality_delete,
        name="municipality_delete",
    ),
    path("beheer/<slug:region>/organen/nieuw/", views.body_new, name="body_new"),
    path("beheer/<slug:region>/organen/<slug:body>/bewerken/", views.body_edit, name="body_edit"),
    path("beheer/<slug:region>/organen/<slug:body>/verwijderen/", views.body_delete, name="body_delete"),
]
