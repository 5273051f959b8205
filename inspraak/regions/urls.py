from django.urls import path

from inspraak.regions import views

app_name = "regions"

urlpatterns = [
    path("beheer/", views.manage_home, name="manage_home"),
    path("r/<slug:region>/", views.region_detail, name="region"),
    path("r/<slug:region>/gemeenten/<slug:municipality>/", views.municipality_detail, name="municipality"),
    path("r/<slug:region>/organen/<slug:body>/", views.body_detail, name="body"),
]
