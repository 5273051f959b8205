from django.urls import path

from inspraak.recruitment import views

app_name = "recruitment"

_public = "r/<slug:region>/vacatures/"
_vacancies = "orgaan/<slug:region>/<slug:body>/vacatures/"
_application = "orgaan/<slug:region>/<slug:body>/aanmeldingen/<int:pk>/"

urlpatterns = [
    # Public: no login, no personal data
    path(_public, views.region_vacancies, name="region_vacancies"),
    path(_public + "<int:pk>/", views.vacancy_public, name="vacancy_public"),
    path(_public + "<int:pk>/bedankt/", views.vacancy_thanks, name="vacancy_thanks"),
    path(_public + "<int:pk>/op-papier/", views.vacancy_paper, name="vacancy_paper"),
    path(_public + "<int:vacancy>/lotingen/<int:pk>/", views.draw_public, name="draw_public"),
    path("r/<slug:region>/aanmelding-bevestigen/<str:token>/", views.application_confirm, name="application_confirm"),
    # The body's supporters (policy officers: the numbers only)
    path(_vacancies, views.vacancy_list, name="vacancy_list"),
    path(_vacancies + "nieuw/", views.vacancy_new, name="vacancy_new"),
    path(_vacancies + "<int:pk>/", views.vacancy_detail, name="vacancy_detail"),
    path(_vacancies + "<int:pk>/wijzigen/", views.vacancy_edit, name="vacancy_edit"),
    path(_vacancies + "<int:pk>/aanmelding-op-papier/", views.paper_application, name="paper_application"),
    path(_vacancies + "<int:pk>/loten/", views.draw_new, name="draw_new"),
    # The old address of a draw's page: sends everyone to draw_public.
    path("orgaan/<slug:region>/<slug:body>/lotingen/<int:pk>/", views.draw_detail, name="draw_detail"),
    path(_application, views.application_detail, name="application_detail"),
    path(_application + "status/", views.application_status, name="application_status"),
    path(_application + "geschikt/", views.application_suitable, name="application_suitable"),
    path(_application + "bevestigen/", views.application_confirm_by_phone, name="application_confirm_by_phone"),
    path(_application + "uitslag/", views.outcome_send, name="outcome_send"),
    path(_application + "brief/", views.outcome_letter, name="outcome_letter"),
    path(_application + "lid-maken/", views.application_convert, name="application_convert"),
    path(_application + "gegevens-verwijderen/", views.application_erase, name="application_erase"),
]
