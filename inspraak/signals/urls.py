from django.urls import path

from inspraak.signals import views

app_name = "signals"

_b = "beheer/<slug:region>/signalen/"
_o = "orgaan/<slug:region>/<slug:body>/signalen/"

urlpatterns = [
    # Public, when the region chooses so
    path("r/<slug:region>/signalen/", views.public, name="public"),
    # GR staff: the beheerder and the policy officers
    path(_b, views.staff, name="staff"),
    path(_b + "invoeren/", views.enter, name="enter"),
    path(_b + "inlezen/", views.import_csv, name="import_csv"),
    path(_b + "voorbeeld.csv", views.example_csv, name="example_csv"),
    path(_b + "themas/", views.themes, name="themes"),
    path(_b + "themas/<int:pk>/wijzigen/", views.theme_edit, name="theme_edit"),
    path(_b + "instellingen/", views.settings_edit, name="settings"),
    path(_b + "onderwerpen/<int:pk>/", views.follow_up, name="follow_up"),
    # A group's signals
    path(_o, views.body_signals, name="body"),
    path(_o + "agenderen/<slug:kind>/<slug:theme>/<int:year>-<int:quarter>/", views.make_topic, name="make_topic"),
]
