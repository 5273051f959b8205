from django.urls import path

from inspraak.support import views

app_name = "support"

_b = "orgaan/<slug:region>/<slug:body>/"
_c = "beheer/<slug:region>/vrijwilligersvergoeding/"

urlpatterns = [
    path(_b + "vergoedingsregeling/", views.scheme_overview, name="scheme"),
    path(_b + "vergoedingsregeling/<int:year>/wijzigen/", views.scheme_edit, name="scheme_edit"),
    path(_b + "vergoedingsregeling/<int:year>/kopieren/", views.scheme_copy, name="scheme_copy"),
    path(_b + "wat-krijgt-u/", views.member_page, name="member_page"),
    path(_b + "wat-krijgt-u/brieven/", views.scheme_letters, name="scheme_letters"),
    path(_c, views.caps_list, name="caps"),
    path(_c + "nieuw/", views.cap_new, name="cap_new"),
    path(_c + "<int:year>/wijzigen/", views.cap_edit, name="cap_edit"),
]
