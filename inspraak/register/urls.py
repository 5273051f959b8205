from django.urls import path

from inspraak.register import views

app_name = "register"

urlpatterns = [
    path("r/<slug:region>/adviezen/", views.index, name="index"),
    path("r/<slug:region>/adviezen/<int:pk>/", views.advice, name="advice"),
    path("r/<slug:region>/adviezen/export.csv", views.csv_export, name="csv"),
    path("r/<slug:region>/voorstellen/<int:pk>/", views.proposal, name="proposal"),
    path("r/<slug:region>/besloten-zonder-advies/", views.without_advice, name="without_advice"),
    path("api/v1/regio/<slug:region>/adviezen/", views.api_advices, name="api_advices"),
    path("api/v1/regio/<slug:region>/voorstellen/<int:pk>/", views.api_proposal, name="api_proposal"),
]
