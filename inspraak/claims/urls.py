from django.urls import path

from inspraak.claims import views

app_name = "claims"

_c = "orgaan/<slug:region>/<slug:body>/declaraties/"

urlpatterns = [
    path(_c, views.claim_mine, name="mine"),
    path(_c + "nieuw/", views.claim_new, name="new"),
    path(_c + "beoordelen/", views.claim_list, name="list"),
    path(_c + "invoeren-voor-lid/", views.claim_paper, name="paper"),
    path(_c + "<int:pk>/", views.claim_detail, name="detail"),
    path(_c + "<int:pk>/wijzigen/", views.claim_edit, name="edit"),
    path(_c + "<int:pk>/intrekken/", views.claim_withdraw, name="withdraw"),
    path(_c + "<int:pk>/bon/", views.claim_receipt, name="receipt"),
    path("financien/<slug:region>/declaraties/", views.claim_region_list, name="region_list"),
]
