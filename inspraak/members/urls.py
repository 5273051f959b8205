from django.urls import path

from inspraak.members import views

app_name = "members"

_m = "orgaan/<slug:region>/<slug:body>/leden/<int:pk>/"

urlpatterns = [
    path("orgaan/<slug:region>/<slug:body>/leden/", views.member_list, name="list"),
    path("orgaan/<slug:region>/<slug:body>/leden/nieuw/", views.member_new, name="new"),
    path(_m, views.member_detail, name="detail"),
    path(_m + "wijzigen/", views.member_edit, name="edit"),
    path(_m + "beeindigen/", views.member_end, name="end"),
    path(_m + "verlengen/", views.member_renew, name="renew"),
    path(_m + "activeren/", views.member_activate, name="activate"),
    path(_m + "toestemming/", views.member_consent, name="consent"),
    path(_m + "inlogcode/", views.member_code_letter, name="code_letter"),
    path("orgaan/<slug:region>/<slug:body>/mijn-gegevens/", views.own_membership, name="own"),
    path("mijn-uitnodigingen/<int:pk>/", views.invitation, name="invitation"),
    path("api/v1/organen/<slug:region>/<slug:body>/samenstelling/", views.api_composition, name="api_composition"),
]
