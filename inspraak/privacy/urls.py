from django.urls import path

from inspraak.privacy import views

app_name = "privacy"

urlpatterns = [
    path("mijn-account/gegevens/", views.my_data, name="my_data"),
    path("mijn-account/gegevens/downloaden/", views.my_data_download, name="my_data_download"),
    path("beheer/<slug:region>/personen/<int:pk>/gegevens/", views.person_data, name="person_data"),
    path(
        "beheer/<slug:region>/personen/<int:pk>/gegevens/downloaden/",
        views.person_data_download,
        name="person_data_download",
    ),
    path("beheer/<slug:region>/personen/<int:pk>/verwijderen/", views.person_erase, name="person_erase"),
]
