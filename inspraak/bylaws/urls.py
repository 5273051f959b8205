from django.urls import path

from inspraak.bylaws import views

app_name = "bylaws"

urlpatterns = [
    # Public: a verordening is a public decision
    path("r/<slug:region>/verordeningen/", views.public_index, name="public_index"),
    path("r/<slug:region>/verordeningen/<int:pk>/", views.public_detail, name="public_detail"),
    path("r/<slug:region>/verordeningen/<int:pk>/pdf/", views.public_pdf, name="public_pdf"),
    # Beheerder and policy officers
    path("beheer/<slug:region>/verordeningen/", views.register, name="register"),
    path("beheer/<slug:region>/verordeningen/nieuw/", views.new, name="new"),
    path("beheer/<slug:region>/verordeningen/inlezen/", views.import_csv, name="import_csv"),
    path("beheer/<slug:region>/verordeningen/voorbeeld.csv", views.example_csv, name="example_csv"),
    path("beheer/<slug:region>/verordeningen/<int:pk>/", views.detail, name="detail"),
    path("beheer/<slug:region>/verordeningen/<int:pk>/wijzigen/", views.edit, name="edit"),
]
